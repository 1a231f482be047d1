import AccessGraph

/// A list of entries in an inventory, such as `people` or `secrets`. The section decides
/// the kind of every node in it, so entries never spell out a kind.
enum InventorySection: String, CaseIterable, Sendable {
  case people
  case groups
  case serviceAccounts
  case workloads
  case applications
  case resources
  case secrets
  case scopes
  case privileges

  /// The kind of node each entry of the section defines.
  var kind: NodeKind {
    switch self {
    case .people: .human
    case .groups: .group
    case .serviceAccounts: .serviceIdentity
    case .workloads, .applications: .workload
    case .resources: .resource
    case .secrets: .credential
    case .scopes: .scope
    case .privileges: .privilege
    }
  }

  /// The node's `type` when the entry gives none.
  var defaultType: String {
    switch self {
    case .people: "person"
    case .groups: "group"
    case .serviceAccounts: "service-account"
    case .workloads: "server"
    case .applications: "application"
    case .resources: "resource"
    case .secrets: "secret"
    case .scopes: "scope"
    case .privileges: "privilege"
    }
  }

  /// The entry keys that every section takes.
  static let commonKeys = [
    "id", "name", "type", "platform", "account", "tags", "crownJewel", "note",
  ]

  /// The keys that only a secret takes. In `secrets`, `type` is the credential type and
  /// `format` is the node's type.
  static let secretKeys = ["format", "created", "expires", "lastUsed", "storedIn", "path"]

  /// The relations an entry of this section may state inline, as keys named after them.
  var inlineRelations: [Relation] {
    Relation.allCases.filter { InventoryRelationRule(for: $0).allowsSource(kind) }
  }

  /// Every key an entry of this section may have, sorted for messages.
  var allowedKeys: [String] {
    var keys = Self.commonKeys + inlineRelations.map(\.rawValue)
    if self == .secrets {
      keys += Self.secretKeys
    }
    return keys.sorted()
  }
}
