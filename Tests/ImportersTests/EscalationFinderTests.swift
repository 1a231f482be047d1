import AccessGraph
import Foundation
import XCTest

@testable import Importers

/// One edge that a privilege-escalation technique made, with the technique's name.
struct EscalationFact: Hashable, CustomStringConvertible {
  var source: String
  var target: String
  var relation: Relation
  var actions: [String]
  var technique: String
  var isConditional: Bool

  init(
    _ source: String, _ target: String, _ relation: Relation, _ actions: [String],
    _ technique: String, conditional: Bool = false
  ) {
    self.source = source
    self.target = target
    self.relation = relation
    self.actions = actions
    self.technique = technique
    self.isConditional = conditional
  }

  var description: String {
    "\(source) -\(relation.rawValue)\(actions)\(isConditional ? "?" : "")-> \(target) "
      + "(\(technique))"
  }
}

extension AWSImportRun {
  /// Every edge that an escalation technique made.
  var escalations: Set<EscalationFact> {
    var facts: Set<EscalationFact> = []
    for id in graph.edgeIDs {
      guard let technique = graph.provenance(of: id).technique else { continue }
      let edge = fact(id)
      facts.insert(
        EscalationFact(
          edge.source, edge.target, edge.relation, edge.actions, technique,
          conditional: edge.isConditional))
    }
    return facts
  }

  /// Returns the escalation edges that leave the node `source`.
  func escalations(from source: String) -> Set<EscalationFact> {
    escalations.filter { $0.source == source }
  }
}

/// The estates in `Tests/BlastCLITests/Fixtures/aws-escalation`, which the CLI tests run
/// as well. Each has a `positive` folder, `negative-<reason>` folders and, for some,
/// `positive-<reason>` folders.
enum EscalationFixtures {
  static let folder = AWSFixtures.testsFolder.deletingLastPathComponent()
    .appendingPathComponent("BlastCLITests/Fixtures/aws-escalation")
  static let account = "111122223333"
  static let admin = "aws:admin/111122223333"

  /// Runs the AWS importer on the authorization export of one estate and on its AWS
  /// Organizations outputs, if any, after defining `workloads` as the workload importers
  /// would.
  static func run(
    _ slug: String, _ variant: String = "positive", workloads: [Node] = []
  ) throws -> AWSImportRun {
    let estate = folder.appendingPathComponent(slug).appendingPathComponent(variant)
    var documents: [JSONCursor] = []
    for name in try FileManager.default.contentsOfDirectory(atPath: estate.path).sorted() {
      let document = try JSONCursor.parse(
        Data(contentsOf: estate.appendingPathComponent(name)), file: "\(slug)/\(variant)/\(name)")
      if name == "aws-\(account).json" || OrganizationExport.recognizes(document) {
        documents.append(document)
      }
    }
    return try AWSFixtures.run(documents, resources: workloads)
  }

  static func user(_ name: String) -> String { "arn:aws:iam::\(account):user/\(name)" }
  static func role(_ name: String) -> String { "arn:aws:iam::\(account):role/\(name)" }
  static func group(_ name: String) -> String { "arn:aws:iam::\(account):group/\(name)" }
}

/// The edges `EscalationFinder` adds, checked edge set by edge set on the fixture estates.
final class EscalationFinderTests: XCTestCase {
  private typealias Fixtures = EscalationFixtures
  private let user = EscalationFixtures.user
  private let role = EscalationFixtures.role
  private let group = EscalationFixtures.group
  private let admin = EscalationFixtures.admin

  func testOwnAccountAreaAllowsNewResource() throws {
    let run = try Fixtures.run("sagemaker-create-training-job")
    XCTAssertEqual(
      run.escalations(from: user("ml-kyle")),
      [
        EscalationFact(
          user("ml-kyle"), role("sagemaker-admin"), .assumes,
          ["iam:PassRole", "sagemaker:CreateTrainingJob"],
          "Pass a role to a new SageMaker training job")
      ])
  }

  func testOtherAccountAreaAllowsNoNewResource() throws {
    // The Allow names training jobs of 444455556666 only. Compared as whole strings, the
    // `*` of the area's region would absorb that account and find an overlap.
    let run = try Fixtures.run("sagemaker-create-training-job", "negative-narrower-resource")
    XCTAssertEqual(run.escalations, [])
  }

