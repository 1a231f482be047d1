/// Finds the word a typo most likely meant, for "did you mean" hints in messages.
enum InventorySuggestion {
  /// Words people write for a section, mapped to the section that holds such entries.
  static let sectionSynonyms: [String: String] = [
    "users": "people", "humans": "people", "persons": "people", "employees": "people",
    "servers": "workloads", "hosts": "workloads", "systems": "workloads",
    "machines": "workloads", "services": "workloads", "apps": "applications",
    "accounts": "serviceAccounts", "identities": "serviceAccounts",
    "serviceIdentities": "serviceAccounts", "roles": "serviceAccounts",
    "credentials": "secrets", "keys": "secrets", "databases": "resources",
    "vaults": "resources",
  ]

  /// Returns the candidate closest to `word`, if one is close enough to be a likely typo.
  ///
  /// A candidate that differs only in letter case wins; otherwise the closest candidate
  /// by Levenshtein distance, if that distance is at most a third of the word's length.
  ///
  /// - Complexity: O(c · n · m), where c counts candidates and n and m are word lengths.
  static func closest(to word: String, among candidates: [String]) -> String? {
    let lowered = word.lowercased()
    if let sameLetters = candidates.first(where: { $0.lowercased() == lowered }) {
      return sameLetters
    }
    let limit = max(1, word.count / 3)
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
      let distance = editDistance(lowered, candidate.lowercased())
      if distance <= limit && distance < (best?.distance ?? Int.max) {
        best = (candidate, distance)
      }
    }
    return best?.candidate
  }

  /// The Levenshtein distance: the fewest insertions, deletions and substitutions of one
  /// character that turn `a` into `b`.
  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var previous = Array(0...b.count)
    var current = previous
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
        current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }

  /// Returns `advice`, opened by `did you mean "x"?` when a candidate is close to `word`.
  static func remedy(
    for word: String, among candidates: [String], synonyms: [String: String] = [:],
    advice: String
  ) -> String {
    guard let suggestion = synonyms[word] ?? closest(to: word, among: candidates) else {
      return advice
    }
    return "did you mean \"\(suggestion)\"? " + advice.prefix(1).uppercased() + advice.dropFirst()
  }
}
