import AccessGraph
import XCTest

@testable import Importers

/// Conditions and policy variables evaluated per principal during the AWS import.
final class AWSConditionEvaluationTests: XCTestCase {
  private let reports = "arn:aws:s3:::reports"

  private func user(_ name: String) -> String { "arn:aws:iam::111111111111:user/\(name)" }

  /// Returns an export of users, each with its tags, all in group `staff` whose inline policy
  /// has `statements`.
  private func export(users: [(name: String, tags: [String: String])], statements: String)
    -> String
  {
    let entries = users.map { user -> String in
      let tags = user.tags.sorted { $0.key < $1.key }
        .map { #"{"Key": "\#($0.key)", "Value": "\#($0.value)"}"# }.joined(separator: ", ")
      return #"""
        {
          "Path": "/", "UserName": "\#(user.name)", "UserId": "AIDA\#(user.name.uppercased())",
          "Arn": "\#(self.user(user.name))", "CreateDate": "2024-01-01T00:00:00Z",
          "UserPolicyList": [], "GroupList": ["staff"], "AttachedManagedPolicies": [],
          "Tags": [\#(tags)]
        }
        """#
    }
    return #"""
      {
        "UserDetailList": [\#(entries.joined(separator: ", "))],
        "GroupDetailList": [
          {
            "Path": "/", "GroupName": "staff", "GroupId": "AGPASTAFF",
            "Arn": "arn:aws:iam::111111111111:group/staff", "CreateDate": "2024-01-01T00:00:00Z",
            "GroupPolicyList": [
              {
                "PolicyName": "staff",
                "PolicyDocument": {"Version": "2012-10-17", "Statement": \#(statements)}
              }
            ],
            "AttachedManagedPolicies": []
          }
        ],
        "RoleDetailList": [], "Policies": []
      }
      """#
  }

  private func run(_ json: String, options: ImportOptions = ImportOptions()) throws
    -> AWSImportRun
  {
    var importer = AWSAuthorizationImporter()
    importer.configure(options)
    try importer.add(try AWSFixtures.document(json: json))
    var builder = EstateBuilder()
    builder.define(AWSFixtures.resource(reports, type: "s3-bucket"))
    for name in ["alice", "bob"] {
      builder.define(
        Node(
          id: "arn:aws:s3:::home/\(name)", kind: .resource, platform: .aws, type: "s3-bucket"))
    }
    try importer.define(into: &builder) { _ in }
    try importer.connect(into: &builder) { _ in }
    return AWSImportRun(graph: builder.freeze(), warnings: [])
  }

  func testPrincipalTagConditionKeepsOnlyMatchingUser() throws {
    let statements = #"""
      [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*",
        "Condition": {"StringEquals": {"aws:PrincipalTag/team": "finance"}}}]
      """#
    let result = try run(
      export(
        users: [("alice", ["team": "finance"]), ("bob", ["team": "platform"])],
        statements: statements))
    XCTAssertEqual(
      result.facts(into: reports),
      [EdgeFact(user("alice"), reports, .access, ["s3:GetObject"])])
  }

  func testUnknownConditionKeyStaysConditional() throws {
    let statements = #"""
      [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*",
        "Condition": {"StringEquals": {"aws:PrincipalTag/team": "finance"},
                      "IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}]
      """#
    let result = try run(export(users: [("alice", ["team": "finance"])], statements: statements))
    XCTAssertEqual(
      result.facts(into: reports),
      [EdgeFact(user("alice"), reports, .access, ["s3:GetObject"], conditional: true)])
  }

  func testUsernameVariableNamesOwnBucketOnly() throws {
    let statements = #"""
      [{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::home/${aws:username}"}]
      """#
    let result = try run(export(users: [("alice", [:]), ("bob", [:])], statements: statements))
    XCTAssertEqual(
      result.facts(into: "arn:aws:s3:::home/alice"),
      [EdgeFact(user("alice"), "arn:aws:s3:::home/alice", .access, ["s3:*"])])
    XCTAssertEqual(
      result.facts(into: "arn:aws:s3:::home/bob"),
      [EdgeFact(user("bob"), "arn:aws:s3:::home/bob", .access, ["s3:*"])])
  }

  func testUsernameVariableInNotResourceDecidesDeny() throws {
    let statements = #"""
      [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
       {"Effect": "Deny", "Action": "s3:*", "NotResource": "arn:aws:s3:::home/${aws:username}"}]
      """#
    let result = try run(export(users: [("alice", [:])], statements: statements))
    XCTAssertEqual(
      result.facts(from: user("alice")).filter { $0.target.hasPrefix("arn:aws:s3:::") },
      [EdgeFact(user("alice"), "arn:aws:s3:::home/alice", .access, ["s3:*"])])
  }

  func testMultiFactorDenyFollowsStatedAssumption() throws {
    let statements = #"""
      [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"},
       {"Effect": "Deny", "Action": "*", "Resource": "*",
        "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}]
      """#
    let json = export(users: [("alice", [:])], statements: statements)
    let unknown = try run(json)
    XCTAssertEqual(
      unknown.facts(into: reports),
      [EdgeFact(user("alice"), reports, .access, ["s3:GetObject"], conditional: true)])
    let present = try run(json, options: ImportOptions(multiFactorAuthentication: true))
    XCTAssertEqual(
      present.facts(into: reports),
      [EdgeFact(user("alice"), reports, .access, ["s3:GetObject"])])
    let absent = try run(json, options: ImportOptions(multiFactorAuthentication: false))
    XCTAssertEqual(absent.facts(into: reports), [])
  }
}

/// Trust policy conditions narrowed to each caller.
final class AWSTrustConditionTests: XCTestCase {
  private let role = "arn:aws:iam::111111111111:role/deploy"

  private func user(_ name: String) -> String { "arn:aws:iam::111111111111:user/\(name)" }

  private func userJSON(_ name: String, team: String) -> String {
    #"""
    {
      "Path": "/", "UserName": "\#(name)", "UserId": "AIDA\#(name.uppercased())",
      "Arn": "arn:aws:iam::111111111111:user/\#(name)", "CreateDate": "2024-01-01T00:00:00Z",
      "UserPolicyList": [{"PolicyName": "assume", "PolicyDocument": {"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]}}],
      "GroupList": [], "AttachedManagedPolicies": [],
      "Tags": [{"Key": "team", "Value": "\#(team)"}]
    }
    """#
  }

  func testTrustConditionOnCallerTagIsDecided() throws {
    let json = #"""
      {
        "UserDetailList": [\#(userJSON("alice", team: "platform")),
                           \#(userJSON("bob", team: "finance"))],
        "GroupDetailList": [],
        "RoleDetailList": [{
          "Path": "/", "RoleName": "deploy", "RoleId": "AROADEPLOY",
          "Arn": "arn:aws:iam::111111111111:role/deploy", "CreateDate": "2024-01-01T00:00:00Z",
          "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:root"},
             "Action": "sts:AssumeRole",
             "Condition": {"StringEquals": {"aws:PrincipalTag/team": "platform"}}}]},
          "InstanceProfileList": [], "RolePolicyList": [], "AttachedManagedPolicies": [],
          "Tags": [], "RoleLastUsed": {}
        }],
        "Policies": []
      }
      """#
    let run = try AWSFixtures.run([try AWSFixtures.document(json: json)])
    XCTAssertEqual(
      run.facts(into: role), [EdgeFact(user("alice"), role, .assumes, ["sts:AssumeRole"])])
  }
}

/// `aws:ResourceTag` conditions decided by the tags an input gives each resource.
final class AWSResourceTagConditionTests: XCTestCase {
  private let alice = "arn:aws:iam::111111111111:user/alice"

  func testResourceTagConditionFollowsKnownTags() throws {
    let json = #"""
      {
        "UserDetailList": [{
          "Path": "/", "UserName": "alice", "UserId": "AIDAALICE",
          "Arn": "arn:aws:iam::111111111111:user/alice", "CreateDate": "2024-01-01T00:00:00Z",
          "GroupList": [], "AttachedManagedPolicies": [], "Tags": [],
          "UserPolicyList": [{"PolicyName": "team-data", "PolicyDocument": {
            "Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
               "Condition": {"StringEquals": {"aws:ResourceTag/team": "finance"}}}]}}]
        }],
        "GroupDetailList": [], "RoleDetailList": [], "Policies": []
      }
      """#
    func bucket(_ name: String, _ tags: [String: String]) -> Node {
      Node(
        id: "arn:aws:s3:::\(name)", kind: .resource, platform: .aws, account: "111111111111",
        type: "s3-bucket", tags: tags)
    }
    let run = try AWSFixtures.run(
      [try AWSFixtures.document(json: json)],
      resources: [
        bucket("ledger", ["team": "finance"]), bucket("web", ["team": "platform"]),
        bucket("scratch", [:]),
      ])
    let buckets = run.facts(from: alice).filter { $0.target.hasPrefix("arn:aws:s3:::") }
    XCTAssertEqual(
      buckets,
      [
        EdgeFact(alice, "arn:aws:s3:::ledger", .access, ["s3:GetObject"]),
        EdgeFact(alice, "arn:aws:s3:::scratch", .access, ["s3:GetObject"], conditional: true),
      ])
  }
}
