/// Collects nodes and edges from importers and freezes them into an `AccessGraph`.
///
/// Node ids, action names and provenance strings are interned, so each distinct string is
/// stored once however many edges mention it. A node may be referenced before an input
/// defines it (a trust policy naming a role in an account not yet read); the definition
/// then fills in the stub. Adding an edge that already exists with the same relation,
/// actions and provenance has no effect.
public struct EstateBuilder: Sendable {
  public private(set) var nodes: [Node] = []
  private var nodeIndex: [String: Int32] = [:]

  private var strings = InternTable<String>()
  private var actionSets = InternTable<[Int32]>()
  private var provenances = InternTable<InternedProvenance>()

  private var edgeSource: [Int32] = []
  private var edgeTarget: [Int32] = []
  private var edgeRelation: [Relation] = []
  private var edgeActions: [Int32] = []
  private var edgeProvenance: [Int32] = []
  private var edgeConditional: [Bool] = []
  private var edgeKeys: Set<EdgeKey> = []

  private struct EdgeKey: Hashable {
    var source: Int32
    var target: Int32
    var relation: Relation
    var actions: Int32
    var provenance: Int32
    var isConditional: Bool

    /// Feeds the fields to the hasher packed in three words, which takes half the calls of
    /// one per field. Every edge is hashed when added and again when the set grows.
    func hash(into hasher: inout Hasher) {
      hasher.combine(UInt64(UInt32(bitPattern: source)) << 32 | UInt64(UInt32(bitPattern: target)))
      hasher.combine(
        UInt64(UInt32(bitPattern: actions)) << 32 | UInt64(UInt32(bitPattern: provenance)))
      hasher.combine(relation.order << 1 | (isConditional ? 1 : 0))
    }
  }

  public init() {}

  public var nodeCount: Int { nodes.count }
  public var edgeCount: Int { edgeSource.count }

  /// The node with the platform id `id`, if one was added or referenced.
  public func nodeID(for id: String) -> NodeID? {
    nodeIndex[id].map(NodeID.init)
  }

  public func node(_ id: NodeID) -> Node {
    nodes[id.index]
  }

  /// Adds a node that an input defines, or completes the node already known by its id.
  ///
  /// A definition replaces a stub left by `reference`. When two inputs define the same id,
  /// the first keeps its kind and names, tags are merged, and the node is a crown jewel if
  /// either says so.
  ///
  /// - Complexity: O(1) expected.
  @discardableResult
  public mutating func define(_ node: Node) -> NodeID {
    var node = node
    node.isDefined = true
    guard let existing = nodeIndex[node.id] else {
      return append(node)
    }
    let old = nodes[Int(existing)]
    if !old.isDefined {
      node.isCrownJewel = node.isCrownJewel || old.isCrownJewel
      node.tags.merge(old.tags) { new, _ in new }
      nodes[Int(existing)] = node
    } else {
      var merged = old
      merged.tags.merge(node.tags) { old, _ in old }
      merged.isCrownJewel = old.isCrownJewel || node.isCrownJewel
      if merged.account.isEmpty { merged.account = node.account }
      if merged.type.isEmpty { merged.type = node.type }
      if merged.credential == nil { merged.credential = node.credential }
      nodes[Int(existing)] = merged
    }
    return NodeID(existing)
  }

  /// Returns the node with `node.id`, adding `node` as a stub if no input defined it yet.
  ///
  /// - Complexity: O(1) expected.
  @discardableResult
  public mutating func reference(_ node: Node) -> NodeID {
    if let existing = nodeIndex[node.id] {
      return NodeID(existing)
    }
    var stub = node
    stub.isDefined = false
    return append(stub)
  }

  /// Changes a node in place, for facts learned after it was added.
  public mutating func update(_ id: NodeID, _ change: (inout Node) -> Void) {
    change(&nodes[id.index])
  }

  private mutating func append(_ node: Node) -> NodeID {
    let id = Int32(nodes.count)
    nodes.append(node)
    nodeIndex[node.id] = id
    _ = strings.intern(node.id)
    return NodeID(id)
  }

