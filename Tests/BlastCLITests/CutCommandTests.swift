import Foundation
import XCTest

/// `blast cut` and `blast chokepoints` on the small estate that `BlastTestCase` describes.
final class CutCommandTests: BlastTestCase {
  func testCutFromAliceAsText() throws {
    let expected = """
      Revocation plan from alice to admin: revoke 2 grants, total cost 4

      1. deployer trust policy (exports/aws-111122223333.json:RoleDetailList[0].AssumeRolePolicyDocument.Statement[0])
         cost 3; removes 1 edge, of which 1 on attack paths:
           alice -[assumes: sts:AssumeRole]-> deployer

      2. group membership (exports/aws-111122223333.json:UserDetailList[0].GroupList[0])
         cost 1; removes 1 edge, of which 1 on attack paths:
           alice -[memberOf]-> ops

      Reach of the source, before and after
                      before  after
        nodes         7       0
        privileges    2       0
        crown jewels  1       0
        platforms     1       1
        accounts      2       1

      Check: a search without the removed edges reaches no target node.

      """
    assertResult(
      try blast("cut", "estate.json", "--from", "alice", "--to", "admin"), status: 0,
      output: expected, error: "")
  }

  func testCutWithCostsAsJSON() throws {
    let result = try blast(
      "cut", "estate.json", "--from", "alice", "--to", "admin", "--cost", "memberOf=10",
      "--cost", "assumes=1", "--json")
    XCTAssertEqual(result.status, 0, result.standardError)
    let document = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    let grants = try XCTUnwrap(document["grants"] as? [[String: Any]])

    XCTAssertTrue(result.standardOutput.hasPrefix("{\n  \"schema\" : \"blastradius/cut/v1\",\n"))
    XCTAssertEqual(document["cost"] as? Int, 5)
    XCTAssertEqual(document["flowValue"] as? Int, 5)
    XCTAssertEqual(document["complete"] as? Bool, true)
    XCTAssertEqual(document["sources"] as? [String], ["arn:aws:iam::111122223333:user/alice"])
    XCTAssertEqual(
      grants.map { ($0["via"] as? [String: Any])?["grant"] as? String },
      ["ops-manage-users", "deployer trust policy"])
    XCTAssertEqual(grants.map { $0["cost"] as? Int }, [4, 1])
    XCTAssertEqual(
      grants.map { (($0["cuts"] as? [[String: Any]])?.first?["relation"]) as? String },
      ["escalates", "assumes"])
    XCTAssertEqual(document["targetsReachedAfter"] as? [String], [])
    XCTAssertTrue(document["unrevocablePath"] is NSNull)
    XCTAssertEqual((document["after"] as? [String: Any])?["privileges"] as? Int, 0)
    XCTAssertEqual((document["before"] as? [String: Any])?["privileges"] as? Int, 2)
  }

  func testCutFromEveryIdentity() throws {
    let result = try blast("cut", "estate.json", "--to", "admin")

    XCTAssertEqual(result.status, 0)
    XCTAssertEqual(
      result.standardOutput.split(separator: "\n").prefix(2),
      [
        "Revocation plan from 7 identities to admin: revoke 2 grants, total cost 5",
        "5 of the 7 identities reach the target before the revocations.",
      ])
    XCTAssertTrue(result.standardOutput.contains("     prod-admin -[access: *]-> account admin\n"))
    XCTAssertTrue(result.standardOutput.contains("     alice -[memberOf]-> ops\n"))
  }

  func testUnrevocablePathExitsWithOne() throws {
    assertResult(
      try blast(
        "cut", "estate.json", "--from", "prod-admin", "--to", "admin", "--cost", "access=never"),
      status: 1,
      output: """
        No revocation plan: prod-admin reaches admin through edges that cannot be revoked:
          prod-admin -[access: *]-> account admin
            via AdministratorAccess (exports/aws-444455556666.json:RoleDetailList[0].AttachedManagedPolicies[0])

        """,
      error: "blast: error: no revocation separates \"prod-admin\" from admin, because it "
        + "reaches it through edges that cannot be revoked; see the path above, or give those "
        + "relations a cost with --cost RELATION=N\n")
  }

