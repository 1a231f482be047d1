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
/// as well. Each has a `positive` folder and `negative-<reason>` folders.
enum EscalationFixtures {
  static let folder = AWSFixtures.testsFolder.deletingLastPathComponent()
    .appendingPathComponent("BlastCLITests/Fixtures/aws-escalation")
  static let account = "111122223333"
  static let admin = "aws:admin/111122223333"

  /// Runs the AWS importer on the authorization export of one estate, after defining
  /// `workloads` as the workload importers would.
  static func run(
    _ slug: String, _ variant: String = "positive", workloads: [Node] = []
  ) throws -> AWSImportRun {
    let name = "aws-\(account).json"
    let url = folder.appendingPathComponent(slug).appendingPathComponent(variant)
      .appendingPathComponent(name)
    let document = try JSONCursor.parse(
      Data(contentsOf: url), file: "\(slug)/\(variant)/\(name)")
    return try AWSFixtures.run([document], resources: workloads)
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
    // an edge to the admins group would end the path there.
    let run = try Fixtures.run("add-user-to-group")
    XCTAssertEqual(
      run.escalations,
      [
        EscalationFact(
          user("dev-uma"), admin, .escalates, ["iam:AddUserToGroup"], "Add itself to a group"),
        EscalationFact(
          user("dev-uma"), group("readers"), .escalates, ["iam:AddUserToGroup"],
          "Add itself to a group"),
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
}
