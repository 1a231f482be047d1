import AccessGraph

/// The flow network of `RevocationPlan` and its minimum cut: which grants to revoke.
struct MinimumCut {
  private let targeted: TargetedStates
  /// Whether each state lies on a route from a source to a target state.
  private let isOnRoute: [Bool]
  /// The grants whose gadget arcs the minimum cut crosses, in grant index order.
  let cutGrants: [Int]
  /// The capacity of the minimum cut.
  let flowValue: Int
  /// Whether some revocable grant in the network got more than one gadget. Only then can
  /// the network charge a grant more than once, so that its minimum cut may cost more
  /// than the cheapest set of grants.
  let splitsGrants: Bool
  /// For each revocable grant in the network, the edges behind its state edges on routes.
  private let routeEdgesByGrant: [Int: [Int32]]

  /// Builds the network over the states on routes from `sources` to the target and cuts it.
  ///
  /// - Precondition: No source reaches a target along unrevocable edges only, so the cut is
  ///   finite.
  init(targeted: TargetedStates, sources: [NodeID]) {
    self.targeted = targeted
    let states = targeted.states
    let fromSources = Self.statesReached(from: sources, in: targeted)
    let toTargets = targeted.statesReachingTargets()
    let isOnRoute = zip(fromSources, toTargets).map { $0 && $1 }
    self.isOnRoute = isOnRoute

    var network = FlowNetwork()
    let superSource = network.addVertex()
    let superSink = network.addVertex()
    var vertexOfState = [Int32](repeating: -1, count: states.stateCount)
    for state in 0..<states.stateCount where isOnRoute[state] {
      vertexOfState[state] = Int32(network.addVertex())
    }
    let vertex = { (state: Int) -> Int in Int(vertexOfState[state]) }

    // State edges of revocable grants, gathered per grant; the others become unbounded arcs.
    var pairsByGrant: [Int: [(from: Int32, to: Int32, edge: Int32)]] = [:]
    for state in 0..<states.stateCount where isOnRoute[state] {
      if targeted.isTargetState[state] {
        network.addArc(from: vertex(state), to: superSink, capacity: FlowNetwork.unbounded)
        continue
      }
      for transition in states.transitions(of: state) {
        let next = Int(states.targets[transition])
        guard isOnRoute[next] else { continue }
        if targeted.isRevocable(transition) {
          let edge = states.edges[transition]
          let grant = targeted.graph.grantIndex(of: EdgeID(edge))
          pairsByGrant[grant, default: []].append((Int32(state), Int32(next), edge))
        } else {
          network.addArc(from: vertex(state), to: vertex(next), capacity: FlowNetwork.unbounded)
        }
      }
    }
    for source in sources where isOnRoute[StateGraph.actingState(of: source)] {
      network.addArc(
        from: superSource, to: vertex(StateGraph.actingState(of: source)),
        capacity: FlowNetwork.unbounded)
    }

    var grantOfArc: [Int: Int] = [:]
    var routeEdgesByGrant: [Int: [Int32]] = [:]
    var splitsGrants = false
    for grant in pairsByGrant.keys.sorted() {
      let pairs = pairsByGrant[grant]!
      let cost = Int64(targeted.grantCosts[grant]!)
      routeEdgesByGrant[grant] = Array(Set(pairs.map(\.edge))).sorted()
      let arcs = Self.addGadgets(
        for: pairs.map { (vertex(Int($0.from)), vertex(Int($0.to))) }, cost: cost, to: &network)
      for arc in arcs {
        grantOfArc[arc] = grant
      }
      if arcs.count > 1 {
        splitsGrants = true
      }
    }
    self.routeEdgesByGrant = routeEdgesByGrant
    self.splitsGrants = splitsGrants

    let (value, sourceSide) = network.maximumFlow(from: superSource, to: superSink)
    precondition(value < FlowNetwork.unbounded, "A source reaches a target along fixed edges")
    flowValue = Int(value)
    var cut: Set<Int> = []
    for (arc, grant) in grantOfArc
    where sourceSide[network.tail(of: arc)] && !sourceSide[network.head(of: arc)] {
      cut.insert(grant)
    }
    cutGrants = cut.sorted()
  }

