import AccessGraph

/// The nodes the Entra ID importer adds, with their ids, kinds and types in one place.
///
/// Principals keep their object id as node id, so that Azure role assignments, which name
/// a principal by object id, join them. `tenant` is the tenant id, or nil when no input of
/// the run gives it.
enum EntraNodes {
  static func user(_ user: EntraUser, tenant: String?) -> Node {
    var tags: [String: String] = [:]
    if let principalName = user.userPrincipalName { tags["userPrincipalName"] = principalName }
    return Node(
      id: user.id, kind: .human, platform: .azure, account: tenant ?? "",
      name: user.displayName, type: "entra-user", tags: tags)
  }

  static func group(_ group: EntraGroup, tenant: String?) -> Node {
    Node(
      id: group.id, kind: .group, platform: .azure, account: tenant ?? "",
      name: group.displayName, type: "entra-group",
      tags: group.isAssignableToRole ? ["isAssignableToRole": "true"] : [:])
  }

  /// Returns the node of a service principal: type `managed-identity` for a managed
  /// identity's, which the Azure Resource Manager importer names by the same object id,
  /// and `service-principal` for the others.
  static func servicePrincipal(_ principal: EntraServicePrincipal, tenant: String?) -> Node {
    var tags = ["servicePrincipalType": principal.type]
    if let appID = principal.appID { tags["appId"] = appID }
    if let resourceID = principal.resourceID { tags["resourceId"] = resourceID }
    return Node(
      id: principal.id, kind: .serviceIdentity, platform: .azure, account: tenant ?? "",
      name: principal.displayName,
      type: principal.isManagedIdentity ? "managed-identity" : "service-principal", tags: tags)
  }

  /// Returns the node of an application registration, `app:<appId>`.
  static func application(_ application: EntraApplication, tenant: String?) -> Node {
    Node(
      id: applicationID(application.appID), kind: .resource, platform: .azure,
      account: tenant ?? "", name: application.displayName, type: "entra-application",
      tags: ["objectId": application.objectID])
  }

  static func applicationID(_ appID: String) -> String {
    "app:\(appID)"
  }

  /// Returns the node of a password or certificate, `<owner>/password/<keyId>` or
  /// `<owner>/certificate/<keyId>`, where the owner is `app:<appId>` for an application's
  /// and the object id for a service principal's own.
  ///
  /// - Parameter isExpired: Whether `endDateTime` has passed; such a node is tagged `expired`.
  static func secret(
    _ secret: EntraSecret, owner: String, ownerName: String, tenant: String?, isExpired: Bool
  ) -> Node {
    let label = secret.displayName.map { "\(secret.form.rawValue) \"\($0)\"" }
      ?? secret.form.rawValue
    return Node(
      id: "\(owner)/\(secret.form.rawValue)/\(secret.keyID)", kind: .credential,
      platform: .azure, account: tenant ?? "", name: "\(label) of \(ownerName)",
      type: "entra-\(secret.form.rawValue)",
      tags: isExpired ? ["expired": "true"] : [:],
      credential: CredentialDetails(type: .static, created: secret.start, expires: secret.end))
  }

  /// Returns the node of a federated identity credential, `<owner>/federated/<name>`, where
  /// the owner is `app:<appId>` or the managed identity's resource id.
  static func federatedCredential(
    _ credential: EntraFederatedCredential, owner: String, ownerName: String, tenant: String?
  ) -> Node {
    var tags = ["issuer": credential.issuer, "subject": credential.subject]
    if !credential.audiences.isEmpty {
      tags["audiences"] = credential.audiences.joined(separator: " ")
    }
    return Node(
      id: federatedCredentialID(credential, owner: owner), kind: .credential, platform: .azure,
      account: tenant ?? "", name: "federated credential \(credential.name) of \(ownerName)",
      type: "entra-federated-credential", tags: tags,
      credential: CredentialDetails(type: .dynamic))
  }

  static func federatedCredentialID(_ credential: EntraFederatedCredential, owner: String)
    -> String
  {
    "\(owner)/federated/\(credential.name)"
  }

  /// Returns the node of a principal that a relation names, of the kind its `@odata.type`
  /// gives. Without one it is a `serviceIdentity` of type `entra-principal`; an input that
  /// lists the principal replaces that stub.
  static func reference(_ reference: EntraObjectReference, tenant: String?) -> Node {
    let (kind, type): (NodeKind, String) =
      switch reference.kind {
      case .user: (.human, "entra-user")
      case .group: (.group, "entra-group")
      case .servicePrincipal: (.serviceIdentity, "service-principal")
      case .application, .other, nil: (.serviceIdentity, "entra-principal")
      }
    return Node(
      id: reference.id, kind: kind, platform: .azure, account: tenant ?? "",
      name: reference.name ?? reference.id, type: type)
  }

  /// Returns the privilege node of Global Administrator, `entra:global-administrator/<tenant>`,
  /// which stands for every permission in the tenant's directory.
  static func globalAdministrator(tenant: String?) -> Node {
    privilege("global-administrator", EntraRole.globalAdministrator, tenant: tenant)
  }

  /// Returns the privilege node of Privileged Role Administrator,
  /// `entra:privileged-role-administrator/<tenant>`.
  static func privilegedRoleAdministrator(tenant: String?) -> Node {
    privilege(
      "privileged-role-administrator", EntraRole.privilegedRoleAdministrator, tenant: tenant)
  }

  private static func privilege(_ slug: String, _ role: EntraRole, tenant: String?) -> Node {
    Node(
      id: "entra:\(slug)/\(tenant ?? unknownTenant)", kind: .privilege, platform: .azure,
      account: tenant ?? "", name: "Entra \(role.name)", type: "entra-privilege")
  }

  /// Returns the node that groups the service principals whose credentials Application
  /// Administrator and Cloud Application Administrator can change,
  /// `entra:tenant/<tenant>/application-service-principals`. It `contains` each of them.
  static func applicationServicePrincipals(tenant: String?) -> Node {
    Node(
      id: "entra:tenant/\(tenant ?? unknownTenant)/application-service-principals",
      kind: .scope, platform: .azure, account: tenant ?? "",
      name: "application service principals of \(tenant ?? "the tenant")",
      type: "entra-identity-group")
  }

  /// The tenant part of privilege and group node ids when no input gives the tenant id.
  static let unknownTenant = "unknown"
}
