import Foundation
import XCTest

/// Text and CSV output of an estate whose names, ids, platforms, accounts, actions and
/// grants hold line feeds, tabs, a bidirectional override, a line separator and a byte
/// order mark. Each line of text output must stay one line, with those characters escaped.
final class HostileTextTests: BlastTestCase {
  /// The person's id: a tab and U+202E RIGHT-TO-LEFT OVERRIDE.
  private let personID = "al\tice\u{202E}"

  override func setUpWithError() throws {
    try super.setUpWithError()
    func node(_ id: String, _ kind: String, name: String, platform: String, account: String)
      -> [String: Any]
    {
      [
        "id": id, "kind": kind, "platform": platform, "account": account, "name": name,
        "type": kind == "workload" ? "vm" : "", "tags": [String: String](),
        "isCrownJewel": false, "isDefined": true,
      ]
    }
    func edge(_ source: String, _ target: String, _ relation: String, actions: [String])
      -> [String: Any]
    {
      [
        "source": source, "target": target, "relation": relation, "actions": actions,
        "conditional": false,
        "provenance": ["file": "x.json", "location": "g\n1", "grant": "grant\t1"],
      ]
    }
    let estate: [String: Any] = [
      "format": "blastradius-estate", "version": 1,
      "nodes": [
        node(personID, "human", name: "Al\nice", platform: "on-premises", account: ""),
        node(
          "role\u{2028}x", "serviceIdentity", name: "ro\tle", platform: "aws", account: "11\n11"),
        node("adm\u{FEFF}", "privilege", name: "admin", platform: "aws", account: "11\n11"),
        node("host\nA", "workload", name: "host\nA", platform: "plat\nform", account: ""),
      ],
      "edges": [
        edge(personID, "role\u{2028}x", "assumes", actions: ["sts:Assume\nRole"]),
        edge("role\u{2028}x", "adm\u{FEFF}", "access", actions: ["*"]),
        edge("host\nA", "role\u{2028}x", "runsAs", actions: []),
      ],
    ]
    try JSONSerialization.data(withJSONObject: estate)
      .write(to: folder.appendingPathComponent("hostile.json"))
  }

  func testRadiusKeepsEachLineWhole() throws {
    assertResult(
      try blast("radius", personID, "hostile.json"), status: 0,
      output: #"""
        Blast radius of Al\nice (human, on-premises)
        id: al\tice\u{202E}

        Reaches 2 nodes within 2 hops. Counting its own, that spans 2 platforms and 1 account.
        Platforms: aws, on-premises
        Accounts: aws/11\n11
        Privileges reached: 1
        Crown jewels reached: 0

        Privileges
          2 hops  admin  aws/11\n11  adm\u{FEFF}
              via Al\nice -[assumes: sts:Assume\nRole]-> ro\tle -[access: *]-> admin

        Everything reached, by kind
          serviceIdentity
            1 hop   ro\tle  aws/11\n11  role\u{2028}x
          privilege
            2 hops  admin   aws/11\n11  adm\u{FEFF}

        """#, error: "")
  }

  func testWhoCanKeepsEachLineWhole() throws {
    assertResult(
      try blast("who-can", "admin", "hostile.json", "--action", "s3:\nGet"), status: 0,
      output: #"""
        Who can reach admin (privilege, aws/11\n11)
        id: adm\u{FEFF}
        action: s3:\nGet

        3 nodes reach it within 2 hops, 3 of them identities.

        Identities
          1 hop   ro\tle   aws/11\n11   role\u{2028}x
              via ro\tle -[access: *]-> admin
          2 hops  Al\nice  on-premises  al\tice\u{202E}
              via Al\nice -[assumes: sts:Assume\nRole]-> ro\tle -[access: *]-> admin
          2 hops  host\nA  plat\nform   host\nA
              via host\nA -[runsAs]-> ro\tle -[access: *]-> admin

        Everything that reaches it, by kind
          human
            2 hops  Al\nice  on-premises  al\tice\u{202E}
          workload
            2 hops  host\nA  plat\nform   host\nA
          serviceIdentity
            1 hop   ro\tle   aws/11\n11   role\u{2028}x

        """#, error: "")
  }

  func testImportSummaryKeepsEachLineWhole() throws {
    assertResult(
      try blast("import", "hostile.json", "--nodes"), status: 0,
      output: #"""
        Estate of 4 nodes and 3 edges from 1 input

        Nodes by kind
          human            1
          workload         1
          serviceIdentity  1
          privilege        1

        Nodes by platform
          aws          2
          on-premises  1
          plat\nform   1

        Edges by relation
          assumes  1
          runsAs   1
          access   1

        Nodes
          adm\u{FEFF}      privilege        aws/11\n11   admin
          al\tice\u{202E}  human            on-premises  Al\nice
          host\nA          workload         plat\nform
          role\u{2028}x    serviceIdentity  aws/11\n11   ro\tle

        """#, error: "")
  }

  func testCoverageKeepsEachLineWhole() throws {
    assertResult(
      try blast("coverage", "hostile.json", "--as-of", "2025-01-01"), status: 0,
      output: #"""
        Authentication of 1 workload on 1 platform, as of 2025-01-01

          platform    workloads  managed  federated  static  none found
          plat\nform  1          0 (0%)   0 (0%)     0 (0%)  1 (100%)

        plat\nform
          host\nA (vm, plat\nform)
            none found: the inputs show no credential, platform identity or federation for it

        """#, error: "")
  }

  func testCSVEscapesTabsAndBidirectionalControls() throws {
    let result = try blast("rank", "hostile.json", "--csv", "--as-of", "2025-01-01")

    XCTAssertEqual(result.status, 0, result.standardError)
    let rows = result.standardOutput.components(separatedBy: "\r\n").dropFirst()
    XCTAssertEqual(
      Array(rows),
      [
        #"1,15.5850,al\tice\u{202E},"Al"# + "\n"
          + #"ice",human,on-premises,,1,1,0,0,2,2,1,1,2,2,0,0,0,,0,0,0,,"#,
        "2,15.5850,\"host\nA\",\"host\nA\",workload,\"plat\nform\","
          + ",1,1,0,0,2,2,1,1,2,2,0,0,0,,0,0,0,,",
        #"3,15.0000,role\u{2028}x,ro\tle,serviceIdentity,aws,"11"# + "\n"
          + #"11",1,1,0,0,1,1,1,1,1,1,0,0,0,,1,1,1,,"#,
        "",
      ])
  }
}
