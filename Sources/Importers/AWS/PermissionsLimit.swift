/// A set of Allow statements that caps what a principal's identity policies grant. It is
/// either the principal's permissions boundary or the service control policies attached at
/// one level of its organization, which is the root, one OU, or the principal's account.
///
/// An action on a resource passes the limit only when one of the limit's Allow statements
/// covers it. The Deny statements of the same policies are not kept here. They join the
/// principal's Deny statements, because a Deny anywhere removes what it covers.
struct PermissionsLimit: Sendable {
  enum Kind: Sendable {
    case permissionsBoundary
    /// The union of the service control policies attached to one root, OU or account.
    case serviceControlPolicies
    /// The Allow statements of a resource policy that a cross-account grant needs as well.
    case resourcePolicy
  }

  let kind: Kind
  let allows: [StatementGrant]
  /// The limit as the subject of a sentence in provenance, such as `the permissions
  /// boundary` or `the service control policies attached to OU Sandbox (ou-a1b2-sandbox1)`.
  let name: String

  /// The clause stating that only a conditional statement of the limit lets a grant through.
  var conditionalClause: String {
    switch kind {
    case .permissionsBoundary, .resourcePolicy: "\(name) allows it only under a condition"
    case .serviceControlPolicies: "\(name) allow it only under a condition"
    }
  }

  /// Whether the limit also caps grants that need no Allow of the principal's own, such as
  /// a same-account trust policy that names the principal. AWS applies service control
  /// policies to such resource-based grants, but not permissions boundaries.
  var limitsResourcePolicyGrants: Bool { kind == .serviceControlPolicies }

  /// Whether an unconditional Allow of every action on every resource makes the limit
  /// remove nothing, as the `FullAWSAccess` SCP does.
  var allowsEverything: Bool {
    allows.contains { !$0.statement.isConditional && Self.grantsEveryActionOnEveryResource($0) }
  }

  /// Returns the limit with each Allow statement narrowed to `context`, leaving out those
  /// that can never apply in it.
  func specialized(for context: RequestContext) -> PermissionsLimit {
    PermissionsLimit(
      kind: kind, allows: allows.compactMap { $0.specialized(for: context) }, name: name)
  }

  /// Checks whether the limit allows `action` on some resource that `part` matches, as for
  /// an action that creates a resource whose name the caller picks.
  ///
  /// - Returns: nil when no Allow of the limit covers the action on any such resource.
  ///   Otherwise an empty array when an unconditional Allow does, or the first conditional
  ///   Allow that does when only conditional ones do.
  func conditions(
    for action: String, onSomeOf part: WildcardPattern
  ) -> [ConditionalLimitAllow]? {
    let matching = allows.filter {
      $0.statement.actions.contains(action) && $0.statement.resources?.overlaps([part]) == true
    }
    guard let first = matching.first else { return nil }
    if matching.contains(where: { !$0.statement.isConditional }) { return [] }
    return [ConditionalLimitAllow(limit: name, clause: conditionalClause, allow: first)]
  }

  /// Returns the limit with only the Allow statements that name `action`.
  func limited(to action: String) -> PermissionsLimit {
    keeping { $0.statement.actions.contains(action) }
  }

  /// Returns the limit with only the Allow statements for which `isKept` returns true.
  func keeping(_ isKept: (StatementGrant) -> Bool) -> PermissionsLimit {
    PermissionsLimit(kind: kind, allows: allows.filter(isKept), name: name)
  }

  /// How a limit lets one action on one resource through.
  enum Match: Sendable {
    /// An Allow without a condition covers it.
    case unconditional
    /// Only Allow statements with a condition cover it, the first at this position of
    /// `allows`.
    case conditional(allow: Int)
  }

  /// Checks whether the limit allows `action` on `arn`.
  ///
  /// - Returns: nil when no Allow of the limit covers the action on the resource.
  /// - Complexity: O(s · p · n) for s statements of at most p patterns of length n.
  func match(for action: String, on arn: String) -> Match? {
    var firstConditional: Int?
    for (position, allow) in allows.enumerated()
    where allow.statement.actions.contains(action) && allow.statement.resources?.contains(arn) == true
    {
      if !allow.statement.isConditional { return .unconditional }
      firstConditional = firstConditional ?? position
    }
    return firstConditional.map { .conditional(allow: $0) }
  }

