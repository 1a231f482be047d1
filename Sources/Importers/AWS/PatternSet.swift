/// The actions or resources one policy statement names: `Action` or `Resource` list the
/// patterns that apply, `NotAction` or `NotResource` list the ones that do not.
///
/// Every comparison with an area of resources reads ARN patterns segment by segment, as
/// `WildcardPattern` describes, so a `*` in a region or account never reaches past it.
enum PatternSet: Hashable, Sendable {
  /// Everything some pattern matches.
  case only([WildcardPattern])
  /// Everything no pattern matches.
  case allExcept([WildcardPattern])

  /// Returns whether the set contains `value`.
  ///
  /// - Complexity: O(p · n) in the worst case, where p is the number of patterns and n the
  ///   length of the longest pattern or value.
  func contains(_ value: String) -> Bool {
    switch self {
    case .only(let patterns): patterns.contains { $0.matches(value) }
    case .allExcept(let patterns): !patterns.contains { $0.matches(value) }
    }
  }

  /// Returns whether the set contains every string that some pattern in `area` matches.
  ///
  /// For `NotAction` or `NotResource` the result is true only when no excluded pattern
  /// overlaps the area. Both forms may return false for an area that is in fact contained,
  /// as `WildcardPattern.covers(_:)` explains, so a caller that removes grants on a true
  /// result never removes too much.
  ///
  /// - Complexity: O(p · a · n²), where p and a count the patterns here and in `area` and n is
  ///   the length of the longest pattern.
  func covers(_ area: [WildcardPattern]) -> Bool {
    switch self {
    case .only(let patterns):
      area.allSatisfy { part in patterns.contains { $0.covers(part) } }
    case .allExcept(let excluded):
      !area.contains { part in excluded.contains { $0.overlaps(part) } }
    }
  }

  /// Returns whether the set contains some string that a pattern in `area` matches.
  ///
  /// For `NotAction` or `NotResource` the result is false only when an excluded pattern
  /// covers each part of the area, so it may be true for an area that the excluded patterns
  /// cover only together.
  ///
  /// - Complexity: O(p · a · n²), with p, a and n as for `covers(_:)`.
  func overlaps(_ area: [WildcardPattern]) -> Bool {
    switch self {
    case .only(let patterns):
      area.contains { part in patterns.contains { $0.overlaps(part) } }
    case .allExcept(let excluded):
      area.contains { part in !excluded.contains { $0.covers(part) } }
    }
  }

  /// Returns the part of `area` inside this set, as patterns that match at least that part.
  ///
  /// Each returned pattern is the narrower of a pattern here and a part of the area when one
  /// contains the other, and the area's part otherwise. For `NotResource` it is each part
  /// of the area that the excluded patterns do not cover. The result is empty when the set
  /// and the area share nothing.
  ///
  /// - Complexity: O(p · a · n²), with p, a and n as for `covers(_:)`.
  func intersection(with area: [WildcardPattern]) -> [WildcardPattern] {
    var result: [WildcardPattern] = []
    switch self {
    case .only(let patterns) where !patterns.isEmpty && patterns.allSatisfy(\.matchesEverything):
      // `Resource: "*"` overlaps every part and is never the narrower one.
      for part in area where !result.contains(part) {
        result.append(part)
      }
    case .only(let patterns):
      for part in area {
        for pattern in patterns where pattern.overlaps(part) {
          let narrower = !pattern.matchesEverything && part.covers(pattern) ? pattern : part
          if !result.contains(narrower) { result.append(narrower) }
        }
      }
    case .allExcept(let excluded):
      for part in area where !excluded.contains(where: { $0.covers(part) }) {
        if !result.contains(part) { result.append(part) }
      }
    }
    return result
  }

  var patterns: [WildcardPattern] {
    switch self {
    case .only(let patterns), .allExcept(let patterns): patterns
    }
  }

  /// Whether a policy variable appears in any pattern.
  var hasPolicyVariable: Bool {
    patterns.contains(where: \.hasPolicyVariable)
  }
}
