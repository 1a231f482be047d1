import AccessGraph

extension AWSAuthorizationImporter {
  /// Defines the node of one service scope of `catalog`, with a `contains` edge to each of
  /// its resources, and returns the node.
  ///
  /// Only the scopes that some grant reaches get a node, so that a scope never shows up in
  /// results as something that reaches its resources when nothing reaches the scope. The
  /// `contains` edges have no input file, because a resource belongs to its scope by the
  /// account that its ARN, or the input that defines its node, gives it, or by having none.
  ///
  /// - Complexity: O(r) for the r resources of the scope.
  func defineServiceScope(
    _ index: Int, of catalog: ResourceCatalog, into builder: inout EstateBuilder
  ) -> NodeID {
    let scope = catalog.scopes[index]
    let scopeNode = builder.define(scope.node)
    for member in scope.members {
      let entry = catalog.entries[member]
      let resource = "\(entry.resource.nodeType) \(entry.resource.name)"
      let grant =
        scope.account.isEmpty
        ? "no input gives the account of \(resource)"
        : "\(resource) belongs to account \(scope.account)"
      builder.connect(
        scopeNode, entry.node, .contains,
        provenance: Provenance(file: "", location: "", grant: grant))
    }
    return scopeNode
  }
}
