import AccessGraph
import Foundation

/// Turns principals' Allow statements into access grants on known resources, on service
/// scopes and on accounts.
///
/// An Allow reaches each resource in the catalog whose ARN, or something inside it, matches
/// one of its resource patterns, provided one of its actions belongs to the resource's
/// service. A pattern that spans an account (see `AWSResource.accountSpanned(by:ownAccount:)`)
/// also reaches that account as a whole. What a statement reaches depends only on its
/// actions, its resources and the principal's account, so it is worked out once and shared
/// by every principal with an equal statement. Only Deny statements and the limits (the
/// permissions boundary and the service control policies) are applied per principal.
///
/// When an Allow's resource patterns cover the whole area of a service in the principal's
/// own account (see `ServiceScope.area`), it makes one grant on that service scope in place
/// of one per resource. It does so only when the result is the same for each resource,
/// because no Deny or limit statement names only some of the scope's resources and the
/// Allow has no `aws:ResourceTag` condition. `ResourcePolicyEvaluator` splits a scope grant
/// up again when a resource policy in the scope changes it for its resource.
struct AccessEvaluator {
  enum Target: Hashable {
    case resource(NodeID)
    /// The account scope of the given 12-digit account id.
    case account(String)
    /// The scope of one service in the principal's account, by index into
    /// `ResourceCatalog.scopes`.
    case serviceScope(Int)
  }

  /// One resource that an Allow reaches.
  struct ReachedResource: Sendable {
    let node: NodeID
    /// The part of the resource that the Allow's resources reach.
    let area: [WildcardPattern]
    /// The tags of the resource's node, which decide `aws:ResourceTag` conditions.
    let tags: [String: String]
  }

  /// The resources of a service scope that an Allow reaches as a whole.
  struct ScopeMembers: Sendable {
    let scope: Int
    /// Every resource of the scope.
    let all: [ReachedResource]
    /// The resources whose resource policy the run includes, which may change the grant.
    let withPolicy: [ReachedResource]
  }

  /// One access edge to make.
  struct Grant {
    let target: Target
    /// The actions as the edge lists them; see `ActionSet.edgeActions`.
    var actions: [String] { actionSet.edgeActions }
    /// The actions granted on the target, after Deny statements and the boundary.
    var actionSet: ActionSet
    /// The part of the target that the Allow's resources reach.
    let area: [WildcardPattern]
    var isConditional: Bool
    var provenance: Provenance
    /// For a grant on a service scope, the resources of the scope; nil for other targets.
    var scopeMembers: ScopeMembers?

    /// Returns the grant on one resource of the scope that this scope grant covers: the
    /// same actions, conditions and provenance, on the part of the resource that the Allow
    /// reaches.
    func member(_ resource: ReachedResource) -> Grant {
      Grant(
        target: .resource(resource.node), actionSet: actionSet, area: resource.area,
        isConditional: isConditional, provenance: provenance)
    }
  }

  /// The resources of one service that one Allow statement reaches.
  private struct ServiceReach {
    /// The statement's actions that can apply to the service.
    let actions: ActionSet
    /// The pattern `<service>:*`.
    let service: WildcardPattern
    /// Each resource reached outside the scopes in `scopes`.
    var targets: [ReachedResource] = []
    /// Each scope of the principal's account whose whole area the statement's resources
    /// cover.
    var scopes: [ScopeMembers] = []
  }

  private struct StatementReach {
    var services: [ServiceReach] = []
    var accounts: [(account: String, area: [WildcardPattern])] = []
  }

  private struct ReachKey: Hashable {
    let actions: PatternSet
    let resources: PatternSet?
    let account: String
  }

