import Foundation

extension PrincipalPermissions {
  /// Returns the permissions as they apply to the IAM user `userName`, with the policy
  /// variable `${aws:username}` in resource patterns replaced by that name.
  ///
  /// IAM puts the caller's user name in place of the variable at request time, so a
  /// statement on `arn:aws:iam::<account>:user/${aws:username}`, as self-service credential
  /// policies write it, reaches the caller's own user only. Read as `*`, it would seem to
  /// reach every user of the account. A statement that keeps another variable or has a
  /// `Condition` stays conditional.
  ///
  /// - Complexity: O(s · p · n) for s statements of at most p patterns of length n.
  func resolvingUserName(_ userName: String) -> PrincipalPermissions {
    PrincipalPermissions(
      allows: allows.map { $0.resolvingUserName(userName) },
      denies: denies.map { $0.resolvingUserName(userName) },
      boundaryAllows: boundaryAllows?.map { $0.resolvingUserName(userName) })
  }
}

extension StatementGrant {
  fileprivate static let userNameVariable = "${aws:username}"

  /// Returns the grant with `${aws:username}` in its resource patterns replaced by
  /// `userName`, or the grant itself when no pattern reads that variable.
  fileprivate func resolvingUserName(_ userName: String) -> StatementGrant {
    guard let resources = statement.resources,
      resources.patterns.contains(where: Self.readsUserName)
    else { return self }
    let resolved = resources.patterns.map { pattern in
      guard Self.readsUserName(pattern) else { return pattern }
      let text = pattern.text.replacingOccurrences(
        of: Self.userNameVariable, with: userName, options: .caseInsensitive)
      return WildcardPattern(text, isCaseSensitive: true, readsPolicyVariables: true)
    }
    let patterns: PatternSet =
      switch resources {
      case .only: .only(resolved)
      case .allExcept: .allExcept(resolved)
      }
    let resolvedStatement = PolicyStatement(
      effect: statement.effect, sid: statement.sid, index: statement.index,
      location: statement.location, actions: statement.actions, resources: patterns,
      principals: statement.principals, hasCondition: statement.hasCondition)
    return StatementGrant(statement: resolvedStatement, file: file, description: description)
  }

  /// Returns whether IAM reads `${aws:username}` in `pattern` as the policy variable, which
  /// it does in documents of version `2012-10-17`.
  private static func readsUserName(_ pattern: WildcardPattern) -> Bool {
    pattern.hasPolicyVariable
      && pattern.text.range(of: userNameVariable, options: .caseInsensitive) != nil
  }
}
