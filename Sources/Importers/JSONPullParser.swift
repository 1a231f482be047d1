import Foundation

/// A JSON parser that reads a document one token at a time from a file or from memory,
/// holding only a window of the input, for documents too large to parse into a tree.
///
/// The caller walks the document: `nextKey()` steps through an object's members and
/// `nextElement()` through an array's elements, and each value is then read with one of the
/// value readers (`beginObject()`, `beginArray()`, `readString()`, `readBool()`,
/// `readNumber()`, `readNull()`) or passed over with `skipValue()`. `valueKind()` returns
/// the type of the next value, which decides the reader to call. Calling a reader where no value is expected is a programming error
/// and traps.
///
/// The grammar is RFC 8259 with the two leniencies of Foundation's `JSONSerialization`,
/// which reads every other input of `blast`: a UTF-8 byte order mark may precede the
/// document, and a comma may precede a closing `]` or `}`. Strings must be valid UTF-8, and
/// a `\u` escape of half a surrogate pair is rejected. Invalid input throws an
/// `ImportError` at `line L, column C`, counting bytes from 1.
struct JSONPullParser: ~Copyable {
  /// The JSON type of a value, as `valueKind()` finds it.
  enum ValueKind: Equatable {
    case object, array, string, number, boolean, null

    /// The type in words, for messages.
    var name: String {
      switch self {
      case .object: "an object"
      case .array: "an array"
      case .string: "a string"
      case .number: "a number"
      case .boolean: "a boolean"
      case .null: "null"
      }
    }
  }

  /// The input file as the user named it, for messages.
  let file: String

  private var source: ByteWindow
  /// One entry per open object or array, innermost last: whether it is an object, and how
  /// many members or elements it has had so far.
  private var containers: [(isObject: Bool, count: Int)] = []
  /// Whether the next token must be a value: at the start of the document and after a key
  /// or an element was announced.
  private(set) var expectsValue = true
  /// The line of the next byte, and the input offset at which that line starts.
  private var line = 1
  private var lineStart = 0
  /// Decoded bytes of a string that contains escapes, reused between strings.
  private var scratch: [UInt8] = []

  /// Opens `file` for reading in windows of `windowSize` bytes.
  ///
  /// - Throws: `ImportError` with reason `.unreadable` when the file cannot be opened.
  init(contentsOf file: String, windowSize: Int = 1 << 20) throws {
    self.file = file
    source = try ByteWindow(file: file, capacity: windowSize)
    // A read error here happens again at the next read, which reports it.
    try? skipByteOrderMark()
  }

  /// Parses `bytes`, which hold the whole document.
  init<Bytes: Collection<UInt8>>(bytes: Bytes, file: String) {
    self.file = file
    source = ByteWindow(bytes: bytes)
    // Bytes in memory are never refilled, so nothing here can throw.
    try? skipByteOrderMark()
  }

  private mutating func skipByteOrderMark() throws {
    let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
    if try ensureAvailable(3), source.bytes(from: 0, to: 3).elementsEqual(mark) {
      source.position = 3
    }
  }

  /// The number of open objects and arrays around the current position.
  var depth: Int { containers.count }

  // MARK: - Structure

  /// Steps to the next member of the innermost object and returns its key. The position is
  /// then at the member's value. At the end of the object, closes it and returns nil.
  mutating func nextKey() throws -> String? {
    precondition(!expectsValue && containers.last?.isObject == true, "nextKey() outside an object")
    guard try stepToNextItem(closing: UInt8(ascii: "}")) else { return nil }
    guard try skipWhitespace() == UInt8(ascii: "\"") else {
      throw syntaxError("expected a member name in quotes")
    }
    let key = try scanString()
    guard try skipWhitespace() == UInt8(ascii: ":") else {
      throw syntaxError("expected ':' after the member name")
    }
    source.position += 1
    expectsValue = true
    return key
  }

  /// Steps to the next element of the innermost array and returns true. The position is
  /// then at the element. At the end of the array, closes it and returns false.
  mutating func nextElement() throws -> Bool {
    precondition(
      !expectsValue && containers.last?.isObject == false, "nextElement() outside an array")
    guard try stepToNextItem(closing: UInt8(ascii: "]")) else { return false }
    expectsValue = true
    return true
  }

