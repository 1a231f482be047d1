import AccessGraph
import XCTest

@testable import Importers

/// Workload Identity Federation for GKE on `Fixtures/federation/gke`: cluster `gke-prod`
/// from kubectl, its `gcloud container clusters describe` output, and project acme-prod.
final class WorkloadIdentityFederationGCPTests: XCTestCase {
  private static let folder = AWSFixtures.testsFolder.appendingPathComponent(
    "Fixtures/federation/gke")
  private let app = "k8s:gke-prod/system:serviceaccount:shop:app"
  private let worker = "k8s:gke-prod/system:serviceaccount:batch:worker"
  private let googleAccount = "serviceAccount:shop-app@acme-prod.iam.gserviceaccount.com"

  private func run() throws -> AWSImportRun {
    try AzureFixtures.run(paths: [Self.folder.path])
  }

  private func file(_ name: String) -> String {
    Self.folder.appendingPathComponent(name).path
  }

  func testFederatesEdgesFromServiceAccounts() throws {
    let facts = try run().facts.filter { $0.relation == .federates }
    XCTAssertEqual(
      facts,
      Set([
        EdgeFact(app, "serviceAccount:acme-prod.svc.id.goog[shop/app]", .federates),
        EdgeFact(worker, "serviceAccount:acme-prod.svc.id.goog[batch/worker]", .federates),
        EdgeFact(app, googleAccount, .federates, ["roles/iam.workloadIdentityUser"]),
      ]))
  }

  func testBindingEdgeProvenanceNamesBoth() throws {
    let provenance = try run().provenance(
      of: EdgeFact(app, googleAccount, .federates, ["roles/iam.workloadIdentityUser"]))
    XCTAssertEqual(provenance?.file, file("iam-policies.json"))
    XCTAssertEqual(provenance?.location, "[0].policy.bindings[0]")
    XCTAssertEqual(
      provenance?.grant,
      "service account shop/app of cluster gke-prod is annotated "
        + "iam.gke.io/gcp-service-account=shop-app@acme-prod.iam.gserviceaccount.com ("
        + file("gke-prod.json") + ":items[0].metadata.annotations), and binding 0 of the IAM "
        + "policy of service account shop-app@acme-prod.iam.gserviceaccount.com grants "
        + "roles/iam.workloadIdentityUser to serviceAccount:acme-prod.svc.id.goog[shop/app]")
  }

  func testAnnotationWithoutBindingWarns() throws {
    XCTAssertEqual(
      try run().warnings.map(\.description),
      [
        file("gke-prod.json") + ":items[1].metadata.annotations: service account shop/web of "
          + "cluster gke-prod is annotated "
          + "iam.gke.io/gcp-service-account=shop-app@acme-prod.iam.gserviceaccount.com, but no "
          + "roles/iam.workloadIdentityUser binding for "
          + "serviceAccount:acme-prod.svc.id.goog[shop/web] is on that service account or a "
          + "scope above it, so no edge is made; add the binding with `gcloud iam "
          + "service-accounts add-iam-policy-binding "
          + "shop-app@acme-prod.iam.gserviceaccount.com --role roles/iam.workloadIdentityUser "
          + "--member \"serviceAccount:acme-prod.svc.id.goog[shop/web]\"`, or give the output "
          + "of `gcloud asset search-all-iam-policies` that has it"
      ])
  }

  /// The binding is on project acme-prod, which holds the service account.
  func testBindingOnProjectCounts() throws {
    let policies = try String(
      contentsOf: Self.folder.appendingPathComponent("iam-policies.json"), encoding: .utf8
    ).replacingOccurrences(
      of: "//iam.googleapis.com/projects/acme-prod/serviceAccounts/"
        + "shop-app@acme-prod.iam.gserviceaccount.com",
      with: "//cloudresourcemanager.googleapis.com/projects/acme-prod")
    var files = ["iam-policies.json": policies]
    for name in ["gke-prod.json", "cluster-describe.json", "projects.json", "service-accounts.json"] {
      files[name] = try String(
        contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
    }
    let run = try AzureFixtures.run(paths: [try writeTemporaryFolder(files)])
    XCTAssertTrue(
      run.facts.contains(
        EdgeFact(app, googleAccount, .federates, ["roles/iam.workloadIdentityUser"])))
  }

  func testNoDescriptionGivesNoEdge() throws {
    var files: [String: String] = [:]
    for name in ["gke-prod.json", "iam-policies.json", "projects.json", "service-accounts.json"] {
      files[name] = try String(
        contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
    }
    let run = try AzureFixtures.run(paths: [try writeTemporaryFolder(files)])
    XCTAssertFalse(run.facts.contains { $0.relation == .federates })
    XCTAssertEqual(run.warnings.count, 2)
    XCTAssertEqual(
      run.warnings.first?.message,
      "service account shop/app of cluster gke-prod is annotated "
        + "iam.gke.io/gcp-service-account=shop-app@acme-prod.iam.gserviceaccount.com, but no "
        + "`gcloud container clusters describe` output in the run describes cluster gke-prod, "
        + "which gives its workload identity pool, so no edge is made; add the output of "
        + "`gcloud container clusters describe gke-prod --format=json`")
  }

  func testDescriptionOfUnnamedClusterWarns() throws {
    var files: [String: String] = [:]
    let names = [
      "cluster-describe.json", "iam-policies.json", "projects.json", "service-accounts.json",
    ]
    for name in names {
      files[name] = try String(
        contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
    }
    files["prod.json"] = try String(
      contentsOf: Self.folder.appendingPathComponent("gke-prod.json"), encoding: .utf8)
    let run = try AzureFixtures.run(paths: [try writeTemporaryFolder(files)])
    XCTAssertFalse(run.facts.contains { $0.relation == .federates && $0.target.contains("@") })
    XCTAssertTrue(
      run.warnings.map(\.message).contains(
        "this describes cluster gke-prod, but no Kubernetes input is named so (the clusters "
          + "are prod); name the kubectl export gke-prod.json, or its folder gke-prod, as "
          + "docs/kubernetes.md says"))
  }
}
