import AccessGraph
import Foundation
import XCTest

@testable import Importers

/// Service control policies on both ends of an escalation edge. The caller's SCPs must allow
/// each permission of the technique. A policy change reaches the admin privilege only when
/// the SCPs of the user or role whose policies change allow every action on every resource
/// and deny nothing.
///
/// The estates built here are account 222222222222 under the root of an organization whose
/// management account is 111111111111, with FullAWSAccess on the root and on the account,
/// and with the SCP under test attached to the account. The last tests read the SCP estates
/// of `Tests/BlastCLITests/Fixtures/aws-escalation`.
final class EscalationServiceControlTests: XCTestCase {
  private static let member = "222222222222"
  private let admin = "aws:admin/222222222222"
  private let dev = "arn:aws:iam::222222222222:user/dev"

  private func role(_ name: String) -> String { "arn:aws:iam::222222222222:role/\(name)" }

  // MARK: - Estate

  private static func json(_ object: Any) throws -> String {
    let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    return String(decoding: data, as: UTF8.self)
  }

  private static func document(_ object: Any, file: String) throws -> JSONCursor {
    try JSONCursor.parse(JSONSerialization.data(withJSONObject: object), file: file)
  }

  private static func policy(_ statements: [[String: Any]]) -> [String: Any] {
    ["Version": "2012-10-17", "Statement": statements]
  }

  private static func allow(
    _ actions: Any, _ resources: Any, condition: [String: Any]? = nil
  ) -> [String: Any] {
    var statement: [String: Any] = ["Effect": "Allow", "Action": actions, "Resource": resources]
    statement["Condition"] = condition
    return statement
  }

  private static func deny(
    _ actions: Any, _ resources: Any, sid: String, condition: [String: Any]? = nil
  ) -> [String: Any] {
    var statement: [String: Any] = [
      "Sid": sid, "Effect": "Deny", "Action": actions, "Resource": resources,
    ]
    statement["Condition"] = condition
    return statement
  }

  private static let administratorAccess = "arn:aws:iam::aws:policy/AdministratorAccess"

  /// A user of account 222222222222 with one inline policy and no groups.
  private static func user(_ name: String, _ statements: [[String: Any]]) -> [String: Any] {
    [
      "Path": "/", "UserName": name, "UserId": "AIDA\(name.uppercased())EXAMPLE",
      "Arn": "arn:aws:iam::\(member):user/\(name)", "CreateDate": "2024-02-01T12:00:00Z",
      "UserPolicyList": [
        ["PolicyName": "\(name)-permissions", "PolicyDocument": policy(statements)]
      ],
      "GroupList": [], "AttachedManagedPolicies": [], "Tags": [],
    ]
  }

  /// A role that trusts `trusted`, with AdministratorAccess when `isAdmin`.
  private static func role(
    _ name: String, trusting trusted: String = "arn:aws:iam::\(member):user/dev",
    isAdmin: Bool = false
  ) -> [String: Any] {
    let trust = policy([
      ["Effect": "Allow", "Principal": ["AWS": trusted], "Action": "sts:AssumeRole"]
    ])
    let attached: [[String: Any]] =
      isAdmin ? [["PolicyName": "AdministratorAccess", "PolicyArn": administratorAccess]] : []
    return [
      "Path": "/", "RoleName": name, "RoleId": "AROA\(name.uppercased())EXAMPLE",
      "Arn": "arn:aws:iam::\(member):role/\(name)", "CreateDate": "2024-02-01T12:00:00Z",
      "AssumeRolePolicyDocument": trust, "InstanceProfileList": [], "RolePolicyList": [],
      "AttachedManagedPolicies": attached, "Tags": [], "RoleLastUsed": [:],
    ]
  }

