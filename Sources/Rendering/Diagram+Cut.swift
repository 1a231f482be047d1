import AccessGraph
import Analysis

extension Diagram {
  /// Builds the diagram of a revocation plan: attack paths from its sources to the target,
  /// each through an edge the plan removes, with those edges drawn as cut.
  ///
  /// Sources that reached the target are taken in the plan's order. A source's shortest
  /// path to the target is drawn when it passes through a removed edge that no path drawn
  /// so far passes through. Drawing stops when every removed edge on a route is drawn or
  /// `maximumPaths` paths are. A removed edge between two nodes that the paths draw is
  /// drawn too, with the hop numbers of the drawn edges between the same nodes, so that
  /// parallel edges of two revoked grants both show. A plan with nothing to revoke gives an
  /// empty diagram.
  ///
  /// - Complexity: O(S·(V + E)) for the S sources searched, plus sorting the result.
  public static func cut(
    _ plan: RevocationPlan, in graph: AccessGraph, maximumPaths: Int = 20
  ) -> Diagram {
    let cutEdges = Set(plan.grants.flatMap(\.cutEdges))
    var uncovered = cutEdges
    var paths: [AttackPath] = []
    for exposed in plan.exposedSources where !uncovered.isEmpty && paths.count < maximumPaths {
      guard let path = graph.shortestPaths(from: [exposed.source], to: plan.target).first
      else { continue }
      let crossed = Set(path.hops.map(\.edge)).intersection(uncovered)
      if !crossed.isEmpty {
        paths.append(path)
        uncovered.subtract(crossed)
      }
    }

    let count = plan.grants.count
    let title =
      "Revocation plan: \(count) \(count == 1 ? "grant" : "grants") to revoke, cost \(plan.cost)"
    var diagram = Diagram.paths(paths, in: graph, title: title)
    diagram = diagram.adding(parallelCutEdges: uncovered, of: paths, in: graph)
    diagram.kind = .cut
    let cutKeys = Set(
      cutEdges.map { edge in
        CutKey(
          source: graph.node(graph.source(of: edge)).id,
          target: graph.node(graph.target(of: edge)).id, relation: graph.relation(of: edge),
          grant: graph.provenance(of: edge).description)
      })
    diagram.markCutEdges { edge in
      guard case .node(let source) = edge.source, case .node(let target) = edge.target else {
        return false
      }
      return edge.grants.contains {
        cutKeys.contains(
          CutKey(source: source, target: target, relation: edge.relation, grant: $0))
      }
    }
    return diagram
  }

  /// Returns the diagram with each edge of `edges` whose ends the paths both draw, carrying
  /// the hop numbers of the path edges between the same two nodes.
  private func adding(
    parallelCutEdges edges: Set<EdgeID>, of paths: [AttackPath], in graph: AccessGraph
  ) -> Diagram {
    let drawn = Set(paths.flatMap(\.nodes))
    var hopNumbers: [[NodeID]: Set<Int>] = [:]
    for path in paths {
      for (index, hop) in path.hops.enumerated() {
        hopNumbers[[hop.from, hop.to], default: []].insert(index + 1)
      }
    }
    let added = edges.sorted().compactMap { edge -> DiagramEdge? in
      let hop = Hop(edge, in: graph)
      guard drawn.contains(hop.from) && drawn.contains(hop.to) else { return nil }
      return DiagramEdge(
        source: .node(graph.node(hop.from).id), target: .node(graph.node(hop.to).id),
        relation: hop.relation, actions: hop.actions, isConditional: hop.isConditional,
        hopNumbers: hopNumbers[[hop.from, hop.to], default: []].sorted(),
        grants: [hop.provenance.description])
    }
    guard !added.isEmpty else { return self }
    var diagram = Diagram(kind: kind, title: title, nodes: nodes, edges: self.edges + added)
    diagram.accountNames = accountNames
    return diagram
  }

  private struct CutKey: Hashable {
    var source: String
    var target: String
    var relation: Relation
    var grant: String
  }
}
