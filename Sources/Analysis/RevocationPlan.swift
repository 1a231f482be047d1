import AccessGraph

/// The cheapest set of grants whose revocation separates some identities from a target: a
/// minimum cut of the (node, mode) state graph, found as a maximum flow.
///
/// The flow network has a vertex per search state that lies on some route from a source to
/// a target, a super-source joined to each source's acting state and a super-sink joined
/// from every state of a target node. A state edge whose grant cannot be revoked (see
/// `RevocationCosts`) becomes an arc of unbounded capacity. The state edges of a revocable
/// grant pass through gadget vertices whose one finite arc carries the grant's cost. Cutting
/// that arc removes every state edge of the grant that runs through the gadget:
///
/// - when the grant's state edges join every one of their source states to every one of
///   their target states, they share one gadget: sources → in, in → out at the grant's
///   cost, out → targets;
/// - otherwise the grant gets one gadget per source state (or per target state, whichever
///   is fewer), so that no route the graph lacks is created.
///
/// A graph edge gives up to two state edges, one per mode of its source, and both go
/// through the same gadget unless the edge is a `contains` edge, whose two state edges keep
/// their modes apart. When every revocable grant on the routes needs one gadget, each cut of
/// the network costs what its grants cost, so the plan is the cheapest (`isOptimal`).
/// Otherwise the network charges a grant once per gadget it crosses, so the plan is still a
/// valid cut but its cost is only an upper bound. A cheaper plan may then exist even when
/// `flowValue` equals `cost`, because the cheapest plan may use a grant that the network
/// charges twice. After
/// the cut, every grant whose revocation turns out unneeded is dropped, dearest first, and a
/// fresh search over the graph without the revoked edges checks that no target is reached.
///
/// Over every identity, holders of the target (see `Holder`) are kept by default: they are
/// not sources, and acting as one counts as reaching the target, so the plan cuts the paths
/// into them and never the grants that make them holders.
public struct RevocationPlan: Sendable {
  /// One grant to revoke.
  public struct RevokedGrant: Sendable, Equatable {
    public var provenance: Provenance
    /// The grant's revocation cost from `RevocationCosts`.
    public var cost: Int
    /// Every edge the grant gives, all of which revoking it removes.
    public var edgeCount: Int
    /// The grant's edges that lie on a route from a source to a target, in id order.
    public var cutEdges: [EdgeID]
  }

  /// The reach of one source before and after the revocations.
  public struct SourceReach: Sendable, Equatable {
    public var source: NodeID
    public var before: ReachCounts
    public var after: ReachCounts
  }

  public let target: Target
  public let targetNodes: Set<NodeID>
  /// The identities the plan separates from the target.
  public let sources: [NodeID]
  /// Identities left out as privileged by construction. With given sources, those among
  /// them; when every given source is privileged, see `unrevocablePath` instead.
  public let privilegedSources: [NodeID]
  /// The privileged identities that act as a holder kept through unrevocable edges, rather
  /// than reach a target node, each with that path. Empty unless `keepsHolders`.
  public let sourcesBoundToHolders: [HolderBinding]
  /// Whether holders of the target were kept: no sources were given and `keepsHolders`
  /// was true.
  public let keepsHolders: Bool
  /// Actors kept as holders of the target, in id order; empty unless `keepsHolders`.
  public let holders: [Holder]
  /// The given sources that hold the target themselves, so that the plan revokes grants
  /// that make them holders; empty without given sources.
  public let holdingSources: [Holder]
  /// The given sources that are no holders but act as one through unrevocable edges, each
  /// with that path. Without given sources such identities are left out as privileged, so
  /// the plan for them revokes grants that make the holder one. Empty without given
  /// sources.
  public let sourcesActingAsHolders: [HolderBinding]
  /// When every given source reaches a target through edges that cannot be revoked, the
  /// first one's path: empty when that source is a target itself. Nil otherwise.
  public let unrevocablePath: (source: NodeID, edges: [EdgeID])?
  /// The grants to revoke, ordered by file, location, grant text and technique.
  public let grants: [RevokedGrant]
  /// The capacity of the minimum cut in the flow network; at least `cost`.
  public let flowValue: Int
  /// Whether `cost` is the least that any set of grants separating the sources costs: true
  /// when every revocable grant on the routes fits one gadget of the flow network, and when
  /// there is nothing to cut. Otherwise the plan is a valid cut whose cost is an upper bound.
  public let isOptimal: Bool
  /// Every edge that the revocations remove, in id order.
  public let removedEdges: [EdgeID]
  /// Each source that reached a target before the revocations, in the order of `sources`.
  public let exposedSources: [SourceReach]
  /// Counts of everything the sources reach together, other than themselves, before and
  /// after the revocations.
  public let before: ReachCounts
  public let after: ReachCounts
  /// Target nodes that a source still reaches, and holders kept that a source still acts
  /// as, after the revocations. A correct plan leaves it empty. The search that fills it is
  /// independent of the flow network.
  public let targetsReachedAfter: [NodeID]