  func testInvalidCostIsUsageError() throws {
    let result = try blast("cut", "estate.json", "--to", "admin", "--cost", "owns=3")

    XCTAssertEqual(result.status, 64)
    XCTAssertEqual(result.standardOutput, "")
    XCTAssertTrue(
      result.standardError.hasPrefix(
        "blast: error: invalid value \"owns=3\" for \"--cost\"; give RELATION=N with RELATION "
          + "one of memberOf, assumes,"))
  }

  func testZeroCostIsUsageError() throws {
    let result = try blast("cut", "estate.json", "--to", "admin", "--cost", "access=0")

    XCTAssertEqual(result.status, 64)
    XCTAssertTrue(
      result.standardError.hasPrefix(
        "blast: error: invalid value \"access=0\" for \"--cost\"; give a cost N from 1 to "
          + "1000, or never, after access=\n"))
  }

  func testUnknownTargetExitsWithDataError() throws {
    let result = try blast("cut", "estate.json", "--to", "nobody-at-all")

    XCTAssertEqual(result.status, 65)
    XCTAssertEqual(result.standardOutput, "")
  }

  func testChokepointsAsText() throws {
    let expected = """
      Chokepoints on the shortest attack paths to admin: 6 (source, target) pairs from 7 identities

      Edges
        1. score 5: prod-admin -[access: *]-> account admin
           via AdministratorAccess (exports/aws-444455556666.json:RoleDetailList[0].AttachedManagedPolicies[0])
        2. score 4: deployer -[assumes: sts:AssumeRole]-> prod-admin
           via prod-admin trust policy (exports/aws-444455556666.json:RoleDetailList[0].AssumeRolePolicyDocument.Statement[0])

      Identities and groups on the paths
        1.  score 4  prod-admin  serviceIdentity  aws/444455556666  arn:aws:iam::444455556666:role/prod-admin
        2.  score 3  deployer    serviceIdentity  aws/111122223333  arn:aws:iam::111122223333:role/deployer

      """
    assertResult(
      try blast("chokepoints", "estate.json", "--top", "2"), status: 0, output: expected,
      error: "")
  }

  func testChokepointsAsJSON() throws {
    let result = try blast("chokepoints", "estate.json", "--top", "3", "--json")
    XCTAssertEqual(result.status, 0, result.standardError)
    let document = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    let edges = try XCTUnwrap(document["edges"] as? [[String: Any]])
    let identities = try XCTUnwrap(document["identities"] as? [[String: Any]])

    XCTAssertTrue(
      result.standardOutput.hasPrefix("{\n  \"schema\" : \"blastradius/chokepoints/v1\",\n"))
    XCTAssertEqual(document["pairCount"] as? Int, 6)
    XCTAssertEqual(document["sourceCount"] as? Int, 7)
    XCTAssertEqual(edges.map { $0["score"] as? Double }, [5, 4, 2])
    XCTAssertEqual(
      edges.map { ($0["hop"] as? [String: Any])?["relation"] as? String },
      ["access", "assumes", "federates"])
    XCTAssertEqual(
      identities.map { $0["node"] as? String },
      [
        "arn:aws:iam::444455556666:role/prod-admin", "arn:aws:iam::111122223333:role/deployer",
        "arn:aws:iam::111122223333:group/ops",
      ])
    XCTAssertEqual(identities.map { $0["score"] as? Double }, [4, 3, 1])
  }

  func testChokepointsRejectsZeroTop() throws {
    let result = try blast("chokepoints", "estate.json", "--top", "0")

    XCTAssertEqual(result.status, 64)
    XCTAssertTrue(
      result.standardError.hasPrefix(
        "blast: error: invalid value \"0\" for \"--top\"; give a number of at least 1\n"))
  }
}
