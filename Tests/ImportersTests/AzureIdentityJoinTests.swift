import AccessGraph
import Foundation
import XCTest

@testable import Importers

/// A user-assigned managed identity that `az identity list` (Azure Resource Manager) and
/// `az ad sp list` (Entra ID) both print is one node, whichever of the outputs a run has.
final class AzureIdentityJoinTests: XCTestCase {
  private typealias Fixtures = AzureFixtures

  private static let identity = "d3e10000-0000-4000-8000-00000000000d"
  private static let identityResource = Fixtures.resource(
    Fixtures.appGroup, "microsoft.managedidentity/userassignedidentities/id-deploy")
  private static let vm = Fixtures.resource(
    Fixtures.appGroup, "microsoft.compute/virtualmachines/vm-build-01")
  private static let automation = Fixtures.resource(
    Fixtures.opsGroup, "microsoft.automation/automationaccounts/aa-ops")
  private static let functionApp = Fixtures.resource(
    Fixtures.appGroup, "microsoft.web/sites/func-billing")
  private static let logicApp = Fixtures.resource(
    Fixtures.opsGroup, "microsoft.logic/workflows/la-sync")
  private static let appVault = Fixtures.resource(
    Fixtures.appGroup, "microsoft.keyvault/vaults/kv-app")
  private static let owner = AzureNodes.ownerPrefix + Fixtures.subscription
  private static let deployers = "3c0a0000-0000-4000-8000-0000000000c1"
  /// An Identity Operator on the identity who may also change a VM.
  private static let frank = "f7a2c000-0000-4000-8000-000000000006"
  private static let federated = identityResource + "/federated/github-release"

  /// `az ad sp list --all` with the identity's service principal. Its `alternativeNames`
  /// print the resource group in capitals, so the join must ignore case.
  private static let servicePrincipals = """
    [
      {
        "accountEnabled": true,
        "alternativeNames": [
          "isExplicit=True",
          "/subscriptions/2c7e9a1b-5d3f-4e8a-9b6c-0f1d2e3a4b5c/resourcegroups/RG-APP/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-deploy"
        ],
        "appDisplayName": null,
        "appId": "0c1e0000-0000-4000-8000-00000000000d",
        "appOwnerOrganizationId": null,
        "displayName": "id-deploy",
        "id": "D3E10000-0000-4000-8000-00000000000D",
        "keyCredentials": [],
        "passwordCredentials": [],
        "servicePrincipalNames": [
          "0c1e0000-0000-4000-8000-00000000000d",
          "https://identity.azure.net/q2Vd9kLmX4pR7tY1uW3zA6bC8eF0gH5iJ="
        ],
        "servicePrincipalType": "ManagedIdentity",
        "signInAudience": "AzureADMyOrg",
        "tags": []
      }
    ]
    """

  /// `groups?$expand=members` with a group whose member is the identity.
  private static let groupMembers = """
    {
      "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#groups(members())",
      "value": [
        {
          "id": "3c0a0000-0000-4000-8000-0000000000c1",
          "displayName": "release-deployers",
          "groupTypes": [],
          "isAssignableToRole": false,
          "mailEnabled": false,
          "securityEnabled": true,
          "members": [
            {
              "@odata.type": "#microsoft.graph.servicePrincipal",
              "id": "d3e10000-0000-4000-8000-00000000000d",
              "displayName": "id-deploy",
              "servicePrincipalType": "ManagedIdentity"
            }
          ]
        }
      ]
    }
    """

  /// `az identity federated-credential list` for the identity.
  private static let federatedCredentials = """
    [
      {
        "audiences": ["api://AzureADTokenExchange"],
        "id": "/subscriptions/2c7e9a1b-5d3f-4e8a-9b6c-0f1d2e3a4b5c/resourcegroups/rg-app/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-deploy/federatedIdentityCredentials/github-release",
        "issuer": "https://token.actions.githubusercontent.com",
        "name": "github-release",
        "resourceGroup": "rg-app",
        "subject": "repo:contoso/release:environment:production",
        "systemData": null,
        "type": "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials"
      }
    ]
    """

