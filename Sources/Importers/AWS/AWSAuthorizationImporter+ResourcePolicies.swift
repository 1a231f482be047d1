import AccessGraph

extension AWSAuthorizationImporter {
  /// Defines the node of each function whose policy is given, unless another input, such as
  /// `aws lambda list-functions` output, defines the function as a workload.
  ///
  /// This runs in `connect`, once every input has defined its nodes, so that the function
  /// keeps the kind `workload` when an inventory gives it, and is a `resource` otherwise.
  func defineFunctionNodes(into builder: inout EstateBuilder) {
    for policy in resourcePolicies where policy.kind == .function {
      if let node = builder.nodeID(for: policy.resource.id), builder.node(node).isDefined {
        continue
      }
      builder.define(policy.node)
    }
  }

  /// Returns the evaluator of the run's resource policies that have a document, each bound
  /// to its resource's node and account.
  ///
  /// A resource's account is the one its policy file gives, else the one another input gives
  /// its node, as an estate file may for a bucket.
  func resourcePolicyEvaluator(
    principals: [EvaluatedPrincipal], exportedAccounts: Set<String>, builder: EstateBuilder
  ) -> ResourcePolicyEvaluator {
    let entries = resourcePolicies.compactMap { policy -> ResourcePolicyEvaluator.Entry? in
      guard policy.document != nil, let node = builder.nodeID(for: policy.resource.id) else {
        return nil
      }
      let account = policy.account.isEmpty ? builder.node(node).account : policy.account
      return ResourcePolicyEvaluator.Entry(
        policy: policy, node: node, account: ARN.isAccountID(account) ? account : "")
    }
    return ResourcePolicyEvaluator(
      entries: entries, principals: principals, exportedAccounts: exportedAccounts)
  }

  /// Adds the `access` edges that resource policies grant without the caller's own Allow,
  /// and warns once for each bucket policy whose bucket has no known account.
  func connectResourcePolicyEdges(
    into builder: inout EstateBuilder, evaluator: ResourcePolicyEvaluator,
    warn: (ImportWarning) -> Void
  ) {
    for entry in evaluator.entries where entry.account.isEmpty {
      warn(
        ImportWarning(
          file: entry.policy.file, location: "",
          message: "the account of bucket \(entry.policy.resource.name) is not known, so "
            + "every principal is treated as in its account and grants across accounts are "
            + "not checked; add the account to the file as \"Account\", for example with "
            + "`jq '. + {\"Account\": \"ACCOUNT\"}'`"))
    }
    for edge in evaluator.edges(warn: warn) {
      let source: NodeID
      switch edge.source {
      case .principal(let index): source = evaluator.principals[index].node
      case .node(let node): source = builder.reference(node)
      }
      builder.connect(
        source, edge.target, .access, actions: edge.actions, provenance: edge.provenance,
        isConditional: edge.isConditional)
    }
  }
}