  /// Passes the comma before an object member or array element, or the closing bracket.
  ///
  /// - Returns: False when the container ended; it is then closed.
  private mutating func stepToNextItem(closing: UInt8) throws -> Bool {
    var next = try skipWhitespace()
    let count = containers[containers.count - 1].count
    if next == nil {
      throw truncatedError()
    } else if count > 0, next == UInt8(ascii: ",") {
      source.position += 1
      next = try skipWhitespace()
      if next == closing {
        // A comma before the closing bracket, which JSONSerialization accepts.
        source.position += 1
        containers.removeLast()
        return false
      }
    } else if next == closing {
      source.position += 1
      containers.removeLast()
      return false
    } else if count > 0 {
      throw syntaxError("expected ',' or '\(Character(Unicode.Scalar(closing)))'")
    }
    guard next != nil else { throw truncatedError() }
    containers[containers.count - 1].count += 1
    return true
  }

  /// Returns the type of the value at the position, without reading it.
  mutating func valueKind() throws -> ValueKind {
    precondition(expectsValue, "valueKind() where no value is expected")
    guard let next = try skipWhitespace() else { throw truncatedError() }
    switch next {
    case UInt8(ascii: "{"): return .object
    case UInt8(ascii: "["): return .array
    case UInt8(ascii: "\""): return .string
    case UInt8(ascii: "t"), UInt8(ascii: "f"): return .boolean
    case UInt8(ascii: "n"): return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
    default: throw syntaxError("expected a value")
    }
  }

  /// Reads the `{` of an object; `nextKey()` then steps through its members.
  mutating func beginObject() throws {
    try consumeValueStart(UInt8(ascii: "{"), kind: .object)
    containers.append((isObject: true, count: 0))
  }

  /// Reads the `[` of an array; `nextElement()` then steps through its elements.
  mutating func beginArray() throws {
    try consumeValueStart(UInt8(ascii: "["), kind: .array)
    containers.append((isObject: false, count: 0))
  }

  /// Checks that the document ended after its one value, apart from whitespace.
  mutating func finish() throws {
    precondition(containers.isEmpty && !expectsValue, "finish() inside the document")
    guard try skipWhitespace() == nil else {
      throw syntaxError("unexpected text after the end of the document")
    }
  }

  // MARK: - Values

  mutating func readString() throws -> String {
    try checkValue(.string)
    expectsValue = false
    return try scanString()
  }

  mutating func readBool() throws -> Bool {
    try checkValue(.boolean)
    expectsValue = false
    if try scanLiteral("true") {
      return true
    }
    guard try scanLiteral("false") else { throw syntaxError("expected true or false") }
    return false
  }

  /// Reads `null` and returns true, or returns false and reads nothing when the value is
  /// of another type.
  mutating func readNull() throws -> Bool {
    guard try valueKind() == .null else { return false }
    guard try scanLiteral("null") else { throw syntaxError("expected null") }
    expectsValue = false
    return true
  }

  /// Reads a number and returns it as written, such as `-1.5e3`.
  mutating func readNumber() throws -> String {
    try checkValue(.number)
    expectsValue = false
    return try scanNumber()
  }

  /// Reads and discards the value at the position, with everything inside it.
  ///
  /// - Complexity: O(n) in the value's length, with O(d) extra space for its nesting depth.
  mutating func skipValue() throws {
    let outerDepth = containers.count
    try skipScalarOrOpenContainer()
    try skip(downTo: outerDepth)
  }

  /// Reads and discards everything up to the end of the containers deeper than `depth`,
  /// including a value that was announced but not read. Callers use it to pass over the
  /// rest of a value after rejecting part of it.
  mutating func skip(downTo depth: Int) throws {
    if expectsValue, containers.count > depth {
      try skipScalarOrOpenContainer()
    }
    while containers.count > depth {
      if containers[containers.count - 1].isObject {
        if try nextKey() != nil {
          try skipScalarOrOpenContainer()
        }
      } else if try nextElement() {
        try skipScalarOrOpenContainer()
      }
    }
  }

  private mutating func skipScalarOrOpenContainer() throws {
    switch try valueKind() {
    case .object: try beginObject()
    case .array: try beginArray()
    case .string: _ = try readString()
    case .number: _ = try readNumber()
    case .boolean: _ = try readBool()
    case .null: _ = try readNull()
    }
  }

