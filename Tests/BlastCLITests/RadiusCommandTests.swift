import XCTest

/// `blast radius`: what an identity reaches, as text or `blastradius/radius/v1` JSON.
final class RadiusCommandTests: BlastTestCase {
  func testTextListsPrivilegesCrownJewelsAndKinds() throws {
    let expected = """
      Blast radius of alice (human, aws/111122223333)
      id: arn:aws:iam::111122223333:user/alice

      Reaches 7 nodes within 3 hops. Counting its own, that spans 1 platform and 2 accounts.
      Platforms: aws
      Accounts: aws/111122223333, aws/444455556666
      Privileges reached: 2
      Crown jewels reached: 1

      Privileges
        2 hops  iam admin      aws/111122223333  aws:111122223333:iam-admin
            via alice -[memberOf]-> ops -[escalates: iam:AttachUserPolicy]-> iam admin
        3 hops  account admin  aws/444455556666  aws:444455556666:account-admin  conditional
            via alice -[assumes: sts:AssumeRole]-> deployer -[assumes: sts:AssumeRole]-> prod-admin -[access: *]-> account admin

      Crown jewels
        2 hops  customer-data  aws/444455556666  arn:aws:s3:::customer-data  crown jewel
            via alice -[assumes: sts:AssumeRole]-> deployer -[access: s3:GetObject, s3:PutObject]-> customer-data

      Everything reached, by kind
        serviceIdentity
          1 hop   deployer       aws/111122223333  arn:aws:iam::111122223333:role/deployer
          2 hops  prod-admin     aws/444455556666  arn:aws:iam::444455556666:role/prod-admin  conditional
        group
          1 hop   ops            aws/111122223333  arn:aws:iam::111122223333:group/ops
        resource
          2 hops  build-logs     aws/111122223333  arn:aws:s3:::build-logs
          2 hops  customer-data  aws/444455556666  arn:aws:s3:::customer-data                 crown jewel
        privilege
          2 hops  iam admin      aws/111122223333  aws:111122223333:iam-admin
          3 hops  account admin  aws/444455556666  aws:444455556666:account-admin             conditional

      """
    assertResult(
      try blast("radius", "alice", "estate.json"), status: 0, output: expected, error: "")
  }

  func testPathsFlagShowsEveryPath() throws {
    let expected = """
      Blast radius of ci-runner-01 (workload, on-premises/datacenter-1)
      id: inventory:host/ci-runner-01
      depth: at most 2 hops

      Reaches 2 nodes within 2 hops. Counting its own, that spans 3 platforms and 3 accounts.
      Platforms: aws, kubernetes, on-premises
      Accounts: aws/111122223333, kubernetes/prod, on-premises/datacenter-1
      Privileges reached: 0
      Crown jewels reached: 0

      Everything reached, by kind
        serviceIdentity
          1 hop   ci:builder  kubernetes/prod   prod/system:serviceaccount:ci:builder
              via ci-runner-01 -[runsAs]-> ci:builder
          2 hops  deployer    aws/111122223333  arn:aws:iam::111122223333:role/deployer
              via ci-runner-01 -[runsAs]-> ci:builder -[federates: sts:AssumeRoleWithWebIdentity]-> deployer

      """
    assertResult(
      try blast("radius", "ci-runner-01", "estate.json", "--depth", "2", "--paths"), status: 0,
      output: expected, error: "")
  }

  func testJSONWithDepthLimit() throws {
    let expected = """
      {
        "schema" : "blastradius/radius/v1",
        "maxDepth" : 1,
        "nodes" : {
          "arn:aws:iam::111122223333:role/deployer" : {
            "account" : "111122223333",
            "crownJewel" : false,
            "defined" : true,
            "kind" : "serviceIdentity",
            "name" : "deployer",
            "platform" : "aws",
            "type" : "iam-role"
          },
          "arn:aws:iam::444455556666:role/prod-admin" : {
            "account" : "444455556666",
            "crownJewel" : false,
            "defined" : true,
            "kind" : "serviceIdentity",
            "name" : "prod-admin",
            "platform" : "aws",
            "type" : "iam-role"
          },
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
        "reached" : [
          {
            "actsAs" : true,
            "conditional" : true,
            "hops" : 1,
            "node" : "arn:aws:iam::444455556666:role/prod-admin",
            "path" : [
              {
                "actions" : [
                  "sts:AssumeRole"
                ],
                "conditional" : true,
                "from" : "arn:aws:iam::111122223333:role/deployer",
                "relation" : "assumes",
                "to" : "arn:aws:iam::444455556666:role/prod-admin",
                "via" : {
                  "file" : "exports/aws-444455556666.json",
                  "grant" : "prod-admin trust policy",
                  "location" : "RoleDetailList[0].AssumeRolePolicyDocument.Statement[0]"
                }
              }
            ]
          },
          {
            "actsAs" : false,
            "conditional" : false,
            "hops" : 1,
            "node" : "arn:aws:s3:::customer-data",
            "path" : [
              {
                "actions" : [
                  "s3:GetObject",
                  "s3:PutObject"
                ],
                "conditional" : false,
                "from" : "arn:aws:iam::111122223333:role/deployer",
                "relation" : "access",
                "to" : "arn:aws:s3:::customer-data",
                "via" : {
                  "file" : "exports/aws-111122223333.json",
                  "grant" : "deployer-data",
                  "location" : "RoleDetailList[0].RolePolicyList[0].PolicyDocument.Statement[0]"
                }
              }
            ]
          }
        ],
        "source" : "arn:aws:iam::111122223333:role/deployer",
        "summary" : {
          "accounts" : [
            "aws/111122223333",
            "aws/444455556666"
          ],
          "crownJewels" : [
            "arn:aws:s3:::customer-data"
          ],
          "deepestHop" : 1,
          "platforms" : [
            "aws"
          ],
          "privileges" : [

          ],
          "reachedCount" : 2
        }
      }

      """
    assertResult(
      try blast("radius", "deployer", "estate.json", "--depth", "1", "--json"), status: 0,
      output: expected, error: "")
  }

  func testDepthSpellingsAgree() throws {
    let separate = try blast("radius", "alice", "estate.json", "--depth", "1", "--json")
    let joined = try blast("radius", "alice", "--depth=1", "estate.json", "--json")
    XCTAssertEqual(separate.status, 0)
    XCTAssertEqual(joined, separate)
  }

  func testNothingReachableIsSuccess() throws {
    assertResult(
      try blast("radius", "customer-data", "estate.json"), status: 0,
      output: """
        Blast radius of customer-data (resource, aws/444455556666)
        id: arn:aws:s3:::customer-data

        Reaches nothing.

        """,
      error: "")
  }

  func testOutputFileHoldsTheResult() throws {
    let printed = try blast("radius", "alice", "estate.json", "--json")
    assertResult(
      try blast("radius", "alice", "estate.json", "--json", "-o", "alice.json"), status: 0,
      output: "", error: "")
    let written = try String(
      contentsOf: folder.appendingPathComponent("alice.json"), encoding: .utf8)
    XCTAssertEqual(written, printed.standardOutput)
  }

  func testDoubleDashEndsOptions() throws {
    try FileManager.default.moveItem(
      at: folder.appendingPathComponent("estate.json"),
      to: folder.appendingPathComponent("-estate.json"))
    let result = try blast("radius", "alice", "--depth", "1", "--", "-estate.json")
    XCTAssertEqual(result.status, 0)
    XCTAssertEqual(result.standardError, "")
    XCTAssertTrue(result.standardOutput.hasPrefix("Blast radius of alice "))
  }
}
