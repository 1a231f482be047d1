/// One statement of a policy document.
struct PolicyStatement: Sendable {
  enum Effect: String, Sendable {
    case allow = "Allow"
    case deny = "Deny"
  }

  let effect: Effect
  let sid: String?
  /// The statement's position in the `Statement` array; 0 when `Statement` is one object.
  let index: Int
  /// The JSON path of the statement in its file, such as
  /// `RoleDetailList[3].RolePolicyList[0].PolicyDocument.Statement[1]`.
  let location: String
  /// `Action` or `NotAction`.
  let actions: PatternSet
  /// `Resource` or `NotResource`; nil in a trust policy. A service control policy statement
  /// with neither applies to every resource, as `*`.
  let resources: PatternSet?
  /// `Principal`, or nil in an identity policy and in a resource policy statement that has
  /// `NotPrincipal` instead.
  let principals: StatementPrincipals?
  /// The clauses of `Condition` that are not known to hold; empty when it has none.
  let conditions: [ConditionClause]
  /// `NotPrincipal` of a resource policy statement, whose principals the statement spares.
  /// It is nil elsewhere.
  var excludedPrincipals: StatementPrincipals? = nil

  /// Whether the statement has a `Condition` clause that is not known to hold.
  var hasCondition: Bool { !conditions.isEmpty }

  /// Whether the statement applies only under circumstances this importer does not
  /// evaluate: it has a `Condition`, or its patterns hold a policy variable.
  ///
  /// A statement on `arn:aws:s3:::home/${aws:username}/*` covers a different part for each
  /// caller. The variable matches like `*`, so an Allow reaches every caller's part and is
  /// marked conditional, and a Deny is treated as one that may or may not apply.
  var isConditional: Bool {
    hasCondition || actions.hasPolicyVariable || resources?.hasPolicyVariable == true
  }

  /// The statement in words for provenance: `statement 1 (Sid AllowS3)`.
  var label: String {
    guard let sid, !sid.isEmpty else { return "statement \(index)" }
    return "statement \(index) (Sid \(sid))"
  }

  /// Parses one statement, or returns nil for a trust statement with `NotPrincipal`, which
  /// IAM role trust policies do not support, and for a resource policy Allow with
  /// `NotPrincipal`, which AWS does not support either.
  static func parse(
    _ cursor: JSONCursor, index: Int, kind: PolicyDocument.Kind, readsPolicyVariables: Bool,
    patterns: WildcardPatternCache, warnings: inout [ImportWarning]
  ) throws -> PolicyStatement? {
    guard cursor.isObject else {
      throw cursor.invalid(
        "expected a statement object, found \(cursor.typeName)",
        remedy: "write each statement as a JSON object")
    }
    let effect = try parseEffect(cursor)
    let actions = try patternSet(
      cursor, key: "Action", isCaseSensitive: false, readsPolicyVariables: readsPolicyVariables,
      patterns: patterns)
    for pattern in actions.patterns where pattern.text != "*" && !hasServicePrefix(pattern.text) {
      let message = "action \"\(pattern.text)\" has no service prefix, so it matches no action"
      warnings.append(warning(cursor, message))
    }
    let conditions = try parseConditions(cursor)
    let sid = try cursor.string("Sid")

    switch kind {
    case .identity, .serviceControl:
      let resources: PatternSet
      if kind == .serviceControl, cursor["Resource"] == nil, cursor["NotResource"] == nil {
        resources = .only([WildcardPattern("*", isCaseSensitive: true)])
      } else {
        resources = try patternSet(
          cursor, key: "Resource", isCaseSensitive: true,
          readsPolicyVariables: readsPolicyVariables, patterns: patterns)
      }
      let policyKind = kind == .identity ? "an identity policy" : "a service control policy"
      for key in ["Principal", "NotPrincipal"] where cursor[key] != nil {
        warnings.append(warning(cursor, "\(policyKind) takes no \"\(key)\"; it is ignored"))
      }
      return PolicyStatement(
        effect: effect, sid: sid, index: index, location: cursor.path, actions: actions,
        resources: resources, principals: nil, conditions: conditions)
    case .trust:
      if cursor["NotPrincipal"] != nil {
        warnings.append(
          warning(
            cursor, "IAM role trust policies do not support \"NotPrincipal\"; the statement is "
              + "skipped and makes no edge"))
        return nil
      }
      for key in ["Resource", "NotResource"] where cursor[key] != nil {
        warnings.append(warning(cursor, "a trust policy takes no \"\(key)\"; it is ignored"))
      }
      guard let principal = cursor["Principal"] else {
        throw cursor.invalid(
          "\"Principal\" is missing",
          remedy: "name who may assume the role in \"Principal\"")
      }
      return PolicyStatement(
        effect: effect, sid: sid, index: index, location: cursor.path, actions: actions,
        resources: nil,
        principals: try StatementPrincipals.parse(principal, in: kind, warnings: &warnings),
        conditions: conditions)
    case .resource:
      let resources = try patternSet(
        cursor, key: "Resource", isCaseSensitive: true, readsPolicyVariables: readsPolicyVariables,
        patterns: patterns)
      var principals: StatementPrincipals?
      var excludedPrincipals: StatementPrincipals?
      switch (cursor["Principal"], cursor["NotPrincipal"]) {
      case (let named?, nil):
        principals = try StatementPrincipals.parse(named, in: kind, warnings: &warnings)
      case (nil, let excluded?):
        guard effect == .deny else {
          let message =
            "AWS supports \"NotPrincipal\" only with \"Effect\": \"Deny\"; the statement is "
            + "skipped and makes no edge"
          warnings.append(warning(cursor, message))
          return nil
        }
        excludedPrincipals = try StatementPrincipals.parse(excluded, in: kind, warnings: &warnings)
      case (.some, .some):
        throw cursor.invalid(
          "\"Principal\" and \"NotPrincipal\" are both present", remedy: "keep only one of them")
      case (nil, nil):
        throw cursor.invalid(
          "\"Principal\" is missing",
          remedy: "name who the statement applies to in \"Principal\" or \"NotPrincipal\"")
      }
      return PolicyStatement(
        effect: effect, sid: sid, index: index, location: cursor.path, actions: actions,
        resources: resources, principals: principals, conditions: conditions,
        excludedPrincipals: excludedPrincipals)
    }
  }