  /// Whether the plan separates every source from the target.
  public var isComplete: Bool { unrevocablePath == nil }

  /// The total cost of the grants to revoke.
  public var cost: Int { grants.reduce(0) { $0 + $1.cost } }

  /// Finds the cheapest grants whose revocation separates `sources` from `target`.
  ///
  /// - Parameters:
  ///   - sources: The identities to separate, leaving out those that `AttackSources` calls
  ///     privileged; nil takes `EstateIdentities.attackSources(in:)`.
  ///   - keepsHolders: Without `sources`, whether holders of the target are kept: left out
  ///     of the sources, with acting as one counting as reaching the target. False treats
  ///     them as sources, so that the grants that make them holders may be revoked.
  ///   - costs: The cost of each grant.
  /// - Complexity: O(V + E + G) to build the state graph and the network, where V counts
  ///   nodes, E edges and G grants. Dinic's algorithm on the network of O(V + E) vertices
  ///   and arcs is O(V²·E) in the worst case. Dropping unneeded grants is O(c·(V + E)) for
  ///   c cut grants, and the counts before and after run `EstateReach` twice.
  public init(
    graph: AccessGraph, target: Target, sources: [NodeID]? = nil, keepsHolders: Bool = true,
    costs: RevocationCosts = RevocationCosts()
  ) {
    self.target = target
    let targetNodes = target.nodes(in: graph)
    self.targetNodes = targetNodes
    let allHolders = Holder.all(of: targetNodes, in: graph)
    self.keepsHolders = sources == nil && keepsHolders
    let keptHolders = self.keepsHolders ? allHolders : []
    let targeted = TargetedStates(
      graph: graph, targets: targetNodes, holders: keptHolders, costs: costs)
    let selection = targeted.attackSources(among: sources)
    holders = selection.holders
    sourcesBoundToHolders = selection.boundToHolders
    let given = Set(sources ?? [])
    let holding = allHolders.filter { given.contains($0.node) }
    holdingSources = holding
    let isHolding = Set(holding.map(\.node))
    sourcesActingAsHolders =
      sources == nil
      ? []
      : Self.bindings(
        of: selection.sources.filter { !isHolding.contains($0) }, to: allHolders, in: targeted)

    if sources != nil && selection.sources.isEmpty, let blocked = selection.privileged.first {
      self.sources = sources ?? []
      privilegedSources = []
      unrevocablePath = (blocked, targeted.fixedPath(from: blocked) ?? [])
      grants = []
      flowValue = 0
      isOptimal = true
      removedEdges = []
      let counts = Self.unionCounts(graph: graph, sources: self.sources)
      before = counts
      after = counts
      exposedSources = []
      targetsReachedAfter = []
      return
    }
    self.sources = selection.sources
    privilegedSources = selection.privileged
    unrevocablePath = nil

    let cut = MinimumCut(targeted: targeted, sources: selection.sources)
    let chosen = cut.pruned(sources: selection.sources)
    flowValue = cut.flowValue
    isOptimal = !cut.splitsGrants
    let revoked = Set(chosen)
    var edgesByGrant: [Int: [EdgeID]] = [:]
    for edge in graph.edgeIDs where revoked.contains(graph.grantIndex(of: edge)) {
      edgesByGrant[graph.grantIndex(of: edge), default: []].append(edge)
    }
    grants = chosen.map { grant in
      let edges = edgesByGrant[grant] ?? []
      return RevokedGrant(
        provenance: graph.provenance(of: edges[0]), cost: targeted.grantCosts[grant] ?? 0,
        edgeCount: edges.count, cutEdges: cut.routeEdges(of: grant))
    }.sorted { Self.precedes($0.provenance, $1.provenance) }
    removedEdges = edgesByGrant.values.flatMap { $0 }.sorted()

    let remaining = graph.removingEdges(Set(removedEdges))
    let search = remaining.reachability(from: selection.sources)
    targetsReachedAfter =
      (targetNodes.filter { search.contains($0) } + holders.map(\.node).filter(search.actsAs))
      .sorted()
    before = Self.unionCounts(graph: graph, sources: selection.sources)
    after = Self.unionCounts(graph: remaining, sources: selection.sources)

    let exposed = selection.sources.filter { cut.reachesTarget($0) }
    let reachBefore = EstateReach(graph: graph, identities: exposed).all
    let reachAfter = EstateReach(graph: remaining, identities: exposed).all
    exposedSources = exposed.indices.map {
      SourceReach(source: exposed[$0], before: reachBefore[$0], after: reachAfter[$0])
    }
  }

