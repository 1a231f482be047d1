/// An action or resource pattern from an IAM policy, in which `*` matches any run of
/// characters and `?` matches exactly one.
///
/// Action patterns compare case-insensitively and ARN patterns case-sensitively, as IAM
/// does. A policy variable such as `${aws:username}` stands for a value known only at request
/// time, so the pattern reads it as `*` and records that it had one. The escapes `${*}`,
/// `${?}` and `${$}` stand for the literal characters.
///
/// IAM compares the partition, service, region and account segments of an ARN one by one
/// (IAM User Guide, "IAM JSON policy elements: Resource"), so the `*` of
/// `arn:aws:dynamodb:*:111122223333:table/orders` matches a region name and never spans the
/// colons after it. A case-sensitive pattern that starts with `arn:` and has six
/// colon-separated segments is read that way: a `*` or `?` before the colon that ends the
/// account matches no colon (see `segmentedPrefixLength`). The resource segment, the last,
/// may contain colons. A pattern of fewer segments, such as `*` or `arn:aws:glue:*`, ends in
/// a `*` that spans colons, as IAM lets it.
struct WildcardPattern: Hashable, Sendable, CustomStringConvertible {
  enum Token: Hashable, Sendable {
    case character(Unicode.Scalar)
    case anyCharacter
    case anyRun
  }

  /// The compiled pattern in one object, so that copying a pattern, which policy checks do
  /// for every statement they look at, retains one reference instead of three.
  private final class Storage: Sendable {
    let text: String
    let tokens: [Token]
    let isCaseSensitive: Bool
    let hasPolicyVariable: Bool
    let segmentedPrefixLength: Int
    let asciiTokens: [Int16]?
    /// The number of character tokens before the first wildcard.
    let leadingLiteralCount: Int
    /// The number of character tokens after the last wildcard, or all tokens when there is
    /// no wildcard.
    let trailingLiteralCount: Int
    /// The hash value of `text`, worked out once because patterns are keys of the caches
    /// of statement reach and pass-role decisions.
    let textHash: Int

    init(
      text: String, tokens: [Token], isCaseSensitive: Bool, hasPolicyVariable: Bool,
      segmentedPrefixLength: Int
    ) {
      self.text = text
      self.tokens = tokens
      self.isCaseSensitive = isCaseSensitive
      self.hasPolicyVariable = hasPolicyVariable
      self.segmentedPrefixLength = segmentedPrefixLength
      self.asciiTokens = WildcardPattern.asciiForm(of: tokens)
      self.textHash = text.hashValue
      let isWildcard = { (token: Token) -> Bool in
        if case .character = token { false } else { true }
      }
      self.leadingLiteralCount = tokens.firstIndex(where: isWildcard) ?? tokens.count
      self.trailingLiteralCount =
        tokens.count - (tokens.lastIndex(where: isWildcard).map { $0 + 1 } ?? 0)
    }
  }

  private let storage: Storage

  /// The pattern as the policy spells it.
  var text: String { storage.text }
  var tokens: [Token] { storage.tokens }
  var isCaseSensitive: Bool { storage.isCaseSensitive }
  /// Whether the pattern contained a policy variable, read here as `*`.
  var hasPolicyVariable: Bool { storage.hasPolicyVariable }
  /// The number of leading tokens, from `arn:` through the colon after the account, in which
  /// a `*` or `?` matches no colon; 0 when the pattern is not compared segment by segment.
  ///
  /// It is 0 for a pattern with a policy variable before that colon too, because the
  /// variable's value may hold a colon.
  var segmentedPrefixLength: Int { storage.segmentedPrefixLength }
  /// The tokens as ASCII bytes, with -1 for `*` and -2 for `?`, or nil when some character
  /// is not ASCII. It lets `matches(_:)` compare UTF-8 bytes in place.
  private var asciiTokens: [Int16]? { storage.asciiTokens }

  static func == (lhs: WildcardPattern, rhs: WildcardPattern) -> Bool {
    if lhs.storage === rhs.storage { return true }
    return lhs.text == rhs.text && lhs.tokens == rhs.tokens
      && lhs.isCaseSensitive == rhs.isCaseSensitive
      && lhs.hasPolicyVariable == rhs.hasPolicyVariable
      && lhs.segmentedPrefixLength == rhs.segmentedPrefixLength
  }

