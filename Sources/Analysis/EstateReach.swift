import AccessGraph

/// The reach counts of every identity of an estate, computed for all identities at once:
/// over every edge, and over the edges that rest on no unevaluated condition.
///
/// The counts equal those of one `BlastRadius` per identity. Instead of one search per
/// identity, the (node, mode) states of the forward search (`StateGraph`) are condensed into
/// strongly connected components (`Condensation`). Reach is then propagated as bitsets from
/// the sinks of the condensation upwards (`ReachPropagation`), once per column space: nodes,
/// privileges, crown jewels, platforms and accounts.
///
/// The deepest hop is not counted here. It depends on shortest paths, so it needs a search
/// from the identity, such as `BlastRadius`.
public struct EstateReach: Sendable {
  /// The identities counted, in the order given.
  public let identities: [NodeID]
  /// Counts over every edge, one per identity.
  public let all: [ReachCounts]
  /// Counts over edges with no unevaluated condition, one per identity.
  public let unconditional: [ReachCounts]

  /// The default bound on the bytes the propagation slices keep in bitset words: 256 MiB.
  public static let defaultMemoryLimit = 1 << 28

  /// Counts what each identity reaches.
  ///
  /// - Parameters:
  ///   - identities: Where the searches start; nil takes every actor (person, workload,
  ///     service identity or group) in id order.
  ///   - memoryLimit: The most bytes the propagation slices running at once may keep in
  ///     bitset words. A smaller limit splits the node columns into more slices but gives
  ///     the same counts.
  /// - Complexity: Twice (all edges, then unconditional ones) O(V + E) to build the state
  ///   graph and its components, plus O(P·(V + C + D) + W) per column space. C and D count
  ///   the components that some identity reaches and the edges between them, P the slices
  ///   and W the bitset words merged, at most D·V/64 for the node columns. The small column
  ///   spaces usually fit one slice per core. Extra space is O(V + E) plus the bitsets.
  public init(
    graph: AccessGraph, identities: [NodeID]? = nil, memoryLimit: Int = defaultMemoryLimit
  ) {
    let sources = identities ?? graph.nodes { $0.kind.isActor }
    self.identities = sources
    let columns = ReachColumns(graph: graph)
    all = Self.count(
      graph: graph, sources: sources, columns: columns, includesConditionalEdges: true,
      memoryLimit: memoryLimit)
    unconditional = Self.count(
      graph: graph, sources: sources, columns: columns, includesConditionalEdges: false,
      memoryLimit: memoryLimit)
  }

  /// Returns the counts of `identity` over every edge and over unconditional edges only, or
  /// nil when it was not counted.
  ///
  /// - Complexity: O(I) for I identities.
  public func counts(of identity: NodeID) -> (all: ReachCounts, unconditional: ReachCounts)? {
    identities.firstIndex(of: identity).map { (all[$0], unconditional[$0]) }
  }

  /// Counts the nodes each identity reaches, leaving the identity itself out: the `reached`
  /// figure of `ReachCounts` alone, without the other column spaces.
  ///
  /// - Parameters:
  ///   - identities: Where the searches start.
  ///   - includesConditionalEdges: false counts over edges with no unevaluated condition.
  ///   - memoryLimit: The most bytes one propagation pass may spend on bitsets.
  /// - Returns: One count per identity, in the order given.
  /// - Complexity: As one of the two runs of `init(graph:identities:memoryLimit:)`, for the
  ///   node column space only.
  public static func reachedNodeCounts(
    graph: AccessGraph, identities: [NodeID], includesConditionalEdges: Bool = true,
    memoryLimit: Int = defaultMemoryLimit
  ) -> [Int] {
    let propagation = Self.propagation(
      graph: graph, sources: identities, includesConditionalEdges: includesConditionalEdges,
      memoryLimit: memoryLimit)
    let nodes = (0..<graph.nodeCount).map(Int32.init)
    let reached = propagation.countColumns(columnOfNode: nodes, columnCount: graph.nodeCount)
    return reached.map { $0 - 1 }
  }

  /// Builds the state graph, its condensation and the propagation from `sources`.
  private static func propagation(
    graph: AccessGraph, sources: [NodeID], includesConditionalEdges: Bool, memoryLimit: Int
  ) -> ReachPropagation {
    let states = StateGraph(of: graph, includesConditionalEdges: includesConditionalEdges)
    let condensation = Condensation(
      vertexCount: states.stateCount, offsets: states.offsets, targets: states.targets)
    let sourceComponents = sources.map {
      Int(condensation.componentOfVertex[StateGraph.actingState(of: $0)])
    }
    return ReachPropagation(
      condensation: condensation, sourceComponents: sourceComponents, memoryLimit: memoryLimit)
  }

  private static func count(
    graph: AccessGraph, sources: [NodeID], columns: ReachColumns,
    includesConditionalEdges: Bool, memoryLimit: Int
  ) -> [ReachCounts] {
    let propagation = Self.propagation(
      graph: graph, sources: sources, includesConditionalEdges: includesConditionalEdges,
      memoryLimit: memoryLimit)

    let nodes = (0..<graph.nodeCount).map(Int32.init)
    let reached = propagation.countColumns(columnOfNode: nodes, columnCount: graph.nodeCount)
    let privileges = propagation.countColumns(
      columnOfNode: columns.privilege, columnCount: columns.privilegeCount)
    let crownJewels = propagation.countColumns(
      columnOfNode: columns.crownJewel, columnCount: columns.crownJewelCount)
    let platforms = propagation.countColumns(
      columnOfNode: columns.platform, columnCount: columns.platformCount)
    let accounts = propagation.countColumns(
      columnOfNode: columns.account, columnCount: columns.accountCount)

    // A source always reaches itself, and `BlastRadius` leaves it out of the nodes, privileges
    // and crown jewels it reached.
    return sources.indices.map { index in
      let source = graph.node(sources[index])
      let ownPrivilege = source.kind == .privilege ? 1 : 0
      let ownJewel = source.isCrownJewel ? 1 : 0
      return ReachCounts(
        reached: reached[index] - 1, privileges: privileges[index] - ownPrivilege,
        crownJewels: crownJewels[index] - ownJewel, platforms: platforms[index],
        accounts: accounts[index])
    }
  }
}
