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
    var stateOfVertex: [Int32] = []
    var offsets: [Int32] = [0]
    var targets: [Int32] = []
    var leafOffsets: [Int32] = [0]
    var leafNodes: [Int32] = []
    leafNodes.reserveCapacity(graph.edgeCount)

    for state in startStates {
      precondition(state >= 0 && state < stateCount, "start state \(state) is out of range")
      guard vertexOfState[state] < 0 else { continue }
      vertexOfState[state] = Int32(stateOfVertex.count)
      stateOfVertex.append(Int32(state))
    }
    // `stateOfVertex` is the breadth-first queue: vertices are appended as they are found
    // and expanded in that order, which is also the order their edges are written in.
    var next = 0
    while next < stateOfVertex.count {
      let state = Int(stateOfVertex[next])
      next += 1
      if graph.expandsForward(state) {
        let node = state >> 1
        for slot in graph.forwardOffsets[node]..<graph.forwardOffsets[node + 1] {
          let edge = Int(graph.forwardEdges[Int(slot)])
          guard includesConditionalEdges || !graph.edgeConditional[edge] else { continue }
          let target = graph.forwardStep(from: state, along: edge)
          if vertexOfState[target] >= 0 {
            targets.append(vertexOfState[target])
          } else if !graph.hasForwardSteps(target) {
            leafNodes.append(Int32(target >> 1))
          } else {
            vertexOfState[target] = Int32(stateOfVertex.count)
            stateOfVertex.append(Int32(target))
            targets.append(vertexOfState[target])
          }
        }
      }
      offsets.append(Int32(targets.count))
      leafOffsets.append(Int32(leafNodes.count))
    }

    self.stateOfVertex = stateOfVertex
    self.vertexOfState = vertexOfState
    self.offsets = offsets
    self.targets = targets
    self.leafOffsets = leafOffsets
    self.leafNodes = leafNodes
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
