import AccessGraph
import Analysis

extension Diagram {
  /// Builds the diagram of one or more attack paths, every hop drawn and numbered.
  ///
  /// Each path's edges are highlighted and carry their position on the path, counted from
  /// 1. An edge on several paths at different positions lists every position. Path sources
  /// are marked. Nothing is aggregated, because a path is only useful in full.
  ///
  /// - Parameters:
  ///   - paths: The paths to draw, for example every shortest path from an identity to
  ///     `Target.admin`. An empty list gives an empty diagram.
  ///   - graph: The graph the paths run through.
  ///   - title: The title to show; nil describes the paths' sources and targets.
  /// - Complexity: O(P·h) for P paths of at most h hops, plus sorting the result.
  public static func paths(
    _ paths: [AttackPath], in graph: AccessGraph, title: String? = nil
  ) -> Diagram {
    let sources = Set(paths.map(\.source))
    var members: Set<NodeID> = []
    var hopNumbers: [EdgeID: Set<Int>] = [:]
    var hopsByEdge: [EdgeID: Hop] = [:]
    for path in paths {
      members.formUnion(path.nodes)
      for (index, hop) in path.hops.enumerated() {
        hopNumbers[hop.edge, default: []].insert(index + 1)
        hopsByEdge[hop.edge] = hop
      }
    }

    let nodes = members.map { DiagramNode(graph.node($0), isSource: sources.contains($0)) }
    let edges = hopsByEdge.map { edge, hop in
      DiagramEdge(
        source: .node(graph.node(hop.from).id), target: .node(graph.node(hop.to).id),
        relation: hop.relation, actions: hop.actions, isConditional: hop.isConditional,
        hopNumbers: hopNumbers[edge, default: []].sorted(),
        grants: [hop.provenance.description])
    }
    var diagram = Diagram(
      kind: .paths, title: title ?? defaultTitle(of: paths, in: graph), nodes: nodes,
      edges: edges)
    diagram.accountNames = accountNames(of: diagram.nodes, in: graph)
    return diagram
  }

  private static func defaultTitle(of paths: [AttackPath], in graph: AccessGraph) -> String {
    guard let first = paths.first else {
      return "No attack paths"
    }
    let sourceName = Abbreviation.middle(graph.node(first.source).name)
    let targetName = Abbreviation.middle(graph.node(first.target).name)
    let hasOneSource = paths.allSatisfy { $0.source == first.source }
    let hasOneTarget = paths.allSatisfy { $0.target == first.target }
    if paths.count == 1 {
      let hops = first.hops.count
      return "Attack path from \(sourceName) to \(targetName) in \(hops) "
        + (hops == 1 ? "hop" : "hops")
    }
    switch (hasOneSource, hasOneTarget) {
    case (true, true): return "\(paths.count) attack paths from \(sourceName) to \(targetName)"
    case (true, false): return "\(paths.count) attack paths from \(sourceName)"
    case (false, true): return "\(paths.count) attack paths to \(targetName)"
    case (false, false): return "\(paths.count) attack paths"
    }
  }
}
