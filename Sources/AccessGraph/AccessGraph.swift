/// A frozen estate: nodes and edges in compact sparse-row (CSR) form.
///
/// Nodes and edges have dense `Int32` ids. Edge columns are stored side by side, and two
/// offset arrays give every node's outgoing and incoming edges as contiguous slices, so
/// searches touch flat arrays only. The graph never changes after `EstateBuilder.freeze()`,
/// and it is safe to share between threads.
public final class AccessGraph: Sendable {
  public let nodes: [Node]
  private let nodeIndex: [String: Int32]
  private let strings: [String]
  private let actionSets: [[Int32]]
  private let provenances: [InternedProvenance]

  let edgeSource: [Int32]
  let edgeTarget: [Int32]
  let edgeRelation: [Relation]
  private let edgeActions: [Int32]
  private let edgeProvenance: [Int32]
  let edgeConditional: [Bool]

  /// `forwardEdges[forwardOffsets[v] ..< forwardOffsets[v + 1]]` are the edges leaving v.
  let forwardOffsets: [Int32]
  let forwardEdges: [Int32]
  /// `reverseEdges[reverseOffsets[v] ..< reverseOffsets[v + 1]]` are the edges entering v.
  let reverseOffsets: [Int32]
  let reverseEdges: [Int32]
  /// Whether each node is an actor, copied out of `nodes` for the search loops.
  let isActor: [Bool]
  /// Each edge of `forwardEdges`, at the same slot, packed into one number for walks over
  /// every state. It is the target node times 8, plus 4 when the edge rests on a condition,
  /// plus the mode after a forward step: 0 acting, 1 held, 2 unchanged (`target(of:from:)`).
  let forwardSteps: [Int32]

  init(
    nodes: [Node], nodeIndex: [String: Int32], strings: [String], actionSets: [[Int32]],
    provenances: [InternedProvenance], edgeSource: [Int32], edgeTarget: [Int32],
    edgeRelation: [Relation], edgeActions: [Int32], edgeProvenance: [Int32],
    edgeConditional: [Bool]
  ) {
    self.nodes = nodes
    self.nodeIndex = nodeIndex
    self.strings = strings
    self.actionSets = actionSets
    self.provenances = provenances
    self.edgeSource = edgeSource
    self.edgeTarget = edgeTarget
    self.edgeRelation = edgeRelation
    self.edgeActions = edgeActions
    self.edgeProvenance = edgeProvenance
    self.edgeConditional = edgeConditional
    // Edge ids grouped by source and by target, each group in edge order: O(V + E).
    (forwardOffsets, forwardEdges) = CountingSort.group(keys: edgeSource, keyCount: nodes.count)
    (reverseOffsets, reverseEdges) = CountingSort.group(keys: edgeTarget, keyCount: nodes.count)
    isActor = nodes.map(\.kind.isActor)
    precondition(nodes.count < 1 << 28, "a graph has at most 2^28 nodes")
    forwardSteps = forwardEdges.map { edge in
      let relation = edgeRelation[Int(edge)]
      let mode: Int32 = relation == .contains ? 2 : (relation.isHolding ? 1 : 0)
      return edgeTarget[Int(edge)] << 3 | (edgeConditional[Int(edge)] ? 4 : 0) | mode
    }
  }

  public var nodeCount: Int { nodes.count }
  public var edgeCount: Int { edgeSource.count }

  public var nodeIDs: [NodeID] { (0..<nodes.count).map(NodeID.init) }
  public var edgeIDs: [EdgeID] { (0..<edgeSource.count).map(EdgeID.init) }

  public func node(_ id: NodeID) -> Node {
    nodes[id.index]
  }

  /// Returns the node whose platform id is exactly `id`.
  ///
  /// - Complexity: O(1) expected.
  public func nodeID(for id: String) -> NodeID? {
    nodeIndex[id].map(NodeID.init)
  }

  /// Returns the edge with its strings and provenance filled in.
  ///
  /// - Complexity: O(a), where a is the number of actions on the edge.
  public func edge(_ id: EdgeID) -> Edge {
    let index = id.index
    return Edge(
      source: NodeID(edgeSource[index]), target: NodeID(edgeTarget[index]),
      relation: edgeRelation[index], actions: actions(of: id),
      provenance: provenance(of: id), isConditional: edgeConditional[index])
  }

