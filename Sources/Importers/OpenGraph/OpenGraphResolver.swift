import AccessGraph

/// Finds the node that each end of an OpenGraph edge names.
///
/// `match_by: id` finds a node of the OpenGraph documents of the run, else a node that
/// another input added (an Azure id in any letter case), else, for an AWS ARN, a stub built
/// from the ARN. `match_by: name` and `match_by: property` look only at the nodes of the
/// OpenGraph documents. When no node fits, a warning names the endpoint and the edge is
/// skipped. A name or property match that fits several nodes is an error.
struct OpenGraphResolver {
  /// The first node of each id, across all OpenGraph documents of the run.
  let nodesByID: [String: OpenGraphNode]
  /// Node ids by upper-cased `name` property, in document order.
  let idsByName: [String: [String]]
  /// Every node id once, in document order.
  let ids: [String]

  init(documents: [OpenGraphDocument]) {
    var nodesByID: [String: OpenGraphNode] = [:]
    var idsByName: [String: [String]] = [:]
    var ids: [String] = []
    for document in documents {
      for node in document.nodes where nodesByID[node.id] == nil {
        nodesByID[node.id] = node
        ids.append(node.id)
        if let name = node.name {
          idsByName[name.uppercased(), default: []].append(node.id)
        }
      }
    }
    self.nodesByID = nodesByID
    self.idsByName = idsByName
    self.ids = ids
  }

  /// Returns the estate id of an OpenGraph node: the id of a node that another input
  /// defined with the same Azure id in lower case, else the node's own id.
  static func estateID(for id: String, in builder: EstateBuilder) -> String {
    if builder.nodeID(for: id) == nil, InventoryResolver.isAzureID(id),
      builder.nodeID(for: id.lowercased()) != nil
    {
      return id.lowercased()
    }
    return id
  }

  /// Returns the node that `endpoint` names, or nil after a warning when none is found.
  ///
  /// - Throws: `ImportError` at the endpoint when a name or property match fits several
  ///   nodes.
  func resolve(
    _ endpoint: OpenGraphEndpoint, of edge: OpenGraphEdge, in builder: inout EstateBuilder,
    warn: (ImportWarning) -> Void
  ) throws -> NodeID? {
    func skip(_ problem: String) {
      warn(
        ImportWarning(
          file: edge.file, location: endpoint.path,
          message: "\(problem), so the \(edge.kind) edge is skipped"))
    }
    let candidates: [String]
    switch endpoint.match {
    case .id(let id):
      guard let node = nodesByID[id] else {
        if let outside = resolveOutside(id, in: &builder) {
          return outside
        }
        skip("no input defines a node with id \"\(id)\"")
        return nil
      }
      if let kind = endpoint.kind, !has(node, kind: kind) {
        skip("node \"\(id)\" is not of kind \"\(kind)\"")
        return nil
      }
      candidates = [id]
    case .name(let name):
      candidates = (idsByName[name.uppercased()] ?? []).filter { id in
        endpoint.kind.map { has(nodesByID[id]!, kind: $0) } ?? true
      }
    case .properties(let matchers):
      candidates = ids.filter { id in
        let node = nodesByID[id]!
        let fits = matchers.allSatisfy { node.properties[$0.key] == [$0.value] }
        return fits && (endpoint.kind.map { has(node, kind: $0) } ?? true)
      }
    }
    guard let id = candidates.first else {
      let ofKind = endpoint.kind.map { " of kind \"\($0)\"" } ?? ""
      skip("no node\(ofKind) has \(endpoint.description)")
      return nil
    }
    guard candidates.count == 1 else {
      throw ambiguity(endpoint, candidates: candidates, file: edge.file)
    }
    return builder.nodeID(for: Self.estateID(for: id, in: builder))
  }

  /// Returns whether `node` has `kind`, counting the source kind BloodHound adds to it.
  private func has(_ node: OpenGraphNode, kind: String) -> Bool {
    node.kinds.contains(kind) || node.sourceKind == kind
  }

  /// Returns the node with `id` that another input added, or a stub for an AWS ARN.
  private func resolveOutside(_ id: String, in builder: inout EstateBuilder) -> NodeID? {
    if let existing = builder.nodeID(for: id) {
      return existing
    }
    if InventoryResolver.isAzureID(id), let existing = builder.nodeID(for: id.lowercased()) {
      return existing
    }
    if InventoryARNStub.isARN(id), let stub = InventoryARNStub.node(for: id) {
      return builder.reference(stub)
    }
    return nil
  }

  private func ambiguity(
    _ endpoint: OpenGraphEndpoint, candidates: [String], file: String
  ) -> ImportError {
    let listed = candidates.prefix(5).map { "\"\($0)\"" }.joined(separator: ", ")
    let more = candidates.count > 5 ? " and \(candidates.count - 5) more" : ""
    let remedy =
      endpoint.kind == nil
      ? "match by id, or add \"kind\" to the endpoint to pick one"
      : "match by id, or give the nodes distinct names"
    return ImportError(
      .invalidData, file: file, location: endpoint.path,
      problem: "\(endpoint.description) fits \(candidates.count) nodes (\(listed)\(more))",
      remedy: remedy)
  }
}