  /// Hashes the text and flags only, because equal texts with equal flags almost always
  /// have equal tokens.
  func hash(into hasher: inout Hasher) {
    hasher.combine(storage.textHash)
    hasher.combine(isCaseSensitive)
    hasher.combine(hasPolicyVariable)
    hasher.combine(segmentedPrefixLength)
  }

  /// Compiles `text`.
  ///
  /// - Parameters:
  ///   - text: The pattern as written in the policy.
  ///   - isCaseSensitive: False for action names, true for ARNs.
  ///   - readsPolicyVariables: Whether `${...}` is a policy variable; true for documents of
  ///     version `2012-10-17`, where IAM substitutes them, and false for older documents.
  ///   - comparesARNSegments: Whether a case-sensitive pattern of six segments that starts
  ///     with `arn:` compares its segments one by one, as IAM does for `Resource` and the
  ///     `ArnLike` condition operators. False for `StringLike`, whose `*` spans colons.
  init(
    _ text: String, isCaseSensitive: Bool, readsPolicyVariables: Bool = true,
    comparesARNSegments: Bool = true
  ) {
    var tokens: [Token] = []
    var hasVariable = false
    var firstVariableToken: Int?
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
          firstVariableToken = firstVariableToken ?? tokens.count - 1
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
    let prefixLength =
      isCaseSensitive && comparesARNSegments ? Self.segmentedPrefixLength(of: tokens) : 0
    let isVariableInPrefix = firstVariableToken.map { $0 < prefixLength } ?? false
    storage = Storage(
      text: text, tokens: tokens, isCaseSensitive: isCaseSensitive, hasPolicyVariable: hasVariable,
      segmentedPrefixLength: isVariableInPrefix ? 0 : prefixLength)
  }

  /// Creates a case-sensitive pattern that matches `text` character for character, followed
  /// by `*` when `followedByAnyRun` is true. Known resources' ARNs are read this way, because
  /// they are names, not patterns.
  init(literal text: String, followedByAnyRun: Bool = false) {
    var tokens = text.unicodeScalars.map(Token.character)
    if followedByAnyRun { tokens.append(.anyRun) }
    storage = Storage(
      text: followedByAnyRun ? text + "*" : text, tokens: tokens, isCaseSensitive: true,
      hasPolicyVariable: false, segmentedPrefixLength: Self.segmentedPrefixLength(of: tokens))
  }

