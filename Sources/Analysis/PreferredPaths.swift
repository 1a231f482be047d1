import AccessGraph

/// Shortest paths that rest on no unevaluated condition whenever such a path exists.
///
/// Two breadth-first searches: one over unconditional edges only, one over every edge. A
/// node that the first reaches gets its shortest unconditional path, even when a shorter
/// conditional one exists, so that a result marked conditional means that every path to it
/// needs a condition.
struct PreferredPaths {
  private let graph: AccessGraph
  private let unconditional: Reachability
  private let any: Reachability

  /// - Complexity: O(V + E) time and O(V) extra space, twice.
  init(
    from sources: [NodeID], in graph: AccessGraph, direction: SearchDirection = .forward,
    maxDepth: Int? = nil, startsHeld: Bool = true, allowsEdge: ((EdgeID) -> Bool)? = nil
  ) {
    self.graph = graph
    unconditional = graph.reachability(
      from: sources, direction: direction, maxDepth: maxDepth, startsHeld: startsHeld
    ) { edge in
      !graph.isConditional(edge) && (allowsEdge?(edge) ?? true)
    }
    any = graph.reachability(
      from: sources, direction: direction, maxDepth: maxDepth, startsHeld: startsHeld,
      allowsEdge: allowsEdge)
  }

  /// Every node reached, in the order the search over all edges first reached it.
  var reachedNodes: [NodeID] { any.reachedNodes }

  func contains(_ node: NodeID) -> Bool {
    any.contains(node)
  }

  /// Returns whether every path found to `node` needs a condition that was not evaluated.
  func isConditional(_ node: NodeID) -> Bool {
    !unconditional.contains(node)
  }

  /// Returns the preferred path's edges, in the direction the edges point.
  func path(to node: NodeID) -> [EdgeID] {
    unconditional.contains(node) ? unconditional.path(to: node) : any.path(to: node)
  }

  /// Returns the node with its preferred path, ready for a result list.
  ///
  /// A forward search that can act as an actor (a person, workload, service identity or
  /// group) shows a path that acts as it, even when a shorter one only holds it, because
  /// acting as it is what grants its rights. `actsAs` is false for every other node.
  func reachedNode(_ node: NodeID) -> ReachedNode {
    if graph.node(node).kind.isActor, any.direction == .forward {
      if let acting = unconditional.actingPath(to: node) {
        return ReachedNode(
          node: node, hops: acting.count, path: acting, isConditional: false, actsAs: true)
      }
      if let acting = any.actingPath(to: node) {
        return ReachedNode(
          node: node, hops: acting.count, path: acting, isConditional: true, actsAs: true)
      }
    }
    let path = path(to: node)
    return ReachedNode(
      node: node, hops: path.count, path: path, isConditional: isConditional(node),
      actsAs: false)
  }

  /// Returns the reacher with its preferred path, for a reverse search from a target, and
  /// whether it can act as that target: `actingOnTarget` is the same search with
  /// `startsHeld: false`, or nil when the target is not an actor.
  func reacher(_ node: NodeID, actingOnTarget: PreferredPaths?) -> ReachedNode {
    if let actingOnTarget, actingOnTarget.contains(node) {
      let path = actingOnTarget.path(to: node)
      return ReachedNode(
        node: node, hops: path.count, path: path,
        isConditional: actingOnTarget.isConditional(node), actsAs: true)
    }
    let path = path(to: node)
    return ReachedNode(
      node: node, hops: path.count, path: path, isConditional: isConditional(node),
      actsAs: false)
  }
}
