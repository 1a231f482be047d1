import AccessGraph

/// Shortest paths that rest on no unevaluated condition whenever such a path exists.
///
/// Two breadth-first searches: one over unconditional edges only, one over every edge. A
/// node that the first reaches gets its shortest unconditional path, even when a shorter
/// conditional one exists, so that a result marked conditional means that every path to it
/// needs a condition.
struct PreferredPaths {
  private let unconditional: Reachability
  private let any: Reachability

  /// - Complexity: O(V + E) time and O(V) extra space, twice.
  init(
    from sources: [NodeID], in graph: AccessGraph, direction: SearchDirection = .forward,
    maxDepth: Int? = nil, allowsEdge: ((EdgeID) -> Bool)? = nil
  ) {
    unconditional = graph.reachability(
      from: sources, direction: direction, maxDepth: maxDepth
    ) { edge in
      !graph.isConditional(edge) && (allowsEdge?(edge) ?? true)
    }
    any = graph.reachability(
      from: sources, direction: direction, maxDepth: maxDepth, allowsEdge: allowsEdge)
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
  func reachedNode(_ node: NodeID) -> ReachedNode {
    let path = path(to: node)
    return ReachedNode(node: node, hops: path.count, path: path, isConditional: isConditional(node))
  }
}
