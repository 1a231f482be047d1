import AccessGraph
import XCTest

@testable import Importers

/// Principals with copies of the same statements share their escalation checks, and each
/// edge still names the principal's own statements.
final class EscalationSharedChecksTests: XCTestCase {
  private let account = "arn:aws:iam::111111111111"
  private let lambdaActions = ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"]

  private func role(_ name: String) -> String {
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

  private func user(_ name: String, statements: String) -> String {
    #"""
    {"Path": "/", "UserName": "\#(name)", "UserId": "AIDA\#(name.uppercased())",
     "Arn": "arn:aws:iam::111111111111:user/\#(name)", "CreateDate": "2024-01-01T00:00:00Z",
     "GroupList": [], "AttachedManagedPolicies": [], "Tags": [],
     "UserPolicyList": [{"PolicyName": "serverless", "PolicyDocument": {
       "Version": "2012-10-17", "Statement": \#(statements)}}]}
    """#
  }

  private let passTeamRoles = #"""
    {"Effect": "Allow", "Action": "iam:PassRole",
     "Resource": "arn:aws:iam::111111111111:role/team-*"},
    {"Effect": "Allow", "Action": ["lambda:CreateFunction", "lambda:InvokeFunction"],
     "Resource": "*"}
    """#

  /// Users dev1 to dev3 with copies of one inline policy, and dev4 with the same policy and
  /// a Deny with a condition, beside roles team-fn1 to team-fn3 and other-fn1 that trust
  /// Lambda. There are enough users for each thread to check two of them.
  private func importDevelopers() throws -> AWSImportRun {
    let conditionalDeny = #"""
      {"Effect": "Deny", "Action": "iam:PassRole", "Resource": "*",
       "Condition": {"Bool": {"aws:ViaAWSService": "false"}}}
      """#
    let users =
      (1...3).map { user("dev\($0)", statements: "[\(passTeamRoles)]") }
      + [user("dev4", statements: "[\(passTeamRoles), \(conditionalDeny)]")]
    let roles = ["team-fn1", "team-fn2", "team-fn3", "other-fn1"].map(role)
    let json = #"""
      {"UserDetailList": [\#(users.joined(separator: ", "))], "GroupDetailList": [],
       "RoleDetailList": [\#(roles.joined(separator: ", "))], "Policies": []}
      """#
    return try AWSFixtures.run([try AWSFixtures.document(json: json)])
  }

  func testCopiesOfPassRoleStatementReachSameRoles() throws {
    let run = try importDevelopers()
    for number in 1...3 {
      let dev = "\(account):user/dev\(number)"
      XCTAssertEqual(
        run.facts(from: dev).filter { $0.relation == .assumes },
        Set((1...3).map { EdgeFact(dev, "\(account):role/team-fn\($0)", .assumes, lambdaActions) }),
        dev)
    }
  }

  func testPassRoleEdgeNamesOwnStatement() throws {
    let run = try importDevelopers()
    for number in 1...4 {
      let dev = "\(account):user/dev\(number)"
      let target = "\(account):role/team-fn2"
      let fact = EdgeFact(dev, target, .assumes, lambdaActions, conditional: number == 4)
      let grant = try XCTUnwrap(run.provenance(of: fact)).grant
      XCTAssertTrue(
        grant.hasPrefix(
          "iam:PassRole on \(target) by inline policy \"serverless\" of user dev\(number), "
            + "statement 0"),
        grant)
      for other in (1...4) where other != number {
        XCTAssertFalse(grant.contains("user dev\(other),"), grant)
      }
    }
  }

  func testConditionalDenyKeepsItsOwnPassRoleChecks() throws {
    let run = try importDevelopers()
    let dev4 = "\(account):user/dev4"
    XCTAssertEqual(
      run.facts(from: dev4).filter { $0.relation == .assumes },
      Set((1...3).map {
        EdgeFact(dev4, "\(account):role/team-fn\($0)", .assumes, lambdaActions, conditional: true)
      }))
    let fact = EdgeFact(
      dev4, "\(account):role/team-fn1", .assumes, lambdaActions, conditional: true)
    let grant = try XCTUnwrap(run.provenance(of: fact)).grant
    XCTAssertTrue(
      grant.contains(
        "unless a Deny with a condition applies (inline policy \"serverless\" of user dev4, "
          + "statement 2)"),
      grant)
  }
}
