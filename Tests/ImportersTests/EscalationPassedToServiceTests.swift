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
              "ec2:RunInstances", "ecs:RunTask"], "Resource": "*"}]}}]
      }, {
        "Path": "/", "UserName": "bob", "UserId": "AIDABOB",
        "Arn": "arn:aws:iam::111111111111:user/bob", "CreateDate": "2024-01-01T00:00:00Z",
        "GroupList": [], "AttachedManagedPolicies": [], "Tags": [],
        "UserPolicyList": [{"PolicyName": "tasks", "PolicyDocument": {
          "Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*",
             "Condition": {"StringEquals": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}}},
            {"Effect": "Allow", "Action": "ecs:RunTask", "Resource": "*"}]}}]
      }],
      "GroupDetailList": [],
      "RoleDetailList": [\#(role("lambda-admin", trusting: "lambda.amazonaws.com")),
                         \#(role("ec2-admin", trusting: "ec2.amazonaws.com")),
                         \#(role("ecs-admin", trusting: "ecs-tasks.amazonaws.com"))],
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

  func testRunTaskDecidesPassedToService() throws {
    // Running the task definition passes its task role to ecs-tasks.amazonaws.com. alice may
    // pass roles to Lambda only, and bob to ECS tasks only.
    let definition = "arn:aws:ecs:us-east-1:111111111111:task-definition/nightly-batch:3"
    let bob = "arn:aws:iam::111111111111:user/bob"
    let workload = Node(
      id: definition, kind: .workload, platform: .aws, account: "111111111111",
      type: "ecs-task-definition",
      tags: ["taskRole": "arn:aws:iam::111111111111:role/ecs-admin"])
    let run = try AWSFixtures.run(
      [try AWSFixtures.document(json: export)], resources: [workload])
    XCTAssertEqual(run.facts(from: alice).filter { $0.relation == .controls }, [])
    XCTAssertEqual(
      run.facts(from: bob).filter { $0.relation == .controls },
      [EdgeFact(bob, definition, .controls, ["ecs:RunTask", "iam:PassRole"])])
  }
}