  private static var administratorAccessEntry: [String: Any] {
    [
      "PolicyName": "AdministratorAccess", "PolicyId": "ANPAIWMBCKSKIEE64ZLYK",
      "Arn": administratorAccess, "Path": "/", "DefaultVersionId": "v1",
      "AttachmentCount": 1, "IsAttachable": true,
      "PolicyVersionList": [
        [
          "Document": policy([allow("*", "*")]), "VersionId": "v1",
          "IsDefaultVersion": true,
        ]
      ],
    ]
  }

  /// `describe-policy` output merged with `list-targets-for-policy` output.
  private static func serviceControlPolicy(
    id: String, name: String, _ statements: [[String: Any]], targets: [(String, String)]
  ) throws -> [String: Any] {
    [
      "Policy": [
        "PolicySummary": ["Id": id, "Name": name, "Type": "SERVICE_CONTROL_POLICY"],
        "Content": try json(policy(statements)),
      ],
      "Targets": targets.map { id, type in ["TargetId": id, "Type": type] },
    ]
  }

  /// Runs the importer on an export of account 222222222222 and its organization.
  ///
  /// - Parameters:
  ///   - scp: The statements of the SCP attached to the account, if any.
  ///   - replacesFullAccess: Whether that SCP takes the place of FullAWSAccess on the
  ///     account, which the root keeps.
  ///   - management: The management account of the organization.
  private func run(
    users: [[String: Any]], roles: [[String: Any]] = [], groups: [[String: Any]] = [],
    scp: [[String: Any]]? = nil, replacesFullAccess: Bool = false,
    management: String = "111111111111"
  ) throws -> AWSImportRun {
    let export: [String: Any] = [
      "UserDetailList": users, "GroupDetailList": groups, "RoleDetailList": roles,
      "Policies": [Self.administratorAccessEntry],
    ]
    var fullAccessTargets = [("r-a1b2", "ROOT")]
    if !replacesFullAccess { fullAccessTargets.append((Self.member, "ACCOUNT")) }
    var documents = [
      try Self.document(export, file: "aws-\(Self.member).json"),
      try Self.document(
        ["Organization": ["Id": "o-a1b2c3d4e5", "MasterAccountId": management]],
        file: "organization.json"),
      try Self.document(
        [
          "Account": ["Id": Self.member, "Name": "dev"],
          "Parents": [["Id": "r-a1b2", "Type": "ROOT"]],
        ], file: "account-\(Self.member).json"),
      try Self.document(
        Self.serviceControlPolicy(
          id: "p-FullAWSAccess", name: "FullAWSAccess", [Self.allow("*", "*")],
          targets: fullAccessTargets), file: "scp-full-aws-access.json"),
    ]
    if let scp {
      documents.append(
        try Self.document(
          Self.serviceControlPolicy(
            id: "p-guardrail1", name: "Guardrail", scp, targets: [(Self.member, "ACCOUNT")]),
          file: "scp-guardrail.json"))
    }
    return try AWSFixtures.run(documents)
  }

  /// The user dev, who may put an inline policy on itself and on every role.
  private var selfServiceUser: [String: Any] {
    Self.user(
      "dev",
      [
        Self.allow(
          ["iam:PutUserPolicy", "iam:PutRolePolicy"],
          ["arn:aws:iam::\(Self.member):user/dev", "arn:aws:iam::\(Self.member):role/*"]),
        Self.allow("sts:AssumeRole", "arn:aws:iam::\(Self.member):role/*"),
      ])
  }

  private static var leaveOrganization: [String: Any] {
    deny("organizations:LeaveOrganization", "*", sid: "StayInOrganization")
  }

  // MARK: - Policy changes

  func testFullAccessKeepsPolicyChange() throws {
    let run = try run(users: [selfServiceUser], scp: [Self.allow("*", "*")])
    XCTAssertEqual(
      run.escalations,
      [
        EscalationFact(
          dev, admin, .escalates, ["iam:PutUserPolicy"], "Put an inline policy on itself")
      ])
    XCTAssertEqual(run.warnings, [])
  }

