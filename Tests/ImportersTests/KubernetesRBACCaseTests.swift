import AccessGraph
import Foundation
import XCTest

@testable import Importers

/// RBAC corner cases in kubectl's JSON: impersonation by name and by namespace, nested
/// aggregation, rules that grant nothing, an empty subject namespace, and two clusters of
/// one name.
final class KubernetesRBACCaseTests: XCTestCase {
  private let folder = AWSFixtures.testsFolder.appendingPathComponent(
    "Fixtures/kubernetes/cases")

  private func load(_ name: String) throws -> AWSImportRun {
    try AzureFixtures.run(paths: [folder.appendingPathComponent(name).path])
  }

  private func ci(_ cluster: String) -> String {
    "k8s:\(cluster)/system:serviceaccount:dev:ci"
  }

  private func groups(_ cluster: String) -> Set<EdgeFact> {
    [
      EdgeFact(ci(cluster), "k8s:\(cluster)/group:system:serviceaccounts", .memberOf),
      EdgeFact(ci(cluster), "k8s:\(cluster)/group:system:serviceaccounts:dev", .memberOf),
      EdgeFact(ci(cluster), "k8s:\(cluster)/group:system:authenticated", .memberOf),
    ]
  }

  func testUserNamedLikeAccountIsNotImpersonated() throws {
    let cluster = "impersonate-user-named-like-account"
    XCTAssertEqual(
      try load(cluster + ".json").facts(from: ci(cluster)),
      groups(cluster).union([
        EdgeFact(
          ci(cluster), "k8s:\(cluster)", .access,
          ["impersonate core/users:system:serviceaccount:kube-system:admin-sa"])
      ]))
  }

  func testRoleBindingImpersonatesAccountInNamespace() throws {
    let cluster = "impersonate-account-in-namespace"
    let action = ["impersonate core/serviceaccounts:deployer"]
    XCTAssertEqual(
      try load(cluster + ".json").facts(from: ci(cluster)),
      groups(cluster).union([
        EdgeFact(ci(cluster), "k8s:\(cluster)/namespaces/dev", .access, action),
        EdgeFact(
          ci(cluster), "k8s:\(cluster)/system:serviceaccount:dev:deployer", .assumes, action),
      ]))
  }

  func testNestedAggregationGivesInnerRules() throws {
    let cluster = "nested-aggregation"
    XCTAssertEqual(
      try load(cluster + ".json").facts(from: ci(cluster)),
      groups(cluster).union([
        EdgeFact(ci(cluster), "k8s:\(cluster)/namespaces/dev", .access, ["create core/pods"]),
        EdgeFact(
          ci(cluster), "k8s:\(cluster)/system:serviceaccount:dev:runner", .assumes,
          ["create core/pods"]),
      ]))
  }

  func testEmptySubjectNamespaceIsTheBindings() throws {
    let cluster = "subject-empty-namespace"
    let run = try load(cluster + ".json")
    XCTAssertNil(run.graph.nodeID(for: "k8s:\(cluster)/system:serviceaccount::ci"))
    XCTAssertTrue(
      run.facts(from: ci(cluster)).contains(
        EdgeFact(ci(cluster), "k8s:\(cluster)/namespaces/dev", .access, ["* */*"])))
  }

  func testTwoClustersOfOneNameAreAnError() throws {
    XCTAssertThrowsError(try load("two-prod")) { error in
      let importError = error as? ImportError
      XCTAssertEqual(importError?.file.hasSuffix("two-prod/b/prod.json"), true)
      XCTAssertEqual(
        importError?.problem.hasSuffix("also names Kubernetes cluster \"prod\""), true)
    }
  }
}
