/// The direction in which a search follows edges.
public enum SearchDirection: Sendable {
  /// From the one who gains to what is gained: what can this identity reach?
  case forward
  /// Against the edges: who or what can reach this target?
  case reverse
}

/// The result of a breadth-first search: every node reached, its hop count, and a shortest
/// path to it.
///
/// The search runs over pairs of a node and a mode. A node is *acted as* when the path
/// gained it through a relation such as `assumes`, `memberOf` or `controls`, and *held*
/// when it was gained through `access` or `reads`. `contains` passes the mode on, so a
/// scope someone controls lets them control what it contains. An actor (a person, a
/// workload, a service identity or a group) that is only held is reached, but the search
/// does not follow its edges, because using an identity as a resource does not grant its
/// rights. Everything else expands in both modes.
public struct Reachability: Sendable {
  public let direction: SearchDirection
  public let sources: [NodeID]
  /// Hop count per search state (`node * 2 + mode`), or -1 when not reached.
  let distance: [Int32]
  /// The edge that first reached each state, or -1 for a source or a state not reached.
  private let parentEdge: [Int32]
  /// The state that edge came from.
  private let parentState: [Int32]
  /// Nodes in the order the search first reached them, sources first.
  public let reachedNodes: [NodeID]

  init(
    direction: SearchDirection, sources: [NodeID], distance: [Int32], parentEdge: [Int32],
    parentState: [Int32], reachedNodes: [NodeID]
  ) {
    self.direction = direction
    self.sources = sources
    self.distance = distance
    self.parentEdge = parentEdge
    self.parentState = parentState
    self.reachedNodes = reachedNodes
  }

  /// Returns whether the search reached `node` in either mode.
  public func contains(_ node: NodeID) -> Bool {
    distance[node.index * 2] >= 0 || distance[node.index * 2 + 1] >= 0
  }

  /// Returns the minimum number of hops between a source and `node`, or nil when it was
  /// not reached.
  public func hops(to node: NodeID) -> Int? {
    bestState(of: node).map { Int(distance[$0]) }
  }

  /// Returns whether the search can act as `node`, rather than only hold it.
  public func actsAs(_ node: NodeID) -> Bool {
    distance[node.index * 2] >= 0
  }

  /// Returns the edges of a shortest path between a source and `node`, in the direction the
  /// edges point: from the source for a forward search, towards the source for a reverse
  /// one. Empty for a source itself or a node not reached.
  ///
  /// - Complexity: O(h), where h is the number of hops.
  public func path(to node: NodeID) -> [EdgeID] {
    guard var state = bestState(of: node) else {
      return []
    }
    var edges: [EdgeID] = []
    while parentEdge[state] >= 0 {
      edges.append(EdgeID(parentEdge[state]))
      state = Int(parentState[state])
    }
    return direction == .forward ? edges.reversed() : edges
  }

  /// Returns the edges of a shortest path that ends acting as `node`, in the direction the
  /// edges point, or nil when the search cannot act as it. For a reverse search, the path
  /// starts from `node` acting, as every path from an identity does.
  ///
  /// - Complexity: O(h), where h is the number of hops.
  public func actingPath(to node: NodeID) -> [EdgeID]? {
    var state = node.index * 2 + AccessGraph.actingMode
    guard distance[state] >= 0 else { return nil }
    var edges: [EdgeID] = []
    while parentEdge[state] >= 0 {
      edges.append(EdgeID(parentEdge[state]))
      state = Int(parentState[state])
    }
    return direction == .forward ? edges.reversed() : edges
  }

  private func bestState(of node: NodeID) -> Int? {
    let act = distance[node.index * 2]
    let hold = distance[node.index * 2 + 1]
    switch (act >= 0, hold >= 0) {
    case (true, true): return act <= hold ? node.index * 2 : node.index * 2 + 1
    case (true, false): return node.index * 2
    case (false, true): return node.index * 2 + 1
    case (false, false): return nil
    }
  }
}

extension AccessGraph {
  /// Search modes, as the low bit of a search state.
  static let actingMode = 0
  static let holdingMode = 1