  func testIAMSCPDenyStopsPolicyChange() throws {
    // The user may put any policy on itself, but the SCP's Deny of an IAM action still
    // applies afterwards, so by the rule of admin edges the user never becomes an admin.
    let run = try run(
      users: [selfServiceUser], scp: [Self.deny("iam:DeleteRole", "*", sid: "KeepRoles")])
    XCTAssertEqual(run.escalations, [])
    XCTAssertEqual(run.warnings, [])
  }

  func testGuardrailSCPDenyKeepsPolicyChange() throws {
    // A Deny of organizations:LeaveOrganization denies no IAM action, so the user still
    // becomes an admin, with the guardrail named in the provenance.
    let run = try run(users: [selfServiceUser], scp: [Self.leaveOrganization])
    XCTAssertEqual(
      run.escalations,
      [
        EscalationFact(
          dev, admin, .escalates, ["iam:PutUserPolicy"], "Put an inline policy on itself")
      ])
    XCTAssertEqual(run.warnings, [])
  }

  func testManagementAccountKeepsPolicyChange() throws {
    let run = try run(
      users: [selfServiceUser], scp: [Self.leaveOrganization], management: Self.member)
    XCTAssertEqual(
      run.escalations,
      [
        EscalationFact(
          dev, admin, .escalates, ["iam:PutUserPolicy"], "Put an inline policy on itself")
      ])
  }

  func testAllowListCapsPolicyChange() throws {
    // The account's SCP allows IAM and S3 only, so iam:PutUserPolicy passes it, but the
    // policy put cannot grant more than IAM and S3. The SCP removes sts:AssumeRole.
    let run = try run(
      users: [selfServiceUser], scp: [Self.allow(["iam:*", "s3:*"], "*")],
      replacesFullAccess: true)
    XCTAssertEqual(run.escalations, [])
    XCTAssertEqual(
      run.facts(from: dev),
      [
        EdgeFact(
          dev, "aws:account/\(Self.member)", .access, ["iam:PutUserPolicy", "iam:PutRolePolicy"])
      ])
  }

  func testHolderExemptionDecidesRoleChange() throws {
    // dev may put a policy on both roles and assume both. The SCP's Deny exempts only the
    // role deployer, so deployer could become an admin but auditor could not, and dev itself
    // stays under the Deny.
    let run = try run(
      users: [selfServiceUser], roles: [Self.role("deployer"), Self.role("auditor")],
      scp: [
        Self.deny(
          "iam:DeleteRole", "*", sid: "KeepRoles",
          condition: ["ArnNotLike": ["aws:PrincipalArn": "arn:aws:iam::*:role/deployer"]])
      ])
    let edge = EdgeFact(dev, admin, .escalates, ["iam:PutRolePolicy"])
    XCTAssertEqual(
      run.escalations,
      [
        EscalationFact(
          dev, admin, .escalates, ["iam:PutRolePolicy"],
          "Put an inline policy on a role it can assume")
      ])
    let provenance = try XCTUnwrap(run.provenance(of: edge))
    XCTAssertEqual(
      provenance.grant,
      "iam:PutRolePolicy on \(role("deployer")) by inline policy \"dev-permissions\" of user "
        + "dev, statement 0; it can then assume role deployer (trust policy of role "
        + "deployer, statement 0, which names user dev)")
  }

  func testConditionalSCPDenyMakesChangeConditional() throws {
    let regions = ["StringNotEquals": ["aws:RequestedRegion": ["eu-west-1", "eu-central-1"]]]
    let run = try run(
      users: [selfServiceUser],
      scp: [Self.deny("ec2:RunInstances", "*", sid: "EURegionsOnly", condition: regions)])
    let edge = EdgeFact(dev, admin, .escalates, ["iam:PutUserPolicy"], conditional: true)
    XCTAssertEqual(
      run.escalations,
      [
        EscalationFact(
          dev, admin, .escalates, ["iam:PutUserPolicy"], "Put an inline policy on itself",
          conditional: true)
      ])
    XCTAssertEqual(
      try XCTUnwrap(run.provenance(of: edge)).grant,
      "iam:PutUserPolicy on \(dev) by inline policy \"dev-permissions\" of user dev, "
        + "statement 0; a Deny with a condition may still apply to user dev (service control "
        + "policy Guardrail (p-guardrail1), statement 0 (Sid EURegionsOnly), attached to "
        + "account dev (222222222222))")
  }

