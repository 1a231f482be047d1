/// The access settings of a key vault, from `properties` as `az keyvault show` and
/// `az keyvault list` print them.
struct AzureKeyVaultSettings: Sendable {
  /// One entry of `properties.accessPolicies`.
  struct AccessPolicy: Sendable {
    /// The object id of the user, group or service principal, lowercased.
    let objectID: String
    /// The application a compound identity must sign in through, or nil.
    let applicationID: String?
    /// The secret permissions as printed, such as `get` and `list`.
    let secretPermissions: [String]
    /// The JSON path of the entry.
    let location: String

    /// Whether the policy lets the principal read secret values: `get` or `all`.
    var readsSecrets: Bool {
      secretPermissions.contains { ["get", "all"].contains($0.lowercased()) }
    }
  }

  /// Whether Azure RBAC, rather than access policies, decides data access; nil when the
  /// output does not tell.
  let usesRoleBasedAccess: Bool?
  let accessPolicies: [AccessPolicy]

  /// Parses `properties`.
  ///
  /// - Throws: `ImportError` when an access policy lacks its object id or a member has the
  ///   wrong type.
  static func parse(_ properties: JSONCursor) throws -> AzureKeyVaultSettings {
    var policies: [AccessPolicy] = []
    for entry in try properties.array("accessPolicies") {
      policies.append(
        AccessPolicy(
          objectID: try entry.requiredString("objectId").lowercased(),
          applicationID: try entry.string("applicationId"),
          secretPermissions: try entry["permissions"]?.strings("secrets") ?? [],
          location: entry.path))
    }
    var usesRoleBasedAccess = try properties.bool("enableRbacAuthorization")
    // Key Vault reads a null setting as false. An output that prints the setting as null,
    // or prints the access policies, is a vault's own output and shows the access policy
    // model; `az resource list` prints neither.
    if usesRoleBasedAccess == nil, let members = properties.value as? [String: Any],
      members.keys.contains("enableRbacAuthorization") || members["accessPolicies"] != nil
    {
      usesRoleBasedAccess = false
    }
    return AzureKeyVaultSettings(
      usesRoleBasedAccess: usesRoleBasedAccess, accessPolicies: policies)
  }
}
