import AccessGraph

extension AccessGraph {
  /// Returns a shortest path from `sources` to each node of `target` that they reach.
  ///
  /// Breadth-first search from all sources; each target node reached gets a shortest path
  /// that needs no unevaluated condition if there is one, else a shortest path. Sources
  /// that are themselves targets are skipped.
  ///
  /// - Returns: Paths sorted by hop count, then by the target's id.
  /// - Complexity: O(V + E + T·h) time, where T counts target nodes reached and h the
  ///   longest path's hops.
  public func shortestPaths(from sources: [NodeID], to target: Target) -> [AttackPath] {
    let targets = target.nodes(in: self)
    let search = PreferredPaths(from: sources, in: self)
    let found = targets.filter { search.contains($0) && !sources.contains($0) }
    return found.map { AttackPath(edges: search.path(to: $0), in: self) }
      .sorted { lhs, rhs in
        if lhs.hops.count != rhs.hops.count { return lhs.hops.count < rhs.hops.count }
        return node(lhs.target).id < node(rhs.target).id
      }
  }
}