  /// Returns the mode a forward step along `relation` ends in, coming from `mode`.
  @inline(__always)
  static func mode(after relation: Relation, from mode: Int) -> Int {
    if relation == .contains { return mode }
    return relation.isHolding ? holdingMode : actingMode
  }

  /// Returns whether a forward search in `state` follows the edges leaving its node. Every
  /// state does, except an actor that is only held.
  @inline(__always)
  func expandsForward(_ state: Int) -> Bool {
    !(state & 1 == Self.holdingMode && isActor[state >> 1])
  }

  /// Returns whether a forward search in `state` has an edge to follow, counting edges that
  /// rest on a condition.
  @inline(__always)
  func hasForwardSteps(_ state: Int) -> Bool {
    expandsForward(state) && forwardOffsets[state >> 1] < forwardOffsets[(state >> 1) + 1]
  }

  /// Calls `body` with buffers over `forwardOffsets` and `forwardSteps`.
  func withForwardSteps<Result>(
    _ body: (UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Int32>) -> Result
  ) -> Result {
    forwardOffsets.withUnsafeBufferPointer { offsets in
      forwardSteps.withUnsafeBufferPointer { steps in
        body(offsets, steps)
      }
    }
  }

  /// Returns whether a packed entry of `forwardSteps` is an edge that rests on a condition.
  @inline(__always)
  static func isConditional(step: Int32) -> Bool {
    step & 4 != 0
  }

  /// Returns the state that the packed forward step `step` reaches from `state`, as
  /// `forwardStep(from:along:)` does for the edge behind it.
  @inline(__always)
  static func target(of step: Int32, from state: Int) -> Int {
    let mode = Int(step & 3)
    return Int(step >> 3) * 2 + (mode == 2 ? state & 1 : mode)
  }

  /// Returns the state that a forward step along `edge` reaches from `state`.
  @inline(__always)
  func forwardStep(from state: Int, along edge: Int) -> Int {
    Int(edgeTarget[edge]) * 2 + Self.mode(after: edgeRelation[edge], from: state & 1)
  }

  /// Finds everything reachable from `sources`, or everything that reaches them.
  ///
  /// Breadth-first search over (node, mode) states as `Reachability` describes, so hop
  /// counts are exact shortest distances. Sources start in the acting mode for a forward
  /// search, and in both modes for a reverse one.
  ///
  /// - Parameters:
  ///   - sources: Where the search starts.
  ///   - direction: `.forward` for what the sources reach, `.reverse` for what reaches them.
  ///   - maxDepth: The most hops to follow; nil follows paths of any length.
  ///   - allowsEdge: Returns false for edges the search must ignore.
  ///   - startsHeld: For a reverse search, whether paths that end holding a source count;
  ///     false keeps only the paths that end acting as it.
  /// - Complexity: O(V + E) time and O(V) extra space, where V counts nodes and E counts
  ///   edges.
  public func reachability(
    from sources: [NodeID], direction: SearchDirection = .forward, maxDepth: Int? = nil,
    startsHeld: Bool = true, allowsEdge: ((EdgeID) -> Bool)? = nil
  ) -> Reachability {
    var search = StateSearch(graph: self, direction: direction)
    for source in sources {
      search.start(source, held: startsHeld)
    }
    search.run(maxDepth: maxDepth, allowsEdge: allowsEdge, stopAt: nil)
    return search.result(sources: sources)
  }

  /// Returns the edges of a shortest path from `source` to any node in `targets`.
  ///
  /// Breadth-first search from `source` that stops at the first target reached, so it
  /// visits only what lies closer than the nearest target.
  ///
  /// - Returns: The path's edges in order, an empty array when `source` is a target, or nil
  ///   when no target is reachable.
  /// - Complexity: O(V + E) time and O(V) extra space in the worst case.
  public func shortestPath(
    from source: NodeID, to targets: Set<NodeID>, allowsEdge: ((EdgeID) -> Bool)? = nil
  ) -> [EdgeID]? {
    if targets.contains(source) {
      return []
    }
    var search = StateSearch(graph: self, direction: .forward)
    search.start(source)
    guard let reached = search.run(maxDepth: nil, allowsEdge: allowsEdge, stopAt: targets)
    else {
      return nil
    }
    return search.result(sources: [source]).path(to: reached)
  }
}

