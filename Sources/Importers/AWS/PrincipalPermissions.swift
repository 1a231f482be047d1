import AccessGraph

/// A policy statement in effect for one principal, with where it comes from.
///
/// A class, because evaluation copies grants into many lists and decisions, and a copy of
/// a class retains one reference where a copy of the statement's fields retains about eight.
final class StatementGrant: Sendable {
  let statement: PolicyStatement
  let file: String
  /// The statement in words, such as
  /// `inline policy "deploy" of role ci-deploy, statement 1 (Sid AllowS3)`.
  let description: String
  /// For a statement of an attached managed policy, the holder's file and the JSON path of
  /// its `AttachedManagedPolicies` entry, such as `RoleDetailList[4].AttachedManagedPolicies[0]`.
  /// Revoking such a grant means detaching the policy from that one user, group or role, so
  /// provenance points there instead of at the statement. Nil for every other statement.
  let attachment: (file: String, location: String)?

  init(
    statement: PolicyStatement, file: String, description: String,
    attachment: (file: String, location: String)? = nil
  ) {
    self.statement = statement
    self.file = file
    self.description = description
    self.attachment = attachment
  }

  /// The file that provenance names: the attachment's, else the statement's.
  var provenanceFile: String { attachment?.file ?? file }

  /// The JSON path that provenance names: the attachment's, else the statement's.
  var provenanceLocation: String { attachment?.location ?? statement.location }

  /// A key that is the same for every principal the statement applies to in the same form,
  /// so that work that depends only on the statement can be shared. Statements whose policy
  /// variables were replaced differently get different keys.
  var key: Key {
    Key(file: file, location: statement.location, resources: statement.resources)
  }

  /// The statement's file and JSON path, and its resources with policy variables replaced.
  /// Resource patterns hash by their stored hash values, so no pattern text is hashed again.
  struct Key: Hashable {
    let file: String
    let location: String
    let resources: PatternSet?
  }

  func provenance(adding detail: String = "") -> Provenance {
    Provenance(file: provenanceFile, location: provenanceLocation, grant: description + detail)
  }

  /// Returns the grant with its statement narrowed by `PolicyStatement.specialized(for:)`,
  /// or nil when the statement can never apply in `context`.
  func specialized(for context: RequestContext) -> StatementGrant? {
    statement.specialized(for: context).map {
      StatementGrant(
        statement: $0, file: file, description: description, attachment: attachment)
    }
  }
}

/// The identity-policy statements that apply to one user or role, and what they allow.
///
/// A principal's statements are those of its inline policies and attached managed policies,
/// and for a user also those of every group it belongs to.
///
/// Limits cap what the Allow statements grant: the permissions boundary, when the principal
/// has one, and the service control policies of each level of its organization, when the
/// run has them and they apply to the principal. An action passes only when every limit
/// allows it. The Deny statements of the boundary and of the SCPs join `denies`, because a
/// Deny in any of these policies removes what it covers.
///
/// Resource policies are not part of these permissions. `ResourcePolicyEvaluator` applies
/// those that the run includes to the grants worked out from them.
///
/// NOTE: Session policies are not evaluated, so the permissions may be overstated.
struct PrincipalPermissions: Sendable {
  let allows: [StatementGrant]
  let denies: [StatementGrant]
  /// The permissions boundary first, if any, then one limit per level of the organization
  /// whose SCPs remove something. Empty when nothing limits the Allow statements.
  let limits: [PermissionsLimit]