  let catalog: ResourceCatalog
  /// The resources whose resource policy the run includes. Grants on those of another account
  /// are made too, for `ResourcePolicyEvaluator` to check against the policy.
  let resourcesWithPolicy: Set<NodeID>
  /// Whether a grant on every resource of a service scope goes to the scope. When false,
  /// every grant is on single resources, which tests compare scope grants against.
  let grantsOnServiceScopes: Bool
  /// The reach of each statement, shared by every copy of the evaluator, so that threads
  /// working on different principals work out each statement's reach about once.
  private final class ReachCache: @unchecked Sendable {
    private let lock = NSLock()
    /// Guarded by `lock`.
    private var reaches: [ReachKey: StatementReach] = [:]

    subscript(key: ReachKey) -> StatementReach? {
      get { lock.withLock { reaches[key] } }
      set { lock.withLock { reaches[key] = newValue } }
    }
  }

  private let reachByStatement = ReachCache()
  private static let anyResource = WildcardPattern("*", isCaseSensitive: true)
  private static let anyResourceArea = [anyResource]

  init(
    catalog: ResourceCatalog, resourcesWithPolicy: Set<NodeID> = [],
    grantsOnServiceScopes: Bool = true
  ) {
    self.catalog = catalog
    self.resourcesWithPolicy = resourcesWithPolicy
    self.grantsOnServiceScopes = grantsOnServiceScopes
  }

  /// Returns the access grants of one principal, after its Deny statements and within its
  /// limits.
  ///
  /// - Parameter account: The principal's account, which `*` and other account-spanning
  ///   patterns without a 12-digit account stand for.
  /// - Complexity: O(e + s · (d + k · d′) · q) plus the first-time cost of each statement's
  ///   reach, which `reach(of:account:)` gives. Here e counts the edges made, s the Allow
  ///   statements, d the Deny statements that share actions with one of them, k the
  ///   targets one reaches, where a service scope reached as a whole counts once, d′ those
  ///   Deny and limit statements that name fewer than all resources, and q is the cost of
  ///   one pattern comparison. Without Deny statements and limits each edge costs O(1).
  func grants(of permissions: PrincipalPermissions, account: String) -> [Grant] {
    var grants: [Grant] = []
    for allow in permissions.allows {
      let reach = self.reach(of: allow.statement, account: account)
      let statementActions = ActionSet(allow.statement.actions)
      let denies = permissions.denies(sharingActionsWith: statementActions)
      for service in reach.services {
        appendGrants(on: service, of: allow, after: denies, within: permissions, to: &grants)
      }
      for (target, area) in reach.accounts {
        let remainder = PrincipalPermissions.remainder(
          of: statementActions, on: area, after: denies)
        let bounded = permissions.bounded(remainder.actions, on: area)
        guard !bounded.actions.isEmpty else { continue }
        grants.append(
          Self.grant(
            .account(target), bounded.actions, area, allow, remainder.conditionalDeny,
            bounded.conditions))
      }
    }
    return grants
  }

  /// Appends the grants of one Allow on the resources of one service, after `denies` and
  /// within the limits of `permissions`.
  private func appendGrants(
    on service: ServiceReach, of allow: StatementGrant, after denies: [StatementGrant],
    within permissions: PrincipalPermissions, to grants: inout [Grant]
  ) {
    // A Deny matters here only if some of its actions belong to this service: `iam:*` shares
    // actions with an Allow of `*`, but not once that Allow is narrowed to S3.
    // A Deny on every resource acts the same on each target, so it is applied once here,
    // and only the Deny statements on some resources are applied per target.
    let anyResource = Self.anyResourceArea
    var everywhere: [StatementGrant] = []
    var somewhere: [StatementGrant] = []
    for deny in denies
    where service.actions.overlaps(deny.statement.actions)
      && ActionSet(deny.statement.actions).includesActions(of: service.service)
    {
      if deny.statement.resources?.covers(anyResource) == true {
        everywhere.append(deny)
      } else {
        somewhere.append(deny)
      }
    }
    let base = PrincipalPermissions.remainder(
      of: service.actions, on: anyResource, after: everywhere)
    // `service.actions` is restricted to the service already, so without a Deny to apply
    // here the restriction would give the same set again.
    let baseActions =
      everywhere.isEmpty ? base.actions : base.actions.restricted(to: service.service)
    guard !baseActions.isEmpty else { return }

    let limited = LimitedGrant(
      allow: allow, base: base, baseActions: baseActions, service: service.service,
      somewhere: somewhere, permissions: permissions)
    let testsResourceTags = allow.statement.conditions.contains {
      $0.key.lowercased().hasPrefix(RequestContext.resourceTagPrefix)
    }
    // One grant on a scope is right for each of its resources only when the Deny statements
    // and limits act on all of them alike and no condition depends on the resource.
    for members in service.scopes {
      let area = catalog.scopes[members.scope].area
      guard !testsResourceTags, limited.treatsAlike(area, actions: service.actions) else {
        appendGrants(
          on: members.all, of: limited, testsResourceTags: testsResourceTags, to: &grants)
        continue
      }
      if var grant = limited.grant(on: .serviceScope(members.scope), area: area) {
        grant.scopeMembers = members
        grants.append(grant)
      }
    }
    appendGrants(
      on: service.targets, of: limited, testsResourceTags: testsResourceTags, to: &grants)
  }

