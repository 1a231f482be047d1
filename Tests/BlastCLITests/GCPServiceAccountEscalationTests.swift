import Foundation
import XCTest

/// Techniques that act as a service account: each positive estate gives mallory one path
/// through deployer, and each negative one gives none.
final class GCPServiceAccountEscalationTests: GCPEscalationTestCase {
  func testTokenCreatorOnAccountMintsToken() throws {
    try assertAssumesDeployer(
      "mint-token", technique: "Mint an access token for a service account",
      actions: ["iam.serviceAccounts.getAccessToken"])
  }

  func testTokenCreatorOnOtherAccountLeavesNoPath() throws {
    XCTAssertEqual(try paths("mint-token", "negative"), [])
  }

  func testKeyAdminOnProjectCreatesKey() throws {
    try assertAssumesDeployer(
      "create-key", technique: "Create a key for a service account",
      actions: ["iam.serviceAccountKeys.create"])
  }

  func testKeyAdminOnOtherAccountLeavesNoPath() throws {
    XCTAssertEqual(try paths("create-key", "negative"), [])
  }

  func testAccountAdminSetsAccountPolicy() throws {
    try assertAssumesDeployer(
      "set-account-policy", technique: "Grant itself a role on a service account",
      actions: ["iam.serviceAccounts.setIamPolicy"])
  }

  func testAccountAdminInOtherProjectLeavesNoPath() throws {
    XCTAssertEqual(try paths("set-account-policy", "negative"), [])
  }

  func testInstanceAdminActsThroughInstance() throws {
    try assertAssumesDeployer(
      "compute-instance", technique: "Attach a service account to a new Compute Engine instance",
      actions: [
        "iam.serviceAccounts.actAs", "compute.instances.create",
        "compute.instances.setServiceAccount",
      ])
  }

  func testActAsWithoutInstanceCreationLeavesNoPath() throws {
    XCTAssertEqual(try paths("compute-instance", "negative"), [])
  }

  func testFunctionsDeveloperActsThroughFunction() throws {
    try assertAssumesDeployer(
      "cloud-function", technique: "Deploy a Cloud Function that runs as a service account",
      actions: ["iam.serviceAccounts.actAs", "cloudfunctions.functions.create"])
  }

  func testFunctionCreationWithoutActAsLeavesNoPath() throws {
    XCTAssertEqual(try paths("cloud-function", "negative"), [])
  }

  func testRunDeveloperActsThroughService() throws {
    try assertAssumesDeployer(
      "cloud-run", technique: "Deploy a Cloud Run service that runs as a service account",
      actions: ["iam.serviceAccounts.actAs", "run.services.create"])
  }

  func testRunDeveloperInOtherProjectLeavesNoPath() throws {
    XCTAssertEqual(try paths("cloud-run", "negative"), [])
  }

  func testBuildsEditorOnFolderActsThroughBuild() throws {
    try assertAssumesDeployer(
      "cloud-build", technique: "Run a Cloud Build build as a service account",
      actions: ["iam.serviceAccounts.actAs", "cloudbuild.builds.create"])
  }

  func testBuildsEditorOnAccountPolicyLeavesNoPath() throws {
    XCTAssertEqual(try paths("cloud-build", "negative"), [])
  }
}
