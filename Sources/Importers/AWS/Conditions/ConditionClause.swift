/// One operator and key of a policy statement's `Condition` block, such as
/// `"StringEquals": {"aws:PrincipalTag/team": ["platform", "sre"]}`.
///
/// A statement applies only when every clause holds. Within a clause, a request value
/// matches when it matches any of the listed values. Negated operators such as
/// `StringNotEquals` hold when no listed value matches.
struct ConditionClause: Hashable, Sendable {
  /// The operator as written, such as `ForAnyValue:StringLikeIfExists`.
  let operatorName: String
  /// The condition key as written, such as `aws:PrincipalTag/team`.
  let key: String
  /// The listed values, with booleans and numbers written as text.
  let values: [String]
  /// The operator without its `ForAnyValue:` or `ForAllValues:` prefix and `IfExists`
  /// suffix, worked out once because the clause is evaluated for every principal.
  private let baseOperator: String

  init(operatorName: String, key: String, values: [String]) {
    self.operatorName = operatorName
    self.key = key
    self.values = values
    var name = operatorName
    if let colon = name.firstIndex(of: ":") { name = String(name[name.index(after: colon)...]) }
    if name.hasSuffix("IfExists") { name = String(name.dropLast("IfExists".count)) }
    baseOperator = name
  }

  /// The outcome of a clause, a statement's conditions, or a comparison, when some request
  /// values are not known.
  enum Outcome: Sendable {
    case holds
    case fails
    case unknown
  }

  private var isForAllValues: Bool { operatorName.hasPrefix("ForAllValues:") }
  private var isForAnyValue: Bool { operatorName.hasPrefix("ForAnyValue:") }
  private var isIfExists: Bool { operatorName.hasSuffix("IfExists") }

  /// Whether the operator holds when no listed value matches, as `StringNotEquals` does.
  private var isNegated: Bool { Self.negatedOperators.contains(baseOperator) }

  private static let negatedOperators: Set<String> = [
    "StringNotEquals", "StringNotEqualsIgnoreCase", "StringNotLike", "ArnNotEquals",
    "ArnNotLike", "NumericNotEquals", "DateNotEquals", "NotIpAddress",
  ]

  /// Evaluates the clause against what is known of the request.
  ///
  /// A key whose value is unknown, an operator this importer does not compare (numeric, date,
  /// IP address and binary operators), or a listed value with a policy variable gives
  /// `unknown`. A key known to be absent follows IAM: `...IfExists` and negated operators
  /// hold, `ForAllValues` holds, `Null` compares against `true`, and every other operator
  /// fails.
  ///
  /// - Complexity: O(v · r · n) for v listed values, r request values and values of length n.
  func evaluate(in context: RequestContext) -> Outcome {
    guard let known = context.value(of: key) else { return .unknown }
    if baseOperator == "Null" {
      guard let expected = values.first?.lowercased(), values.count == 1,
        expected == "true" || expected == "false"
      else { return .unknown }
      let isAbsent = known.isEmpty
      return (expected == "true") == isAbsent ? .holds : .fails
    }
    guard let compare = comparison else { return .unknown }
    if values.contains(where: { $0.contains(utf8: "${") }) { return .unknown }
    if known.isEmpty {
      if isIfExists || isNegated || isForAllValues { return .holds }
      return .fails
    }
    let matches = { (requestValue: String) in self.values.contains { compare(requestValue, $0) } }
    let matched: Bool
    if isForAllValues {
      matched = known.allSatisfy(matches)
    } else {
      // A single-valued key has one request value, and `ForAnyValue` needs one match.
      matched = known.contains(where: matches)
    }
    if isNegated { return matched ? .fails : .holds }
    return matched ? .holds : .fails
  }

  /// The comparison of one request value with one listed value, or nil for an operator that
  /// is not compared here.
  private var comparison: ((String, String) -> Bool)? {
    switch baseOperator {
    case "StringEquals", "StringNotEquals", "ArnEquals", "ArnNotEquals":
      return { $0 == $1 }
    case "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase":
      return { $0.lowercased() == $1.lowercased() }
    case "StringLike", "StringNotLike", "ArnLike", "ArnNotLike":
      // IAM compares the segments of an ARN one by one for the Arn operators only.
      let comparesARNSegments = baseOperator.hasPrefix("Arn")
      return { value, pattern in
        WildcardPattern(
          pattern, isCaseSensitive: true, readsPolicyVariables: false,
          comparesARNSegments: comparesARNSegments
        ).matches(value)
      }
    case "Bool":
      return { $0.lowercased() == $1.lowercased() }
    default:
      return nil
    }
  }
}

extension ConditionClause.Outcome {
  /// Combines the outcomes of clauses that must all hold.
  static func all(_ outcomes: [Self]) -> Self {
    if outcomes.contains(where: { $0 == .fails }) { return .fails }
    if outcomes.contains(where: { $0 == .unknown }) { return .unknown }
    return .holds
  }
}
