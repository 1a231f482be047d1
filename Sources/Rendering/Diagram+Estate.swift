import AccessGraph

extension Diagram {
  /// The edge count above which an estate diagram leaves out its least important edges.
  public static let defaultMaximumEdges = 150

  /// Builds an overview of a whole estate: every node and edge, aggregated when there are
  /// more than `maximumNodes` nodes.
  ///
  /// Aggregation follows the same stages as `radius(_:in:maximumNodes:)`. Only privileges
  /// always stay individual. Crown jewels are aggregated apart from other nodes of their
  /// type, so they stay visible as crown jewels. Edges of one relation between the same two
  /// diagram nodes are drawn once with a count.
  ///
  /// When more than `maximumEdges` edges remain, only that many are drawn: first those that
  /// touch a privilege or a crown jewel, then those that merge the most grants. The title
  /// states how many were left out. Layout time in Graphviz grows quickly with the number of
  /// edges between clusters, and a diagram with hundreds of crossing edges is unreadable.
  ///
  /// - Complexity: O(S·V + E) for V nodes, E edges and S aggregation stages, plus sorting
  ///   the result.
  public static func estate(
    _ graph: AccessGraph, maximumNodes: Int = defaultMaximumNodes,
    maximumEdges: Int = defaultMaximumEdges
  ) -> Diagram {
    let privileges = Set(graph.nodes { $0.kind == .privilege })
    let groups = Aggregation.group(
      graph.nodeIDs, in: graph, keeping: privileges, maximumNodes: maximumNodes)
    let nodes = groups.map { id, members in
      diagramNode(id, members: members, in: graph, hops: nil, source: nil)
    }

    let representative = Aggregation.representatives(of: groups)
    var merger = EdgeMerger()
    for edge in graph.edgeIDs {
      merger.add(
        edge, from: representative[graph.source(of: edge)]!,
        to: representative[graph.target(of: edge)]!, in: graph)
    }
    let full = Diagram(kind: .estate, title: "", nodes: nodes, edges: merger.edges())
    let edges = mostImportantEdges(of: full, count: maximumEdges)

    let platformCount = Set(graph.nodes.map(\.platform)).count
    var title = "Estate overview: \(graph.nodeCount) \(graph.nodeCount == 1 ? "node" : "nodes")"
    title += " and \(graph.edgeCount) \(graph.edgeCount == 1 ? "edge" : "edges")"
    title += " on \(platformCount) \(platformCount == 1 ? "platform" : "platforms")"
    if nodes.count < graph.nodeCount {
      title += ", aggregated into \(nodes.count) nodes"
    }
    if edges.count < full.edges.count {
      title += ", showing \(edges.count) of \(full.edges.count) edges"
    }
    var diagram = Diagram(kind: .estate, title: title, nodes: nodes, edges: edges)
    diagram.accountNames = accountNames(of: diagram.nodes, in: graph)
    return diagram
  }

  /// Returns at most `count` edges of `diagram`: those touching a privilege or a crown jewel
  /// first, then those merging the most grants, ties broken by the diagram's edge order.
  private static func mostImportantEdges(of diagram: Diagram, count: Int) -> [DiagramEdge] {
    guard diagram.edges.count > count else {
      return diagram.edges
    }
    let important = Set(
      diagram.nodes.filter { $0.kind == .privilege || $0.isCrownJewel }.map(\.id))
    let ranked = diagram.edges.enumerated().sorted { lhs, rhs in
      let left = important.contains(lhs.element.source) || important.contains(lhs.element.target)
      let right = important.contains(rhs.element.source) || important.contains(rhs.element.target)
      if left != right { return left }
      if lhs.element.memberCount != rhs.element.memberCount {
        return lhs.element.memberCount > rhs.element.memberCount
      }
      return lhs.offset < rhs.offset
    }
    return ranked.prefix(max(count, 0)).map(\.element)
  }
}
