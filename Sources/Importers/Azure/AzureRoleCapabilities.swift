/// What one role definition's actions allow among the techniques, decided once per role so
/// that an assignment's edges need no pattern matching.
struct AzureRoleCapabilities: Sendable {
  /// For each category of workload, the first technique of `AzureTechnique.codeExecution`
  /// that the role grants.
  let codeExecution: [AzureResource.Category: AzureTechnique]
  /// True when the role may change a VM, which attaching an identity to it needs.
  let changesVMs: Bool
  /// True when the role may add a federated credential to a user-assigned identity.
  let addsFederatedCredential: Bool
  /// True when the role may assign a user-assigned identity to a resource.
  let assignsIdentities: Bool
  /// True when the role may add an access policy to a vault that uses access policies.
  let addsAccessPolicy: Bool
  /// True when the role's data actions read secret values in a vault that uses Azure RBAC.
  let readsSecrets: Bool
  /// True when some permission block grants every management action.
  let grantsEveryAction: Bool
  /// True when the role may write role assignments.
  let writesAssignments: Bool
  /// True when the role is a custom one that may rewrite role definitions, its own included.
  let rewritesOwnRole: Bool

  /// Decides every capability of `definition`.
  ///
  /// - Complexity: O(t · p) for t technique actions and p patterns in the role.
  init(_ definition: AzureRoleDefinition) {
    let actions = definition.granted
    var codeExecution: [AzureResource.Category: AzureTechnique] = [:]
    for technique in AzureTechnique.codeExecution where technique.isGranted(by: actions) {
      for category in technique.categories where codeExecution[category] == nil {
        codeExecution[category] = technique
      }
    }
    self.codeExecution = codeExecution
    changesVMs = actions.containsAzureAction("Microsoft.Compute/virtualMachines/write")
    addsFederatedCredential = AzureTechnique.addFederatedCredential.isGranted(by: actions)
    assignsIdentities = actions.containsAzureAction(AzureTechnique.attachIdentity.actions[0])
    addsAccessPolicy = AzureTechnique.addAccessPolicy.isGranted(by: actions)
    readsSecrets = definition.grantedData.containsAzureAction(AzureTechnique.getSecret)
    grantsEveryAction = actions.isEveryAction
    writesAssignments = AzureTechnique.assignRole.isGranted(by: actions)
    rewritesOwnRole =
      definition.roleType != "BuiltInRole" && !grantsEveryAction
      && AzureTechnique.rewriteOwnRole.isGranted(by: actions)
  }
}
