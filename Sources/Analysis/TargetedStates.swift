import AccessGraph

/// The identities that revocation plans and chokepoints start from, and those left out.
public struct AttackSources: Sendable, Equatable {
  /// Identities whose attack paths count, in id order of the graph.
  public var sources: [NodeID]
  /// Actors kept as holders of the target: never sources, and acting as one counts as
  /// reaching the target. Empty unless holders are kept.
  public var holders: [Holder]
  /// Identities left out because they are a target themselves, or reach a target through
  /// edges of grants that cannot be revoked (see `RevocationCosts`). No revocation can
  /// separate them from the target, so they are privileged by construction.
  public var privileged: [NodeID]
  /// The privileged identities that reach no target node through unrevocable edges but act
  /// as a holder kept, each with that path, in the order of `privileged`.
  public var boundToHolders: [HolderBinding]
}

/// An identity that acts as a holder of the target through edges of grants that cannot be
/// revoked, such as a host that keeps a holder's password. Only a grant that makes the
/// holder a holder separates it from the target.
public struct HolderBinding: Sendable, Equatable {
  public var source: NodeID
  public var holder: NodeID
  /// The unrevocable edges from the source to the holder, in path order.
  public var edges: [EdgeID]
}

/// The (node, mode) state graph of an estate seen from a target: which states count as
/// reaching the target, what each grant costs to revoke, and which states reach a target
/// state through grants that cannot be revoked.
///
/// The target states are both states of every target node and the acting state of every
/// holder kept (see `Holder`). Searches end at a target state.
struct TargetedStates {
  let graph: AccessGraph
  let states: StateGraph
  /// Whether each node is a target node.
  let isTargetNode: [Bool]
  /// Whether each state counts as reaching the target.
  let isTargetState: [Bool]
  /// For each target state, the target nodes that reaching it stands for: the node itself,
  /// or the targets a holder holds.
  let targetsOfState: [Int: [NodeID]]
  /// The holders kept, whose acting states are target states.
  let holders: [Holder]
  /// Revocation cost per grant index; nil for a grant that cannot be revoked.
  let grantCosts: [Int?]
  /// The state each state edge leaves, parallel to `states.targets`.
  let transitionSource: [Int32]
  /// `reverseTransitions[reverseOffsets[s] ..< reverseOffsets[s + 1]]` are the state edges
  /// that enter state s, as positions in `states.targets`.
  let reverseOffsets: [Int32]
  let reverseTransitions: [Int32]
  /// For each state, the first state edge of a shortest path to a target state along
  /// edges of unrevocable grants only; see `unrevocableRoutes(to:)`.
  let routesToTarget: [Int32]

  /// - Parameters:
  ///   - targets: The target nodes, whose states in both modes are target states.
  ///   - holders: Holders whose acting states are target states too; empty to cut holders
  ///     off like any other identity.
  /// - Complexity: O(V + E + G) time and space for V nodes, E edges and G grants.
  init(
    graph: AccessGraph, targets: Set<NodeID>, holders: [Holder] = [], costs: RevocationCosts
  ) {
    self.graph = graph
    states = StateGraph(of: graph)
    var isTargetNode = [Bool](repeating: false, count: graph.nodeCount)
    var isTargetState = [Bool](repeating: false, count: states.stateCount)
    var targetsOfState: [Int: [NodeID]] = [:]
    for node in targets {
      isTargetNode[node.index] = true
      for state in [node.index * 2, node.index * 2 + 1] {
        isTargetState[state] = true
        targetsOfState[state] = [node]
      }
    }
    for holder in holders {
      let state = StateGraph.actingState(of: holder.node)
      isTargetState[state] = true
      targetsOfState[state] = holder.targets
    }
    self.isTargetNode = isTargetNode
    self.isTargetState = isTargetState
    self.targetsOfState = targetsOfState
    self.holders = holders
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

    routesToTarget = Self.unrevocableRoutes(
      to: targetsOfState.keys.sorted(), states: states, graph: graph, grantCosts: grantCosts,
      transitionSource: transitionSource, reverseOffsets: reverseOffsets,
      reverseTransitions: reverseTransitions)
  }

