import Foundation

/// A JSON parser that builds the same value tree as Foundation's `JSONSerialization` with
/// `.fragmentsAllowed`, in one pass over the bytes: `[String: Any]` for objects, `[Any]` for
/// arrays, `String`, `NSNumber` for numbers and booleans, and `NSNull`.
///
/// `JSONSerialization` (swift-corelibs-foundation, as shipped with Swift 6.3) first builds a
/// tree of its own and then converts every node, so it visits each value twice. This parser
/// handles only the plain, common form of JSON. It returns nil for anything else: invalid
/// input, a UTF-8 byte order mark, UTF-16 or UTF-32 text, a comma before a closing bracket,
/// a duplicate member name, a `\u` escape of half a surrogate pair, or nesting deeper than
/// `maximumDepth`. The caller then parses the input again with `JSONSerialization`, so that
/// the leniencies, the values and the error messages stay exactly those of Foundation.
enum JSONTreeParser {
  /// The maximum nesting depth of objects and arrays that this parser reads, which bounds
  /// its recursion. Deeper input goes to `JSONSerialization`, which with Swift 6.3.1 reads
  /// 512 levels and rejects 513 as too deeply nested.
  static let maximumDepth = 500

  /// Parses `data`, or returns nil when `JSONSerialization` must parse it instead.
  ///
  /// A document of at least `parallelMinimumBytes` is parsed on all processors when its
  /// large arrays are at the top level (see `parseInParallel`). When that fails, this
  /// parses it again on one thread, so a rejected document is rejected the same way.
  ///
  /// - Complexity: O(n) in the length of `data`, with recursion as deep as the nesting.
  static func parse(_ data: Data) -> Any? {
    if data.count >= parallelMinimumBytes, ParallelWork.threadCount > 1,
      let value = parseInParallel(data)
    {
      return value
    }
    return parseOnOneThread(data)
  }