  /// Appends the grant of one Allow on each of `resources`, all of one service.
  private func appendGrants(
    on resources: [ReachedResource], of limited: LimitedGrant, testsResourceTags: Bool,
    to grants: inout [Grant]
  ) {
    // When nothing is left to apply per target, the grants differ only in target and area,
    // so the actions, conditions and provenance of the first one serve for the rest.
    if !testsResourceTags, limited.isUniform, let first = resources.first,
      let template = limited.grant(on: .resource(first.node), area: first.area)
    {
      grants.reserveCapacity(grants.count + resources.count)
      grants.append(template)
      for target in resources.dropFirst() {
        grants.append(template.member(target))
      }
      return
    }
    for target in resources {
      var limited = limited
      if testsResourceTags {
        // The statement's aws:ResourceTag clauses are decided by the target's known tags.
        guard let narrowed = limited.allow.specialized(for: .resource(tags: target.tags)) else {
          continue
        }
        limited.allow = narrowed
      }
      if let grant = limited.grant(on: .resource(target.node), area: target.area) {
        grants.append(grant)
      }
    }
  }

  /// Returns a grant of `actions` on `target`, conditional when the Allow, a Deny or a
  /// limit has a condition that was not decided, with each such condition in the provenance.
  static func grant(
    _ target: Target, _ actions: ActionSet, _ area: [WildcardPattern], _ allow: StatementGrant,
    _ conditionalDeny: StatementGrant?, _ conditionalLimitAllows: [ConditionalLimitAllow] = []
  ) -> Grant {
    let note = PrincipalPermissions.conditionNote(
      conditionalDeny: conditionalDeny, conditionalLimitAllows: conditionalLimitAllows)
    return Grant(
      target: target, actionSet: actions, area: area,
      isConditional: allow.statement.isConditional || conditionalDeny != nil
        || !conditionalLimitAllows.isEmpty,
      provenance: allow.provenance(adding: note))
  }

  /// Returns what one Allow statement reaches, from the cache or worked out now.
  ///
  /// - Complexity: O(c · p · n²) the first time for c candidate resources from the catalog
  ///   and p resource patterns of length n; O(a) expected afterwards, for a patterns in the
  ///   statement.
  private func reach(of statement: PolicyStatement, account: String) -> StatementReach {
    let key = ReachKey(
      actions: statement.actions, resources: statement.resources, account: account)
    if let cached = reachByStatement[key] { return cached }
    var reach = StatementReach()
    if let resources = statement.resources {
      reach.services = resourceReach(
        of: ActionSet(statement.actions), on: resources, ownAccount: account)
      reach.accounts = accountReach(of: resources, ownAccount: account)
    }
    reachByStatement[key] = reach
    return reach
  }

