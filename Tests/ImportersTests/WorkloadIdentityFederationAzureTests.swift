import AccessGraph
import XCTest

@testable import Importers

/// Microsoft Entra Workload ID on `Fixtures/federation/aks`: cluster `aks-prod` from kubectl,
/// its `az aks show` output, the managed identities id-orders and id-reports from `az identity
/// list` and `az ad sp list`, and their `az identity federated-credential list` outputs.
final class WorkloadIdentityFederationAzureTests: XCTestCase {
  private static let folder = AWSFixtures.testsFolder.appendingPathComponent(
    "Fixtures/federation/aks")
  private static let issuer =
    "https://westeurope.oic.prod-aks.azure.com/9b2d4f60-3a1c-4e8b-b7d5-0c1e2f3a4b5c/"
    + "8e4a2c60-7d1b-4f3e-9a5c-b0d1e2f3a4b5/"
  private static let files = [
    "aks-prod.json", "aks-show.json", "identity-list.json", "service-principals.json",
    "federated-credentials-orders.json", "federated-credentials-reports.json",
  ]
  private let orders = "b1d00000-0000-4000-8000-0000000000b1"
  private let ordersAccount = "k8s:aks-prod/system:serviceaccount:shop:orders"
  private let cartAccount = "k8s:aks-prod/system:serviceaccount:shop:cart"
  private let workerAccount = "k8s:aks-prod/system:serviceaccount:batch:worker"

  private func loadFixtures() throws -> AWSImportRun {
    try AzureFixtures.run(paths: [Self.folder.path])
  }

  private func file(_ name: String) -> String {
    Self.folder.appendingPathComponent(name).path
  }

  private func text(_ name: String) throws -> String {
    try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
  }

  /// Loads a copy of the fixtures with `changes` applied to the named files, and without
  /// `omitted`.
  private func loadCopy(
    changing changes: [String: (String) -> String] = [:], omitting omitted: [String] = []
  ) throws -> AWSImportRun {
    var files: [String: String] = [:]
    for name in Self.files where !omitted.contains(name) {
      let original = try text(name)
      files[name] = changes[name].map { $0(original) } ?? original
    }
    return try AzureFixtures.run(paths: [try writeTemporaryFolder(files)])
  }

  private func federatesFacts(_ run: AWSImportRun) -> Set<EdgeFact> {
    run.facts.filter { $0.relation == .federates && $0.source.hasPrefix("k8s:") }
  }

  func testFederatesEdgesFromServiceAccounts() throws {
    XCTAssertEqual(
      federatesFacts(try loadFixtures()),
      [
        EdgeFact(ordersAccount, orders, .federates),
        EdgeFact(cartAccount, orders, .federates, conditional: true),
        EdgeFact(workerAccount, orders, .federates, conditional: true),
      ])
  }

  func testAnnotatedEdgeProvenanceNamesBoth() throws {
    let provenance = try loadFixtures().provenance(of: EdgeFact(ordersAccount, orders, .federates))
    XCTAssertEqual(provenance?.file, file("federated-credentials-orders.json"))
    XCTAssertEqual(provenance?.location, "[0]")
    XCTAssertEqual(
      provenance?.grant,
      "service account shop/orders of cluster aks-prod is annotated "
        + "azure.workload.identity/client-id=a1c00000-0000-4000-8000-0000000000a1 ("
        + file("aks-prod.json") + ":items[0].metadata.annotations), and federated identity "
        + "credential orders-api of managed identity id-orders accepts tokens of issuer "
        + Self.issuer + " with subject system:serviceaccount:shop:orders, which sign in as "
        + "id-orders")
  }

