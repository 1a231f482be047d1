/// A management group or subscription as `az account management-group list`,
/// `az account management-group show --expand --recurse` or `az account list` print them.
struct AzureScopeEntry: Sendable {
  /// The scope's id, lowercased: a management group or subscription id.
  let id: String
  /// The display name as printed, or the name when there is none.
  let name: String
  let tenantID: String?
  /// The id of the management group that contains the scope, lowercased, when the output
  /// gives it.
  let parent: String?
  let file: String
  /// The JSON path of the entry.
  let location: String

  /// Returns whether an object is a management group: its `id` is a management group id.
  static func isManagementGroup(_ object: JSONCursor) -> Bool {
    guard let id = try? object.string("id"), let parsed = AzureResourceID(id) else {
      return false
    }
    if case .managementGroup = parsed.level { return true }
    return false
  }

  /// Returns whether an object is a subscription as `az account list` prints it: a bare
  /// guid as `id`, with `tenantId` and `state` or `homeTenantId`.
  static func isSubscription(_ object: JSONCursor) -> Bool {
    guard let id = try? object.string("id") else { return false }
    return !id.contains("/") && object["tenantId"] != nil
      && (object["state"] != nil || object["homeTenantId"] != nil)
  }

  /// Parses a subscription of `az account list`.
  static func parseSubscription(_ object: JSONCursor) throws -> AzureScopeEntry {
    let guid = try object.requiredString("id")
    return AzureScopeEntry(
      id: AzureResourceID.subscription(guid), name: try object.string("name") ?? guid,
      tenantID: try object.string("tenantId")?.lowercased(), parent: nil, file: object.file,
      location: object.path)
  }

  /// Parses a management group and, when the output was expanded, every group and
  /// subscription below it, each with its parent.
  ///
  /// - Parameter parent: The id of the group whose `children` hold `object`, if any.
  /// - Throws: `ImportError` when an id is missing or is neither a management group nor a
  ///   subscription id.
  /// - Complexity: O(n) for n entries in the tree.
  static func parseManagementGroup(
    _ object: JSONCursor, parent: String? = nil, tenantID: String? = nil
  ) throws -> [AzureScopeEntry] {
    let rawID = try object.requiredString("id")
    guard let id = AzureResourceID(rawID) else {
      throw try object.required("id").invalid(
        "\"\(rawID)\" is neither a management group nor a subscription id",
        remedy: "export the tree again with `az account management-group show`")
    }
    let tenant = try object.string("tenantId")?.lowercased() ?? tenantID
    let printedParent = try object["details"]?["parent"]?.string("id")
      .flatMap { AzureResourceID($0)?.text }
    let name = try object.string("displayName") ?? object.string("name") ?? id.name
    let entry = AzureScopeEntry(
      id: id.text, name: name, tenantID: tenant, parent: parent ?? printedParent,
      file: object.file, location: object.path)
    switch id.level {
    case .managementGroup:
      var entries = [entry]
      for child in try object.array("children") {
        entries += try parseManagementGroup(child, parent: id.text, tenantID: tenant)
      }
      return entries
    case .subscription:
      return [entry]
    case .resourceGroup, .resource:
      throw try object.required("id").invalid(
        "\"\(rawID)\" is neither a management group nor a subscription id",
        remedy: "export the tree again with `az account management-group show`")
    }
  }
}
