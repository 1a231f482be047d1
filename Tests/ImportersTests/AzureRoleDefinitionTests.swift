import AccessGraph
import Foundation
import XCTest

@testable import Importers

/// Role definitions: the real built-in ones, `notActions` with Azure's wildcards, and the
/// privileges each grants at a subscription.
final class AzureRoleDefinitionTests: XCTestCase {
  private func realDefinition(_ role: String) throws -> AzureRoleDefinition {
    let url = AzureFixtures.realInputs.appendingPathComponent(
      "easimon__azure-builtin-roles__\(role).json")
    let document = try JSONCursor.parse(Data(contentsOf: url), file: url.lastPathComponent)
    XCTAssertTrue(AzureResourceManagerImporter.recognizes(document))
    return try AzureRoleDefinition.parse(document)
  }

  func testRealOwnerGrantsEveryAction() throws {
    let owner = try realDefinition("Owner")
    XCTAssertEqual(owner.guid, "8e3af657-a8ff-443c-a75c-2fe8c4bcb635")
    XCTAssertEqual(owner.roleName, "Owner")
    XCTAssertEqual(owner.roleType, "BuiltInRole")
    XCTAssertTrue(owner.actions.isEveryAction)
    XCTAssertEqual(owner.edgeActions, ["*"])
  }

  func testRealContributorExcludesRoleAssignmentWrites() throws {
    let contributor = try realDefinition("Contributor")
    XCTAssertFalse(contributor.actions.isEveryAction)
    XCTAssertEqual(contributor.edgeActions.first, "*")
    XCTAssertTrue(contributor.edgeActions.contains("!Microsoft.Authorization/*/Write"))
    XCTAssertFalse(
      contributor.actions.containsAzureAction("Microsoft.Authorization/roleAssignments/write"))
    XCTAssertTrue(
      contributor.actions.containsAzureAction(
        "Microsoft.Compute/virtualMachines/runCommand/action"))
  }

  func testRealUserAccessAdministratorWritesRoleAssignments() throws {
    let administrator = try realDefinition("User_Access_Administrator")
    XCTAssertEqual(administrator.guid, "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9")
    XCTAssertTrue(AzureTechnique.assignRole.isGranted(by: administrator.actions))
    XCTAssertFalse(administrator.actions.isEveryAction)
  }

  func testRealVirtualMachineContributorRunsCode() throws {
    let contributor = try realDefinition("Virtual_Machine_Contributor")
    let techniques = AzureTechnique.codeExecution.filter {
      $0.categories.contains(.virtualMachine) && $0.isGranted(by: contributor.actions)
    }
    XCTAssertEqual(
      techniques.map(\.name),
      [
        "Run a command on a VM", "Create a managed run command on a VM",
        "Install a script extension on a VM",
      ])
  }

  func testRealDefinitionsImportTogether() throws {
    var warnings: [ImportWarning] = []
    let graph = try EstateLoader(warn: { warnings.append($0) })
      .load([AzureFixtures.realInputs.path])
    XCTAssertEqual(graph.nodeCount, 0)
    XCTAssertEqual(warnings, [])
  }

  func testNotActionsCompareWithoutCase() throws {
    let definition = try AzureRoleDefinition.parse(
      AWSFixtures.document(
        json: """
          {"id": "/providers/Microsoft.Authorization/roleDefinitions/c0570009",
           "name": "c0570009", "roleName": "No code", "roleType": "CustomRole",
           "permissions": [
             {"actions": ["Microsoft.Compute/*"],
              "notActions": ["microsoft.compute/virtualmachines/RUNCOMMAND/*"],
              "dataActions": [], "notDataActions": []}]}
          """))
    XCTAssertFalse(
      definition.actions.containsAzureAction(
        "Microsoft.Compute/virtualMachines/runCommand/action"))
    XCTAssertTrue(
      definition.actions.containsAzureAction("Microsoft.Compute/virtualMachines/write"))
    XCTAssertEqual(
      definition.edgeActions,
      ["Microsoft.Compute/*", "!microsoft.compute/virtualmachines/RUNCOMMAND/*"])
  }

  func testPermissionBlocksJoinAndKeepDataActionsApart() throws {
    let definition = try AzureRoleDefinition.parse(
      AWSFixtures.document(
        json: """
          {"id": "/subscriptions/2c7e9a1b-5d3f-4e8a-9b6c-0f1d2e3a4b5c/providers/Microsoft.Authorization/roleDefinitions/C0570010",
           "roleName": "Two blocks",
           "permissions": [
             {"actions": ["Microsoft.Web/sites/read"], "notActions": [],
              "dataActions": ["Microsoft.KeyVault/vaults/secrets/*"],
              "notDataActions": ["Microsoft.KeyVault/vaults/secrets/getSecret/action"]},
             {"actions": ["Microsoft.Web/sites/write"]}]}
          """))
    XCTAssertEqual(definition.guid, "c0570010")
    XCTAssertEqual(definition.roleType, "")
    XCTAssertEqual(
      definition.edgeActions,
      [
        "Microsoft.Web/sites/read", "Microsoft.Web/sites/write",
        "data:Microsoft.KeyVault/vaults/secrets/*",
        "!data:Microsoft.KeyVault/vaults/secrets/getSecret/action",
      ])
    XCTAssertFalse(definition.dataActions.containsAzureAction(AzureTechnique.getSecret))
    XCTAssertFalse(definition.actions.containsAzureAction(AzureTechnique.getSecret))
  }

  func testAssignPatternWithWildcardSegmentMatchesAssignAction() {
    let set = ActionSet(
      included: [
        AzureRoleDefinition.pattern(
          "Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action")
      ])
    XCTAssertTrue(
      set.containsAzureAction("Microsoft.ManagedIdentity/userAssignedIdentities/assign/action"))
    XCTAssertFalse(
      set.containsAzureAction("Microsoft.ManagedIdentity/userAssignedIdentities/write"))
  }

  func testBlocksThatRemoveActionsDoNotGrantThemTogether() throws {
    let definition = try AzureRoleDefinition.parse(
      AWSFixtures.document(
        json: """
          {"id": "/providers/Microsoft.Authorization/roleDefinitions/c0570011",
           "name": "c0570011", "roleName": "Split blocks", "roleType": "CustomRole",
           "permissions": [
             {"actions": ["*"], "notActions": ["Microsoft.Authorization/*"]},
             {"actions": ["*/read"]}]}
          """))
    XCTAssertFalse(definition.granted.isEveryAction)
    XCTAssertFalse(
      definition.granted.containsAzureAction("Microsoft.Authorization/roleAssignments/write"))
    XCTAssertTrue(
      definition.granted.containsAzureAction("Microsoft.Authorization/roleAssignments/read"))
    XCTAssertTrue(
      definition.granted.containsAzureAction(
        "Microsoft.Compute/virtualMachines/runCommand/action"))
  }

  func testDataStarGrantsNoManagementAction() throws {
    let definition = try AzureRoleDefinition.parse(
      AWSFixtures.document(
        json: """
          {"id": "/providers/Microsoft.Authorization/roleDefinitions/c0570012",
           "name": "c0570012", "roleName": "Data only", "roleType": "CustomRole",
           "permissions": [{"actions": [], "dataActions": ["*"]}]}
          """))
    XCTAssertEqual(definition.edgeActions, ["data:*"])
    XCTAssertFalse(definition.granted.isEveryAction)
    XCTAssertFalse(
      definition.granted.containsAzureAction("Microsoft.Authorization/roleAssignments/write"))
  }
}
