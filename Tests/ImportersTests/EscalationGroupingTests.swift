import AccessGraph
import XCTest

@testable import Importers

/// Techniques that reach every user or role of a large account make one edge to a group node.
final class EscalationGroupingTests: XCTestCase {
  private let helpdesk = "arn:aws:iam::111111111111:user/helpdesk"
  private let usersGroup = "aws:account/111111111111/users"

  /// Returns an export of `count` staff users and user helpdesk, whose inline policy has
  /// `statements`.
  private func export(staff count: Int, statements: String) -> String {
    func user(_ name: String, _ policies: String) -> String {
      #"""
      {"Path": "/", "UserName": "\#(name)", "UserId": "AIDA\#(name.uppercased())",
       "Arn": "arn:aws:iam::111111111111:user/\#(name)", "CreateDate": "2024-01-01T00:00:00Z",
       "GroupList": [], "AttachedManagedPolicies": [], "Tags": [], "UserPolicyList": \#(policies)}
      """#
    }
    let staff = (1...count).map { user("staff\($0)", "[]") }
    let policy = #"[{"PolicyName": "helpdesk", "PolicyDocument": {"Version": "2012-10-17", "Statement": \#(statements)}}]"#
    return #"""
      {"UserDetailList": [\#(([user("helpdesk", policy)] + staff).joined(separator: ", "))],
       "GroupDetailList": [], "RoleDetailList": [], "Policies": []}
      """#
  }

  private func run(staff: Int, _ statements: String) throws -> AWSImportRun {
    try AWSFixtures.run([try AWSFixtures.document(json: export(staff: staff, statements: statements))])
  }

  private let everyUser = #"[{"Effect": "Allow", "Action": "iam:CreateAccessKey", "Resource": "*"}]"#

  func testManyUsersShareOneGroupEdge() throws {
    let run = try run(staff: 12, everyUser)
    XCTAssertEqual(
      run.facts(from: helpdesk).filter { $0.relation == .assumes },
      [EdgeFact(helpdesk, usersGroup, .assumes, ["iam:CreateAccessKey"])])
    let members = run.facts(from: usersGroup).map(\.target).sorted()
    XCTAssertEqual(members.count, 13)
    XCTAssertTrue(members.contains("arn:aws:iam::111111111111:user/staff7"))
    XCTAssertEqual(run.node(usersGroup)?.type, "aws-identity-group")
    let graph = run.graph
    let staff12 = try XCTUnwrap(graph.nodeID(for: "arn:aws:iam::111111111111:user/staff12"))
    let path = graph.shortestPath(from: try XCTUnwrap(graph.nodeID(for: helpdesk)), to: [staff12])
    XCTAssertEqual(path?.count, 2)
  }

  func testConditionalGrantMakesConditionalGroupEdge() throws {
    let run = try run(
      staff: 12,
      #"""
      [{"Effect": "Allow", "Action": "iam:CreateAccessKey", "Resource": "*",
        "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}]
      """#)
    XCTAssertEqual(
      run.facts(from: helpdesk).filter { $0.relation == .assumes },
      [EdgeFact(helpdesk, usersGroup, .assumes, ["iam:CreateAccessKey"], conditional: true)])
  }

  func testFewUsersKeepEdgesOfTheirOwn() throws {
    let run = try run(staff: 3, everyUser)
    XCTAssertEqual(run.facts(from: helpdesk).filter { $0.relation == .assumes }.count, 3)
    XCTAssertNil(run.node(usersGroup))
  }

  func testPartialReachKeepsEdgesOfTheirOwn() throws {
    let run = try run(
      staff: 12,
      #"""
      [{"Effect": "Allow", "Action": "iam:CreateAccessKey", "Resource": "*"},
       {"Effect": "Deny", "Action": "iam:CreateAccessKey",
        "Resource": "arn:aws:iam::111111111111:user/staff1"}]
      """#)
    XCTAssertEqual(run.facts(from: helpdesk).filter { $0.relation == .assumes }.count, 11)
    XCTAssertNil(run.node(usersGroup))
  }

  func testManyPassableRolesShareGroupEdge() throws {
    let roles = (1...12).map { number in
      #"""
      {"Path": "/", "RoleName": "fn\#(number)", "RoleId": "AROAFN\#(number)",
       "Arn": "arn:aws:iam::111111111111:role/fn\#(number)", "CreateDate": "2024-01-01T00:00:00Z",
       "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
         {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
          "Action": "sts:AssumeRole"}]},
       "InstanceProfileList": [], "RolePolicyList": [], "AttachedManagedPolicies": [],
       "Tags": [], "RoleLastUsed": {}}
      """#
    }
    let json = #"""
      {"UserDetailList": [{"Path": "/", "UserName": "dev", "UserId": "AIDADEV",
        "Arn": "arn:aws:iam::111111111111:user/dev", "CreateDate": "2024-01-01T00:00:00Z",
        "GroupList": [], "AttachedManagedPolicies": [], "Tags": [],
        "UserPolicyList": [{"PolicyName": "serverless", "PolicyDocument": {
          "Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"},
            {"Effect": "Allow", "Action": ["lambda:CreateFunction", "lambda:InvokeFunction"],
             "Resource": "*"}]}}]}],
       "GroupDetailList": [], "RoleDetailList": [\#(roles.joined(separator: ", "))],
       "Policies": []}
      """#
    let run = try AWSFixtures.run([try AWSFixtures.document(json: json)])
    let dev = "arn:aws:iam::111111111111:user/dev"
    let group = "aws:account/111111111111/roles-trusting/lambda.amazonaws.com"
    XCTAssertEqual(
      run.facts(from: dev).filter { $0.relation == .assumes },
      [
        EdgeFact(
          dev, group, .assumes, ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"])
      ])
    XCTAssertEqual(run.facts(from: group).count, 12)
  }

  /// Returns an export of user dev, whose inline policy has `statements`, and of roles that
  /// trust Lambda: `team-fn1` to `team-fn<count>` and `other-fn1` to `other-fn3`.
  private func lambdaExport(teamRoles count: Int, statements: String) -> String {
    func role(_ name: String) -> String {
      #"""
      {"Path": "/", "RoleName": "\#(name)", "RoleId": "AROA\#(name.uppercased())",
       "Arn": "arn:aws:iam::111111111111:role/\#(name)", "CreateDate": "2024-01-01T00:00:00Z",
       "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
         {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
          "Action": "sts:AssumeRole"}]},
       "InstanceProfileList": [], "RolePolicyList": [], "AttachedManagedPolicies": [],
       "Tags": [], "RoleLastUsed": {}}
      """#
    }
    let roles = (1...count).map { role("team-fn\($0)") } + (1...3).map { role("other-fn\($0)") }
    return #"""
      {"UserDetailList": [{"Path": "/", "UserName": "dev", "UserId": "AIDADEV",
        "Arn": "arn:aws:iam::111111111111:user/dev", "CreateDate": "2024-01-01T00:00:00Z",
        "GroupList": [], "AttachedManagedPolicies": [], "Tags": [],
        "UserPolicyList": [{"PolicyName": "serverless", "PolicyDocument": {
          "Version": "2012-10-17", "Statement": \#(statements)}}]}],
       "GroupDetailList": [], "RoleDetailList": [\#(roles.joined(separator: ", "))],
       "Policies": []}
      """#
  }

  private let passTeamRoles = #"""
    {"Effect": "Allow", "Action": "iam:PassRole",
     "Resource": "arn:aws:iam::111111111111:role/team-*"},
    {"Effect": "Allow", "Action": ["lambda:CreateFunction", "lambda:InvokeFunction"],
     "Resource": "*"}
    """#

  private let lambdaActions = ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"]

  func testPassRolePatternSharesGroupEdge() throws {
    let json = lambdaExport(teamRoles: 12, statements: "[\(passTeamRoles)]")
    let run = try AWSFixtures.run([try AWSFixtures.document(json: json)])
    let dev = "arn:aws:iam::111111111111:user/dev"
    let group =
      "aws:account/111111111111/roles-trusting/lambda.amazonaws.com/matching/"
      + "arn:aws:iam::111111111111:role/team-*"
    XCTAssertEqual(
      run.facts(from: dev).filter { $0.relation == .assumes },
      [EdgeFact(dev, group, .assumes, lambdaActions)])
    XCTAssertEqual(
      run.facts(from: group),
      Set((1...12).map {
        EdgeFact(group, "arn:aws:iam::111111111111:role/team-fn\($0)", .contains)
      }))
  }

  func testDeniedPassRoleKeepsEdgesPerRole() throws {
    let statements = """
      [\(passTeamRoles),
       {"Effect": "Deny", "Action": "iam:PassRole",
        "Resource": "arn:aws:iam::111111111111:role/team-fn4"}]
      """
    let json = lambdaExport(teamRoles: 12, statements: statements)
    let run = try AWSFixtures.run([try AWSFixtures.document(json: json)])
    let dev = "arn:aws:iam::111111111111:user/dev"
    let expected = (1...12).filter { $0 != 4 }.map {
      EdgeFact(dev, "arn:aws:iam::111111111111:role/team-fn\($0)", .assumes, lambdaActions)
    }
    XCTAssertEqual(run.facts(from: dev).filter { $0.relation == .assumes }, Set(expected))
  }

  func testPassRolePatternAndRestMakeWholeGroup() throws {
    let statements = """
      [\(passTeamRoles),
       {"Effect": "Allow", "Action": "iam:PassRole",
        "Resource": "arn:aws:iam::111111111111:role/other-*"}]
      """
    let json = lambdaExport(teamRoles: 12, statements: statements)
    let run = try AWSFixtures.run([try AWSFixtures.document(json: json)])
    let dev = "arn:aws:iam::111111111111:user/dev"
    let group = "aws:account/111111111111/roles-trusting/lambda.amazonaws.com"
    XCTAssertEqual(
      run.facts(from: dev).filter { $0.relation == .assumes },
      [EdgeFact(dev, group, .assumes, lambdaActions)])
    XCTAssertEqual(run.facts(from: group).count, 15)
  }
}
