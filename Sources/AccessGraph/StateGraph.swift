/// The (node, mode) search states of `Reachability` as a directed graph of their own, in
/// compact sparse-row (CSR) form.
///
/// State `node * 2 + mode` stands for the node gained in the acting mode (low bit 0) or the
/// held mode (low bit 1). There is an edge from one state to another exactly when a forward
/// search in the first follows one access-graph edge to the second. So a forward
/// `reachability` search visits exactly the states that this graph reaches from its sources.
/// Parallel access-graph edges give parallel state edges.
public struct StateGraph: Sendable {
  /// The number of states: twice the number of nodes.
  public let stateCount: Int
  /// `targets[offsets[s] ..< offsets[s + 1]]` are the states one step from state s.
  public let offsets: [Int32]
  public let targets: [Int32]
  /// The access-graph edge behind each state edge, parallel to `targets`.
  public let edges: [Int32]

  /// Builds the state graph of `graph` from the same transition functions the forward
  /// search uses.
  ///
  /// - Parameters:
  ///   - includesConditionalEdges: false leaves out every edge that rests on a condition that
  ///     was not evaluated.
  /// - Complexity: O(V + E) time and space, where V counts nodes and E counts edges.
  public init(of graph: AccessGraph, includesConditionalEdges: Bool = true) {
    stateCount = graph.nodeCount * 2
    var offsets = [Int32](repeating: 0, count: stateCount + 1)
    for state in 0..<stateCount {
      offsets[state + 1] = offsets[state]
      guard graph.expandsForward(state) else { continue }
      for slot in graph.forwardOffsets[state >> 1]..<graph.forwardOffsets[(state >> 1) + 1] {
        let edge = Int(graph.forwardEdges[Int(slot)])
        if includesConditionalEdges || !graph.edgeConditional[edge] {
          offsets[state + 1] += 1
        }
      }
    }

    var targets = [Int32](repeating: 0, count: Int(offsets[stateCount]))
    var edges = [Int32](repeating: 0, count: Int(offsets[stateCount]))
    var next = 0
    for state in 0..<stateCount where graph.expandsForward(state) {
      for slot in graph.forwardOffsets[state >> 1]..<graph.forwardOffsets[(state >> 1) + 1] {
        let edge = Int(graph.forwardEdges[Int(slot)])
        if includesConditionalEdges || !graph.edgeConditional[edge] {
          targets[next] = Int32(graph.forwardStep(from: state, along: edge))
          edges[next] = Int32(edge)
          next += 1
        }
      }
    }
    self.offsets = offsets
    self.targets = targets
    self.edges = edges
  }

  /// Returns the state of `node` in the acting mode, where every forward search starts.
  public static func actingState(of node: NodeID) -> Int {
    node.index * 2 + AccessGraph.actingMode
  }

  /// Returns the node a state belongs to.
  public static func node(of state: Int) -> NodeID {
    NodeID(state >> 1)
  }

  /// Returns the states one step from `state`.
  public func successors(of state: Int) -> ArraySlice<Int32> {
    targets[Int(offsets[state])..<Int(offsets[state + 1])]
  }

  /// Returns the positions in `targets` and `edges` of the state edges leaving `state`.
  public func transitions(of state: Int) -> Range<Int> {
    Int(offsets[state])..<Int(offsets[state + 1])
  }
}
