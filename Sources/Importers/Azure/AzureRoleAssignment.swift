/// An Azure role assignment as `az role assignment list --all` prints it: a principal, a
/// role definition and the scope it applies at.
struct AzureRoleAssignment: Sendable {
  /// The assignment's guid as printed.
  let name: String
  /// The principal's object id, lowercased.
  let principalID: String
  /// `User`, `Group`, `ServicePrincipal`, `ForeignGroup` or `Device`; empty when absent.
  let principalType: String
  /// The principal's sign-in or display name, which the CLI adds when it can look it up.
  let principalName: String?
  /// The guid of the role definition, lowercased: the last segment of `roleDefinitionId`.
  let roleDefinitionGUID: String
  let roleDefinitionID: String
  /// The role's name, which the CLI adds when it can look it up.
  let roleDefinitionName: String?
  /// The scope as printed.
  let scopeText: String
  /// The scope parsed, or nil for the root scope `/` and forms this importer does not read.
  let scope: AzureResourceID?
  /// The ABAC condition, which is not evaluated, so the assignment's edges are conditional.
  let condition: String?
  let file: String
  /// The JSON path of the assignment in its file.
  let location: String

  /// Returns whether an object looks like a role assignment: it has `principalId` and
  /// `roleDefinitionId`, at the top or under `properties`.
  static func recognizes(_ object: JSONCursor) -> Bool {
    let body = object["properties"] ?? object
    return body["principalId"] != nil && body["roleDefinitionId"] != nil
  }

  /// Parses one assignment.
  ///
  /// - Parameter scopes: Scope ids parsed before, by the text printed. This call reads and
  ///   adds to them, because an export names the same scopes many times.
  /// - Throws: `ImportError` when the principal, role definition or scope is missing.
  static func parse(
    _ object: JSONCursor, scopes: inout [String: AzureResourceID?]
  ) throws -> AzureRoleAssignment {
    let body = object["properties"] ?? object
    let definitionID = try body.requiredString("roleDefinitionId")
    let guid = Self.lastSegment(of: definitionID)
    guard !guid.isEmpty else {
      throw try body.required("roleDefinitionId").invalid(
        "\"\(definitionID)\" names no role definition",
        remedy: "give the definition's id, ending in its guid")
    }
    let principalID = try body.requiredString("principalId").lowercased()
    guard !principalID.isEmpty else {
      throw try body.required("principalId").invalid(
        "the principal id is empty",
        remedy: "export the assignments again; each names its principal's object id")
    }
    let scopeText = try body.requiredString("scope")
    let scope: AzureResourceID?
    if let known = scopes[scopeText] {
      scope = known
    } else {
      scope = AzureResourceID(scopeText)
      scopes[scopeText] = scope
    }
    let id = try object.string("id") ?? ""
    let name =
      try object.string("name") ?? Self.lastSegment(of: id)
    return AzureRoleAssignment(
      name: name, principalID: principalID,
      principalType: try body.string("principalType") ?? "",
      principalName: try object.string("principalName"),
      roleDefinitionGUID: guid.lowercased(), roleDefinitionID: definitionID,
      roleDefinitionName: try object.string("roleDefinitionName"),
      scopeText: scopeText, scope: scope,
      condition: try body.string("condition"), file: object.file, location: object.path)
  }

  /// Returns the last segment of `id` between slashes, ignoring trailing slashes, or all
  /// of it when it has none.
  private static func lastSegment(of id: String) -> String {
    var text = Substring(id)
    while text.last == "/" { text = text.dropLast() }
    guard let slash = text.lastIndex(of: "/") else { return String(text) }
    return String(text[text.index(after: slash)...])
  }

  /// The identity of the assignment across outputs: its name, principal, role and scope,
  /// lowercased.
  var key: String {
    [name, principalID, roleDefinitionGUID, scope?.text ?? scopeText.lowercased()]
      .joined(separator: "\u{0}").lowercased()
  }

  /// The principal in words for provenance: its name when printed, else its object id.
  var principalLabel: String {
    principalName ?? principalID
  }

  /// Returns the role in words for provenance, from the definition when one is known.
  func roleLabel(_ definition: AzureRoleDefinition?) -> String {
    definition?.roleName ?? roleDefinitionName ?? roleDefinitionID
  }
}