  /// Returns the identities among `sources` that act as one of `holders` through
  /// unrevocable edges, each with a shortest such path.
  ///
  /// - Complexity: O(V + E) for one search against the state edges from every holder.
  private static func bindings(
    of sources: [NodeID], to holders: [Holder], in targeted: TargetedStates
  ) -> [HolderBinding] {
    guard !holders.isEmpty && !sources.isEmpty else { return [] }
    let routes = targeted.unrevocableRoutes(
      to: holders.map { StateGraph.actingState(of: $0.node) }.sorted())
    return sources.compactMap { source in
      guard let route = targeted.follow(routes, from: StateGraph.actingState(of: source))
      else { return nil }
      return HolderBinding(source: source, holder: NodeID(route.end >> 1), edges: route.edges)
    }
  }

  /// Counts what `sources` reach together, leaving the sources themselves out of the nodes,
  /// privileges and crown jewels, and counting their platforms and accounts.
  ///
  /// - Complexity: O(V + E).
  static func unionCounts(graph: AccessGraph, sources: [NodeID]) -> ReachCounts {
    let search = graph.reachability(from: sources)
    let isSource = Set(sources)
    let reached = search.reachedNodes.filter { !isSource.contains($0) }.map(graph.node)
    let all = sources.map(graph.node) + reached
    let accounts = Set(all.filter { !$0.account.isEmpty }.map(BlastRadius.accountKey))
    return ReachCounts(
      reached: reached.count, privileges: reached.filter { $0.kind == .privilege }.count,
      crownJewels: reached.filter(\.isCrownJewel).count,
      platforms: Set(all.map(\.platform)).count, accounts: accounts.count)
  }

  private static func precedes(_ lhs: Provenance, _ rhs: Provenance) -> Bool {
    if lhs.file != rhs.file { return lhs.file < rhs.file }
    if lhs.location != rhs.location { return lhs.location < rhs.location }
    if lhs.grant != rhs.grant { return lhs.grant < rhs.grant }
    return (lhs.technique ?? "") < (rhs.technique ?? "")
  }
}