  /// batch/worker has no annotation, but a credential of id-orders trusts its subject.
  func testUnannotatedEdgeIsConditional() throws {
    let provenance = try loadFixtures().provenance(
      of: EdgeFact(workerAccount, orders, .federates, conditional: true))
    XCTAssertEqual(provenance?.location, "[2]")
    XCTAssertEqual(
      provenance?.grant,
      "no azure.workload.identity/client-id annotation of service account batch/worker of "
        + "cluster aks-prod names the client id of id-orders, but a pod that runs as it can "
        + "mount a token with audience api://AzureADTokenExchange itself, because federated "
        + "identity credential batch-worker of managed identity id-orders accepts tokens of "
        + "issuer " + Self.issuer + " with subject system:serviceaccount:batch:worker, which "
        + "sign in as id-orders")
  }

  func testAnnotationWithoutCredentialWarns() throws {
    let prefix = file("aks-prod.json") + ":items"
    let missing = "so no edge is made; add one to the identity, or give the output of `az "
      + "identity federated-credential list` or of Microsoft Graph's "
      + "`federatedIdentityCredentials` that has it"
    XCTAssertEqual(
      try loadFixtures().warnings.map(\.description),
      [
        prefix + "[2].metadata.annotations: service account batch/reports of cluster aks-prod "
          + "is annotated azure.workload.identity/client-id=a1c00000-0000-4000-8000-0000000000a2"
          + ", but no federated identity credential of id-reports accepts tokens of issuer "
          + Self.issuer + " with subject system:serviceaccount:batch:reports, " + missing
          + "; credential reports has issuer " + Self.issuer.dropLast() + ", which differs "
          + "from the cluster's in the trailing slash, and Entra ID compares issuers exactly",
        prefix + "[3].metadata.annotations: service account shop/cart of cluster aks-prod is "
          + "annotated azure.workload.identity/client-id=A1C00000-0000-4000-8000-0000000000A2, "
          + "but no federated identity credential of id-reports accepts tokens of issuer "
          + Self.issuer + " with subject system:serviceaccount:shop:cart, " + missing,
        prefix + "[4].metadata.annotations: service account shop/legacy of cluster aks-prod is "
          + "annotated azure.workload.identity/client-id=c0ffee00-0000-4000-8000-000000000999, "
          + "but no input of the run lists an identity with client id "
          + "c0ffee00-0000-4000-8000-000000000999, so its federated identity credentials are "
          + "not checked and no edge is made; add the output of `az identity list` or `az ad "
          + "sp list --all`",
        prefix + "[1].metadata.annotations: service account shop/web of cluster aks-prod is "
          + "annotated azure.workload.identity/client-id=a1c00000-0000-4000-8000-0000000000a1, "
          + "but no federated identity credential of id-orders accepts tokens of issuer "
          + Self.issuer + " with subject system:serviceaccount:shop:web, " + missing,
      ])
  }

  /// shop/web's only credential with its subject, staging-web, names another cluster's issuer.
  func testCredentialWithAnotherSubjectGivesNoEdge() throws {
    let estate = try loadFixtures()
    let web = "k8s:aks-prod/system:serviceaccount:shop:web"
    XCTAssertFalse(estate.facts.contains { $0.source == web && $0.relation == .federates })
    let staging = estate.facts.filter {
      $0.source.hasSuffix("/federated/staging-web") && $0.relation == .authenticatesAs
    }
    XCTAssertEqual(staging.map(\.target), [orders])
  }

  /// The reports credential lacks the issuer's trailing slash; with it, the edge is made.
  func testIssuerMismatchGivesNoEdge() throws {
    let reports = "b1d00000-0000-4000-8000-0000000000b2"
    let reportsAccount = "k8s:aks-prod/system:serviceaccount:batch:reports"
    XCTAssertFalse(
      try loadFixtures().facts.contains {
        $0.source == reportsAccount && $0.relation == .federates
      })
    let fixed = try loadCopy(changing: [
      "federated-credentials-reports.json": {
        $0.replacingOccurrences(
          of: "\"" + Self.issuer.dropLast() + "\"", with: "\"" + Self.issuer + "\"")
      }
    ])
    XCTAssertEqual(
      federatesFacts(fixed).filter { $0.target == reports },
      [EdgeFact(reportsAccount, reports, .federates)])
  }