/// The working state of one breadth-first search over (node, mode) pairs.
private struct StateSearch {
  let graph: AccessGraph
  let direction: SearchDirection
  var distance: [Int32]
  var parentEdge: [Int32]
  var parentState: [Int32]
  var queue: [Int32] = []
  var reachedNodes: [NodeID] = []
  var isNodeReached: [Bool]

  init(graph: AccessGraph, direction: SearchDirection) {
    self.graph = graph
    self.direction = direction
    let states = graph.nodeCount * 2
    distance = [Int32](repeating: -1, count: states)
    parentEdge = [Int32](repeating: -1, count: states)
    parentState = [Int32](repeating: -1, count: states)
    isNodeReached = [Bool](repeating: false, count: graph.nodeCount)
  }

  mutating func start(_ node: NodeID, held: Bool = true) {
    visit(node.index * 2 + AccessGraph.actingMode, distance: 0, edge: -1, from: -1)
    if direction == .reverse && held {
      visit(node.index * 2 + AccessGraph.holdingMode, distance: 0, edge: -1, from: -1)
    }
  }

  private mutating func visit(_ state: Int, distance hops: Int32, edge: Int32, from: Int32) {
    guard distance[state] < 0 else { return }
    distance[state] = hops
    parentEdge[state] = edge
    parentState[state] = from
    queue.append(Int32(state))
    let node = state >> 1
    if !isNodeReached[node] {
      isNodeReached[node] = true
      reachedNodes.append(NodeID(node))
    }
  }

  /// Runs the search; with `stopAt`, returns the first target node reached.
  @discardableResult
  mutating func run(
    maxDepth: Int?, allowsEdge: ((EdgeID) -> Bool)?, stopAt targets: Set<NodeID>?
  ) -> NodeID? {
    var next = 0
    let depthLimit = maxDepth.map { Int32(clamping: $0) } ?? Int32.max
    while next < queue.count {
      let state = Int(queue[next])
      next += 1
      let hops = distance[state]
      if hops >= depthLimit { continue }
      let node = state >> 1
      let mode = state & 1
      if direction == .forward {
        if !graph.expandsForward(state) { continue }
        let edges = graph.forwardOffsets[node]..<graph.forwardOffsets[node + 1]
        for slot in edges {
          let edge = graph.forwardEdges[Int(slot)]
          if let allowsEdge, !allowsEdge(EdgeID(edge)) { continue }
          let reached = graph.forwardStep(from: state, along: Int(edge))
          visit(reached, distance: hops + 1, edge: edge, from: Int32(state))
          if let targets, targets.contains(NodeID(reached >> 1)) {
            return NodeID(reached >> 1)
          }
        }
      } else {
        let edges = graph.reverseOffsets[node]..<graph.reverseOffsets[node + 1]
        for slot in edges {
          let edge = graph.reverseEdges[Int(slot)]
          if let allowsEdge, !allowsEdge(EdgeID(edge)) { continue }
          let source = Int(graph.edgeSource[Int(edge)])
          for sourceMode in [AccessGraph.actingMode, AccessGraph.holdingMode] {
            if sourceMode == AccessGraph.holdingMode && graph.isActor[source] { continue }
            let reachedMode = AccessGraph.mode(
              after: graph.edgeRelation[Int(edge)], from: sourceMode)
            guard reachedMode == mode else { continue }
            visit(source * 2 + sourceMode, distance: hops + 1, edge: edge, from: Int32(state))
          }
        }
      }
    }
    return nil
  }

  func result(sources: [NodeID]) -> Reachability {
    Reachability(
      direction: direction, sources: sources, distance: distance, parentEdge: parentEdge,
      parentState: parentState, reachedNodes: reachedNodes)
  }
}