  /// Collects the statements of `holders`: the principal first, then its groups.
  ///
  /// - Parameters:
  ///   - holders: The principal and, for a user, its groups.
  ///   - policy: Finds a managed policy by ARN, preferring one from the given file.
  ///   - boundary: The managed policy of the principal's permissions boundary, if any.
  ///   - serviceControl: The service control policies in effect for the principal, if any.
  ///   - context: What is known of the principal's requests. Each statement is narrowed to it
  ///     with `PolicyStatement.specialized(for:)`, and one that can never apply is left out.
  init(
    holders: [any PolicyHolder], policy: (String, String) -> ManagedPolicy?,
    boundary: ManagedPolicy? = nil, serviceControl: ServiceControl? = nil,
    context: RequestContext = .unknown
  ) {
    var allows: [StatementGrant] = []
    var denies: [StatementGrant] = []
    let principal = holders.first
    for holder in holders {
      // The words for the holder and each policy are written once, not once per statement.
      let holderLabel = holder.label
      for inline in holder.inlinePolicies {
        let policyLabel = "inline policy \"\(inline.name)\" of \(holderLabel), "
        for statement in inline.document.statements {
          guard let statement = statement.specialized(for: context) else { continue }
          let grant = StatementGrant(
            statement: statement, file: holder.file, description: policyLabel + statement.label)
          if statement.effect == .allow { allows.append(grant) } else { denies.append(grant) }
        }
      }
      let attachedLabel = ", attached to " + holderLabel
      for attachment in holder.attachedPolicies {
        guard let managed = policy(attachment.arn, holder.file) else { continue }
        let policyLabel = managed.label + ", "
        // One grant per attachment and statement, so that a revocation plan detaches the
        // policy from one holder and leaves the others that share it alone.
        for statement in managed.document.statements {
          guard let statement = statement.specialized(for: context) else { continue }
          let grant = StatementGrant(
            statement: statement, file: managed.file,
            description: policyLabel + statement.label + attachedLabel,
            attachment: (holder.file, attachment.location))
          if statement.effect == .allow { allows.append(grant) } else { denies.append(grant) }
        }
      }
    }
    var limits: [PermissionsLimit] = []
    if let boundary, let principal {
      var boundaryAllows: [StatementGrant] = []
      for statement in boundary.document.statements {
        guard let statement = statement.specialized(for: context) else { continue }
        let grant = StatementGrant(
          statement: statement, file: boundary.file,
          description: "permissions boundary \(boundary.label) of \(principal.label), "
            + statement.label)
        if statement.effect == .allow {
          boundaryAllows.append(grant)
        } else {
          denies.append(grant)
        }
      }
      limits.append(
        PermissionsLimit(
          kind: .permissionsBoundary, allows: boundaryAllows, name: "the permissions boundary"))
    }
    if let serviceControl {
      // The account's principals share its SCPs, so each principal narrows them to its own
      // context here.
      let narrowedLimits = serviceControl.limits.map { $0.specialized(for: context) }
      limits += narrowedLimits.filter { !$0.allowsEverything }
      denies += serviceControl.denies.compactMap { $0.specialized(for: context) }
    }
    self.allows = allows
    self.denies = denies
    self.limits = limits
  }

  init(allows: [StatementGrant], denies: [StatementGrant], limits: [PermissionsLimit] = []) {
    self.allows = allows
    self.denies = denies
    self.limits = limits
  }

  /// Returns the statements that name `action`, which decide every check of that action.
  func limited(to action: String) -> PrincipalPermissions {
    PrincipalPermissions(
      allows: allows.filter { $0.statement.actions.contains(action) },
      denies: denies.filter { $0.statement.actions.contains(action) },
      limits: limits.map { $0.limited(to: action) })
  }

  /// The outcome of checking one action on one resource.
  struct Decision: Sendable {
    /// The Allow that grants the action; nil when nothing allows it or when the grant needs
    /// no Allow of the principal's own.
    var allow: StatementGrant?
    /// A Deny with a condition that may remove the grant.
    var conditionalDeny: StatementGrant?
    /// For each limit that allows the action only under a condition, the statement that
    /// does.
    var conditionalLimitAllows: [ConditionalLimitAllow] = []
    /// Whether a condition not evaluated limits the outcome.
    var isConditional: Bool {
      allow?.statement.isConditional == true || conditionalDeny != nil
        || !conditionalLimitAllows.isEmpty
    }
    /// The clauses that provenance appends for the conditions that may remove the grant.
    var conditionNote: String {
      PrincipalPermissions.conditionNote(
        conditionalDeny: conditionalDeny, conditionalLimitAllows: conditionalLimitAllows)
    }
  }

  /// The kind of policy that grants an action, which decides the limits that apply.
  /// Whether the principal has a permissions boundary that the run lists.
  var hasPermissionsBoundary: Bool {
    limits.contains { $0.kind == .permissionsBoundary }
  }