  /// Parses `data` on the calling thread, or returns nil when `JSONSerialization` must
  /// parse it instead.
  ///
  /// - Complexity: O(n) in the length of `data`, with recursion as deep as the nesting.
  static func parseOnOneThread(_ data: Data) -> Any? {
    data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Any? in
      let bytes = raw.bindMemory(to: UInt8.self)
      var reader = Reader(bytes: bytes)
      guard let value = reader.parseValue(depth: 0) else { return nil }
      reader.skipWhitespace()
      return reader.index == bytes.count ? value : nil
    }
  }

  /// Returns the byte offset at which `parseOnOneThread` gives up on `data`, or nil when it
  /// parses it. For invalid JSON this is at or just after the first error that this parser
  /// meets, which may be a form it leaves to `JSONSerialization` rather than an error.
  static func stopOffset(in data: Data) -> Int? {
    data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Int? in
      let bytes = raw.bindMemory(to: UInt8.self)
      var reader = Reader(bytes: bytes)
      guard reader.parseValue(depth: 0) != nil else { return min(reader.index, bytes.count) }
      reader.skipWhitespace()
      return reader.index == bytes.count ? nil : reader.index
    }
  }

  /// A position in the bytes of a document, and the steps that read values from there.
  struct Reader {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
      self.bytes = bytes
    }

    /// Passes spaces, tabs and line breaks.
    mutating func skipWhitespace() {
      while index < bytes.count {
        switch bytes[index] {
        case 0x20, 0x09, 0x0A, 0x0D: index += 1
        default: return
        }
      }
    }

    /// Reads the value at the index, after any whitespace.
    mutating func parseValue(depth: Int) -> Any? {
      skipWhitespace()
      guard index < bytes.count else { return nil }
      switch bytes[index] {
      case UInt8(ascii: "{"):
        return depth < JSONTreeParser.maximumDepth ? parseObject(depth: depth + 1) : nil
      case UInt8(ascii: "["):
        return depth < JSONTreeParser.maximumDepth ? parseArray(depth: depth + 1) : nil
      case UInt8(ascii: "\""):
        return parseString()
      case UInt8(ascii: "t"):
        return parseLiteral("true") ? NSNumber(value: true) : nil
      case UInt8(ascii: "f"):
        return parseLiteral("false") ? NSNumber(value: false) : nil
      case UInt8(ascii: "n"):
        return parseLiteral("null") ? NSNull() : nil
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        return parseNumber()
      default:
        return nil
      }
    }

    /// Reads an object whose `{` is at the index.
    mutating func parseObject(depth: Int) -> Any? {
      index += 1
      var object: [String: Any] = [:]
      skipWhitespace()
      if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
        index += 1
        return object
      }
      while true {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\""),
          let key = parseString()
        else {
          return nil
        }
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
        index += 1
        guard let member = parseValue(depth: depth) else { return nil }
        // A duplicate key returns nil, so that `JSONSerialization` picks the member that counts.
        guard object.updateValue(member, forKey: key) == nil else { return nil }
        skipWhitespace()
        guard index < bytes.count else { return nil }
        if bytes[index] == UInt8(ascii: "}") {
          index += 1
          return object
        }
        guard bytes[index] == UInt8(ascii: ",") else { return nil }
        index += 1
      }
    }

    /// Reads an array whose `[` is at the index.
    mutating func parseArray(depth: Int) -> Any? {
      index += 1
      var array: [Any] = []
      skipWhitespace()
      if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
        index += 1
        return array
      }
      while true {
        guard let element = parseValue(depth: depth) else { return nil }
        array.append(element)
        skipWhitespace()
        guard index < bytes.count else { return nil }
        if bytes[index] == UInt8(ascii: "]") {
          index += 1
          return array
        }
        guard bytes[index] == UInt8(ascii: ",") else { return nil }
        index += 1
      }
    }

    /// Reads a string whose opening quote is at the index, and its closing quote.
    mutating func parseString() -> String? {
      index += 1
      let start = index
      // The bits of all bytes show whether the string is ASCII, which needs no UTF-8 check.
      var bits: UInt8 = 0
      while index < bytes.count {
        let byte = bytes[index]
        if byte == UInt8(ascii: "\"") {
          let text = UnsafeBufferPointer(rebasing: bytes[start..<index])
          index += 1
          return bits < 0x80
            ? String(decoding: text, as: UTF8.self) : String(validating: text, as: UTF8.self)
        }
        if byte == UInt8(ascii: "\\") {
          return parseEscapedString(from: start)
        }
        if byte < 0x20 {
          return nil
        }
        bits |= byte
        index += 1
      }
      return nil
    }

    /// Reads the rest of a string from its first escape at the index, decoding into a
    /// buffer that starts with the plain bytes from `start`.
    mutating func parseEscapedString(from start: Int) -> String? {
      var decoded = Array(bytes[start..<index])
      while index < bytes.count {
        let byte = bytes[index]
        if byte == UInt8(ascii: "\"") {
          index += 1
          return String(validating: decoded, as: UTF8.self)
        }
        if byte < 0x20 {
          return nil
        }
        guard byte == UInt8(ascii: "\\") else {
          decoded.append(byte)
          index += 1
          continue
        }
        guard index + 1 < bytes.count else { return nil }
        let letter = bytes[index + 1]
        index += 2
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(letter)
        case UInt8(ascii: "b"): decoded.append(0x08)
        case UInt8(ascii: "f"): decoded.append(0x0C)
        case UInt8(ascii: "n"): decoded.append(0x0A)
        case UInt8(ascii: "r"): decoded.append(0x0D)
        case UInt8(ascii: "t"): decoded.append(0x09)
        case UInt8(ascii: "u"):
          guard let scalar = parseUnicodeEscape() else { return nil }
          UTF8.encode(scalar) { decoded.append($0) }
        default:
          return nil
        }
      }
      return nil
    }

    /// Reads the four hex digits after `\u`, and a second `\uXXXX` when the first is a high
    /// surrogate, and returns the scalar they name.
    mutating func parseUnicodeEscape() -> Unicode.Scalar? {
      guard let first = parseHexDigits() else { return nil }
      if (0xD800...0xDBFF).contains(first) {
        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
          bytes[index + 1] == UInt8(ascii: "u")
        else {
          return nil
        }
        index += 2
        guard let second = parseHexDigits(), (0xDC00...0xDFFF).contains(second) else {
          return nil
        }
        return Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
      }
      return Unicode.Scalar(first)
    }

    mutating func parseHexDigits() -> UInt32? {
      guard index + 4 <= bytes.count else { return nil }
      var value: UInt32 = 0
      for _ in 0..<4 {
        let byte = bytes[index]
        let digit: UInt8
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
        default: return nil
        }
        value = value << 4 | UInt32(digit)
        index += 1
      }
      return value
    }

    /// Reads a number of the RFC 8259 grammar
    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?` and converts it with
    /// `JSONSerialization`, so that the `NSNumber` has the type Foundation would give it.
    mutating func parseNumber() -> Any? {
      let start = index
      if bytes[index] == UInt8(ascii: "-") {
        index += 1
      }
      if index < bytes.count, bytes[index] == UInt8(ascii: "0") {
        index += 1
      } else if skipDigits() == 0 {
        return nil
      }
      if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
        index += 1
        guard skipDigits() > 0 else { return nil }
      }
      if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
        index += 1
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
          index += 1
        }
        guard skipDigits() > 0 else { return nil }
      }
      let text = Data(UnsafeBufferPointer(rebasing: bytes[start..<index]))
      return try? JSONSerialization.jsonObject(with: text, options: [.fragmentsAllowed])
    }

    /// Passes decimal digits and returns how many there were.
    mutating func skipDigits() -> Int {
      let start = index
      while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
        index += 1
      }
      return index - start
    }

    /// Reads `literal` if the input continues with it.
    mutating func parseLiteral(_ literal: StaticString) -> Bool {
      let count = literal.utf8CodeUnitCount
      guard index + count <= bytes.count else { return false }
      let expected = UnsafeBufferPointer(start: literal.utf8Start, count: count)
      guard UnsafeBufferPointer(rebasing: bytes[index..<index + count]).elementsEqual(expected)
      else {
        return false
      }
      index += count
      return true
    }
  }
}
