import AccessGraph

/// Turns principals' Allow statements into access grants on known resources and on
/// accounts.
///
/// An Allow reaches each resource in the catalog whose ARN, or something inside it, matches
/// one of its resource patterns, provided one of its actions belongs to the resource's
/// service. A pattern that spans an account (see `AWSResource.accountSpanned(by:ownAccount:)`)
/// also reaches that account as a whole. What a statement reaches depends only on its
/// actions, its resources and the principal's account, so it is worked out once and shared
/// by every principal with an equal statement. Only Deny statements and the limits (the
/// permissions boundary and the service control policies) are applied per principal.
struct AccessEvaluator {
  enum Target: Hashable {
    case resource(NodeID)
    /// The account scope of the given 12-digit account id.
    case account(String)
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
  }

  /// The resources of one service that one Allow statement reaches.
  private struct ServiceReach {
    /// The statement's actions that can apply to the service.
    let actions: ActionSet
    /// The pattern `<service>:*`.
    let service: WildcardPattern
    /// Each resource reached, with the part of it that the statement's resources reach.
    var targets: [(node: NodeID, area: [WildcardPattern], tags: [String: String])] = []
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
  private var reachByStatement: [ReachKey: StatementReach] = [:]
  private static let anyResource = WildcardPattern("*", isCaseSensitive: true)

  init(catalog: ResourceCatalog, resourcesWithPolicy: Set<NodeID> = []) {
    self.catalog = catalog
    self.resourcesWithPolicy = resourcesWithPolicy
  }

  /// Returns the access grants of one principal, after its Deny statements and within its
  /// limits.
  ///
  /// - Parameter account: The principal's account, which `*` and other account-spanning
  ///   patterns without a 12-digit account stand for.
  /// - Complexity: O(e + s · (d + k · d′) · q) plus the first-time cost of each statement's
  ///   reach, which `reach(of:account:)` gives. Here e counts the edges made, s the Allow
  ///   statements, d the Deny statements that share actions with one of them, k the
  ///   resources one reaches, d′ those Deny statements that name fewer than all resources,
  ///   and q is the cost of one pattern comparison. Without Deny statements each edge costs
  ///   O(1).
  mutating func grants(of permissions: PrincipalPermissions, account: String) -> [Grant] {
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
    let serviceDenies = denies.filter {
      service.actions.overlaps($0.statement.actions)
        && !ActionSet($0.statement.actions).restricted(to: service.service).isEmpty
    }
    // A Deny on every resource acts the same on each target, so it is applied once here,
    // and only the Deny statements on some resources are applied per target.
    let anyResource = [Self.anyResource]
    let everywhere = serviceDenies.filter { $0.statement.resources?.covers(anyResource) == true }
    let somewhere = serviceDenies.filter { $0.statement.resources?.covers(anyResource) != true }
    let base = PrincipalPermissions.remainder(
      of: service.actions, on: anyResource, after: everywhere)
    let baseActions = base.actions.restricted(to: service.service)
    guard !baseActions.isEmpty else { return }

    let testsResourceTags = allow.statement.conditions.contains {
      $0.key.lowercased().hasPrefix(RequestContext.resourceTagPrefix)
    }
    for target in service.targets {
      var allow = allow
      if testsResourceTags {
        // The statement's aws:ResourceTag clauses are decided by the target's known tags.
        guard let narrowed = allow.specialized(for: .resource(tags: target.tags)) else {
          continue
        }
        allow = narrowed
      }
      guard !somewhere.isEmpty || !permissions.limits.isEmpty else {
        grants.append(
          Self.grant(
            .resource(target.node), baseActions, target.area, allow, base.conditionalDeny))
        continue
      }
      let remainder = PrincipalPermissions.remainder(
        of: base.actions, on: target.area, after: somewhere)
      let bounded = permissions.bounded(remainder.actions, on: target.area)
      let left = bounded.actions.restricted(to: service.service)
      guard !left.isEmpty else { continue }
      grants.append(
        Self.grant(
          .resource(target.node), left, target.area, allow,
          base.conditionalDeny ?? remainder.conditionalDeny, bounded.conditions))
    }
  }

  private static func grant(
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
  private mutating func reach(of statement: PolicyStatement, account: String) -> StatementReach {
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
  /// service.
  ///
  /// A resource of another account is skipped unless the run includes its resource policy,
  /// because AWS allows such access only when that policy allows it too.
  ///
  /// NOTE: A bucket whose account no input gives is kept for every principal, because S3 ARNs
  /// name no account, so a cross-account grant on it is not checked.
  private func resourceReach(
    of actions: ActionSet, on resources: PatternSet, ownAccount: String
  ) -> [ServiceReach] {
    let services = Set(
      catalog.serviceActions.filter { !actions.restricted(to: $0.value).isEmpty }.keys)
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
      reached[slotByService[service]!].targets.append((entry.node, area, entry.tags))
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
