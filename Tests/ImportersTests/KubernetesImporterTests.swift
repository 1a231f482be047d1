import AccessGraph
import Foundation
import XCTest

@testable import Importers

/// The Kubernetes importer on `Fixtures/kubernetes/rbac/dev.json`, a `kubectl get -A -o
/// json` list of cluster `dev`, and on the real KubeHound exports beside the repository.
final class KubernetesImporterTests: XCTestCase {
  private static let folder = AWSFixtures.testsFolder.appendingPathComponent(
    "Fixtures/kubernetes")
  private static let realInputs = AWSFixtures.realInputs.deletingLastPathComponent()
    .appendingPathComponent("kubernetes")

  private let ci = "k8s:dev/system:serviceaccount:build:ci"
  private let build = "k8s:dev/namespaces/build"

  private func runDev() throws -> AWSImportRun {
    try AzureFixtures.run(paths: [Self.folder.appendingPathComponent("rbac").path])
  }

  /// The `support` ClusterRole has no rules of its own and aggregates `secret-names`, so
  /// its bindings grant `get core/secrets:registry-login`.
  func testBindingsGiveAccessEdges() throws {
    let run = try runDev()
    let access = run.facts.filter { $0.relation == .access }
    XCTAssertEqual(
      access,
      Set([
        EdgeFact(
          ci, build, .access, ["create apps/deployments", "patch apps/deployments", "get /healthz"]
        ),
        EdgeFact(
          "k8s:dev/group:oncall", build, .access,
          ["get core/pods", "get core/pods/log", "list core/pods", "list core/pods/log"]),
        EdgeFact(
          "k8s:dev/user:sam@example.com", "k8s:dev", .access, ["get core/secrets:registry-login"]),
        EdgeFact(ci, "k8s:dev", .access, ["get core/secrets:registry-login"]),
      ]))
  }

  func testBindingProvenanceNamesBindingAndSubject() throws {
    let run = try runDev()
    let provenance = run.provenance(
      of: EdgeFact(ci, "k8s:dev", .access, ["get core/secrets:registry-login"]))
    XCTAssertEqual(
      provenance?.grant,
      "ClusterRoleBinding support-desk binds ClusterRole support to ServiceAccount "
        + "system:serviceaccount:build:ci")
    XCTAssertEqual(provenance?.location, "items[8]")
  }

  func testBindingToMissingRoleWarns() throws {
    let run = try runDev()
    XCTAssertEqual(
      run.warnings.map(\.description),
      [
        Self.folder.appendingPathComponent("rbac/dev.json").path
          + ":items[7].roleRef: Role removed-role is not in the inputs, so the binding grants "
          + "nothing; export it with `kubectl get roles -A -o json`",
        Self.folder.appendingPathComponent("rbac/dev.json").path
          + ":items[0].metadata.annotations: service account build/ci of cluster dev is "
          + "annotated eks.amazonaws.com/role-arn=arn:aws:iam::111122223333:role/ci-deployer, "
          + "but no `aws eks describe-cluster` output in the run describes cluster dev, so the "
          + "role's trust is not checked and no edge is made; add the output of `aws eks "
          + "describe-cluster --name dev --output json`",
      ])
  }

  func testTreeMembershipAndPods() throws {
    let run = try runDev()
    let pod = "k8s:dev/pods/build/runner-0"
    let node = "k8s:dev/nodes/worker-1"
    XCTAssertEqual(
      run.facts.filter { $0.relation != .access },
      Set([
        EdgeFact("k8s:dev", build, .contains),
        EdgeFact(build, ci, .contains),
        EdgeFact(build, pod, .contains),
        EdgeFact(ci, "k8s:dev/group:system:serviceaccounts", .memberOf),
        EdgeFact(ci, "k8s:dev/group:system:serviceaccounts:build", .memberOf),
        EdgeFact(ci, "k8s:dev/group:system:authenticated", .memberOf),
        EdgeFact("k8s:dev/user:jo@example.com", "k8s:dev/group:system:authenticated", .memberOf),
        EdgeFact("k8s:dev/user:sam@example.com", "k8s:dev/group:system:authenticated", .memberOf),
        EdgeFact(pod, ci, .runsAs),
        EdgeFact(node, pod, .controls),
        EdgeFact(pod, node, .controls),
      ]))
  }

