import AccessGraph
import XCTest

@testable import Importers

/// Resource patterns whose partition, service, region or account segment has a wildcard.
///
/// IAM compares those segments one by one, so the `*` of `arn:aws:dynamodb:*:...` matches a
/// region name and never the colons after it. Each test has a resource with an area that
/// ends in `*`, such as a table's indexes, where a comparison of whole strings would find an
/// overlap through an ARN that AWS never creates.
final class AWSARNSegmentTests: XCTestCase {
  private let account = "111111111111"
  private let dev = "arn:aws:iam::111111111111:user/dev"
  private let orders = "arn:aws:dynamodb:eu-west-1:111111111111:table/identity-prod-orders"
  private let locks = "arn:aws:dynamodb:us-east-1:111111111111:table/terraform-locks"
  private let resize = "arn:aws:lambda:eu-west-1:111111111111:function:resize"

  /// Returns an export of user dev in account 111111111111 whose one inline policy has
  /// `statements`.
  private func export(_ statements: String) -> String {
    """
    {
      "UserDetailList": [{
        "UserName": "dev", "Arn": "\(dev)", "Path": "/",
        "GroupList": [], "AttachedManagedPolicies": [],
        "UserPolicyList": [{
          "PolicyName": "p",
          "PolicyDocument": {"Version": "2012-10-17", "Statement": \(statements)}
        }]
      }],
      "GroupDetailList": [], "RoleDetailList": [], "Policies": []
    }
    """
  }

  /// Runs the importer on an export of `statements` and `others`, with the two tables
  /// defined as the inventory would define them.
  private func run(_ statements: String, others: [String] = []) throws -> AWSImportRun {
    let documents =
      try [AWSFixtures.document(json: export(statements))]
      + others.enumerated().map { index, text in
        try AWSFixtures.document(json: text, file: "other-\(index).json")
      }
    return try AWSFixtures.run(
      documents,
      resources: [
        AWSFixtures.resource(orders, type: "dynamodb-table", account: account),
        AWSFixtures.resource(locks, type: "dynamodb-table", account: account),
      ])
  }

  func testRegionWildcardReachesOnlyNamedTable() throws {
    let run = try run(
      """
      [{"Effect": "Allow", "Action": "dynamodb:GetItem",
        "Resource": "arn:aws:dynamodb:*:111111111111:table/identity-prod-orders"}]
      """)
    XCTAssertEqual(
      run.facts(from: dev), [EdgeFact(dev, orders, .access, ["dynamodb:GetItem"])])
  }

  func testAccountWildcardReachesNoOtherTable() throws {
    let run = try run(
      """
      [{"Effect": "Allow", "Action": "dynamodb:GetItem",
        "Resource": "arn:aws:dynamodb:eu-west-1:*:table/archived-orders"}]
      """)
    XCTAssertEqual(run.facts(from: dev), [])
  }

  func testOtherTableDenyKeepsEdgeUnconditional() throws {
    let run = try run(
      """
      [{"Effect": "Allow", "Action": "dynamodb:Query",
        "Resource": [
          "arn:aws:dynamodb:eu-west-1:111111111111:table/identity-prod-orders",
          "arn:aws:dynamodb:eu-west-1:111111111111:table/identity-prod-orders/index/*"]},
       {"Effect": "Deny", "Action": "dynamodb:*",
        "Resource": "arn:aws:dynamodb:*:111111111111:table/terraform-locks",
        "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}]
      """)
    XCTAssertEqual(run.facts(from: dev), [EdgeFact(dev, orders, .access, ["dynamodb:Query"])])
  }

  func testOtherFunctionDenyKeepsPolicyEdge() throws {
    let functionPolicy = #"""
      {"Statement": [{"Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::111111111111:user/dev"},
        "Action": "lambda:InvokeFunction",
        "Resource": ["arn:aws:lambda:eu-west-1:111111111111:function:resize",
                     "arn:aws:lambda:eu-west-1:111111111111:function:resize:*"]}]}
      """#
    let document: [String: Any] = ["Policy": functionPolicy, "RevisionId": "r1"]
    let file = String(
      decoding: try JSONSerialization.data(withJSONObject: document), as: UTF8.self)
    let run = try run(
      """
      [{"Effect": "Deny", "Action": "lambda:*",
        "Resource": "arn:aws:lambda:*:111111111111:function:other",
        "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}]
      """,
      others: [file])
    XCTAssertEqual(
      run.facts(from: dev), [EdgeFact(dev, resize, .access, ["lambda:InvokeFunction"])])
  }

  func testBoundaryOfOtherAccountAllowsNoNewFunction() throws {
    // The area is every function that the role could create in its own account.
    let ownFunctions = WildcardPattern(
      "arn:*:lambda:*:111111111111:function:*", isCaseSensitive: true,
      readsPolicyVariables: false)
    let boundary = ManagedPolicy(
      arn: "arn:aws:iam::111111111111:policy/OtherAccountOnly", name: "OtherAccountOnly",
      versionID: "v1",
      document: try document(
        """
        [{"Effect": "Allow", "Action": "lambda:*",
          "Resource": "arn:aws:lambda:us-east-1:222222222222:function:*"}]
        """),
      file: "test.json")

    let unbounded = try administrator(boundary: nil)
    XCTAssertNotNil(unbounded.decision(for: "lambda:CreateFunction", withinSome: ownFunctions))
    let bounded = try administrator(boundary: boundary)
    XCTAssertNil(bounded.decision(for: "lambda:CreateFunction", withinSome: ownFunctions))
  }

  private func document(_ statements: String) throws -> PolicyDocument {
    let cursor = try AWSFixtures.document(
      json: #"{"Version": "2012-10-17", "Statement": \#(statements)}"#)
    var warnings: [ImportWarning] = []
    return try PolicyDocument.parse(cursor, kind: .identity, warnings: &warnings)
  }

  /// Returns the permissions of a role of account 111111111111 that is allowed every action
  /// on every resource, within `boundary`.
  private func administrator(boundary: ManagedPolicy?) throws -> PrincipalPermissions {
    let role = IAMRole(
      arn: "arn:aws:iam::111111111111:role/r", name: "r", path: "/", account: account,
      file: "test.json", location: "RoleDetailList[0]", trustPolicy: nil,
      inlinePolicies: [
        InlinePolicy(
          name: "p",
          document: try document(#"[{"Effect": "Allow", "Action": "*", "Resource": "*"}]"#))
      ],
      attachedPolicies: [], tags: [:], lastUsed: nil, instanceProfiles: [],
      permissionsBoundary: nil)
    return PrincipalPermissions(holders: [role], policy: { _, _ in nil }, boundary: boundary)
  }
}
