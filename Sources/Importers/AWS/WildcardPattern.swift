/// An action or resource pattern from an IAM policy, in which `*` matches any run of
/// characters and `?` matches exactly one.
///
/// Action patterns compare case-insensitively and ARN patterns case-sensitively, as IAM
/// does. A policy variable such as `${aws:username}` stands for a value known only at request
/// time, so the pattern reads it as `*` and records that it had one. The escapes `${*}`,
/// `${?}` and `${$}` stand for the literal characters.
struct WildcardPattern: Hashable, Sendable, CustomStringConvertible {
  enum Token: Hashable, Sendable {
    case character(Unicode.Scalar)
    case anyCharacter
    case anyRun
  }

  /// The pattern as the policy spells it.
  let text: String
  let tokens: [Token]
  let isCaseSensitive: Bool
  /// Whether the pattern contained a policy variable, read here as `*`.
  let hasPolicyVariable: Bool
  /// The tokens as ASCII bytes, with -1 for `*` and -2 for `?`, or nil when some character
  /// is not ASCII. It lets `matches(_:)` compare UTF-8 bytes in place.
  private let asciiTokens: [Int16]?

  /// Compiles `text`.
  ///
  /// - Parameters:
  ///   - text: The pattern as written in the policy.
  ///   - isCaseSensitive: False for action names, true for ARNs.
  ///   - readsPolicyVariables: Whether `${...}` is a policy variable; true for documents of
  ///     version `2012-10-17`, where IAM substitutes them, and false for older documents.
  init(_ text: String, isCaseSensitive: Bool, readsPolicyVariables: Bool = true) {
    self.text = text
    self.isCaseSensitive = isCaseSensitive
    var tokens: [Token] = []
    var hasVariable = false
    let scalars = Array(text.unicodeScalars)
    var index = 0
    while index < scalars.count {
      let scalar = scalars[index]
      if readsPolicyVariables, scalar == "$", index + 1 < scalars.count,
        scalars[index + 1] == "{",
        let close = scalars[(index + 2)...].firstIndex(of: "}")
      {
        let name = String(String.UnicodeScalarView(scalars[(index + 2)..<close]))
        switch name {
        case "*": tokens.append(.character("*"))
        case "?": tokens.append(.character("?"))
        case "$": tokens.append(.character("$"))
        default:
          hasVariable = true
          if tokens.last != .anyRun { tokens.append(.anyRun) }
        }
        index = close + 1
        continue
      }
      switch scalar {
      case "*":
        if tokens.last != .anyRun { tokens.append(.anyRun) }
      case "?":
        tokens.append(.anyCharacter)
      default:
        tokens.append(.character(isCaseSensitive ? scalar : Self.folded(scalar)))
      }
      index += 1
    }
    self.tokens = tokens
    self.hasPolicyVariable = hasVariable
    self.asciiTokens = Self.asciiForm(of: tokens)
  }

  /// Creates a case-sensitive pattern that matches `text` character for character, followed
  /// by `*` when `followedByAnyRun` is true. Known resources' ARNs are read this way, because
  /// they are names, not patterns.
  init(literal text: String, followedByAnyRun: Bool = false) {
    self.text = followedByAnyRun ? text + "*" : text
    self.isCaseSensitive = true
    self.hasPolicyVariable = false
    var tokens = text.unicodeScalars.map(Token.character)
    if followedByAnyRun { tokens.append(.anyRun) }
    self.tokens = tokens
    self.asciiTokens = Self.asciiForm(of: tokens)
  }

  private static func asciiForm(of tokens: [Token]) -> [Int16]? {
    var bytes: [Int16] = []
    bytes.reserveCapacity(tokens.count)
    for token in tokens {
      switch token {
      case .anyRun: bytes.append(-1)
      case .anyCharacter: bytes.append(-2)
      case .character(let scalar):
        guard scalar.isASCII else { return nil }
        bytes.append(Int16(scalar.value))
      }
    }
    return bytes
  }

  var description: String { text }

  /// Whether the pattern matches exactly one string: it has no wildcard and no variable.
  var isSpecific: Bool {
    tokens.allSatisfy { if case .character = $0 { true } else { false } }
  }

  /// The characters before the first wildcard, case-folded when the pattern is not
  /// case-sensitive.
  var literalPrefix: String {
    var prefix = String.UnicodeScalarView()
    for token in tokens {
      guard case .character(let scalar) = token else { break }
      prefix.append(scalar)
    }
    return String(prefix)
  }

  /// Returns whether `value` matches the pattern.
  ///
  /// Greedy matching that backtracks to the last `*`.
  ///
  /// - Complexity: O(n · m) time in the worst case and O(n) extra space, where n and m are
  ///   the lengths of the pattern and of `value`; O(n + m) for patterns with one `*`.
  func matches(_ value: String) -> Bool {
    if matchesEverything { return true }
    if let asciiTokens,
      let result = value.utf8.withContiguousStorageIfAvailable({
        Self.matchesASCII($0, asciiTokens, foldsCase: !isCaseSensitive)
      }), let result
    {
      return result
    }
    let characters = value.unicodeScalars.map { isCaseSensitive ? $0 : Self.folded($0) }
    var patternIndex = 0
    var valueIndex = 0
    var starIndex = -1
    var starValueIndex = 0
    while valueIndex < characters.count {
      if patternIndex < tokens.count {
        switch tokens[patternIndex] {
        case .anyRun:
          starIndex = patternIndex
          starValueIndex = valueIndex
          patternIndex += 1
          continue
        case .anyCharacter:
          patternIndex += 1
          valueIndex += 1
          continue
        case .character(let scalar) where scalar == characters[valueIndex]:
          patternIndex += 1
          valueIndex += 1
          continue
        case .character:
          break
        }
      }
      guard starIndex >= 0 else { return false }
      starValueIndex += 1
      valueIndex = starValueIndex
      patternIndex = starIndex + 1
    }
    while patternIndex < tokens.count, tokens[patternIndex] == .anyRun {
      patternIndex += 1
    }
    return patternIndex == tokens.count
  }

