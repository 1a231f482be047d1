import AccessGraph
import Analysis

extension Diagram {
  /// Builds the diagram of a revocation plan: attack paths from its sources to the target,
  /// each through an edge the plan removes, with those edges drawn as cut.
  ///
  /// Sources that reached the target are taken in the plan's order. A source's shortest
  /// path to the target is drawn when it passes through a removed edge that no path drawn
  /// so far passes through. Drawing stops when every removed edge on a route is drawn or
  /// `maximumPaths` paths are. A plan with nothing to revoke gives an empty diagram.
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

  private struct CutKey: Hashable {
    var source: String
    var target: String
    var relation: Relation
    var grant: String
  }
}
