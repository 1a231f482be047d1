/// Everything the Entra ID documents of one run list, gathered before any node is made so
/// that relations can be resolved across files.
struct EntraDirectory: Sendable {
  var users: [EntraUser] = []
  var groups: [EntraGroup] = []
  var servicePrincipals: [EntraServicePrincipal] = []
  var applications: [EntraApplication] = []
  var ownerships: [EntraOwnership] = []
  var memberships: [EntraMembership] = []
  var roleAssignments: [EntraRoleAssignment] = []
  var federatedCredentials: [EntraFederatedCredential] = []
  /// Tenant ids that Graph object URLs (`@odata.id`) name, one per URL.
  var tenantsInObjectURLs: [String] = []
  /// Problems found while reading that do not stop the import, reported by `define`.
  var warnings: [ImportWarning] = []

  /// Reads one document of the kind `classify` gave it.
  ///
  /// - Throws: `ImportError` for a missing id or a value of the wrong JSON type.
  mutating func add(_ document: JSONCursor, as kind: EntraDocumentKind) throws {
    let list = document.isArray ? document : try document.required("value")
    if document.isObject, document["@odata.nextLink"] != nil {
      warnings.append(
        ImportWarning(
          file: document.file, location: "@odata.nextLink",
          message: "the response contains one page only, because `az rest` does not follow "
            + "@odata.nextLink; fetch the later pages too, or use the `az ad ... list` "
            + "command, which fetches every page"))
    }
    let elements = try list.array()
    switch kind {
    case .users:
      users += try elements.map(Self.user)
    case .groups:
      for element in elements {
        let group = try Self.group(element)
        groups.append(group)
        try addMembers(of: group.id, from: element)
      }
    case .servicePrincipals:
      for element in elements {
        let servicePrincipal = try Self.servicePrincipal(element)
        servicePrincipals.append(servicePrincipal)
        try addOwners(of: .servicePrincipal(servicePrincipal.id), from: element)
      }
    case .applications:
      for element in elements {
        let application = try Self.application(element)
        applications.append(application)
        try addOwners(of: .application(.objectID(application.objectID)), from: element)
      }
    case .groupMembers(let groupID):
      for element in elements {
        memberships.append(EntraMembership(groupID: groupID, member: try Self.reference(element)))
      }
    case .owners(let target):
      for element in elements {
        ownerships.append(EntraOwnership(target: target, owner: try Self.reference(element)))
      }
    case .roleAssignments:
      roleAssignments += try elements.map(Self.roleAssignment)
    case .directoryRoles:
      for element in elements {
        roleAssignments += try Self.directoryRoleMembers(element)
      }
    case .applicationFederatedCredentials(let key):
      for element in elements {
        try addApplicationFederatedCredential(element, of: key)
      }
    case .managedIdentityFederatedCredentials:
      federatedCredentials += try elements.map(Self.managedIdentityFederatedCredential)
    case .unnamedDirectoryObjects:
      warnings.append(
        ImportWarning(
          file: document.file, location: "",
          message: "skipped a list of owners or members that does not name the application, "
            + "service principal or group it belongs to; export owners with `az rest --method "
            + "get --url 'https://graph.microsoft.com/v1.0/applications?$expand=owners'` (or "
            + "servicePrincipals?$expand=owners) and members with groups?$expand=members"))
    }
  }

  private mutating func addMembers(of groupID: String, from group: JSONCursor) throws {
    let members = try group.array("members")
    for member in members {
      memberships.append(EntraMembership(groupID: groupID, member: try Self.reference(member)))
    }
    warnIfExpansionIsFull(members.count, of: group, "members", remedy: "groups/{id}/members")
  }

  /// Warns when an expanded relation lists the maximum number of objects that Microsoft
  /// Graph returns, because more may exist.
  private mutating func warnIfExpansionIsFull(
    _ count: Int, of object: JSONCursor, _ relation: String, remedy: String
  ) {
    guard count >= Self.expandLimit else { return }
    warnings.append(
      ImportWarning(
        file: object.file, location: "\(object.path).\(relation)",
        message: "the object lists \(count) \(relation), the maximum that `$expand=\(relation)` "
          + "returns, so some may be missing; export \(remedy) for this object to read them "
          + "all"))
  }

  private mutating func addOwners(of target: EntraOwnership.Target, from object: JSONCursor)
    throws
  {
    let owners = try object.array("owners")
    for owner in owners {
      ownerships.append(EntraOwnership(target: target, owner: try Self.reference(owner)))
    }
    let remedy =
      switch target {
      case .application: "applications/{id}/owners"
      case .servicePrincipal: "servicePrincipals/{id}/owners"
      }
    warnIfExpansionIsFull(owners.count, of: object, "owners", remedy: remedy)
  }

  private mutating func addApplicationFederatedCredential(
    _ element: JSONCursor, of key: EntraApplicationKey?
  ) throws {
    let dataID = try element.string("@odata.id")
    if let tenant = dataID.flatMap(Self.tenant(inDataID:)) {
      tenantsInObjectURLs.append(tenant)
    }
    guard let application = key ?? dataID.flatMap(Self.applicationKey(inDataID:)) else {
      warnings.append(
        ImportWarning(
          file: element.file, location: element.path,
          message: "skipped a federated identity credential that does not name its "
            + "application; export it with `az rest --method get --url "
            + "'https://graph.microsoft.com/v1.0/applications/<object id>/"
            + "federatedIdentityCredentials'`, whose @odata.context names the application"))
      return
    }
    federatedCredentials.append(
      EntraFederatedCredential(
        owner: .application(application), name: try element.requiredString("name"),
        issuer: try element.requiredString("issuer"),
        subject: try element.requiredString("subject"),
        audiences: try element.strings("audiences"), source: EntraSource(element)))
  }

  /// The maximum number of objects Microsoft Graph returns for an expanded relation of a
  /// directory object, such as `members` or `owners`, according to the Graph documentation
  /// of the `$expand` query parameter.
  static let expandLimit = 20
}
