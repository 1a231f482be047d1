import AccessGraph
import XCTest

@testable import Importers

/// Grants that cross an account boundary, and Deny statements of another service.
final class AWSAccountBoundaryTests: XCTestCase {
  private let export = #"""
    {
      "UserDetailList": [{
        "UserName": "dev", "Arn": "arn:aws:iam::111111111111:user/dev", "Path": "/",
        "GroupList": [], "AttachedManagedPolicies": [],
        "UserPolicyList": [{
          "PolicyName": "broad",
          "PolicyDocument": {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"},
            {"Effect": "Deny", "Action": "iam:*",
             "NotResource": "arn:aws:iam::111111111111:user/${aws:username}"}
          ]}
        }]
      }],
      "GroupDetailList": [], "RoleDetailList": [], "Policies": []
    }
    """#

  private func run() throws -> AWSImportRun {
    try AWSFixtures.run(
      [try AWSFixtures.document(json: export)],
      resources: [
        AWSFixtures.resource(
          "arn:aws:dynamodb:eu-west-1:111111111111:table/own", type: "dynamodb-table",
          account: "111111111111"),
        AWSFixtures.resource(
          "arn:aws:dynamodb:eu-west-1:222222222222:table/foreign", type: "dynamodb-table",
          account: "222222222222"),
        AWSFixtures.resource("arn:aws:s3:::shared-bucket", type: "s3-bucket"),
      ])
  }

  func testResourceOfAnotherAccountGetsNoEdge() throws {
    let targets = Set(try run().facts(from: "arn:aws:iam::111111111111:user/dev").map(\.target))

    XCTAssertTrue(targets.contains("arn:aws:dynamodb:eu-west-1:111111111111:table/own"))
    XCTAssertFalse(targets.contains("arn:aws:dynamodb:eu-west-1:222222222222:table/foreign"))
    XCTAssertTrue(targets.contains("arn:aws:s3:::shared-bucket"))
  }

  func testConditionalDenyOfOtherServiceLeavesGrantUnconditional() throws {
    let facts = try run().facts(from: "arn:aws:iam::111111111111:user/dev")
    let table = facts.first { $0.target == "arn:aws:dynamodb:eu-west-1:111111111111:table/own" }
    let bucket = facts.first { $0.target == "arn:aws:s3:::shared-bucket" }

    XCTAssertEqual(table?.isConditional, false)
    XCTAssertEqual(bucket?.isConditional, false)
    XCTAssertEqual(bucket?.actions, ["*"])
  }
}
