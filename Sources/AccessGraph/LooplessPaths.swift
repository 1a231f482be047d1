extension AccessGraph {
  /// Finds the `limit` best loopless paths from `source` to any node of `targets`.
  ///
  /// Yen's algorithm over the (node, mode) states that `Reachability` describes, so every
  /// path is one that a forward search may take: an actor that is only held ends the path.
  /// No node appears twice on a path, in either mode. Paths rank by, in order:
  ///
  /// 1. whether any edge rests on a condition that was not evaluated (paths without one
  ///    first), so a conditional path always comes after every unconditional one, however
  ///    much longer that one is;
  /// 2. the number of hops;
  /// 3. the target's node id;
  /// 4. the mode the path ends in, acting before holding;
  /// 5. the edge ids along the path, compared in order.
  ///
  /// The order is total, so the result is stable. For one target node, the first path is
  /// the one `PreferredPaths` picks: the shortest unconditional path when there is one.
  /// A path may pass through one target node on its way to another, and the source is
  /// never a target of its own.
  ///
  /// Each spur search is a breadth-first search that returns, for a fixed root, the best
  /// spur under this order. It runs over unconditional edges first when the root has none,
  /// because a spur of any length without a condition beats every spur with one.
  ///
  /// - Parameters:
  ///   - source: Where every path starts, in the acting mode.
  ///   - targets: Where a path may end.
  ///   - limit: The maximum number of paths to return; at least 1.
  /// - Returns: Up to `limit` paths as edge lists, best first.
  /// - Complexity: O(k·h·(V + E + T·h·log T)) time and O(V + k·h·h) extra space, where k is
  ///   `limit`, h the most hops on a path returned, V the nodes, E the edges and T the
  ///   target nodes. Each of the k·h spur searches is one or two breadth-first searches.
  public func looplessPaths(from source: NodeID, to targets: Set<NodeID>, limit: Int)
    -> [[EdgeID]]
  {
    looplessPaths(from: [source], to: targets, limit: limit)
  }

  /// Finds the `limit` best loopless paths from any of `sources` to any node of `targets`.
  ///
  /// The same search as `looplessPaths(from:to:limit:)` for one source, run from a virtual
  /// source with one edge to each of `sources`. Yen's deviations at that virtual source
  /// start from a source that no accepted path starts from, so every loopless path from
  /// every source is a candidate. Paths rank in the same order, with the source's node id
  /// compared after the mode the path ends in. A path may pass through another source.
  ///
  /// - Parameters:
  ///   - sources: Where paths may start, in the acting mode; not empty.
  ///   - targets: Where a path may end; a path never ends at its own source.
  ///   - limit: The maximum number of paths to return; at least 1.
  /// - Complexity: O(k·h·(V + E + T·h·log T) + k·S) time, where S counts the sources, and
  ///   the extra space of the one-source search plus O(S).
  public func looplessPaths(from sources: [NodeID], to targets: Set<NodeID>, limit: Int)
    -> [[EdgeID]]
  {
    precondition(limit >= 1, "looplessPaths needs a limit of at least 1")
    precondition(!sources.isEmpty, "looplessPaths needs at least one source")
    var search = LooplessPathSearch(graph: self, sources: sources, targets: targets)
    return search.run(limit: limit).map { $0.edges.map(EdgeID.init) }
  }
}

/// One path of Yen's algorithm with the facts its ranking compares.
private struct RankedPath {
  var edges: [Int32]
  /// Nodes along the path, the source first, so one more than `edges`.
  var nodes: [Int32]
  /// The search mode in which the path reaches each node of `nodes`.
  var modes: [Int]
  var isConditional: Bool
  var targetID: String

  /// The node the path starts from.
  var source: Int32 { nodes[0] }
}

/// The working state of `AccessGraph.looplessPaths(from:to:limit:)`.
private struct LooplessPathSearch {
  let graph: AccessGraph
  /// The nodes paths may start at, in increasing id order, without repeats.
  let sources: [Int32]
  let isTarget: [Bool]
  /// Node ids of the targets, the third ranking key.
  let targetIDs: [Int32: String]
  /// Node ids of the sources, the fifth ranking key.
  let sourceIDs: [Int32: String]
  var accepted: [RankedPath] = []
  var candidates: [RankedPath] = []
  var knownEdgeLists: Set<[Int32]> = []