  func testPolicyOnItselfReachesAdmin() throws {
    let run = try Fixtures.run("attach-user-policy")
    XCTAssertEqual(
      run.escalations,
      [
        EscalationFact(
          user("dev-paul"), admin, .escalates, ["iam:AttachUserPolicy"],
          "Attach a managed policy to itself")
      ])
  }

  func testOwnBoundaryCapsPolicyChange() throws {
    // The boundary allows iam:AttachUserPolicy, so the change itself succeeds, but whatever
    // the user attaches still grants only what the boundary allows.
    let run = try Fixtures.run("attach-user-policy", "negative-boundary-caps")
    XCTAssertEqual(run.escalations, [])
  }

  func testRoleOwnPolicyReachesAdmin() throws {
    let run = try Fixtures.run("put-role-policy")
    XCTAssertEqual(
      run.escalations,
      [
        EscalationFact(
          role("ci-build"), admin, .escalates, ["iam:PutRolePolicy"],
          "Put an inline policy on a role it can assume")
      ])
  }

  func testRoleBoundaryCapsPolicyChange() throws {
    let run = try Fixtures.run("put-role-policy", "negative-boundary-caps")
    XCTAssertEqual(run.escalations, [])
  }

  func testJoiningAdminGroupReachesAdmin() throws {
    // A group node has no outgoing edges, because member grants are edges from members, so
    // an edge to the admins group would end the path there. Once dev-uma can reach admin
    // without a condition, joining the readers group adds nothing and gets no edge.
    let run = try Fixtures.run("add-user-to-group")
    XCTAssertEqual(
      run.escalations,
      [
        EscalationFact(
          user("dev-uma"), admin, .escalates, ["iam:AddUserToGroup"], "Add itself to a group")
      ])
  }

  func testJoiningOtherGroupEndsAtGroup() throws {
    let run = try Fixtures.run("add-user-to-group", "negative-narrower-resource")
    XCTAssertEqual(
      run.escalations,
      [
        EscalationFact(
          user("dev-uma"), group("readers"), .escalates, ["iam:AddUserToGroup"],
          "Add itself to a group")
      ])
  }

  func testAdminPrincipalGetsNoEscalations() throws {
    let run = try Fixtures.run("create-access-key")
    let opsAdmin = user("ops-admin")
    XCTAssertTrue(run.facts(from: opsAdmin).contains(EdgeFact(opsAdmin, admin, .access, ["*"])))
    XCTAssertEqual(run.escalations(from: opsAdmin), [])
    XCTAssertEqual(
      run.escalations,
      [
        EscalationFact(
          user("helpdesk-ana"), opsAdmin, .assumes, ["iam:CreateAccessKey"],
          "Create an access key for another user"),
        EscalationFact(
          user("helpdesk-ana"), user("report-viewer"), .assumes, ["iam:CreateAccessKey"],
          "Create an access key for another user"),
      ])
  }

  func testConditionalGrantsMakeConditionalEdges() throws {
    // dev-pia may change her policies only with MFA, dev-ron's boundary allows every action
    // only in one region, and a Deny outside the office network may apply to dev-sue.
    // dev-ted's guardrail Deny always applies but denies no IAM action. dev-erin may pass the role only to Lambda, which the
    // pass-role check decides, so her edge is unconditional.
    let run = try AWSFixtures.run("escalation-conditions.json")
    XCTAssertEqual(
      run.escalations,
      [
        EscalationFact(
          user("dev-sue"), admin, .escalates, ["iam:PutUserPolicy"],
          "Put an inline policy on itself", conditional: true),
        EscalationFact(
          user("dev-erin"), role("lambda-admin"), .assumes,
          ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"],
          "Pass a role to a new Lambda function and invoke it"),
        EscalationFact(
          user("dev-pia"), admin, .escalates, ["iam:AttachUserPolicy"],
          "Attach a managed policy to itself", conditional: true),
        EscalationFact(
          user("dev-ron"), admin, .escalates, ["iam:PutUserPolicy"],
          "Put an inline policy on itself", conditional: true),
        EscalationFact(
          user("dev-ted"), admin, .escalates, ["iam:PutUserPolicy"],
          "Put an inline policy on itself"),
      ])
  }

