extension PolicyStatement {
  /// Returns the statement as it applies to one principal's requests: condition clauses that
  /// the context shows to hold are dropped, and policy variables that it gives are replaced by
  /// their values.
  ///
  /// - Returns: The narrowed statement, or nil when the statement can never apply to the
  ///   principal: a clause fails, or every resource pattern names a policy variable that the
  ///   principal lacks, such as `${aws:username}` for a role.
  /// - Complexity: O(c · v + p · n) for c clauses of v values and p patterns of length n.
  func specialized(for context: RequestContext) -> PolicyStatement? {
    var remaining: [ConditionClause] = []
    for clause in conditions {
      switch clause.evaluate(in: context) {
      case .fails: return nil
      case .holds: continue
      case .unknown: remaining.append(clause)
      }
    }
    var narrowedResources = resources
    if let resources, resources.hasPolicyVariable {
      guard let substituted = Self.substituting(resources, in: context) else { return nil }
      narrowedResources = substituted
    }
    guard remaining.count != conditions.count || narrowedResources != resources else {
      return self
    }
    return PolicyStatement(
      effect: effect, sid: sid, index: index, location: location, actions: actions,
      resources: narrowedResources, principals: principals, conditions: remaining,
      excludedPrincipals: excludedPrincipals)
  }

  /// Replaces the known policy variables of each pattern. A pattern that names a variable
  /// known to be absent matches nothing and is removed.
  ///
  /// - Returns: The new set, or nil when `Resource` is left with no pattern. `NotResource`
  ///   left with no pattern leaves nothing out.
  private static func substituting(
    _ resources: PatternSet, in context: RequestContext
  ) -> PatternSet? {
    switch resources {
    case .only(let patterns):
      let kept = patterns.compactMap { substituting($0, in: context) }
      return kept.isEmpty ? nil : .only(kept)
    case .allExcept(let patterns):
      // A left-out pattern that matches nothing leaves nothing out, so it is dropped.
      return .allExcept(patterns.compactMap { substituting($0, in: context) })
    }
  }

  /// Replaces the known policy variables of one pattern, escaping wildcard characters in
  /// their values so that they match only themselves.
  ///
  /// - Returns: The new pattern, the same one when it names no known variable, or nil when
  ///   it names a variable known to be absent.
  private static func substituting(
    _ pattern: WildcardPattern, in context: RequestContext
  ) -> WildcardPattern? {
    guard pattern.hasPolicyVariable else { return pattern }
    var text = ""
    var rest = Substring(pattern.text)
    while let open = rest.range(of: "${") {
      text += rest[..<open.lowerBound]
      guard let close = rest[open.upperBound...].firstIndex(of: "}") else {
        rest = rest[open.lowerBound...]
        break
      }
      let name = String(rest[open.upperBound..<close])
      let variable = "${" + name + "}"
      rest = rest[rest.index(after: close)...]
      if ["*", "?", "$"].contains(name) || name.contains(",") {
        text += variable
        continue
      }
      guard let values = context.value(of: name) else {
        text += variable
        continue
      }
      guard let value = values.first, values.count == 1 else { return nil }
      text += escaped(value)
    }
    text += rest
    return WildcardPattern(text, isCaseSensitive: pattern.isCaseSensitive)
  }

  /// Writes `value` so that a pattern matches it literally.
  private static func escaped(_ value: String) -> String {
    var result = ""
    for character in value {
      switch character {
      case "*": result += "${*}"
      case "?": result += "${?}"
      case "$": result += "${$}"
      default: result.append(character)
      }
    }
    return result
  }
}

extension PrincipalPermissions {
  /// Returns the permissions with every statement narrowed to a further context, such as
  /// the service a role is passed to. Statements that can never apply in it are left out.
  ///
  /// - Complexity: O(s · c) for s statements of at most c condition clauses.
  func specialized(for context: RequestContext) -> PrincipalPermissions {
    PrincipalPermissions(
      allows: allows.compactMap { $0.specialized(for: context) },
      denies: denies.compactMap { $0.specialized(for: context) },
      limits: limits.map { $0.specialized(for: context) })
  }
}
