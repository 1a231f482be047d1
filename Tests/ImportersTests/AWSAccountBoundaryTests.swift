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

    // The table of the user's account is reached through the DynamoDB scope of the account.
    XCTAssertTrue(targets.contains("aws:account/111111111111/dynamodb"))
    XCTAssertFalse(targets.contains("arn:aws:dynamodb:eu-west-1:111111111111:table/own"))
    XCTAssertFalse(targets.contains("arn:aws:dynamodb:eu-west-1:222222222222:table/foreign"))
    XCTAssertFalse(targets.contains("aws:account/222222222222/dynamodb"))
    // The bucket, whose account no input gives, is reached through the S3 scope of no known
    // account.
    XCTAssertTrue(targets.contains("aws:account/unknown/s3"))
    XCTAssertFalse(targets.contains("arn:aws:s3:::shared-bucket"))
  }

  func testConditionalDenyOfOtherServiceLeavesGrantUnconditional() throws {
    let dev = "arn:aws:iam::111111111111:user/dev"
    XCTAssertEqual(
      try run().facts(from: dev),
      [
        EdgeFact(dev, "aws:account/111111111111/dynamodb", .access, ["*"]),
        EdgeFact(dev, "aws:account/unknown/s3", .access, ["*"]),
        // The Deny of IAM actions names the user's own ARN once ${aws:username} is replaced,
        // so it is unconditional, and the Allow already leaves out IAM.
        EdgeFact(dev, "aws:account/111111111111", .access, ["*", "!iam:*"]),
      ])
  }
}
