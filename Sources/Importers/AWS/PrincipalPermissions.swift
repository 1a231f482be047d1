import AccessGraph

/// A policy statement in effect for one principal, with where it comes from.
struct StatementGrant: Sendable {
  let statement: PolicyStatement
  let file: String
  /// The statement in words, such as
  /// `inline policy "deploy" of role ci-deploy, statement 1 (Sid AllowS3)`.
  let description: String

  /// A key that is the same for every principal the statement applies to, so that work
  /// that depends only on the statement can be shared.
  var key: String { file + "\u{0}" + statement.location }

  func provenance(adding detail: String = "") -> Provenance {
    Provenance(file: file, location: statement.location, grant: description + detail)
  }
}

/// The identity-policy statements that apply to one user or role, and what they allow.
///
/// A principal's statements are those of its inline policies and attached managed policies,
/// and for a user also those of every group it belongs to.
///
/// NOTE: Permissions boundaries, service control policies, session policies and resource
/// policies are not evaluated, so the permissions may be overstated.
struct PrincipalPermissions: Sendable {
  let allows: [StatementGrant]
  let denies: [StatementGrant]

  /// Collects the statements of `holders`: the principal first, then its groups.
  ///
  /// - Parameters:
  ///   - holders: The principal and, for a user, its groups.
  ///   - policy: Finds a managed policy by ARN, preferring one from the given file.
  init(holders: [any PolicyHolder], policy: (String, String) -> ManagedPolicy?) {
    var allows: [StatementGrant] = []
    var denies: [StatementGrant] = []
    let principal = holders.first
    for holder in holders {
      let via = holder.arn == principal?.arn ? "" : ", attached to \(holder.label)"
      for inline in holder.inlinePolicies {
        for statement in inline.document.statements {
          let grant = StatementGrant(
            statement: statement, file: holder.file,
            description: "inline policy \"\(inline.name)\" of \(holder.label), \(statement.label)")
          if statement.effect == .allow { allows.append(grant) } else { denies.append(grant) }
        }
      }
      for attachment in holder.attachedPolicies {
        guard let managed = policy(attachment.arn, holder.file) else { continue }
        for statement in managed.document.statements {
          let grant = StatementGrant(
            statement: statement, file: managed.file,
            description: "\(managed.label), \(statement.label)\(via)")
          if statement.effect == .allow { allows.append(grant) } else { denies.append(grant) }
        }
      }
    }
    self.allows = allows
    self.denies = denies
  }

  init(allows: [StatementGrant], denies: [StatementGrant]) {
    self.allows = allows
    self.denies = denies
  }

  /// Returns the statements that name `action`, which decide every check of that action.
  func limited(to action: String) -> PrincipalPermissions {
    PrincipalPermissions(
      allows: allows.filter { $0.statement.actions.contains(action) },
      denies: denies.filter { $0.statement.actions.contains(action) })
  }

  /// The outcome of checking one action on one resource.
  struct Decision: Sendable {
    /// The Allow that grants the action; nil when nothing allows it or when the check
    /// looked at Deny statements only.
    var allow: StatementGrant?
    /// A Deny with a condition that may remove the grant.
    var conditionalDeny: StatementGrant?
    /// Whether a condition not evaluated limits the outcome.
    var isConditional: Bool {
      allow?.statement.isConditional == true || conditionalDeny != nil
    }
  }

  /// Checks whether the principal's own policies allow `action` on the resource `arn`.
  ///
  /// An unconditional Allow is preferred to a conditional one as the reason.
  ///
  /// - Returns: The decision, or nil when no statement allows it or an unconditional Deny
  ///   denies it.
  /// - Complexity: O(s · p · n) for s statements of at most p patterns of length n.
  func decision(for action: String, on arn: String) -> Decision? {
    let matching = allows.filter {
      $0.statement.actions.contains(action) && $0.statement.resources?.contains(arn) == true
    }
    guard let allow = matching.first(where: { !$0.statement.isConditional }) ?? matching.first
    else {
      return nil
    }
    guard var decision = denyDecision(for: action, on: arn) else { return nil }
    decision.allow = allow
    return decision
  }

