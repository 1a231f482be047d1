import AccessGraph
import XCTest

@testable import Importers

/// Roles that trust their own account alike share a group node, and techniques that change
/// the policies of a role the caller can assume are decided once for such a group.
final class AccountTrustGroupTests: XCTestCase {
  private let account = "111111111111"
  private let alice = "arn:aws:iam::111111111111:user/alice"
  private let plainGroup = "aws:account/111111111111/roles-trusting/111111111111"
  private let mfaGroup =
    "aws:account/111111111111/roles-trusting/111111111111/if/Bool:aws:MultiFactorAuthPresent=true"
  private let admin = "aws:admin/111111111111"
  private let mfa = #"{"Bool": {"aws:MultiFactorAuthPresent": "true"}}"#

  private func roleARN(_ name: String) -> String {
    "arn:aws:iam::111111111111:role/\(name)"
  }

  /// Returns a role whose trust policy has one Allow statement for the account root, with
  /// `condition` when given.
  private func role(_ name: String, condition: String? = nil) -> String {
    let conditionMember = condition.map { #", "Condition": \#($0)"# } ?? ""
    return #"""
      {"Path": "/", "RoleName": "\#(name)", "RoleId": "AROA\#(name.uppercased())",
       "Arn": "\#(roleARN(name))", "CreateDate": "2024-01-01T00:00:00Z",
       "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
         {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:root"},
          "Action": "sts:AssumeRole"\#(conditionMember)}]},
       "InstanceProfileList": [], "RolePolicyList": [], "AttachedManagedPolicies": [],
       "Tags": [], "RoleLastUsed": {}}
      """#
  }

  /// Returns user alice with an inline policy of `statements`.
  private func alice(_ statements: String) -> String {
    #"""
    {"Path": "/", "UserName": "alice", "UserId": "AIDAALICE", "Arn": "\#(alice)",
     "CreateDate": "2024-01-01T00:00:00Z", "GroupList": [], "AttachedManagedPolicies": [],
     "Tags": [], "UserPolicyList": [{"PolicyName": "work", "PolicyDocument": {
       "Version": "2012-10-17", "Statement": \#(statements)}}]}
    """#
  }

  private func run(users: [String], roles: [String]) throws -> AWSImportRun {
    let json = #"""
      {"UserDetailList": [\#(users.joined(separator: ", "))], "GroupDetailList": [],
       "RoleDetailList": [\#(roles.joined(separator: ", "))], "Policies": []}
      """#
    return try AWSFixtures.run([try AWSFixtures.document(json: json)])
  }

  private let assumeAny =
    #"{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}"#

  private func developers(_ count: Int, condition: String? = nil) -> [String] {
    (1...count).map { role("dev\($0)", condition: condition) }
  }

  private func assumeEdges(_ run: AWSImportRun, from source: String) -> Set<EdgeFact> {
    run.facts(from: source).filter { $0.relation == .assumes }
  }

  func testRolesTrustingAccountShareGroup() throws {
    let run = try run(users: [alice("[\(assumeAny)]")], roles: developers(12))
    XCTAssertEqual(
      assumeEdges(run, from: alice),
      [EdgeFact(alice, plainGroup, .assumes, ["sts:AssumeRole"])])
    XCTAssertEqual(
      run.facts(from: plainGroup),
      Set((1...12).map { EdgeFact(plainGroup, roleARN("dev\($0)"), .contains) }))
    XCTAssertEqual(run.node(plainGroup)?.type, "aws-identity-group")
    XCTAssertEqual(run.node(plainGroup)?.kind, .scope)
  }

  func testPathToRoleGoesThroughGroup() throws {
    let run = try run(users: [alice("[\(assumeAny)]")], roles: developers(12))
    let graph = run.graph
    let source = try XCTUnwrap(graph.nodeID(for: alice))
    let target = try XCTUnwrap(graph.nodeID(for: roleARN("dev7")))
    let path = try XCTUnwrap(graph.shortestPath(from: source, to: [target]))
    XCTAssertEqual(
      path.map(run.fact),
      [
        EdgeFact(alice, plainGroup, .assumes, ["sts:AssumeRole"]),
        EdgeFact(plainGroup, roleARN("dev7"), .contains),
      ])
    XCTAssertTrue(graph.reachability(from: [source]).actsAs(target))
  }

  func testTrustConditionNamesGroupAndMarksEdge() throws {
    let run = try run(users: [alice("[\(assumeAny)]")], roles: developers(10, condition: mfa))
    XCTAssertEqual(
      assumeEdges(run, from: alice),
      [EdgeFact(alice, mfaGroup, .assumes, ["sts:AssumeRole"], conditional: true)])
    XCTAssertEqual(run.facts(from: mfaGroup).count, 10)
  }

  func testFewRolesKeepEdgesOfTheirOwn() throws {
    let run = try run(users: [alice("[\(assumeAny)]")], roles: developers(9))
    XCTAssertEqual(
      assumeEdges(run, from: alice),
      Set((1...9).map { EdgeFact(alice, roleARN("dev\($0)"), .assumes, ["sts:AssumeRole"]) }))
    XCTAssertNil(run.node(plainGroup))
  }

  func testRoleWithOtherTrustStaysSeparate() throws {
    let roles = developers(10) + [role("auditor", condition: mfa)]
    let run = try run(users: [alice("[\(assumeAny)]")], roles: roles)
    XCTAssertEqual(
      assumeEdges(run, from: alice),
      [
        EdgeFact(alice, plainGroup, .assumes, ["sts:AssumeRole"]),
        EdgeFact(alice, roleARN("auditor"), .assumes, ["sts:AssumeRole"], conditional: true),
      ])
    XCTAssertFalse(run.facts(from: plainGroup).contains { $0.target == roleARN("auditor") })
  }

  func testRoleNamingCallerStaysSeparate() throws {
    let named = #"""
      {"Path": "/", "RoleName": "named", "RoleId": "AROANAMED",
       "Arn": "arn:aws:iam::111111111111:role/named", "CreateDate": "2024-01-01T00:00:00Z",
       "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
         {"Effect": "Allow",
          "Principal": {"AWS": ["arn:aws:iam::111111111111:root",
                                "arn:aws:iam::111111111111:user/alice"]},
          "Action": "sts:AssumeRole"}]},
       "InstanceProfileList": [], "RolePolicyList": [], "AttachedManagedPolicies": [],
       "Tags": [], "RoleLastUsed": {}}
      """#
    let run = try run(users: [alice("[\(assumeAny)]")], roles: developers(10) + [named])
    XCTAssertEqual(
      assumeEdges(run, from: alice),
      [
        EdgeFact(alice, plainGroup, .assumes, ["sts:AssumeRole"]),
        EdgeFact(alice, roleARN("named"), .assumes, ["sts:AssumeRole"]),
      ])
    XCTAssertEqual(run.facts(from: plainGroup).count, 10)
  }

  func testDenyOnOneRoleBreaksUniformity() throws {
    let statements = """
      [\(assumeAny),
       {"Effect": "Deny", "Action": "sts:AssumeRole",
        "Resource": "arn:aws:iam::111111111111:role/dev3"}]
      """
    let run = try run(users: [alice(statements)], roles: developers(11))
    let expected = (1...11).filter { $0 != 3 }.map {
      EdgeFact(alice, roleARN("dev\($0)"), .assumes, ["sts:AssumeRole"])
    }
    XCTAssertEqual(assumeEdges(run, from: alice), Set(expected))
    XCTAssertNil(run.node(plainGroup))
  }

  func testConditionalDenyOnEveryRoleMarksGroupEdge() throws {
    let statements = """
      [\(assumeAny),
       {"Effect": "Deny", "Action": "sts:AssumeRole", "Resource": "*",
        "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}]
      """
    let run = try run(users: [alice(statements)], roles: developers(10))
    XCTAssertEqual(
      assumeEdges(run, from: alice),
      [EdgeFact(alice, plainGroup, .assumes, ["sts:AssumeRole"], conditional: true)])
  }

  func testPatternAllowKeepsEdgesPerRole() throws {
    let statements = """
      [{"Effect": "Allow", "Action": "sts:AssumeRole",
        "Resource": "arn:aws:iam::111111111111:role/dev1*"}]
      """
    let run = try run(users: [alice(statements)], roles: developers(12))
    XCTAssertEqual(
      assumeEdges(run, from: alice),
      Set(["dev1", "dev10", "dev11", "dev12"].map {
        EdgeFact(alice, roleARN($0), .assumes, ["sts:AssumeRole"])
      }))
    XCTAssertNil(run.node(plainGroup))
  }

  // MARK: - Changing the policies of a role in a group

  private let attachRolePolicy = "Attach a managed policy to a role it can assume"

  func testUniformPolicyChangeMakesOneEdge() throws {
    let statements = """
      [\(assumeAny), {"Effect": "Allow", "Action": "iam:AttachRolePolicy", "Resource": "*"}]
      """
    let run = try run(users: [alice(statements)], roles: developers(12))
    XCTAssertEqual(
      run.escalations(from: alice),
      [EscalationFact(alice, admin, .escalates, ["iam:AttachRolePolicy"], attachRolePolicy)])
    let fact = EdgeFact(alice, admin, .escalates, ["iam:AttachRolePolicy"])
    let grant = try XCTUnwrap(run.provenance(of: fact)?.grant)
    XCTAssertTrue(
      grant.hasPrefix(
        "iam:AttachRolePolicy on every role of the account (arn:aws:iam::111111111111:role/*)"),
      grant)
    XCTAssertTrue(grant.contains("each of the 12 roles of the group"), grant)
    XCTAssertTrue(grant.contains("role dev1 is the first of them by ARN"), grant)
    XCTAssertTrue(grant.contains("12 of the roles qualify"), grant)
  }

  func testPolicyChangeOnPatternStopsAtFirstRole() throws {
    let statements = """
      [\(assumeAny),
       {"Effect": "Allow", "Action": "iam:AttachRolePolicy",
        "Resource": "arn:aws:iam::111111111111:role/dev1*"}]
      """
    let run = try run(users: [alice(statements)], roles: developers(12))
    XCTAssertEqual(
      run.escalations(from: alice),
      [EscalationFact(alice, admin, .escalates, ["iam:AttachRolePolicy"], attachRolePolicy)])
    let fact = EdgeFact(alice, admin, .escalates, ["iam:AttachRolePolicy"])
    let grant = try XCTUnwrap(run.provenance(of: fact)?.grant)
    XCTAssertTrue(
      grant.hasPrefix("iam:AttachRolePolicy on arn:aws:iam::111111111111:role/dev1 by"), grant)
  }

  func testConditionalPolicyChangeCountsOtherRoles() throws {
    let statements = """
      [\(assumeAny),
       {"Effect": "Allow", "Action": "iam:AttachRolePolicy",
        "Resource": "arn:aws:iam::111111111111:role/dev1*"}]
      """
    let run = try run(users: [alice(statements)], roles: developers(12, condition: mfa))
    XCTAssertEqual(
      run.escalations(from: alice),
      [
        EscalationFact(
          alice, admin, .escalates, ["iam:AttachRolePolicy"], attachRolePolicy,
          conditional: true)
      ])
    let fact = EdgeFact(alice, admin, .escalates, ["iam:AttachRolePolicy"], conditional: true)
    let grant = try XCTUnwrap(run.provenance(of: fact)?.grant)
    XCTAssertTrue(grant.contains("on arn:aws:iam::111111111111:role/dev1 by"), grant)
    XCTAssertTrue(grant.hasSuffix("through 3 other roles or groups of roles it can assume"), grant)
  }

  func testRoleKeptFromAdminIsSkippedInGroup() throws {
    let deniedIAM = #"""
      {"Path": "/", "RoleName": "dev0", "RoleId": "AROADEV0",
       "Arn": "arn:aws:iam::111111111111:role/dev0", "CreateDate": "2024-01-01T00:00:00Z",
       "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
         {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:root"},
          "Action": "sts:AssumeRole"}]},
       "InstanceProfileList": [], "AttachedManagedPolicies": [], "Tags": [], "RoleLastUsed": {},
       "RolePolicyList": [{"PolicyName": "no-iam", "PolicyDocument": {"Version": "2012-10-17",
         "Statement": [{"Effect": "Deny", "Action": "iam:*", "Resource": "*"}]}}]}
      """#
    let statements = """
      [\(assumeAny), {"Effect": "Allow", "Action": "iam:PutRolePolicy", "Resource": "*"}]
      """
    let run = try run(users: [alice(statements)], roles: [deniedIAM] + developers(10))
    let fact = EdgeFact(alice, admin, .escalates, ["iam:PutRolePolicy"])
    let grant = try XCTUnwrap(run.provenance(of: fact)?.grant)
    XCTAssertTrue(grant.contains("each of the 11 roles of the group"), grant)
    XCTAssertTrue(grant.contains("role dev1 is the first of them by ARN"), grant)
    XCTAssertTrue(grant.contains("10 of the roles qualify"), grant)
  }
}
