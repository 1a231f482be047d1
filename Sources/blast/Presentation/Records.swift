import AccessGraph
import Analysis

/// The JSON form of a node in a document's `nodes` section, keyed there by node id.
struct NodeRecord: Encodable, Equatable {
  var kind: NodeKind
  var platform: Platform
  /// The account, tenant, subscription, project or cluster; empty when there is none.
  var account: String
  var name: String
  /// The platform's own type, such as `iam-role`; empty when the input gives none.
  var type: String
  var crownJewel: Bool
  /// Whether an input defined the node, rather than only naming it in a grant.
  var defined: Bool

  init(_ node: Node) {
    kind = node.kind
    platform = node.platform
    account = node.account
    name = node.name
    type = node.type
    crownJewel = node.isCrownJewel
    defined = node.isDefined
  }

  /// Builds the `nodes` section for every node in `ids`, keyed by node id.
  static func section(
    for ids: some Sequence<NodeID>, in graph: AccessGraph
  ) -> [String: NodeRecord] {
    var section: [String: NodeRecord] = [:]
    for id in ids {
      let node = graph.node(id)
      section[node.id] = NodeRecord(node)
    }
    return section
  }
}

/// The JSON form of one hop: an edge with the grant that explains it.
struct HopRecord: Encodable, Equatable {
  var from: String
  var to: String
  var relation: Relation
  var actions: [String]
  /// The grant's origin: `file`, `location` and `grant`.
  var via: Provenance
  var conditional: Bool

  init(_ hop: Hop, in graph: AccessGraph) {
    from = graph.node(hop.from).id
    to = graph.node(hop.to).id
    relation = hop.relation
    actions = hop.actions
    via = hop.provenance
    conditional = hop.isConditional
  }

  static func path(_ edges: [EdgeID], in graph: AccessGraph) -> [HopRecord] {
    edges.map { HopRecord(Hop($0, in: graph), in: graph) }
  }
}

/// The JSON form of a node a search reached, with a shortest path to or from it.
struct ReachedRecord: Encodable, Equatable {
  var node: String
  var hops: Int
  var conditional: Bool
  var actsAs: Bool
  var path: [HopRecord]

  init(_ reached: ReachedNode, in graph: AccessGraph) {
    node = graph.node(reached.node).id
    hops = reached.hops
    conditional = reached.isConditional
    actsAs = reached.actsAs
    path = HopRecord.path(reached.path, in: graph)
  }
}

/// The JSON form of an attack path.
struct PathRecord: Encodable, Equatable {
  var source: String
  var target: String
  var conditional: Bool
  var hops: [HopRecord]

  init(_ path: AttackPath, in graph: AccessGraph) {
    source = graph.node(path.source).id
    target = graph.node(path.target).id
    conditional = path.isConditional
    hops = path.hops.map { HopRecord($0, in: graph) }
  }
}

/// An optional value that JSON shows as `null` when absent, where a plain optional
/// property would leave its key out.
struct Nullable<Wrapped: Encodable & Equatable>: Encodable, Equatable {
  var value: Wrapped?

  init(_ value: Wrapped?) {
    self.value = value
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    if let value {
      try container.encode(value)
    } else {
      try container.encodeNil()
    }
  }
}

/// The JSON form of a holder of a target: the actor, the target nodes it holds, and a
/// shortest chain of hops that makes it a holder (its `memberOf` hops, then the hop into a
/// target).
struct HolderRecord: Encodable, Equatable {
  var node: String
  var targets: [String]
  var hops: [HopRecord]

  init(_ holder: Holder, in graph: AccessGraph) {
    node = graph.node(holder.node).id
    targets = holder.targets.map { graph.node($0).id }
    hops = HopRecord.path(holder.edges, in: graph)
  }

  /// Returns the nodes a holder record names, for a document's `nodes` section.
  static func referencedNodes(of holders: [Holder], in graph: AccessGraph) -> [NodeID] {
    holders.flatMap { holder in
      [holder.node] + holder.targets + holder.edges.map(graph.target(of:))
    }
  }
}

/// An identity that acts as a holder through unrevocable edges, with those edges as hops.
struct HolderBindingRecord: Encodable, Equatable {
  var source: String
  var holder: String
  var hops: [HopRecord]

  init(_ binding: HolderBinding, in graph: AccessGraph) {
    source = graph.node(binding.source).id
    holder = graph.node(binding.holder).id
    hops = HopRecord.path(binding.edges, in: graph)
  }

  /// Returns the nodes a binding record names, for a document's `nodes` section.
  static func referencedNodes(of bindings: [HolderBinding], in graph: AccessGraph) -> [NodeID] {
    bindings.flatMap { [$0.source] + $0.edges.map(graph.target(of:)) }
  }
}
