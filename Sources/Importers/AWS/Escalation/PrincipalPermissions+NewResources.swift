extension PrincipalPermissions {
  /// Checks whether the principal's own policies allow `action` on at least one resource
  /// inside `area`, within its permissions boundary and service control policies.
  ///
  /// This is the check for an action that creates a resource whose name the caller picks,
  /// such as `lambda:CreateFunction`: any function ARN the Allow reaches will do, unless an
  /// unconditional Deny or a limit rules out all of them. An unconditional Allow is
  /// preferred to a conditional one as the reason.
  ///
  /// - Parameters:
  ///   - action: One action name, such as `lambda:CreateFunction`.
  ///   - area: The ARNs such a resource can have, such as
  ///     `arn:*:lambda:*:111122223333:function:*`.
  /// - Returns: The decision, or nil when no part of the area is allowed.
  /// - Complexity: O(s · d · p² · n²) for s statements that name the action, d Deny or
  ///   limit statements, p patterns per statement and patterns of length n.
  func decision(for action: String, withinSome area: WildcardPattern) -> Decision? {
    let matching = allows.filter { $0.statement.actions.contains(action) }
    let ordered =
      matching.filter { !$0.statement.isConditional } + matching.filter(\.statement.isConditional)
    for allow in ordered {
      guard let resources = allow.statement.resources else { continue }
      // Resource patterns compare ARN segments one by one, so an Allow of another account's
      // resources reaches no part of an area of the caller's account.
      for part in resources.intersection(with: [area]) {
        guard let decision = decision(for: action, onPart: part, allowedBy: allow) else {
          continue
        }
        return decision
      }
    }
    return nil
  }

  /// Checks one part of an area that an Allow reaches against the Deny statements and the
  /// limits.
  private func decision(
    for action: String, onPart part: WildcardPattern, allowedBy allow: StatementGrant
  ) -> Decision? {
    var decision = Decision(allow: allow)
    for deny in denies where deny.statement.actions.contains(action) {
      guard let resources = deny.statement.resources, resources.overlaps([part]) else {
        continue
      }
      if !deny.statement.isConditional && resources.covers([part]) { return nil }
      decision.conditionalDeny = decision.conditionalDeny ?? deny
    }
    for limit in limits {
      guard let conditions = limit.conditions(for: action, onSomeOf: part) else { return nil }
      decision.conditionalLimitAllows += conditions
    }
    return decision
  }
}

extension PrincipalPermissions {
  /// Returns a decision on `action` that is the same for every resource in `area`, when it
  /// can be given without checking each one. Returns nil otherwise, and then each resource
  /// must be checked.
  ///
  /// The decision is uniform when an Allow covers the whole area and each limit has an
  /// Allow that covers it too. Each Deny that names the action must also either share no
  /// resource with the area or cover all of it under a condition. Such a Deny makes the
  /// decision conditional, as `decision(for:on:)` makes it for each resource. An
  /// unconditional Deny anywhere in the area gives nil. Statements without a condition are
  /// preferred, as `decision(for:on:)` prefers them. When only a conditional statement
  /// covers the area but an unconditional one reaches part of it, the result is nil,
  /// because the resources in that part would be decided without a condition.
  ///
  /// - Complexity: O(s · p · n²) for s statements of at most p patterns of length n.
  func uniformDecision(for action: String, over area: WildcardPattern) -> Decision? {
    let names = { (grant: StatementGrant) in grant.statement.actions.contains(action) }
    func preferred(_ grants: [StatementGrant]) -> StatementGrant? {
      let naming = grants.filter(names)
      let covering = naming.filter { $0.statement.resources?.covers([area]) == true }
      if let unconditional = covering.first(where: { !$0.statement.isConditional }) {
        return unconditional
      }
      let reachesPartWithoutCondition = naming.contains {
        !$0.statement.isConditional && $0.statement.resources?.overlaps([area]) == true
      }
      return reachesPartWithoutCondition ? nil : covering.first
    }
    guard let allow = preferred(allows) else { return nil }
    var decision = Decision(allow: allow)
    for deny in denies where names(deny) {
      guard let resources = deny.statement.resources, resources.overlaps([area]) else {
        continue
      }
      guard deny.statement.isConditional, !resources.hasPolicyVariable,
        resources.covers([area])
      else { return nil }
      decision.conditionalDeny = decision.conditionalDeny ?? deny
    }
    for limit in limits {
      guard let limitAllow = preferred(limit.allows) else { return nil }
      if limitAllow.statement.isConditional {
        decision.conditionalLimitAllows.append(
          ConditionalLimitAllow(
            limit: limit.name, clause: limit.conditionalClause, allow: limitAllow))
      }
    }
    return decision
  }
}
