extension ResourcePolicyEvaluator {
  /// Returns the grants to make for one identity-policy grant of one principal, after the
  /// resource policies of the run.
  ///
  /// A grant on a service scope stays whole when the policy of each resource in the scope
  /// that has one leaves that resource's grant as it is. Otherwise it is split into one
  /// grant per resource of the scope, each after its own policy, because the scope's
  /// `contains` edges would carry the whole grant to a resource whose policy removes or
  /// marks part of it. Any other grant is checked as `applying(to:of:)` describes.
  ///
  /// - Complexity: O(m · q) for a scope grant, for m resources with a policy in the scope
  ///   and q the cost of `applying(to:of:)`, plus O(s · q) when it is split, for the s
  ///   resources of the scope.
  func applying(
    toEach grant: AccessEvaluator.Grant, of index: Int
  ) -> [AccessEvaluator.Grant] {
    guard let members = grant.scopeMembers else {
      return applying(to: grant, of: index).map { [$0] } ?? []
    }
    let isUnchanged = members.withPolicy.allSatisfy { member in
      let alone = grant.member(member)
      guard let applied = applying(to: alone, of: index) else { return false }
      return applied.actionSet == alone.actionSet && applied.isConditional == alone.isConditional
        && applied.provenance == alone.provenance
    }
    guard !isUnchanged else { return [grant] }
    return members.all.compactMap { applying(to: grant.member($0), of: index) }
  }
}
