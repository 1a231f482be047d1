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
///   to every request. No input contains a grant to remove for them;
/// - edges from an AWS service-linked role's own policies or trust policy, which AWS lets no
///   customer edit. These are the `access`, `escalates`, `controls` and `reads` edges out of
///   such a role, and the `assumes` and `federates` edges into it.
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
    let isServiceLinked = graph.nodes.map(Self.isServiceLinkedRole)
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
      let relation = graph.relation(of: edge)
      if Self.isGrantedByServiceLinkedRole(
        relation, from: isServiceLinked[graph.source(of: edge).index],
        to: isServiceLinked[graph.target(of: edge).index])
      {
        base[grant] = nil
        continue
      }
      if let cost = baseCost(of: relation) {
        base[grant] = max(current, cost)
      } else {
        base[grant] = nil
      }
    }
    return zip(base, edgeCounts).map { cost, count in cost.map { $0 * count } }
  }

  /// Returns whether `node` is an AWS service-linked role: its ARN has the path
  /// `/aws-service-role/`, as in
  /// `arn:aws:iam::111122223333:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport`.
  static func isServiceLinkedRole(_ node: Node) -> Bool {
    node.platform == .aws && node.id.hasPrefix("arn:")
      && node.id.contains(":role/aws-service-role/")
  }

  /// Returns whether an edge of `relation` comes from a service-linked role's own policies
  /// (an edge out of the role that an identity policy grants) or from its trust policy (an
  /// `assumes` or `federates` edge into it).
  ///
  /// NOTE: A resource policy that names a service-linked role, such as a bucket policy, can
  /// be edited, but its edges out of the role are taken as unrevocable too, because the
  /// graph does not tell them apart from those of the role's own policies.
  private static func isGrantedByServiceLinkedRole(
    _ relation: Relation, from sourceIsServiceLinked: Bool, to targetIsServiceLinked: Bool
  ) -> Bool {
    switch relation {
    case .access, .escalates, .controls, .reads: return sourceIsServiceLinked
    case .assumes, .federates: return targetIsServiceLinked
    case .memberOf, .runsAs, .authenticatesAs, .contains: return false
    }
  }
}