  func testGuardrailDenyKeepsPolicyChangeToAdmin() throws {
    // dev-ted may put any inline policy on itself. Its Deny of
    // organizations:LeaveOrganization still applies afterwards, but it denies no IAM
    // action, so by the rule of admin edges dev-ted becomes an admin all the same.
    let run = try AWSFixtures.run("escalation-conditions.json")
    let edge = EdgeFact(user("dev-ted"), admin, .escalates, ["iam:PutUserPolicy"])
    XCTAssertEqual(
      run.escalations(from: user("dev-ted")),
      [
        EscalationFact(
          user("dev-ted"), admin, .escalates, ["iam:PutUserPolicy"],
          "Put an inline policy on itself")
      ])
    let grant = try XCTUnwrap(run.provenance(of: edge)?.grant)
    XCTAssertTrue(grant.hasSuffix("still denies what it names"), grant)
  }

  func testConditionalBoundaryIsNamed() throws {
    let run = try AWSFixtures.run("escalation-conditions.json")
    let edge = EdgeFact(
      user("dev-ron"), admin, .escalates, ["iam:PutUserPolicy"], conditional: true)
    let provenance = try XCTUnwrap(run.provenance(of: edge))
    XCTAssertEqual(provenance.technique, "Put an inline policy on itself")
    XCTAssertEqual(
      provenance.location, "UserDetailList[2].UserPolicyList[0].PolicyDocument.Statement[0]")
    XCTAssertEqual(
      provenance.grant,
      "iam:PutUserPolicy on arn:aws:iam::111122223333:user/dev-ron by inline policy "
        + "\"self-service\" of user dev-ron, statement 0 (Sid ManageOwnPolicies); every "
        + "action on every resource passes the permissions boundary only under a condition "
        + "(permissions "
        + "boundary managed policy region-boundary (arn:aws:iam::111122223333:policy/"
        + "region-boundary, v1) of user dev-ron, statement 1 (Sid HomeRegionOnly))")
  }

  func testOwnUserNameReachesOnlyItself() throws {
    // The staff policy allows credential actions on user/${aws:username}, which IAM reads
    // as the caller's own user, so neither member can take over another user.
    let run = try AWSFixtures.run("escalation-self-service.json")
    XCTAssertEqual(run.escalations, [])
  }

  func testPassRoleToBothRolesReachesBoth() throws {
    let run = try Fixtures.run("lambda-add-permission")
    let actions = ["iam:PassRole", "lambda:CreateFunction", "lambda:AddPermission"]
    let technique = "Pass a role to a new Lambda function and allow its invocation"
    XCTAssertEqual(
      run.escalations,
      [
        EscalationFact(user("dev-frank"), role("lambda-admin"), .assumes, actions, technique),
        EscalationFact(
          user("dev-frank"), role("lambda-basic-exec"), .assumes, actions, technique),
      ])
  }

  func testPassRoleToOtherRoleMissesAdmin() throws {
    let run = try Fixtures.run("lambda-add-permission", "negative-narrower-resource")
    XCTAssertEqual(
      run.escalations,
      [
        EscalationFact(
          user("dev-frank"), role("lambda-basic-exec"), .assumes,
          ["iam:PassRole", "lambda:CreateFunction", "lambda:AddPermission"],
          "Pass a role to a new Lambda function and allow its invocation")
      ])
  }

  func testOtherAccountRoleGivesNoPolicyChange() throws {
    // dev-zed may assume partner-deploy in 444455556666 and is allowed iam:AttachRolePolicy
    // and iam:PutRolePolicy on every resource, but IAM calls act on its own account only.
    let run = try AWSFixtures.run(
      "escalation-cross-account-source.json", "escalation-cross-account-target.json")
    let partnerDeploy = "arn:aws:iam::444455556666:role/partner-deploy"
    XCTAssertTrue(
      run.facts(from: user("dev-zed")).contains(
        EdgeFact(user("dev-zed"), partnerDeploy, .assumes, ["sts:AssumeRole"])))
    XCTAssertEqual(run.escalations, [])
  }

  // MARK: - Workloads

  private static let region = "us-east-1"

  private func function(_ name: String) -> String {
    "arn:aws:lambda:\(Self.region):\(Fixtures.account):function:\(name)"
  }

  private func instance(_ id: String) -> String {
    "arn:aws:ec2:\(Self.region):\(Fixtures.account):instance/\(id)"
  }

  /// Returns a workload node as the workload importers define it.
  private func workload(
    _ id: String, type: String, tags: [String: String] = [:]
  ) -> Node {
    Node(
      id: id, kind: .workload, platform: .aws, account: Fixtures.account, type: type,
      tags: tags)
  }

