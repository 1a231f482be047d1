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
/// A permissions boundary, when the principal has one, limits what the Allow statements
/// grant. `boundaryAllows` contains the boundary's Allow statements, and its Deny statements
/// join `denies`, because a Deny in either policy removes what it covers.
///
/// NOTE: Service control policies, session policies and resource policies are not
/// evaluated, so the permissions may be overstated.
struct PrincipalPermissions: Sendable {
  let allows: [StatementGrant]
  let denies: [StatementGrant]
  /// The Allow statements of the permissions boundary. It is nil, and nothing limits the
  /// Allow statements, when the principal has no boundary or the run does not list it.
  let boundaryAllows: [StatementGrant]?

  /// Collects the statements of `holders`: the principal first, then its groups.
  ///
  /// - Parameters:
  ///   - holders: The principal and, for a user, its groups.
  ///   - policy: Finds a managed policy by ARN, preferring one from the given file.
  ///   - boundary: The managed policy of the principal's permissions boundary, if any.
  init(
    holders: [any PolicyHolder], policy: (String, String) -> ManagedPolicy?,
    boundary: ManagedPolicy? = nil
  ) {
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
    var boundaryAllows: [StatementGrant]?
    if let boundary, let principal {
      boundaryAllows = []
      for statement in boundary.document.statements {
        let grant = StatementGrant(
          statement: statement, file: boundary.file,
          description: "permissions boundary \(boundary.label) of \(principal.label), "
            + statement.label)
        if statement.effect == .allow {
          boundaryAllows?.append(grant)
        } else {
          denies.append(grant)
        }
      }
    }
    self.allows = allows
    self.denies = denies
    self.boundaryAllows = boundaryAllows
  }

  init(
    allows: [StatementGrant], denies: [StatementGrant], boundaryAllows: [StatementGrant]? = nil
  ) {
    self.allows = allows
    self.denies = denies
    self.boundaryAllows = boundaryAllows
  }

  /// Returns the statements that name `action`, which decide every check of that action.
  func limited(to action: String) -> PrincipalPermissions {
    PrincipalPermissions(
      allows: allows.filter { $0.statement.actions.contains(action) },
      denies: denies.filter { $0.statement.actions.contains(action) },
      boundaryAllows: boundaryAllows?.filter { $0.statement.actions.contains(action) })
  }

  /// The outcome of checking one action on one resource.
  struct Decision: Sendable {
    /// The Allow that grants the action; nil when nothing allows it or when the check
    /// looked at Deny statements only.
    var allow: StatementGrant?
    /// A Deny with a condition that may remove the grant.
    var conditionalDeny: StatementGrant?
    /// A permissions boundary Allow with a condition, when only such a statement of the
    /// boundary allows the action.
    var conditionalBoundaryAllow: StatementGrant?
    /// Whether a condition not evaluated limits the outcome.
    var isConditional: Bool {
      allow?.statement.isConditional == true || conditionalDeny != nil
        || conditionalBoundaryAllow != nil
    }
  }

  /// Checks whether the principal's own policies allow `action` on the resource `arn`, within
  /// its permissions boundary.
  ///
  /// An unconditional Allow is preferred to a conditional one as the reason, in the identity
  /// policies and in the boundary alike.
  ///
  /// - Returns: The decision, or nil when no statement allows it, the boundary does not allow
  ///   it, or an unconditional Deny denies it.
  /// - Complexity: O(s · p · n) for s statements of at most p patterns of length n.
  func decision(for action: String, on arn: String) -> Decision? {
    let matching = allows.filter {
      $0.statement.actions.contains(action) && $0.statement.resources?.contains(arn) == true
    }
    guard let allow = matching.first(where: { !$0.statement.isConditional }) ?? matching.first
    else {
      return nil
    }
    guard let boundary = boundaryDecision(for: action, on: arn),
      var decision = denyDecision(for: action, on: arn)
    else { return nil }
    decision.allow = allow
    decision.conditionalBoundaryAllow = boundary.conditionalAllow
    return decision
  }

  /// The permissions boundary's verdict on one action that it allows.
  struct BoundaryDecision: Sendable {
    /// The boundary's Allow with a condition, when no unconditional one allows the action;
    /// nil when nothing limits the grant.
    var conditionalAllow: StatementGrant?
  }

