/// Readers of the objects that `az ad ... list` and Microsoft Graph print. Ids are
/// lowercased so that joins never miss on case.
extension EntraDirectory {
  static func user(_ object: JSONCursor) throws -> EntraUser {
    let id = try object.requiredString("id").lowercased()
    let principalName = try object.string("userPrincipalName")
    return EntraUser(
      id: id, displayName: try object.string("displayName") ?? principalName ?? id,
      userPrincipalName: principalName, source: EntraSource(object))
  }

  static func group(_ object: JSONCursor) throws -> EntraGroup {
    let id = try object.requiredString("id").lowercased()
    return EntraGroup(
      id: id, displayName: try object.string("displayName") ?? id,
      isAssignableToRole: try object.bool("isAssignableToRole") ?? false,
      source: EntraSource(object))
  }

  static func servicePrincipal(_ object: JSONCursor) throws -> EntraServicePrincipal {
    let id = try object.requiredString("id").lowercased()
    let resourceID = try object.strings("alternativeNames")
      .first { $0.lowercased().hasPrefix("/subscriptions/") }
    let type = try object.string("servicePrincipalType") ?? "Application"
    // Azure keeps the private key of a managed identity's certificate, so it is left out.
    let isManagedIdentity = type.caseInsensitiveCompare("ManagedIdentity") == .orderedSame
    // A system-assigned identity has the name of its resource. `isExplicit=False` among the
    // alternative names marks one, so it is named as the ARM importer names it.
    var displayName = try object.string("displayName") ?? id
    if isManagedIdentity,
      try object.strings("alternativeNames").contains(where: {
        $0.caseInsensitiveCompare("isExplicit=False") == .orderedSame
      })
    {
      displayName += " (system-assigned identity)"
    }
    return EntraServicePrincipal(
      id: id, appID: try object.string("appId")?.lowercased(),
      displayName: displayName,
      type: type,
      appOwnerOrganizationID: try object.string("appOwnerOrganizationId")?.lowercased(),
      resourceID: resourceID?.lowercased(),
      secrets: isManagedIdentity ? [] : try secrets(of: object),
      source: EntraSource(object))
  }

  static func application(_ object: JSONCursor) throws -> EntraApplication {
    let objectID = try object.requiredString("id").lowercased()
    return EntraApplication(
      objectID: objectID, appID: try object.requiredString("appId").lowercased(),
      displayName: try object.string("displayName") ?? objectID,
      secrets: try secrets(of: object), source: EntraSource(object))
  }

  /// Returns the passwords and the certificates that sign in as the object.
  ///
  /// A certificate whose `usage` is `Sign` is left out: Entra ID keeps its private key to
  /// sign SAML tokens, so it is no credential of the service principal.
  static func secrets(of object: JSONCursor) throws -> [EntraSecret] {
    var found: [EntraSecret] = []
    for password in try object.array("passwordCredentials") {
      found.append(try secret(password, form: .password))
    }
    for certificate in try object.array("keyCredentials") {
      if try certificate.string("usage")?.caseInsensitiveCompare("Sign") == .orderedSame {
        continue
      }
      found.append(try secret(certificate, form: .certificate))
    }
    return found
  }

  private static func secret(_ credential: JSONCursor, form: EntraSecret.Form) throws
    -> EntraSecret
  {
    EntraSecret(
      form: form, keyID: try credential.requiredString("keyId").lowercased(),
      displayName: try credential.string("displayName"),
      start: try credential.string("startDateTime"), end: try credential.string("endDateTime"),
      source: EntraSource(credential))
  }

  /// Returns the directory object that an owner, member or role principal entry names.
  static func reference(_ object: JSONCursor) throws -> EntraObjectReference {
    EntraObjectReference(
      id: try object.requiredString("id").lowercased(),
      kind: try object.string("@odata.type").map(EntraObjectKind.init(odataType:)),
      name: try object.string("displayName"), source: EntraSource(object))
  }

  /// Reads one `unifiedRoleAssignment`, with its principal when `$expand=principal` inlined
  /// it.
  static func roleAssignment(_ object: JSONCursor) throws -> EntraRoleAssignment {
    let principalID = try object.requiredString("principalId").lowercased()
    var principal = EntraObjectReference(
      id: principalID, kind: nil, name: nil, source: EntraSource(object))
    if let expanded = object["principal"] {
      principal = try reference(expanded)
      guard principal.id == principalID else {
        throw expanded.invalid(
          "the principal's id \(principal.id) differs from principalId \(principalID)",
          remedy: "export the role assignments again")
      }
    }
    let assignmentID = try object.string("id")
    return EntraRoleAssignment(
      roleID: try object.requiredString("roleDefinitionId").lowercased(), roleName: nil,
      principal: principal, directoryScope: try object.string("directoryScopeId") ?? "/",
      origin: assignmentID.map { "role assignment \($0)" } ?? "role assignment",
      source: EntraSource(object))
  }

  /// Reads one activated directory role of `directoryRoles?$expand=members`: each member
  /// holds the role in the whole tenant.
  static func directoryRoleMembers(_ object: JSONCursor) throws -> [EntraRoleAssignment] {
    let roleID = try object.requiredString("roleTemplateId").lowercased()
    let roleName = try object.string("displayName")
    return try object.array("members").map { member in
      EntraRoleAssignment(
        roleID: roleID, roleName: roleName, principal: try reference(member),
        directoryScope: "/", origin: "member list of directory role \(roleName ?? roleID)",
        source: EntraSource(member))
    }
  }

  /// Reads one credential of `az identity federated-credential list`, whose `id` is that of
  /// its managed identity followed by `/federatedIdentityCredentials/<name>`.
  static func managedIdentityFederatedCredential(_ object: JSONCursor) throws
    -> EntraFederatedCredential
  {
    let idCursor = try object.required("id")
    let id = try idCursor.string()
    guard let range = id.range(of: "/federatedIdentityCredentials/", options: .caseInsensitive)
    else {
      throw idCursor.invalid(
        "\"\(id)\" is not the id of a federated identity credential of a managed identity",
        remedy: "export the credentials again with `az identity federated-credential list`")
    }
    return EntraFederatedCredential(
      owner: .managedIdentity(String(id[..<range.lowerBound]).lowercased()),
      name: try object.requiredString("name"), issuer: try object.requiredString("issuer"),
      subject: try object.requiredString("subject"), audiences: try object.strings("audiences"),
      source: EntraSource(object))
  }

  /// Returns the application that a federated identity credential's `@odata.id` names, as in
  /// `.../directoryObjects/$/Microsoft.DirectoryServices.Application('<id>')/federated...`.
  static func applicationKey(inDataID dataID: String) -> EntraApplicationKey? {
    let marker = "Microsoft.DirectoryServices.Application('"
    guard let start = dataID.range(of: marker, options: .caseInsensitive),
      let end = dataID[start.upperBound...].firstIndex(of: "'")
    else {
      return nil
    }
    return .objectID(dataID[start.upperBound..<end].lowercased())
  }

  /// Returns the tenant id that a federated identity credential's `@odata.id` names, as in
  /// `https://graph.microsoft.com/v2/<tenant>/directoryObjects/...`.
  static func tenant(inDataID dataID: String) -> String? {
    guard let range = dataID.range(of: "/directoryObjects/", options: .caseInsensitive) else {
      return nil
    }
    let before = dataID[..<range.lowerBound]
    guard let slash = before.lastIndex(of: "/") else { return nil }
    let tenant = before[before.index(after: slash)...]
    return tenant.isEmpty ? nil : tenant.lowercased()
  }
}
