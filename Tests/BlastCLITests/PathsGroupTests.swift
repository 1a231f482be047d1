import Foundation
import XCTest

/// `blast paths --from GROUP` on `Fixtures/rank-estate.json`, copied as `rank.json`: the
/// people alice and bob both assume admin-role, bob only under a condition, and
/// admin-role reaches the crown jewel vault only under a condition.
final class PathsGroupTests: BlastTestCase {
  override func setUpWithError() throws {
    try super.setUpWithError()
    try FileManager.default.copyItem(
      at: Self.fixtures.appendingPathComponent("rank-estate.json"),
      to: folder.appendingPathComponent("rank.json"))
  }

  /// Returns each path of a `--json` result as its source and the nodes it reaches.
  private func routes(_ result: BlastResult) throws -> [String] {
    XCTAssertEqual(result.status, 0, result.standardError)
    let document = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    let paths = try XCTUnwrap(document["paths"] as? [[String: Any]])
    return try paths.map { path in
      let hops = try XCTUnwrap(path["hops"] as? [[String: Any]])
      let source = try XCTUnwrap(path["source"] as? String)
      return ([source] + hops.map { $0["to"] as? String ?? "?" }).joined(separator: ">")
    }
  }

  func testHumansTakeShortestUnconditionalPath() throws {
    let expected = """
      1 path from kind:human (2 identities) to admin, unconditional first, then shortest

      Path 1: alice to AWS account admin, 2 hops
        1. alice -[assumes: sts:AssumeRole]-> admin-role
           via alice trust (rank.json:alice trust)
        2. admin-role -[access: *]-> AWS account admin
           via admin policy (rank.json:admin policy)

      Nodes on these paths
        alice              human            aws/111111111111  alice
        admin-role         serviceIdentity  aws/111111111111  admin-role
        AWS account admin  privilege        aws/111111111111  aws:admin/111111111111

      """
    assertResult(
      try blast("paths", "rank.json", "--from", "kind:human", "--to", "admin"), status: 0,
      output: expected, error: "")
  }

  func testLimitRanksPathsOfEveryMember() throws {
    let result = try blast(
      "paths", "rank.json", "--from", "kind:human", "--to", "admin", "-k", "5", "--json")
    XCTAssertEqual(
      try routes(result),
      ["alice>admin-role>aws:admin/111111111111", "bob>admin-role>aws:admin/111111111111"])
    let document = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    XCTAssertEqual(document["from"] as? String, "kind:human")
    XCTAssertEqual(document["sources"] as? [String], ["alice", "bob"])
    XCTAssertEqual(
      (document["nodes"] as? [String: Any]).map { Set($0.keys) },
      ["alice", "bob", "admin-role", "aws:admin/111111111111"])
  }

  func testAccountGroupPathsPassThroughOtherMembers() throws {
    XCTAssertEqual(
      try routes(
        try blast(
          "paths", "rank.json", "--from", "account:111111111111", "--to", "crown-jewels",
          "-k", "5", "--json")),
      ["admin-role>vault", "alice>admin-role>vault", "ci-user>admin-role>vault"])
    XCTAssertEqual(
      try routes(
        try blast(
          "paths", "rank.json", "--from", "account:111111111111", "--to", "crown-jewels",
          "--json")),
      ["admin-role>vault"])
  }

  func testKindPlatformAndTagGroups() throws {
    XCTAssertEqual(
      try routes(
        try blast(
          "paths", "rank.json", "--from", "kind:service-identity", "--to", "admin", "-k", "5",
          "--json")),
      ["admin-role>aws:admin/111111111111", "ci-user>admin-role>aws:admin/111111111111"])
    XCTAssertEqual(
      try routes(
        try blast(
          "paths", "rank.json", "--from", "platform:gcp", "--to", "crown-jewels", "--json")),
      ["web-sa>vault"])
    XCTAssertEqual(
      try routes(
        try blast(
          "paths", "rank.json", "--from", "tag:lastUsed=2024-01-02T08:00:00Z", "--to", "admin",
          "--json")),
      ["admin-role>aws:admin/111111111111"])
  }