  private mutating func checkValue(_ kind: ValueKind) throws {
    let found = try valueKind()
    precondition(found == kind, "Reading \(kind.name) where the input has \(found.name)")
  }

  private mutating func consumeValueStart(_ byte: UInt8, kind: ValueKind) throws {
    try checkValue(kind)
    source.position += 1
    expectsValue = false
  }

  // MARK: - Scanning

  /// Passes spaces, tabs and line breaks, counting lines, and returns the next byte
  /// without consuming it, or nil at the end of the input.
  private mutating func skipWhitespace() throws -> UInt8? {
    while true {
      while source.position < source.end {
        switch source[source.position] {
        case 0x20, 0x09, 0x0D:
          source.position += 1
        case 0x0A:
          source.position += 1
          line += 1
          lineStart = source.offset(of: source.position)
        default:
          return source[source.position]
        }
      }
      guard try refill(keepingFrom: source.position) else { return nil }
    }
  }

  /// Reads a string whose opening quote is at the position, and the closing quote.
  private mutating func scanString() throws -> String {
    source.position += 1
    // Fast path: the string has no escapes, so its bytes are copied once. The bits of all
    // bytes are collected to see whether the string is ASCII, which needs no UTF-8 check.
    var index = source.position
    var bits: UInt8 = 0
    while true {
      while index < source.end, !Self.endsPlainRun(source[index]) {
        bits |= source[index]
        index += 1
      }
      if index < source.end {
        break
      }
      let shift = source.position
      guard try refill(keepingFrom: source.position) else { throw truncatedError() }
      index -= shift
    }
    if source[index] == UInt8(ascii: "\"") {
      let bytes = source.bytes(from: source.position, to: index)
      let string = bits < 0x80 ? String(decoding: bytes, as: UTF8.self) : try makeString(bytes)
      source.position = index + 1
      return string
    }
    scratch.removeAll(keepingCapacity: true)
    scratch.append(contentsOf: source.bytes(from: source.position, to: index))
    source.position = index
    return try scanEscapedString()
  }

  /// Reads the rest of a string from its first escape or invalid byte, decoding into
  /// `scratch`.
  private mutating func scanEscapedString() throws -> String {
    while true {
      guard try ensureAvailable(1) else { throw truncatedError() }
      let byte = source[source.position]
      if byte == UInt8(ascii: "\"") {
        source.position += 1
        return try scratch.withUnsafeBufferPointer { try makeString($0) }
      } else if byte == UInt8(ascii: "\\") {
        try scanEscape()
      } else if byte < 0x20 {
        throw syntaxError(
          "control character U+\(Self.hex(UInt32(byte), digits: 4)) in a string; write it "
            + "as an escape such as \\n")
      } else {
        var index = source.position
        while index < source.end, !Self.endsPlainRun(source[index]) {
          index += 1
        }
        scratch.append(contentsOf: source.bytes(from: source.position, to: index))
        source.position = index
      }
    }
  }

  /// Decodes the escape at the position into `scratch`.
  private mutating func scanEscape() throws {
    guard try ensureAvailable(2) else { throw truncatedError() }
    let letter = source[source.position + 1]
    let simple: UInt8? =
      switch letter {
      case UInt8(ascii: "\""): UInt8(ascii: "\"")
      case UInt8(ascii: "\\"): UInt8(ascii: "\\")
      case UInt8(ascii: "/"): UInt8(ascii: "/")
      case UInt8(ascii: "b"): 0x08
      case UInt8(ascii: "f"): 0x0C
      case UInt8(ascii: "n"): 0x0A
      case UInt8(ascii: "r"): 0x0D
      case UInt8(ascii: "t"): 0x09
      default: nil
      }
    if let simple {
      scratch.append(simple)
      source.position += 2
      return
    }
    guard letter == UInt8(ascii: "u") else {
      throw syntaxError("invalid escape sequence in a string")
    }
    let first = try scanUnicodeEscape()
    var scalarValue = first
    if (0xD800...0xDBFF).contains(first) {
      guard try ensureAvailable(2), source[source.position] == UInt8(ascii: "\\"),
        source[source.position + 1] == UInt8(ascii: "u")
      else {
        throw syntaxError("\\u\(Self.hex(first, digits: 4)) is half of a surrogate pair")
      }
      let second = try scanUnicodeEscape()
      guard (0xDC00...0xDFFF).contains(second) else {
        throw syntaxError("\\u\(Self.hex(first, digits: 4)) is half of a surrogate pair")
      }
      scalarValue = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
    } else if (0xDC00...0xDFFF).contains(first) {
      throw syntaxError("\\u\(Self.hex(first, digits: 4)) is half of a surrogate pair")
    }
    let scalar = Unicode.Scalar(scalarValue)!
    UTF8.encode(scalar) { scratch.append($0) }
  }