  /// Finds the catalog's resources that `resources` reaches and `actions` apply to, by
  /// service, and the service scopes that `resources` covers as a whole: those of
  /// `ownAccount` and those of no known account.
  ///
  /// A resource of another account is skipped unless the run includes its resource policy,
  /// because AWS allows such access only when that policy allows it too.
  ///
  /// NOTE: A bucket whose account no input gives is kept for every principal, because S3 ARNs
  /// name no account, so a cross-account grant on it is not checked.
  ///
  /// NOTE: Each candidate is compared with every pattern of `resources`, so a statement that
  /// names n resources costs O(n²) comparisons: a crafted one of 20,000 ARNs takes about
  /// 12 s. IAM's policy size quotas keep real statements to a few hundred ARNs.
  private func resourceReach(
    of actions: ActionSet, on resources: PatternSet, ownAccount: String
  ) -> [ServiceReach] {
    let services = Set(
      catalog.serviceActions.filter { actions.includesActions(of: $0.value) }.keys)
    var candidates: Set<Int> = []
    switch resources {
    case .only(let patterns):
      for pattern in patterns {
        candidates.formUnion(
          catalog.candidates(for: pattern, includesService: services.contains))
      }
    case .allExcept:
      candidates.formUnion(catalog.entries(includingServices: services.contains))
    }

    var reached: [ServiceReach] = []
    var slotByService: [String: Int] = [:]
    var isCoveredByScope: [Int: Bool] = [:]
    var membersByScope: [Int: [ReachedResource]] = [:]
    for entryIndex in candidates.sorted() {
      let entry = catalog.entries[entryIndex]
      let service = entry.resource.arn.service
      guard services.contains(service) else { continue }
      let isOwnAccount = entry.account.isEmpty || entry.account == ownAccount
      guard isOwnAccount || resourcesWithPolicy.contains(entry.node) else { continue }
      let area = resources.intersection(with: entry.area)
      guard !area.isEmpty else { continue }
      if slotByService[service] == nil {
        let servicePattern = catalog.serviceActions[service]!
        slotByService[service] = reached.count
        reached.append(
          ServiceReach(actions: actions.restricted(to: servicePattern), service: servicePattern))
      }
      let target = ReachedResource(node: entry.node, area: area, tags: entry.tags)
      if grantsOnServiceScopes, let scope = entry.scope,
        entry.account == ownAccount || entry.account.isEmpty
      {
        let isCovered =
          isCoveredByScope[scope] ?? resources.covers(catalog.scopes[scope].area)
        isCoveredByScope[scope] = isCovered
        if isCovered {
          membersByScope[scope, default: []].append(target)
          continue
        }
      }
      reached[slotByService[service]!].targets.append(target)
    }

    for (scope, members) in membersByScope.sorted(by: { $0.key < $1.key }) {
      let slot = slotByService[catalog.scopes[scope].service]!
      // Patterns that cover the scope's area reach each of its resources, so this always
      // holds. A scope grant for fewer than all of them would reach too much through
      // `contains`.
      if members.count == catalog.scopes[scope].members.count {
        let withPolicy = members.filter { resourcesWithPolicy.contains($0.node) }
        reached[slot].scopes.append(
          ScopeMembers(scope: scope, all: members, withPolicy: withPolicy))
      } else {
        reached[slot].targets += members
      }
    }
    return reached
  }

  /// Finds the accounts that `resources` spans as a whole, each with the patterns that span
  /// it.
  private func accountReach(
    of resources: PatternSet, ownAccount: String
  ) -> [(account: String, area: [WildcardPattern])] {
    guard case .only(let patterns) = resources else {
      return [(ownAccount, [Self.anyResource])]
    }
    var accounts: [(account: String, area: [WildcardPattern])] = []
    for pattern in patterns {
      guard let spanned = AWSResource.accountSpanned(by: pattern.text, ownAccount: ownAccount)
      else { continue }
      if let slot = accounts.firstIndex(where: { $0.account == spanned }) {
        accounts[slot].area.append(pattern)
      } else {
        accounts.append((spanned, [pattern]))
      }
    }
    return accounts
  }
}
