import AccessGraph

/// The edges and the identities that the most shortest attack paths pass through.
///
/// For each source s and each target node t that s reaches, take every shortest path from
/// s's acting state to t in the (node, mode) state graph, where a path ends at the first
/// target state it reaches. When holders are kept (see `Holder`), acting as a holder is a
/// target state that stands for every target node the holder holds. An edge's score is the
/// sum over all such pairs (s, t) of the share of those paths that use the edge. When every
/// pair has one shortest path, the score is the number of pairs whose path uses the edge. A node's score is the same sum over the
/// paths that pass through it, not counting paths that start there. This is Brandes'
/// dependency accumulation (U. Brandes, "A faster algorithm for betweenness centrality",
/// 2001) restricted to the given sources and targets.
///
/// The sources are the identities that `AttackSources` defines. Holders kept are left out
/// because they are meant to hold the target, and privileged identities because no
/// revocation can cut their paths.
public struct Chokepoints: Sendable {
  /// An edge with its score.
  public struct EdgeScore: Sendable, Equatable {
    public var edge: EdgeID
    public var score: Double
  }

  /// A node with its score.
  public struct NodeScore: Sendable, Equatable {
    public var node: NodeID
    public var score: Double
  }

  public let target: Target
  public let sources: [NodeID]
  /// The revocation costs that decided which edges are listed and which identities are
  /// privileged. `paths(through:in:limit:)` searches with them again.
  public let costs: RevocationCosts
  /// Actors kept as holders of the target; empty when sources were given or holders are
  /// not kept.
  public let holders: [Holder]
  /// Identities left out as privileged by construction (see `AttackSources`).
  public let privilegedSources: [NodeID]
  /// The privileged identities that act as a holder kept through unrevocable edges, each
  /// with that path.
  public let sourcesBoundToHolders: [HolderBinding]
  /// The (source, target node) pairs with a path, the most any score can be. Acting as a
  /// holder counts as a path to each target node it holds.
  public let pairCount: Int
  /// Every edge with a positive score that a revocation can remove, highest first, then by
  /// edge id. Edges of unrevocable grants, such as `contains`, are left out because no
  /// one can act on them, though they count in the scores of the nodes they pass.
  public let edges: [EdgeScore]
  /// Every actor (person, workload, service identity or group) with a positive score that
  /// is not a target, highest first, then by node id.
  public let nodes: [NodeScore]

  /// Scores every edge and node on the shortest attack paths from the sources to `target`.
  ///
  /// - Parameters:
  ///   - sources: The identities whose paths count, leaving out privileged ones; nil takes
  ///     `EstateIdentities.attackSources(in:)`.
  ///   - keepsHolders: Without `sources`, whether holders of the target are kept: left out
  ///     of the sources, with paths ending where they act as one. False scores the paths
  ///     of holders too, through the grants that make them holders.
  ///   - costs: Decides, with the target, which identities are privileged.
  /// - Complexity: O(V + E + G) to build the state graph, plus O(S·(V' + E')) for S sources,
  ///   where V' and E' count the states and state edges from which a target is reachable.
  ///   Extra space is O(V + E).
  public init(
    graph: AccessGraph, target: Target, sources: [NodeID]? = nil, keepsHolders: Bool = true,
    costs: RevocationCosts = RevocationCosts()
  ) {
    self.target = target
    self.costs = costs
    let targetNodes = target.nodes(in: graph)
    let holders =
      sources == nil && keepsHolders ? Holder.all(of: targetNodes, in: graph) : []
    let targeted = TargetedStates(
      graph: graph, targets: targetNodes, holders: holders, costs: costs)
    let selection = targeted.attackSources(among: sources)
    self.sources = selection.sources
    self.holders = selection.holders
    privilegedSources = selection.privileged
    sourcesBoundToHolders = selection.boundToHolders

    var accumulation = DependencyAccumulation(targeted: targeted)
    for source in selection.sources {
      accumulation.add(source: source)
    }
    pairCount = accumulation.pairCount
    edges = accumulation.edgeScores.enumerated()
      .filter { $0.element > 0 && targeted.grantCosts[graph.grantIndex(of: EdgeID($0.offset))] != nil }
      .map { EdgeScore(edge: EdgeID($0.offset), score: $0.element) }
      .sorted { $0.score != $1.score ? $0.score > $1.score : $0.edge < $1.edge }
    nodes = accumulation.nodeScores.enumerated()
      .filter { entry in
        entry.element > 0 && graph.node(NodeID(entry.offset)).kind.isActor
          && !targeted.isTargetNode[entry.offset]
      }
      .map { NodeScore(node: NodeID($0.offset), score: $0.element) }
      .sorted { $0.score != $1.score ? $0.score > $1.score : $0.node < $1.node }
  }
}

