import AccessGraph
import Analysis
import Foundation
import Importers
import XCTest

/// The expected results of the Kubernetes clusters of the Northwind Freight sample estate in
/// `graphs/sample-estate`, as its README lists them.
final class SampleClusterTests: XCTestCase {

  /// The EKS cluster and the nodes on the path from the on-call user to AWS account admin.
  private static let eks = "k8s:northwind-prod-eks"
  private static let eksUser = eks + "/user:priya.natarajan"
  private static let platformTools = eks + "/namespaces/platform-tools"
  private static let platformToolsPods = platformTools + "/pods"
  private static let terraformPod = eks + "/pods/platform-tools/terraform-runner-6d8f7c9b54-k2x7q"
  private static let terraformAccount =
    eks + "/system:serviceaccount:platform-tools:terraform-runner"
  private static let terraformRole = "arn:aws:iam::111122223333:role/eks-terraform-runner"
  private static let iamUser = "arn:aws:iam::111122223333:user/priya.natarajan"
  private static let awsAdmin = "aws:admin/111122223333"

  /// The GKE cluster and the nodes on the path from its on-call user to Owner of the
  /// project `northwind-analytics`.
  private static let gke = "k8s:northwind-analytics-gke"
  private static let gkeUser = gke + "/user:sam.oduya@northwind.example"
  private static let reportingPods = gke + "/namespaces/reporting/pods"
  private static let exporterPod = gke + "/pods/reporting/bq-exporter-7c9d5f8b6-p4vnt"
  private static let exporterAccount = gke + "/system:serviceaccount:reporting:bq-exporter"
  private static let exporterGoogleAccount =
    "serviceAccount:bq-exporter@northwind-analytics.iam.gserviceaccount.com"
  private static let projectOwner = "gcp:owner/projects/northwind-analytics"

  private var graph: AccessGraph { SampleEstate.graph }

  private func id(_ text: String) throws -> NodeID {
    try graph.resolveNode(text)
  }

  private func ids(_ nodes: [NodeID]) -> [String] {
    graph.ids(nodes)
  }

  private func fileNames(_ path: AttackPath) -> [String] {
    path.hops.map { ($0.provenance.file as NSString).lastPathComponent }
  }

  func testEKSUserExecsIntoPodToAWSAdmin() throws {
    let paths = graph.shortestPaths(
      from: [try id(Self.eksUser)], to: .node(try id(Self.awsAdmin)))

    XCTAssertEqual(paths.count, 1)
    let path = try XCTUnwrap(paths.first)
    XCTAssertEqual(
      ids(path.nodes),
      [
        Self.eksUser, Self.platformToolsPods, Self.terraformPod, Self.terraformAccount,
        Self.terraformRole, Self.awsAdmin,
      ])
    XCTAssertEqual(path.hops.map(\.relation), [.controls, .contains, .runsAs, .federates, .access])
    XCTAssertEqual(
      fileNames(path),
      [
        "northwind-prod-eks.json", "northwind-prod-eks.json", "northwind-prod-eks.json",
        "aws-111122223333.json", "aws-111122223333.json",
      ])
    XCTAssertEqual(path.hops[0].provenance.location, "items[7]")
    XCTAssertEqual(path.hops[0].provenance.technique, "Run a command in a pod")
    XCTAssertEqual(path.hops[2].provenance.location, "items[10].spec")
    XCTAssertEqual(
      path.hops[3].provenance.location,
      "RoleDetailList[18].AssumeRolePolicyDocument.Statement[0]")
    XCTAssertEqual(
      path.hops.map(\.actions),
      [["create core/pods/exec"], [], [], ["sts:AssumeRoleWithWebIdentity"], ["*"]])
    XCTAssertFalse(path.isConditional)
  }

  func testIAMUserReachesAWSAdminThroughCluster() throws {
    let paths = graph.shortestPaths(from: [try id(Self.iamUser)], to: .admin)

    XCTAssertEqual(paths.count, 1)
    let path = try XCTUnwrap(paths.first)
    XCTAssertEqual(
      ids(path.nodes),
      [
        Self.iamUser, Self.eksUser, Self.platformToolsPods, Self.terraformPod,
        Self.terraformAccount, Self.terraformRole, Self.awsAdmin,
      ])
    XCTAssertEqual(path.hops[0].relation, .assumes)
    XCTAssertEqual(fileNames(path).first, "inventory.json")
    XCTAssertEqual(path.hops[0].provenance.location, "grants[21]")
  }