  /// The edges of the identity that `Fixtures/azure/contoso` gives when the run has its
  /// object id: its resource group contains it, two workloads run as it, Owner of the
  /// subscription gives it every workload, and an Identity Operator can attach it.
  private static let resourceManagerEdges: Set<EdgeFact> = [
    EdgeFact(identity + "#managed", identity, .authenticatesAs),
    EdgeFact(Fixtures.appGroup, identity, .contains),
    EdgeFact(vm, identity, .runsAs),
    EdgeFact(automation, identity, .runsAs),
    EdgeFact(identity, Fixtures.subscription, .access, ["*"]),
    EdgeFact(identity, owner, .access, ["*"]),
    EdgeFact(identity, vm, .controls, ["Microsoft.Compute/virtualMachines/runCommand/action"]),
    EdgeFact(identity, functionApp, .controls, ["Microsoft.Web/sites/publishxml/action"]),
    EdgeFact(
      identity, automation, .controls,
      [
        "Microsoft.Automation/automationAccounts/runbooks/write",
        "Microsoft.Automation/automationAccounts/jobs/write",
      ]),
    EdgeFact(identity, logicApp, .controls, ["Microsoft.Logic/workflows/write"]),
    EdgeFact(identity, appVault, .reads, ["Microsoft.KeyVault/vaults/accessPolicies/write"]),
    EdgeFact(
      frank, identity, .assumes,
      [
        "Microsoft.ManagedIdentity/userAssignedIdentities/assign/action",
        "Microsoft.Compute/virtualMachines/write",
      ]),
  ]

  /// The edges of `resourceManagerEdges` that need the identity's object id from an output
  /// about the identity itself, not from a workload's `identity` block or a role assignment.
  private static let edgesNeedingIdentityOutput: Set<EdgeFact> = [
    EdgeFact(Fixtures.appGroup, identity, .contains),
    EdgeFact(
      frank, identity, .assumes,
      [
        "Microsoft.ManagedIdentity/userAssignedIdentities/assign/action",
        "Microsoft.Compute/virtualMachines/write",
      ]),
  ]

  /// The warning about the one role assignment of `Fixtures/azure/contoso` whose role
  /// definition, Reader, is not among its outputs.
  private static let readerWarning =
    "no role definition in the run has the id of role Reader "
    + "(acdd72a7-3385-48ef-bd42-f606fba81ae7), so the edge to subscription Contoso Production "
    + "lists no actions; add the output of `az role definition list`"

  /// Writes `files` to a new temporary folder, loads it with the named files of
  /// `Fixtures/azure/contoso`, and removes the folder.
  private func run(_ files: [String: String], contoso names: [String]) throws -> AWSImportRun {
    let contoso = Fixtures.folder.appendingPathComponent("contoso")
    let paths = names.map { contoso.appendingPathComponent($0).path }
    guard !files.isEmpty else {
      return try Fixtures.run(paths: paths)
    }
    let scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("azure-join-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    for (name, text) in files {
      try Data(text.utf8).write(to: scratch.appendingPathComponent(name))
    }
    return try Fixtures.run(paths: [scratch.path] + paths)
  }

  /// Returns the names of the contoso outputs, less those in `excluded`.
  private func contosoFiles(excluding excluded: Set<String> = []) throws -> [String] {
    let contoso = Fixtures.folder.appendingPathComponent("contoso").path
    return try FileManager.default.contentsOfDirectory(atPath: contoso)
      .filter { $0.hasSuffix(".json") && !excluded.contains($0) }.sorted()
  }

  /// Returns the edges that start or end at `id`.
  private func edges(of id: String, in run: AWSImportRun) -> Set<EdgeFact> {
    run.facts(from: id).union(run.facts(into: id))
  }

  /// Returns the ids of the nodes tagged with the identity's resource id.
  private func nodesTaggedWithIdentity(in run: AWSImportRun) -> [String] {
    run.graph.nodes.filter { $0.tags["resourceId"] == Self.identityResource }.map(\.id)
  }

