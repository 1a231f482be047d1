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
  /// because a spur of any length without a condition beats every spur with one. One
  /// reverse search from the targets gives every state's distance to the nearest target.
  /// The spur searches skip the states that this distance shows to be too far, so they
  /// visit little more than the states between the spur node and the targets.
  ///
  /// - Parameters:
  ///   - source: Where every path starts, in the acting mode.
  ///   - targets: Where a path may end.
  ///   - limit: The maximum number of paths to return; at least 1.
  /// - Returns: Up to `limit` paths as edge lists, best first.
  /// - Complexity: O(V + E + k·h·(b·(V + E) + T·h·log T)) time and O(V + k·h·h) extra
  ///   space. Here k is `limit`, h the most hops on a path returned, V the nodes, E the
  ///   edges and T the target nodes. Each of the k·h spur searches is one or two pruned
  ///   breadth-first searches for each of its b ≤ h + 1 hop bounds.
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
  ///   - progress: Called with the number of paths found so far each time one is added.
  /// - Complexity: The time of the one-source search plus O(k·S·b·(V + E)) for the
  ///   deviations at the virtual source, where S counts the sources, and the extra space of
  ///   the one-source search plus O(S).
  public func looplessPaths(
    from sources: [NodeID], to targets: Set<NodeID>, limit: Int,
    progress: (_ found: Int) -> Void = { _ in }
  ) -> [[EdgeID]] {
    precondition(limit >= 1, "looplessPaths needs a limit of at least 1")
    precondition(!sources.isEmpty, "looplessPaths needs at least one source")
    var search = LooplessPathSearch(graph: self, sources: sources, targets: targets)
    return search.run(limit: limit, progress: progress).map { $0.edges.map(EdgeID.init) }
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
  var scratch: SpurScratch
  /// The minimum hops from each state to a target state over every edge, or -1 when no
  /// target is reachable. Spur searches use fewer edges, so this is a lower bound for them.
  let hopsToTarget: [Int32]

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
    scratch = SpurScratch(nodeCount: graph.nodeCount)
    hopsToTarget = graph.reachability(from: Array(targets), direction: .reverse).distance
  }

  /// Runs Yen's algorithm until `limit` paths are accepted or no candidate is left.
  mutating func run(limit: Int, progress: (Int) -> Void) -> [RankedPath] {
    if let first = bestPathFromAnySource(except: []) {
      add(first)
    }
    while accepted.count < limit, let next = popBestCandidate() {
      accepted.append(next)
      progress(accepted.count)
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
  private mutating func bestPathFromAnySource(except usedSources: Set<Int32>) -> RankedPath? {
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
  private mutating func bestPath(
    root: RankedPath, forbiddenEdges: Set<Int32>, allowsEmptySpur: Bool
  ) -> RankedPath?
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
  /// nodes, and returns the best loopless path among those that reach a target state.
  /// Several roots are the paths of no edges from several sources; one root may have edges.
  ///
  /// Edges leave each node in increasing id order, so the first edge that reaches a state
  /// lies on the path to it that is least by edge ids among its shortest. Every spur of one
  /// search has the same conditional flag as the others (see `bestPath`), so a spur with
  /// fewer hops always ranks first. The search therefore stops after the first level that
  /// gives a loopless path, having seen every target state of that level.
  ///
  /// The search is pruned with `hopsToTarget`, a lower bound on the hops left from each
  /// state: with a bound b, a state first reached after g hops is skipped when g plus its
  /// lower bound exceeds b. No state on a path of b hops or fewer to a target is skipped.
  /// Every state that is kept is reached at the same level and through the same edge as
  /// without pruning, so the result is the same. The bound starts at the least lower bound
  /// of the spur states and grows by one until a path is found or nothing was skipped.
  private mutating func bestSpur(
    roots: [RankedPath], forbiddenEdges: Set<Int32>, allowsEmptySpur: Bool,
    unconditionalOnly: Bool
  ) -> RankedPath? {
    let spurStates = roots.map { root in
      Int(root.nodes[root.nodes.count - 1]) * 2 + root.modes[root.modes.count - 1]
    }
    let bounds = spurStates.map { hopsToTarget[$0] }.filter { $0 >= 0 }
    guard var bound = bounds.min() else { return nil }
    while true {
      let (best, skippedAny) = boundedSpur(
        roots: roots, spurStates: spurStates, forbiddenEdges: forbiddenEdges,
        allowsEmptySpur: allowsEmptySpur, unconditionalOnly: unconditionalOnly, bound: bound)
      if best != nil || !skippedAny { return best }
      bound += 1
    }
  }

  /// Runs one breadth-first spur search that skips states beyond `bound`, as `bestSpur`
  /// describes; returns the best path found and whether any state was skipped.
  private mutating func boundedSpur(
    roots: [RankedPath], spurStates: [Int], forbiddenEdges: Set<Int32>, allowsEmptySpur: Bool,
    unconditionalOnly: Bool, bound: Int32
  ) -> (best: RankedPath?, skippedAny: Bool) {
    scratch.startSearch()
    for root in roots {
      for node in root.nodes {
        scratch.exclude(Int(node))
      }
    }
    /// The index in `roots` of the root whose spur state each starting state is.
    var rootOfSpurState: [Int: Int] = [:]
    var queue: [Int] = []
    var reachedTargets: [Int] = []
    for (index, spurState) in spurStates.enumerated()
    where hopsToTarget[spurState] >= 0 && !scratch.isReached(spurState) {
      scratch.reach(spurState, edge: -1, from: -1)
      rootOfSpurState[spurState] = index
      queue.append(spurState)
      if allowsEmptySpur && isTarget[spurState >> 1] {
        reachedTargets.append(spurState)
      }
    }
    var checkedTargets = 0
    var best: RankedPath?
    var skippedAny = false

    var next = 0
    var levelEnd = queue.count
    var level: Int32 = 0
    while true {
      if next == levelEnd {
        // Every state of the next level has been reached, so every target in it is known.
        best = bestCandidate(
          roots: roots, rootOfSpurState: rootOfSpurState,
          targets: reachedTargets[checkedTargets...], best: best)
        checkedTargets = reachedTargets.count
        if best != nil || next == queue.count { break }
        levelEnd = queue.count
        level += 1
      }
      let state = queue[next]
      next += 1
      let node = state >> 1
      let mode = state & 1
      if mode == AccessGraph.holdingMode && graph.isActor[node] { continue }
      let isSpurState = level == 0
      let slots = Int(graph.forwardOffsets[node])..<Int(graph.forwardOffsets[node + 1])
      for slot in slots {
        let edge = graph.forwardEdges[slot]
        if isSpurState && forbiddenEdges.contains(edge) { continue }
        if unconditionalOnly && graph.edgeConditional[Int(edge)] { continue }
        let target = Int(graph.edgeTarget[Int(edge)])
        if scratch.isExcluded(target) { continue }
        let targetMode = AccessGraph.mode(after: graph.edgeRelation[Int(edge)], from: mode)
        let targetState = target * 2 + targetMode
        if scratch.isReached(targetState) { continue }
        // A state that reaches no target lies on no path that counts.
        let hopsLeft = hopsToTarget[targetState]
        if hopsLeft < 0 { continue }
        if level + 1 + hopsLeft > bound {
          skippedAny = true
          continue
        }
        scratch.reach(targetState, edge: edge, from: Int32(state))
        queue.append(targetState)
        if isTarget[target] {
          reachedTargets.append(targetState)
        }
      }
    }
    return (best, skippedAny)
  }

  /// Returns the best of `best` and the loopless paths that run a root and then the spur
  /// to each of `targets`, as the last search recorded them.
  private func bestCandidate(
    roots: [RankedPath], rootOfSpurState: [Int: Int], targets: ArraySlice<Int>,
    best: RankedPath?
  ) -> RankedPath? {
    var best = best
    for state in targets {
      var spur: [Int32] = []
      var current = state
      while scratch.parentEdge[current] >= 0 {
        spur.append(scratch.parentEdge[current])
        current = Int(scratch.parentState[current])
      }
      guard let rootIndex = rootOfSpurState[current] else { continue }
      let root = roots[rootIndex]
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

/// The arrays of one spur search, kept between searches.
///
/// A state or node counts as marked only when its stamp equals the number of the current
/// search, so starting a search clears every mark in O(1) instead of O(V).
private struct SpurScratch {
  private var search: Int32 = 0
  private var stateStamp: [Int32]
  private var nodeStamp: [Int32]
  /// The edge and state each reached state came from; valid only for reached states.
  private(set) var parentEdge: [Int32]
  private(set) var parentState: [Int32]

  init(nodeCount: Int) {
    stateStamp = [Int32](repeating: 0, count: nodeCount * 2)
    nodeStamp = [Int32](repeating: 0, count: nodeCount)
    parentEdge = [Int32](repeating: -1, count: nodeCount * 2)
    parentState = [Int32](repeating: -1, count: nodeCount * 2)
  }

  mutating func startSearch() {
    if search == Int32.max {
      for index in stateStamp.indices { stateStamp[index] = 0 }
      for index in nodeStamp.indices { nodeStamp[index] = 0 }
      search = 0
    }
    search += 1
  }

  mutating func exclude(_ node: Int) { nodeStamp[node] = search }
  func isExcluded(_ node: Int) -> Bool { nodeStamp[node] == search }
  func isReached(_ state: Int) -> Bool { stateStamp[state] == search }

  mutating func reach(_ state: Int, edge: Int32, from parent: Int32) {
    stateStamp[state] = search
    parentEdge[state] = edge
    parentState[state] = parent
  }
}
