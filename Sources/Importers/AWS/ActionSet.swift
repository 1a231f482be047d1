/// The actions an edge grants: every action that an included pattern matches and no excluded
/// pattern matches.
///
/// IAM names actions by pattern and this importer has no catalog of every AWS action, so
/// the set is stored as patterns. An Allow with `Action` starts as its patterns with nothing
/// excluded. An Allow with `NotAction` starts as `*` less its patterns. A Deny then takes
/// actions away (see `subtracting(_:)`).
///
/// On an edge the set is written as the included patterns, then each excluded one prefixed
/// with `!`: `["*", "!iam:*"]` grants every action except those of IAM.
struct ActionSet: Hashable, Sendable {
  private(set) var included: [WildcardPattern]
  private(set) var excluded: [WildcardPattern]

  static let everyAction = WildcardPattern("*", isCaseSensitive: false)
  /// Every action name has the form `service:action`, so this pattern stands for all of them.
  private static let everyServiceAction = WildcardPattern("*:*", isCaseSensitive: false)

  init(included: [WildcardPattern], excluded: [WildcardPattern] = []) {
    self.included = included
    self.excluded = excluded
  }

  /// Creates the set of actions that a statement's `Action` or `NotAction` element names.
  init(_ statementActions: PatternSet) {
    switch statementActions {
    case .only(let patterns): self.init(included: patterns)
    case .allExcept(let patterns): self.init(included: [Self.everyAction], excluded: patterns)
    }
  }

  var isEmpty: Bool { included.isEmpty }

  /// Whether the set contains every action: some included pattern covers `*:*` and nothing
  /// is excluded.
  var isEveryAction: Bool {
    excluded.isEmpty && included.contains { $0.covers(Self.everyServiceAction) }
  }

  /// The actions as an edge lists them: included patterns, then excluded ones after `!`.
  var edgeActions: [String] {
    included.map(\.text) + excluded.map { "!" + $0.text }
  }

  /// Returns whether the set contains the one action `action`, such as `sts:AssumeRole`.
  func contains(_ action: String) -> Bool {
    included.contains { $0.matches(action) } && !excluded.contains { $0.matches(action) }
  }

  /// Returns the part of the set that can apply to a resource of one service, such as `s3`.
  ///
  /// - Parameter service: A pattern `service:*` for the resource's service.
  func restricted(to service: WildcardPattern) -> ActionSet {
    ActionSet(
      included: included.filter { $0.overlaps(service) },
      excluded: excluded.filter { $0.overlaps(service) })
  }

  /// Returns whether some included pattern can name an action of one service, such as `s3`:
  /// whether `restricted(to:)` with the same pattern is not empty.
  ///
  /// - Parameter service: A pattern `service:*` for the service.
  func includesActions(of service: WildcardPattern) -> Bool {
    included.contains { $0.overlaps(service) }
  }

  /// Returns whether the set and a Deny's actions share some action.
  ///
  /// Exclusions are ignored, so the result may be true when only excluded actions are
  /// shared. That errs towards marking an edge conditional, never towards dropping it.
  func overlaps(_ denied: PatternSet) -> Bool {
    denied.overlaps(included)
  }

  /// Returns the set less the actions a Deny names.
  ///
  /// For a Deny with `Action`, an included pattern that a denied pattern covers is dropped,
  /// and each denied pattern that still shares actions with what is left becomes an
  /// exclusion: `s3:*` less `s3:Delete*` is `["s3:*", "!s3:Delete*"]`. For a Deny with
  /// `NotAction` only the actions it leaves out survive: an included pattern stays when a
  /// left-out pattern covers it, and a left-out pattern that the included one covers takes
  /// its place. When the two only partly overlap, the included pattern stays whole, so the
  /// edge may list more than the Deny leaves.
  ///
  /// - Complexity: O(i · d · n²), where i counts included and excluded patterns, d counts the
  ///   Deny's patterns, and n is the length of the longest pattern.
  func subtracting(_ denied: PatternSet) -> ActionSet {
    switch denied {
    case .only(let deniedPatterns):
      let kept = included.filter { pattern in !deniedPatterns.contains { $0.covers(pattern) } }
      var exclusions = excluded
      for pattern in deniedPatterns where kept.contains(where: { $0.overlaps(pattern) }) {
        if !exclusions.contains(where: { $0.covers(pattern) }) {
          exclusions.append(pattern)
        }
      }
      return ActionSet(included: kept, excluded: kept.isEmpty ? [] : exclusions)
    case .allExcept(let spared):
      var kept: [WildcardPattern] = []
      for pattern in included {
        for survivor in spared where survivor.overlaps(pattern) {
          let narrower = pattern.covers(survivor) ? survivor : pattern
          if !kept.contains(narrower) { kept.append(narrower) }
        }
      }
      let exclusions = excluded.filter { exclusion in kept.contains { $0.overlaps(exclusion) } }
      return ActionSet(included: kept, excluded: exclusions)
    }
  }

  /// Returns the part of the set that a permissions boundary statement's actions also name.
  ///
  /// For a boundary with `Action`, an included pattern stays when a boundary pattern covers
  /// it, and a boundary pattern that it covers takes its place: `*` within `s3:*` is `s3:*`.
  /// A boundary pattern that overlaps it only in part keeps nothing, so the edge may list
  /// fewer actions than the boundary leaves. A boundary with `NotAction` takes its patterns
  /// away as a Deny would.
  ///
  /// - Complexity: O(i · b · n²), where i counts included and excluded patterns, b counts the
  ///   boundary's patterns, and n is the length of the longest pattern.
  func intersection(with allowed: PatternSet) -> ActionSet {
    switch allowed {
    case .allExcept(let patterns):
      return subtracting(.only(patterns))
    case .only(let allowedPatterns):
      var kept: [WildcardPattern] = []
      for pattern in included {
        if allowedPatterns.contains(where: { $0.covers(pattern) }) {
          if !kept.contains(pattern) { kept.append(pattern) }
          continue
        }
        for narrower in allowedPatterns where pattern.covers(narrower) {
          if !kept.contains(narrower) { kept.append(narrower) }
        }
      }
      kept.removeAll { pattern in excluded.contains { $0.covers(pattern) } }
      let exclusions = excluded.filter { exclusion in kept.contains { $0.overlaps(exclusion) } }
      return ActionSet(included: kept, excluded: exclusions)
    }
  }

  /// Returns the actions in either set.
  ///
  /// An exclusion of one set is kept only when the other set grants none of its actions or
  /// excludes them too. Otherwise it is dropped, so the result may list more than the two
  /// sets hold together, never less.
  func union(_ other: ActionSet) -> ActionSet {
    if isEmpty { return other }
    if other.isEmpty { return self }
    var joined = included
    for pattern in other.included where !joined.contains(where: { $0.covers(pattern) }) {
      joined.removeAll { pattern.covers($0) }
      joined.append(pattern)
    }
    func keeps(_ exclusion: WildcardPattern, against set: ActionSet) -> Bool {
      !set.included.contains { $0.overlaps(exclusion) }
        || set.excluded.contains { $0.covers(exclusion) }
    }
    var exclusions = excluded.filter { keeps($0, against: other) }
    for exclusion in other.excluded
    where keeps(exclusion, against: self) && !exclusions.contains(exclusion) {
      exclusions.append(exclusion)
    }
    return ActionSet(included: joined, excluded: exclusions)
  }
}
