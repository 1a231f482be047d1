import AccessGraph

/// The reach counts of every identity of an estate, computed for all identities at once:
/// over every edge, and over the edges that rest on no unevaluated condition.
///
/// The counts equal those of one `BlastRadius` per identity. Instead of one search per
/// identity, the (node, mode) states of the forward search that the identities reach
/// (`ReachableStateGraph`) are condensed into strongly connected components
/// (`Condensation`). Reach is then propagated as bitsets from the sinks of the condensation
/// upwards (`ReachPropagation`), once per column space: nodes, privileges, crown jewels,
/// platforms and accounts.
///
/// In the other direction, it counts for each identity how many nodes of chosen origin sets
/// (such as every person) can act as it, over every edge, by propagating origin bitsets
/// down the same condensation (`OriginPropagation`).
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
  /// For each origin set given, one count per identity: how many nodes of the set can act
  /// as the identity over every edge, the identity itself left out.
  public let actingOrigins: [[Int]]
  /// The counts of `actingOrigins` over edges with no unevaluated condition.
  public let unconditionalActingOrigins: [[Int]]

  /// The default bound on the bytes the propagation slices keep in bitset words: 256 MiB.
  public static let defaultMemoryLimit = 1 << 28

  /// Counts what each identity reaches.
  ///
  /// - Parameters:
  ///   - identities: Where the searches start; nil takes every actor (person, workload,
  ///     service identity or group) in id order.
  ///   - originSets: Sets of nodes whose acting reach is turned around: for each set,
  ///     `actingOrigins` counts the nodes of the set that reach each identity in the acting
  ///     mode, over every edge, and `unconditionalActingOrigins` over unconditional edges. A
  ///     node that is only held, such as a role that someone may
  ///     read, does not count as acted as.
  ///   - memoryLimit: The most bytes the propagation slices running at once may keep in
  ///     bitset words. A smaller limit splits the node columns into more slices but gives
  ///     the same counts.
  /// - Complexity: Twice (all edges, then unconditional ones) O(V + E) to build the state
  ///   graph and its components, plus O(P·(V + E + C + D) + W) per column space. C and D
  ///   count the components that some identity reaches and the edges between them, P the
  ///   slices and W the bitset words merged, at most D·V/64 for the node columns. The small column
  ///   spaces usually fit one slice per core. Each origin set of N nodes adds, twice,
  ///   O((C + D)·N/64 + N + I) for I identities. Extra space is O(V + E) plus the bitsets.
  public init(
    graph: AccessGraph, identities: [NodeID]? = nil, originSets: [[NodeID]] = [],
    memoryLimit: Int = defaultMemoryLimit
  ) {
    let sources = identities ?? graph.nodes { $0.kind.isActor }
    self.identities = sources
    let columns = ReachColumns(graph: graph)
    // Only what the sources and the origins reach takes part, so the searches start there.
    let startStates = (sources + originSets.joined()).map(StateGraph.actingState)
    let allStates = ReachableComponents(
      graph: graph, startStates: startStates, includesConditionalEdges: true)
    all = Self.count(
      graph: graph, sources: sources, columns: columns, states: allStates,
      memoryLimit: memoryLimit)
    actingOrigins = originSets.map { origins in
      Self.countOrigins(
        origins, reaching: sources, in: graph, states: allStates, memoryLimit: memoryLimit)
    }
    let unconditionalStates = ReachableComponents(
      graph: graph, startStates: startStates, includesConditionalEdges: false)
    unconditional = Self.count(
      graph: graph, sources: sources, columns: columns, states: unconditionalStates,
      memoryLimit: memoryLimit)
    unconditionalActingOrigins = originSets.map { origins in
      Self.countOrigins(
        origins, reaching: sources, in: graph, states: unconditionalStates,
        memoryLimit: memoryLimit)
    }
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
  /// - Complexity: As one of the two runs of `init(graph:identities:originSets:memoryLimit:)`, for the
  ///   node column space only.
  public static func reachedNodeCounts(
    graph: AccessGraph, identities: [NodeID], includesConditionalEdges: Bool = true,
    memoryLimit: Int = defaultMemoryLimit
  ) -> [Int] {
    let states = ReachableComponents(
      graph: graph, startStates: identities.map(StateGraph.actingState),
      includesConditionalEdges: includesConditionalEdges)
    let propagation = ReachPropagation(
      condensation: states.condensation, states: states.states,
      sourceComponents: identities.map(states.component(of:)), memoryLimit: memoryLimit)
    let nodes = (0..<graph.nodeCount).map(Int32.init)
    let reached = propagation.countColumns(columnOfNode: nodes, columnCount: graph.nodeCount)
    return reached.map { $0 - 1 }
  }

  /// Counts the nodes of `origins` whose acting state reaches each identity's acting state,
  /// leaving out the identity itself when it is an origin.
  private static func countOrigins(
    _ origins: [NodeID], reaching identities: [NodeID], in graph: AccessGraph,
    states: ReachableComponents, memoryLimit: Int
  ) -> [Int] {
    let propagation = OriginPropagation(
      condensation: states.condensation, originVertices: origins.map(states.vertex(of:)),
      memoryLimit: memoryLimit)
    let counts = propagation.countOrigins(reaching: identities.map(states.vertex(of:)))
    let originSet = Set(origins)
    return zip(identities, counts).map { identity, count in
      originSet.contains(identity) ? count - 1 : count
    }
  }

  private static func count(
    graph: AccessGraph, sources: [NodeID], columns: ReachColumns,
    states: ReachableComponents, memoryLimit: Int
  ) -> [ReachCounts] {
    let propagation = ReachPropagation(
      condensation: states.condensation, states: states.states,
      sourceComponents: sources.map(states.component(of:)), memoryLimit: memoryLimit)

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

/// The states that forward searches from chosen start states reach, condensed into strongly
/// connected components.
private struct ReachableComponents {
  let states: ReachableStateGraph
  let condensation: Condensation

  /// - Complexity: O(V + R + F) time and space, where V counts nodes, and R and F the states
  ///   reached and the state edges leaving them.
  init(graph: AccessGraph, startStates: [Int], includesConditionalEdges: Bool) {
    states = ReachableStateGraph(
      of: graph, from: startStates, includesConditionalEdges: includesConditionalEdges)
    // The vertices are in breadth-first order, but the depth-first searches start in state
    // order, which is node id order. Where a scope has a lower id than the resources it
    // contains, the search enters the scope first, so Tarjan's numbering, and the column
    // order taken from it, keep the resources of one scope together.
    let inStateOrder = states.vertexOfState.filter { $0 >= 0 }
    condensation = Condensation(
      vertexCount: states.vertexCount, offsets: states.offsets, targets: states.targets,
      searchOrder: inStateOrder)
  }

  /// Returns the vertex of `node`'s acting state, which must be a start state.
  func vertex(of node: NodeID) -> Int {
    let vertex = Int(states.vertexOfState[StateGraph.actingState(of: node)])
    precondition(vertex >= 0, "the acting state of node \(node.index) is not a start state")
    return vertex
  }

  /// Returns the component of `node`'s acting state, which must be a start state.
  func component(of node: NodeID) -> Int {
    Int(condensation.componentOfVertex[vertex(of: node)])
  }
}
