import AccessGraph
import Foundation
import XCTest

@testable import Importers

/// Assignments at a scope that contains several workloads of one kind: one edge to a group node
/// that contains them, and resource groups that `az group list` names.
final class AzureResourceSetTests: XCTestCase {
  private let subscription = "/subscriptions/7d1c0000-0000-4000-8000-000000000001"
  private var fleetGroup: String { subscription + "/resourcegroups/rg-fleet" }
  private var emptyGroup: String { subscription + "/resourcegroups/rg-empty" }
  private let operatorID = "0be70000-0000-4000-8000-000000000001"
  private let virtualMachineContributor = "9980e02c-c2be-4d73-94e8-173b1dc7cf3c"

  private func virtualMachine(_ number: Int) -> String {
    """
    {"id": "\(subscription)/resourceGroups/RG-FLEET/providers/Microsoft.Compute/\
    virtualMachines/vm-\(number)",
     "identity": {"principalId": "5a5a0000-0000-4000-8000-\(String(format: "%012d", number))",
                  "tenantId": "6f0c2a9e-1d4b-4c8e-a7f3-2b5d9e1c0a64", "type": "SystemAssigned"},
     "location": "westeurope", "name": "vm-\(number)", "resourceGroup": "RG-FLEET",
     "type": "Microsoft.Compute/virtualMachines"}
    """
  }

  private func fleet(size: Int) throws -> AWSImportRun {
    let machines = (1...size).map(virtualMachine).joined(separator: ",\n")
    return try AzureFixtures.run(paths: [
      try writeTemporaryFolder([
        "role-definitions.json": """
        [{"assignableScopes": ["/"], "description": "Manage virtual machines.",
          "id": "/providers/Microsoft.Authorization/roleDefinitions/\(virtualMachineContributor)",
          "name": "\(virtualMachineContributor)",
          "permissions": [{"actions": ["Microsoft.Compute/virtualMachines/*"],
                           "dataActions": [], "notActions": [], "notDataActions": []}],
          "roleName": "Virtual Machine Contributor", "roleType": "BuiltInRole",
          "type": "Microsoft.Authorization/roleDefinitions"}]
        """,
        "role-assignments.json": """
        [{"condition": null, "conditionVersion": null,
          "id": "\(subscription)/resourceGroups/RG-FLEET/providers/Microsoft.Authorization/\
        roleAssignments/1f1f0000-0000-4000-8000-000000000001",
          "name": "1f1f0000-0000-4000-8000-000000000001", "principalId": "\(operatorID)",
          "principalName": "fleet-operator@contoso.example", "principalType": "User",
          "roleDefinitionId": "\(subscription)/providers/Microsoft.Authorization/\
        roleDefinitions/\(virtualMachineContributor)",
          "roleDefinitionName": "Virtual Machine Contributor",
          "scope": "\(subscription)/resourceGroups/RG-FLEET",
          "type": "Microsoft.Authorization/roleAssignments"}]
        """,
        "vm-list.json": "[\(machines)]",
        "group-list.json": """
        [{"id": "\(subscription)/resourceGroups/RG-FLEET", "location": "westeurope",
          "managedBy": null, "name": "RG-FLEET",
          "properties": {"provisioningState": "Succeeded"}, "tags": null,
          "type": "Microsoft.Resources/resourceGroups"},
         {"id": "\(subscription)/resourceGroups/rg-empty", "location": "westeurope",
          "managedBy": null, "name": "rg-empty",
          "properties": {"provisioningState": "Succeeded"}, "tags": {"team": "none"},
          "type": "Microsoft.Resources/resourceGroups"}]
        """,
      ])
    ])
  }

  private let runCommand = ["Microsoft.Compute/virtualMachines/runCommand/action"]

  func testMachinesOfOneScopeShareOneGroupNode() throws {
    let run = try fleet(size: 12)
    let set = "azure:virtualMachine" + fleetGroup
    XCTAssertEqual(
      run.facts(from: operatorID),
      [
        EdgeFact(operatorID, fleetGroup, .access, ["Microsoft.Compute/virtualMachines/*"]),
        EdgeFact(operatorID, set, .controls, runCommand),
      ])
    let machines = (1...12).map {
      "\(fleetGroup)/providers/microsoft.compute/virtualmachines/vm-\($0)"
    }
    XCTAssertEqual(
      run.facts(from: set), Set(machines.map { EdgeFact(set, $0, .contains) }))
    let node = run.graph.node(try XCTUnwrap(run.graph.nodeID(for: set)))
    XCTAssertEqual(node.name, "virtual machines in resource group RG-FLEET")
    XCTAssertEqual(node.kind, .scope)
    XCTAssertEqual(node.type, "azure-resource-set")
  }

  func testControlOfGroupNodeReachesEveryMachineIdentity() throws {
    let run = try fleet(size: 10)
    let identity = "5a5a0000-0000-4000-8000-000000000007"
    let reach = run.graph.reachability(from: [try XCTUnwrap(run.graph.nodeID(for: operatorID))])
    XCTAssertTrue(reach.contains(try XCTUnwrap(run.graph.nodeID(for: identity))))
  }

  func testOneMachineGetsADirectEdge() throws {
    let run = try fleet(size: 1)
    XCTAssertEqual(
      run.facts(from: operatorID).filter { $0.relation == .controls },
      [
        EdgeFact(
          operatorID, "\(fleetGroup)/providers/microsoft.compute/virtualmachines/vm-1",
          .controls, runCommand)
      ])
    XCTAssertNil(run.graph.nodeID(for: "azure:virtualMachine" + fleetGroup))
  }

  func testGroupListDefinesEmptyResourceGroups() throws {
    let run = try fleet(size: 1)
    let node = run.graph.node(try XCTUnwrap(run.graph.nodeID(for: emptyGroup)))
    XCTAssertEqual(node.name, "rg-empty")
    XCTAssertEqual(node.type, "azure-resource-group")
    XCTAssertEqual(
      run.facts(into: emptyGroup), [EdgeFact(subscription, emptyGroup, .contains)])
  }
}
