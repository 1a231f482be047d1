import AccessGraph
import XCTest

@testable import Importers

/// Nodes and edges from the outputs in `Fixtures/azure/contoso`: the scope tree, workloads
/// and their identities, role assignments, and key vault access policies.
final class AzureResourceManagerImporterTests: XCTestCase {
  private typealias Fixtures = AzureFixtures

  private let alice = "a11ce000-0000-4000-8000-000000000001"
  private let bob = "b0b00000-0000-4000-8000-000000000002"
  private let carol = "ca201000-0000-4000-8000-000000000003"
  private let dave = "da7e0000-0000-4000-8000-000000000004"
  private let eve = "e7e00000-0000-4000-8000-000000000005"
  private let frank = "f7a2c000-0000-4000-8000-000000000006"
  private let deployIdentity = "d3e10000-0000-4000-8000-00000000000d"
  private let vmIdentity = "5a5a0000-0000-4000-8000-0000000000a1"
  private let functionIdentity = "5a5a0000-0000-4000-8000-0000000000a2"
  private let logicIdentity = "5a5a0000-0000-4000-8000-0000000000a3"

  private let vm = Fixtures.resource(
    Fixtures.appGroup, "microsoft.compute/virtualmachines/vm-build-01")
  private let functionApp = Fixtures.resource(Fixtures.appGroup, "microsoft.web/sites/func-billing")
  private let appVault = Fixtures.resource(Fixtures.appGroup, "microsoft.keyvault/vaults/kv-app")
  private let automation = Fixtures.resource(
    Fixtures.opsGroup, "microsoft.automation/automationaccounts/aa-ops")
  private let logicApp = Fixtures.resource(Fixtures.opsGroup, "microsoft.logic/workflows/la-sync")
  private let sharedVault = Fixtures.resource(
    Fixtures.opsGroup, "microsoft.keyvault/vaults/kv-shared")
  private let storage = Fixtures.resource(
    Fixtures.opsGroup, "microsoft.storage/storageaccounts/stopsdata")

  private let owner = AzureNodes.ownerPrefix + Fixtures.subscription
  private let platformOwner = AzureNodes.ownerPrefix + Fixtures.platformGroup
  private let platformAdministrator =
    AzureNodes.userAccessAdministratorPrefix + Fixtures.platformGroup
  private let rootOwner = AzureNodes.ownerPrefix + Fixtures.rootGroup
  private let rootAdministrator = AzureNodes.userAccessAdministratorPrefix + Fixtures.rootGroup
  private let subscriptionAdministrator =
    AzureNodes.userAccessAdministratorPrefix + Fixtures.subscription

  private let assignRole = ["Microsoft.Authorization/roleAssignments/write"]
  private let runCommand = ["Microsoft.Compute/virtualMachines/runCommand/action"]
  private let virtualMachineContributor = [
    "Microsoft.Authorization/*/read", "Microsoft.Compute/availabilitySets/*",
    "Microsoft.Compute/virtualMachines/*", "Microsoft.Network/networkInterfaces/read",
    "Microsoft.Resources/subscriptions/resourceGroups/read",
  ]
  private let runbook = [
    "Microsoft.Automation/automationAccounts/runbooks/write",
    "Microsoft.Automation/automationAccounts/jobs/write",
  ]
  private let workflow = ["Microsoft.Logic/workflows/write"]
  private let attach = [
    "Microsoft.ManagedIdentity/userAssignedIdentities/assign/action",
    "Microsoft.Compute/virtualMachines/write",
  ]

  private func contoso() throws -> AWSImportRun {
    try Fixtures.run(folder: "contoso")
  }

  func testScopeTreeContainsEveryResource() throws {
    let contains = Set(try contoso().facts.filter { $0.relation == .contains })
    XCTAssertEqual(
      contains,
      Set([
        EdgeFact(Fixtures.rootGroup, Fixtures.platformGroup, .contains),
        EdgeFact(Fixtures.platformGroup, Fixtures.subscription, .contains),
        EdgeFact(Fixtures.subscription, Fixtures.appGroup, .contains),
        EdgeFact(Fixtures.subscription, Fixtures.opsGroup, .contains),
        EdgeFact(Fixtures.appGroup, vm, .contains),
        EdgeFact(Fixtures.appGroup, functionApp, .contains),
        EdgeFact(Fixtures.appGroup, appVault, .contains),
        EdgeFact(Fixtures.appGroup, deployIdentity, .contains),
        EdgeFact(Fixtures.opsGroup, automation, .contains),
        EdgeFact(Fixtures.opsGroup, logicApp, .contains),
        EdgeFact(Fixtures.opsGroup, sharedVault, .contains),
        EdgeFact(Fixtures.opsGroup, storage, .contains),
        EdgeFact(rootOwner, platformOwner, .contains),
        EdgeFact(platformOwner, owner, .contains),
        EdgeFact(rootAdministrator, platformAdministrator, .contains),
        EdgeFact(platformAdministrator, subscriptionAdministrator, .contains),
      ]))
  }