  /// Reads `\uXXXX` at the position and returns the code unit.
  private mutating func scanUnicodeEscape() throws -> UInt32 {
    guard try ensureAvailable(6) else { throw truncatedError() }
    var value: UInt32 = 0
    for offset in 2..<6 {
      let byte = source[source.position + offset]
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: throw syntaxError("\\u must be followed by four hex digits")
      }
      value = value << 4 | UInt32(digit)
    }
    source.position += 6
    return value
  }

  /// Reads a number at the position, checking the RFC 8259 grammar
  /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
  private mutating func scanNumber() throws -> String {
    var text: [UInt8] = []
    if try nextNumberByte() == UInt8(ascii: "-") {
      takeNumberByte(into: &text)
    }
    if try nextNumberByte() == UInt8(ascii: "0") {
      takeNumberByte(into: &text)
      if let byte = try nextNumberByte(), Self.isDigit(byte) {
        throw syntaxError("number with a leading zero")
      }
    } else if try scanDigits(into: &text) == 0 {
      throw syntaxError("invalid number")
    }
    if try nextNumberByte() == UInt8(ascii: ".") {
      takeNumberByte(into: &text)
      guard try scanDigits(into: &text) > 0 else { throw syntaxError("invalid number") }
    }
    if let byte = try nextNumberByte(), byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
      takeNumberByte(into: &text)
      if let sign = try nextNumberByte(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
        takeNumberByte(into: &text)
      }
      guard try scanDigits(into: &text) > 0 else { throw syntaxError("invalid number") }
    }
    return String(decoding: text, as: UTF8.self)
  }

  private mutating func nextNumberByte() throws -> UInt8? {
    try ensureAvailable(1) ? source[source.position] : nil
  }

  private mutating func takeNumberByte(into text: inout [UInt8]) {
    text.append(source[source.position])
    source.position += 1
  }

  /// Reads decimal digits and returns how many there were.
  private mutating func scanDigits(into text: inout [UInt8]) throws -> Int {
    var count = 0
    while let byte = try nextNumberByte(), Self.isDigit(byte) {
      takeNumberByte(into: &text)
      count += 1
    }
    return count
  }

  private static func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }

  /// Reads `literal` if the input continues with it.
  private mutating func scanLiteral(_ literal: StaticString) throws -> Bool {
    let count = literal.utf8CodeUnitCount
    guard try ensureAvailable(count) else { return false }
    let expected = UnsafeBufferPointer(start: literal.utf8Start, count: count)
    guard source.bytes(from: source.position, to: source.position + count).elementsEqual(expected)
    else {
      return false
    }
    source.position += count
    return true
  }

  /// Returns whether `byte` ends a run of string bytes that are copied as they are.
  @inline(__always)
  private static func endsPlainRun(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20
  }

  private func makeString(_ bytes: UnsafeBufferPointer<UInt8>) throws -> String {
    guard let string = String(validating: bytes, as: UTF8.self) else {
      throw syntaxError("invalid UTF-8 in a string")
    }
    return string
  }

  // MARK: - Input window

  /// Makes at least `count` bytes available from the position.
  ///
  /// - Returns: False when the input ends first.
  private mutating func ensureAvailable(_ count: Int) throws -> Bool {
    while source.end - source.position < count {
      guard try refill(keepingFrom: source.position) else { return false }
    }
    return true
  }

  private mutating func refill(keepingFrom index: Int) throws -> Bool {
    do {
      return try source.refill(keepingFrom: index)
    } catch {
      throw ImportError(
        .unreadable, file: file,
        problem: "cannot read the file (\(String(cString: strerror(error.code))))",
        remedy: "check that it is a readable file")
    }
  }

  // MARK: - Errors

  /// The advice of syntax errors, the same as `JSONCursor.parse(_:file:)` gives.
  private static let syntaxRemedy = "export the file again or fix the JSON at that place"

  /// Returns an `ImportError` for invalid JSON at the position.
  private func syntaxError(_ problem: String) -> ImportError {
    ImportError(
      .invalidData, file: file, location: location, problem: "invalid JSON (\(problem))",
      remedy: Self.syntaxRemedy)
  }

  /// Returns an `ImportError` for input that ends inside the document, located just past
  /// its last byte. Unread bytes before the end contain no line break, because valid JSON
  /// has line breaks only in whitespace, which is read as it comes.
  private func truncatedError() -> ImportError {
    ImportError(
      .invalidData, file: file, location: location(ofIndex: source.end),
      problem: "the JSON ends early (truncated file?)", remedy: Self.syntaxRemedy)
  }

  /// The position as `line L, column C`, counting bytes from 1.
  private var location: String {
    location(ofIndex: source.position)
  }

  private func location(ofIndex index: Int) -> String {
    "line \(line), column \(source.offset(of: index) - lineStart + 1)"
  }

  private static func hex(_ value: UInt32, digits: Int) -> String {
    let text = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, digits - text.count)) + text
  }
}

