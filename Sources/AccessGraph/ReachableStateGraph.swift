/// The part of the state graph (`StateGraph`) that forward searches from chosen start states
/// reach, with those states renumbered as dense vertices in breadth-first discovery order.
///
/// Whole-estate counts only ever look at what some identity reaches. A resource is reached
/// held, so its acting state is never visited: in the generated estate of the graph
/// benchmark, the identities reach 227,480 of the 454,966 states.
///
/// A reached state that is not a start state and has no edges of its own, such as a resource
/// reached held or an actor that is only held, is a leaf. A leaf gets no vertex: each vertex
/// with an edge into it lists the leaf's node instead. A leaf reaches nothing further, so
/// for counting what a search reaches only its node matters. In the generated estate, 150,000
/// of the 227,480 states reached are leaves, and 715,000 of the 990,000 state edges enter one.
public struct ReachableStateGraph: Sendable {
  /// The number of states of the whole state graph: twice the number of nodes.
  public let stateCount: Int
  /// The state of each vertex. The start states come first, in the order given, each once.
  public let stateOfVertex: [Int32]
  /// The vertex of each state, or -1 for a leaf or a state that no start state reaches.
  public let vertexOfState: [Int32]
  /// `targets[offsets[v] ..< offsets[v + 1]]` are the vertices one step from vertex v, in
  /// the order of the access-graph edges behind them.
  public let offsets: [Int32]
  public let targets: [Int32]
  /// `leafNodes[leafOffsets[v] ..< leafOffsets[v + 1]]` are the nodes of the leaves one step
  /// from vertex v, once per state edge.
  public let leafOffsets: [Int32]
  public let leafNodes: [Int32]

  /// Collects the states that forward searches from `startStates` visit and the state edges
  /// between them, with the transition functions the forward search uses.
  ///
  /// Breadth-first search over the states, which appends each vertex's edges as it is taken
  /// off the queue, so the CSR arrays are written in one pass.
  ///
  /// - Parameters:
  ///   - startStates: States of the whole state graph, such as `StateGraph.actingState(of:)`
  ///     of every identity.
  ///   - includesConditionalEdges: false leaves out every edge that rests on a condition that
  ///     was not evaluated.
  /// - Complexity: O(V + R + F) time and space, where V counts nodes, and R and F the states
  ///   reached and the state edges leaving them.
  public init(
    of graph: AccessGraph, from startStates: [Int], includesConditionalEdges: Bool = true
  ) {
    stateCount = graph.nodeCount * 2
    var vertexOfState = [Int32](repeating: -1, count: stateCount)
    var isLeaf = Self.leafStates(of: graph)
    // The queue of states to expand, which becomes `stateOfVertex`. No state enters it twice.
    var stateOfVertex = [Int32](repeating: 0, count: stateCount)
    var offsets = [Int32](repeating: 0, count: stateCount + 1)
    var leafOffsets = [Int32](repeating: 0, count: stateCount + 1)
    var vertexCount = 0
    for state in startStates {
      precondition(state >= 0 && state < stateCount, "start state \(state) is out of range")
      guard vertexOfState[state] < 0 else { continue }
      vertexOfState[state] = Int32(vertexCount)
      stateOfVertex[vertexCount] = Int32(state)
      vertexCount += 1
      // A start state gets a vertex even without edges, so that the components of the
      // searches that reach it can be found.
      isLeaf[state] = false
    }

    // The loop below reads and writes every array through unsafe buffers, because it runs
    // once per state edge and bounds checks would dominate it. The edge lists start
    // uninitialized, with room for every state edge there is.
    let edgeBound = Self.stateEdgeCount(of: graph)
    var leafNodes: [Int32] = []
    let targets = [Int32](unsafeUninitializedCapacity: edgeBound) { targets, targetCount in
      leafNodes = [Int32](unsafeUninitializedCapacity: edgeBound) { leafNodes, leafCount in
        withUnsafeMutableBuffers(&vertexOfState, &stateOfVertex, &offsets, &leafOffsets) {
          vertexOfState, stateOfVertex, offsets, leafOffsets in
          isLeaf.withUnsafeBufferPointer { isLeaf in
            graph.withForwardSteps { forwardOffsets, forwardSteps in
              var next = 0
              while next < vertexCount {
                let state = Int(stateOfVertex[next])
                next += 1
                if graph.expandsForward(state) {
                  let node = state >> 1
                  for slot in Int(forwardOffsets[node])..<Int(forwardOffsets[node + 1]) {
                    let step = forwardSteps[slot]
                    if !includesConditionalEdges && AccessGraph.isConditional(step: step) {
                      continue
                    }
                    let target = AccessGraph.target(of: step, from: state)
                    if isLeaf[target] {
                      leafNodes[leafCount] = Int32(target >> 1)
                      leafCount += 1
                      continue
                    }
                    if vertexOfState[target] < 0 {
                      vertexOfState[target] = Int32(vertexCount)
                      stateOfVertex[vertexCount] = Int32(target)
                      vertexCount += 1
                    }
                    targets[targetCount] = vertexOfState[target]
                    targetCount += 1
                  }
                }
                offsets[next] = Int32(targetCount)
                leafOffsets[next] = Int32(leafCount)
              }
            }
          }
        }
      }
    }

    stateOfVertex.removeLast(stateCount - vertexCount)
    offsets.removeLast(stateCount - vertexCount)
    leafOffsets.removeLast(stateCount - vertexCount)
    self.stateOfVertex = stateOfVertex
    self.vertexOfState = vertexOfState
    self.offsets = offsets
    self.targets = targets
    self.leafOffsets = leafOffsets
    self.leafNodes = leafNodes
  }

