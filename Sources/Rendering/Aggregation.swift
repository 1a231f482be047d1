import AccessGraph

/// Grouping of graph nodes into aggregate diagram nodes, and of graph edges into the
/// diagram edges between them, so that large results stay readable.
///
/// Aggregation runs through a ladder of stages, from fine to coarse, and stops at the first
/// stage whose diagram has at most the requested number of nodes. Nodes in the keep set
/// always stay individual, and so does a group that would have a single member.
enum Aggregation {
  /// Node attributes that the members of one aggregate share.
  enum Level: Sendable {
    /// Platform, account, kind and type: "12 × s3-bucket in aws/111122223333".
    case type
    /// Platform, account and kind.
    case kind
    /// Platform and kind, across accounts.
    case platform
  }

  /// One rung of the ladder: which kinds may be aggregated, and how coarsely.
  struct Stage: Sendable {
    var kinds: Set<NodeKind>
    var level: Level
  }

  /// Kinds that are acted on rather than acting.
  static let heldKinds: Set<NodeKind> = [.resource, .credential, .scope]

  /// The stages from fine to coarse. Resources, credentials and scopes are grouped by type
  /// first, then identities and groups by type too, then everything by kind, then by kind
  /// across the accounts of a platform. Privileges are never aggregated.
  static let ladder: [Stage] = [
    Stage(kinds: heldKinds, level: .type),
    Stage(kinds: heldKinds.union([.human, .workload, .serviceIdentity, .group]), level: .type),
    Stage(kinds: Set(NodeKind.allCases).subtracting([.privilege]), level: .kind),
    Stage(kinds: Set(NodeKind.allCases).subtracting([.privilege]), level: .platform),
  ]

  /// Groups `candidates` into diagram nodes with the first ladder stage that yields at most
  /// `maximumNodes` groups, or with the last stage when none does.
  ///
  /// - Returns: The members of each diagram node. A plain node's list has one member.
  /// - Complexity: O(S·n) for S stages and n candidates, plus hashing the keys.
  static func group(
    _ candidates: [NodeID], in graph: AccessGraph, keeping keep: Set<NodeID>,
    maximumNodes: Int
  ) -> [DiagramNode.ID: [NodeID]] {
    var groups = group(candidates, in: graph, keeping: keep, stage: nil)
    for stage in ladder where groups.count > maximumNodes {
      groups = group(candidates, in: graph, keeping: keep, stage: stage)
    }
    return groups
  }

  private static func group(
    _ candidates: [NodeID], in graph: AccessGraph, keeping keep: Set<NodeID>, stage: Stage?
  ) -> [DiagramNode.ID: [NodeID]] {
    var groups: [DiagramNode.ID: [NodeID]] = [:]
    for candidate in candidates {
      let node = graph.node(candidate)
      let id: DiagramNode.ID
      if let stage, !keep.contains(candidate), stage.kinds.contains(node.kind) {
        id = .aggregate(key(of: node, level: stage.level))
      } else {
        id = .node(node.id)
      }
      groups[id, default: []].append(candidate)
    }
    for (id, members) in groups where members.count == 1 {
      if case .aggregate = id {
        groups[id] = nil
        groups[.node(graph.node(members[0]).id)] = members
      }
    }
    return groups
  }

  private static func key(of node: Node, level: Level) -> DiagramNode.AggregateKey {
    switch level {
    case .type:
      DiagramNode.AggregateKey(
        platform: node.platform, account: node.account, kind: node.kind, type: node.type,
        isCrownJewel: node.isCrownJewel)
    case .kind:
      DiagramNode.AggregateKey(
        platform: node.platform, account: node.account, kind: node.kind, type: nil,
        isCrownJewel: node.isCrownJewel)
    case .platform:
      DiagramNode.AggregateKey(
        platform: node.platform, account: nil, kind: node.kind, type: nil,
        isCrownJewel: node.isCrownJewel)
    }
  }

  /// Maps every member to the diagram node that draws it.
  static func representatives(of groups: [DiagramNode.ID: [NodeID]]) -> [NodeID: DiagramNode.ID] {
    var representative: [NodeID: DiagramNode.ID] = [:]
    for (id, members) in groups {
      for member in members {
        representative[member] = id
      }
    }
    return representative
  }
}

/// Collects graph edges into diagram edges, one per source, target and relation.
struct EdgeMerger {
  private struct Key: Hashable {
    var source: DiagramNode.ID
    var target: DiagramNode.ID
    var relation: Relation
  }

  private struct Accumulator {
    var firstActions: [String]
    var actions: Set<String>
    var isConditional: Bool
    var memberCount: Int
    /// The smallest distinct grants seen, sorted, at most `DiagramEdge.listedGrantLimit`.
    var grants: [String]

    /// Adds `grant` if it is among the smallest seen, so memory stays bounded however
    /// many edges are merged.
    mutating func insert(grant: String) {
      guard !grants.contains(grant) else { return }
      if grants.count < DiagramEdge.listedGrantLimit {
        grants.append(grant)
        grants.sort()
      } else if let last = grants.last, grant < last {
        grants[grants.count - 1] = grant
        grants.sort()
      }
    }
  }

  private var merged: [Key: Accumulator] = [:]

  /// Adds `edge` as an edge between two diagram nodes.
  ///
  /// An edge whose ends were both aggregated into the same diagram node is skipped,
  /// because a loop on an aggregate shows nothing about which member reaches which. A graph
  /// edge from a node to itself is kept.
  mutating func add(
    _ edge: EdgeID, from source: DiagramNode.ID, to target: DiagramNode.ID,
    in graph: AccessGraph
  ) {
    if source == target, case .aggregate = source {
      return
    }
    let details = graph.edge(edge)
    let key = Key(source: source, target: target, relation: details.relation)
    let grant = details.provenance.description
    if var accumulator = merged[key] {
      accumulator.actions.formUnion(details.actions)
      accumulator.isConditional = accumulator.isConditional && details.isConditional
      accumulator.memberCount += 1
      accumulator.insert(grant: grant)
      merged[key] = accumulator
    } else {
      merged[key] = Accumulator(
        firstActions: details.actions, actions: Set(details.actions),
        isConditional: details.isConditional, memberCount: 1, grants: [grant])
    }
  }

  /// Returns the merged edges in no particular order, because `Diagram` sorts them.
  ///
  /// One graph edge keeps its actions in input order. Merged edges list the union of
  /// their actions sorted, so the result does not depend on which edge came first.
  func edges() -> [DiagramEdge] {
    merged.map { key, accumulator in
      let actions =
        accumulator.memberCount == 1 ? accumulator.firstActions : accumulator.actions.sorted()
      return DiagramEdge(
        source: key.source, target: key.target, relation: key.relation, actions: actions,
        isConditional: accumulator.isConditional, memberCount: accumulator.memberCount,
        grants: accumulator.grants)
    }
  }
}
