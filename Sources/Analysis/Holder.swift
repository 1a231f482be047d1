import AccessGraph

/// An actor that holds a target directly: it reaches a target node through zero or more
/// `memberOf` edges and then one edge into the target, so the grant into the target is its
/// own or one of its groups'.
///
/// Revocation plans and chokepoints over every identity keep the holders by default,
/// because they are the identities meant to have the target. Holders are not sources, and
/// a path that acts as a holder counts as reaching the target. Holding an actor only, as
/// read access to an admin role gives, makes no one a holder.
public struct Holder: Sendable, Equatable {
  /// The person, workload, service identity or group that holds a target.
  public var node: NodeID
  /// The target nodes it holds, in id order.
  public var targets: [NodeID]
  /// A shortest chain of edges that makes it a holder: its `memberOf` edges, then the edge
  /// into a target. Among chains of equal length, the one into the target with the lowest
  /// id is chosen.
  public var edges: [EdgeID]

  /// Finds every actor that holds one of `targets`, other than the target nodes
  /// themselves, in id order.
  ///
  /// NOTE: A person's link to their own account on another platform, such as an inventory
  /// `assumes` to their IAM user, is not a membership, so that person is no holder and a
  /// plan cuts the link like any other path into a holder.
  ///
  /// For each target, one breadth-first search runs against the edges: first the edges into
  /// the target from actors, then `memberOf` edges only.
  ///
  /// - Complexity: O(V + Σ d(t) + Σ d(h)) time for each target t and each of its holders
  ///   h, where d counts a node's incoming edges, and O(V) extra space.
  public static func all(of targets: Set<NodeID>, in graph: AccessGraph) -> [Holder] {
    var isTarget = [Bool](repeating: false, count: graph.nodeCount)
    for target in targets { isTarget[target.index] = true }
    let canHold = { (node: NodeID) in
      !isTarget[node.index] && graph.node(node).kind.isActor
    }

    var heldTargets: [NodeID: [NodeID]] = [:]
    var bestChains: [NodeID: [EdgeID]] = [:]
    // The target whose search last visited each node, so the array needs no reset.
    var visitedFor = [Int32](repeating: -1, count: graph.nodeCount)
    // The edge that first reached each node in the current search, towards the target.
    var nextEdge = [Int32](repeating: -1, count: graph.nodeCount)
    for target in targets.sorted() {
      var queue: [NodeID] = []
      let visit = { (node: NodeID, edge: EdgeID) in
        visitedFor[node.index] = Int32(target.index)
        nextEdge[node.index] = Int32(edge.index)
        queue.append(node)
      }
      for edge in graph.incomingEdges(of: target) {
        let holder = graph.source(of: edge)
        if canHold(holder) && visitedFor[holder.index] != Int32(target.index) {
          visit(holder, edge)
        }
      }
      var head = 0
      while head < queue.count {
        let group = queue[head]
        head += 1
        for edge in graph.incomingEdges(of: group) where graph.relation(of: edge) == .memberOf {
          let member = graph.source(of: edge)
          if canHold(member) && visitedFor[member.index] != Int32(target.index) {
            visit(member, edge)
          }
        }
      }
      for holder in queue {
        heldTargets[holder, default: []].append(target)
        var chain: [EdgeID] = []
        var node = holder
        while node != target {
          let edge = EdgeID(Int(nextEdge[node.index]))
          chain.append(edge)
          node = graph.target(of: edge)
        }
        if let best = bestChains[holder], best.count <= chain.count { continue }
        bestChains[holder] = chain
      }
    }
    return heldTargets.keys.sorted().map { node in
      Holder(node: node, targets: heldTargets[node]!, edges: bestChains[node]!)
    }
  }
}
