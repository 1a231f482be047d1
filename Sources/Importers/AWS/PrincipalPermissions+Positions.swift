extension PrincipalPermissions {
  /// The statements behind a decision, by position: in `allows`, in `denies`, and in the
  /// `allows` of each limit. A decision worked out for one principal holds for every
  /// principal whose permissions have the same `Content`, with that principal's own
  /// statements at the same positions.
  struct DecisionPositions: Sendable {
    var allow: Int?
    var conditionalDeny: Int?
    /// For each limit that allows the action only under a condition, the limit's position
    /// and the position of its first Allow that does.
    var conditionalLimitAllows: [(limit: Int, allow: Int)] = []
  }

  /// What decides a check of these permissions: each statement's actions, resources and
  /// whether it has a condition, and each limit's kind, in order. It leaves out the
  /// descriptions, which name the principal, so that principals with copies of the same
  /// statements share their checks.
  struct Content: Hashable, Sendable {
    struct Statement: Hashable, Sendable {
      let actions: PatternSet
      let resources: PatternSet?
      let isConditional: Bool

      init(_ grant: StatementGrant) {
        actions = grant.statement.actions
        resources = grant.statement.resources
        isConditional = grant.statement.isConditional
      }
    }

    struct Limit: Hashable, Sendable {
      let kind: PermissionsLimit.Kind
      let allows: [Statement]
    }

    let allows: [Statement]
    let denies: [Statement]
    let limits: [Limit]
  }

  var content: Content {
    Content(
      allows: allows.map(Content.Statement.init), denies: denies.map(Content.Statement.init),
      limits: limits.map { Content.Limit(kind: $0.kind, allows: $0.allows.map(Content.Statement.init)) })
  }

  /// Checks `action` on `arn` as `decision(for:on:)` does, and returns the statements
  /// behind the decision by position.
  ///
  /// - Complexity: O(s · p · n) for s statements of at most p patterns of length n.
  func decisionPositions(for action: String, on arn: String) -> DecisionPositions? {
    var allow: Int?
    for (position, candidate) in allows.enumerated()
    where candidate.statement.actions.contains(action)
      && candidate.statement.resources?.contains(arn) == true
    {
      if !candidate.statement.isConditional {
        allow = position
        break
      }
      allow = allow ?? position
    }
    guard let allow,
      var positions = decisionPositions(for: action, on: arn, grantedBy: .identityPolicy)
    else { return nil }
    positions.allow = allow
    return positions
  }

  /// Checks the Deny statements and the limits as `decision(for:on:grantedBy:)` does, and
  /// returns the statements behind the decision by position.
  ///
  /// - Complexity: O(s · p · n) for s statements of at most p patterns of length n.
  func decisionPositions(
    for action: String, on arn: String, grantedBy source: GrantSource
  ) -> DecisionPositions? {
    var positions = DecisionPositions()
    for (position, limit) in limits.enumerated()
    where source == .identityPolicy || limit.limitsResourcePolicyGrants {
      switch limit.match(for: action, on: arn) {
      case nil: return nil
      case .unconditional: continue
      case .conditional(let allow): positions.conditionalLimitAllows.append((position, allow))
      }
    }
    for (position, deny) in denies.enumerated()
    where deny.statement.actions.contains(action) && deny.statement.resources?.contains(arn) == true
    {
      guard deny.statement.isConditional else { return nil }
      positions.conditionalDeny = positions.conditionalDeny ?? position
    }
    return positions
  }

  /// The positions of the statements that name one action: in `allows`, in `denies`, and
  /// in the `allows` of each limit. Finding them once lets checks of the action on many
  /// resources match only the resource patterns.
  struct ActionStatements: Sendable {
    let action: String
    fileprivate let allows: [Int]
    fileprivate let denies: [Int]
    fileprivate let limitAllows: [[Int]]
  }

  /// Returns the statements that name `action`, for `decisionPositions(of:on:)`.
  ///
  /// - Complexity: O(s · p · n) for s statements of at most p action patterns of length n.
  func statements(naming action: String) -> ActionStatements {
    ActionStatements(
      action: action,
      allows: allows.indices.filter { allows[$0].statement.actions.contains(action) },
      denies: denies.indices.filter { denies[$0].statement.actions.contains(action) },
      limitAllows: limits.map { limit in
        limit.allows.indices.filter { limit.allows[$0].statement.actions.contains(action) }
      })
  }

  /// Checks the action of `statements` on `arn` and returns the same positions as
  /// `decisionPositions(for:on:)`.
  ///
  /// - Parameter statements: The result of `statements(naming:)` on these permissions.
  /// - Complexity: O(s · p · n) for s statements naming the action, of at most p resource
  ///   patterns of length n.
  func decisionPositions(of statements: ActionStatements, on arn: String) -> DecisionPositions? {
    var allow: Int?
    for position in statements.allows where allows[position].statement.resources?.contains(arn) == true {
      if !allows[position].statement.isConditional {
        allow = position
        break
      }
      allow = allow ?? position
    }
    guard let allow else { return nil }
    var positions = DecisionPositions(allow: allow)
    for (position, named) in statements.limitAllows.enumerated() {
      let limitAllows = limits[position].allows
      var firstConditional: Int?
      var isUnconditional = false
      for index in named where limitAllows[index].statement.resources?.contains(arn) == true {
        if !limitAllows[index].statement.isConditional {
          isUnconditional = true
          break
        }
        firstConditional = firstConditional ?? index
      }
      if isUnconditional { continue }
      guard let firstConditional else { return nil }
      positions.conditionalLimitAllows.append((position, firstConditional))
    }
    for position in statements.denies where denies[position].statement.resources?.contains(arn) == true {
      guard denies[position].statement.isConditional else { return nil }
      positions.conditionalDeny = positions.conditionalDeny ?? position
    }
    return positions
  }

  /// Returns the decision made of this principal's statements at `positions`.
  func decision(at positions: DecisionPositions) -> Decision {
    Decision(
      allow: positions.allow.map { allows[$0] },
      conditionalDeny: positions.conditionalDeny.map { denies[$0] },
      conditionalLimitAllows: positions.conditionalLimitAllows.map {
        limits[$0.limit].conditionalAllow(at: $0.allow)
      })
  }

  /// Returns whether a condition not evaluated limits the decision at `positions`, as
  /// `Decision.isConditional` does, without building the decision.
  func isConditional(_ positions: DecisionPositions) -> Bool {
    positions.allow.map { allows[$0].statement.isConditional } == true
      || positions.conditionalDeny != nil || !positions.conditionalLimitAllows.isEmpty
  }

  /// Returns the literal start of each resource pattern of the Allow statements that name
  /// `action`: its text before the first wildcard or policy variable. A resource whose ARN
  /// starts with none of them matches none of those statements.
  ///
  /// - Returns: The starts, or nil when one of those statements has `NotResource`, no
  ///   `Resource`, or a pattern that ignores case, which may match other resources.
  func literalResourcePrefixes(of action: String) -> [String]? {
    var prefixes: [String] = []
    for allow in allows where allow.statement.actions.contains(action) {
      guard case .only(let patterns) = allow.statement.resources else { return nil }
      for pattern in patterns {
        guard pattern.isCaseSensitive else { return nil }
        let text = pattern.text
        let end = text.firstIndex { $0 == "*" || $0 == "?" || $0 == "$" } ?? text.endIndex
        prefixes.append(String(text[..<end]))
      }
    }
    return prefixes
  }
}
