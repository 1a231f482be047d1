import AccessGraph
import XCTest

@testable import Importers

/// Policies IAM would reject, Deny statements on a few IAM resources, and new resources in
/// another partition.
final class AWSMalformedAndGuardrailTests: XCTestCase {
  private let admin = "aws:admin/111111111111"
  private let alice = "arn:aws:iam::111111111111:user/alice"

  /// Returns an export of user alice whose inline policy has `statements`, and of a role `fn`
  /// with AdministratorAccess that trusts Lambda.
  private func export(_ statements: String) -> String {
    #"""
    {
      "UserDetailList": [{
        "Path": "/", "UserName": "alice", "UserId": "AIDAALICE",
        "Arn": "arn:aws:iam::111111111111:user/alice", "CreateDate": "2024-01-01T00:00:00Z",
        "GroupList": [], "AttachedManagedPolicies": [], "Tags": [],
        "UserPolicyList": [{"PolicyName": "p", "PolicyDocument": {
          "Version": "2012-10-17", "Statement": \#(statements)}}]
      }],
      "GroupDetailList": [],
      "RoleDetailList": [{
        "Path": "/", "RoleName": "fn", "RoleId": "AROAFN",
        "Arn": "arn:aws:iam::111111111111:role/fn", "CreateDate": "2024-01-01T00:00:00Z",
        "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
           "Action": "sts:AssumeRole"}]},
        "InstanceProfileList": [], "RolePolicyList": [], "Tags": [], "RoleLastUsed": {},
        "AttachedManagedPolicies": [
          {"PolicyName": "AdministratorAccess",
           "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}]
      }],
      "Policies": [{
        "PolicyName": "AdministratorAccess", "PolicyId": "ANPAADMIN",
        "Arn": "arn:aws:iam::aws:policy/AdministratorAccess", "Path": "/",
        "DefaultVersionId": "v1", "AttachmentCount": 1, "PermissionsBoundaryUsageCount": 0,
        "IsAttachable": true, "CreateDate": "2024-01-01T00:00:00Z",
        "UpdateDate": "2024-01-01T00:00:00Z",
        "PolicyVersionList": [{"Document": {"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": "*", "Resource": "*"}]},
          "VersionId": "v1", "IsDefaultVersion": true, "CreateDate": "2024-01-01T00:00:00Z"}]
      }]
    }
    """#
  }

  private func run(_ statements: String) throws -> AWSImportRun {
    try AWSFixtures.run([try AWSFixtures.document(json: export(statements))])
  }

  private func assertRejected(
    _ statements: String, _ problem: String, file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssertThrowsError(try run(statements), file: file, line: line) { error in
      let description = String(describing: error)
      XCTAssertTrue(description.contains(problem), description, file: file, line: line)
    }
  }

  func testNullConditionsAreRejected() {
    assertRejected(
      #"[{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": null}]"#,
      "\"Condition\" is null")
    assertRejected(
      #"[{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": null}}]"#,
      "the operator \"StringEquals\" is null")
    assertRejected(
      #"""
      [{"Effect": "Allow", "Action": "*", "Resource": "*",
        "Condition": {"StringEquals": {"aws:username": null}}}]
      """#,
      "the condition key \"aws:username\" has the value null")
  }

  func testEmptyArraysAreRejected() {
    assertRejected(
      #"[{"Effect": "Deny", "Action": "*", "Resource": []}]"#, "\"Resource\" is an empty array")
    assertRejected(
      #"[{"Effect": "Allow", "Action": [], "Resource": "*"}]"#, "\"Action\" is an empty array")
  }

  func testDenyOnOneRoleKeepsAdmin() throws {
    let run = try run(
      #"""
      [{"Effect": "Allow", "Action": "*", "Resource": "*"},
       {"Effect": "Deny", "Action": "iam:*",
        "Resource": "arn:aws:iam::*:role/OrganizationAccountAccessRole"}]
      """#)
    XCTAssertTrue(run.facts(from: alice).contains(EdgeFact(alice, admin, .access, ["*"])))
  }

  func testDenyOfIAMOnEveryResourceKeepsFromAdmin() throws {
    let run = try run(
      #"""
      [{"Effect": "Allow", "Action": "*", "Resource": "*"},
       {"Effect": "Deny", "Action": "iam:CreateUser", "Resource": "*"}]
      """#)
    XCTAssertFalse(run.facts(from: alice).contains { $0.target == admin })
  }

  func testNewFunctionInAnotherPartitionDoesNotCount() throws {
    let run = try run(
      #"""
      [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"},
       {"Effect": "Allow", "Action": ["lambda:CreateFunction", "lambda:InvokeFunction"],
        "Resource": "arn:aws-cn:lambda:*:111111111111:function:*"}]
      """#)
    XCTAssertEqual(run.facts(from: alice).filter { $0.relation == .assumes }, [])
  }

  /// Returns an export of user bob with the customer managed policy `ops` of `versions`
  /// versions attached, whose default version has `statements`.
  private func policyVersionsExport(versions: Int, statements: String) -> String {
    let list = (1...versions).map { number in
      let document =
        number == versions
        ? statements : #"[{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}]"#
      return #"""
        {"Document": {"Version": "2012-10-17", "Statement": \#(document)},
         "VersionId": "v\#(number)", "IsDefaultVersion": \#(number == versions),
         "CreateDate": "2024-01-01T00:00:00Z"}
        """#
    }
    return #"""
      {
        "UserDetailList": [{
          "Path": "/", "UserName": "bob", "UserId": "AIDABOB",
          "Arn": "arn:aws:iam::111111111111:user/bob", "CreateDate": "2024-01-01T00:00:00Z",
          "GroupList": [], "UserPolicyList": [], "Tags": [],
          "AttachedManagedPolicies": [
            {"PolicyName": "ops", "PolicyArn": "arn:aws:iam::111111111111:policy/ops"}]
        }],
        "GroupDetailList": [], "RoleDetailList": [],
        "Policies": [{
          "PolicyName": "ops", "PolicyId": "ANPAOPS", "Arn": "arn:aws:iam::111111111111:policy/ops",
          "Path": "/", "DefaultVersionId": "v\#(versions)", "AttachmentCount": 1,
          "PermissionsBoundaryUsageCount": 0, "IsAttachable": true,
          "CreateDate": "2024-01-01T00:00:00Z", "UpdateDate": "2024-01-01T00:00:00Z",
          "PolicyVersionList": [\#(list.joined(separator: ", "))]
        }]
      }
      """#
  }

  func testSixthPolicyVersionNeedsADeletion() throws {
    let bob = "arn:aws:iam::111111111111:user/bob"
    let createOnly = #"""
      [{"Effect": "Allow", "Action": "iam:CreatePolicyVersion",
        "Resource": "arn:aws:iam::111111111111:policy/ops"}]
      """#
    let createAndDelete = #"""
      [{"Effect": "Allow", "Action": ["iam:CreatePolicyVersion", "iam:DeletePolicyVersion"],
        "Resource": "arn:aws:iam::111111111111:policy/ops"}]
      """#
    func escalations(_ versions: Int, _ statements: String) throws -> [EdgeFact] {
      let json = policyVersionsExport(versions: versions, statements: statements)
      let run = try AWSFixtures.run([try AWSFixtures.document(json: json)])
      return run.facts(from: bob).filter { $0.relation == .escalates }.sorted { "\($0)" < "\($1)" }
    }
    let edge = EdgeFact(bob, admin, .escalates, ["iam:CreatePolicyVersion"])
    XCTAssertEqual(try escalations(4, createOnly), [edge])
    XCTAssertEqual(try escalations(5, createOnly), [])
    XCTAssertEqual(try escalations(5, createAndDelete), [edge])
  }
}
