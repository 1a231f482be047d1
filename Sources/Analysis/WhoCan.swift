import AccessGraph

/// Everyone and everything that can reach a target, each with a shortest path to it.
public struct WhoCan: Sendable {
  public let target: NodeID
  public let action: String?
  /// Every node that reaches the target, except the target, by hop count, then kind, then id.
  /// Each path runs from that node to the target.
  public let reachers: [ReachedNode]

  /// Finds who or what can reach `target`.
  ///
  /// Breadth-first search against the edges. With `action`, the grant that finally reaches
  /// the target, an `access` edge into it or into a scope that contains it, must allow the
  /// action as `ActionPattern.allows` decides. As in `BlastRadius`, paths that need no
  /// unevaluated condition are preferred.
  ///
  /// - Complexity: O(V + E) for the search, plus O(R log R + R·h) for the R nodes found.
  public init(
    target: NodeID, in graph: AccessGraph, action: String? = nil, maxDepth: Int? = nil
  ) {
    self.target = target
    self.action = action
    var allowsEdge: ((EdgeID) -> Bool)? = nil
    if let action {
      let holders = Set(
        graph.reachability(from: [target], direction: .reverse) {
          graph.relation(of: $0) == .contains
        }.reachedNodes)
      allowsEdge = { edge in
        guard graph.relation(of: edge) == .access, holders.contains(graph.target(of: edge))
        else {
          return true
        }
        return ActionPattern.allows(graph.actions(of: edge), action)
      }
    }
    let search = PreferredPaths(
      from: [target], in: graph, direction: .reverse, maxDepth: maxDepth,
      allowsEdge: allowsEdge)
    // For an actor, a second search keeps only the paths that end acting as it, so that a
    // reader of a role's scope is distinguished from someone who can assume the role.
    let acting =
      graph.node(target).kind.isActor
      ? PreferredPaths(
        from: [target], in: graph, direction: .reverse, maxDepth: maxDepth, startsHeld: false,
        allowsEdge: allowsEdge)
      : nil
    reachers = search.reachedNodes.filter { $0 != target }
      .map { search.reacher($0, actingOnTarget: acting) }
      .sorted { BlastRadius.precedes($0, $1, in: graph) }
  }

  /// Returns the reachers that are identities: people, workloads and service identities.
  public func identities(in graph: AccessGraph) -> [ReachedNode] {
    reachers.filter { graph.node($0.node).kind.isIdentity }
  }
}