  func testMemberIsNeverATarget() throws {
    // alice and ci-user assume admin-role, but admin-role belongs to the group itself.
    let ranked = try blast(
      "paths", "rank.json", "--from", "account:111111111111", "--to", "admin-role", "-k", "3",
      "--json")
    XCTAssertEqual(try routes(ranked), [])
    let shortest = try blast(
      "paths", "rank.json", "--from", "account:111111111111", "--to", "admin-role", "--json")
    XCTAssertEqual(try routes(shortest), [])
    XCTAssertEqual(
      try routes(
        try blast(
          "paths", "rank.json", "--from", "kind:human", "--to", "admin-role", "-k", "3",
          "--json")),
      ["alice>admin-role", "bob>admin-role"])
  }

  func testTargetInGroupIsNamedWhenNoPath() throws {
    assertResult(
      try blast("paths", "rank.json", "--from", "account:111111111111", "--to", "admin-role"),
      status: 0,
      output: "No path from account:111111111111 (3 identities) to admin-role.\n"
        + "admin-role is a member of account:111111111111, and no path is listed to a node that "
        + "is one of the sources.\n",
      error: "")
    assertResult(
      try blast("paths", "rank.json", "--from", "admin-role", "--to", "admin-role"), status: 0,
      output: "No path from admin-role to admin-role.\n"
        + "admin-role is the target itself, and no path is listed from a node to itself.\n",
      error: "")
    assertResult(
      try blast("paths", "rank.json", "--from", "vault", "--to", "crown-jewels"), status: 0,
      output: "No path from vault to crown-jewels.\n"
        + "vault is one of crown-jewels itself, and no path is listed from a node to itself.\n",
      error: "")
  }

  func testEmptyGroupIsAnError() throws {
    assertResult(
      try blast("paths", "rank.json", "--from", "account:999", "--to", "admin"), status: 65,
      output: "",
      error: "blast: error: --from: the group \"account:999\" has no identity that an input "
        + "defines; give another group or one node id\n")
    assertResult(
      try blast("paths", "rank.json", "--from", "kind:workload", "--to", "admin"), status: 65,
      output: "",
      error: "blast: error: --from: the group \"kind:workload\" has no identity that an input "
        + "defines; give another group or one node id\n")
  }

  func testMalformedGroupIsAUsageError() throws {
    let cases = [
      ("kind:group", "kind:human, kind:workload or kind:service-identity"),
      ("tag:team", "tag:KEY=VALUE, such as tag:team=platform"),
      ("tag:=x", "tag:KEY=VALUE, such as tag:team=platform"),
      ("platform:", "a value after \"platform:\", such as kind:human"),
    ]
    for (group, expected) in cases {
      let result = try blast("paths", "rank.json", "--from", group, "--to", "admin")
      XCTAssertEqual(result.status, 64, group)
      XCTAssertTrue(
        result.standardError.hasPrefix(
          "blast: error: invalid value \"\(group)\" for \"--from\"; give \(expected)\n"),
        result.standardError)
    }
  }

  func testRenderDrawsPathsOfEveryMember() throws {
    let shortest = try blast(
      "render", "paths", "rank.json", "--from", "kind:human", "--to", "admin", "--format", "dot")
    XCTAssertEqual(shortest.status, 0, shortest.standardError)
    XCTAssertTrue(
      shortest.standardOutput.contains(
        "label=\"Attack path from alice to AWS account admin in 2 hops\""))
    XCTAssertTrue(shortest.standardOutput.contains("[label=\"alice\\nsource"))
    XCTAssertFalse(shortest.standardOutput.contains("[label=\"bob\\n"))

    let ranked = try blast(
      "render", "paths", "rank.json", "--from", "kind:human", "--to", "admin", "-k", "5",
      "--format", "dot")
    XCTAssertEqual(ranked.status, 0, ranked.standardError)
    XCTAssertTrue(ranked.standardOutput.contains("label=\"2 attack paths to AWS account admin\""))
    XCTAssertTrue(ranked.standardOutput.contains("[label=\"alice\\nsource"))
    XCTAssertTrue(ranked.standardOutput.contains("[label=\"bob\\nsource"))
  }
}
