import AccessGraph

/// A node that a search reached, with the fewest hops to it and a shortest path.
public struct ReachedNode: Sendable, Equatable {
  public var node: NodeID
  public var hops: Int
  /// A shortest path's edges, in the direction the edges point.
  public var path: [EdgeID]
  /// Whether that path rests on a condition that was not evaluated.
  public var isConditional: Bool
  /// Whether the path acts as an actor at its far end: as the node reached, for a forward
  /// search, or as the target, for a search of who reaches it. False when the path only
  /// holds that actor (reads or accesses it, which grants none of its rights), and for
  /// every node that is not an actor.
  public var actsAs: Bool

  public init(
    node: NodeID, hops: Int, path: [EdgeID], isConditional: Bool, actsAs: Bool = false
  ) {
    self.node = node
    self.hops = hops
    self.path = path
    self.isConditional = isConditional
    self.actsAs = actsAs
  }
}

/// Named groups of reached nodes, such as all nodes of one platform.
public struct ReachGroup: Sendable, Equatable {
  public var key: String
  public var nodes: [ReachedNode]
}

/// Everything an identity can reach, and how: what is at risk if the identity is misused.
public struct BlastRadius: Sendable {
  public let source: NodeID
  public let maxDepth: Int?
  /// Every node reached except the source, by hop count, then kind, then id.
  public let reached: [ReachedNode]

  /// Computes the blast radius of `source`.
  ///
  /// Each node gets a shortest path that needs no unevaluated condition when one exists, and
  /// is marked conditional only when every path to it needs one.
  ///
  /// - Parameters:
  ///   - maxDepth: The most hops to follow; nil follows paths of any length.
  /// - Complexity: O(V + E) for two searches, plus O(R log R + R·h) to sort the R reached
  ///   nodes and collect their paths of at most h hops.
  public init(of source: NodeID, in graph: AccessGraph, maxDepth: Int? = nil) {
    self.source = source
    self.maxDepth = maxDepth
    let search = PreferredPaths(from: [source], in: graph, maxDepth: maxDepth)
    reached = search.reachedNodes.filter { $0 != source }
      .map(search.reachedNode)
      .sorted { lhs, rhs in
        Self.precedes(lhs, rhs, in: graph)
      }
  }

  static func precedes(_ lhs: ReachedNode, _ rhs: ReachedNode, in graph: AccessGraph) -> Bool {
    if lhs.hops != rhs.hops { return lhs.hops < rhs.hops }
    let left = graph.node(lhs.node)
    let right = graph.node(rhs.node)
    if left.kind != right.kind { return left.kind < right.kind }
    return left.id < right.id
  }

  /// Reached nodes grouped by kind, in the order of `NodeKind.allCases`.
  public func groupedByKind(in graph: AccessGraph) -> [ReachGroup] {
    group(in: graph) { $0.kind.rawValue }
      .sorted { NodeKind(rawValue: $0.key)! < NodeKind(rawValue: $1.key)! }
  }

  /// Reached nodes grouped by platform, sorted by platform name.
  public func groupedByPlatform(in graph: AccessGraph) -> [ReachGroup] {
    group(in: graph) { $0.platform.rawValue }.sorted { $0.key < $1.key }
  }

  /// Reached nodes grouped by `platform/account`; nodes with no account use the platform.
  public func groupedByAccount(in graph: AccessGraph) -> [ReachGroup] {
    group(in: graph) { Self.accountKey(of: $0) }.sorted { $0.key < $1.key }
  }

  /// Reached nodes split into `crown-jewel` and `other`.
  public func groupedBySensitivity(in graph: AccessGraph) -> [ReachGroup] {
    group(in: graph) { $0.isCrownJewel ? "crown-jewel" : "other" }.sorted { $0.key < $1.key }
  }

  /// Returns the crown jewels reached, in the order of `reached`.
  public func crownJewels(in graph: AccessGraph) -> [ReachedNode] {
    reached.filter { graph.node($0.node).isCrownJewel }
  }

  /// Returns the privilege nodes reached, in the order of `reached`.
  public func privileges(in graph: AccessGraph) -> [ReachedNode] {
    reached.filter { graph.node($0.node).kind == .privilege }
  }

  /// Returns the platforms of the source and of everything it reaches.
  public func platforms(in graph: AccessGraph) -> [Platform] {
    Set([graph.node(source).platform] + reached.map { graph.node($0.node).platform }).sorted()
  }

  /// Returns the `platform/account` keys of everything reached that has an account.
  public func accounts(in graph: AccessGraph) -> [String] {
    let nodes = [graph.node(source)] + reached.map { graph.node($0.node) }
    return Set(nodes.filter { !$0.account.isEmpty }.map(Self.accountKey)).sorted()
  }

  /// The deepest hop count among reached nodes; 0 when nothing is reached.
  public var deepestHop: Int { reached.last?.hops ?? 0 }

  static func accountKey(of node: Node) -> String {
    node.account.isEmpty ? node.platform.rawValue : "\(node.platform.rawValue)/\(node.account)"
  }

  private func group(in graph: AccessGraph, by key: (Node) -> String) -> [ReachGroup] {
    var groups: [String: [ReachedNode]] = [:]
    for entry in reached {
      groups[key(graph.node(entry.node)), default: []].append(entry)
    }
    return groups.map { ReachGroup(key: $0.key, nodes: $0.value) }
  }
}
