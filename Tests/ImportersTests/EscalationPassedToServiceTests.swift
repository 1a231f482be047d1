import AccessGraph
import XCTest

@testable import Importers

/// `iam:PassedToService` conditions on `iam:PassRole`, decided per technique.
final class EscalationPassedToServiceTests: XCTestCase {
  private let alice = "arn:aws:iam::111111111111:user/alice"
  private let lambdaRole = "arn:aws:iam::111111111111:role/lambda-admin"
  private let ec2Role = "arn:aws:iam::111111111111:role/ec2-admin"

  private func role(_ name: String, trusting service: String) -> String {
    #"""
    {
      "Path": "/", "RoleName": "\#(name)", "RoleId": "AROA\#(name.uppercased())",
      "Arn": "arn:aws:iam::111111111111:role/\#(name)", "CreateDate": "2024-01-01T00:00:00Z",
      "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "\#(service)"}, "Action": "sts:AssumeRole"}]},
      "InstanceProfileList": [{"Path": "/", "InstanceProfileName": "\#(name)",
        "InstanceProfileId": "AIPA\#(name.uppercased())",
        "Arn": "arn:aws:iam::111111111111:instance-profile/\#(name)",
        "CreateDate": "2024-01-01T00:00:00Z", "Roles": []}],
      "RolePolicyList": [], "Tags": [], "RoleLastUsed": {},
      "AttachedManagedPolicies": [
        {"PolicyName": "AdministratorAccess", "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}]
    }
    """#
  }

  private var export: String {
    #"""
    {
      "UserDetailList": [{
        "Path": "/", "UserName": "alice", "UserId": "AIDAALICE",
        "Arn": "arn:aws:iam::111111111111:user/alice", "CreateDate": "2024-01-01T00:00:00Z",
        "GroupList": [], "AttachedManagedPolicies": [], "Tags": [],
        "UserPolicyList": [{"PolicyName": "serverless", "PolicyDocument": {
          "Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*",
             "Condition": {"StringEquals": {"iam:PassedToService": "lambda.amazonaws.com"}}},
            {"Effect": "Allow", "Action": ["lambda:CreateFunction", "lambda:InvokeFunction",
              "ec2:RunInstances"], "Resource": "*"}]}}]
      }],
      "GroupDetailList": [],
      "RoleDetailList": [\#(role("lambda-admin", trusting: "lambda.amazonaws.com")),
                         \#(role("ec2-admin", trusting: "ec2.amazonaws.com"))],
      "Policies": []
    }
    """#
  }

  func testPassedToServiceConditionIsDecided() throws {
    let run = try AWSFixtures.run([try AWSFixtures.document(json: export)])
    let escalations = run.facts(from: alice).filter { $0.relation == .assumes }
    XCTAssertEqual(
      escalations,
      [
        EdgeFact(
          alice, lambdaRole, .assumes,
          ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"])
      ])
  }
}
