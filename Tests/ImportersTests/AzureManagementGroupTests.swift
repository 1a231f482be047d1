import AccessGraph
import Foundation
import XCTest

@testable import Importers

/// Management groups: privileges there hold on every scope below, and an assignment at a
/// group that no management group output lists still gives its edges.
final class AzureManagementGroupTests: XCTestCase {
  private typealias Fixtures = AzureFixtures

  func testGroupPrivilegesContainThoseBelow() throws {
    let run = try Fixtures.run(folder: "contoso")
    let platformOwner = AzureNodes.ownerPrefix + Fixtures.platformGroup
    let platformAdministrator = AzureNodes.userAccessAdministratorPrefix + Fixtures.platformGroup
    XCTAssertEqual(
      run.facts(from: platformOwner),
      [EdgeFact(platformOwner, AzureNodes.ownerPrefix + Fixtures.subscription, .contains)])
    XCTAssertEqual(
      run.facts(from: platformAdministrator),
      [
        EdgeFact(
          platformAdministrator, AzureNodes.userAccessAdministratorPrefix + Fixtures.subscription,
          .contains)
      ])
    let rootOwner = AzureNodes.ownerPrefix + Fixtures.rootGroup
    XCTAssertEqual(run.facts(from: rootOwner), [EdgeFact(rootOwner, platformOwner, .contains)])
  }

  func testAssignmentAtUnlistedGroupReachesItsOwner() throws {
    let owner = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
    let group = "/providers/Microsoft.Management/managementGroups/mg-Platform"
    let definitions = """
      [{"id": "/providers/Microsoft.Authorization/roleDefinitions/\(owner)", "name": "\(owner)",
        "permissions": [{"actions": ["*"], "notActions": [], "dataActions": [],
                         "notDataActions": []}],
        "roleName": "Owner", "roleType": "BuiltInRole",
        "type": "Microsoft.Authorization/roleDefinitions"}]
      """
    let assignments = """
      [{"id": "\(group)/providers/Microsoft.Authorization/roleAssignments/4b1d0000",
        "name": "4b1d0000", "principalId": "0be70000-0000-4000-8000-000000000002",
        "principalType": "User", "roleDefinitionId": "/providers/Microsoft.Authorization/\
      roleDefinitions/\(owner)", "roleDefinitionName": "Owner", "scope": "\(group)",
        "type": "Microsoft.Authorization/roleAssignments"}]
      """
    let run = try Fixtures.run(paths: [
      try writeTemporaryFolder([
        "role-definitions.json": definitions, "role-assignments.json": assignments,
      ])
    ])
    let groupID = "/providers/microsoft.management/managementgroups/mg-platform"
    XCTAssertEqual(
      run.facts(from: "0be70000-0000-4000-8000-000000000002"),
      [
        EdgeFact("0be70000-0000-4000-8000-000000000002", groupID, .access, ["*"]),
        EdgeFact(
          "0be70000-0000-4000-8000-000000000002", AzureNodes.ownerPrefix + groupID, .access,
          ["*"]),
      ])
    XCTAssertEqual(run.warnings, [])
  }
}
