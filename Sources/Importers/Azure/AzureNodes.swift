import AccessGraph

/// The nodes the Azure Resource Manager importer adds, with the ids the Azure importers
/// share: lowercased resource ids for scopes and resources, and lowercased object ids for
/// principals.
enum AzureNodes {
  /// The prefix of the Owner privilege's id, followed by the scope id.
  static let ownerPrefix = "azure:owner"
  /// The prefix of the User Access Administrator privilege's id, followed by the scope id.
  static let userAccessAdministratorPrefix = "azure:user-access-administrator"

  /// Returns the node of a management group, subscription or resource group.
  static func scope(_ id: String, in estate: AzureEstate) -> Node {
    let type: String
    var account = ""
    switch AzureResourceID(id)?.level {
    case .managementGroup: type = "azure-management-group"
    case .subscription: type = "azure-subscription"
    default: type = "azure-resource-group"
    }
    if let parsed = AzureResourceID(id), !parsed.subscription.isEmpty {
      account = parsed.subscription
    } else {
      account = estate.tenant(of: id)
    }
    return Node(
      id: id, kind: .scope, platform: .azure, account: account, name: estate.name(of: id),
      type: type)
  }

  /// Returns the id of the resource set node of `category` inside `scope`.
  static func resourceSetID(_ category: AzureResource.Category, in scope: String) -> String {
    "azure:\(category.rawValue)\(scope)"
  }

  /// Returns the group node that stands for every resource of `category` inside a scope,
  /// `azure:<category>` followed by the scope id, which technique edges go to when there are
  /// many. It is a `scope` that `contains` them, so control of it passes on to each.
  static func resourceSet(
    _ category: AzureResource.Category, in scope: String, estate: AzureEstate
  ) -> Node {
    let account = AzureResourceID(scope).map(\.subscription) ?? ""
    return Node(
      id: resourceSetID(category, in: scope), kind: .scope, platform: .azure,
      account: account.isEmpty ? estate.tenant(of: scope) : account,
      name: "\(category.plural) in \(estate.label(of: scope))", type: "azure-resource-set")
  }

  /// Returns the node of a resource: a `workload` when it runs code, else a `resource`. A
  /// user-assigned identity is a principal instead, see `userAssignedIdentity(_:)`.
  static func resource(_ resource: AzureResource) -> Node {
    Node(
      id: resource.id.text, kind: resource.nodeKind, platform: .azure,
      account: resource.id.subscription, name: resource.name, type: resource.nodeType)
  }

  /// Returns a stub for a resource that only a role assignment's scope names.
  static func resourceStub(_ id: AzureResourceID) -> Node {
    let category = AzureResource.category(type: id.resourceType, kind: nil)
    return Node(
      id: id.text, kind: category.runsCode ? .workload : .resource, platform: .azure,
      account: id.subscription, name: id.name,
      type: category.nodeType ?? id.resourceType, isDefined: false)
  }

  /// Returns the service principal of a user-assigned identity, with its object id as node id and
  /// its resource id and client id as tags.
  static func userAssignedIdentity(_ identity: AzureResource, principalID: String) -> Node {
    var tags = ["resourceId": identity.id.text]
    if let clientID = identity.clientID { tags["clientId"] = clientID }
    return Node(
      id: principalID, kind: .serviceIdentity, platform: .azure,
      account: identity.tenantID ?? "", name: identity.name, type: "managed-identity",
      tags: tags)
  }

  /// Returns the service principal of a resource's system-assigned identity, named after the
  /// resource so that the two differ.
  static func systemAssignedIdentity(
    of resource: AzureResource, principalID: String, tenant: String
  ) -> Node {
    Node(
      id: principalID, kind: .serviceIdentity, platform: .azure, account: tenant,
      name: "\(resource.name) (system-assigned identity)", type: "managed-identity",
      tags: ["resourceId": resource.id.text])
  }

  /// Returns a stub for a principal that a grant names by object id, kind and type after `principalType` as
  /// role assignments print it.
  static func principal(
    _ objectID: String, principalType: String, name: String?, tenant: String
  ) -> Node {
    let kind: NodeKind
    let type: String
    switch principalType.lowercased() {
    case "user":
      (kind, type) = (.human, "entra-user")
    case "group", "foreigngroup":
      (kind, type) = (.group, "entra-group")
    case "serviceprincipal":
      (kind, type) = (.serviceIdentity, "service-principal")
    default:
      // NOTE: a principal of unknown type is taken for a service identity until an Entra ID
      // export defines it.
      (kind, type) = (.serviceIdentity, "entra-principal")
    }
    return Node(
      id: objectID, kind: kind, platform: .azure, account: tenant, name: name ?? objectID,
      type: type, isDefined: false)
  }

  /// Returns the Owner privilege at a subscription or management group.
  static func owner(of scope: String, in estate: AzureEstate) -> Node {
    privilege(ownerPrefix + scope, "Owner of \(estate.label(of: scope))", scope, estate)
  }

  /// Returns the User Access Administrator privilege at a subscription or management group.
  static func userAccessAdministrator(of scope: String, in estate: AzureEstate) -> Node {
    privilege(
      userAccessAdministratorPrefix + scope,
      "User Access Administrator of \(estate.label(of: scope))", scope, estate)
  }

  private static func privilege(
    _ id: String, _ name: String, _ scope: String, _ estate: AzureEstate
  ) -> Node {
    let account = AzureResourceID(scope).map(\.subscription).flatMap { $0.isEmpty ? nil : $0 }
    return Node(
      id: id, kind: .privilege, platform: .azure, account: account ?? estate.tenant(of: scope),
      name: name, type: "azure-privilege")
  }
}
