import Foundation
import XCTest

/// `blast rank` on `Fixtures/rank-estate.json`, copied as `rank.json`. The estate and the
/// figures behind each score are described in `IdentityRiskTests` of the analysis tests;
/// ages count to 2025-01-01.
final class RankCommandTests: BlastTestCase {
  override func setUpWithError() throws {
    try super.setUpWithError()
    try FileManager.default.copyItem(
      at: Self.fixtures.appendingPathComponent("rank-estate.json"),
      to: folder.appendingPathComponent("rank.json"))
  }

  /// Copies the fixture as `hostile.json`, with the display names given by node id.
  private func writeEstate(names: [String: String]) throws {
    let data = try Data(contentsOf: folder.appendingPathComponent("rank.json"))
    var estate = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    var nodes = try XCTUnwrap(estate["nodes"] as? [[String: Any]])
    for index in nodes.indices {
      if let id = nodes[index]["id"] as? String, let name = names[id] {
        nodes[index]["name"] = name
      }
    }
    estate["nodes"] = nodes
    try JSONSerialization.data(withJSONObject: estate).write(
      to: folder.appendingPathComponent("hostile.json"))
  }

  /// Returns the `id` column of a CSV result without quoted cells.
  private func idColumn(_ csv: String) -> [String] {
    csv.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }.map {
      $0.components(separatedBy: ",")[2]
    }
  }

  func testTextShowsEveryFactor() throws {
    let expected = """
      5 identities ranked by risk score, as of 2025-01-01
      Columns with a slash count over every edge / over edges without an unevaluated condition.

        #  score  kind             platform     name        admin  jewels  platforms  accounts  reached  public  static creds      humans  external  last use                id
        1  29.00  serviceIdentity  gcp          web-sa      0/0    1/1     2/2        1/1       1/1      1/1     0                 0/0     0         unknown                 web-sa
        2  23.64  serviceIdentity  aws          admin-role  1/1    1/0     2/1        1/1       2/1      0/0     0                 2/1     2         2024-01-02 (365 d ago)  admin-role
        3  19.89  serviceIdentity  aws          ci-user     1/1    1/0     2/1        1/1       3/2      0/0     1 (oldest 730 d)  0/0     0         2024-12-02 (30 d ago)   ci-user
        4  15.81  human            aws          alice       1/1    1/0     2/1        1/1       3/2      0/0     0                 0/0     0         unknown                 alice
        5  10.82  human            on-premises  bob         1/0    1/0     2/1        1/0       3/0      0/0     0                 0/0     0         unknown                 bob

      Points per factor (weight times figure); the score is their sum

        #  privileges  crownJewels  platforms  accounts  reached  publicBindings  staticCredentials  credentialAge  humans  externalTrust  idleYears
        1  0.00        5.00         3.00       0.00      1.00     20.00           0.00               0.00           0.00    0.00           0.00
        2  10.00       2.50         1.50       0.00      1.32     0.00            0.00               0.00           1.32    6.00           1.00
        3  10.00       2.50         1.50       0.00      1.81     0.00            2.00               2.00           0.00    0.00           0.08
        4  10.00       2.50         1.50       0.00      1.81     0.00            0.00               0.00           0.00    0.00           0.00
        5  5.00        2.50         1.50       0.50      1.32     0.00            0.00               0.00           0.00    0.00           0.00

      """
    assertResult(
      try blast("rank", "rank.json", "--as-of", "2025-01-01"), status: 0, output: expected,
      error: "")
  }

  func testCSVListsEveryIdentity() throws {
    let expected = [
      "rank,score,id,name,kind,platform,account,privileges,privilegesUnconditional,"
        + "crownJewels,crownJewelsUnconditional,platforms,platformsUnconditional,accounts,"
        + "accountsUnconditional,reached,reachedUnconditional,publicBindings,"
        + "publicBindingsUnconditional,staticCredentials,oldestCredentialDays,humans,"
        + "humansUnconditional,externalTrust,lastUsed,daysSinceUse",
      "1,29.0000,web-sa,web-sa,serviceIdentity,gcp,proj,0,0,1,1,2,2,1,1,1,1,1,1,0,,0,0,0,,",
      "2,23.6439,admin-role,admin-role,serviceIdentity,aws,111111111111,1,1,1,0,2,1,1,1,2,1,0,"
        + "0,0,,2,1,2,2024-01-02,365",
      "3,19.8895,ci-user,ci-user,serviceIdentity,aws,111111111111,1,1,1,0,2,1,1,1,3,2,0,0,1,"
        + "730,0,0,0,2024-12-02,30",
      "4,15.8074,alice,alice,human,aws,111111111111,1,1,1,0,2,1,1,1,3,2,0,0,0,,0,0,0,,",
      "5,10.8219,bob,bob,human,on-premises,,1,0,1,0,2,1,1,0,3,0,0,0,0,,0,0,0,,",
    ].map { $0 + "\r\n" }.joined()
    assertResult(
      try blast("rank", "rank.json", "--as-of", "2025-01-01", "--csv"), status: 0,
      output: expected, error: "")
  }

  func testJSONTopTwo() throws {
    let expected = """
      {
        "schema" : "blastradius/rank/v1",
        "date" : "2025-01-01",
        "identities" : [
          {
            "exposure" : {
              "externalTrust" : 0,
              "humans" : 0,
              "humansUnconditional" : 0,
              "oldestCredentialDays" : null,
              "publicBindings" : 1,
              "publicBindingsUnconditional" : 1,
              "staticCredentials" : 0
            },
            "identity" : "web-sa",
            "points" : {
              "accounts" : 0,
              "credentialAge" : 0,
              "crownJewels" : 5,
              "externalTrust" : 0,
              "humans" : 0,
              "idleYears" : 0,
              "platforms" : 3,
              "privileges" : 0,
              "publicBindings" : 20,
              "reached" : 1,
              "staticCredentials" : 0
            },
            "rank" : 1,
            "reach" : {
              "all" : {
                "accounts" : 1,
                "crownJewels" : 1,
                "platforms" : 2,
                "privileges" : 0,
                "reached" : 1
              },
              "unconditional" : {
                "accounts" : 1,
                "crownJewels" : 1,
                "platforms" : 2,
                "privileges" : 0,
                "reached" : 1
              }
            },
            "score" : 29,
            "use" : {
              "daysSinceUse" : null,
              "lastUsed" : null
            }
          },
          {
            "exposure" : {
              "externalTrust" : 2,
              "humans" : 2,
              "humansUnconditional" : 1,
              "oldestCredentialDays" : null,
              "publicBindings" : 0,
              "publicBindingsUnconditional" : 0,
              "staticCredentials" : 0
            },
            "identity" : "admin-role",
            "points" : {
              "accounts" : 0,
              "credentialAge" : 0,
              "crownJewels" : 2.5,
              "externalTrust" : 6,
              "humans" : 1.3219,
              "idleYears" : 1,
              "platforms" : 1.5,
              "privileges" : 10,
              "publicBindings" : 0,
              "reached" : 1.3219,
              "staticCredentials" : 0
            },
            "rank" : 2,
            "reach" : {
              "all" : {
                "accounts" : 1,
                "crownJewels" : 1,
                "platforms" : 2,
                "privileges" : 1,
                "reached" : 2
              },
              "unconditional" : {
                "accounts" : 1,
                "crownJewels" : 0,
                "platforms" : 1,
                "privileges" : 1,
                "reached" : 1
              }
            },
            "score" : 23.6439,
            "use" : {
              "daysSinceUse" : 365,
              "lastUsed" : "2024-01-02"
            }
          }
        ],
        "nodes" : {
          "admin-role" : {
            "account" : "111111111111",
            "crownJewel" : false,
            "defined" : true,
            "kind" : "serviceIdentity",
            "name" : "admin-role",
            "platform" : "aws",
            "type" : "iam-role"
          },
          "web-sa" : {
            "account" : "proj",
            "crownJewel" : false,
            "defined" : true,
            "kind" : "serviceIdentity",
            "name" : "web-sa",
            "platform" : "gcp",
            "type" : "gcp-service-account"
          }
        },
        "total" : 5,
        "weights" : {
          "accounts" : 1,
          "conditionalShare" : 0.5,
          "credentialAge" : 1,
          "crownJewels" : 5,
          "externalTrust" : 3,
          "humans" : 1,
          "idleYears" : 1,
          "platforms" : 3,
          "privileges" : 10,
          "publicBindings" : 20,
          "reached" : 1,
          "staticCredentials" : 2
        }
      }

      """
    assertResult(
      try blast("rank", "rank.json", "--as-of", "2025-01-01", "--top", "2", "--json"),
      status: 0, output: expected, error: "")
  }

  func testWeightsFileReordersIdentities() throws {
    try write("{\"publicBindings\": 0}", to: "weights.json")
    let result = try blast(
      "rank", "rank.json", "--as-of", "2025-01-01", "--csv", "--weights", "weights.json")
    XCTAssertEqual(result.status, 0, result.standardError)
    XCTAssertEqual(
      idColumn(result.standardOutput), ["admin-role", "ci-user", "alice", "bob", "web-sa"])

    try write(
      "{\"publicBindings\": 0, \"externalTrust\": 0, \"idleYears\": 0, \"humans\": 0}",
      to: "reach-only.json")
    let reachOnly = try blast(
      "rank", "rank.json", "--as-of", "2025-01-01", "--csv", "--weights", "reach-only.json")
    XCTAssertEqual(
      idColumn(reachOnly.standardOutput), ["ci-user", "alice", "admin-role", "bob", "web-sa"])
  }

  func testWeightsFileErrorsNameFileAndKey() throws {
    let factors =
      "privileges, crownJewels, platforms, accounts, reached, conditionalShare, "
      + "publicBindings, staticCredentials, credentialAge, humans, externalTrust, idleYears"
    let cases: [(String, String)] = [
      (
        "{\"privileges\": 2, \"reach\": 1}",
        "w.json:reach: unknown factor \"reach\"; use one of \(factors)"
      ),
      (
        "{\"humans\": \"2\"}",
        "w.json:humans: the weight of humans is a string, not a number; write a number such "
          + "as 1.0"
      ),
      (
        "{\"humans\": true}",
        "w.json:humans: the weight of humans is a boolean, not a number; write a number such "
          + "as 1.0"
      ),
      (
        "{\"humans\": null}",
        "w.json:humans: the weight of humans is null, not a number; write a number such as 1.0"
      ),
      (
        "{\"conditionalShare\": 2}",
        "w.json:conditionalShare: the weight of conditionalShare is 2, out of range; give a "
          + "number from 0 through 1"
      ),
      (
        "{\"humans\": -1}",
        "w.json:humans: the weight of humans is -1, out of range; give a number from 0 through "
          + "1000000"
      ),
      (
        "[1]",
        "w.json: expected an object of factor names and weights, found an array; write it as "
          + "{\"privileges\": 10, ...}"
      ),
      (
        "{\"privileges\": 1.7e308, \"platforms\": 1.7e308}",
        "w.json:privileges: the weight of privileges is 1.7e308, out of range; give a number "
          + "from 0 through 1000000"
      ),
      (
        "{\"privileges\": 1000000.5}",
        "w.json:privileges: the weight of privileges is 1000000.5, out of range; give a number "
          + "from 0 through 1000000"
      ),
      (
        "{\"humans\": 1e400}",
        "w.json:humans: the weight of humans is 1e400, out of range; give a number from 0 "
          + "through 1000000"
      ),
      (
        "{\"privileges\": 1, \"humans\": 2, \"privileges\": 50}",
        "w.json:privileges: \"privileges\" is given twice; keep one of the two values"
      ),
      (
        "",
        "w.json: the file is empty; write an object of factor names and weights such as "
          + "{\"privileges\": 10, ...}"
      ),
      (
        " \n",
        "w.json: the file is empty; write an object of factor names and weights such as "
          + "{\"privileges\": 10, ...}"
      ),
      (
        "{\"humans\": 1\n \"privileges\": 2}",
        "w.json:line 2, column 2: invalid JSON (expected ',' or '}'); fix the JSON at that place"
      ),
      (
        "{\"humans\": ",
        "w.json:line 1, column 12: the JSON ends early (truncated file?); fix the JSON at that "
          + "place"
      ),
    ]
    for (content, message) in cases {
      try write(content, to: "w.json")
      assertResult(
        try blast("rank", "rank.json", "--weights", "w.json"), status: 65, output: "",
        error: "blast: error: \(message)\n")
    }
  }

  func testLargestWeightsKeepScoresFinite() throws {
    let factors = [
      "privileges", "crownJewels", "platforms", "accounts", "reached", "publicBindings",
      "staticCredentials", "credentialAge", "humans", "externalTrust", "idleYears",
    ].map { "\"\($0)\": 1000000" }
    try write("{\(factors.joined(separator: ", ")), \"conditionalShare\": 1}", to: "w.json")
    let result = try blast(
      "rank", "rank.json", "--as-of", "2025-01-01", "--json", "--weights", "w.json")
    XCTAssertEqual(result.status, 0, result.standardError)
    let document = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    let identities = try XCTUnwrap(document["identities"] as? [[String: Any]])
    let scores = identities.compactMap { $0["score"] as? Double }
    XCTAssertEqual(scores, [9_169_925.0014, 8_082_191.7808, 6_000_000, 5_000_000, 4_000_000])
  }

  func testUnreadableWeightsFile() throws {
    assertResult(
      try blast("rank", "rank.json", "--weights", "missing.json"), status: 66, output: "",
      error: "blast: error: missing.json: cannot read the weights file; check the path given "
        + "to --weights\n")
    try write("{\"humans\": ", to: "broken.json")
    let broken = try blast("rank", "rank.json", "--weights", "broken.json")
    XCTAssertEqual(broken.status, 65)
    XCTAssertTrue(
      broken.standardError.hasPrefix("blast: error: broken.json:line 1, column 12: "),
      broken.standardError)
  }

  func testUsageErrors() throws {
    let both = try blast("rank", "rank.json", "--json", "--csv")
    XCTAssertEqual(both.status, 64)
    XCTAssertTrue(
      both.standardError.hasPrefix(
        "blast: error: \"--json\" and \"--csv\" are given together; choose one of the two\n"),
      both.standardError)
    let zero = try blast("rank", "rank.json", "--top", "0")
    XCTAssertEqual(zero.status, 64)
    XCTAssertTrue(
      zero.standardError.hasPrefix(
        "blast: error: invalid value \"0\" for \"--top\"; give a number of at least 1\n"))
    let date = try blast("rank", "rank.json", "--as-of", "2025-02-30")
    XCTAssertEqual(date.status, 64)
    XCTAssertTrue(
      date.standardError.hasPrefix(
        "blast: error: invalid value \"2025-02-30\" for \"--as-of\"; give a date such as "
          + "2025-01-15\n"))
  }

  func testHostileNamesStaySafeInCSV() throws {
    try writeEstate(names: [
      "bob": "=HYPERLINK(\"http://evil.example\"),x\nsecond line",
      "alice": "@SUM(A1)", "web-sa": "-2+3", "ci-user": "+cmd|' /C calc'!A0",
      "admin-role": "plain, with \"quotes\"\u{1B}[31m",
    ])
    let result = try blast("rank", "hostile.json", "--as-of", "2025-01-01", "--csv")
    XCTAssertEqual(result.status, 0, result.standardError)
    let names = [
      "\"'-2+3\"",
      "\"plain, with \"\"quotes\"\"\\u{1B}[31m\"",
      "\"'+cmd|' /C calc'!A0\"",
      "\"'@SUM(A1)\"",
      "\"'=HYPERLINK(\"\"http://evil.example\"\"),x\nsecond line\"",
    ]
    let ids = ["web-sa", "admin-role", "ci-user", "alice", "bob"]
    for (id, name) in zip(ids, names) {
      XCTAssertTrue(
        result.standardOutput.contains(",\(id),\(name),"), "\(id) in \(result.standardOutput)")
    }
    XCTAssertEqual(result.standardOutput.components(separatedBy: "\r\n").count, 7)
  }

  func testHostileNameKeepsTextRowOnOneLine() throws {
    try writeEstate(names: ["bob": "evil\nname\u{1B}[2J"])
    let result = try blast("rank", "hostile.json", "--as-of", "2025-01-01")
    XCTAssertEqual(result.status, 0, result.standardError)
    let rows = result.standardOutput.components(separatedBy: "\n")
    XCTAssertTrue(
      rows.contains { $0.hasPrefix("  5  10.82  human") && $0.contains("evil\\nname\\u{1B}[2J") },
      result.standardOutput)
    XCTAssertFalse(result.standardOutput.contains("\u{1B}"))
  }

  func testLongNameIsShortenedInTextOnly() throws {
    let long = String(repeating: "a", count: 5_000) + String(repeating: "z", count: 5_000)
    try writeEstate(names: ["bob": long])
    let text = try blast("rank", "hostile.json", "--as-of", "2025-01-01")
    let csv = try blast("rank", "hostile.json", "--as-of", "2025-01-01", "--csv")

    XCTAssertEqual(text.status, 0, text.standardError)
    let shortened = String(repeating: "a", count: 128) + "…" + String(repeating: "z", count: 127)
    let rows = text.standardOutput.components(separatedBy: "\n")
    XCTAssertTrue(rows.contains { $0.contains("  \(shortened)  1/0") }, text.standardOutput)
    XCTAssertEqual(rows.map(\.count).max(), 423)
    XCTAssertEqual(csv.status, 0, csv.standardError)
    XCTAssertTrue(csv.standardOutput.contains(",\(long),human,"))
  }

  func testOutputFileGetsCSV() throws {
    let result = try blast(
      "rank", "rank.json", "--as-of", "2025-01-01", "--csv", "--top", "1", "-o", "rank.csv")
    assertResult(result, status: 0, output: "", error: "")
    let written = try String(
      contentsOf: folder.appendingPathComponent("rank.csv"), encoding: .utf8)
    XCTAssertEqual(written.components(separatedBy: "\r\n").count, 3)
    XCTAssertTrue(written.contains("\r\n1,29.0000,web-sa,"))
  }
}
