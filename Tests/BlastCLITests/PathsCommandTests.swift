import XCTest

/// `blast paths`: shortest attack paths with the grant behind every hop.
final class PathsCommandTests: BlastTestCase {
  func testTextExplainsEveryHop() throws {
    let expected = """
      2 paths from alice to admin, unconditional first, then shortest

      Path 1: alice to iam admin, 2 hops
        1. alice -[memberOf]-> ops
           via group membership (exports/aws-111122223333.json:UserDetailList[0].GroupList[0])
        2. ops -[escalates: iam:AttachUserPolicy]-> iam admin
           via ops-manage-users (exports/aws-111122223333.json:GroupDetailList[0].GroupPolicyList[1].PolicyDocument.Statement[0])

      Path 2: alice to account admin, 3 hops, conditional
        1. alice -[assumes: sts:AssumeRole]-> deployer
           via deployer trust policy (exports/aws-111122223333.json:RoleDetailList[0].AssumeRolePolicyDocument.Statement[0])
        2. deployer -[assumes: sts:AssumeRole]-> prod-admin (conditional)
           via prod-admin trust policy (exports/aws-444455556666.json:RoleDetailList[0].AssumeRolePolicyDocument.Statement[0])
        3. prod-admin -[access: *]-> account admin
           via AdministratorAccess (exports/aws-444455556666.json:RoleDetailList[0].AttachedManagedPolicies[0])

      Nodes on these paths
        alice          human            aws/111122223333  arn:aws:iam::111122223333:user/alice
        ops            group            aws/111122223333  arn:aws:iam::111122223333:group/ops
        iam admin      privilege        aws/111122223333  aws:111122223333:iam-admin
        deployer       serviceIdentity  aws/111122223333  arn:aws:iam::111122223333:role/deployer
        prod-admin     serviceIdentity  aws/444455556666  arn:aws:iam::444455556666:role/prod-admin
        account admin  privilege        aws/444455556666  aws:444455556666:account-admin

      """
    assertResult(
      try blast("paths", "estate.json", "--from", "alice", "--to", "admin"), status: 0,
      output: expected, error: "")
  }

  func testLimitKeepsShortestPathInJSON() throws {
    let expected = """
      {
        "schema" : "blastradius/paths/v1",
        "from" : "arn:aws:iam::111122223333:user/alice",
        "limit" : 1,
        "nodes" : {
          "arn:aws:iam::111122223333:group/ops" : {
            "account" : "111122223333",
            "crownJewel" : false,
            "defined" : true,
            "kind" : "group",
            "name" : "ops",
            "platform" : "aws",
            "type" : "iam-group"
          },
          "arn:aws:iam::111122223333:user/alice" : {
            "account" : "111122223333",
            "crownJewel" : false,
            "defined" : true,
            "kind" : "human",
            "name" : "alice",
            "platform" : "aws",
            "type" : "iam-user"
          },
          "aws:111122223333:iam-admin" : {
            "account" : "111122223333",
            "crownJewel" : false,
            "defined" : true,
            "kind" : "privilege",
            "name" : "iam admin",
            "platform" : "aws",
            "type" : "iam-admin"
          }
        },
        "paths" : [
          {
            "conditional" : false,
            "hops" : [
              {
                "actions" : [

                ],
                "conditional" : false,
                "from" : "arn:aws:iam::111122223333:user/alice",
                "relation" : "memberOf",
                "to" : "arn:aws:iam::111122223333:group/ops",
                "via" : {
                  "file" : "exports/aws-111122223333.json",
                  "grant" : "group membership",
                  "location" : "UserDetailList[0].GroupList[0]"
                }
              },
              {
                "actions" : [
                  "iam:AttachUserPolicy"
                ],
                "conditional" : false,
                "from" : "arn:aws:iam::111122223333:group/ops",
                "relation" : "escalates",
                "to" : "aws:111122223333:iam-admin",
                "via" : {
                  "file" : "exports/aws-111122223333.json",
                  "grant" : "ops-manage-users",
                  "location" : "GroupDetailList[0].GroupPolicyList[1].PolicyDocument.Statement[0]"
                }
              }
            ],
            "source" : "arn:aws:iam::111122223333:user/alice",
            "target" : "aws:111122223333:iam-admin"
          }
        ],
        "sources" : [
          "arn:aws:iam::111122223333:user/alice"
        ],
        "to" : "admin"
      }

      """
    assertResult(
      try blast("paths", "estate.json", "--from", "alice", "--to", "admin", "-k", "1", "--json"),
      status: 0, output: expected, error: "")
  }

  func testLimitSpellingsAgree() throws {
    let separate = try blast("paths", "estate.json", "--from", "alice", "--to", "admin", "-k", "1")
    let attached = try blast("paths", "estate.json", "--from", "alice", "--to", "admin", "-k1")
    let long = try blast("paths", "estate.json", "--from=alice", "--to=admin", "--limit=1")
    XCTAssertEqual(separate.status, 0)
    XCTAssertTrue(separate.standardOutput.hasPrefix("1 path from alice to admin"))
    XCTAssertEqual(attached, separate)
    XCTAssertEqual(long, separate)
  }

