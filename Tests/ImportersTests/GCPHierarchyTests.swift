import AccessGraph
import Foundation
import XCTest

@testable import Importers

/// Organizations, folders, projects, service accounts and keys from gcloud listings.
final class GCPHierarchyTests: XCTestCase {
  private typealias Fixtures = GCPFixtures

  func testScopesContainThoseBelow() throws {
    let run = try Fixtures.run(folder: "hierarchy")
    XCTAssertEqual(
      run.facts(from: Fixtures.organization),
      [
        EdgeFact(Fixtures.organization, Fixtures.engineering, .contains),
        EdgeFact(Fixtures.organization, Fixtures.data, .contains),
      ])
    XCTAssertEqual(
      run.facts(from: Fixtures.engineering),
      [EdgeFact(Fixtures.engineering, Fixtures.app, .contains)])
    XCTAssertEqual(
      run.facts(from: Fixtures.app), [EdgeFact(Fixtures.app, Fixtures.deployer, .contains)])
    XCTAssertEqual(run.warnings, [])
  }

  func testOwnerPrivilegesContainThoseBelow() throws {
    let run = try Fixtures.run(folder: "hierarchy")
    XCTAssertEqual(
      run.facts(from: "gcp:owner/organizations/100000000001"),
      [
        EdgeFact(
          "gcp:owner/organizations/100000000001", "gcp:owner/folders/300000000001", .contains),
        EdgeFact(
          "gcp:owner/organizations/100000000001", "gcp:owner/projects/acme-data", .contains),
      ])
    XCTAssertEqual(
      run.facts(from: "gcp:owner/folders/300000000001"),
      [EdgeFact("gcp:owner/folders/300000000001", "gcp:owner/projects/acme-app", .contains)])
    let admin = try Fixtures.node("gcp:organization-admin/organizations/100000000001", in: run)
    XCTAssertEqual(admin.kind, .privilege)
    XCTAssertEqual(admin.name, "Organization Administrator of organization acme.example")
  }

  func testScopeNodesNameTheirLevel() throws {
    let run = try Fixtures.run(folder: "hierarchy")
    let folder = try Fixtures.node(Fixtures.engineering, in: run)
    XCTAssertEqual(folder.name, "folder Engineering")
    XCTAssertEqual(folder.type, "gcp-folder")
    XCTAssertEqual(folder.kind, .scope)
    let project = try Fixtures.node(Fixtures.app, in: run)
    XCTAssertEqual(project.name, "project acme-app")
    XCTAssertEqual(project.account, "acme-app")
  }

  func testUserManagedKeySignsInAsItsAccount() throws {
    let run = try Fixtures.run(folder: "hierarchy")
    let keyID =
      "projects/acme-app/serviceAccounts/deployer@acme-app.iam.gserviceaccount.com/keys/"
      + "1f2e3d4c5b6a79880123456789abcdef01234567"
    XCTAssertEqual(
      run.facts(into: Fixtures.deployer),
      [
        EdgeFact(Fixtures.app, Fixtures.deployer, .contains),
        EdgeFact(keyID, Fixtures.deployer, .authenticatesAs),
      ])
    let key = try Fixtures.node(keyID, in: run)
    XCTAssertEqual(key.kind, .credential)
    XCTAssertEqual(
      key.credential, CredentialDetails(type: .static, created: "2024-01-15T10:00:00Z"))
    let credentials = run.graph.nodeIDs.filter { run.graph.node($0).kind == .credential }
    XCTAssertEqual(credentials.count, 1, "the system-managed key gives no node")
  }

  func testServiceAccountNodeKeepsListedFacts() throws {
    let run = try Fixtures.run(folder: "hierarchy")
    let account = try Fixtures.node(Fixtures.deployer, in: run)
    XCTAssertEqual(account.kind, .serviceIdentity)
    XCTAssertEqual(account.type, "gcp-service-account")
    XCTAssertEqual(account.account, "acme-app")
    XCTAssertEqual(
      account.tags,
      [
        "projectId": "acme-app", "uniqueId": "110000000000000000001", "displayName": "deployer",
      ])
  }

  func testRealServiceAccountListImports() throws {
    let file = Fixtures.realInputs.appendingPathComponent(
      "GoogleCloudPlatform__gcpdiag__gke2_iam-service-accounts.json")
    let run = try Fixtures.run(paths: [file.path])
    let project = "gcp:projects/gcpdiag-gke-cluster-autoscaler-rrrr"
    let accounts = run.facts(from: project)
    XCTAssertEqual(accounts.count, 10)
    XCTAssertTrue(
      accounts.contains(
        EdgeFact(
          project, "serviceAccount:1234000173-compute@developer.gserviceaccount.com", .contains)))
    let node = try Fixtures.node(
      "serviceAccount:kubernetes-engine-node-sa@gcpdiag-gke-cluster-autoscaler-rrrr.iam."
        + "gserviceaccount.com", in: run)
    XCTAssertEqual(node.tags["displayName"], "GKE Node Service Account")
    XCTAssertEqual(node.tags["uniqueId"], "109018276196562457231")
    XCTAssertEqual(run.graph.nodeCount, 12, "ten accounts, the project and its owner")
    XCTAssertEqual(run.warnings, [])
  }

  func testFolderWithProjectParentIsRejected() throws {
    let folder = try writeTemporaryFolder([
      "folders.json": """
        [{"displayName": "x", "name": "folders/3", "parent": "projects/acme-app"}]
        """
    ])
    XCTAssertThrowsError(try Fixtures.run(paths: [folder])) { error in
      let importError = error as? ImportError
      XCTAssertEqual(importError?.location, "[0].parent")
      XCTAssertEqual(
        importError?.problem, "\"projects/acme-app\" is not organizations/<number> or "
          + "folders/<number>")
    }
  }
}
