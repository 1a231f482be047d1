/// A pretty-printing JSON writer that appends UTF-8 bytes to a buffer, for documents too
/// large to build as a tree first.
///
/// The output matches Foundation's `JSONEncoder` with `[.prettyPrinted, .sortedKeys,
/// .withoutEscapingSlashes]`, as shipped with Swift 6.3.1 on Linux: two-space indents,
/// `"key" : value`, an empty array or object written as `[`, a blank line and `]`, and no
/// newline after the last brace. The one difference is that U+FEFF is escaped (see
/// `appendQuoted(_:)`). Callers write the members of each object in sorted order
/// themselves, because the writer gets them one at a time.
///
/// The caller hands `bytes` on from time to time and then calls `removeAllBytes()`, so
/// memory stays near one chunk however large the document grows.
struct JSONWriter {
  /// The bytes written since the last `removeAllBytes()`.
  private(set) var bytes: [UInt8] = []
  /// The number of members or elements written so far in each open object or array,
  /// innermost last.
  private var containerCounts: [Int] = []
  /// Whether a key was just written, so the next value follows it on the same line.
  private var isAfterKey = false

  init(capacity: Int = 0) {
    bytes.reserveCapacity(capacity)
  }

  /// Discards the bytes handed on so far, keeping the buffer's capacity.
  mutating func removeAllBytes() {
    bytes.removeAll(keepingCapacity: true)
  }

  mutating func beginObject() {
    beginValue()
    bytes.append(UInt8(ascii: "{"))
    containerCounts.append(0)
  }

  mutating func endObject() {
    endContainer(closing: UInt8(ascii: "}"))
  }

  mutating func beginArray() {
    beginValue()
    bytes.append(UInt8(ascii: "["))
    containerCounts.append(0)
  }

  mutating func endArray() {
    endContainer(closing: UInt8(ascii: "]"))
  }

  /// Writes an object member's key and the ` : ` after it; the next call writes its value.
  mutating func key(_ key: String) {
    precondition(!isAfterKey, "Two keys in a row")
    beginElement()
    appendQuoted(key)
    bytes.append(contentsOf: Self.keySeparator)
    isAfterKey = true
  }

  mutating func string(_ value: String) {
    beginValue()
    appendQuoted(value)
  }

  mutating func bool(_ value: Bool) {
    beginValue()
    bytes.append(contentsOf: value ? Self.trueLiteral : Self.falseLiteral)
  }

  mutating func integer(_ value: Int) {
    beginValue()
    bytes.append(contentsOf: String(value).utf8)
  }

  /// Writes `"key" : "value"`.
  mutating func member(_ key: String, _ value: String) {
    self.key(key)
    string(value)
  }

  /// Writes `"key" : true` or `"key" : false`.
  mutating func member(_ key: String, _ value: Bool) {
    self.key(key)
    bool(value)
  }

  /// Writes `"key" : ["a", "b"]`.
  mutating func member(_ key: String, _ values: [String]) {
    self.key(key)
    beginArray()
    for value in values {
      string(value)
    }
    endArray()
  }

  /// Appends `count` elements of the open array that `render` writes into `size` bytes.
  ///
  /// `render` gets the `size` bytes to fill, which the writer appends to `bytes` first, and
  /// must fill each of them with exactly what this writer would write for those elements.
  /// That includes the comma before every element but the first of the array, and the line
  /// break and indent that start each one.
  mutating func appendRenderedElements(
    count: Int, size: Int, _ render: (UnsafeMutableRawBufferPointer) -> Void
  ) {
    precondition(!isAfterKey && !containerCounts.isEmpty, "Elements outside any array")
    containerCounts[containerCounts.count - 1] += count
    let start = bytes.count
    bytes.append(contentsOf: repeatElement(0, count: size))
    bytes.withUnsafeMutableBytes { buffer in
      render(UnsafeMutableRawBufferPointer(rebasing: buffer[start...]))
    }
  }

  /// Whether every object and array begun has been ended.
  var isComplete: Bool { containerCounts.isEmpty && !isAfterKey }

  /// Starts a value: after a key it follows on the same line, otherwise it is the next
  /// element of the enclosing array, or the document itself.
  private mutating func beginValue() {
    if isAfterKey {
      isAfterKey = false
    } else if !containerCounts.isEmpty {
      beginElement()
    }
  }

  /// Writes the comma after the previous member or element, then a line break and indent.
  private mutating func beginElement() {
    precondition(!containerCounts.isEmpty, "A member or element outside any object or array")
    if containerCounts[containerCounts.count - 1] > 0 {
      bytes.append(UInt8(ascii: ","))
    }
    containerCounts[containerCounts.count - 1] += 1
    appendLineBreak(indentLevel: containerCounts.count)
  }

  private mutating func endContainer(closing: UInt8) {
    precondition(!isAfterKey, "A key without a value")
    guard let count = containerCounts.popLast() else {
      preconditionFailure("An end without a begin")
    }
    if count == 0 {
      bytes.append(UInt8(ascii: "\n"))
    }
    appendLineBreak(indentLevel: containerCounts.count)
    bytes.append(closing)
  }