  func testBothOutputsGiveOneNode() throws {
    let run = try run(
      [
        "sp-list.json": Self.servicePrincipals, "group-members.json": Self.groupMembers,
        "federated.json": Self.federatedCredentials,
      ],
      contoso: try contosoFiles())

    XCTAssertEqual(nodesTaggedWithIdentity(in: run), [Self.identity])
    let node = try XCTUnwrap(run.node(Self.identity))
    XCTAssertTrue(node.isDefined)
    XCTAssertEqual(node.kind, .serviceIdentity)
    XCTAssertEqual(node.type, "managed-identity")
    XCTAssertEqual(node.name, "id-deploy")
    XCTAssertEqual(node.account, Fixtures.tenant)
    XCTAssertEqual(
      node.tags,
      [
        "resourceId": Self.identityResource, "clientId": "0c1e0000-0000-4000-8000-00000000000d",
        "appId": "0c1e0000-0000-4000-8000-00000000000d", "servicePrincipalType": "ManagedIdentity",
      ])
    XCTAssertEqual(
      edges(of: Self.identity, in: run),
      Self.resourceManagerEdges.union([
        EdgeFact(Self.identity, Self.deployers, .memberOf),
        EdgeFact(Self.federated, Self.identity, .authenticatesAs),
      ]))
    XCTAssertEqual(run.warnings.map(\.message), [Self.readerWarning])
  }

  func testResourceListIdentityJoinsServicePrincipal() throws {
    // `az resource list` prints the identity without its object id, so only the service
    // principal's `alternativeNames` tie the two together.
    let run = try run(
      ["sp-list.json": Self.servicePrincipals],
      contoso: try contosoFiles(excluding: ["identity-list.json"]))

    XCTAssertEqual(nodesTaggedWithIdentity(in: run), [Self.identity])
    XCTAssertEqual(run.node(Self.identity)?.tags["clientId"], nil)
    XCTAssertEqual(edges(of: Self.identity, in: run), Self.resourceManagerEdges)
    XCTAssertEqual(run.warnings.map(\.message), [Self.readerWarning])
  }

  func testResourceListIdentityAloneWarns() throws {
    let run = try run([:], contoso: try contosoFiles(excluding: ["identity-list.json"]))

    XCTAssertEqual(nodesTaggedWithIdentity(in: run), [Self.identity])
    XCTAssertFalse(try XCTUnwrap(run.node(Self.identity)).isDefined)
    XCTAssertEqual(
      edges(of: Self.identity, in: run),
      Self.resourceManagerEdges.subtracting(Self.edgesNeedingIdentityOutput))
    let identityWarnings = run.warnings.filter { $0.message != Self.readerWarning }
    XCTAssertEqual(identityWarnings.map(\.location), ["[1]"])
    XCTAssertEqual(
      identityWarnings.map(\.message),
      [
        "no output gives the object id of user-assigned identity id-deploy, so it is left "
          + "out; add the output of `az identity list` or `az ad sp list --all`"
      ])
  }

  func testFederatedCredentialFindsIdentityListNode() throws {
    // Without the service principal, the credential finds the identity by the
    // `resourceId` tag that the Azure Resource Manager importer sets.
    let run = try run(
      ["federated.json": Self.federatedCredentials], contoso: ["identity-list.json"])

    XCTAssertEqual(
      run.facts(into: Self.identity),
      [
        EdgeFact(Self.identity + "#managed", Self.identity, .authenticatesAs),
        EdgeFact(Fixtures.appGroup, Self.identity, .contains),
        EdgeFact(Self.federated, Self.identity, .authenticatesAs),
      ])
    XCTAssertEqual(run.warnings, [])
  }

  func testServicePrincipalAloneIsTheSameNode() throws {
    let run = try run(["sp-list.json": Self.servicePrincipals], contoso: [])

    XCTAssertEqual(run.graph.nodes.map(\.id), [Self.identity, Self.identity + "#managed"])
    XCTAssertEqual(run.node(Self.identity)?.tags["resourceId"], Self.identityResource)
  }
}