  /// Returns whether an action name contains the `:` that ends a service prefix.
  private static func hasServicePrefix(_ action: String) -> Bool {
    // Foundation's `contains(_:)` compares by canonical equivalence through NSString, at an
    // estimated thousands of instructions per call. A byte search gives the same result for
    // ASCII text only, because a `:` followed by a combining mark is no `:` Character.
    if action.utf8.allSatisfy({ $0 < 0x80 }) {
      return action.utf8.contains(UInt8(ascii: ":"))
    }
    return action.contains(":")
  }

  private static func parseEffect(_ cursor: JSONCursor) throws -> Effect {
    guard let member = cursor["Effect"] else {
      throw cursor.invalid("\"Effect\" is missing", remedy: "set it to \"Allow\" or \"Deny\"")
    }
    let text = try member.string()
    guard let effect = Effect(rawValue: text) else {
      throw member.invalid(
        "\"Effect\" is \"\(text)\", which is neither \"Allow\" nor \"Deny\"",
        remedy: "set it to \"Allow\" or \"Deny\"")
    }
    return effect
  }

  /// Reads `key` or `Not<key>`, exactly one of which must be present.
  private static func patternSet(
    _ cursor: JSONCursor, key: String, isCaseSensitive: Bool, readsPolicyVariables: Bool,
    patterns: WildcardPatternCache
  ) throws -> PatternSet {
    let negatedKey = "Not" + key
    let compile = { (texts: [String]) in
      texts.map {
        patterns.pattern(
          $0, isCaseSensitive: isCaseSensitive, readsPolicyVariables: readsPolicyVariables)
      }
    }
    switch (cursor[key], cursor[negatedKey]) {
    case (let listed?, nil):
      let texts = try listed.strings()
      guard !texts.isEmpty else {
        throw listed.invalid(
          "\"\(key)\" is an empty array, which IAM rejects as a malformed policy",
          remedy: "list at least one value, or remove the statement")
      }
      return .only(compile(texts))
    case (nil, let excluded?):
      return .allExcept(compile(try excluded.strings()))
    case (.some, .some):
      throw cursor.invalid(
        "\"\(key)\" and \"\(negatedKey)\" are both present", remedy: "keep only one of them")
    case (nil, nil):
      throw cursor.invalid(
        "\"\(key)\" is missing", remedy: "add \"\(key)\" or \"\(negatedKey)\"")
    }
  }