  /// Checks whether the permissions boundary allows `action` on `arn`. Without a boundary
  /// everything is allowed.
  ///
  /// - Returns: The decision, or nil when the boundary does not allow it.
  func boundaryDecision(for action: String, on arn: String) -> BoundaryDecision? {
    guard let boundaryAllows else { return BoundaryDecision() }
    let matching = boundaryAllows.filter {
      $0.statement.actions.contains(action) && $0.statement.resources?.contains(arn) == true
    }
    guard let first = matching.first else { return nil }
    let isUnconditional = matching.contains { !$0.statement.isConditional }
    return BoundaryDecision(conditionalAllow: isUnconditional ? nil : first)
  }

  /// Checks only whether a Deny removes `action` on `arn`, for grants that need no Allow of
  /// the principal's own, such as a same-account trust policy that names it. The permissions
  /// boundary's Allow statements do not limit such grants, but its Deny statements apply.
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

  /// The actions left on a target after the permissions boundary.
  struct BoundedActions: Sendable {
    var actions: ActionSet
    /// The boundary's Allow with a condition that alone lets some of the actions through.
    var conditionalAllow: StatementGrant?
  }

  /// Keeps the part of what one Allow grants on one target that the permissions boundary
  /// also allows.
  ///
  /// Only boundary Allow statements whose resources cover all of `area` count, so a
  /// boundary that reaches part of the target removes the actions there. Unconditional
  /// statements are applied first, and an action that only a conditional statement lets
  /// through is kept, with that statement returned so the edge is marked conditional.
  ///
  /// - Parameters:
  ///   - actions: The actions the Allow grants on the target, after Deny statements.
  ///   - area: The part of the target that the Allow's resources reach.
  func bounded(_ actions: ActionSet, on area: [WildcardPattern]) -> BoundedActions {
    guard let boundaryAllows else { return BoundedActions(actions: actions) }
    let covering = boundaryAllows.filter { $0.statement.resources?.covers(area) == true }
    let ordered =
      covering.filter { !$0.statement.isConditional } + covering.filter(\.statement.isConditional)
    var result = ActionSet(included: [])
    var conditionalAllow: StatementGrant?
    for boundary in ordered {
      let allowed = actions.intersection(with: boundary.statement.actions)
      let added = result.union(allowed)
      if added != result, boundary.statement.isConditional {
        conditionalAllow = conditionalAllow ?? boundary
      }
      result = added
    }
    return BoundedActions(actions: result, conditionalAllow: conditionalAllow)
  }

  /// Returns the Allow statements that each grant every action on every resource, unless a
  /// Deny or the permissions boundary cuts them.
  ///
  /// Any unconditional Deny cuts them all, since the principal then lacks some action on some
  /// resource, and so does a boundary without an Allow of every action on every resource. A
  /// conditional Deny, or a boundary that grants this only under a condition, makes each
  /// result conditional. Each qualifying Allow is
  /// returned, so that every route to the privilege gets its own edge.
  ///
  /// - Returns: Each Allow with whether a condition limits its grant; empty when none holds.
  func everyActionOnEveryResource() -> [(allow: StatementGrant, isConditional: Bool)] {
    guard !denies.contains(where: { !$0.statement.isConditional }) else { return [] }
    var isBoundaryConditional = false
    if let boundaryAllows {
      let boundaryGrants = boundaryAllows.filter(Self.grantsEveryActionOnEveryResource)
      guard !boundaryGrants.isEmpty else { return [] }
      isBoundaryConditional = boundaryGrants.allSatisfy(\.statement.isConditional)
    }
    return allows.filter(Self.grantsEveryActionOnEveryResource).map { grant in
      (grant, grant.statement.isConditional || isBoundaryConditional || !denies.isEmpty)
    }
  }

  /// Returns whether one statement allows every action on every resource.
  static func grantsEveryActionOnEveryResource(_ grant: StatementGrant) -> Bool {
    let everyARN = WildcardPattern("arn:*", isCaseSensitive: true)
    guard case .only(let resources) = grant.statement.resources else { return false }
    return ActionSet(grant.statement.actions).isEveryAction
      && resources.contains(where: { $0.covers(everyARN) })
  }
}