/// The part of the input that `JSONPullParser` keeps in memory: a buffer that is refilled
/// from a file descriptor, or that contains the whole input.
///
/// The buffer is raw memory so that the parser's loops, which index it once per input
/// byte, run without bounds checks. Debug builds check the indices with `assert`.
private struct ByteWindow: ~Copyable {
  /// A failed `read(2)`, with its `errno`.
  struct ReadError: Error {
    var code: Int32
  }

  private var buffer: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  /// The file being read, or -1 when the buffer contains the whole input.
  private let descriptor: Int32
  /// The index of the next byte to read.
  var position = 0
  /// The number of valid bytes in the buffer.
  private(set) var end = 0
  /// The input offset of `buffer[0]`.
  private var bufferOffset = 0

  init(file: String, capacity: Int) throws {
    let descriptor = open(file, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw ImportError(
        .unreadable, file: file,
        problem: "cannot open the file (\(String(cString: strerror(errno))))",
        remedy: "check that it is a readable file")
    }
    self.descriptor = descriptor
    self.capacity = max(capacity, 1)
    buffer = .allocate(capacity: self.capacity)
  }

  init<Bytes: Collection<UInt8>>(bytes: Bytes) {
    descriptor = -1
    capacity = max(bytes.count, 1)
    buffer = .allocate(capacity: capacity)
    _ = UnsafeMutableBufferPointer(start: buffer, count: capacity).initialize(from: bytes)
    end = bytes.count
  }

  deinit {
    buffer.deallocate()
    if descriptor >= 0 {
      close(descriptor)
    }
  }

  subscript(index: Int) -> UInt8 {
    @inline(__always) get {
      assert(index >= 0, "Index before the input window")
      assert(index < end, "Index after the input window")
      return buffer[index]
    }
  }

  /// Returns the bytes from `start` up to `end`, valid until the next refill.
  func bytes(from start: Int, to end: Int) -> UnsafeBufferPointer<UInt8> {
    assert(start >= 0, "Range before the input window")
    assert(start <= end, "Range with its end before its start")
    assert(end <= self.end, "Range after the input window")
    return UnsafeBufferPointer(start: buffer + start, count: end - start)
  }

  /// Returns the input offset of buffer index `index`.
  func offset(of index: Int) -> Int {
    bufferOffset + index
  }

  /// Moves the bytes from `index` on to the front of the buffer, growing it when they fill
  /// it, and reads more input after them. Indices into the buffer shift down by `index`.
  ///
  /// - Returns: False when the input has no more bytes.
  /// - Throws: `ReadError` when `read(2)` fails.
  mutating func refill(keepingFrom index: Int) throws(ReadError) -> Bool {
    guard descriptor >= 0 else { return false }
    let keptCount = end - index
    if index > 0 {
      memmove(buffer, buffer + index, keptCount)
      bufferOffset += index
      position -= index
      end = keptCount
    }
    if end == capacity {
      let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
      larger.initialize(from: buffer, count: end)
      buffer.deallocate()
      buffer = larger
      capacity *= 2
    }
    while true {
      let count = read(descriptor, buffer + end, capacity - end)
      if count < 0 {
        if errno == EINTR { continue }
        throw ReadError(code: errno)
      }
      end += count
      return count > 0
    }
  }
}
