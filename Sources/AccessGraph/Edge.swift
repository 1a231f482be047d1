/// A directed grant: `source` gains `target` through `relation`.
public struct Edge: Hashable, Codable, Sendable {
  public var source: NodeID
  public var target: NodeID
  public var relation: Relation
  /// The actions granted, verbatim as the input spells them, such as `iam:PassRole`.
  public var actions: [String]
  public var provenance: Provenance
  /// Whether a condition limits the grant that was not evaluated.
  public var isConditional: Bool

  public init(
    source: NodeID, target: NodeID, relation: Relation, actions: [String] = [],
    provenance: Provenance, isConditional: Bool = false
  ) {
    self.source = source
    self.target = target
    self.relation = relation
    self.actions = actions
    self.provenance = provenance
    self.isConditional = isConditional
  }
}
