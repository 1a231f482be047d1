import AccessGraph

/// A group of identities that a path search may start from, such as `kind:human` or
/// `platform:aws`: every identity of the estate (see `EstateIdentities`) that matches.
public enum IdentityGroup: Sendable, Equatable {
  case kind(NodeKind)
  case platform(Platform)
  case tag(key: String, value: String)
  case account(String)

  /// The prefixes that introduce a group.
  public static let prefixes = ["kind:", "platform:", "tag:", "account:"]

  /// Reads a group from `text`, or returns nil when `text` starts with none of `prefixes`.
  ///
  /// `kind:` takes `human`, `workload`, or `service-identity` (also spelled
  /// `serviceIdentity`, as in JSON output). `tag:` takes `KEY=VALUE`, split at the first `=`.
  ///
  /// - Throws: `AnalysisError.invalidGroup` for an unknown kind or a malformed tag.
  public init?(parsing text: String) throws(AnalysisError) {
    guard let prefix = Self.prefixes.first(where: { text.hasPrefix($0) }) else {
      return nil
    }
    let value = String(text.dropFirst(prefix.count))
    guard !value.isEmpty else {
      throw .invalidGroup(text, expected: "a value after \"\(prefix)\", such as kind:human")
    }
    switch prefix {
    case "kind:":
      switch value {
      case "human": self = .kind(.human)
      case "workload": self = .kind(.workload)
      case "service-identity", "serviceIdentity": self = .kind(.serviceIdentity)
      default:
        throw .invalidGroup(text, expected: "kind:human, kind:workload or kind:service-identity")
      }
    case "platform:":
      self = .platform(Platform(value))
    case "tag:":
      guard let equals = value.firstIndex(of: "="), equals != value.startIndex else {
        throw .invalidGroup(text, expected: "tag:KEY=VALUE, such as tag:team=platform")
      }
      self = .tag(key: String(value[..<equals]), value: String(value[value.index(after: equals)...]))
    default:
      self = .account(value)
    }
  }

  /// Returns whether `id` belongs to the group: it must be an identity of the estate.
  public func contains(_ id: NodeID, in graph: AccessGraph) -> Bool {
    guard EstateIdentities.contains(id, in: graph) else { return false }
    let node = graph.node(id)
    switch self {
    case .kind(let kind): return node.kind == kind
    case .platform(let platform): return node.platform == platform
    case .tag(let key, let value): return node.tags[key] == value
    case .account(let account): return node.account == account
    }
  }
}

extension AccessGraph {
  /// Finds the nodes a user means by a source argument: the node with that exact id, else
  /// the members of a group such as `kind:human` (see `IdentityGroup`), else one node as
  /// `resolveNode` finds it.
  ///
  /// - Returns: The nodes in id order; one node for a node argument.
  /// - Throws: `AnalysisError.invalidGroup` for a malformed group, `.emptyGroup` for a group
  ///   with no member, or the errors of `resolveNode`.
  /// - Complexity: O(V) for a group; as `resolveNode` otherwise.
  public func resolveSources(_ text: String) throws(AnalysisError) -> [NodeID] {
    if let id = nodeID(for: text) {
      return [id]
    }
    guard let group = try IdentityGroup(parsing: text) else {
      return [try resolveNode(text)]
    }
    let members = nodeIDs.filter { group.contains($0, in: self) }
    guard !members.isEmpty else {
      throw .emptyGroup(text)
    }
    return members
  }
}
