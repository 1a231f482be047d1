/// Where an Entra object or relation was read: the file and the JSON path in it.
struct EntraSource: Hashable, Sendable {
  var file: String
  var location: String

  init(file: String, location: String) {
    self.file = file
    self.location = location
  }

  init(_ cursor: JSONCursor) {
    self.init(file: cursor.file, location: cursor.path)
  }
}

/// The kind of a directory object, from the `@odata.type` that Microsoft Graph prints on the
/// members of a mixed collection, such as `#microsoft.graph.user`.
enum EntraObjectKind: String, Sendable {
  case user
  case group
  case servicePrincipal
  case application
  /// Devices, organizational contacts and other objects that are not identities.
  case other

  init(odataType: String) {
    switch odataType.lowercased() {
    case "#microsoft.graph.user": self = .user
    case "#microsoft.graph.group": self = .group
    case "#microsoft.graph.serviceprincipal": self = .servicePrincipal
    case "#microsoft.graph.application": self = .application
    default: self = .other
    }
  }
}

/// A directory object that a relation names: an owner, a group member or a role holder.
struct EntraObjectReference: Sendable {
  /// The object id, lowercased.
  var id: String
  /// The kind, when the input prints `@odata.type`.
  var kind: EntraObjectKind?
  /// The display name, when the input prints it.
  var name: String?
  var source: EntraSource
}

/// A password or certificate that signs in as an application or service principal.
struct EntraSecret: Sendable {
  enum Form: String, Sendable {
    case password
    case certificate
  }

  var form: Form
  /// The `keyId`, lowercased.
  var keyID: String
  var displayName: String?
  var start: String?
  var end: String?
  var source: EntraSource
}

/// A user of `az ad user list` or Graph `users`.
struct EntraUser: Sendable {
  var id: String
  var displayName: String
  var userPrincipalName: String?
  var source: EntraSource
}

/// A group of `az ad group list` or Graph `groups`.
struct EntraGroup: Sendable {
  var id: String
  var displayName: String
  /// Whether Entra roles can be assigned to the group (`isAssignableToRole`).
  var isAssignableToRole: Bool
  var source: EntraSource
}

/// A service principal of `az ad sp list` or Graph `servicePrincipals`.
struct EntraServicePrincipal: Sendable {
  var id: String
  /// The client id of its application, lowercased.
  var appID: String?
  var displayName: String
  /// `servicePrincipalType` as printed: `Application`, `ManagedIdentity`, `Legacy`,
  /// `SocialIdp`.
  var type: String
  /// The tenant that registered its application (`appOwnerOrganizationId`), lowercased.
  var appOwnerOrganizationID: String?
  /// For a managed identity, the Azure resource id that `alternativeNames` gives, lowercased:
  /// the user-assigned identity itself, or the resource a system-assigned one belongs to.
  var resourceID: String?
  var secrets: [EntraSecret]
  var source: EntraSource

  var isManagedIdentity: Bool { type.caseInsensitiveCompare("ManagedIdentity") == .orderedSame }
}

/// An application registration of `az ad app list` or Graph `applications`.
struct EntraApplication: Sendable {
  /// The object id, lowercased.
  var objectID: String
  /// The client id, lowercased.
  var appID: String
  var displayName: String
  var secrets: [EntraSecret]
  var source: EntraSource
}

/// An application as a Graph URL names it: by object id, as `applications('<id>')`, or by
/// client id, as `applications(appId='<id>')`. Both are lowercased.
enum EntraApplicationKey: Hashable, Sendable {
  case objectID(String)
  case appID(String)
}

/// An owner of an application or service principal.
struct EntraOwnership: Sendable {
  enum Target: Hashable, Sendable {
    case application(EntraApplicationKey)
    /// A service principal by object id.
    case servicePrincipal(String)
  }

  var target: Target
  var owner: EntraObjectReference
}

/// A direct member of a group.
struct EntraMembership: Sendable {
  /// The group's object id, lowercased.
  var groupID: String
  var member: EntraObjectReference
}

/// An Entra directory role held by a principal, from a role assignment or a directory role's
/// member list.
struct EntraRoleAssignment: Sendable {
  /// The role template id, lowercased; for built-in roles it is also the role definition id.
  var roleID: String
  /// The role's display name, when the input prints it.
  var roleName: String?
  var principal: EntraObjectReference
  /// `directoryScopeId`: `/` for the whole tenant, `/<object id>` for one object, or
  /// `/administrativeUnits/<id>`.
  var directoryScope: String
  /// Words for provenance, such as `role assignment lAPp…-1`.
  var origin: String
  var source: EntraSource
}

/// A federated identity credential: tokens from `issuer` with `subject` sign in as the
/// identity it belongs to.
struct EntraFederatedCredential: Sendable {
  enum Owner: Hashable, Sendable {
    case application(EntraApplicationKey)
    /// A user-assigned managed identity by Azure resource id, lowercased.
    case managedIdentity(String)
  }

  var owner: Owner
  var name: String
  var issuer: String
  var subject: String
  var audiences: [String]
  var source: EntraSource
}