  /// Returns the number of edges of the whole state graph: each edge once from an actor,
  /// which only its acting state follows, and twice from any other node.
  private static func stateEdgeCount(of graph: AccessGraph) -> Int {
    var count = 0
    for node in 0..<graph.nodeCount {
      let degree = Int(graph.forwardOffsets[node + 1] - graph.forwardOffsets[node])
      count += graph.isActor[node] ? degree : 2 * degree
    }
    return count
  }

  /// Returns whether each state is a leaf when it is not a start state: a search in it
  /// follows no edge, because its node has none or it is an actor that is only held.
  private static func leafStates(of graph: AccessGraph) -> [Bool] {
    var isLeaf = [Bool](repeating: false, count: graph.nodeCount * 2)
    for state in 0..<graph.nodeCount * 2 {
      isLeaf[state] = !graph.hasForwardSteps(state)
    }
    return isLeaf
  }

  /// The number of vertices: the states reached, start states included.
  public var vertexCount: Int { stateOfVertex.count }

  /// Returns the node that a vertex's state belongs to.
  public func node(of vertex: Int) -> NodeID {
    StateGraph.node(of: Int(stateOfVertex[vertex]))
  }

  /// Returns the vertices one step from `vertex`.
  public func successors(of vertex: Int) -> ArraySlice<Int32> {
    targets[Int(offsets[vertex])..<Int(offsets[vertex + 1])]
  }

  /// Returns the nodes of the leaves one step from `vertex`.
  public func leaves(of vertex: Int) -> ArraySlice<Int32> {
    leafNodes[Int(leafOffsets[vertex])..<Int(leafOffsets[vertex + 1])]
  }
}

/// Calls `body` with mutable buffers over the arrays that `ReachableStateGraph` fills.
private func withUnsafeMutableBuffers<Result>(
  _ a: inout [Int32], _ b: inout [Int32], _ c: inout [Int32], _ d: inout [Int32],
  _ body: (
    UnsafeMutableBufferPointer<Int32>, UnsafeMutableBufferPointer<Int32>,
    UnsafeMutableBufferPointer<Int32>, UnsafeMutableBufferPointer<Int32>
  ) -> Result
) -> Result {
  a.withUnsafeMutableBufferPointer { a in
    b.withUnsafeMutableBufferPointer { b in
      c.withUnsafeMutableBufferPointer { c in
        d.withUnsafeMutableBufferPointer { d in
          body(a, b, c, d)
        }
      }
    }
  }
}