  /// Checks a grant that a resource-based policy, such as a trust policy, makes to the
  /// principal by name in the principal's own account, which needs no Allow of its own.
  ///
  /// AWS lets the permissions boundary stop such a grant only when it names a role by its
  /// role ARN. A grant to an IAM user or to a role session is stopped only by a Deny or a
  /// service control policy.
  ///
  /// - Parameter isBoundaryApplied: Whether the grant names the principal as a role by its
  ///   role ARN, rather than as a user or a session.
  func directGrantDecision(
    for action: String, on arn: String, isBoundaryApplied: Bool
  ) -> Decision? {
    decision(for: action, on: arn, grantedBy: isBoundaryApplied ? .identityPolicy : .resourcePolicy)
  }

  /// Keeps the part of what one Allow grants on one target that one of `allows` also allows,
  /// as a permissions boundary would.
  ///
  /// - Returns: The actions left, with the first conditional statement that alone lets some
  ///   of them through.
  static func intersection(
    of actions: ActionSet, on area: [WildcardPattern], allowedBy allows: [StatementGrant]
  ) -> (actions: ActionSet, conditionalAllow: StatementGrant?) {
    let limited = PermissionsLimit(kind: .resourcePolicy, allows: allows, name: "the policy")
      .bounded(actions, on: area)
    return (limited.actions, limited.conditions.first?.allow)
  }

  enum GrantSource: Sendable {
    /// An Allow of the principal's own identity policies: every limit applies.
    case identityPolicy
    /// A resource-based policy, such as a trust policy, that names a principal of its own
    /// account. The principal needs no Allow of its own, and only the limits that cap such
    /// grants apply, which are the service control policies.
    case resourcePolicy
  }

  /// Checks whether the principal's own policies allow `action` on the resource `arn`, within
  /// its permissions boundary and service control policies.
  ///
  /// An unconditional Allow is preferred to a conditional one as the reason, in the identity
  /// policies and in each limit alike.
  ///
  /// - Returns: The decision, or nil when no statement allows it, a limit does not allow it,
  ///   or an unconditional Deny denies it.
  /// - Complexity: O(s · p · n) for s statements of at most p patterns of length n.
  func decision(for action: String, on arn: String) -> Decision? {
    decisionPositions(for: action, on: arn).map(decision(at:))
  }

  /// Checks the Deny statements and the limits that apply to a grant of `action` on `arn`
  /// from `source`, without looking for an Allow.
  ///
  /// For a grant from a resource-based policy, such as a same-account trust policy that names
  /// the principal, the permissions boundary's Allow statements do not apply, but its Deny
  /// statements and the service control policies do.
  ///
  /// - Returns: A decision without an Allow, or nil when a limit does not allow the action
  ///   or an unconditional Deny denies it.
  /// - Complexity: O(s · p · n) for s statements of at most p patterns of length n.
  func decision(
    for action: String, on arn: String, grantedBy source: GrantSource
  ) -> Decision? {
    decisionPositions(for: action, on: arn, grantedBy: source).map(decision(at:))
  }