  init(graph: AccessGraph, sources: [NodeID], targets: Set<NodeID>) {
    self.graph = graph
    self.sources = Set(sources.map { Int32($0.index) }).sorted()
    sourceIDs = Dictionary(
      sources.map { (Int32($0.index), graph.node($0).id) }, uniquingKeysWith: { first, _ in first })
    var isTarget = [Bool](repeating: false, count: graph.nodeCount)
    var targetIDs: [Int32: String] = [:]
    for target in targets {
      isTarget[target.index] = true
      targetIDs[Int32(target.index)] = graph.node(target).id
    }
    self.isTarget = isTarget
    self.targetIDs = targetIDs
  }

  /// Runs Yen's algorithm until `limit` paths are accepted or no candidate is left.
  mutating func run(limit: Int) -> [RankedPath] {
    if let first = bestPathFromAnySource(except: []) {
      add(first)
    }
    while accepted.count < limit, let next = popBestCandidate() {
      accepted.append(next)
      if accepted.count < limit {
        addDeviations(of: next)
      }
    }
    return accepted
  }

  private mutating func add(_ candidate: RankedPath) {
    if knownEdgeLists.insert(candidate.edges).inserted {
      candidates.append(candidate)
    }
  }

  private mutating func popBestCandidate() -> RankedPath? {
    guard var best = candidates.indices.first else {
      return nil
    }
    for index in candidates.indices where precedes(candidates[index], candidates[best]) {
      best = index
    }
    return candidates.remove(at: best)
  }

  /// Adds, for each node of `path`, the best path that shares `path`'s edges up to that node
  /// and then leaves every accepted path with that root. The last node counts too, because
  /// a path may go on from one target to another.
  ///
  /// With several sources, the root of no edges at all is the virtual source, and its
  /// deviation starts from a source that no accepted path starts from.
  private mutating func addDeviations(of path: RankedPath) {
    let usedSources = Set(accepted.map(\.source))
    if sources.count > 1, let candidate = bestPathFromAnySource(except: usedSources) {
      add(candidate)
    }
    for spurIndex in 0...path.edges.count {
      let rootEdges = Array(path.edges[0..<spurIndex])
      var forbidden: Set<Int32> = []
      var rootIsAccepted = false
      for other in accepted
      where other.source == path.source && other.edges.starts(with: rootEdges) {
        if other.edges.count > spurIndex {
          forbidden.insert(other.edges[spurIndex])
        } else {
          rootIsAccepted = true
        }
      }
      let root = self.path(from: path.source, edges: rootEdges)
      let allowsEmpty = spurIndex > 0 && !rootIsAccepted
      if let candidate = bestPath(root: root, forbiddenEdges: forbidden, allowsEmptySpur: allowsEmpty)
      {
        add(candidate)
      }
    }
  }

  /// Returns the best path from a source outside `usedSources`, or nil when there is none.
  private func bestPathFromAnySource(except usedSources: Set<Int32>) -> RankedPath? {
    let starts = sources.filter { !usedSources.contains($0) }.map { path(from: $0, edges: []) }
    guard !starts.isEmpty else { return nil }
    if let path = bestSpur(
      roots: starts, forbiddenEdges: [], allowsEmptySpur: false, unconditionalOnly: true)
    {
      return path
    }
    return bestSpur(
      roots: starts, forbiddenEdges: [], allowsEmptySpur: false, unconditionalOnly: false)
  }

  /// Returns the best path that starts with `root`, never uses `forbiddenEdges` from the
  /// root's last node, and repeats no node.
  private func bestPath(root: RankedPath, forbiddenEdges: Set<Int32>, allowsEmptySpur: Bool)
    -> RankedPath?
  {
    if !root.isConditional,
      let path = bestSpur(
        roots: [root], forbiddenEdges: forbiddenEdges, allowsEmptySpur: allowsEmptySpur,
        unconditionalOnly: true)
    {
      return path
    }
    return bestSpur(
      roots: [root], forbiddenEdges: forbiddenEdges, allowsEmptySpur: allowsEmptySpur,
      unconditionalOnly: false)
  }

