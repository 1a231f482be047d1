import AccessGraph

/// The identities that revocation plans and chokepoints start from, and those left out.
public struct AttackSources: Sendable, Equatable {
  /// Identities whose attack paths count, in id order of the graph.
  public var sources: [NodeID]
  /// Identities left out because they are a target themselves, or reach a target through
  /// edges of grants that cannot be revoked (see `RevocationCosts`). No revocation can
  /// separate them from the target, so they are privileged by construction.
  public var privileged: [NodeID]
}

/// The (node, mode) state graph of an estate seen from a target: which states belong to a
/// target node, what each grant costs to revoke, and which states reach a target through
/// grants that cannot be revoked.
struct TargetedStates {
  let graph: AccessGraph
  let states: StateGraph
  /// Whether each node is a target node.
  let isTargetNode: [Bool]
  /// Revocation cost per grant index; nil for a grant that cannot be revoked.
  let grantCosts: [Int?]
  /// The state each state edge leaves, parallel to `states.targets`.
  let transitionSource: [Int32]
  /// `reverseTransitions[reverseOffsets[s] ..< reverseOffsets[s + 1]]` are the state edges
  /// that enter state s, as positions in `states.targets`.
  let reverseOffsets: [Int32]
  let reverseTransitions: [Int32]
  /// Whether each state reaches a target state along edges of unrevocable grants only.
  let isFixedToTarget: [Bool]

  /// - Complexity: O(V + E + G) time and space for V nodes, E edges and G grants.
  init(graph: AccessGraph, targets: Set<NodeID>, costs: RevocationCosts) {
    self.graph = graph
    states = StateGraph(of: graph)
    var isTargetNode = [Bool](repeating: false, count: graph.nodeCount)
    for node in targets { isTargetNode[node.index] = true }
    self.isTargetNode = isTargetNode
    grantCosts = costs.grantCosts(in: graph)

    let transitionCount = states.targets.count
    var transitionSource = [Int32](repeating: 0, count: transitionCount)
    var reverseOffsets = [Int32](repeating: 0, count: states.stateCount + 1)
    for state in 0..<states.stateCount {
      for transition in states.transitions(of: state) {
        transitionSource[transition] = Int32(state)
        reverseOffsets[Int(states.targets[transition]) + 1] += 1
      }
    }
    for state in 0..<states.stateCount {
      reverseOffsets[state + 1] += reverseOffsets[state]
    }
    var next = reverseOffsets
    var reverseTransitions = [Int32](repeating: 0, count: transitionCount)
    for transition in 0..<transitionCount {
      let target = Int(states.targets[transition])
      reverseTransitions[Int(next[target])] = Int32(transition)
      next[target] += 1
    }
    self.transitionSource = transitionSource
    self.reverseOffsets = reverseOffsets
    self.reverseTransitions = reverseTransitions

    var fixed = [Bool](repeating: false, count: states.stateCount)
    var queue: [Int] = []
    for node in targets {
      for state in [node.index * 2, node.index * 2 + 1] {
        fixed[state] = true
        queue.append(state)
      }
    }
    var head = 0
    while head < queue.count {
      let state = queue[head]
      head += 1
      for slot in Int(reverseOffsets[state])..<Int(reverseOffsets[state + 1]) {
        let transition = Int(reverseTransitions[slot])
        let source = Int(transitionSource[transition])
        let isRevocable = Self.isRevocable(
          transition, states: states, graph: graph, grantCosts: grantCosts)
        if !fixed[source] && !isRevocable {
          fixed[source] = true
          queue.append(source)
        }
      }
    }
    isFixedToTarget = fixed
  }

  private static func isRevocable(
    _ transition: Int, states: StateGraph, graph: AccessGraph, grantCosts: [Int?]
  ) -> Bool {
    grantCosts[graph.grantIndex(of: EdgeID(states.edges[transition]))] != nil
  }

  /// Returns whether revoking a grant can remove the state edge at `transition`.
  func isRevocable(_ transition: Int) -> Bool {
    Self.isRevocable(transition, states: states, graph: graph, grantCosts: grantCosts)
  }

  /// Splits `identities` into sources and privileged identities, as `AttackSources` defines.
  ///
  /// - Parameter identities: nil takes every identity (`NodeKind.isIdentity`) that an
  ///   input defines.
  func attackSources(among identities: [NodeID]?) -> AttackSources {
    let candidates = identities ?? graph.nodes { $0.kind.isIdentity && $0.isDefined }
    var sources: [NodeID] = []
    var privileged: [NodeID] = []
    for node in candidates {
      if isFixedToTarget[StateGraph.actingState(of: node)] {
        privileged.append(node)
      } else {
        sources.append(node)
      }
    }
    return AttackSources(sources: sources, privileged: privileged)
  }

  /// Returns a shortest path from `source` to a target along edges of unrevocable grants
  /// only: empty when the source is a target, nil when there is none.
  ///
  /// - Complexity: O(V + E).
  func fixedPath(from source: NodeID) -> [EdgeID]? {
    let start = StateGraph.actingState(of: source)
    if isTargetNode[source.index] { return [] }
    var parent = [Int32](repeating: -1, count: states.stateCount)
    var isReached = [Bool](repeating: false, count: states.stateCount)
    isReached[start] = true
    var queue = [start]
    var head = 0
    while head < queue.count {
      let state = queue[head]
      head += 1
      if isTargetNode[state >> 1] {
        var edges: [EdgeID] = []
        var current = state
        while current != start {
          let transition = Int(parent[current])
          edges.append(EdgeID(states.edges[transition]))
          current = Int(transitionSource[transition])
        }
        return edges.reversed()
      }
      for transition in states.transitions(of: state) where !isRevocable(transition) {
        let next = Int(states.targets[transition])
        if !isReached[next] {
          isReached[next] = true
          parent[next] = Int32(transition)
          queue.append(next)
        }
      }
    }
    return nil
  }

  /// Returns which states reach a target state, by breadth-first search against the state
  /// edges from every target state.
  ///
  /// - Complexity: O(V + E).
  func statesReachingTargets() -> [Bool] {
    var isReaching = [Bool](repeating: false, count: states.stateCount)
    var queue: [Int] = []
    for node in 0..<graph.nodeCount where isTargetNode[node] {
      for state in [node * 2, node * 2 + 1] {
        isReaching[state] = true
        queue.append(state)
      }
    }
    var head = 0
    while head < queue.count {
      let state = queue[head]
      head += 1
      for slot in Int(reverseOffsets[state])..<Int(reverseOffsets[state + 1]) {
        let source = Int(transitionSource[Int(reverseTransitions[slot])])
        if !isReaching[source] {
          isReaching[source] = true
          queue.append(source)
        }
      }
    }
    return isReaching
  }
}