  func testLimitOutsideOneToTenThousandIsUsageError() throws {
    for value in ["0", "10001", "9223372036854775807"] {
      for command in [["paths"], ["render", "paths"]] {
        let result = try blast(
          command + ["estate.json", "--from", "alice", "--to", "admin", "-k", value])

        XCTAssertEqual(result.status, 64, "\(command) -k \(value)")
        XCTAssertEqual(result.standardOutput, "")
        let expected =
          command == ["paths"] ? "a number of paths from 1 to 10000" : "a number from 1 to 10000"
        XCTAssertTrue(
          result.standardError.hasPrefix(
            "blast: error: invalid value \"\(value)\" for \"--limit\"; give \(expected)\n"),
          result.standardError)
      }
    }
    let largest = try blast(
      "paths", "estate.json", "--from", "alice", "--to", "admin", "-k", "10000", "--json")
    XCTAssertEqual(largest.status, 0, largest.standardError)
    XCTAssertEqual(largest.standardError, "")
  }

  func testNoPathGivesEmptyArray() throws {
    let expected = """
      {
        "schema" : "blastradius/paths/v1",
        "from" : "arn:aws:s3:::customer-data",
        "limit" : null,
        "nodes" : {
          "arn:aws:s3:::customer-data" : {
            "account" : "444455556666",
            "crownJewel" : true,
            "defined" : true,
            "kind" : "resource",
            "name" : "customer-data",
            "platform" : "aws",
            "type" : "s3-bucket"
          }
        },
        "paths" : [

        ],
        "sources" : [
          "arn:aws:s3:::customer-data"
        ],
        "to" : "admin"
      }

      """
    assertResult(
      try blast("paths", "estate.json", "--from", "customer-data", "--to", "admin", "--json"),
      status: 0, output: expected, error: "")
  }

  func testNoPathInText() throws {
    assertResult(
      try blast("paths", "estate.json", "--from", "customer-data", "--to", "admin"), status: 0,
      output: "No path from customer-data to admin.\n", error: "")
  }

  func testCrownJewelsTarget() throws {
    let result = try blast(
      "paths", "estate.json", "--from", "ci-runner-01", "--to", "crown-jewels")
    XCTAssertEqual(result.status, 0)
    XCTAssertEqual(result.standardError, "")
    XCTAssertTrue(
      result.standardOutput.hasPrefix(
        "1 path from ci-runner-01 to crown-jewels, unconditional first, then shortest\n\n"
          + "Path 1: ci-runner-01 to customer-data, 3 hops\n"))
  }

  func testPathThroughServiceScopeNamesBothHops() throws {
    // bob's Allow on every DynamoDB resource of the account reaches the table through the
    // account's DynamoDB scope; alice's names the table and makes it known.
    try write(
      #"""
      {
        "UserDetailList": [
          {"Path": "/", "UserName": "alice", "Arn": "arn:aws:iam::111111111111:user/alice",
           "GroupList": [], "AttachedManagedPolicies": [], "Tags": [],
           "UserPolicyList": [{"PolicyName": "orders", "PolicyDocument": {
             "Version": "2012-10-17", "Statement": [{"Effect": "Allow",
               "Action": "dynamodb:GetItem",
               "Resource": "arn:aws:dynamodb:eu-west-1:111111111111:table/orders"}]}}]},
          {"Path": "/", "UserName": "bob", "Arn": "arn:aws:iam::111111111111:user/bob",
           "GroupList": [], "AttachedManagedPolicies": [], "Tags": [],
           "UserPolicyList": [{"PolicyName": "tables", "PolicyDocument": {
             "Version": "2012-10-17", "Statement": [{"Effect": "Allow",
               "Action": "dynamodb:Query", "Resource": "*"}]}}]}
        ],
        "GroupDetailList": [], "RoleDetailList": [], "Policies": []
      }
      """#, to: "aws.json")
    let expected = """
      1 path from bob to orders, unconditional first, then shortest

      Path 1: bob to orders, 2 hops
        1. bob -[access: dynamodb:Query]-> dynamodb in 111111111111
           via inline policy "tables" of user bob, statement 0 (aws.json:UserDetailList[1].UserPolicyList[0].PolicyDocument.Statement[0])
        2. dynamodb in 111111111111 -[contains]-> orders
           via dynamodb-table orders belongs to account 111111111111

      Nodes on these paths
        bob                       human     aws/111111111111  arn:aws:iam::111111111111:user/bob
        dynamodb in 111111111111  scope     aws/111111111111  aws:account/111111111111/dynamodb
        orders                    resource  aws/111111111111  arn:aws:dynamodb:eu-west-1:111111111111:table/orders  not defined by any input

      """
    assertResult(
      try blast(
        "paths", "aws.json", "--from", "bob", "--to",
        "arn:aws:dynamodb:eu-west-1:111111111111:table/orders"),
      status: 0, output: expected, error: "")
  }
}