  /// Adds the edge `source → target` unless an identical one exists.
  ///
  /// - Returns: Whether the edge was new.
  /// - Complexity: O(a) expected, where a is the number of actions.
  @discardableResult
  public mutating func connect(
    _ source: NodeID, _ target: NodeID, _ relation: Relation, actions: [String] = [],
    provenance: Provenance, isConditional: Bool = false
  ) -> Bool {
    precondition(source.index < nodes.count && target.index < nodes.count, "Unknown node")
    let actionSet = actionsID(for: actions)
    let provenanceID = provenanceID(for: provenance)
    return connect(
      source, target, relation, actionsID: actionSet, provenanceID: provenanceID,
      isConditional: isConditional)
  }

  /// Returns the id of an edge's action list, interning it and its names if they are new.
  ///
  /// An importer that adds many edges with the same actions can call this once and pass the
  /// id to `connect(_:_:_:actionsID:provenanceID:isConditional:)`.
  public mutating func actionsID(for actions: [String]) -> Int32 {
    let actionIDs = actions.map { strings.intern($0) }
    return actionSets.intern(actionIDs)
  }

  /// Returns the id of an edge's provenance, interning it and its strings if they are new.
  public mutating func provenanceID(for provenance: Provenance) -> Int32 {
    let interned = InternedProvenance(
      file: strings.intern(provenance.file),
      location: strings.intern(provenance.location),
      grant: strings.intern(provenance.grant),
      technique: provenance.technique.map { strings.intern($0) } ?? -1)
    return provenances.intern(interned)
  }

  /// Adds the edge `source → target` unless an identical one exists, with actions and
  /// provenance given by the ids that `actionsID(for:)` and `provenanceID(for:)` returned.
  ///
  /// - Returns: Whether the edge was new.
  @discardableResult
  public mutating func connect(
    _ source: NodeID, _ target: NodeID, _ relation: Relation, actionsID actionSet: Int32,
    provenanceID: Int32, isConditional: Bool
  ) -> Bool {
    precondition(source.index < nodes.count && target.index < nodes.count, "Unknown node")
    let key = EdgeKey(
      source: source.rawValue, target: target.rawValue, relation: relation,
      actions: actionSet, provenance: provenanceID, isConditional: isConditional)
    guard edgeKeys.insert(key).inserted else {
      return false
    }
    edgeSource.append(source.rawValue)
    edgeTarget.append(target.rawValue)
    edgeRelation.append(relation)
    edgeActions.append(actionSet)
    edgeProvenance.append(provenanceID)
    edgeConditional.append(isConditional)
    return true
  }

  /// Makes room for `additionalEdges` more edges, and for the strings, action lists and
  /// provenances they bring at the rate the edges so far brought them, so that the tables
  /// are not rehashed while they grow. Each time a table doubles, every string in it, many
  /// of them long provenance texts, is hashed again.
  public mutating func reserveCapacity(additionalEdges: Int) {
    guard additionalEdges > 0 else { return }
    let edges = edgeSource.count + additionalEdges
    edgeKeys.reserveCapacity(edges)
    edgeSource.reserveCapacity(edges)
    edgeTarget.reserveCapacity(edges)
    edgeRelation.reserveCapacity(edges)
    edgeActions.reserveCapacity(edges)
    edgeProvenance.reserveCapacity(edges)
    edgeConditional.reserveCapacity(edges)
    guard !edgeSource.isEmpty else { return }
    let growth = Double(edges) / Double(edgeSource.count)
    func grown(_ count: Int) -> Int { Int((Double(count) * growth).rounded(.up)) }
    strings.reserveCapacity(grown(strings.count))
    actionSets.reserveCapacity(grown(actionSets.count))
    provenances.reserveCapacity(grown(provenances.count))
  }

  /// Whether some edge `source → target` with `relation` exists already.
  ///
  /// - Complexity: O(E); meant for tests and rare checks, not for loops over edges.
  public func hasEdge(_ source: NodeID, _ target: NodeID, _ relation: Relation) -> Bool {
    edgeKeys.contains {
      $0.source == source.rawValue && $0.target == target.rawValue && $0.relation == relation
    }
  }

  /// Freezes the estate into a compact graph with forward and reverse adjacency.
  ///
  /// - Complexity: O(V + E) time and space, where V counts nodes and E counts edges.
  public func freeze() -> AccessGraph {
    AccessGraph(
      nodes: nodes, nodeIndex: nodeIndex, strings: strings.values,
      actionSets: actionSets.values, provenances: provenances.values,
      edgeSource: edgeSource, edgeTarget: edgeTarget,
      edgeRelation: edgeRelation, edgeActions: edgeActions,
      edgeProvenance: edgeProvenance, edgeConditional: edgeConditional)
  }
}
