import AccessGraph

/// A target that a path or a question can aim at.
public enum Target: Sendable, Equatable {
  /// Any `privilege` node: account admin, subscription owner, cluster-admin.
  case admin
  /// Every node marked as a crown jewel.
  case crownJewels
  /// One node.
  case node(NodeID)

  /// Returns the nodes the target stands for.
  ///
  /// - Complexity: O(V) for `admin` and `crownJewels`, O(1) for one node.
  public func nodes(in graph: AccessGraph) -> Set<NodeID> {
    switch self {
    case .admin: Set(graph.nodes { $0.kind == .privilege })
    case .crownJewels: Set(graph.nodes { $0.isCrownJewel })
    case .node(let id): [id]
    }
  }
}

extension AccessGraph {
  /// Finds the node a user means by `text`: an exact node id, else a unique display name,
  /// else the one Entra user whose user principal name it is, in any letter case.
  ///
  /// - Throws: `AnalysisError.ambiguousName` with the candidates' ids when several nodes
  ///   share the name, or `AnalysisError.unknownNode` with close names when none matches.
  /// - Complexity: O(1) expected for an id; O(V) for a display name.
  public func resolveNode(_ text: String) throws(AnalysisError) -> NodeID {
    if let id = nodeID(for: text) {
      return id
    }
    let named = self.nodes { $0.name == text }
    if named.count == 1 {
      return named[0]
    }
    if named.count > 1 {
      throw .ambiguousName(text, candidates: named.map { node($0).id }.sorted())
    }
    let folded = text.lowercased()
    // Entra users are known by their sign-in name as much as by their display name.
    let signingIn = self.nodes { $0.tags["userPrincipalName"]?.lowercased() == folded }
    if signingIn.count == 1 {
      return signingIn[0]
    }
    let close = self.nodes {
      $0.name.lowercased().contains(folded) || $0.id.lowercased().hasSuffix(folded)
    }
    throw .unknownNode(text, suggestions: close.prefix(5).map { node($0).id })
  }

  /// Resolves `text` as a target: `admin`, `crown-jewels`, or a node as `resolveNode` finds it.
  public func resolveTarget(_ text: String) throws(AnalysisError) -> Target {
    switch text {
    case "admin": return .admin
    case "crown-jewels": return .crownJewels
    default: return .node(try resolveNode(text))
    }
  }
}
