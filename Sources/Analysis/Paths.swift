import AccessGraph

extension AccessGraph {
  /// Returns a shortest path from `sources` to each node of `target` that they reach.
  ///
  /// Breadth-first search from all sources; each target node reached gets a shortest path
  /// that needs no unevaluated condition if there is one, else a shortest path. Sources
  /// that are themselves targets are skipped.
  ///
  /// - Returns: Paths without an unevaluated condition first, then by hop count, then by
  ///   the target's id, so the first path is the one `rankedPaths(from:to:limit:)` puts
  ///   first.
  /// - Complexity: O(V + E + T·h) time, where T counts target nodes reached and h the
  ///   longest path's hops.
  public func shortestPaths(from sources: [NodeID], to target: Target) -> [AttackPath] {
    let targets = target.nodes(in: self)
    let search = PreferredPaths(from: sources, in: self)
    let found = targets.filter { search.contains($0) && !sources.contains($0) }
    return found.map { AttackPath(edges: search.path(to: $0), in: self) }
      .sorted { lhs, rhs in
        if lhs.isConditional != rhs.isConditional { return !lhs.isConditional }
        if lhs.hops.count != rhs.hops.count { return lhs.hops.count < rhs.hops.count }
        return node(lhs.target).id < node(rhs.target).id
      }
  }

  /// Returns the `limit` best loopless paths from `source` to any node of `target`, several
  /// of which may end at the same node.
  ///
  /// Paths that need no unevaluated condition come first, then fewer hops, then the
  /// target's id. `looplessPaths(from:to:limit:)` gives the full order and the algorithm.
  ///
  /// - Complexity: O(k·h·(V + E + T·h·log T)), where k is `limit`, h the most hops on a
  ///   path returned and T the target nodes.
  public func rankedPaths(from source: NodeID, to target: Target, limit: Int) -> [AttackPath] {
    rankedPaths(from: [source], to: target, limit: limit)
  }

  /// Returns the `limit` best loopless paths from any of `sources` to any node of `target`
  /// that is not itself one of `sources`, as `shortestPaths(from:to:)` leaves those out too.
  ///
  /// The order is that of `rankedPaths(from:to:limit:)` for one source;
  /// `looplessPaths(from:to:limit:)` for several sources breaks ties between sources.
  ///
  /// - Parameter progress: Called with the number of paths found so far each time one is
  ///   added.
  /// - Complexity: That of `looplessPaths(from:to:limit:)` for several sources.
  public func rankedPaths(
    from sources: [NodeID], to target: Target, limit: Int,
    progress: (_ found: Int) -> Void = { _ in }
  ) -> [AttackPath] {
    let targets = target.nodes(in: self).subtracting(sources)
    return looplessPaths(from: sources, to: targets, limit: limit, progress: progress)
      .map { AttackPath(edges: $0, in: self) }
  }
}
