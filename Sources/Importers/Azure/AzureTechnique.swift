/// One way that Azure management actions let a principal gain more than the role names:
/// running code in a workload, reading a vault's secrets, or acting as an identity.
struct AzureTechnique: Sendable {
  /// The technique's name, which escalation edges carry as their `technique`.
  let name: String
  /// The categories of resource the technique applies to.
  let categories: Set<AzureResource.Category>
  /// The management actions it needs, all of them, as Azure spells them.
  let actions: [String]

  /// Returns whether a role's management actions include every action the technique needs.
  func isGranted(by actions: ActionSet) -> Bool {
    self.actions.allSatisfy(actions.containsAzureAction)
  }

  /// Returns whether a role's permission blocks together grant every action the technique
  /// needs.
  func isGranted(by actions: AzureGrantedActions) -> Bool {
    self.actions.allSatisfy(actions.containsAzureAction)
  }

  /// The ways to run code in a workload and so act as its managed identities, in the order
  /// tried: the first one a role grants names the `controls` edge.
  static let codeExecution: [AzureTechnique] = [
    AzureTechnique(
      name: "Run a command on a VM", categories: [.virtualMachine],
      actions: ["Microsoft.Compute/virtualMachines/runCommand/action"]),
    AzureTechnique(
      name: "Create a managed run command on a VM", categories: [.virtualMachine],
      actions: ["Microsoft.Compute/virtualMachines/runCommands/write"]),
    AzureTechnique(
      name: "Install a script extension on a VM", categories: [.virtualMachine],
      actions: ["Microsoft.Compute/virtualMachines/extensions/write"]),
    AzureTechnique(
      name: "Deploy code with the app's publishing profile",
      categories: [.webApp, .functionApp],
      actions: ["Microsoft.Web/sites/publishxml/action"]),
    AzureTechnique(
      name: "Deploy code with the app's publishing credentials",
      categories: [.webApp, .functionApp],
      actions: ["Microsoft.Web/sites/config/list/action"]),
    AzureTechnique(
      name: "Change the app's settings or startup command", categories: [.webApp, .functionApp],
      actions: ["Microsoft.Web/sites/write"]),
    AzureTechnique(
      name: "Write a runbook and start a job", categories: [.automationAccount],
      actions: [
        "Microsoft.Automation/automationAccounts/runbooks/write",
        "Microsoft.Automation/automationAccounts/jobs/write",
      ]),
    AzureTechnique(
      name: "Rewrite a logic app's workflow", categories: [.logicApp],
      actions: ["Microsoft.Logic/workflows/write"]),
  ]

  /// Writing a role assignment at a scope, which lets the principal give itself Owner there.
  static let assignRole = AzureTechnique(
    name: "Assign a role at the scope", categories: [],
    actions: ["Microsoft.Authorization/roleAssignments/write"])

  /// Rewriting the custom role one holds, which lets the principal add any action to it.
  static let rewriteOwnRole = AzureTechnique(
    name: "Rewrite a custom role it holds", categories: [],
    actions: ["Microsoft.Authorization/roleDefinitions/write"])

  /// Adding a federated credential to a user-assigned identity, which lets the principal
  /// sign in as the identity with a token from an issuer it controls.
  static let addFederatedCredential = AzureTechnique(
    name: "Add a federated credential to a user-assigned identity",
    categories: [.userAssignedIdentity],
    actions: ["Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/write"])

  /// Attaching a user-assigned identity to a VM that the principal runs code in.
  static let attachIdentity = AzureTechnique(
    name: "Attach a user-assigned identity to a VM it controls",
    categories: [.userAssignedIdentity],
    actions: [
      "Microsoft.ManagedIdentity/userAssignedIdentities/assign/action",
      "Microsoft.Compute/virtualMachines/write",
    ])

  /// Adding an access policy to a vault that uses access policies, which lets the principal
  /// grant itself the secret permissions.
  static let addAccessPolicy = AzureTechnique(
    name: "Add an access policy to a key vault", categories: [.keyVault],
    actions: ["Microsoft.KeyVault/vaults/accessPolicies/write"])

  /// The data action that reads a secret's value in a vault that uses Azure RBAC.
  static let getSecret = "Microsoft.KeyVault/vaults/secrets/getSecret/action"
}