  /// Reads `Condition`: an object of operators, each an object of keys, each a value or an
  /// array of values. Booleans and numbers are kept as their text.
  private static func parseConditions(_ cursor: JSONCursor) throws -> [ConditionClause] {
    if cursor.isNull("Condition") {
      throw cursor.invalid(
        "\"Condition\" is null, which IAM rejects as a malformed policy",
        remedy: "remove \"Condition\" or write it as an object of operators")
    }
    guard let condition = cursor["Condition"] else { return [] }
    guard condition.isObject else {
      throw condition.invalid(
        "expected a \"Condition\" object, found \(condition.typeName)",
        remedy: "write the condition as an object of operators")
    }
    var clauses: [ConditionClause] = []
    if let operatorName = condition.nullKeys.first {
      throw condition.invalid(
        "the operator \"\(operatorName)\" is null, which IAM rejects as a malformed policy",
        remedy: "write it as an object of condition keys")
    }
    for (operatorName, keys) in try condition.members() {
      guard keys.isObject else {
        throw keys.invalid(
          "expected an object of condition keys under \"\(operatorName)\", found "
            + keys.typeName,
          remedy: "write it as {\"key\": \"value\"} or {\"key\": [\"value\", ...]}")
      }
      if let key = keys.nullKeys.first {
        throw keys.invalid(
          "the condition key \"\(key)\" has the value null, which IAM rejects as a "
            + "malformed policy",
          remedy: "write the value as a string or an array of strings")
      }
      for (key, value) in try keys.members() {
        let items = value.isArray ? try value.array() : [value]
        let values = try items.map { item -> String in
          guard let text = item.scalarText else {
            throw item.invalid(
              "expected a string, boolean or number as a condition value, found "
                + item.typeName,
              remedy: "write the value as a string")
          }
          return text
        }
        clauses.append(ConditionClause(operatorName: operatorName, key: key, values: values))
      }
    }
    return clauses
  }

  private static func warning(_ cursor: JSONCursor, _ message: String) -> ImportWarning {
    ImportWarning(file: cursor.file, location: cursor.path, message: message)
  }
}

/// The principals a trust or resource policy statement names, by kind.
struct StatementPrincipals: Sendable {
  /// AWS principals: `*`, account ids, account roots, user and role ARNs, session ARNs.
  var aws: [String] = []
  /// Service principals such as `lambda.amazonaws.com`.
  var services: [String] = []
  /// Identity providers: OIDC or SAML provider ARNs, or web identity providers such as
  /// `accounts.google.com`.
  var federated: [String] = []

  /// Parses a `Principal` or `NotPrincipal` value: the string `"*"`, or an object whose `AWS`,
  /// `Service` and `Federated` members each hold a string or an array of strings.
  ///
  /// - Parameter kind: The policy's kind, which decides how other members are reported.
  static func parse(
    _ cursor: JSONCursor, in kind: PolicyDocument.Kind, warnings: inout [ImportWarning]
  ) throws -> StatementPrincipals {
    if let text = cursor.value as? String {
      guard text == "*" else {
        throw cursor.invalid(
          "\"Principal\" is the string \"\(text)\"; only \"*\" may be written without a key",
          remedy: "write it as {\"AWS\": \"\(text)\"} or as the key its kind needs")
      }
      return StatementPrincipals(aws: ["*"])
    }
    var principals = StatementPrincipals()
    for (key, value) in try cursor.members() {
      switch key {
      case "AWS": principals.aws = try value.strings()
      case "Service": principals.services = try value.strings()
      case "Federated": principals.federated = try value.strings()
      default:
        let message =
          kind == .trust
          ? "principals of kind \"\(key)\" cannot assume a role; they are ignored"
          : "principals of kind \"\(key)\" are not resolved to nodes; they are ignored"
        warnings.append(ImportWarning(file: value.file, location: value.path, message: message))
      }
    }
    return principals
  }
}
