import AccessGraph

extension AWSAuthorizationImporter {
  /// The trust evaluator of the run with each exported role's trust edges and warnings, in
  /// export order.
  struct EvaluatedTrust {
    let evaluator: TrustEvaluator
    let roleEdges: [(edges: [TrustEvaluator.TrustEdge], warnings: [ImportWarning])]
  }

  /// Works out who can assume each role of the exports, on all processors.
  ///
  /// It reads only the principals and the roles, never the estate builder, so it can run
  /// while the caller's thread adds other edges.
  func evaluateTrust(
    principals: [EvaluatedPrincipal], exportedAccounts: Set<String>
  ) -> EvaluatedTrust {
    var seenRoles: Set<String> = []
    let roles = exports.flatMap(\.roles).filter { seenRoles.insert($0.arn).inserted }
    let trust = TrustEvaluator(
      principals: principals, exportedAccounts: exportedAccounts, roles: roles)
    let exportedRoles = exports.flatMap(\.roles)
    let roleEdges = ParallelWork.concurrentMap(count: exportedRoles.count) { index in
      var warnings: [ImportWarning] = []
      let edges = trust.edges(into: exportedRoles[index]) { warnings.append($0) }
      return (edges: edges, warnings: warnings)
    }
    return EvaluatedTrust(evaluator: trust, roleEdges: roleEdges)
  }
}