  func testOnlyTerraformRunnerFederatesToRole() throws {
    let role = try id(Self.terraformRole)
    let federating = graph.incomingEdges(of: role)
      .filter { graph.relation(of: $0) == .federates }
      .map { graph.edge($0).source }

    // The AWS importer joins the trust's OIDC provider to the role, and the federation
    // rules join the one service account whose name the trust's `sub` condition matches.
    XCTAssertEqual(
      Set(ids(federating)),
      [
        "arn:aws:iam::111122223333:oidc-provider/"
          + "oidc.eks.eu-west-1.amazonaws.com/id/5C8E2A7F19D64B03A1E7C94F28B6D310",
        Self.terraformAccount,
      ])
  }

  func testOnCallBindingGivesNoServiceAccount() throws {
    // The binding's `access` to the namespace reaches its service accounts without acting
    // as them, so only the exec permission leads on to the role.
    let radius = BlastRadius(of: try id(Self.eksUser), in: graph)
    let role = try XCTUnwrap(radius.reached.first { graph.node($0.node).id == Self.terraformRole })

    XCTAssertEqual(role.hops, 4)
    XCTAssertEqual(
      role.path.map { graph.relation(of: $0) }, [.controls, .contains, .runsAs, .federates])
  }

  func testGKEUserExecsIntoPodToProjectOwner() throws {
    let paths = graph.shortestPaths(
      from: [try id(Self.gkeUser)], to: .node(try id(Self.projectOwner)))

    XCTAssertEqual(paths.count, 1)
    let path = try XCTUnwrap(paths.first)
    XCTAssertEqual(
      ids(path.nodes),
      [
        Self.gkeUser, Self.reportingPods, Self.exporterPod, Self.exporterAccount,
        Self.exporterGoogleAccount, Self.projectOwner,
      ])
    XCTAssertEqual(path.hops.map(\.relation), [.controls, .contains, .runsAs, .federates, .access])
    XCTAssertEqual(
      fileNames(path),
      [
        "northwind-analytics-gke.json", "northwind-analytics-gke.json",
        "northwind-analytics-gke.json", "gcp-iam-policies.json", "gcp-iam-policies.json",
      ])
    XCTAssertEqual(path.hops[0].provenance.location, "items[4]")
    XCTAssertEqual(path.hops[0].provenance.technique, "Run a command in a pod")
    XCTAssertEqual(path.hops[2].provenance.location, "items[5].spec")
    XCTAssertEqual(path.hops[3].provenance.location, "[0].policy.bindings[0]")
    XCTAssertEqual(path.hops[4].provenance.location, "[1].policy.bindings[2]")
    XCTAssertEqual(
      path.hops.map(\.actions),
      [["create core/pods/exec"], [], [], ["roles/iam.workloadIdentityUser"], ["*"]])
    XCTAssertFalse(path.isConditional)
  }

  func testOnlyAnnotatedAccountFederatesToGoogle() throws {
    let googleAccount = try id(Self.exporterGoogleAccount)
    let federating = graph.incomingEdges(of: googleAccount)
      .filter { graph.relation(of: $0) == .federates }
      .map { graph.edge($0).source }
    let dashboards = try id(gkeAccount("dashboards"))
    let dashboardsTargets = graph.outgoingEdges(of: dashboards)
      .filter { graph.relation(of: $0) == .federates }
      .map { graph.edge($0).target }

    XCTAssertEqual(ids(federating), [Self.exporterAccount])
    // No IAM policy names the member of `dashboards` and no annotation names a Google
    // service account, so it federates to nothing.
    XCTAssertEqual(dashboardsTargets, [])
  }

  func testWhoCanOwnAnalyticsProject() throws {
    let result = WhoCan(target: try id(Self.projectOwner), in: graph)

    XCTAssertEqual(
      Set(ids(result.identities(in: graph).map(\.node))),
      [
        Self.gkeUser, Self.exporterPod, Self.exporterAccount, Self.exporterGoogleAccount,
        "user:maria.lindqvist@northwind.example",
        // The node that runs the exporter's pod controls it.
        Self.gke + "/nodes/gke-northwind-analytics-default-pool-3f9a1c2e-7kqd",
      ])
  }

  private func gkeAccount(_ name: String) -> String {
    Self.gke + "/system:serviceaccount:reporting:" + name
  }
}