  func testScopeNodesCarryNames() throws {
    let run = try contoso()
    XCTAssertEqual(run.node(Fixtures.rootGroup)?.name, "Tenant Root Group")
    XCTAssertEqual(run.node(Fixtures.rootGroup)?.type, "azure-management-group")
    XCTAssertEqual(run.node(Fixtures.subscription)?.name, "Contoso Production")
    XCTAssertEqual(run.node(Fixtures.subscription)?.type, "azure-subscription")
    XCTAssertEqual(run.node(Fixtures.subscription)?.kind, .scope)
    XCTAssertEqual(run.node(Fixtures.opsGroup)?.name, "rg-ops")
    XCTAssertEqual(run.node(Fixtures.opsGroup)?.type, "azure-resource-group")
    XCTAssertEqual(run.node(owner)?.name, "Owner of subscription Contoso Production")
    XCTAssertEqual(run.node(owner)?.kind, .privilege)
    XCTAssertEqual(run.node(owner)?.type, "azure-privilege")
  }

  func testResourceAndIdentityNodes() throws {
    let run = try contoso()
    XCTAssertEqual(run.node(vm)?.kind, .workload)
    XCTAssertEqual(run.node(vm)?.type, "azure-vm")
    XCTAssertEqual(run.node(vm)?.name, "vm-build-01")
    XCTAssertEqual(run.node(functionApp)?.type, "azure-function-app")
    XCTAssertEqual(run.node(appVault)?.kind, .resource)
    XCTAssertEqual(run.node(storage)?.type, "microsoft.storage/storageaccounts")
    let identity = try XCTUnwrap(run.node(deployIdentity))
    XCTAssertEqual(identity.kind, .serviceIdentity)
    XCTAssertEqual(identity.type, "managed-identity")
    XCTAssertEqual(identity.name, "id-deploy")
    XCTAssertEqual(identity.account, Fixtures.tenant)
    XCTAssertTrue(identity.isDefined)
    XCTAssertEqual(run.node(vmIdentity)?.name, "vm-build-01 (system-assigned identity)")
    let stub = try XCTUnwrap(run.node(alice))
    XCTAssertFalse(stub.isDefined)
    XCTAssertEqual(stub.kind, .human)
    XCTAssertEqual(stub.type, "entra-user")
    XCTAssertEqual(stub.name, "alice@contoso.example")
    XCTAssertEqual(run.node(dave)?.kind, .group)
  }

  func testWorkloadsRunAsTheirIdentities() throws {
    XCTAssertEqual(
      Set(try contoso().facts.filter { $0.relation == .runsAs }),
      Set([
        EdgeFact(vm, vmIdentity, .runsAs),
        EdgeFact(vm, deployIdentity, .runsAs),
        EdgeFact(functionApp, functionIdentity, .runsAs),
        EdgeFact(automation, deployIdentity, .runsAs),
        EdgeFact(logicApp, logicIdentity, .runsAs),
      ]))
  }

  func testVirtualMachineContributorControlsVM() throws {
    XCTAssertEqual(
      try contoso().facts(from: alice),
      [
        EdgeFact(alice, Fixtures.appGroup, .access, virtualMachineContributor),
        EdgeFact(alice, vm, .controls, runCommand),
      ])
  }

  func testOwnerOfSubscriptionReachesPrivilegeAndEveryWorkload() throws {
    XCTAssertEqual(
      try contoso().facts(from: deployIdentity),
      [
        EdgeFact(deployIdentity, Fixtures.subscription, .access, ["*"]),
        EdgeFact(deployIdentity, owner, .access, ["*"]),
        EdgeFact(deployIdentity, vm, .controls, runCommand),
        EdgeFact(
          deployIdentity, functionApp, .controls, ["Microsoft.Web/sites/publishxml/action"]),
        EdgeFact(deployIdentity, automation, .controls, runbook),
        EdgeFact(deployIdentity, logicApp, .controls, workflow),
        EdgeFact(
          deployIdentity, appVault, .reads, ["Microsoft.KeyVault/vaults/accessPolicies/write"]),
      ])
  }

