/// The kinds of Entra ID document that `blast` reads, and how each is recognized from its content.
///
/// The `az ad ... list` commands print a JSON array of objects. `az rest` of a Microsoft
/// Graph URL prints the response as it comes: an object whose `value` is that array, with an
/// `@odata.context` URL that names the collection, such as
/// `https://graph.microsoft.com/v1.0/$metadata#applications('<id>')/federatedIdentityCredentials`.
enum EntraDocumentKind: Equatable, Sendable {
  case users
  case groups
  case servicePrincipals
  case applications
  /// `groups/{id}/members`, whose context URL names the group.
  case groupMembers(groupID: String)
  /// `applications/{id}/owners` or `servicePrincipals/{id}/owners`, whose context URL names
  /// the object.
  case owners(EntraOwnership.Target)
  /// `roleManagement/directory/roleAssignments`, with or without `$expand=principal`.
  case roleAssignments
  /// `directoryRoles?$expand=members`.
  case directoryRoles
  /// Federated identity credentials of an application. The application comes from the
  /// context URL, or else from each credential's `@odata.id`; nil when neither names it yet.
  case applicationFederatedCredentials(EntraApplicationKey?)
  /// `az identity federated-credential list`: each credential's `id` names its identity.
  case managedIdentityFederatedCredentials
  /// A list of owners or members that does not say whose they are, such as the output of
  /// `az ad app owner list` or `az ad group member list`.
  case unnamedDirectoryObjects

  /// Returns the kind of `document`, or nil when it is not an Entra ID document.
  ///
  /// An empty list is not recognized, because nothing in it shows its kind.
  static func classify(_ document: JSONCursor) -> EntraDocumentKind? {
    if document.isArray {
      return kind(ofElements: document)
    }
    guard document.isObject, let value = document["value"], value.isArray else { return nil }
    if let context = document["@odata.context"]?.value as? String {
      return kind(ofContext: context)
    }
    return kind(ofElements: value)
  }

  /// Returns the kind that an `@odata.context` URL names, or nil for a collection that
  /// `blast` does not read.
  static func kind(ofContext context: String) -> EntraDocumentKind? {
    guard let marker = context.range(of: "$metadata#") else { return nil }
    let path = String(context[marker.upperBound...])
    let lowered = path.lowercased()
    if lowered.hasPrefix("rolemanagement/directory/roleassignments") {
      return .roleAssignments
    }
    let entitySet = String(lowered.prefix { $0 != "(" && $0 != "/" })
    let key = Self.key(in: path)
    let navigation = Self.navigation(in: lowered)
    switch (entitySet, navigation) {
    case ("users", nil): return .users
    case ("groups", nil): return .groups
    case ("serviceprincipals", nil): return .servicePrincipals
    case ("applications", nil): return .applications
    case ("directoryroles", nil): return .directoryRoles
    case ("directoryobjects", _): return .unnamedDirectoryObjects
    case ("groups", "members"):
      guard case .objectID(let id)? = key else { return .unnamedDirectoryObjects }
      return .groupMembers(groupID: id)
    case ("applications", "owners"):
      guard let key else { return .unnamedDirectoryObjects }
      return .owners(.application(key))
    case ("serviceprincipals", "owners"):
      guard case .objectID(let id)? = key else { return .unnamedDirectoryObjects }
      return .owners(.servicePrincipal(id))
    case ("applications", "federatedidentitycredentials"):
      return .applicationFederatedCredentials(key)
    default: return nil
    }
  }

  /// Returns the key in brackets after the entity set of a context path, such as `abc` in
  /// `applications('abc')/owners` or the client id in `applications(appId='abc')/owners`. A
  /// bracket that selects or expands properties, as in `groups(members())`, is no key.
  static func key(in path: String) -> EntraApplicationKey? {
    guard let open = path.firstIndex(of: "("), let close = path[open...].firstIndex(of: ")")
    else {
      return nil
    }
    let inside = path[path.index(after: open)..<close]
    let quote = Character("'")
    guard inside.last == quote, let first = inside.firstIndex(of: quote) else { return nil }
    let value = inside[inside.index(after: first)..<inside.index(before: inside.endIndex)]
    let name = inside[..<first]
    switch name.lowercased() {
    case "": return .objectID(value.lowercased())
    case "appid=": return .appID(value.lowercased())
    default: return nil
    }
  }

  /// Returns the navigation property after a keyed entity, such as `owners` in
  /// `applications('abc')/owners`, or nil when the path has none.
  private static func navigation(in lowered: String) -> String? {
    guard let close = lowered.range(of: "')/") else { return nil }
    let rest = lowered[close.upperBound...]
    return String(rest.prefix { $0 != "/" && $0 != "(" && $0 != "?" })
  }

  /// Returns the kind of a list, judged from its first element's keys, or nil when the list
  /// is empty or of another format.
  static func kind(ofElements list: JSONCursor) -> EntraDocumentKind? {
    guard let elements = list.value as? [Any], let first = elements.first as? [String: Any]
    else {
      return nil
    }
    let keys = Set(first.keys)
    if keys.contains("@odata.type"), !keys.contains("@odata.id") {
      return .unnamedDirectoryObjects
    }
    if keys.contains("servicePrincipalType"), keys.contains("appId") {
      return .servicePrincipals
    }
    if keys.contains("appId"),
      !keys.isDisjoint(with: ["signInAudience", "requiredResourceAccess", "identifierUris"])
    {
      return .applications
    }
    if keys.contains("userPrincipalName") {
      return .users
    }
    if keys.contains("securityEnabled"), keys.contains("mailEnabled") {
      return .groups
    }
    if keys.isSuperset(of: ["principalId", "roleDefinitionId", "directoryScopeId"]) {
      return .roleAssignments
    }
    if keys.contains("roleTemplateId"), keys.contains("members") {
      return .directoryRoles
    }
    if keys.isSuperset(of: ["issuer", "subject"]) {
      let type = (first["type"] as? String)?.lowercased() ?? ""
      if type.hasSuffix("/federatedidentitycredentials") {
        return .managedIdentityFederatedCredentials
      }
      return .applicationFederatedCredentials(nil)
    }
    return nil
  }
}
