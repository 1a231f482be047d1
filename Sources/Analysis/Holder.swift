import AccessGraph

/// An actor that holds a target directly: it reaches a target node through a chain of
/// identity bindings, then one grant, then the scopes that contain the target.
///
/// The bindings are unconditional `memberOf`, `runsAs` and `federates` edges: a member
/// holds its groups' grants, a workload what its identity holds, and a Kubernetes service
/// account what the cloud identity it federates to holds. The grant is one edge other than
/// `contains` into the target or into a scope above it, followed by zero or more `contains`
/// edges down to the target. So an account admin whose policy covers the account's S3
/// scope holds every bucket in it, and a pod that runs as a service account with an IRSA
/// admin role holds the account admin privilege.
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
  /// A shortest chain of edges that makes it a holder: its bindings, the grant, then the
  /// `contains` edges down to a target. Among chains of equal length, the one into the
  /// target with the lowest id is chosen.
  public var edges: [EdgeID]

  /// The relations that bind one actor to another's grants.
  static let bindingRelations: Set<Relation> = [.memberOf, .runsAs, .federates]

  /// Finds every actor that holds one of `targets`, other than the target nodes
  /// themselves, in id order.
  ///
  /// NOTE: A person's link to their own account on another platform, such as an inventory
  /// `assumes` to their IAM user, is no binding, so that person is no holder and a plan
  /// cuts the link like any other path into a holder.
  ///
  /// For each target, one breadth-first search runs against the edges in two layers: first
  /// up the `contains` edges to the scopes above the target, then from each of those into
  /// the actors with a grant on it, then up the binding edges between actors.
  ///
  /// - Complexity: O(V + Σ d(n)) time for each target, summing the incoming edges d(n) of
  ///   the target, its containing scopes and its holders, and O(V) extra space.
  public static func all(of targets: Set<NodeID>, in graph: AccessGraph) -> [Holder] {
    var isTarget = [Bool](repeating: false, count: graph.nodeCount)
    for target in targets { isTarget[target.index] = true }
    let canHold = { (node: NodeID) in
      !isTarget[node.index] && graph.node(node).kind.isActor
    }

    var heldTargets: [NodeID: [NodeID]] = [:]
    var bestChains: [NodeID: [EdgeID]] = [:]
    // The target whose search last visited each node in each layer, so that the arrays
    // need no reset between searches.
    var scopeVisitedFor = [Int32](repeating: -1, count: graph.nodeCount)
    var holderVisitedFor = [Int32](repeating: -1, count: graph.nodeCount)
    // The edge that first reached each node in each layer, towards the target.
    var scopeNext = [Int32](repeating: -1, count: graph.nodeCount)
    var holderNext = [Int32](repeating: -1, count: graph.nodeCount)
    // Whether each holder's stored edge is a binding to another holder, not the grant.
    var holderNextBinds = [Bool](repeating: false, count: graph.nodeCount)
    for target in targets.sorted() {
      let mark = Int32(target.index)
      // Each entry is a node and whether the search reached it as a holder. One queue serves
      // both layers, so the search stays breadth-first and every chain is a shortest one.
      var queue: [(node: NodeID, isHolder: Bool)] = [(target, false)]
      var holders: [NodeID] = []
      scopeVisitedFor[target.index] = mark
      var head = 0
      while head < queue.count {
        let (node, isHolder) = queue[head]
        head += 1
        for edge in graph.incomingEdges(of: node) {
          let source = graph.source(of: edge)
          let relation = graph.relation(of: edge)
          if !isHolder && relation == .contains {
            guard scopeVisitedFor[source.index] != mark else { continue }
            scopeVisitedFor[source.index] = mark
            scopeNext[source.index] = Int32(edge.index)
            queue.append((source, false))
            continue
          }
          let isStep =
            !isHolder
            || (bindingRelations.contains(relation) && !graph.isConditional(edge))
          guard isStep, canHold(source), holderVisitedFor[source.index] != mark else {
            continue
          }
          holderVisitedFor[source.index] = mark
          holderNext[source.index] = Int32(edge.index)
          holderNextBinds[source.index] = isHolder
          queue.append((source, true))
          holders.append(source)
        }
      }
      for holder in holders {
        heldTargets[holder, default: []].append(target)
        let chain = Self.chain(
          from: holder, to: target, holderNext: holderNext, holderNextBinds: holderNextBinds,
          scopeNext: scopeNext, in: graph)
        if let best = bestChains[holder], best.count <= chain.count { continue }
        bestChains[holder] = chain
      }
    }
    return heldTargets.keys.sorted().map { node in
      Holder(node: node, targets: heldTargets[node]!, edges: bestChains[node]!)
    }
  }

  /// Follows the edges a search stored from `holder` down to `target`: bindings, then the
  /// grant, then `contains` edges.
  private static func chain(
    from holder: NodeID, to target: NodeID, holderNext: [Int32], holderNextBinds: [Bool],
    scopeNext: [Int32], in graph: AccessGraph
  ) -> [EdgeID] {
    var chain: [EdgeID] = []
    var node = holder
    var isHolder = true
    while node != target || isHolder {
      let edge = EdgeID(Int(isHolder ? holderNext[node.index] : scopeNext[node.index]))
      chain.append(edge)
      if isHolder {
        isHolder = holderNextBinds[node.index]
      }
      node = graph.target(of: edge)
    }
    return chain
  }
}
