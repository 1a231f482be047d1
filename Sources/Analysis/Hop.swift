import AccessGraph

/// One step of a path: an edge with everything needed to explain it.
public struct Hop: Sendable, Equatable {
  public var edge: EdgeID
  public var from: NodeID
  public var to: NodeID
  public var relation: Relation
  public var actions: [String]
  public var provenance: Provenance
  public var isConditional: Bool

  public init(_ edge: EdgeID, in graph: AccessGraph) {
    let details = graph.edge(edge)
    self.edge = edge
    from = details.source
    to = details.target
    relation = details.relation
    actions = details.actions
    provenance = details.provenance
    isConditional = details.isConditional
  }
}

/// A chain of grants from one node to another, in the direction the edges point.
public struct AttackPath: Sendable, Equatable {
  public var source: NodeID
  public var target: NodeID
  public var hops: [Hop]

  public init(source: NodeID, target: NodeID, hops: [Hop]) {
    self.source = source
    self.target = target
    self.hops = hops
  }

  /// Builds a path from consecutive edges of `graph`.
  public init(edges: [EdgeID], in graph: AccessGraph) {
    precondition(!edges.isEmpty, "A path needs at least one edge")
    hops = edges.map { Hop($0, in: graph) }
    source = hops[0].from
    target = hops[hops.count - 1].to
  }

  /// Whether some hop rests on a condition that was not evaluated.
  public var isConditional: Bool { hops.contains(where: \.isConditional) }

  /// The nodes along the path, source first.
  public var nodes: [NodeID] { [source] + hops.map(\.to) }
}
