/// How a credential is issued, which decides how long a stolen copy stays useful.
public enum CredentialType: String, CaseIterable, Codable, Sendable {
  /// A long-lived secret someone stores: an access key, a client secret, a password.
  case `static`
  /// A short-lived token issued on demand, for example through federation.
  case dynamic
  /// A credential the platform issues and rotates itself, such as a managed identity's.
  case managed
}

/// Facts about a credential node. Dates are ISO 8601 strings as the inputs give them.
public struct CredentialDetails: Hashable, Codable, Sendable {
  public var type: CredentialType
  public var created: String?
  public var expires: String?
  public var lastUsed: String?

  public init(
    type: CredentialType, created: String? = nil, expires: String? = nil,
    lastUsed: String? = nil
  ) {
    self.type = type
    self.created = created
    self.expires = expires
    self.lastUsed = lastUsed
  }
}

/// Something that can act or be acted on, with the facts the inputs give about it.
public struct Node: Hashable, Codable, Sendable {
  /// The platform's own stable id: an ARN, an Azure object id, an inventory id.
  public var id: String
  public var kind: NodeKind
  public var platform: Platform
  /// The account, tenant, subscription, project or cluster; empty when there is none.
  public var account: String
  /// A short name for people: a user name, a role name, a host name.
  public var name: String
  /// The platform's own type of the node, such as `iam-role`, `s3-bucket` or `server`.
  public var type: String
  public var tags: [String: String]
  /// Whether the node is a crown jewel: data or a system whose loss would hurt most.
  public var isCrownJewel: Bool
  public var credential: CredentialDetails?
  /// Whether an input defined the node, rather than only naming it in a grant or trust.
  public var isDefined: Bool

  public init(
    id: String, kind: NodeKind, platform: Platform, account: String = "", name: String? = nil,
    type: String = "", tags: [String: String] = [:], isCrownJewel: Bool = false,
    credential: CredentialDetails? = nil, isDefined: Bool = true
  ) {
    self.id = id
    self.kind = kind
    self.platform = platform
    self.account = account
    self.name = name ?? id
    self.type = type
    self.tags = tags
    self.isCrownJewel = isCrownJewel
    self.credential = credential
    self.isDefined = isDefined
  }
}