  /// Returns the Allow at `position` of `allows` as the conditional statement that alone
  /// lets a grant through the limit.
  func conditionalAllow(at position: Int) -> ConditionalLimitAllow {
    ConditionalLimitAllow(limit: name, clause: conditionalClause, allow: allows[position])
  }

  /// Keeps the part of `actions` that the limit allows on a target.
  ///
  /// Only Allow statements whose resources cover all of `area` count, so a limit that
  /// reaches part of the target removes the actions there. A pattern of the limit inside an
  /// allowed one replaces it: `*` within a limit of `s3:*` becomes `s3:*`. Unconditional
  /// statements are applied first. An action that only a conditional statement lets through
  /// is kept, with that statement returned so that the edge is marked conditional.
  ///
  /// - Parameters:
  ///   - actions: The actions an Allow grants on the target, after Deny statements.
  ///   - area: The part of the target that the Allow's resources reach.
  /// - Complexity: O(s · (p · a + i · p′) · n²). Here s counts the statements, p and p′
  ///   their resource and action patterns, a the parts of the area and i the patterns in
  ///   `actions`, and n is the length of the longest pattern.
  func bounded(_ actions: ActionSet, on area: [WildcardPattern]) -> LimitedActions {
    let covering = allows.filter { $0.statement.resources?.covers(area) == true }
    let ordered =
      covering.filter { !$0.statement.isConditional } + covering.filter(\.statement.isConditional)
    var result = ActionSet(included: [])
    var conditions: [ConditionalLimitAllow] = []
    for allow in ordered {
      let allowed = actions.intersection(with: allow.statement.actions)
      let added = result.union(allowed)
      if added != result, allow.statement.isConditional, conditions.isEmpty {
        conditions.append(
          ConditionalLimitAllow(limit: name, clause: conditionalClause, allow: allow))
      }
      result = added
    }
    return LimitedActions(actions: result, conditions: conditions)
  }

  /// Checks whether the limit allows every action on every resource.
  ///
  /// - Returns: nil when it does not. Otherwise an empty array when an unconditional Allow
  ///   grants it, or the first conditional Allow that does when only conditional ones grant
  ///   it.
  func conditionsForEveryActionOnEveryResource() -> [ConditionalLimitAllow]? {
    let grants = allows.filter(Self.grantsEveryActionOnEveryResource)
    guard let first = grants.first else { return nil }
    if grants.contains(where: { !$0.statement.isConditional }) { return [] }
    return [ConditionalLimitAllow(limit: name, clause: conditionalClause, allow: first)]
  }

  /// Returns whether one Allow grants every action (`*` or `*:*`) on every resource (`*`).
  static func grantsEveryActionOnEveryResource(_ grant: StatementGrant) -> Bool {
    let everyARN = WildcardPattern("arn:*", isCaseSensitive: true)
    guard case .only(let resources) = grant.statement.resources else { return false }
    return ActionSet(grant.statement.actions).isEveryAction
      && resources.contains(where: { $0.covers(everyARN) })
  }
}

/// An Allow with a condition that alone lets a grant through a permissions limit.
struct ConditionalLimitAllow: Sendable {
  /// `PermissionsLimit.name` of the limit the statement belongs to.
  let limit: String
  /// `PermissionsLimit.conditionalClause` of that limit.
  let clause: String
  let allow: StatementGrant

  /// The text that provenance appends, such as `; the permissions boundary allows it only
  /// under a condition (managed policy Boundary (…, v1), statement 0)`.
  var provenanceNote: String { "; \(clause) (\(allow.description))" }
}

/// The actions left on a target after one or more permissions limits.
struct LimitedActions: Sendable {
  var actions: ActionSet
  /// The conditional Allow statements that alone let some of the actions through, at most
  /// one per limit.
  var conditions: [ConditionalLimitAllow] = []
}
