import Foundation
import XCTest

/// Techniques that change an IAM policy or a custom role: each positive estate gives
/// mallory an `escalates` hop to an owner privilege, and each negative one gives no path.
final class GCPPolicyEscalationTests: GCPEscalationTestCase {
  private func escalation(_ permission: String, to owner: String, _ technique: String) -> Hop {
    Hop(
      from: mallory, relation: "escalates", actions: [permission], to: owner,
      technique: technique)
  }

  func testProjectIamAdminSetsProjectPolicy() throws {
    let hop = escalation(
      "resourcemanager.projects.setIamPolicy", to: projectOwner,
      "Grant itself a role on the project")
    XCTAssertEqual(try paths("project-policy", "positive"), [[hop]])
  }

  func testProjectViewerLeavesNoPath() throws {
    XCTAssertEqual(try paths("project-policy", "negative"), [])
  }

  func testFolderIamAdminSetsFolderPolicy() throws {
    let folderOwner = "gcp:owner/folders/300000000001"
    let hop = escalation(
      "resourcemanager.folders.setIamPolicy", to: folderOwner, "Grant itself a role on the folder")
    let contains = Hop(
      from: folderOwner, relation: "contains", actions: [], to: projectOwner, technique: nil)
    XCTAssertEqual(try paths("folder-policy", "positive"), [[hop], [hop, contains]])
  }

  func testFolderViewerLeavesNoPath() throws {
    XCTAssertEqual(try paths("folder-policy", "negative"), [])
  }

  func testSecurityAdminSetsOrganizationPolicy() throws {
    let organizationOwner = "gcp:owner/organizations/100000000001"
    let hop = escalation(
      "resourcemanager.organizations.setIamPolicy", to: organizationOwner,
      "Grant itself a role on the organization")
    let found = try paths("organization-policy", "positive")
    XCTAssertEqual(found.first, [hop])
    XCTAssertEqual(
      found.map { $0.last!.to },
      [
        organizationOwner, "gcp:owner/folders/300000000001", projectOwner,
        "gcp:owner/projects/acme-data",
      ])
    // The Security Admin role also gives iam.serviceAccounts.setIamPolicy on every account
    // of the organization, so acme-app's owner is reached sooner through deployer.
    let throughDeployer = Hop(
      from: mallory, relation: "assumes", actions: ["iam.serviceAccounts.setIamPolicy"],
      to: deployer, technique: "Grant itself a role on a service account")
    XCTAssertEqual(found[2], [throughDeployer, deployerToOwner])
  }

  func testOrganizationViewerLeavesNoPath() throws {
    XCTAssertEqual(try paths("organization-policy", "negative"), [])
  }

  func testRoleAdminUpdatesHeldCustomRole() throws {
    let hop = escalation("iam.roles.update", to: projectOwner, "Update a custom role it holds")
    XCTAssertEqual(try paths("update-role", "positive"), [[hop]])
  }

  func testProjectRoleAdminCannotUpdateOrganizationRole() throws {
    XCTAssertEqual(try paths("update-role", "negative"), [])
  }
}