  func testConditionalSCPAllowMakesChangeConditional() throws {
    // The account's only SCP allows every action in two Regions, so both the change and
    // what it grants pass only under that condition.
    let regions = ["StringEquals": ["aws:RequestedRegion": ["eu-west-1", "eu-central-1"]]]
    let run = try run(
      users: [selfServiceUser], scp: [Self.allow("*", "*", condition: regions)],
      replacesFullAccess: true)
    XCTAssertEqual(
      run.escalations,
      [
        EscalationFact(
          dev, admin, .escalates, ["iam:PutUserPolicy"], "Put an inline policy on itself",
          conditional: true)
      ])
  }

  // MARK: - Groups

  private var joiningUser: [String: Any] {
    Self.user(
      "dev", [Self.allow("iam:AddUserToGroup", "arn:aws:iam::\(Self.member):group/admins")])
  }

  private var adminsGroup: [String: Any] {
    [
      "Path": "/", "GroupName": "admins", "GroupId": "AGPAADMINSEXAMPLE",
      "Arn": "arn:aws:iam::\(Self.member):group/admins", "CreateDate": "2024-02-01T12:00:00Z",
      "GroupPolicyList": [],
      "AttachedManagedPolicies": [
        ["PolicyName": "AdministratorAccess", "PolicyArn": Self.administratorAccess]
      ],
    ]
  }

  func testJoiningAdminsUnderFullAccessReachesAdmin() throws {
    let run = try run(users: [joiningUser], groups: [adminsGroup])
    XCTAssertEqual(
      run.escalations,
      [EscalationFact(dev, admin, .escalates, ["iam:AddUserToGroup"], "Add itself to a group")])
  }

  func testJoiningAdminsUnderSCPDenyEndsAtGroup() throws {
    // The group allows every action, but the member stays under the SCP's Deny of an IAM
    // action.
    let run = try run(
      users: [joiningUser], groups: [adminsGroup],
      scp: [Self.deny("iam:DeleteRole", "*", sid: "KeepRoles")])
    XCTAssertEqual(
      run.escalations,
      [
        EscalationFact(
          dev, "arn:aws:iam::\(Self.member):group/admins", .escalates, ["iam:AddUserToGroup"],
          "Add itself to a group")
      ])
  }

  // MARK: - Trust policies

  func testTrustRewriteNeedsSCPAllowOfAssume() throws {
    // After the rewrite the trust policy names dev, who then needs no Allow of
    // sts:AssumeRole of its own. The SCP still applies to that grant, and it denies
    // assuming ops-admin to every principal but ops-admin itself.
    let rewriter = Self.user(
      "dev", [Self.allow("iam:UpdateAssumeRolePolicy", "arn:aws:iam::\(Self.member):role/*")])
    let opsAdmin = Self.role(
      "ops-admin", trusting: "arn:aws:iam::\(Self.member):root", isAdmin: true)
    let technique = "Rewrite a role's trust policy"
    let open = try run(users: [rewriter], roles: [opsAdmin])
    XCTAssertEqual(
      open.escalations,
      [
        EscalationFact(
          dev, role("ops-admin"), .assumes, ["iam:UpdateAssumeRolePolicy"], technique)
      ])
    let guarded = try run(
      users: [rewriter], roles: [opsAdmin],
      scp: [
        Self.deny(
          "sts:AssumeRole", "arn:aws:iam::*:role/ops-admin", sid: "ProtectOpsAdmin",
          condition: ["ArnNotLike": ["aws:PrincipalArn": "arn:aws:iam::*:role/ops-admin"]])
      ])
    XCTAssertEqual(guarded.escalations, [])
    XCTAssertEqual(
      guarded.facts(from: role("ops-admin")),
      [
        EdgeFact(role("ops-admin"), "aws:account/\(Self.member)", .access, ["*"]),
        EdgeFact(role("ops-admin"), admin, .access, ["*"]),
      ])
  }