  func testServiceAccountNodeKeepsFederationAnnotation() throws {
    let run = try runDev()
    let node = run.graph.node(try XCTUnwrap(run.graph.nodeID(for: ci)))
    XCTAssertEqual(node.name, "system:serviceaccount:build:ci")
    XCTAssertEqual(node.kind, .serviceIdentity)
    XCTAssertEqual(node.account, "dev")
    XCTAssertEqual(
      node.tags, ["eks.amazonaws.com/role-arn": "arn:aws:iam::111122223333:role/ci-deployer"])
    let pod = run.graph.node(try XCTUnwrap(run.graph.nodeID(for: "k8s:dev/pods/build/runner-0")))
    XCTAssertEqual(pod.tags, ["privileged": "true"])
  }

  func testRuleMatchesLikeTheAPIServer() {
    let rule = KubernetesRule(
      verbs: ["get", "create"], apiGroups: [""], resources: ["pods", "*/exec"],
      resourceNames: [], nonResourceURLs: [])
    XCTAssertTrue(rule.allows("get", group: "", resource: "pods", name: nil))
    XCTAssertTrue(rule.allows("create", group: "", resource: "pods/exec", name: "web"))
    XCTAssertFalse(rule.allows("create", group: "", resource: "pods/attach", name: nil))
    XCTAssertFalse(rule.allows("get", group: "apps", resource: "pods", name: nil))
    XCTAssertFalse(rule.allows("delete", group: "", resource: "pods", name: nil))
    let named = KubernetesRule(
      verbs: ["*"], apiGroups: ["*"], resources: ["secrets"], resourceNames: ["a"],
      nonResourceURLs: [])
    XCTAssertTrue(named.allows("get", group: "", resource: "secrets", name: "a"))
    XCTAssertFalse(named.allows("get", group: "", resource: "secrets", name: "b"))
    XCTAssertFalse(named.allows("list", group: "", resource: "secrets", name: nil))
  }

  func testClusterNameIsFolderForSingleKindLists() throws {
    let list = """
      {"apiVersion": "v1", "kind": "List", "items": [
        {"apiVersion": "v1", "kind": "ServiceAccount",
         "metadata": {"name": "default", "namespace": "default"}}]}
      """
    let typed = """
      {"apiVersion": "v1", "kind": "ServiceAccountList", "items": [
        {"metadata": {"name": "default", "namespace": "default"}}],
       "metadata": {"resourceVersion": "9"}}
      """
    let mixed = """
      {"apiVersion": "v1", "kind": "List", "items": [
        {"apiVersion": "v1", "kind": "ServiceAccount",
         "metadata": {"name": "web", "namespace": "shop"}},
        {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
         "metadata": {"name": "empty"}, "rules": []}]}
      """
    let root = try writeTemporaryFolder([:])
    let prod = (root as NSString).appendingPathComponent("prod")
    try FileManager.default.createDirectory(atPath: prod, withIntermediateDirectories: true)
    try Data(list.utf8).write(to: URL(fileURLWithPath: prod + "/serviceaccounts.json"))
    try Data(typed.utf8).write(to: URL(fileURLWithPath: prod + "/more.json"))
    try Data(mixed.utf8).write(to: URL(fileURLWithPath: root + "/staging.json"))
    let graph = try AzureFixtures.run(paths: [root]).graph
    let clusters = graph.nodeIDs.map(graph.node).filter { $0.type == "kubernetes-cluster" }
    XCTAssertEqual(clusters.map(\.id).sorted(), ["k8s:prod", "k8s:staging"])
    XCTAssertNotNil(graph.nodeID(for: "k8s:prod/system:serviceaccount:default:default"))
    XCTAssertNotNil(graph.nodeID(for: "k8s:staging/system:serviceaccount:shop:web"))
  }

