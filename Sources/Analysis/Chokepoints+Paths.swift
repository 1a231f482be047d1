import AccessGraph

extension Chokepoints {
  /// Finds, for each of `edges`, shortest attack paths that the scores count and that use
  /// the edge: one path for each source whose counted paths use it, in the order of
  /// `sources`, at most `limit` for each edge.
  ///
  /// A counted path runs from a source's acting state to a target state at its target
  /// node's least distance. A path that ends acting as a holder kept goes on along the
  /// holder's own chain (`Holder.edges`), so that every path ends at a target node. Where
  /// several steps are equally short, a step without an unevaluated condition comes first,
  /// then the first in the graph's edge order.
  ///
  /// - Parameters:
  ///   - edges: The edges to find paths through, such as the first entries of `edges`.
  ///   - graph: The graph that these chokepoints were computed on.
  ///   - limit: The maximum number of paths for each edge.
  /// - Returns: The paths through each of `edges`, in the same order; empty for an edge
  ///   that no counted path uses.
  /// - Complexity: O(V + E + G) to build the state graph, plus O(V' + E') for each source
  ///   searched, as in `init`. The searches stop once every edge has `limit` paths.
  public func paths(
    through edges: [EdgeID], in graph: AccessGraph, limit: Int
  ) -> [[AttackPath]] {
    var found = [[AttackPath]](repeating: [], count: edges.count)
    guard limit > 0, !edges.isEmpty else { return found }
    let requested = Set(edges.map { Int32($0.index) })
    let targeted = TargetedStates(
      graph: graph, targets: target.nodes(in: graph), holders: holders, costs: costs)
    let holderChains = Dictionary(
      holders.map { ($0.node, $0.edges) }, uniquingKeysWith: { first, _ in first })
    var accumulation = DependencyAccumulation(targeted: targeted)

    for source in sources where found.contains(where: { $0.count < limit }) {
      guard accumulation.search(from: source) else { continue }
      let transitions = accumulation.firstCountedTransitions(of: requested)
      for (index, edge) in edges.enumerated() where found[index].count < limit {
        guard let transition = transitions[Int32(edge.index)] else { continue }
        var pathEdges = accumulation.path(through: transition)
        let last = graph.target(of: pathEdges[pathEdges.count - 1])
        if !targeted.isTargetNode[last.index], let chain = holderChains[last] {
          pathEdges += chain
        }
        found[index].append(AttackPath(edges: pathEdges, in: graph))
      }
      accumulation.reset()
    }
    return found
  }
}

extension DependencyAccumulation {
  /// Returns, for each graph edge in `requested` that a counted shortest path of the last
  /// search uses, the first such state edge in search order, as its position in
  /// `states.targets`.
  func firstCountedTransitions(of requested: Set<Int32>) -> [Int32: Int] {
    let states = targeted.states
    var result: [Int32: Int] = [:]
    for state in order where !targeted.isTargetState[Int(state)] {
      for transition in states.transitions(of: Int(state)) {
        let edge = states.edges[transition]
        guard requested.contains(edge), result[edge] == nil else { continue }
        if isCountedStep(transition, from: Int(state)) {
          result[edge] = transition
        }
      }
    }
    return result
  }

  /// Returns the edges of one counted shortest path of the last search through the state
  /// edge `transition`, which must be a counted step: back to the source along shortest
  /// steps, then forward to a target state along counted steps.
  func path(through transition: Int) -> [EdgeID] {
    let states = targeted.states
    var backward: [EdgeID] = []
    var state = Int(targeted.transitionSource[transition])
    while distance[state] > 0 {
      let entering = (Int(targeted.reverseOffsets[state])..<Int(targeted.reverseOffsets[state + 1]))
        .map { Int(targeted.reverseTransitions[$0]) }
        .filter { step in
          let previous = Int(targeted.transitionSource[step])
          return distance[previous] == distance[state] - 1 && !targeted.isTargetState[previous]
        }
      let step = preferredStep(among: entering)
      backward.append(EdgeID(states.edges[step]))
      state = Int(targeted.transitionSource[step])
    }

    var edges = backward.reversed() + [EdgeID(states.edges[transition])]
    state = Int(states.targets[transition])
    while !targeted.isTargetState[state] {
      let leaving = states.transitions(of: state).filter { isCountedStep($0, from: state) }
      let step = preferredStep(among: leaving)
      edges.append(EdgeID(states.edges[step]))
      state = Int(states.targets[step])
    }
    return edges
  }

  /// Returns whether the state edge `transition` leaving `state` lies on a counted shortest
  /// path, because it adds one to the distance and leads to a state that passes a share back.
  private func isCountedStep(_ transition: Int, from state: Int) -> Bool {
    let next = Int(targeted.states.targets[transition])
    return distance[state] >= 0 && distance[next] == distance[state] + 1 && dependency[next] > 0
  }

  /// Returns the first of `transitions` whose edge rests on no unevaluated condition, else
  /// the first.
  ///
  /// - Precondition: `transitions` is not empty.
  private func preferredStep(among transitions: [Int]) -> Int {
    let graph = targeted.graph
    let states = targeted.states
    return transitions.first { !graph.isConditional(EdgeID(states.edges[$0])) } ?? transitions[0]
  }
}
