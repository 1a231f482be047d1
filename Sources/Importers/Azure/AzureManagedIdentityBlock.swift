/// The `identity` member of an Azure resource: the managed identities the resource runs
/// with.
///
/// `type` is `SystemAssigned`, `UserAssigned`, `SystemAssigned, UserAssigned` or `None`.
/// A system-assigned identity is given by `principalId`; each user-assigned identity is a
/// key of `userAssignedIdentities`, its resource id, whose value contains its `principalId`.
struct AzureManagedIdentityBlock: Sendable {
  /// One user-assigned identity attached to the resource.
  struct UserAssigned: Sendable {
    /// The identity's resource id, lowercased.
    let resourceID: String
    /// The identity's object id, lowercased, or nil when the output leaves it out.
    let principalID: String?
    /// The JSON path of the entry.
    let location: String
  }

  /// The object id of the system-assigned identity, lowercased.
  let systemAssignedPrincipalID: String?
  let userAssigned: [UserAssigned]
  let tenantID: String?
  /// The JSON path of the block.
  let location: String

  /// Parses the block, or returns nil when it names no identity.
  ///
  /// - Throws: `ImportError` when a member has the wrong type.
  static func parse(_ block: JSONCursor) throws -> AzureManagedIdentityBlock? {
    let type = (try block.string("type") ?? "").lowercased()
    let system =
      type.contains("systemassigned") ? try block.string("principalId")?.lowercased() : nil
    var userAssigned: [UserAssigned] = []
    if let entries = block["userAssignedIdentities"] {
      for (key, value) in try entries.members() {
        userAssigned.append(
          UserAssigned(
            resourceID: AzureResourceID(key)?.text ?? key.lowercased(),
            principalID: try value.string("principalId")?.lowercased(),
            location: value.path))
      }
    }
    if system == nil, userAssigned.isEmpty {
      return nil
    }
    return AzureManagedIdentityBlock(
      systemAssignedPrincipalID: system, userAssigned: userAssigned,
      tenantID: try block.string("tenantId")?.lowercased(), location: block.path)
  }
}
