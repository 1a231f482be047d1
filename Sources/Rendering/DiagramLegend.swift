import AccessGraph

/// The node kinds, platforms, markings and edge styles that one diagram uses, so that its
/// legend explains exactly what the picture shows and nothing else.
public struct DiagramLegend: Sendable, Equatable {
  /// A way of drawing an edge.
  public enum EdgeStyle: String, Sendable, Equatable, CaseIterable {
    /// An ordinary grant: a thin grey arrow.
    case grant
    /// A grant limited by a condition that was not evaluated: a dashed arrow.
    case conditional
    /// Several grants of one relation between the same two nodes, drawn once with a count.
    case merged
    /// A step of an attack path: a thick red arrow with its hop number.
    case pathHop
    /// A grant that a revocation plan removes: a thick blue arrow marked `[cut]`.
    case cut
    /// One of the edges that the most shortest attack paths pass through: a thicker purple
    /// arrow marked with its rank and score.
    case chokepoint
  }

  /// The node kinds drawn, in the order of `NodeKind.allCases`.
  public var kinds: [NodeKind]
  /// The platforms drawn, sorted by name.
  public var platforms: [Platform]
  public var hasCrownJewels: Bool
  public var hasSource: Bool
  public var hasAggregates: Bool
  /// The edge styles drawn, in the order of `EdgeStyle.allCases`.
  public var edgeStyles: [EdgeStyle]

  /// Collects what `diagram` draws.
  ///
  /// - Complexity: O(n + e) for n nodes and e edges.
  public init(_ diagram: Diagram) {
    let kindsUsed = Set(diagram.nodes.map(\.kind))
    kinds = NodeKind.allCases.filter(kindsUsed.contains)
    platforms = Set(diagram.nodes.map(\.platform)).sorted()
    hasCrownJewels = diagram.nodes.contains(where: \.isCrownJewel)
    hasSource = diagram.nodes.contains(where: \.isSource)
    hasAggregates = diagram.isAggregated
    var styles: Set<EdgeStyle> = []
    for edge in diagram.edges {
      if edge.isHighlighted {
        styles.insert(.pathHop)
      } else if !edge.isConditional {
        styles.insert(.grant)
      }
      if edge.isConditional { styles.insert(.conditional) }
      if edge.memberCount > 1 { styles.insert(.merged) }
      if edge.isCut { styles.insert(.cut) }
      if edge.chokepoint != nil { styles.insert(.chokepoint) }
    }
    edgeStyles = EdgeStyle.allCases.filter(styles.contains)
  }

  /// Whether the diagram draws nothing, so that there is nothing to explain.
  public var isEmpty: Bool { kinds.isEmpty && edgeStyles.isEmpty }
}