  private var functions: [Node] {
    [
      workload(function("ops-cleanup"), type: "lambda-function"),
      workload(function("reports-daily"), type: "lambda-function"),
    ]
  }

  func testCodeUpdateControlsEveryFunction() throws {
    let run = try Fixtures.run("lambda-update-function-code", workloads: functions)
    let technique = "Replace the code of an existing Lambda function"
    XCTAssertEqual(
      run.escalations,
      [
        EscalationFact(
          user("dev-vic"), function("ops-cleanup"), .controls, ["lambda:UpdateFunctionCode"],
          technique),
        EscalationFact(
          user("dev-vic"), function("reports-daily"), .controls, ["lambda:UpdateFunctionCode"],
          technique),
      ])
  }

  func testNarrowerGrantControlsOneFunction() throws {
    let run = try Fixtures.run(
      "lambda-update-function-code", "negative-narrower-resource", workloads: functions)
    XCTAssertEqual(
      run.escalations,
      [
        EscalationFact(
          user("dev-vic"), function("reports-daily"), .controls, ["lambda:UpdateFunctionCode"],
          "Replace the code of an existing Lambda function")
      ])
  }

  func testSendCommandNeedsManagedInstance() throws {
    let bastion = instance("i-0c7e2f9a41d3b8e56")
    let builder = instance("i-04ad19f37c2e6b801")
    let run = try Fixtures.run(
      "ssm-send-command", "negative-not-ssm-managed",
      workloads: [
        workload(bastion, type: "ec2-instance"),
        workload(builder, type: "ec2-instance", tags: ["ssm": "managed"]),
      ])
    XCTAssertEqual(
      run.escalations,
      [
        EscalationFact(
          user("ops-xena"), builder, .controls, ["ssm:SendCommand"],
          "Run a command on an instance through SSM")
      ])
  }

  func testRunTaskNeedsPassRoleOnTaskRole() throws {
    let definition =
      "arn:aws:ecs:\(Self.region):\(Fixtures.account):task-definition/db-maintenance:7"
    let workloads = [
      workload(
        definition, type: "ecs-task-definition", tags: ["taskRole": role("ecs-ops-admin")])
    ]
    let positive = try Fixtures.run("ecs-run-task", workloads: workloads)
    XCTAssertEqual(
      positive.escalations,
      [
        EscalationFact(
          user("dev-jo"), definition, .controls, ["ecs:RunTask", "iam:PassRole"],
          "Run an existing ECS task definition with a new command")
      ])
    let negative = try Fixtures.run(
      "ecs-run-task", "negative-missing-permission", workloads: workloads)
    XCTAssertEqual(negative.escalations, [])
  }

  // MARK: - Chains

  func testAccessKeyThenTrustRewrite() throws {
    let run = try Fixtures.run("chain-access-key-then-trust-policy")
    XCTAssertEqual(
      run.escalations,
      [
        EscalationFact(
          user("intern-max"), user("iam-operator"), .assumes, ["iam:CreateAccessKey"],
          "Create an access key for another user"),
        EscalationFact(
          user("iam-operator"), role("prod-admin"), .assumes, ["iam:UpdateAssumeRolePolicy"],
          "Rewrite a role's trust policy"),
      ])
  }

  func testGroupWildcardPutReachesAdmin() throws {
    // The group allows iam:Put* on group/*, which includes iam:PutGroupPolicy on itself.
    let run = try Fixtures.run("chain-group-wildcard-put")
    XCTAssertEqual(
      run.escalations,
      [
        EscalationFact(
          user("dev-lou"), admin, .escalates, ["iam:PutGroupPolicy"],
          "Put an inline policy on one of its groups")
      ])
  }

  func testGroupWildcardPolicyReachesAdmin() throws {
    // iam:*Policy* on policy/* matches iam:CreatePolicyVersion and iam:SetDefaultPolicyVersion.
    // The group's policy has no other version to switch to, so only the first applies.
    let run = try Fixtures.run("chain-group-wildcard-policy")
    XCTAssertEqual(
      run.escalations,
      [
        EscalationFact(
          user("dev-mia"), admin, .escalates, ["iam:CreatePolicyVersion"],
          "Create a new default version of an attached managed policy")
      ])
  }
}
