import AccessGraph

/// A renderer-neutral description of one picture: which nodes and edges to draw, which of
/// them to emphasise, and a title.
///
/// Build one with `Diagram.radius(_:in:maximumNodes:)`, `Diagram.paths(_:in:title:)` or
/// `Diagram.estate(_:maximumNodes:maximumEdges:)`, then hand it to `DOTWriter`. A diagram
/// copies every name and id it shows, so writing it needs no graph. Nodes and edges are kept
/// sorted by keys that do not depend on the order in which the graph was built.
public struct Diagram: Sendable, Equatable {
  /// The question a diagram answers.
  public enum Kind: String, Sendable, Equatable, CaseIterable {
    /// The blast radius of one identity.
    case radius
    /// Chains of grants from one node to another.
    case paths
    /// A whole estate.
    case estate
    /// Attack paths through the grants of a revocation plan.
    case cut
    /// Attack paths through the edges that the most shortest attack paths pass through.
    case chokepoints
  }

  public var kind: Kind
  public var title: String
  /// The nodes to draw, ordered by platform, account, kind and id.
  public private(set) var nodes: [DiagramNode]
  /// The edges to draw, ordered by their endpoints' position in `nodes`, then relation.
  public private(set) var edges: [DiagramEdge]
  /// Display names of the accounts whose clusters the diagram draws, keyed by
  /// `accountKey(platform:account:)`, for accounts a scope node names.
  public var accountNames: [String: String] = [:]
  /// How many graph nodes the diagram stands for, counting each aggregate's members.
  public var representedNodeCount: Int { nodes.reduce(0) { $0 + $1.memberCount } }

  /// Creates a diagram and puts `nodes` and `edges` in their canonical order.
  ///
  /// - Precondition: Node ids are unique, and every edge connects two of `nodes`.
  public init(kind: Kind, title: String, nodes: [DiagramNode], edges: [DiagramEdge]) {
    self.kind = kind
    self.title = title
    self.nodes = nodes.sorted { $0.sortKey < $1.sortKey }
    var position: [DiagramNode.ID: Int] = [:]
    for (index, node) in self.nodes.enumerated() {
      precondition(position.updateValue(index, forKey: node.id) == nil, "Duplicate node")
    }
    for edge in edges {
      precondition(
        position[edge.source] != nil && position[edge.target] != nil,
        "Edge endpoint is not a node of the diagram")
    }
    self.edges = edges.sorted { lhs, rhs in
      lhs.precedes(rhs, position: position)
    }
  }

  /// The shapes, colours and edge styles that the diagram uses, for its legend.
  public var legend: DiagramLegend { DiagramLegend(self) }

  /// Whether some node stands for several graph nodes.
  public var isAggregated: Bool { nodes.contains { $0.isAggregate } }

  /// Marks the edges for which `isCut` returns true as edges a revocation plan removes.
  mutating func markCutEdges(where isCut: (DiagramEdge) -> Bool) {
    for index in edges.indices where isCut(edges[index]) {
      edges[index].isCut = true
    }
  }

  /// Marks each edge for which `rank` returns a ranking as a chokepoint.
  mutating func markChokepoints(with rank: (DiagramEdge) -> DiagramEdge.ChokepointRank?) {
    for index in edges.indices {
      if let chokepoint = rank(edges[index]) {
        edges[index].chokepoint = chokepoint
      }
    }
  }
}

/// One box, ellipse or other shape in a diagram: a graph node, or an aggregate of graph
/// nodes of one kind and type in one account.
public struct DiagramNode: Sendable, Equatable, Identifiable {
  /// A node's identity within a diagram. It is built from the graph's string ids, never
  /// from dense `NodeID`s, so it does not change when the graph is built in another order.
  public enum ID: Hashable, Sendable {
    /// One graph node, by its platform id.
    case node(String)
    /// Several graph nodes that share the key's platform, account, kind and type.
    case aggregate(AggregateKey)
  }

  /// The attributes that the members of an aggregate share. A nil `account` or `type`
  /// means that the members differ in it.
  public struct AggregateKey: Hashable, Sendable {
    public var platform: Platform
    public var account: String?
    public var kind: NodeKind
    public var type: String?
    public var isCrownJewel: Bool

    public init(
      platform: Platform, account: String?, kind: NodeKind, type: String?, isCrownJewel: Bool
    ) {
      self.platform = platform
      self.account = account
      self.kind = kind
      self.type = type
      self.isCrownJewel = isCrownJewel
    }
  }

  public var id: ID
  public var kind: NodeKind
  public var platform: Platform
  /// The account, tenant or project the node sits in; empty when it has none or when an
  /// aggregate spans several.
  public var account: String
  /// The display name; for an aggregate, its type, or its kind when types differ.
  public var name: String
  /// The platform's own type, such as `s3-bucket`; empty when unknown or mixed.
  public var type: String
  /// The graph nodes drawn as this one: one for a plain node.
  public var memberCount: Int
  /// The platform ids of the members, sorted; at most `DiagramNode.listedMemberLimit`.
  public var memberIDs: [String]
  public var isCrownJewel: Bool
  /// Whether the node is where the diagram's question starts: the identity whose radius is
  /// drawn, or the first node of a path.
  public var isSource: Bool
  /// The minimum and maximum hop count from the source among the members, when measured.
  public var hops: ClosedRange<Int>?

  /// Maximum number of member ids an aggregate lists.
  public static let listedMemberLimit = 8