  func testPodEdgesFollowNamespaceOrder() throws {
    let pod = { (name: String, namespace: String) in
      """
      {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "\(name)", "namespace": \
      "\(namespace)"}, "spec": {"serviceAccountName": "default", "containers": []}}
      """
    }
    let pods = [pod("web-0", "web"), pod("api-0", "api"), pod("web-1", "web"), pod("api-1", "api")]
    let list = """
      {"apiVersion": "v1", "kind": "List", "items": [\(pods.joined(separator: ","))]}
      """
    let root = try writeTemporaryFolder([:])
    try Data(list.utf8).write(to: URL(fileURLWithPath: root + "/lab.json"))
    let graph = try AzureFixtures.run(paths: [root]).graph
    let grants = graph.edgeIDs.filter { graph.relation(of: $0) == .contains }
      .map { graph.provenance(of: $0).grant }
      .filter { $0.contains(" contains pod") || $0.hasSuffix(" contains its pods") }
    XCTAssertEqual(
      grants,
      [
        "namespace api contains its pods", "namespace api contains pod api-0",
        "namespace api contains pod api-1", "namespace web contains its pods",
        "namespace web contains pod web-0", "namespace web contains pod web-1",
      ])
  }

  func testInvalidSubjectKindIsRejected() throws {
    let json = """
      {"apiVersion": "v1", "kind": "List", "items": [
        {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
         "metadata": {"name": "b"}, "roleRef": {"kind": "ClusterRole", "name": "view"},
         "subjects": [{"kind": "Robot", "name": "r2"}]}]}
      """
    var importer = KubernetesImporter()
    XCTAssertThrowsError(try importer.add(try AWSFixtures.document(json: json))) { error in
      XCTAssertEqual(
        (error as? ImportError)?.description,
        "test.json:items[0].subjects[0].kind: unknown subject kind \"Robot\"; use User, Group "
          + "or ServiceAccount")
    }
  }

  func testRealKubeHoundExportsImport() throws {
    let run = try AzureFixtures.run(paths: [Self.realInputs.path])
    XCTAssertEqual(run.warnings, [])
    let graph = run.graph
    let clusters = graph.nodeIDs.map(graph.node).filter { $0.type == "kubernetes-cluster" }
    XCTAssertEqual(clusters.map(\.id), ["k8s:kubernetes"])
    XCTAssertTrue(
      run.facts.contains(
        EdgeFact(
          "k8s:kubernetes/group:system:masters", "k8s:kubernetes/cluster-admin", .access,
          ["* */*"])))
    XCTAssertEqual(run.facts.filter { $0.relation == .access }.count, 52)
    XCTAssertEqual(
      run.facts(into: "k8s:kubernetes/cluster-admin"),
      [
        EdgeFact(
          "k8s:kubernetes/group:system:masters", "k8s:kubernetes/cluster-admin", .access,
          ["* */*"]),
        EdgeFact(
          "k8s:kubernetes/system:serviceaccount:kube-system:clusterrole-aggregation-controller",
          "k8s:kubernetes/cluster-admin", .escalates,
          [
            "escalate rbac.authorization.k8s.io/clusterroles",
            "update rbac.authorization.k8s.io/clusterroles",
          ]),
      ])
  }

  func testRealAggregatedClusterRolesResolve() throws {
    var importer = KubernetesImporter()
    let file = Self.realInputs.appendingPathComponent(
      "DataDog__KubeHound__clusterroles.rbac.authorization.k8s.io.json")
    try importer.add(try JSONCursor.parse(Data(contentsOf: file), file: file.path))
    let cluster = try XCTUnwrap(importer.clusters["kubernetes"])
    XCTAssertEqual(cluster.roles.count, 66)
    let aggregated = cluster.roles.values.filter { !$0.aggregationSelectors.isEmpty }
    XCTAssertEqual(aggregated.map(\.name).sorted(), ["admin", "edit", "view"])
    let view = try XCTUnwrap(cluster.roles[.init(namespace: "", name: "view")])
    let member = try XCTUnwrap(
      cluster.roles[.init(namespace: "", name: "system:aggregate-to-view")])
    let rules = cluster.aggregatedRules(of: view)
    XCTAssertTrue(member.rules.allSatisfy(rules.contains))
    let admin = try XCTUnwrap(cluster.roles[.init(namespace: "", name: "admin")])
    XCTAssertTrue(
      cluster.aggregatedRules(of: admin).contains {
        $0.allows("create", group: "", resource: "pods/exec", name: nil)
      })
  }
}
