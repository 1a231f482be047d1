import AccessGraph
import Analysis

extension Diagram {
  /// The number of chokepoint edges that `chokepoints(_:in:top:pathsPerEdge:maximumPaths:)`
  /// draws by default.
  public static let defaultChokepointCount = 5

  /// Builds the diagram of the first `top` chokepoint edges with shortest attack paths that
  /// pass through them, each chokepoint labelled with its rank and score.
  ///
  /// Paths come from `Chokepoints.paths(through:in:limit:)`, up to `pathsPerEdge` for each
  /// edge. Every ranked edge gets its first path. Further paths are drawn in rounds, one
  /// per edge and round in rank order, while fewer than `maximumPaths` paths are drawn. A
  /// path found for several edges is drawn once. Chokepoints without a positive score give
  /// an empty diagram.
  ///
  /// - Complexity: That of `Chokepoints.paths(through:in:limit:)`, plus O(P·h) for the P
  ///   paths drawn of at most h hops, plus sorting the result.
  public static func chokepoints(
    _ chokepoints: Chokepoints, in graph: AccessGraph, top: Int = defaultChokepointCount,
    pathsPerEdge: Int = 3, maximumPaths: Int = 20
  ) -> Diagram {
    let ranked = Array(chokepoints.edges.prefix(max(top, 0)))
    let found = chokepoints.paths(
      through: ranked.map(\.edge), in: graph, limit: max(pathsPerEdge, 1))
    var paths: [AttackPath] = []
    for round in 0..<max(pathsPerEdge, 1) {
      for candidates in found where round < candidates.count {
        let path = candidates[round]
        guard round == 0 || paths.count < maximumPaths else { break }
        if !paths.contains(path) {
          paths.append(path)
        }
      }
    }

    var diagram = Diagram.paths(
      paths, in: graph,
      title: title(count: ranked.count, paths: paths.count, target: chokepoints.target, in: graph)
    )
    diagram.kind = .chokepoints
    var ranks: [ChokepointKey: DiagramEdge.ChokepointRank] = [:]
    for (index, entry) in ranked.enumerated() {
      let key = ChokepointKey(Hop(entry.edge, in: graph), in: graph)
      if ranks[key] == nil {
        ranks[key] = DiagramEdge.ChokepointRank(rank: index + 1, score: entry.score)
      }
    }
    diagram.markChokepoints { edge in
      guard case .node(let source) = edge.source, case .node(let target) = edge.target,
        let grant = edge.grants.first
      else { return nil }
      return ranks[
        ChokepointKey(
          source: source, target: target, relation: edge.relation, actions: edge.actions,
          grant: grant)]
    }
    return diagram
  }

  private static func title(
    count: Int, paths: Int, target: Target, in graph: AccessGraph
  ) -> String {
    let targetName =
      switch target {
      case .admin: "admin"
      case .crownJewels: "crown jewels"
      case .node(let node): Abbreviation.middle(graph.node(node).name)
      }
    guard count > 0 else {
      return "No chokepoints: no attack path to \(targetName) uses a grant that can be revoked"
    }
    let chokepoints = count == 1 ? "The top chokepoint" : "The top \(count) chokepoints"
    return "\(chokepoints) on the shortest attack paths to \(targetName), with "
      + (paths == 1 ? "1 path" : "\(paths) paths") + " through them"
  }

  /// The fields that identify a drawn path edge, because the edges of
  /// `Diagram.paths(_:in:title:)` carry no edge ids.
  private struct ChokepointKey: Hashable {
    var source: String
    var target: String
    var relation: Relation
    var actions: [String]
    var grant: String

    init(source: String, target: String, relation: Relation, actions: [String], grant: String) {
      self.source = source
      self.target = target
      self.relation = relation
      self.actions = actions
      self.grant = grant
    }

    init(_ hop: Hop, in graph: AccessGraph) {
      self.init(
        source: graph.node(hop.from).id, target: graph.node(hop.to).id, relation: hop.relation,
        actions: hop.actions, grant: hop.provenance.description)
    }
  }
}