  /// Adds the gadgets that carry one grant's state edges and returns their finite arcs.
  ///
  /// The state edges share one gadget when they form a complete bipartite set between their
  /// tails and heads, and otherwise get one gadget per tail or per head, whichever side has
  /// fewer vertices. Either way, every path through a gadget is one of the grant's state
  /// edges, so the network has no route the state graph lacks.
  private static func addGadgets(
    for pairs: [(Int, Int)], cost: Int64, to network: inout FlowNetwork
  ) -> [Int] {
    var distinct: [Int: Set<Int>] = [:]
    var heads: Set<Int> = []
    for (tail, head) in pairs {
      distinct[tail, default: []].insert(head)
      heads.insert(head)
    }
    let tails = distinct.keys.sorted()
    let sortedHeads = heads.sorted()
    let pairCount = distinct.values.reduce(0) { $0 + $1.count }
    let unbounded = FlowNetwork.unbounded

    if pairCount == tails.count * heads.count {
      let entry = network.addVertex()
      let exit = network.addVertex()
      for tail in tails { network.addArc(from: tail, to: entry, capacity: unbounded) }
      for head in sortedHeads { network.addArc(from: exit, to: head, capacity: unbounded) }
      return [network.addArc(from: entry, to: exit, capacity: cost)]
    }
    if tails.count <= heads.count {
      return tails.map { tail in
        let exit = network.addVertex()
        for head in distinct[tail]!.sorted() {
          network.addArc(from: exit, to: head, capacity: unbounded)
        }
        return network.addArc(from: tail, to: exit, capacity: cost)
      }
    }
    var tailsByHead: [Int: [Int]] = [:]
    for (tail, headSet) in distinct {
      for head in headSet { tailsByHead[head, default: []].append(tail) }
    }
    return sortedHeads.map { head in
      let entry = network.addVertex()
      for tail in tailsByHead[head]!.sorted() {
        network.addArc(from: tail, to: entry, capacity: unbounded)
      }
      return network.addArc(from: entry, to: head, capacity: cost)
    }
  }

  /// Returns which states a forward search from the sources' acting states reaches without
  /// going on from a target state.
  private static func statesReached(from sources: [NodeID], in targeted: TargetedStates)
    -> [Bool]
  {
    let states = targeted.states
    var isReached = [Bool](repeating: false, count: states.stateCount)
    var queue: [Int] = []
    for source in sources {
      let state = StateGraph.actingState(of: source)
      if !isReached[state] {
        isReached[state] = true
        queue.append(state)
      }
    }
    var head = 0
    while head < queue.count {
      let state = queue[head]
      head += 1
      if targeted.isTargetState[state] { continue }
      for next in states.successors(of: state) where !isReached[Int(next)] {
        isReached[Int(next)] = true
        queue.append(Int(next))
      }
    }
    return isReached
  }

  /// Returns whether `source` reaches a target at all.
  func reachesTarget(_ source: NodeID) -> Bool {
    isOnRoute[StateGraph.actingState(of: source)]
  }

  /// Returns the edges of `grant` that lie on a route from a source to a target.
  func routeEdges(of grant: Int) -> [EdgeID] {
    (routeEdgesByGrant[grant] ?? []).map(EdgeID.init)
  }

  /// Returns the cut grants without those whose revocation is not needed, in grant index
  /// order. Grants are tried dearest first, and each is dropped when the sources reach no
  /// target without it.
  ///
  /// - Complexity: O(c·(R + T)) for c cut grants, where R and T count the states and state
  ///   edges on routes from the sources to the target.
  func pruned(sources: [NodeID]) -> [Int] {
    var revoked = [Bool](repeating: false, count: targeted.grantCosts.count)
    for grant in cutGrants { revoked[grant] = true }
    let order = cutGrants.sorted { lhs, rhs in
      let left = targeted.grantCosts[lhs] ?? 0
      let right = targeted.grantCosts[rhs] ?? 0
      return left != right ? left > right : lhs < rhs
    }
    var isReached = [Bool](repeating: false, count: targeted.states.stateCount)
    var queue: [Int] = []
    for grant in order {
      revoked[grant] = false
      if reachesTarget(from: sources, revoked: revoked, &isReached, &queue) {
        revoked[grant] = true
      }
    }
    return cutGrants.filter { revoked[$0] }
  }

  /// Searches the states on routes from `sources`, skipping state edges of revoked grants,
  /// and stops at the first target state. Leaves `isReached` all false again.
  private func reachesTarget(
    from sources: [NodeID], revoked: [Bool], _ isReached: inout [Bool], _ queue: inout [Int]
  ) -> Bool {
    let states = targeted.states
    queue.removeAll(keepingCapacity: true)
    for source in sources {
      let state = StateGraph.actingState(of: source)
      if isOnRoute[state] && !isReached[state] {
        isReached[state] = true
        queue.append(state)
      }
    }
    var found = false
    var head = 0
    search: while head < queue.count {
      let state = queue[head]
      head += 1
      for transition in states.transitions(of: state) {
        let next = Int(states.targets[transition])
        guard isOnRoute[next], !isReached[next] else { continue }
        let edge = EdgeID(states.edges[transition])
        if revoked[targeted.graph.grantIndex(of: edge)] { continue }
        if targeted.isTargetState[next] {
          found = true
          break search
        }
        isReached[next] = true
        queue.append(next)
      }
    }
    for state in queue { isReached[state] = false }
    return found
  }
}
