import XCTest

/// `blast who-can`: who or what reaches a target, as text or `blastradius/who-can/v1` JSON.
final class WhoCanCommandTests: BlastTestCase {
  func testActionFiltersFinalGrant() throws {
    let expected = """
      Who can reach customer-data (resource, aws/444455556666)
      id: arn:aws:s3:::customer-data
      action: s3:PutObject

      4 nodes reach it within 3 hops, 4 of them identities.

      Identities
        1 hop   deployer      aws/111122223333          arn:aws:iam::111122223333:role/deployer
            via deployer -[access: s3:GetObject, s3:PutObject]-> customer-data
        2 hops  alice         aws/111122223333          arn:aws:iam::111122223333:user/alice
            via alice -[assumes: sts:AssumeRole]-> deployer -[access: s3:GetObject, s3:PutObject]-> customer-data
        2 hops  ci:builder    kubernetes/prod           prod/system:serviceaccount:ci:builder
            via ci:builder -[federates: sts:AssumeRoleWithWebIdentity]-> deployer -[access: s3:GetObject, s3:PutObject]-> customer-data
        3 hops  ci-runner-01  on-premises/datacenter-1  inventory:host/ci-runner-01
            via ci-runner-01 -[runsAs]-> ci:builder -[federates: sts:AssumeRoleWithWebIdentity]-> deployer -[access: s3:GetObject, s3:PutObject]-> customer-data

      Everything that reaches it, by kind
        human
          2 hops  alice         aws/111122223333          arn:aws:iam::111122223333:user/alice
        workload
          3 hops  ci-runner-01  on-premises/datacenter-1  inventory:host/ci-runner-01
        serviceIdentity
          1 hop   deployer      aws/111122223333          arn:aws:iam::111122223333:role/deployer
          2 hops  ci:builder    kubernetes/prod           prod/system:serviceaccount:ci:builder

      """
    assertResult(
      try blast("who-can", "customer-data", "estate.json", "--action", "s3:PutObject"),
      status: 0, output: expected, error: "")
  }

  func testAdminGivesOneResultPerPrivilege() throws {
    let expected = """
      Who can reach iam admin (privilege, aws/111122223333)
      id: aws:111122223333:iam-admin
      depth: at most 2 hops

      2 nodes reach it within 2 hops, 1 of them an identity.

      Identities
        2 hops  alice  aws/111122223333  arn:aws:iam::111122223333:user/alice
            via alice -[memberOf]-> ops -[escalates: iam:AttachUserPolicy]-> iam admin

      Everything that reaches it, by kind
        human
          2 hops  alice  aws/111122223333  arn:aws:iam::111122223333:user/alice
        group
          1 hop   ops    aws/111122223333  arn:aws:iam::111122223333:group/ops

      Who can reach account admin (privilege, aws/444455556666)
      id: aws:444455556666:account-admin
      depth: at most 2 hops

      2 nodes reach it within 2 hops, 2 of them identities.

      Identities
        1 hop   prod-admin  aws/444455556666  arn:aws:iam::444455556666:role/prod-admin
            via prod-admin -[access: *]-> account admin
        2 hops  deployer    aws/111122223333  arn:aws:iam::111122223333:role/deployer    conditional
            via deployer -[assumes: sts:AssumeRole]-> prod-admin -[access: *]-> account admin

      Everything that reaches it, by kind
        serviceIdentity
          1 hop   prod-admin  aws/444455556666  arn:aws:iam::444455556666:role/prod-admin
          2 hops  deployer    aws/111122223333  arn:aws:iam::111122223333:role/deployer    conditional

      """
    assertResult(
      try blast("who-can", "admin", "estate.json", "--depth", "2"), status: 0,
      output: expected, error: "")
  }

  func testJSONWithActionAndDepth() throws {
    let expected = """
      {
        "schema" : "blastradius/who-can/v1",
        "action" : "s3:PutObject",
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
        "results" : [
          {
            "reachers" : [
              {
                "actsAs" : false,
                "conditional" : false,
                "hops" : 1,
                "node" : "arn:aws:iam::111122223333:role/deployer",
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
            "target" : "arn:aws:s3:::customer-data"
          }
        ],
        "target" : "arn:aws:s3:::customer-data"
      }

      """
    assertResult(
      try blast(
        "who-can", "arn:aws:s3:::customer-data", "estate.json", "--action", "s3:PutObject",
        "--depth", "1", "--json"),
      status: 0, output: expected, error: "")
  }

  func testNothingReachesIsSuccess() throws {
    assertResult(
      try blast("who-can", "alice", "estate.json"), status: 0,
      output: """
        Who can reach alice (human, aws/111122223333)
        id: arn:aws:iam::111122223333:user/alice

        Nothing reaches it.

        """,
      error: "")
  }

  func testBucketPolicyPrincipalReachesBucket() throws {
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("aws"), withIntermediateDirectories: true)
    try write(
      #"""
      {
          "UserDetailList": [
              {
                  "Path": "/",
                  "UserName": "alice",
                  "UserId": "AIDAEXAMPLEALICE00001",
                  "Arn": "arn:aws:iam::111111111111:user/alice",
                  "CreateDate": "2024-03-01T08:00:00+00:00",
                  "UserPolicyList": [],
                  "GroupList": [],
                  "AttachedManagedPolicies": [],
                  "Tags": []
              }
          ],
          "GroupDetailList": [],
          "RoleDetailList": [],
          "Policies": []
      }
      """#, to: "aws/iam-111111111111.json")
    try write(
      #"""
      {
          "Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AliceRead\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111111111111:user/alice\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::logs/*\"}]}",
          "Account": "111111111111"
      }
      """#, to: "aws/bucket-logs.json")
    let expected = """
      {
        "schema" : "blastradius/who-can/v1",
        "action" : null,
        "maxDepth" : null,
        "nodes" : {
          "arn:aws:iam::111111111111:user/alice" : {
            "account" : "111111111111",
            "crownJewel" : false,
            "defined" : true,
            "kind" : "human",
            "name" : "alice",
            "platform" : "aws",
            "type" : "iam-user"
          },
          "arn:aws:s3:::logs" : {
            "account" : "111111111111",
            "crownJewel" : false,
            "defined" : true,
            "kind" : "resource",
            "name" : "logs",
            "platform" : "aws",
            "type" : "s3-bucket"
          }
        },
        "results" : [
          {
            "reachers" : [
              {
                "actsAs" : false,
                "conditional" : false,
                "hops" : 1,
                "node" : "arn:aws:iam::111111111111:user/alice",
                "path" : [
                  {
                    "actions" : [
                      "s3:GetObject"
                    ],
                    "conditional" : false,
                    "from" : "arn:aws:iam::111111111111:user/alice",
                    "relation" : "access",
                    "to" : "arn:aws:s3:::logs",
                    "via" : {
                      "file" : "aws/bucket-logs.json",
                      "grant" : "bucket policy of logs, statement 0 (Sid AliceRead), which names user alice",
                      "location" : "Policy.Statement[0]"
                    }
                  }
                ]
              }
            ],
            "target" : "arn:aws:s3:::logs"
          }
        ],
        "target" : "arn:aws:s3:::logs"
      }

      """
    assertResult(
      try blast("who-can", "arn:aws:s3:::logs", "aws", "--json"), status: 0, output: expected,
      error: "")
  }
}
