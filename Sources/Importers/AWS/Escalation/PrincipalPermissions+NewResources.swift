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
      for part in Self.parts(of: resources, inside: area) {
        guard let decision = decision(for: action, onPart: part, allowedBy: allow) else {
          continue
        }
        return decision
      }
    }
    return nil
  }

  /// Returns the parts of `area` that `resources` reach, leaving out every pattern that can
  /// match no real ARN of the area.
  private static func parts(
    of resources: PatternSet, inside area: WildcardPattern
  ) -> [WildcardPattern] {
    guard case .only(let patterns) = resources else {
      return resources.intersection(with: [area])
    }
    let reaching = patterns.filter { overlapsSegmentBySegment($0, area) }
    return PatternSet.only(reaching).intersection(with: [area])
  }

  /// Returns whether `pattern` matches some ARN inside `area`, comparing the partition,
  /// service, region, account and resource segments one by one.
  ///
  /// A real ARN has exactly five colons before its resource part, so a `*` in the area's
  /// partition or region matches only text without a colon. Compared as whole strings, that
  /// `*` could absorb colons, and `arn:aws:sagemaker:us-east-1:444455556666:training-job/*`
  /// would seem to reach `arn:*:sagemaker:*:111122223333:training-job/*` through ARNs such
  /// as `...:444455556666:training-job/x:111122223333:training-job/y`, which AWS never
  /// creates. A pattern with fewer than six segments, such as `*` or `arn:aws:glue:*`, ends
  /// in a `*` that IAM lets span colons (IAM User Guide, "IAM JSON policy elements:
  /// Resource"). Such a pattern, and one with a policy variable, which may hide a colon, is
  /// compared as a whole string.
  ///
  /// - Complexity: O(n · m) for patterns of lengths n and m.
  private static func overlapsSegmentBySegment(
    _ pattern: WildcardPattern, _ area: WildcardPattern
  ) -> Bool {
    let patternSegments = segments(of: pattern.text)
    let areaSegments = segments(of: area.text)
    guard patternSegments.count == 6, areaSegments.count == 6, !pattern.text.contains("${")
    else {
      return pattern.overlaps(area)
    }
    return zip(patternSegments, areaSegments).allSatisfy { patternSegment, areaSegment in
      WildcardPattern(patternSegment, isCaseSensitive: true, readsPolicyVariables: false)
        .overlaps(
          WildcardPattern(areaSegment, isCaseSensitive: true, readsPolicyVariables: false))
    }
  }

  /// Splits an ARN or ARN pattern at its first five colons.
  private static func segments(of text: String) -> [String] {
    text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
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