  /// Creates the diagram node for one graph node.
  public init(_ node: Node, isSource: Bool = false, hops: Int? = nil) {
    id = .node(node.id)
    kind = node.kind
    platform = node.platform
    account = node.account
    name = node.name
    type = node.type
    memberCount = 1
    memberIDs = [node.id]
    isCrownJewel = node.isCrownJewel
    self.isSource = isSource
    self.hops = hops.map { $0...$0 }
  }

  /// Creates an aggregate of `members`, which share what `key` names.
  ///
  /// - Precondition: `members` has at least one node.
  public init(aggregate key: AggregateKey, members: [Node], hops: ClosedRange<Int>? = nil) {
    precondition(!members.isEmpty, "An aggregate needs members")
    id = .aggregate(key)
    kind = key.kind
    platform = key.platform
    account = key.account ?? ""
    type = key.type ?? ""
    name = key.type ?? key.kind.displayName
    memberCount = members.count
    memberIDs = Array(members.map(\.id).sorted().prefix(Self.listedMemberLimit))
    isCrownJewel = key.isCrownJewel
    isSource = false
    self.hops = hops
  }

  public var isAggregate: Bool {
    if case .aggregate = id { return true }
    return false
  }

  /// The graph node's platform id, or nil for an aggregate.
  public var graphID: String? {
    if case .node(let id) = id { return id }
    return nil
  }

  /// Orders nodes by cluster (platform, then account), then kind, then plain nodes by id
  /// before aggregates by type.
  var sortKey: SortKey {
    switch id {
    case .node(let nodeID):
      SortKey(
        platform: platform.rawValue, account: account, kind: kind, isAggregate: false,
        text: nodeID, isCrownJewel: isCrownJewel)
    case .aggregate(let key):
      SortKey(
        platform: platform.rawValue, account: account, kind: kind, isAggregate: true,
        text: key.type ?? "", isCrownJewel: key.isCrownJewel)
    }
  }

  struct SortKey: Comparable {
    var platform: String
    var account: String
    var kind: NodeKind
    var isAggregate: Bool
    var text: String
    var isCrownJewel: Bool

    static func < (lhs: SortKey, rhs: SortKey) -> Bool {
      if lhs.platform != rhs.platform { return lhs.platform < rhs.platform }
      if lhs.account != rhs.account { return lhs.account < rhs.account }
      if lhs.kind != rhs.kind { return lhs.kind < rhs.kind }
      if lhs.isAggregate != rhs.isAggregate { return !lhs.isAggregate }
      if lhs.text != rhs.text { return lhs.text < rhs.text }
      return !lhs.isCrownJewel && rhs.isCrownJewel
    }
  }
}

/// One arrow in a diagram: a graph edge, or several graph edges of one relation between
/// the same two diagram nodes.
public struct DiagramEdge: Sendable, Equatable {
  public var source: DiagramNode.ID
  public var target: DiagramNode.ID
  public var relation: Relation
  /// The actions granted, in input order for one edge and sorted for merged edges.
  public var actions: [String]
  /// Whether every graph edge drawn as this one rests on a condition that was not evaluated.
  public var isConditional: Bool
  /// The graph edges drawn as this one.
  public var memberCount: Int
  /// The edge's positions on the highlighted paths, counted from 1, sorted; empty when the
  /// edge is not on a highlighted path.
  public var hopNumbers: [Int]
  /// Descriptions of the grants behind the edge, sorted, at most
  /// `DiagramEdge.listedGrantLimit`.
  public var grants: [String]
  /// Whether a revocation plan removes the edge.
  public var isCut = false
  /// The edge's rank and score among the chokepoints a diagram draws, or nil when it is not
  /// one of them.
  public var chokepoint: ChokepointRank?

  /// A chokepoint's position in the ranking, counted from 1, and its score (see
  /// `Chokepoints`).
  public struct ChokepointRank: Sendable, Equatable {
    public var rank: Int
    public var score: Double

    public init(rank: Int, score: Double) {
      self.rank = rank
      self.score = score
    }
  }

  /// Maximum number of grants an edge lists.
  public static let listedGrantLimit = 5

  public init(
    source: DiagramNode.ID, target: DiagramNode.ID, relation: Relation, actions: [String] = [],
    isConditional: Bool = false, memberCount: Int = 1, hopNumbers: [Int] = [],
    grants: [String] = []
  ) {
    self.source = source
    self.target = target
    self.relation = relation
    self.actions = actions
    self.isConditional = isConditional
    self.memberCount = memberCount
    self.hopNumbers = hopNumbers
    self.grants = grants
  }

  /// Whether the edge is drawn as a step of an attack path.
  public var isHighlighted: Bool { !hopNumbers.isEmpty }

  func precedes(_ other: DiagramEdge, position: [DiagramNode.ID: Int]) -> Bool {
    let left = (position[source]!, position[target]!)
    let right = (position[other.source]!, position[other.target]!)
    if left != right { return left < right }
    if relation != other.relation { return relation < other.relation }
    if hopNumbers != other.hopNumbers {
      return hopNumbers.lexicographicallyPrecedes(other.hopNumbers)
    }
    if actions != other.actions { return actions.lexicographicallyPrecedes(other.actions) }
    if isConditional != other.isConditional { return !isConditional }
    return grants.lexicographicallyPrecedes(other.grants)
  }
}

extension NodeKind {
  /// The kind in words, as a legend shows it: `service identity` for `serviceIdentity`.
  public var displayName: String {
    switch self {
    case .human: "human"
    case .workload: "workload"
    case .serviceIdentity: "service identity"
    case .group: "group"
    case .resource: "resource"
    case .credential: "credential"
    case .scope: "scope"
    case .privilege: "privilege"
    }
  }
}
