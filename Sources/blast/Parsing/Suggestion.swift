/// Picks the known name a mistyped one was probably meant to be, for "did you mean" hints.
enum Suggestion {
  /// Returns the candidate closest to `text`: one that `text` begins, or one within a small
  /// edit distance (1 for names of up to four characters, 2 for longer ones).
  ///
  /// - Returns: The closest candidate, the earliest one on a tie, or nil when none is close.
  /// - Complexity: O(c·n·m) for c candidates of length m and a `text` of length n.
  static func closest(to text: String, among candidates: [String]) -> String? {
    if text.count >= 3, let extended = candidates.first(where: { $0.hasPrefix(text) }) {
      return extended
    }
    let limit = text.count <= 4 ? 1 : 2
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
      let distance = editDistance(Array(text), Array(candidate))
      if distance <= limit && distance < (best?.distance ?? Int.max) {
        best = (candidate, distance)
      }
    }
    return best?.candidate
  }

  /// The Levenshtein distance: the fewest insertions, deletions and substitutions that turn
  /// `source` into `target`, computed row by row with the Wagner–Fischer method.
  static func editDistance(_ source: [Character], _ target: [Character]) -> Int {
    var previous = Array(0...target.count)
    var current = previous
    for (row, sourceCharacter) in source.enumerated() {
      current[0] = row + 1
      for (column, targetCharacter) in target.enumerated() {
        let substitution = previous[column] + (sourceCharacter == targetCharacter ? 0 : 1)
        current[column + 1] = min(substitution, previous[column + 1] + 1, current[column] + 1)
      }
      swap(&previous, &current)
    }
    return previous[target.count]
  }
}
