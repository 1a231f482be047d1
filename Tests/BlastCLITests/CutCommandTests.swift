import Foundation
import XCTest

/// `blast cut` and `blast chokepoints` on the small estate that `BlastTestCase` describes.
final class CutCommandTests: BlastTestCase {
  func testCutFromAliceAsText() throws {
    let expected = """
      Revocation plan from alice to admin: revoke 2 grants, total cost 4
      Note: alice holds admin itself, so this plan may revoke a grant that makes it a holder; without --from, holders are kept:
        alice -[memberOf]-> ops -[escalates: iam:AttachUserPolicy]-> iam admin

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

  /// alice (through ops) and prod-admin hold a privilege, so they are kept, and deployer's
  /// trust into prod-admin is the one grant that cuts deployer, ci:builder and ci-runner-01.
  func testCutFromEveryIdentityKeepsHolders() throws {
    let expected = """
      Revocation plan from 5 identities to admin: revoke 1 grant, total cost 3
      3 of the 5 identities reach the target before the revocations.
      Kept as holders of admin, and listed at the end: 3 identities and groups. Acting as one counts as reaching the target.

      1. prod-admin trust policy (exports/aws-444455556666.json:RoleDetailList[0].AssumeRolePolicyDocument.Statement[0])
         cost 3; removes 1 edge, of which 1 on attack paths:
           deployer -[assumes: sts:AssumeRole]-> prod-admin

      Reach of the sources, before and after
                      before  after
        nodes         3       1
        privileges    1       0
        crown jewels  1       1
        platforms     3       3
        accounts      4       4

      Check: a search without the removed edges reaches no target node and acts as no holder.

      Holders of admin kept, with the grants that make them holders
        alice       human            aws/111122223333  arn:aws:iam::111122223333:user/alice
          alice -[memberOf]-> ops -[escalates: iam:AttachUserPolicy]-> iam admin
            via group membership (exports/aws-111122223333.json:UserDetailList[0].GroupList[0])
            via ops-manage-users (exports/aws-111122223333.json:GroupDetailList[0].GroupPolicyList[1].PolicyDocument.Statement[0])
        ops         group            aws/111122223333  arn:aws:iam::111122223333:group/ops
          ops -[escalates: iam:AttachUserPolicy]-> iam admin
            via ops-manage-users (exports/aws-111122223333.json:GroupDetailList[0].GroupPolicyList[1].PolicyDocument.Statement[0])
        prod-admin  serviceIdentity  aws/444455556666  arn:aws:iam::444455556666:role/prod-admin
          prod-admin -[access: *]-> account admin
            via AdministratorAccess (exports/aws-444455556666.json:RoleDetailList[0].AttachedManagedPolicies[0])

      """
    assertResult(
      try blast("cut", "estate.json", "--to", "admin"), status: 0, output: expected, error: "")
  }

  func testCutHoldersAsJSON() throws {
    let result = try blast("cut", "estate.json", "--to", "admin", "--json")
    XCTAssertEqual(result.status, 0, result.standardError)
    let document = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    let holders = try XCTUnwrap(document["holders"] as? [[String: Any]])
    let nodes = try XCTUnwrap(document["nodes"] as? [String: Any])

    XCTAssertEqual(document["holdersKept"] as? Bool, true)
    XCTAssertEqual(
      holders.map { $0["node"] as? String },
      [
        "arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:group/ops",
        "arn:aws:iam::444455556666:role/prod-admin",
      ])
    XCTAssertEqual(
      holders.map { $0["targets"] as? [String] },
      [["aws:111122223333:iam-admin"], ["aws:111122223333:iam-admin"], ["aws:444455556666:account-admin"]])
    XCTAssertEqual(
      holders.map { ($0["hops"] as? [[String: Any]])?.map { $0["relation"] as? String } },
      [["memberOf", "escalates"], ["escalates"], ["access"]])
    XCTAssertEqual(document["holdingSources"] as? [String], [])
    XCTAssertEqual(document["cost"] as? Int, 3)
    XCTAssertNotNil(nodes["aws:444455556666:account-admin"])
    XCTAssertNotNil(nodes["arn:aws:iam::111122223333:group/ops"])
  }

  func testIncludedHoldersGiveEarlierPlan() throws {
    let result = try blast("cut", "estate.json", "--to", "admin", "--include-holders")

    XCTAssertEqual(result.status, 0)
    XCTAssertEqual(
      result.standardOutput.split(separator: "\n").prefix(3),
      [
        "Revocation plan from 7 identities to admin: revoke 2 grants, total cost 5",
        "5 of the 7 identities reach the target before the revocations.",
        "1. group membership (exports/aws-111122223333.json:UserDetailList[0].GroupList[0])",
      ])
    XCTAssertTrue(result.standardOutput.contains("     prod-admin -[access: *]-> account admin\n"))
    XCTAssertTrue(result.standardOutput.contains("     alice -[memberOf]-> ops\n"))
    XCTAssertFalse(result.standardOutput.contains("Holders"))
  }

  func testGivenHolderIsNamedInJSON() throws {
    let result = try blast("cut", "estate.json", "--from", "prod-admin", "--to", "admin", "--json")
    XCTAssertEqual(result.status, 0, result.standardError)
    let document = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    let holding = try XCTUnwrap(document["holdingSources"] as? [[String: Any]])

    XCTAssertEqual(document["holdersKept"] as? Bool, false)
    XCTAssertEqual(document["holders"] as? [String], [])
    XCTAssertEqual(holding.map { $0["node"] as? String }, ["arn:aws:iam::444455556666:role/prod-admin"])
    XCTAssertEqual(
      (document["grants"] as? [[String: Any]])?.map { ($0["via"] as? [String: Any])?["grant"] as? String },
      ["AdministratorAccess"])
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

  /// alice reaches admin through the group admins, and ci holds it directly, so both are
  /// holders and no identity is left as a source.
  private func writeHoldersOnlyEstate() throws {
    func node(_ id: String, _ kind: String) -> String {
      #"{"id": "\#(id)", "kind": "\#(kind)", "platform": "aws", "account": "1", "name": "\#(id)", "#
        + #""type": "", "tags": {}, "isCrownJewel": false, "isDefined": true}"#
    }
    func edge(_ source: String, _ target: String, _ relation: String) -> String {
      #"{"source": "\#(source)", "target": "\#(target)", "relation": "\#(relation)", "#
        + #""actions": [], "conditional": false, "provenance": {"file": "x.json", "#
        + #""location": "\#(source)", "grant": "\#(source) grant"}}"#
    }
    let nodes = [node("alice", "human"), node("admins", "group"), node("adm", "privilege"),
      node("ci", "serviceIdentity")]
    let edges = [edge("alice", "admins", "memberOf"), edge("admins", "adm", "access"),
      edge("ci", "adm", "access")]
    try write(
      #"{"format": "blastradius-estate", "version": 1, "nodes": ["#
        + nodes.joined(separator: ", ") + #"], "edges": ["# + edges.joined(separator: ", ")
        + "]}",
      to: "holders.json")
  }

  func testOnlyHoldersReachingSaysSo() throws {
    try writeHoldersOnlyEstate()
    let cut = try blast("cut", "holders.json", "--to", "admin")
    let chokepoints = try blast("chokepoints", "holders.json")

    XCTAssertEqual(cut.status, 0, cut.standardError)
    XCTAssertEqual(
      cut.standardOutput.components(separatedBy: "\n").prefix(3),
      [
        "Nothing to revoke: every identity that reaches admin is kept as a holder of it, so no "
          + "source is left to cut off.",
        "--include-holders makes the holders sources, so that their grants may be revoked.",
        "Kept as holders of admin, and listed at the end: 3 identities and groups. Acting as "
          + "one counts as reaching the target.",
      ])
    assertResult(
      chokepoints, status: 0,
      output: """
        Chokepoints on the shortest attack paths to admin: 0 (source, target) pairs from 0 identities
        Kept as holders of admin, where a path ends when it acts as one: alice, admins, ci. blast cut lists them with their grants.
        No attack path to score: every identity that reaches admin is kept as a holder of it.

        """,
      error: "")
  }

  func testOnlyPrivilegedReachingSaysSo() throws {
    try writeHoldersOnlyEstate()
    let result = try blast(
      "cut", "holders.json", "--to", "admin", "--include-holders", "--cost", "memberOf=never",
      "--cost", "access=never")

    XCTAssertEqual(result.status, 0, result.standardError)
    XCTAssertEqual(
      result.standardOutput,
      "Nothing to revoke: every identity that reaches admin is left out as privileged by "
        + "construction, so no source is left to cut off.\n"
        + "Left out as privileged by construction: alice, ci\n")
  }

  func testRepeatedCostRelationIsUsageError() throws {
    for command in [["cut"], ["chokepoints"], ["render", "cut"]] {
      let result = try blast(
        command + [
          "estate.json", "--to", "admin", "--cost", "memberOf=never", "--cost", "assumes=2",
          "--cost", "memberOf=2",
        ])

      XCTAssertEqual(result.status, 64, "\(command)")
      XCTAssertEqual(result.standardOutput, "")
      XCTAssertTrue(
        result.standardError.hasPrefix(
          "blast: error: --cost sets the cost of memberOf twice, as \"memberOf=never\" and "
            + "\"memberOf=2\"; give one --cost for each relation\n"),
        result.standardError)
    }
  }

  func testUnknownTargetExitsWithDataError() throws {
    let result = try blast("cut", "estate.json", "--to", "nobody-at-all")

    XCTAssertEqual(result.status, 65)
    XCTAssertEqual(result.standardOutput, "")
  }

  func testChokepointsAsText() throws {
    let expected = """
      Chokepoints on the shortest attack paths to admin: 3 (source, target) pairs from 5 identities
      Kept as holders of admin, where a path ends when it acts as one: alice, ops, prod-admin. blast cut lists them with their grants.

      Edges
        1. score 3: deployer -[assumes: sts:AssumeRole]-> prod-admin
           via prod-admin trust policy (exports/aws-444455556666.json:RoleDetailList[0].AssumeRolePolicyDocument.Statement[0])
        2. score 2: ci:builder -[federates: sts:AssumeRoleWithWebIdentity]-> deployer
           via deployer trust policy (exports/aws-111122223333.json:RoleDetailList[0].AssumeRolePolicyDocument.Statement[1])

      Identities and groups on the paths
        1.  score 2  deployer    serviceIdentity  aws/111122223333  arn:aws:iam::111122223333:role/deployer
        2.  score 1  ci:builder  serviceIdentity  kubernetes/prod   prod/system:serviceaccount:ci:builder

      """
    assertResult(
      try blast("chokepoints", "estate.json", "--top", "2"), status: 0, output: expected,
      error: "")
  }

  func testChokepointsWithHoldersAsText() throws {
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
      try blast("chokepoints", "estate.json", "--top", "2", "--include-holders"), status: 0,
      output: expected, error: "")
  }

  func testChokepointsAsJSON() throws {
    let result = try blast("chokepoints", "estate.json", "--top", "3", "--json")
    XCTAssertEqual(result.status, 0, result.standardError)
    let document = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    let edges = try XCTUnwrap(document["edges"] as? [[String: Any]])
    let identities = try XCTUnwrap(document["identities"] as? [[String: Any]])
    let holders = try XCTUnwrap(document["holders"] as? [[String: Any]])

    XCTAssertEqual(document["pairCount"] as? Int, 3)
    XCTAssertEqual(document["sourceCount"] as? Int, 5)
    XCTAssertEqual(document["holdersKept"] as? Bool, true)
    XCTAssertEqual(holders.count, 3)
    XCTAssertEqual(edges.map { $0["score"] as? Double }, [3, 2, 1])
    XCTAssertEqual(
      edges.map { ($0["hop"] as? [String: Any])?["relation"] as? String },
      ["assumes", "federates", "runsAs"])
    XCTAssertEqual(
      identities.map { $0["node"] as? String },
      ["arn:aws:iam::111122223333:role/deployer", "prod/system:serviceaccount:ci:builder"])
    XCTAssertEqual(identities.map { $0["score"] as? Double }, [2, 1])
  }

  func testChokepointsWithHoldersAsJSON() throws {
    let result = try blast(
      "chokepoints", "estate.json", "--top", "3", "--json", "--include-holders")
    XCTAssertEqual(result.status, 0, result.standardError)
    let document = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    let edges = try XCTUnwrap(document["edges"] as? [[String: Any]])
    let identities = try XCTUnwrap(document["identities"] as? [[String: Any]])

    XCTAssertTrue(
      result.standardOutput.hasPrefix("{\n  \"schema\" : \"blastradius/chokepoints/v1\",\n"))
    XCTAssertEqual(document["pairCount"] as? Int, 6)
    XCTAssertEqual(document["sourceCount"] as? Int, 7)
    XCTAssertEqual(document["holdersKept"] as? Bool, false)
    XCTAssertEqual(document["holders"] as? [String], [])
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

/// `blast cut` and `blast chokepoints` with a group in --from, and the options and messages
/// that go with --from.
final class CutSourceOptionTests: BlastTestCase {
  /// kind:human is alice alone, so the plan is the one from alice.
  func testCutFromGroupAsJSON() throws {
    let result = try blast("cut", "estate.json", "--from", "kind:human", "--to", "admin", "--json")
    XCTAssertEqual(result.status, 0, result.standardError)
    let document = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])

    XCTAssertEqual(document["sources"] as? [String], ["arn:aws:iam::111122223333:user/alice"])
    XCTAssertEqual(document["cost"] as? Int, 4)
    XCTAssertEqual(document["holdersKept"] as? Bool, false)
    XCTAssertEqual(document["sourcesActingAsHolders"] as? [String], [])
  }

  /// The service identities are deployer, prod-admin, ci:builder and the two readers.
  /// Without holders, prod-admin's own policy carries three paths: its own, deployer's and
  /// ci:builder's.
  func testChokepointsFromGroupAsText() throws {
    let expected = """
      Chokepoints on the shortest attack paths to admin: 3 (source, target) pairs from 5 identities

      Edges
        1. score 3: prod-admin -[access: *]-> account admin
           via AdministratorAccess (exports/aws-444455556666.json:RoleDetailList[0].AttachedManagedPolicies[0])
        2. score 2: deployer -[assumes: sts:AssumeRole]-> prod-admin
           via prod-admin trust policy (exports/aws-444455556666.json:RoleDetailList[0].AssumeRolePolicyDocument.Statement[0])

      Identities and groups on the paths
        1.  score 2  prod-admin  serviceIdentity  aws/444455556666  arn:aws:iam::444455556666:role/prod-admin
        2.  score 1  deployer    serviceIdentity  aws/111122223333  arn:aws:iam::111122223333:role/deployer

      """
    assertResult(
      try blast(
        "chokepoints", "estate.json", "--from", "kind:service-identity", "--top", "2"),
      status: 0, output: expected, error: "")
  }

  func testIncludeHoldersWithFromIsUsageError() throws {
    for command in ["cut", "chokepoints"] {
      let result = try blast(
        command, "estate.json", "--from", "alice", "--to", "admin", "--include-holders")

      XCTAssertEqual(result.status, 64, command)
      XCTAssertEqual(result.standardOutput, "", command)
      XCTAssertTrue(
        result.standardError.hasPrefix(
          "blast: error: \"--include-holders\" has no effect with \"--from\", because a plan "
            + "from given identities keeps no holders; drop --include-holders, or drop --from "
            + "to plan for every identity\n"),
        result.standardError)
    }
  }

  func testSourceThatIsTargetNamesNoPath() throws {
    assertResult(
      try blast("cut", "estate.json", "--from", "prod-admin", "--to", "prod-admin"),
      status: 1, output: "No revocation plan: prod-admin is the target itself.\n",
      error: "blast: error: no revocation separates \"prod-admin\" from prod-admin, because it "
        + "is a target node itself; give a --from that is not one of the targets\n")
  }

  func testEmptyGroupNamesOption() throws {
    let result = try blast("cut", "estate.json", "--from", "platform:gcp", "--to", "admin")

    XCTAssertEqual(result.status, 65)
    XCTAssertEqual(result.standardOutput, "")
    XCTAssertTrue(result.standardError.contains("--from"), result.standardError)
  }

  /// In `cut-upper-bound.json`, found by fuzzing, grant shared3 gives `n0 -[controls]-> P1`
  /// and `n2 -[memberOf]-> n1`, which the flow network carries in two gadgets. The plan
  /// costs 14 and the network agrees, yet revoking g1 and shared3 alone (4 + 8 = 12) also
  /// separates n2 from admin.
  func testSplitGrantMakesCostUpperBound() throws {
    try FileManager.default.copyItem(
      at: Self.fixtures.appendingPathComponent("cut-upper-bound.json"),
      to: folder.appendingPathComponent("upper-bound.json"))
    let result = try blast("cut", "upper-bound.json", "--from", "n2", "--to", "admin")

    XCTAssertEqual(result.status, 0, result.standardError)
    XCTAssertEqual(
      result.standardOutput.components(separatedBy: "\n").prefix(2),
      [
        "Revocation plan from n2 to admin: revoke 3 grants, total cost 14",
        "A grant on the attack paths spans several arcs of the flow network, so this plan cuts "
          + "every path but a cheaper plan may exist.",
      ])

    let json = try blast("cut", "upper-bound.json", "--from", "n2", "--to", "admin", "--json")
    let document = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
    let grants = try XCTUnwrap(document["grants"] as? [[String: Any]])
    XCTAssertEqual(document["cost"] as? Int, 14)
    XCTAssertEqual(document["flowValue"] as? Int, 14)
    XCTAssertEqual(document["optimal"] as? Bool, false)
    XCTAssertEqual(
      grants.compactMap { ($0["via"] as? [String: Any])?["grant"] as? String },
      ["g9 n1 assumes P1", "shared0", "shared3"])
  }

  func testOptimalPlanSaysNothingOfBounds() throws {
    let result = try blast("cut", "estate.json", "--from", "alice", "--to", "admin", "--json")
    let document = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])

    XCTAssertEqual(result.status, 0, result.standardError)
    XCTAssertEqual(document["optimal"] as? Bool, true)
  }
}
