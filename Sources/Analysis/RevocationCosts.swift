import AccessGraph

/// What it costs to revoke each grant of an estate, for `RevocationPlan`.
///
/// A grant is one provenance: every edge with the same file, location, grant text and
/// technique comes from one policy statement, binding, trust statement or inventory entry,
/// and revoking it removes all of those edges. Its cost is
///
///     base cost of its relation × number of edges the grant gives
///
/// so that a grant that many principals or resources depend on costs more to revoke: the
/// edge count measures the collateral. When a grant's edges have several relations, the
/// largest base cost applies.
///
/// Some edges cannot be revoked, and a grant with one of them is never cut:
///
/// - relations whose base cost is nil: by default `contains`, because a scope contains
///   what is in it, and `authenticatesAs`, because a credential is how its identity signs
///   in, so the way to cut it is to revoke who can read it;
/// - edges with neither file nor location, which an importer derives from how a platform
///   works, such as the group `system:authenticated` that the Kubernetes API server adds
///   to every request. No input contains a grant to remove for them.
public struct RevocationCosts: Sendable, Equatable {
  /// The cost of revoking one edge of each relation, or nil for a relation that cannot be
  /// revoked.
  public var baseCosts: [Relation: Int?]

  /// The documented default table, cheapest first. A group membership costs least, then
  /// reading a credential, then a trust, impersonation or federation binding. A permission
  /// grant, an escalation permission or control of a workload come next. Changing the
  /// identity a workload runs as is dearest, because the workload needs a new one.
  public static let defaultBaseCosts: [Relation: Int?] = [
    .memberOf: 1, .reads: 2, .assumes: 3, .federates: 3, .access: 4, .escalates: 4,
    .controls: 4, .runsAs: 6, .authenticatesAs: nil, .contains: nil,
  ]

  public init(baseCosts: [Relation: Int?] = RevocationCosts.defaultBaseCosts) {
    self.baseCosts = baseCosts
  }

  /// Returns the base cost of one edge of `relation`, or nil when it cannot be revoked.
  public func baseCost(of relation: Relation) -> Int? {
    baseCosts[relation] ?? Self.defaultBaseCosts[relation] ?? nil
  }

  /// Returns the cost of revoking every grant of `graph`, indexed by
  /// `AccessGraph.grantIndex(of:)`; nil marks a grant that cannot be revoked.
  ///
  /// - Complexity: O(E + G) for E edges and G grants.
  public func grantCosts(in graph: AccessGraph) -> [Int?] {
    var base = [Int?](repeating: 0, count: graph.grantCount)
    var edgeCounts = [Int](repeating: 0, count: graph.grantCount)
    for edge in graph.edgeIDs {
      let grant = graph.grantIndex(of: edge)
      edgeCounts[grant] += 1
      guard let current = base[grant] else { continue }
      if edgeCounts[grant] == 1 {
        let provenance = graph.provenance(of: edge)
        if provenance.file.isEmpty && provenance.location.isEmpty {
          base[grant] = nil
          continue
        }
      }
      if let cost = baseCost(of: graph.relation(of: edge)) {
        base[grant] = max(current, cost)
      } else {
        base[grant] = nil
      }
    }
    return zip(base, edgeCounts).map { cost, count in cost.map { $0 * count } }
  }
}
