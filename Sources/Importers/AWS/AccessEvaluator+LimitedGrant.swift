extension AccessEvaluator {
  /// One principal's Allow statement on the resources of one service, after the Deny
  /// statements on every resource, ready to be limited target by target.
  struct LimitedGrant {
    var allow: StatementGrant
    /// The Allow's actions on the service after the Deny statements on every resource.
    let base: PrincipalPermissions.Remainder
    /// `base.actions` restricted to the service.
    let baseActions: ActionSet
    /// The pattern `<service>:*`.
    let service: WildcardPattern
    /// The principal's Deny statements of the service that name fewer than all resources.
    let somewhere: [StatementGrant]
    let permissions: PrincipalPermissions

    /// Whether `grant(on:area:)` gives the same actions, conditions and provenance on every
    /// target, because no Deny in `somewhere` and no limit is left to apply.
    var isUniform: Bool { somewhere.isEmpty && permissions.limits.isEmpty }

    /// Returns the grant on `target` after the Deny statements in `somewhere` and within
    /// the principal's limits, or nil when no action of the service is left.
    ///
    /// - Parameter area: The part of the target that the Allow's resources reach.
    func grant(on target: Target, area: [WildcardPattern]) -> Grant? {
      guard !isUniform else {
        return AccessEvaluator.grant(target, baseActions, area, allow, base.conditionalDeny)
      }
      let remainder = PrincipalPermissions.remainder(
        of: base.actions, on: area, after: somewhere)
      let bounded = permissions.bounded(remainder.actions, on: area)
      let left = bounded.actions.restricted(to: service)
      guard !left.isEmpty else { return nil }
      return AccessEvaluator.grant(
        target, left, area, allow, base.conditionalDeny ?? remainder.conditionalDeny,
        bounded.conditions)
    }

    /// Returns whether the Deny statements in `somewhere` and the statements of the limits
    /// that name some of `actions` each act on every resource inside `area` alike: each
    /// either covers all of the area or shares none of it.
    ///
    /// When it returns true, `grant(on:area:)` gives the same actions and conditions on the
    /// whole area as on any resource inside it, so one grant on a service scope can stand
    /// for a grant on each of its resources.
    ///
    /// - Complexity: O(s · p · a · n²) for s statements of at most p resource patterns, an
    ///   area of a patterns, and patterns of length n.
    func treatsAlike(_ area: [WildcardPattern], actions: ActionSet) -> Bool {
      let limitAllows = permissions.limits.flatMap(\.allows).filter {
        actions.overlaps($0.statement.actions)
      }
      return (somewhere + limitAllows).allSatisfy { statement in
        guard let resources = statement.statement.resources else { return true }
        return resources.covers(area) || !resources.overlaps(area)
      }
    }
  }
}
