/// Matching of action names against patterns such as `s3:Get*` or `iam:?assRole`.
public enum ActionPattern {
  /// Returns whether `pattern` matches `action`, where `*` matches any run of characters and `?`
  /// matches one, ignoring case as AWS, Azure and GCP do for action names.
  ///
  /// - Complexity: O(p·a) in the worst case, where p and a are the lengths.
  ///
  /// Azure data actions carry the prefix `data:` in edge lists and queries, and a pattern
  /// with the prefix matches only actions with it, and the other way round, so that a
  /// management `*` does not match a data action.
  public static func matches(_ pattern: String, _ action: String) -> Bool {
    guard pattern.hasPrefix(dataPrefix) == action.hasPrefix(dataPrefix) else { return false }
    return Wildcard.matches(Array(pattern.lowercased().utf8), Array(action.lowercased().utf8))
  }

  /// The prefix that marks an Azure data action, such as
  /// `data:Microsoft.KeyVault/vaults/secrets/getSecret/action`.
  public static let dataPrefix = "data:"
}

extension ActionPattern {
  /// Returns whether an edge whose action list is `actions` allows `action`.
  ///
  /// Patterns with a leading `!` are exclusions, as importers write what a Deny or a
  /// `NotAction` removes: `["*", "!iam:*"]` allows every action outside IAM. An empty list
  /// means the input named no actions, so it allows any.
  public static func allows(_ actions: [String], _ action: String) -> Bool {
    guard !actions.isEmpty else { return true }
    var isIncluded = false
    for pattern in actions {
      if pattern.hasPrefix("!") {
        if matches(String(pattern.dropFirst()), action) { return false }
      } else if !isIncluded && matches(pattern, action) {
        isIncluded = true
      }
    }
    return isIncluded
  }
}

/// Glob matching with `*` and `?` over bytes.
enum Wildcard {
  /// Iterative matching with one backtrack point for the last `*`, which is linear for
  /// patterns with a single star and O(p·a) otherwise.
  static func matches(_ pattern: [UInt8], _ text: [UInt8]) -> Bool {
    let star = UInt8(ascii: "*")
    let any = UInt8(ascii: "?")
    var p = 0
    var t = 0
    var starAt = -1
    var resumeAt = 0
    while t < text.count {
      if p < pattern.count && (pattern[p] == any || pattern[p] == text[t]) {
        p += 1
        t += 1
      } else if p < pattern.count && pattern[p] == star {
        starAt = p
        resumeAt = t
        p += 1
      } else if starAt >= 0 {
        p = starAt + 1
        resumeAt += 1
        t = resumeAt
      } else {
        return false
      }
    }
    while p < pattern.count && pattern[p] == star {
      p += 1
    }
    return p == pattern.count
  }
}
