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

  /// Runs the importer on users with the given inline statements, roles that trust Lambda,
  /// and customer managed policies, each as JSON.
  private func importExport(
    users: [String], roles: [String], groups: [String] = [], policies: [String] = []
  ) throws -> AWSImportRun {
    let json = #"""
      {"UserDetailList": [\#(users.joined(separator: ", "))],
       "GroupDetailList": [\#(groups.joined(separator: ", "))],
       "RoleDetailList": [\#(roles.joined(separator: ", "))],
       "Policies": [\#(policies.joined(separator: ", "))]}
      """#
    return try AWSFixtures.run([try AWSFixtures.document(json: json)])
  }

  func testTrustRewriteReachesOverlappingPatternsOnce() throws {
    let statements = #"""
      [{"Effect": "Allow", "Action": "iam:UpdateAssumeRolePolicy",
        "Resource": ["arn:aws:iam::111111111111:role/ci-*",
                     "arn:aws:iam::111111111111:role/ci-deploy*"]}]
      """#
    let run = try importExport(
      users: [user("builder", statements: statements)],
      roles: ["ci-build", "ci-deploy", "ci-deploy-prod", "web", "zeta"].map(role))
    let builder = "\(account):user/builder"
    XCTAssertEqual(
      run.facts(from: builder),
      Set(["ci-build", "ci-deploy", "ci-deploy-prod"].map {
        EdgeFact(builder, "\(account):role/\($0)", .assumes, ["iam:UpdateAssumeRolePolicy"])
      }))
  }

  func testNotResourceLeavesEveryUserToCheck() throws {
    let statements = #"""
      [{"Effect": "Allow", "Action": "iam:CreateAccessKey",
        "NotResource": "arn:aws:iam::111111111111:user/admin*"}]
      """#
    let users = [
      user("helpdesk", statements: statements), user("admin1", statements: "[]"),
      user("staff1", statements: "[]"), user("staff2", statements: "[]"),
    ]
    let run = try importExport(users: users, roles: [])
    let helpdesk = "\(account):user/helpdesk"
    XCTAssertEqual(
      run.facts(from: helpdesk).filter { $0.relation == .assumes },
      Set(["staff1", "staff2"].map {
        EdgeFact(helpdesk, "\(account):user/\($0)", .assumes, ["iam:CreateAccessKey"])
      }))
  }

  /// Returns a customer managed policy of account 111111111111 that allows `s3:GetObject`.
  private func managedPolicy(_ name: String) -> String {
    #"""
    {"PolicyName": "\#(name)", "PolicyId": "ANPA\#(name.uppercased())",
     "Arn": "arn:aws:iam::111111111111:policy/\#(name)", "Path": "/",
     "DefaultVersionId": "v1", "AttachmentCount": 1, "PermissionsBoundaryUsageCount": 0,
     "IsAttachable": true, "CreateDate": "2024-01-01T00:00:00Z",
     "UpdateDate": "2024-01-01T00:00:00Z",
     "PolicyVersionList": [{"Document": {"Version": "2012-10-17", "Statement": [
       {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]},
       "VersionId": "v1", "IsDefaultVersion": true, "CreateDate": "2024-01-01T00:00:00Z"}]}
    """#
  }

  func testPolicyVersionEdgeGoesThroughFirstHolder() throws {
    let statements = #"""
      [{"Effect": "Allow", "Action": "iam:CreatePolicyVersion",
        "Resource": "arn:aws:iam::111111111111:policy/team-*"}]
      """#
    let attached = #"""
      [{"PolicyName": "other-read", "PolicyArn": "arn:aws:iam::111111111111:policy/other-read"},
       {"PolicyName": "team-read", "PolicyArn": "arn:aws:iam::111111111111:policy/team-read"}]
      """#
    // The user and its group both hold team-read, and the user comes first.
    let dev = user("dev", statements: statements)
      .replacingOccurrences(of: #""GroupList": []"#, with: #""GroupList": ["devs"]"#)
      .replacingOccurrences(
        of: #""AttachedManagedPolicies": []"#,
        with: #"""
          "AttachedManagedPolicies": [{"PolicyName": "team-read",
            "PolicyArn": "arn:aws:iam::111111111111:policy/team-read"}]
          """#)
    let devs = #"""
      {"Path": "/", "GroupName": "devs", "GroupId": "AGPADEVS",
       "Arn": "arn:aws:iam::111111111111:group/devs", "CreateDate": "2024-01-01T00:00:00Z",
       "GroupPolicyList": [], "AttachedManagedPolicies": \#(attached)}
      """#
    let run = try importExport(
      users: [dev], roles: [], groups: [devs],
      policies: [managedPolicy("other-read"), managedPolicy("team-read")])
    let source = "\(account):user/dev"
    let fact = EdgeFact(
      source, "aws:admin/111111111111", .escalates, ["iam:CreatePolicyVersion"])
    XCTAssertEqual(run.facts(from: source).filter { $0.relation == .escalates }, [fact])
    let grant = try XCTUnwrap(run.provenance(of: fact)).grant
    XCTAssertEqual(
      grant,
      "iam:CreatePolicyVersion on arn:aws:iam::111111111111:policy/team-read by inline policy "
        + "\"serverless\" of user dev, statement 0; team-read is attached to user dev")
  }
}