  /// Checks only whether a Deny removes `action` on `arn`, for grants that need no Allow of
  /// the principal's own, such as a same-account trust policy that names it.
  ///
  /// - Returns: A decision without an Allow, or nil when an unconditional Deny applies.
  func denyDecision(for action: String, on arn: String) -> Decision? {
    var decision = Decision()
    for deny in denies
    where deny.statement.actions.contains(action) && deny.statement.resources?.contains(arn) == true
    {
      guard deny.statement.isConditional else { return nil }
      decision.conditionalDeny = decision.conditionalDeny ?? deny
    }
    return decision
  }

  /// The actions left on a target after Deny statements.
  struct Remainder: Sendable {
    var actions: ActionSet
    /// The first Deny with a condition that may remove some of what is left.
    var conditionalDeny: StatementGrant?
  }

  /// Returns the Deny statements that share some action with `actions`. Only these can
  /// change what an Allow of those actions grants.
  func denies(sharingActionsWith actions: ActionSet) -> [StatementGrant] {
    denies.filter { actions.overlaps($0.statement.actions) }
  }

  /// Applies the principal's Deny statements to what one Allow grants on one target.
  func remainder(of actions: ActionSet, on area: [WildcardPattern]) -> Remainder {
    Self.remainder(of: actions, on: area, after: denies)
  }

  /// Applies Deny statements to what one Allow grants on one target.
  ///
  /// An unconditional Deny takes actions away only when its resources cover all of `area`,
  /// the part of the target that the Allow reaches. A Deny that covers only some of it
  /// leaves the actions in place, because the rest of the target is still reachable.
  /// Within the actions, `ActionSet.subtracting(_:)` keeps what the Deny does not name. A
  /// conditional Deny, or one with a policy variable, removes nothing; when it shares both
  /// actions and resources with what is left, it is returned so that the edge is marked
  /// conditional.
  ///
  /// - Parameters:
  ///   - actions: The actions the Allow grants on the target.
  ///   - area: The part of the target that the Allow's resources reach.
  ///   - denies: The principal's Deny statements, or those of them that may matter.
  /// - Complexity: O(d · p² · n²) for d Deny statements of at most p patterns of length n.
  static func remainder(
    of actions: ActionSet, on area: [WildcardPattern], after denies: [StatementGrant]
  ) -> Remainder {
    var remaining = actions
    for deny in denies where !deny.statement.isConditional {
      guard let resources = deny.statement.resources, resources.covers(area) else { continue }
      remaining = remaining.subtracting(deny.statement.actions)
      if remaining.isEmpty { return Remainder(actions: remaining) }
    }
    let conditionalDeny = denies.first { deny in
      deny.statement.isConditional && remaining.overlaps(deny.statement.actions)
        && deny.statement.resources?.overlaps(area) == true
    }
    return Remainder(actions: remaining, conditionalDeny: conditionalDeny)
  }

  /// Returns the Allow statements that each grant every action on every resource, unless a
  /// Deny cuts them.
  ///
  /// Any unconditional Deny cuts them all, since the principal then lacks some action on some
  /// resource. A conditional Deny makes each result conditional. Each qualifying Allow is
  /// returned, so that every route to the privilege gets its own edge.
  ///
  /// - Returns: Each Allow with whether a condition limits its grant; empty when none holds.
  func everyActionOnEveryResource() -> [(allow: StatementGrant, isConditional: Bool)] {
    guard !denies.contains(where: { !$0.statement.isConditional }) else { return [] }
    let everyARN = WildcardPattern("arn:*", isCaseSensitive: true)
    return allows.compactMap { grant in
      guard case .only(let resources) = grant.statement.resources,
        ActionSet(grant.statement.actions).isEveryAction,
        resources.contains(where: { $0.covers(everyARN) })
      else {
        return nil
      }
      return (grant, grant.statement.isConditional || !denies.isEmpty)
    }
  }
}