  public func source(of id: EdgeID) -> NodeID { NodeID(edgeSource[id.index]) }
  public func target(of id: EdgeID) -> NodeID { NodeID(edgeTarget[id.index]) }
  public func relation(of id: EdgeID) -> Relation { edgeRelation[id.index] }
  public func isConditional(_ id: EdgeID) -> Bool { edgeConditional[id.index] }

  public func actions(of id: EdgeID) -> [String] {
    actionSets[Int(edgeActions[id.index])].map { strings[Int($0)] }
  }

  /// The number of distinct action lists that edges carry.
  public var actionSetCount: Int { actionSets.count }

  /// Returns the dense index of the edge's action list. Edges with equal action lists, in
  /// the same order, share one index below `actionSetCount`.
  public func actionSetIndex(of id: EdgeID) -> Int {
    Int(edgeActions[id.index])
  }

  /// Returns the action list at `index`, which `actionSetIndex(of:)` gives for an edge.
  public func actions(actionSetIndex index: Int) -> [String] {
    actionSets[index].map { strings[Int($0)] }
  }

  /// The number of distinct provenances: grants that one or more edges share.
  public var grantCount: Int { provenances.count }

  /// Returns the dense index of the edge's provenance. Edges whose file, location, grant and
  /// technique are all equal share one index, because they come from one grant.
  public func grantIndex(of id: EdgeID) -> Int {
    Int(edgeProvenance[id.index])
  }

  public func provenance(of id: EdgeID) -> Provenance {
    provenance(grantIndex: Int(edgeProvenance[id.index]))
  }

  /// Returns the provenance at `index`, which `grantIndex(of:)` gives for an edge.
  public func provenance(grantIndex index: Int) -> Provenance {
    let interned = provenances[index]
    return Provenance(
      file: strings[Int(interned.file)], location: strings[Int(interned.location)],
      grant: strings[Int(interned.grant)],
      technique: interned.technique < 0 ? nil : strings[Int(interned.technique)])
  }

  /// Returns the edges leaving `node`, in the order they were added.
  ///
  /// - Complexity: O(1) to create; the slice has the node's out-degree.
  public func outgoingEdges(of node: NodeID) -> [EdgeID] {
    let range = Int(forwardOffsets[node.index])..<Int(forwardOffsets[node.index + 1])
    return forwardEdges[range].map(EdgeID.init)
  }

  /// Returns the edges entering `node`, in the order they were added.
  public func incomingEdges(of node: NodeID) -> [EdgeID] {
    let range = Int(reverseOffsets[node.index])..<Int(reverseOffsets[node.index + 1])
    return reverseEdges[range].map(EdgeID.init)
  }

  /// Returns a graph with the same nodes and every edge except those in `removed`.
  ///
  /// Edge ids of the new graph are dense again, so they differ from this graph's after the
  /// first removed edge. Grant indexes (`grantIndex(of:)`) stay the same.
  ///
  /// - Complexity: O(V + E).
  public func removingEdges(_ removed: Set<EdgeID>) -> AccessGraph {
    let keptEdges = (0..<edgeCount).filter { !removed.contains(EdgeID($0)) }
    return AccessGraph(
      nodes: nodes, nodeIndex: nodeIndex, strings: strings, actionSets: actionSets,
      provenances: provenances, edgeSource: keptEdges.map { edgeSource[$0] },
      edgeTarget: keptEdges.map { edgeTarget[$0] }, edgeRelation: keptEdges.map { edgeRelation[$0] },
      edgeActions: keptEdges.map { edgeActions[$0] }, edgeProvenance: keptEdges.map { edgeProvenance[$0] },
      edgeConditional: keptEdges.map { edgeConditional[$0] })
  }

  /// Every node for which `isIncluded` holds, in id order.
  ///
  /// - Complexity: O(V).
  public func nodes(where isIncluded: (Node) -> Bool) -> [NodeID] {
    nodes.indices.filter { isIncluded(nodes[$0]) }.map(NodeID.init)
  }
}