  /// Returns, for every state, the first state edge of a shortest path to one of `ends`
  /// along edges of unrevocable grants only: -1 when there is none, and -2 for the ends
  /// themselves. One breadth-first search runs against the state edges from every end.
  ///
  /// - Complexity: O(V + E).
  private static func unrevocableRoutes(
    to ends: [Int], states: StateGraph, graph: AccessGraph, grantCosts: [Int?],
    transitionSource: [Int32], reverseOffsets: [Int32], reverseTransitions: [Int32]
  ) -> [Int32] {
    var routes = [Int32](repeating: -1, count: states.stateCount)
    for end in ends { routes[end] = -2 }
    var queue = ends
    var head = 0
    while head < queue.count {
      let state = queue[head]
      head += 1
      for slot in Int(reverseOffsets[state])..<Int(reverseOffsets[state + 1]) {
        let transition = Int(reverseTransitions[slot])
        let source = Int(transitionSource[transition])
        let isRevocable = Self.isRevocable(
          transition, states: states, graph: graph, grantCosts: grantCosts)
        if routes[source] == -1 && !isRevocable {
          routes[source] = Int32(transition)
          queue.append(source)
        }
      }
    }
    return routes
  }

  /// Returns the routes of `unrevocableRoutes(to:...)` of this graph.
  func unrevocableRoutes(to ends: [Int]) -> [Int32] {
    Self.unrevocableRoutes(
      to: ends, states: states, graph: graph, grantCosts: grantCosts,
      transitionSource: transitionSource, reverseOffsets: reverseOffsets,
      reverseTransitions: reverseTransitions)
  }

  /// Follows `routes` from `state` to an end, returning the edges and the end state, or nil
  /// when the state has no route.
  func follow(_ routes: [Int32], from state: Int) -> (edges: [EdgeID], end: Int)? {
    guard routes[state] != -1 else { return nil }
    var edges: [EdgeID] = []
    var current = state
    while routes[current] >= 0 {
      let transition = Int(routes[current])
      edges.append(EdgeID(states.edges[transition]))
      current = Int(states.targets[transition])
    }
    return (edges, current)
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

  /// Splits `identities` into sources and privileged identities, as `AttackSources` defines,
  /// after leaving out the holders kept.
  ///
  /// - Parameter identities: nil takes `EstateIdentities.attackSources(in:)`.
  func attackSources(among identities: [NodeID]?) -> AttackSources {
    let candidates = identities ?? EstateIdentities.attackSources(in: graph)
    let isHolder = Set(holders.map(\.node))
    var sources: [NodeID] = []
    var privileged: [NodeID] = []
    for node in candidates where !isHolder.contains(node) {
      if routesToTarget[StateGraph.actingState(of: node)] != -1 {
        privileged.append(node)
      } else {
        sources.append(node)
      }
    }
    var bindings: [HolderBinding] = []
    if !holders.isEmpty && !privileged.isEmpty {
      let targetNodeStates = targetsOfState.keys.filter { isTargetNode[$0 >> 1] }.sorted()
      let routesToNodes = unrevocableRoutes(to: targetNodeStates)
      for node in privileged where routesToNodes[StateGraph.actingState(of: node)] == -1 {
        guard let route = follow(routesToTarget, from: StateGraph.actingState(of: node))
        else { continue }
        bindings.append(
          HolderBinding(source: node, holder: NodeID(route.end >> 1), edges: route.edges))
      }
    }
    return AttackSources(
      sources: sources, holders: holders, privileged: privileged, boundToHolders: bindings)
  }

  /// Returns a shortest path from `source` to a target state along edges of unrevocable
  /// grants only: empty when the source is a target, nil when there is none.
  ///
  /// - Complexity: O(h) for a path of h edges.
  func fixedPath(from source: NodeID) -> [EdgeID]? {
    if isTargetNode[source.index] { return [] }
    return follow(routesToTarget, from: StateGraph.actingState(of: source))?.edges
  }

  /// Returns which states reach a target state, by breadth-first search against the state
  /// edges from every target state.
  ///
  /// - Complexity: O(V + E).
  func statesReachingTargets() -> [Bool] {
    var isReaching = isTargetState
    var queue = targetsOfState.keys.sorted()
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