  fileprivate static func asciiForm(of tokens: [Token]) -> [Int16]? {
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

  /// Returns the number of tokens from `arn:` through the fifth colon, or 0 when `tokens` do
  /// not start with `arn:` or have fewer than five colons.
  private static func segmentedPrefixLength(of tokens: [Token]) -> Int {
    let start: [Token] = [.character("a"), .character("r"), .character("n"), .character(":")]
    guard tokens.starts(with: start) else { return 0 }
    var colons = 0
    for (index, token) in tokens.enumerated() where token == .character(":") {
      colons += 1
      if colons == 5 { return index + 1 }
    }
    return 0
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
  /// Greedy matching that backtracks to the last `*`. A pattern compared segment by segment
  /// matches each of its first five segments against the text between the value's colons,
  /// and its resource segment against the rest.
  ///
  /// - Complexity: O(n · m) time in the worst case and O(n) extra space, where n and m are
  ///   the lengths of the pattern and of `value`; O(n + m) for patterns with one `*` per
  ///   segment.
  func matches(_ value: String) -> Bool {
    if matchesEverything { return true }
    if let asciiTokens,
      let result = value.utf8.withContiguousStorageIfAvailable({
        matchesASCII($0, asciiTokens)
      }), let result
    {
      return result
    }
    let characters = value.unicodeScalars.map { isCaseSensitive ? $0 : Self.folded($0) }
    guard segmentedPrefixLength > 0 else {
      return Self.matches(tokens[...], characters[...])
    }
    // Wildcards of the first five segments match no colon, so the value's first five colons
    // line up with the pattern's.
    var tokenStart = 0
    var characterStart = 0
    for tokenColon in tokens.indices.prefix(segmentedPrefixLength)
    where tokens[tokenColon] == .character(":") {
      guard
        let characterColon = characters[characterStart...].firstIndex(of: ":"),
        Self.matches(
          tokens[tokenStart..<tokenColon], characters[characterStart..<characterColon])
      else { return false }
      tokenStart = tokenColon + 1
      characterStart = characterColon + 1
    }
    return Self.matches(tokens[tokenStart...], characters[characterStart...])
  }

  /// Matches UTF-8 bytes against the ASCII tokens as `matches(_:)` does, without copying the
  /// value.
  ///
  /// - Returns: The result, or nil when the value is not all ASCII, so that `?` stands for
  ///   one whole scalar on the general path.
  private func matchesASCII(_ bytes: UnsafeBufferPointer<UInt8>, _ tokens: [Int16]) -> Bool? {
    // Most patterns of a long action list differ from the value in their first character,
    // so a pattern that starts with an ASCII character compares that one first. A value
    // that starts with another byte, including the first byte of a non-ASCII character,
    // cannot match.
    let foldsCase = !isCaseSensitive
    if let first = tokens.first, first >= 0 {
      guard let byte = bytes.first, Self.token(of: byte, foldsCase) == first else {
        return false
      }
    }
    if bytes.contains(where: { $0 >= 0x80 }) { return nil }
    guard segmentedPrefixLength > 0 else {
      return Self.matchesASCII(tokens, 0..<tokens.count, bytes, 0..<bytes.count, foldsCase)
    }
    let colon = Int16(UInt8(ascii: ":"))
    var tokenStart = 0
    var byteStart = 0
    for tokenColon in 0..<segmentedPrefixLength where tokens[tokenColon] == colon {
      guard
        let byteColon = bytes[byteStart...].firstIndex(of: UInt8(ascii: ":")),
        Self.matchesASCII(
          tokens, tokenStart..<tokenColon, bytes, byteStart..<byteColon, foldsCase)
      else { return false }
      tokenStart = tokenColon + 1
      byteStart = byteColon + 1
    }
    return Self.matchesASCII(
      tokens, tokenStart..<tokens.count, bytes, byteStart..<bytes.count, foldsCase)
  }

  /// Returns whether the bytes in `byteRange` match the tokens in `tokenRange`, each `*`
  /// spanning any bytes.
  private static func matchesASCII(
    _ tokens: [Int16], _ tokenRange: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>,
    _ byteRange: Range<Int>, _ foldsCase: Bool
  ) -> Bool {
    func byte(at index: Int) -> Int16 { token(of: bytes[index], foldsCase) }
    var patternIndex = tokenRange.lowerBound
    var valueIndex = byteRange.lowerBound
    var starIndex = -1
    var starValueIndex = 0
    while valueIndex < byteRange.upperBound {
      if patternIndex < tokenRange.upperBound {
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
    while patternIndex < tokenRange.upperBound, tokens[patternIndex] == -1 {
      patternIndex += 1
    }
    return patternIndex == tokenRange.upperBound
  }

  /// Returns an ASCII byte as `asciiTokens` holds it: lower-cased when `foldsCase` is true.
  private static func token(of byte: UInt8, _ foldsCase: Bool) -> Int16 {
    if foldsCase, byte >= 0x41, byte <= 0x5A { return Int16(byte | 0x20) }
    return Int16(byte)
  }

  /// Returns whether `characters` match `tokens`, each `*` spanning any characters.
  private static func matches(
    _ tokens: ArraySlice<Token>, _ characters: ArraySlice<Unicode.Scalar>
  ) -> Bool {
    var patternIndex = tokens.startIndex
    var valueIndex = characters.startIndex
    var starIndex = -1
    var starValueIndex = 0
    while valueIndex < characters.endIndex {
      if patternIndex < tokens.endIndex {
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
    while patternIndex < tokens.endIndex, tokens[patternIndex] == .anyRun {
      patternIndex += 1
    }
    return patternIndex == tokens.endIndex
  }

  /// Whether the pattern is `*` alone, which matches every string.
  var matchesEverything: Bool { tokens.count == 1 && tokens[0] == .anyRun }

  /// Returns whether some string matches both this pattern and `other`.
  ///
  /// Dynamic programming over pairs of positions: a `*` on either side may match nothing
  /// or take one more character that the other side produces, and two single characters
  /// agree when they are equal or either is `?`. A `*` or `?` in the segmented prefix of an
  /// ARN pattern never takes a colon. The result is exact.
  ///
  /// - Complexity: O(n · m) time and O(m) extra space, where n and m are the two patterns'
  ///   lengths.
  ///
  /// NOTE: Nothing bounds a pattern's length, so a crafted Resource of 400,000 characters
  /// takes minutes; IAM's policy size quotas keep real patterns under 10,240 characters.
  func overlaps(_ other: WildcardPattern) -> Bool {
    if matchesEverything || other.matchesEverything { return true }
    if let decided = Self.literalEndsDecideOverlap(storage, other.storage) { return decided }
    let left = tokens
    let right = other.tokens
    return withDynamicProgrammingRows(count: right.count + 1) { row, next in
      overlaps(left, right, other.segmentedPrefixLength, &row, &next)
    }
  }

  /// Runs the dynamic programming of `overlaps(_:)` on two zeroed rows of `right.count + 1`
  /// cells.
  private func overlaps(
    _ left: [Token], _ right: [Token], _ rightPrefix: Int,
    _ row: inout UnsafeMutableBufferPointer<Bool>, _ next: inout UnsafeMutableBufferPointer<Bool>
  ) -> Bool {
    let leftPrefix = segmentedPrefixLength
    row[0] = true
    for i in 0...left.count {
      for j in 0...right.count where row[j] {
        let leftToken = i < left.count ? left[i] : nil
        let rightToken = j < right.count ? right[j] : nil
        if leftToken == .anyRun {
          next[j] = true
          if let rightToken, rightToken != .anyRun, i >= leftPrefix || rightToken != Self.colon {
            row[j + 1] = true
          }
        }
        if rightToken == .anyRun {
          row[j + 1] = true
          if let leftToken, leftToken != .anyRun, j >= rightPrefix || leftToken != Self.colon {
            next[j] = true
          }
        }
        if let leftToken, let rightToken,
          Self.agree(
            leftToken, rightToken, leftTakesColon: i >= leftPrefix,
            rightTakesColon: j >= rightPrefix)
        {
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
  /// same character. A `*` or `?` in the segmented prefix of an ARN pattern absorbs only
  /// tokens that match no colon. When it returns true the inclusion holds. A few unusual
  /// pairs whose languages are equal but whose tokens do not line up, such as `a?*` and
  /// `a*?`, return false, which callers treat as "not covered".
  ///
  /// - Complexity: O(n · m) time and O(m) extra space, where n and m are the two patterns'
  ///   lengths.
  func covers(_ other: WildcardPattern) -> Bool {
    if matchesEverything { return true }
    if let decided = Self.literalEndsDecideCoverage(storage, other.storage) { return decided }
    let outer = tokens
    let inner = other.tokens
    return withDynamicProgrammingRows(count: inner.count + 1) { row, next in
      covers(outer, inner, other.segmentedPrefixLength, &row, &next)
    }
  }

  /// Runs the dynamic programming of `covers(_:)` on two zeroed rows of `inner.count + 1`
  /// cells.
  private func covers(
    _ outer: [Token], _ inner: [Token], _ innerPrefix: Int,
    _ row: inout UnsafeMutableBufferPointer<Bool>, _ next: inout UnsafeMutableBufferPointer<Bool>
  ) -> Bool {
    let outerPrefix = segmentedPrefixLength
    row[0] = true
    for i in 0...outer.count {
      for j in 0...inner.count where row[j] {
        guard i < outer.count else { continue }
        let absorbs =
          j < inner.count
          && (i >= outerPrefix || Self.matchesNoColon(inner[j], isInPrefix: j < innerPrefix))
        switch outer[i] {
        case .anyRun:
          next[j] = true
          if absorbs { row[j + 1] = true }
        case .anyCharacter:
          if absorbs, inner[j] != .anyRun { next[j + 1] = true }
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

  private static let colon = Token.character(":")

  /// Calls `body` with two rows of `count` cells set to false. The standard library puts
  /// small temporary allocations on the stack, so most comparisons allocate no heap memory.
  private func withDynamicProgrammingRows(
    count: Int,
    _ body: (inout UnsafeMutableBufferPointer<Bool>, inout UnsafeMutableBufferPointer<Bool>) ->
      Bool
  ) -> Bool {
    withUnsafeTemporaryAllocation(of: Bool.self, capacity: 2 * count) { cells in
      cells.initialize(repeating: false)
      var row = UnsafeMutableBufferPointer(rebasing: cells[0..<count])
      var next = UnsafeMutableBufferPointer(rebasing: cells[count..<(2 * count)])
      return body(&row, &next)
    }
  }

  /// Returns the result of `overlaps(_:)` when the literal characters at the two ends of
  /// both patterns decide it, or nil when the dynamic programming must.
  ///
  /// Every string that both patterns match starts with both leading literals and ends with
  /// both trailing literals, so the shorter of each pair must be a prefix or suffix of the
  /// longer. Two patterns without wildcards overlap only when they are equal. Patterns with
  /// a character outside ASCII are left to the dynamic programming.
  private static func literalEndsDecideOverlap(_ left: Storage, _ right: Storage) -> Bool? {
    guard let leftTokens = left.asciiTokens, let rightTokens = right.asciiTokens else {
      return nil
    }
    let leftIsLiteral = left.leadingLiteralCount == leftTokens.count
    let rightIsLiteral = right.leadingLiteralCount == rightTokens.count
    if leftIsLiteral && rightIsLiteral { return leftTokens == rightTokens }
    let leading = min(left.leadingLiteralCount, right.leadingLiteralCount)
    guard leftTokens[0..<leading] == rightTokens[0..<leading] else { return false }
    let trailing = min(left.trailingLiteralCount, right.trailingLiteralCount)
    guard
      leftTokens[(leftTokens.count - trailing)...] == rightTokens[(rightTokens.count - trailing)...]
    else { return false }
    return nil
  }

  /// Returns the result of `covers(_:)` when the literal characters at the two ends of the
  /// outer pattern decide it, or nil when the dynamic programming must.
  ///
  /// The dynamic programming pairs each literal character of `outer` with an equal
  /// character of `inner`, so the leading and trailing literals of `outer` must appear as
  /// the first and last tokens of `inner`. An `outer` without wildcards covers only itself.
  /// Patterns with a character outside ASCII are left to the dynamic programming.
  private static func literalEndsDecideCoverage(_ outer: Storage, _ inner: Storage) -> Bool? {
    guard let outerTokens = outer.asciiTokens, let innerTokens = inner.asciiTokens else {
      return nil
    }
    if outer.leadingLiteralCount == outerTokens.count { return outerTokens == innerTokens }
    let leading = outer.leadingLiteralCount
    let trailing = outer.trailingLiteralCount
    guard innerTokens.count >= max(leading, trailing),
      outerTokens[0..<leading] == innerTokens[0..<leading],
      outerTokens[(outerTokens.count - trailing)...]
        == innerTokens[(innerTokens.count - trailing)...]
    else { return false }
    return nil
  }

  /// Returns whether two single-character tokens can match the same character. A `?` that
  /// cannot take a colon does not agree with `:`.
  private static func agree(
    _ left: Token, _ right: Token, leftTakesColon: Bool, rightTakesColon: Bool
  ) -> Bool {
    switch (left, right) {
    case (.anyRun, _), (_, .anyRun): false
    case (.anyCharacter, .anyCharacter): true
    case (.anyCharacter, .character(let scalar)): leftTakesColon || scalar != ":"
    case (.character(let scalar), .anyCharacter): rightTakesColon || scalar != ":"
    case (.character(let a), .character(let b)): a == b
    }
  }

  /// Returns whether every string that `token` matches is free of colons. Wildcards match
  /// none only in the segmented prefix of an ARN pattern.
  private static func matchesNoColon(_ token: Token, isInPrefix: Bool) -> Bool {
    switch token {
    case .character(let scalar): scalar != ":"
    case .anyCharacter, .anyRun: isInPrefix
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

/// Compiled patterns by their text, for the policies that one thread parses. The policies of
/// an account name the same actions and ARNs many times over, and looking a pattern up costs
/// a fraction of compiling it again. Copies of a cached pattern also share their storage,
/// which makes comparing them cheap.
final class WildcardPatternCache {
  private struct Key: Hashable {
    let text: String
    let isCaseSensitive: Bool
    let readsPolicyVariables: Bool
  }

  private var patterns: [Key: WildcardPattern] = [:]

  /// Returns the pattern that `WildcardPattern(_:isCaseSensitive:readsPolicyVariables:)`
  /// compiles from `text`, compiling it only the first time.
  func pattern(
    _ text: String, isCaseSensitive: Bool, readsPolicyVariables: Bool
  ) -> WildcardPattern {
    let key = Key(
      text: text, isCaseSensitive: isCaseSensitive, readsPolicyVariables: readsPolicyVariables)
    if let known = patterns[key] { return known }
    let pattern = WildcardPattern(
      text, isCaseSensitive: isCaseSensitive, readsPolicyVariables: readsPolicyVariables)
    patterns[key] = pattern
    return pattern
  }
}