  private mutating func appendLineBreak(indentLevel: Int) {
    guard indentLevel >= Self.lineBreaks.count else {
      bytes.append(contentsOf: Self.lineBreaks[indentLevel])
      return
    }
    bytes.append(UInt8(ascii: "\n"))
    for _ in 0..<indentLevel {
      bytes.append(contentsOf: Self.indent)
    }
  }

  /// Appends `string` in quotes, escaped as RFC 8259 requires.
  ///
  /// Quotation mark, backslash and the control characters U+0000 to U+001F are escaped:
  /// `\b`, `\t`, `\n`, `\f` and `\r` by their short forms, the rest as `\u00XX` with
  /// lower-case hex digits. U+FEFF is written as `\ufeff`, because `JSONSerialization` in
  /// Foundation of Swift 6.3.1 on Linux drops it from the start of a string it reads. Every
  /// other scalar, including U+007F, U+2028 and U+2029, is copied as UTF-8. A Swift string
  /// always contains valid Unicode, never a lone surrogate, so its UTF-8 bytes are valid JSON
  /// text once those characters are escaped.
  ///
  /// - Complexity: O(n) in the string's UTF-8 length; runs without escapes are copied whole.
  private mutating func appendQuoted(_ string: String) {
    Self.appendQuoted(string, to: &bytes)
  }

  /// Appends `string` in quotes to `bytes`, escaped as `appendQuoted(_:)` describes.
  static func appendQuoted(_ string: String, to bytes: inout [UInt8]) {
    bytes.append(UInt8(ascii: "\""))
    var string = string
    string.withUTF8 { utf8 in
      var runStart = 0
      var index = 0
      while index < utf8.count {
        // Skips eight bytes at a time while none of them needs escaping, as in most text.
        if index + 8 <= utf8.count, !mayNeedEscape(word(in: utf8, at: index)) {
          index += 8
          continue
        }
        let byte = utf8[index]
        if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
          bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
          appendEscape(for: byte, to: &bytes)
          index += 1
          runStart = index
        } else if byte == 0xEF, isByteOrderMark(utf8, at: index) {
          bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
          bytes.append(contentsOf: byteOrderMarkEscape)
          index += 3
          runStart = index
        } else {
          index += 1
        }
      }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
    }
    bytes.append(UInt8(ascii: "\""))
  }

  /// Returns the eight bytes at `index` as one number. `mayNeedEscape` tests every byte
  /// alike, so their order does not matter.
  private static func word(in utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt64 {
    UnsafeRawPointer(utf8.baseAddress! + index).loadUnaligned(as: UInt64.self)
  }

  /// Returns whether any of the eight bytes in `word` is a control character, a quotation
  /// mark, a backslash or part of a multi-byte character: the bytes that `appendQuoted`
  /// looks at one by one. The tests are the exact "has a zero byte" and "has a byte less
  /// than n" word tests of the Bit Twiddling Hacks collection.
  private static func mayNeedEscape(_ word: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highBits: UInt64 = 0x8080_8080_8080_8080
    let quotes = word ^ (ones &* UInt64(UInt8(ascii: "\"")))
    let backslashes = word ^ (ones &* UInt64(UInt8(ascii: "\\")))
    let controls = (word &- ones &* 0x20) & ~word
    let hasQuote = (quotes &- ones) & ~quotes
    let hasBackslash = (backslashes &- ones) & ~backslashes
    return ((controls | hasQuote | hasBackslash) & highBits) != 0 || word & highBits != 0
  }

  /// Returns whether the UTF-8 bytes at `index` encode U+FEFF (`EF BB BF`).
  private static func isByteOrderMark(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
    index + 2 < utf8.count && utf8[index] == 0xEF && utf8[index + 1] == 0xBB
      && utf8[index + 2] == 0xBF
  }

  private static func appendEscape(for byte: UInt8, to bytes: inout [UInt8]) {
    bytes.append(UInt8(ascii: "\\"))
    switch byte {
    case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
    case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
    case 0x08: bytes.append(UInt8(ascii: "b"))
    case 0x09: bytes.append(UInt8(ascii: "t"))
    case 0x0A: bytes.append(UInt8(ascii: "n"))
    case 0x0C: bytes.append(UInt8(ascii: "f"))
    case 0x0D: bytes.append(UInt8(ascii: "r"))
    default:
      bytes.append(contentsOf: unicodeEscapePrefix)
      bytes.append(hexDigits[Int(byte >> 4)])
      bytes.append(hexDigits[Int(byte & 0x0F)])
    }
  }

  private static let indent: [UInt8] = Array("  ".utf8)
  /// A line break followed by the indent of levels 0 to 7, written whole.
  private static let lineBreaks: [[UInt8]] = (0..<8).map { level in
    [UInt8(ascii: "\n")] + Array(repeating: UInt8(ascii: " "), count: 2 * level)
  }
  private static let keySeparator: [UInt8] = Array(" : ".utf8)
  private static let trueLiteral: [UInt8] = Array("true".utf8)
  private static let falseLiteral: [UInt8] = Array("false".utf8)
  private static let byteOrderMarkEscape: [UInt8] = Array("\\ufeff".utf8)
  private static let unicodeEscapePrefix: [UInt8] = Array("u00".utf8)
  private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
