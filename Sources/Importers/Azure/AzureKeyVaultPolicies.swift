import AccessGraph

/// Turns key vault access policies into `reads` edges.
enum AzureKeyVaultPolicies {
  /// Adds a `reads` edge from the principal of each access policy that lets it get secrets
  /// to the vault. A vault that uses Azure RBAC ignores its access policies, so it gets none.
  /// A policy for a compound identity, one that names an application, applies only when
  /// the principal signs in through that application, so its edge is conditional.
  static func connect(_ estate: AzureEstate, into builder: inout EstateBuilder) {
    for id in estate.resources.keys.sorted() {
      let vault = estate.resources[id]!
      guard let settings = vault.keyVault, settings.usesRoleBasedAccess != true else {
        continue
      }
      let target = builder.nodeID(for: id)!
      for policy in settings.accessPolicies where policy.readsSecrets {
        let principal = builder.reference(
          AzureNodes.principal(
            policy.objectID, principalType: "", name: nil, tenant: estate.tenant(of: id)))
        let permissions = policy.secretPermissions.map { "secrets/\($0.lowercased())" }
        builder.connect(
          principal, target, .reads, actions: permissions,
          provenance: Provenance(
            file: vault.file, location: policy.location,
            grant: "access policy of \(estate.label(of: id)) for \(policy.objectID) "
              + "allows secret permissions \(policy.secretPermissions.joined(separator: ", "))"),
          isConditional: policy.applicationID != nil)
      }
    }
  }
}