  /// Matches UTF-8 bytes against ASCII tokens with the same backtracking as `matches(_:)`,
  /// without copying the value.
  ///
  /// - Returns: The result, or nil when the value is not all ASCII, so that `?` can stand
  ///   for one whole scalar only on the general path.
  private static func matchesASCII(
    _ bytes: UnsafeBufferPointer<UInt8>, _ tokens: [Int16], foldsCase: Bool
  ) -> Bool? {
    if bytes.contains(where: { $0 >= 0x80 }) { return nil }
    func byte(at index: Int) -> Int16 {
      let value = bytes[index]
      if foldsCase, value >= 0x41, value <= 0x5A { return Int16(value | 0x20) }
      return Int16(value)
    }
    var patternIndex = 0
    var valueIndex = 0
    var starIndex = -1
    var starValueIndex = 0
    while valueIndex < bytes.count {
      if patternIndex < tokens.count {
        let token = tokens[patternIndex]
        if token == -1 {
          starIndex = patternIndex
          starValueIndex = valueIndex
          patternIndex += 1
          continue
        }
        if token == -2 || token == byte(at: valueIndex) {
          patternIndex += 1
          valueIndex += 1
          continue
        }
      }
      guard starIndex >= 0 else { return false }
      starValueIndex += 1
      valueIndex = starValueIndex
      patternIndex = starIndex + 1
    }
    while patternIndex < tokens.count, tokens[patternIndex] == -1 {
      patternIndex += 1
    }
    return patternIndex == tokens.count
  }

  /// Whether the pattern is `*` alone, which matches every string.
  var matchesEverything: Bool { tokens.count == 1 && tokens[0] == .anyRun }

  /// Returns whether some string matches both this pattern and `other`.
  ///
  /// Dynamic programming over pairs of positions: a `*` on either side may match nothing
  /// or take one more character that the other side produces, and two single characters
  /// agree when they are equal or either is `?`. The result is exact.
  ///
  /// - Complexity: O(n · m) time and O(m) extra space, where n and m are the two patterns'
  ///   lengths.
  func overlaps(_ other: WildcardPattern) -> Bool {
    if matchesEverything || other.matchesEverything { return true }
    let left = tokens
    let right = other.tokens
    var row = [Bool](repeating: false, count: right.count + 1)
    var next = row
    row[0] = true
    for i in 0...left.count {
      for j in 0...right.count where row[j] {
        let leftToken = i < left.count ? left[i] : nil
        let rightToken = j < right.count ? right[j] : nil
        if leftToken == .anyRun {
          next[j] = true
          if let rightToken, rightToken != .anyRun { row[j + 1] = true }
        }
        if rightToken == .anyRun {
          row[j + 1] = true
          if let leftToken, leftToken != .anyRun { next[j] = true }
        }
        if let leftToken, let rightToken, Self.agree(leftToken, rightToken) {
          next[j + 1] = true
        }
      }
      if i == left.count { return row[right.count] }
      swap(&row, &next)
      for j in next.indices { next[j] = false }
    }
    return false
  }

  /// Returns whether every string that `other` matches also matches this pattern.
  ///
  /// Dynamic programming over pairs of positions, in which a `*` here may absorb any token
  /// of `other`, a `?` here absorbs one character or `?`, and a character here needs the
  /// same character. When it returns true the inclusion holds. A few unusual pairs whose
  /// languages are equal but whose tokens do not line up, such as `a?*` and `a*?`, return
  /// false, which callers treat as "not covered".
  ///
  /// - Complexity: O(n · m) time and O(m) extra space, where n and m are the two patterns'
  ///   lengths.
  func covers(_ other: WildcardPattern) -> Bool {
    if matchesEverything { return true }
    let outer = tokens
    let inner = other.tokens
    var row = [Bool](repeating: false, count: inner.count + 1)
    var next = row
    row[0] = true
    for i in 0...outer.count {
      for j in 0...inner.count where row[j] {
        guard i < outer.count else { continue }
        switch outer[i] {
        case .anyRun:
          next[j] = true
          if j < inner.count { row[j + 1] = true }
        case .anyCharacter:
          if j < inner.count, inner[j] != .anyRun { next[j + 1] = true }
        case .character(let scalar):
          if j < inner.count, inner[j] == .character(scalar) { next[j + 1] = true }
        }
      }
      if i == outer.count { return row[inner.count] }
      swap(&row, &next)
      for j in next.indices { next[j] = false }
    }
    return false
  }

  private static func agree(_ left: Token, _ right: Token) -> Bool {
    switch (left, right) {
    case (.anyRun, _), (_, .anyRun): false
    case (.anyCharacter, _), (_, .anyCharacter): true
    case (.character(let a), .character(let b)): a == b
    }
  }

  /// Folds ASCII letters to lower case; IAM action names are ASCII.
  private static func folded(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
    if scalar.value >= 65 && scalar.value <= 90 {
      return Unicode.Scalar(scalar.value + 32)!
    }
    return scalar
  }
}