  func testAccessAdministratorEscalatesToOwner() throws {
    let run = try contoso()
    let uaaActions = ["*/read", "Microsoft.Authorization/*", "Microsoft.Support/*"]
    XCTAssertEqual(
      run.facts(from: bob),
      [
        EdgeFact(bob, Fixtures.platformGroup, .access, uaaActions),
        EdgeFact(bob, platformAdministrator, .access, uaaActions),
        EdgeFact(bob, platformOwner, .escalates, assignRole),
      ])
    let escalation = run.provenance(of: EdgeFact(bob, platformOwner, .escalates, assignRole))
    XCTAssertEqual(escalation?.technique, "Assign a role at the scope")
    XCTAssertEqual(escalation?.location, "[2]")
    XCTAssertEqual(
      escalation?.grant,
      "role assignment 0a000000-0000-4000-8000-000000000003: User Access Administrator for "
        + "bob@contoso.example at management group Contoso Platform")
  }

  func testContributorControlsWorkloadsButNotRBACVault() throws {
    XCTAssertEqual(
      try contoso().facts(from: carol),
      [
        EdgeFact(
          carol, Fixtures.opsGroup, .access,
          [
            "*", "!Microsoft.Authorization/*/Delete", "!Microsoft.Authorization/*/Write",
            "!Microsoft.Authorization/elevateAccess/Action",
          ]),
        EdgeFact(carol, automation, .controls, runbook),
        EdgeFact(carol, logicApp, .controls, workflow),
      ])
  }

  func testConditionalCustomRoleEscalatesToResourceGroupOnly() throws {
    XCTAssertEqual(
      try contoso().facts(from: dave),
      [
        EdgeFact(
          dave, Fixtures.appGroup, .access,
          [
            "Microsoft.Compute/virtualMachines/*", "Microsoft.Authorization/roleAssignments/write",
            "!Microsoft.Compute/virtualMachines/runCommand/*",
            "!Microsoft.Compute/virtualMachines/extensions/*",
            "!Microsoft.Compute/virtualMachines/runCommands/*",
          ], conditional: true),
        EdgeFact(dave, Fixtures.appGroup, .escalates, assignRole, conditional: true),
      ])
  }

  func testUnknownRoleDefinitionKeepsEdgeAndWarns() throws {
    let run = try contoso()
    XCTAssertTrue(run.facts(from: eve).contains(EdgeFact(eve, Fixtures.subscription, .access)))
    XCTAssertEqual(
      run.warnings.map(\.message),
      [
        "no role definition in the run has the id of role Reader "
          + "(acdd72a7-3385-48ef-bd42-f606fba81ae7), so the edge to subscription Contoso "
          + "Production lists no actions; add the output of `az role definition list`"
      ])
    XCTAssertEqual(run.warnings.first?.location, "[5]")
  }

  func testAttachingIdentityToControlledVMAssumesIt() throws {
    let run = try contoso()
    XCTAssertEqual(
      run.facts(from: frank),
      [
        EdgeFact(
          frank, Fixtures.appGroup, .access,
          [
            "Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action",
            "Microsoft.Compute/virtualMachines/write", "Microsoft.Compute/virtualMachines/read",
          ]),
        EdgeFact(frank, vm, .access, virtualMachineContributor),
        EdgeFact(frank, vm, .controls, runCommand),
        EdgeFact(frank, deployIdentity, .assumes, attach),
      ])
    let provenance = run.provenance(of: EdgeFact(frank, deployIdentity, .assumes, attach))
    XCTAssertEqual(provenance?.technique, "Attach a user-assigned identity to a VM it controls")
  }

  func testVaultGrantsGiveReads() throws {
    let run = try contoso()
    XCTAssertEqual(
      Set(run.facts.filter { $0.relation == .reads && $0.source != deployIdentity }),
      Set([
        EdgeFact(functionIdentity, appVault, .reads, ["secrets/get", "secrets/list"]),
        EdgeFact(eve, appVault, .reads, ["secrets/get"], conditional: true),
        EdgeFact(
          vmIdentity, sharedVault, .reads,
          ["data:Microsoft.KeyVault/vaults/secrets/getSecret/action"]),
      ]))
  }

  func testEdgeCountsOfWholeEstate() throws {
    let run = try contoso()
    XCTAssertEqual(run.facts.count, 51)
    XCTAssertEqual(run.graph.nodeCount, 32)
  }
}