/// The working state of `Chokepoints`: one breadth-first search and one backward pass per
/// source, with scratch arrays reset between sources.
struct DependencyAccumulation {
  let targeted: TargetedStates
  /// States from which some target state is reachable; the searches visit no others.
  let isReaching: [Bool]
  var edgeScores: [Double]
  var nodeScores: [Double]
  var pairCount = 0

  var distance: [Int32]
  var pathCount: [Double]
  var dependency: [Double]
  var order: [Int32] = []

  init(targeted: TargetedStates) {
    self.targeted = targeted
    isReaching = targeted.statesReachingTargets()
    let stateCount = targeted.states.stateCount
    edgeScores = [Double](repeating: 0, count: targeted.graph.edgeCount)
    nodeScores = [Double](repeating: 0, count: targeted.graph.nodeCount)
    distance = [Int32](repeating: -1, count: stateCount)
    pathCount = [Double](repeating: 0, count: stateCount)
    dependency = [Double](repeating: 0, count: stateCount)
  }

  mutating func add(source: NodeID) {
    guard search(from: source) else { return }
    reset()
  }

  /// Counts the shortest paths from `source` and passes every target's share back along
  /// them, adding to the scores. Afterwards a reached state's `dependency` is positive
  /// exactly when a counted shortest path passes through it. Call `reset()` before the next
  /// source.
  ///
  /// - Returns: false, with nothing changed, when `source` reaches no target state.
  mutating func search(from source: NodeID) -> Bool {
    let start = StateGraph.actingState(of: source)
    guard isReaching[start] else { return false }
    countShortestPaths(from: start)
    setTargetShares()
    accumulate(from: start)
    return true
  }

  /// Clears the scratch arrays that the last `search(from:)` set.
  mutating func reset() {
    for state in order {
      distance[Int(state)] = -1
      pathCount[Int(state)] = 0
      dependency[Int(state)] = 0
    }
    order.removeAll(keepingCapacity: true)
  }

  /// Breadth-first search from `start` that counts shortest paths to each state and does
  /// not go on from a target state.
  private mutating func countShortestPaths(from start: Int) {
    let states = targeted.states
    distance[start] = 0
    pathCount[start] = 1
    order.append(Int32(start))
    var head = 0
    while head < order.count {
      let state = Int(order[head])
      head += 1
      if targeted.isTargetState[state] { continue }
      for next in states.successors(of: state) where isReaching[Int(next)] {
        let index = Int(next)
        if distance[index] < 0 {
          distance[index] = distance[state] + 1
          order.append(next)
        }
        if distance[index] == distance[state] + 1 {
          pathCount[index] += pathCount[state]
        }
      }
    }
  }

  /// Sets the dependency of each target state to its share of the shortest paths to each
  /// target node it stands for, counting only the states at that node's least distance.
  /// That dependency is what the state passes back. Counts the pairs.
  private mutating func setTargetShares() {
    var nearest: [NodeID: (distance: Int32, paths: Double)] = [:]
    for state in order where targeted.isTargetState[Int(state)] {
      let found = (distance: distance[Int(state)], paths: pathCount[Int(state)])
      for target in targeted.targetsOfState[Int(state)]! {
        if let current = nearest[target], current.distance <= found.distance {
          if current.distance == found.distance {
            nearest[target] = (current.distance, current.paths + found.paths)
          }
        } else {
          nearest[target] = found
        }
      }
    }
    pairCount += nearest.count
    for state in order where targeted.isTargetState[Int(state)] {
      var share = 0.0
      for target in targeted.targetsOfState[Int(state)]! {
        let best = nearest[target]!
        if distance[Int(state)] == best.distance {
          share += pathCount[Int(state)] / best.paths
        }
      }
      dependency[Int(state)] = share
    }
  }

  /// Walks the states in decreasing distance and passes each state's dependency back to
  /// its predecessors on shortest paths, adding each state edge's share to its edge.
  private mutating func accumulate(from start: Int) {
    let states = targeted.states
    for position in order.indices.reversed() {
      let state = Int(order[position])
      if targeted.isTargetState[state] { continue }
      var total = 0.0
      for transition in states.transitions(of: state) {
        let next = Int(states.targets[transition])
        guard isReaching[next], distance[next] == distance[state] + 1 else { continue }
        let share = pathCount[state] / pathCount[next]
        let carried = share * dependency[next]
        if carried > 0 {
          edgeScores[Int(states.edges[transition])] += carried
          total += carried
        }
      }
      dependency[state] = total
      if state != start {
        nodeScores[state >> 1] += total
      }
    }
  }
}
