import AccessGraph

/// Which nodes count as identities of the estate: those that `blast rank` scores, that a
/// group such as `kind:human` takes, and that revocation plans and chokepoints start from.
///
/// A person, workload or service identity counts when an input defines it, or when it holds
/// a grant: it has an outgoing edge other than `contains`. So a Google user that only an IAM
/// binding names, or a role of another account that a trust policy names, counts like a
/// defined one. Three kinds of undefined node are left out although they hold grants:
///
/// - public nodes (see `RiskFactors.isPublic(_:)`), such as the Kubernetes user
///   `system:anonymous`, because they stand for anyone; rank counts them as public
///   bindings, and `attackSources(in:)` adds them;
/// - AWS service principals (`aws-service`, such as `cloudformation.amazonaws.com`), because
///   a service acts only for whoever hands it a role, which the escalation edges model;
/// - identity providers (`iam-oidc-provider`, `iam-saml-provider`,
///   `web-identity-provider`), because a provider stands for the callers its tokens name.
///   Where an input defines those callers, such as a Kubernetes service account with an IRSA
///   role, they count themselves.
public enum EstateIdentities {
  /// Node types that never count unless an input defines them.
  static let excludedStubTypes: Set<String> = [
    "aws-service", "iam-oidc-provider", "iam-saml-provider", "web-identity-provider",
  ]

  /// Returns whether `id` counts as an identity of the estate.
  ///
  /// - Complexity: O(d) for the node's d outgoing edges.
  public static func contains(_ id: NodeID, in graph: AccessGraph) -> Bool {
    let node = graph.node(id)
    guard node.kind.isIdentity else { return false }
    if node.isDefined { return true }
    return !excludedStubTypes.contains(node.type) && !RiskFactors.isPublic(node)
      && holdsGrant(id, in: graph)
  }

  /// Returns every identity of the estate, in id order.
  ///
  /// - Complexity: O(V + E).
  public static func all(in graph: AccessGraph) -> [NodeID] {
    graph.nodeIDs.filter { contains($0, in: graph) }
  }

  /// Returns every node that revocation plans and chokepoints start from without given
  /// sources, in id order: the identities of the estate, and every public node (see
  /// `RiskFactors.isPublic(_:)`) with an outgoing edge other than `contains`, whatever its
  /// kind. A public node such as `aws:principal/*` stands for anyone, so a path from it is an
  /// attack path.
  ///
  /// - Complexity: O(V + E).
  public static func attackSources(in graph: AccessGraph) -> [NodeID] {
    graph.nodeIDs.filter { id in
      contains(id, in: graph)
        || (RiskFactors.isPublic(graph.node(id)) && holdsGrant(id, in: graph))
    }
  }

  /// Returns whether `id` has an outgoing edge other than `contains`.
  static func holdsGrant(_ id: NodeID, in graph: AccessGraph) -> Bool {
    graph.outgoingEdges(of: id).contains { graph.relation(of: $0) != .contains }
  }
}