  // MARK: - Fixture estates

  private typealias Fixtures = EscalationFixtures

  func testUserPassRoleDenyStopsPass() throws {
    // The OU's SCP denies iam:PassRole when aws:PrincipalType is User.
    let run = try Fixtures.run("lambda-create-invoke", "negative-scp")
    XCTAssertEqual(run.escalations, [])
    XCTAssertEqual(run.warnings, [])
  }

  func testManagementAccountPassesRole() throws {
    // The root's SCP denies iam:PassRole to IAM users, but the account is the management
    // account.
    let run = try Fixtures.run("lambda-create-invoke", "positive-scp-management-account")
    XCTAssertEqual(
      run.escalations,
      [
        EscalationFact(
          Fixtures.user("dev-erin"), Fixtures.role("lambda-admin"), .assumes,
          ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"],
          "Pass a role to a new Lambda function and invoke it")
      ])
    XCTAssertEqual(run.warnings, [])
  }

  func testTagExemptionKeepsTargetAdmin() throws {
    // The OU's SCP denies iam:CreateAccessKey to principals whose tag team is not platform,
    // which exempts ops-admin but not the caller helpdesk-ana.
    let run = try Fixtures.run("create-access-key", "negative-scp")
    let opsAdmin = Fixtures.user("ops-admin")
    XCTAssertEqual(run.escalations, [])
    XCTAssertEqual(
      run.facts(from: opsAdmin).filter { $0.target == Fixtures.admin },
      [EdgeFact(opsAdmin, Fixtures.admin, .access, ["*"])])
  }

  func testDenyOnAdminsGroupLeavesOtherGroup() throws {
    // The SCP denies joining admins only, so dev-uma may still join readers.
    let run = try Fixtures.run("add-user-to-group", "negative-scp")
    XCTAssertEqual(
      run.escalations(from: Fixtures.user("dev-uma")),
      [
        EscalationFact(
          Fixtures.user("dev-uma"), Fixtures.group("readers"), .escalates,
          ["iam:AddUserToGroup"], "Add itself to a group")
      ])
  }

  func testExemptCallerRewritesTrust() throws {
    let run = try Fixtures.run("update-assume-role-policy", "positive-scp-exempt-caller")
    XCTAssertEqual(
      run.escalations,
      [
        EscalationFact(
          Fixtures.role("iam-automation"), Fixtures.role("org-admin"), .assumes,
          ["iam:UpdateAssumeRolePolicy"], "Rewrite a role's trust policy")
      ])
    let denied = try Fixtures.run("update-assume-role-policy", "negative-scp")
    XCTAssertEqual(denied.escalations, [])
  }

  func testRunTaskDecidesSCPPassedToService() throws {
    let definition = "arn:aws:ecs:us-east-1:\(Fixtures.account):task-definition/db-maintenance:7"
    let workloads = [
      Node(
        id: definition, kind: .workload, platform: .aws, account: Fixtures.account,
        type: "ecs-task-definition", tags: ["taskRole": Fixtures.role("ecs-ops-admin")])
    ]
    let denied = try Fixtures.run("ecs-run-task", "negative-scp", workloads: workloads)
    XCTAssertEqual(denied.escalations, [])
    let otherService = try Fixtures.run(
      "ecs-run-task", "positive-scp-other-service", workloads: workloads)
    XCTAssertEqual(
      otherService.escalations,
      [
        EscalationFact(
          Fixtures.user("dev-jo"), definition, .controls, ["ecs:RunTask", "iam:PassRole"],
          "Run an existing ECS task definition with a new command")
      ])
  }
}
