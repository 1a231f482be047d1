import AccessGraph
import Analysis

extension Diagram {
  /// The node count above which builders aggregate, unless the caller chooses another.
  public static let defaultMaximumNodes = 60

  /// Builds the diagram of what one identity reaches.
  ///
  /// The source is marked, and every reached node is drawn with the edges of its shortest
  /// path, so the picture is the search tree with each node's hop count in its label.
  ///
  /// When more than `maximumNodes` nodes would be drawn, nodes are aggregated in stages
  /// until the count fits. The first stage merges resources, credentials and scopes of one
  /// type in one account. The second also merges identities and groups of one type. The
  /// last two merge all nodes of one kind per account, then per platform. The source, every
  /// privilege and crown jewel, and every node on the path to one stay individual, so the
  /// diagram can still exceed the limit when those nodes alone do.
  ///
  /// - Parameters:
  ///   - radius: The search result to draw.
  ///   - graph: The graph `radius` was computed on.
  ///   - maximumNodes: The node count above which nodes are aggregated.
  /// - Complexity: O(S·R + R·h) for R reached nodes, paths of at most h hops and S
  ///   aggregation stages, plus sorting the result.
  public static func radius(
    _ radius: BlastRadius, in graph: AccessGraph, maximumNodes: Int = defaultMaximumNodes
  ) -> Diagram {
    var hops: [NodeID: Int] = [radius.source: 0]
    var keep: Set<NodeID> = [radius.source]
    var pathEdges: Set<EdgeID> = []
    for reached in radius.reached {
      hops[reached.node] = reached.hops
      pathEdges.formUnion(reached.path)
      let node = graph.node(reached.node)
      if node.isCrownJewel || node.kind == .privilege {
        keep.insert(reached.node)
        keep.formUnion(reached.path.map(graph.source(of:)))
      }
    }

    let candidates = [radius.source] + radius.reached.map(\.node)
    let groups = Aggregation.group(
      candidates, in: graph, keeping: keep, maximumNodes: maximumNodes)
    let nodes = groups.map { id, members in
      diagramNode(id, members: members, in: graph, hops: hops, source: radius.source)
    }

    let representative = Aggregation.representatives(of: groups)
    var merger = EdgeMerger()
    for edge in pathEdges.sorted() {
      merger.add(
        edge, from: representative[graph.source(of: edge)]!,
        to: representative[graph.target(of: edge)]!, in: graph)
    }

    var title = "Blast radius of \(Abbreviation.middle(graph.node(radius.source).name))"
    title += ": \(radius.reached.count) \(radius.reached.count == 1 ? "node" : "nodes") reached"
    if let maxDepth = radius.maxDepth {
      title += " within \(maxDepth) \(maxDepth == 1 ? "hop" : "hops")"
    }
    title += ", deepest hop \(radius.deepestHop)"
    if nodes.count < candidates.count {
      title += ", aggregated into \(nodes.count) nodes"
    }
    var diagram = Diagram(kind: .radius, title: title, nodes: nodes, edges: merger.edges())
    diagram.accountNames = accountNames(of: diagram.nodes, in: graph)
    return diagram
  }

  /// Creates the diagram node for one group of graph nodes, with the members' hop counts.
  static func diagramNode(
    _ id: DiagramNode.ID, members: [NodeID], in graph: AccessGraph, hops: [NodeID: Int]?,
    source: NodeID?
  ) -> DiagramNode {
    let memberHops = hops.map { hops in members.compactMap { hops[$0] } } ?? []
    let range = memberHops.min().map { $0...memberHops.max()! }
    switch id {
    case .node:
      var node = DiagramNode(graph.node(members[0]), isSource: members[0] == source)
      node.hops = range
      return node
    case .aggregate(let key):
      return DiagramNode(aggregate: key, members: members.map(graph.node), hops: range)
    }
  }
}