  /// Searches breadth-first from the last state of each root at once, avoiding the roots'
  /// other nodes, and returns the best loopless path among those that reach a target state.
  /// Several roots are the paths of no edges from several sources; one root may have edges.
  ///
  /// Edges leave each node in increasing id order, so the first edge that reaches a state
  /// lies on the path to it that is least by edge ids among its shortest.
  private func bestSpur(
    roots: [RankedPath], forbiddenEdges: Set<Int32>, allowsEmptySpur: Bool,
    unconditionalOnly: Bool
  ) -> RankedPath? {
    var isExcluded = [Bool](repeating: false, count: graph.nodeCount)
    var parentEdge = [Int32](repeating: -1, count: graph.nodeCount * 2)
    var parentState = [Int32](repeating: -1, count: graph.nodeCount * 2)
    var isReached = [Bool](repeating: false, count: graph.nodeCount * 2)
    /// The index in `roots` of the root whose last state each state is, or -1.
    var rootOfState = [Int32](repeating: -1, count: graph.nodeCount * 2)
    var queue: [Int] = []
    var reachedTargets: [Int] = []
    for root in roots {
      for node in root.nodes.dropLast() {
        isExcluded[Int(node)] = true
      }
    }
    for (index, root) in roots.enumerated() {
      let spurNode = Int(root.nodes[root.nodes.count - 1])
      let spurState = spurNode * 2 + root.modes[root.modes.count - 1]
      isExcluded[spurNode] = true
      isReached[spurState] = true
      rootOfState[spurState] = Int32(index)
      queue.append(spurState)
      if allowsEmptySpur && isTarget[spurNode] {
        reachedTargets.append(spurState)
      }
    }

    var next = 0
    while next < queue.count {
      let state = queue[next]
      next += 1
      let node = state >> 1
      let mode = state & 1
      if mode == AccessGraph.holdingMode && graph.isActor[node] { continue }
      let isSpurState = rootOfState[state] >= 0
      let slots = Int(graph.forwardOffsets[node])..<Int(graph.forwardOffsets[node + 1])
      for slot in slots {
        let edge = graph.forwardEdges[slot]
        if isSpurState && forbiddenEdges.contains(edge) { continue }
        if unconditionalOnly && graph.edgeConditional[Int(edge)] { continue }
        let target = Int(graph.edgeTarget[Int(edge)])
        if isExcluded[target] { continue }
        let targetMode = AccessGraph.mode(after: graph.edgeRelation[Int(edge)], from: mode)
        let targetState = target * 2 + targetMode
        if isReached[targetState] { continue }
        isReached[targetState] = true
        parentEdge[targetState] = edge
        parentState[targetState] = Int32(state)
        queue.append(targetState)
        if isTarget[target] {
          reachedTargets.append(targetState)
        }
      }
    }

    var best: RankedPath?
    for state in reachedTargets {
      var spur: [Int32] = []
      var current = state
      while rootOfState[current] < 0 {
        spur.append(parentEdge[current])
        current = Int(parentState[current])
      }
      let root = roots[Int(rootOfState[current])]
      let candidate = path(from: root.source, edges: root.edges + spur.reversed())
      // NOTE: the search reaches each (node, mode) state once, so a spur that visits a node
      // in both modes is dropped, and a longer loopless spur that reuses such a state is
      // not found. Only a non-actor node first held and later acted as can cause this.
      guard Set(candidate.nodes).count == candidate.nodes.count else { continue }
      if best.map({ precedes(candidate, $0) }) ?? true {
        best = candidate
      }
    }
    return best
  }

  /// Replays `edges` from `source` in the acting mode.
  private func path(from source: Int32, edges: [Int32]) -> RankedPath {
    var nodes = [source]
    var modes = [AccessGraph.actingMode]
    var isConditional = false
    for edge in edges {
      let index = Int(edge)
      nodes.append(graph.edgeTarget[index])
      modes.append(AccessGraph.mode(after: graph.edgeRelation[index], from: modes[modes.count - 1]))
      isConditional = isConditional || graph.edgeConditional[index]
    }
    return RankedPath(
      edges: edges, nodes: nodes, modes: modes, isConditional: isConditional,
      targetID: targetIDs[nodes[nodes.count - 1]] ?? "")
  }

  /// Returns whether `lhs` ranks before `rhs` in the order `looplessPaths` documents.
  private func precedes(_ lhs: RankedPath, _ rhs: RankedPath) -> Bool {
    if lhs.isConditional != rhs.isConditional { return !lhs.isConditional }
    if lhs.edges.count != rhs.edges.count { return lhs.edges.count < rhs.edges.count }
    if lhs.targetID != rhs.targetID { return lhs.targetID < rhs.targetID }
    let lhsMode = lhs.modes[lhs.modes.count - 1]
    let rhsMode = rhs.modes[rhs.modes.count - 1]
    if lhsMode != rhsMode { return lhsMode == AccessGraph.actingMode }
    if lhs.source != rhs.source { return sourceIDs[lhs.source]! < sourceIDs[rhs.source]! }
    return lhs.edges.lexicographicallyPrecedes(rhs.edges)
  }
}