  /// Returns the clauses that provenance appends when a conditional Deny may remove a grant
  /// or limits let it through only under a condition.
  static func conditionNote(
    conditionalDeny: StatementGrant?, conditionalLimitAllows: [ConditionalLimitAllow]
  ) -> String {
    var note = ""
    if let deny = conditionalDeny {
      note += "; a Deny with a condition may remove it (\(deny.description))"
    }
    for limitAllow in conditionalLimitAllows {
      note += limitAllow.provenanceNote
    }
    return note
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

  /// Keeps the part of what one Allow grants on one target that every limit also allows.
  ///
  /// The limits are applied one after another, each as `PermissionsLimit.bounded(_:on:)`
  /// describes.
  ///
  /// - Parameters:
  ///   - actions: The actions the Allow grants on the target, after Deny statements.
  ///   - area: The part of the target that the Allow's resources reach.
  ///   - source: The kind of policy that grants the actions, which decides the limits that
  ///     apply.
  func bounded(
    _ actions: ActionSet, on area: [WildcardPattern], grantedBy source: GrantSource = .identityPolicy
  ) -> LimitedActions {
    var result = LimitedActions(actions: actions)
    for limit in limits where source == .identityPolicy || limit.limitsResourcePolicyGrants {
      let limited = limit.bounded(result.actions, on: area)
      result.actions = limited.actions
      result.conditions += limited.conditions
      if result.actions.isEmpty { break }
    }
    return result
  }

  /// The unconditional Deny statements that leave the admin privilege in place: those that
  /// deny no IAM action, such as an SCP guardrail on `organizations:LeaveOrganization`.
  var guardrailDenies: [StatementGrant] {
    denies.filter { !$0.statement.isConditional && !Self.deniesIAM($0) }
  }

  /// Whether an unconditional Deny keeps the principal from the admin privilege: one that
  /// denies some IAM action on IAM as a whole, so that the principal cannot manage every
  /// identity.
  var isKeptFromAdmin: Bool {
    denies.contains { !$0.statement.isConditional && Self.deniesIAM($0) }
  }

  private static let iamActions = PatternSet.only([WildcardPattern("iam:*", isCaseSensitive: false)])

  private static let everyIAMResource = WildcardPattern("arn:*:iam::*:*", isCaseSensitive: true)

  /// Returns whether a Deny takes IAM actions away on IAM as a whole: its actions include some
  /// IAM action and its resources are every resource, every IAM resource, or everything but
  /// a few (`NotResource`). A Deny of IAM actions on a few named ARNs, such as one that
  /// protects an organization's access role, is a guardrail instead.
  private static func deniesIAM(_ deny: StatementGrant) -> Bool {
    guard ActionSet(deny.statement.actions).overlaps(iamActions) else { return false }
    switch deny.statement.resources {
    case nil, .allExcept: return true
    case .only(let patterns):
      return patterns.contains { $0.matchesEverything || $0.covers(everyIAMResource) }
    }
  }

  /// Returns the Allow statements that each grant every action on every resource, unless a
  /// Deny or a limit cuts them.
  ///
  /// An unconditional Deny of any IAM action cuts them all, since the principal then cannot
  /// manage every identity, and so does any limit without an Allow of every action on every
  /// resource. Other unconditional Deny statements, such as guardrails that deny leaving the
  /// organization, leave the privilege in place: they are returned as `exclusions`, the
  /// denied actions of those on every resource, and named in the note. A conditional Deny,
  /// or a limit that grants this only under a condition, makes each result conditional. Each
  /// qualifying Allow is returned, so that every route to the privilege gets its own edge.
  ///
  /// - Returns: Each Allow with whether a condition limits its grant and the clauses that
  ///   provenance appends for those conditions and guardrails; empty when none holds.
  func everyActionOnEveryResource() -> [(
    allow: StatementGrant, isConditional: Bool, conditionNote: String, exclusions: [String]
  )] {
    guard !isKeptFromAdmin else { return [] }
    var limitConditions: [ConditionalLimitAllow] = []
    for limit in limits {
      guard let conditions = limit.conditionsForEveryActionOnEveryResource() else { return [] }
      limitConditions += conditions
    }
    let conditionalDeny = denies.first(where: \.statement.isConditional)
    var note = Self.conditionNote(
      conditionalDeny: conditionalDeny, conditionalLimitAllows: limitConditions)
    var exclusions: [String] = []
    let anyResource = [WildcardPattern("*", isCaseSensitive: true)]
    for guardrail in guardrailDenies {
      note += "; except what \(guardrail.description) denies"
      guard guardrail.statement.resources?.covers(anyResource) == true,
        case .only(let patterns) = guardrail.statement.actions
      else { continue }
      for pattern in patterns where !exclusions.contains(pattern.text) {
        exclusions.append(pattern.text)
      }
    }
    let isConditional = conditionalDeny != nil || !limitConditions.isEmpty
    return allows.filter(PermissionsLimit.grantsEveryActionOnEveryResource).map { grant in
      (grant, grant.statement.isConditional || isConditional, note, exclusions)
    }
  }
}