  /// Without `az ad sp list`, the identities are the nodes of `az identity list`, which gives
  /// their client ids as `clientId`.
  func testIdentityListAloneGivesSameEdges() throws {
    let run = try loadCopy(omitting: ["service-principals.json"])
    XCTAssertEqual(
      federatesFacts(run),
      [
        EdgeFact(ordersAccount, orders, .federates),
        EdgeFact(cartAccount, orders, .federates, conditional: true),
        EdgeFact(workerAccount, orders, .federates, conditional: true),
      ])
  }

  func testAnnotationWithoutDescriptionWarns() throws {
    let run = try AzureFixtures.run(paths: [
      try writeTemporaryFolder(["aks-prod.json": try text("aks-prod.json")])
    ])
    XCTAssertFalse(run.facts.contains { $0.relation == .federates })
    XCTAssertEqual(run.warnings.count, 5)
    XCTAssertEqual(
      run.warnings.first?.message,
      "service account batch/reports of cluster aks-prod is annotated "
        + "azure.workload.identity/client-id=a1c00000-0000-4000-8000-0000000000a2, but no `az "
        + "aks show` output in the run describes cluster aks-prod, which gives its OIDC issuer, "
        + "so no federated identity credential is checked and no edge is made; add the output "
        + "of `az aks show --name aks-prod --resource-group GROUP --output json`")
  }

  func testDisabledIssuerWarns() throws {
    let run = try loadCopy(changing: [
      "aks-show.json": {
        $0.replacingOccurrences(
          of: "\"enabled\": true,\n    \"issuerUrl\"",
          with: "\"enabled\": false,\n    \"issuerUrl\"")
      }
    ])
    XCTAssertEqual(federatesFacts(run), [])
    XCTAssertEqual(run.warnings.count, 5)
    XCTAssertEqual(
      run.warnings.first?.message,
      "service account batch/reports of cluster aks-prod is annotated "
        + "azure.workload.identity/client-id=a1c00000-0000-4000-8000-0000000000a2, but the `az "
        + "aks show` output of cluster aks-prod shows its OIDC issuer disabled, so Entra ID "
        + "cannot verify the cluster's tokens and no edge is made")
  }

  /// An application's credential, from Microsoft Graph, signs in as its service principal,
  /// whose `appId` is the client id.
  func testApplicationServicePrincipalEdge() throws {
    let entra = AWSFixtures.testsFolder.appendingPathComponent("Fixtures/azure/entra")
    let credentials = """
      {
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#applications('33333333-cccc-4ccc-8ccc-000000000001')/federatedIdentityCredentials",
        "value": [
          {
            "audiences": ["api://AzureADTokenExchange"],
            "description": "Storefront on aks-prod",
            "id": "99999999-0000-4000-8000-0000000000a7",
            "issuer": "\(Self.issuer)",
            "name": "aks-prod-web",
            "subject": "system:serviceaccount:shop:web"
          }
        ]
      }
      """
    let folder = try writeTemporaryFolder([
      "aks-prod.json": try text("aks-prod.json").replacingOccurrences(
        of: "\"a1c00000-0000-4000-8000-0000000000a1\"\n        },\n        \"name\": \"web\"",
        with: "\"44444444-dddd-4ddd-8ddd-000000000001\"\n        },\n        \"name\": \"web\""),
      "aks-show.json": try text("aks-show.json"),
      "app-credentials.json": credentials,
    ])
    let run = try AzureFixtures.run(paths: [
      folder, entra.appendingPathComponent("az-ad-app-list.json").path,
      entra.appendingPathComponent("az-ad-sp-list.json").path,
    ])
    XCTAssertEqual(
      federatesFacts(run),
      [
        EdgeFact(
          "k8s:aks-prod/system:serviceaccount:shop:web", "55555555-eeee-4eee-8eee-000000000001",
          .federates)
      ])
  }
}
