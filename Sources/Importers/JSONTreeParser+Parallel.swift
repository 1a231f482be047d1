import Foundation

extension JSONTreeParser {
  /// The minimum document size in bytes that `parse` splits over the processors.
  /// NOTE: an estimate, not measured: below it, the scan and the thread starts are a larger
  /// share of a parse that already takes only a few milliseconds.
  static let parallelMinimumBytes = 1 << 20

  /// The minimum bytes of elements that one parallel task parses, so that each task has
  /// enough work to pay for its start.
  static let minimumChunkBytes = 32 << 10

  /// A member of the top-level object: a value already parsed, or an array whose elements
  /// are parsed in parallel.
  private enum Member {
    case value(Any)
    case array(SplitArray)
  }

  /// An array whose elements are parsed in parallel: the positions of its elements in
  /// `TopLevelScan.elements`.
  private struct SplitArray {
    var elements: Range<Int>
  }

  /// The result of scanning the top-level value: the byte range of every element of the
  /// arrays to split, in document order, and the nesting depth at which those elements sit.
  private struct TopLevelScan {
    var elements: [Range<Int>] = []
    var elementDepth = 1
  }

  /// Parses a document whose top-level value is an array, or an object with arrays among
  /// its members, on all processors. Returns nil for any other document and for any input
  /// that the one-thread parser would reject.
  ///
  /// The calling thread first scans each such array for the byte ranges of its elements,
  /// following only strings, escapes and bracket depth. Tasks on all processors then parse
  /// consecutive runs of elements, and the calling thread assembles the arrays in order.
  /// The tree is the same as that of the one-thread parser. Each element's range must hold
  /// exactly one valid value with whitespace around it, and the scan splits only at commas.
  /// So a document is accepted only when it is valid JSON as a whole.
  ///
  /// NOTE: the wall-time gain over `parseOnOneThread` rests on one timeline per build. On
  /// an idle 2-core machine the parse of the base AWS benchmark input took 11.4 ms against
  /// 17 ms on one thread, and on a busy one no gain showed (docs/benchmarks.md).
  ///
  /// - Complexity: O(n) in the length of `data`, spread over the processors except for the
  ///   scan and the top-level members that are not arrays.
  static func parseInParallel(_ data: Data) -> Any? {
    data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Any? in
      let bytes = raw.bindMemory(to: UInt8.self)
      var reader = Reader(bytes: bytes)
      var scan = TopLevelScan()
      reader.skipWhitespace()
      guard reader.index < bytes.count else { return nil }

      // The top-level array, or else the members of the top-level object.
      var topArray: SplitArray?
      var members: [(key: String, member: Member)] = []
      switch bytes[reader.index] {
      case UInt8(ascii: "["):
        scan.elementDepth = 1
        guard let array = scanArray(&reader, into: &scan) else { return nil }
        topArray = array
      case UInt8(ascii: "{"):
        scan.elementDepth = 2
        guard let objectMembers = scanObject(&reader, into: &scan) else { return nil }
        members = objectMembers
      default:
        return nil
      }
      reader.skipWhitespace()
      guard reader.index == bytes.count,
        let elements = parseElements(scan.elements, depth: scan.elementDepth, in: bytes)
      else {
        return nil
      }

      if let topArray {
        return Array(elements[topArray.elements])
      }
      var object: [String: Any] = [:]
      for (key, member) in members {
        let value: Any
        switch member {
        case .value(let parsed): value = parsed
        case .array(let array): value = Array(elements[array.elements])
        }
        // A duplicate key returns nil, so that `JSONSerialization` picks the member that counts.
        guard object.updateValue(value, forKey: key) == nil else { return nil }
      }
      return object
    }
  }

  /// Reads the members of the object whose `{` is at the reader's index. Array values are
  /// only scanned into `scan`, and other values are parsed here.
  private static func scanObject(
    _ reader: inout Reader, into scan: inout TopLevelScan
  ) -> [(key: String, member: Member)]? {
    let bytes = reader.bytes
    var members: [(key: String, member: Member)] = []
    reader.index += 1
    reader.skipWhitespace()
    if reader.index < bytes.count, bytes[reader.index] == UInt8(ascii: "}") {
      reader.index += 1
      return members
    }
    while true {
      reader.skipWhitespace()
      guard reader.index < bytes.count, bytes[reader.index] == UInt8(ascii: "\""),
        let key = reader.parseString()
      else {
        return nil
      }
      reader.skipWhitespace()
      guard reader.index < bytes.count, bytes[reader.index] == UInt8(ascii: ":") else {
        return nil
      }
      reader.index += 1
      reader.skipWhitespace()
      guard reader.index < bytes.count else { return nil }
      if bytes[reader.index] == UInt8(ascii: "[") {
        guard let array = scanArray(&reader, into: &scan) else { return nil }
        members.append((key, .array(array)))
      } else {
        guard let value = reader.parseValue(depth: 1) else { return nil }
        members.append((key, .value(value)))
      }
      reader.skipWhitespace()
      guard reader.index < bytes.count else { return nil }
      if bytes[reader.index] == UInt8(ascii: "}") {
        reader.index += 1
        return members
      }
      guard bytes[reader.index] == UInt8(ascii: ",") else { return nil }
      reader.index += 1
    }
  }

  /// Finds the byte range of each element of the array whose `[` is at the reader's index,
  /// appends them to `scan`, and moves the reader past the closing `]`.
  ///
  /// The ranges run between the commas at the array's own depth, so each may have
  /// whitespace around its value. Nothing is validated here: an invalid element fails
  /// when it is parsed. Returns nil when the array does not end before the input does.
  ///
  /// - Complexity: O(m) in the length of the array's text.
  private static func scanArray(
    _ reader: inout Reader, into scan: inout TopLevelScan
  ) -> SplitArray? {
    let bytes = reader.bytes
    let first = scan.elements.count
    var index = reader.index + 1
    var elementStart = index
    var depth = 0
    while index < bytes.count {
      // Pretty-printed exports indent with runs of spaces, passed here eight at a time.
      if index + 8 <= bytes.count,
        UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)
          == 0x2020_2020_2020_2020
      {
        index += 8
        continue
      }
      let byte = bytes[index]
      // Most other bytes are text outside strings, such as `: `, digits and literals.
      guard isStructural(byte) else {
        index += 1
        continue
      }
      switch byte {
      case UInt8(ascii: "\""):
        guard let end = closingQuote(after: index, in: bytes) else { return nil }
        index = end
      case UInt8(ascii: "["), UInt8(ascii: "{"):
        depth += 1
      case UInt8(ascii: "]"), UInt8(ascii: "}"):
        if depth > 0 {
          depth -= 1
        } else {
          guard byte == UInt8(ascii: "]") else { return nil }
          let last = elementStart..<index
          // `[ ]` has no element, but `[1, ]` has an empty last one that fails to parse.
          if scan.elements.count > first || !isWhitespace(last, in: bytes) {
            scan.elements.append(last)
          }
          reader.index = index + 1
          return SplitArray(elements: first..<scan.elements.count)
        }
      default:
        if depth == 0 {
          scan.elements.append(elementStart..<index)
          elementStart = index + 1
        }
      }
      index += 1
    }
    return nil
  }

  /// Returns whether `byte` is a quote, a comma or a bracket, the bytes that `scanArray`
  /// acts on.
  @inline(__always)
  private static func isStructural(_ byte: UInt8) -> Bool {
    // Bit b of word w is set for the byte 64 * w + b. All six bytes are below 128.
    let low: UInt64 = 1 << 0x22 | 1 << 0x2C
    let high: UInt64 = 1 << (0x5B - 64) | 1 << (0x5D - 64) | 1 << (0x7B - 64) | 1 << (0x7D - 64)
    let word = byte < 64 ? low : high
    return byte < 128 && word & (1 << UInt64(byte & 63)) != 0
  }

  /// Returns the index of the quote that closes the string whose opening quote is at
  /// `start`, or nil when the input ends first. A quote counts as escaped when an odd
  /// number of backslashes comes right before it.
  private static func closingQuote(after start: Int, in bytes: UnsafeBufferPointer<UInt8>)
    -> Int?
  {
    guard let base = bytes.baseAddress else { return nil }
    var searchFrom = start + 1
    while searchFrom < bytes.count {
      guard let found = memchr(base + searchFrom, 0x22, bytes.count - searchFrom) else {
        return nil
      }
      let quote = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
      var backslash = quote - 1
      while backslash > start, bytes[backslash] == UInt8(ascii: "\\") {
        backslash -= 1
      }
      if (quote - 1 - backslash) % 2 == 0 {
        return quote
      }
      searchFrom = quote + 1
    }
    return nil
  }

  private static func isWhitespace(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>)
    -> Bool
  {
    bytes[range].allSatisfy { [0x20, 0x09, 0x0A, 0x0D].contains($0) }
  }

  /// Parses the value in each of `ranges` on all processors, in runs of consecutive ranges
  /// of at least `minimumChunkBytes`, and returns the values in order. Returns nil unless
  /// each range contains exactly one valid value with whitespace around it.
  ///
  /// - Complexity: O(n) in the bytes of the ranges, spread over the processors.
  private static func parseElements(
    _ ranges: [Range<Int>], depth: Int, in bytes: UnsafeBufferPointer<UInt8>
  ) -> [Any]? {
    let chunks = chunkBoundaries(ranges)
    let parsedChunks = ParallelWork.concurrentMap(count: chunks.count - 1) { chunk -> [Any]? in
      var reader = Reader(bytes: bytes)
      var values: [Any] = []
      values.reserveCapacity(chunks[chunk + 1] - chunks[chunk])
      for range in ranges[chunks[chunk]..<chunks[chunk + 1]] {
        reader.index = range.lowerBound
        guard let value = reader.parseValue(depth: depth) else { return nil }
        reader.skipWhitespace()
        guard reader.index == range.upperBound else { return nil }
        values.append(value)
      }
      return values
    }
    var elements: [Any] = []
    elements.reserveCapacity(ranges.count)
    for chunk in parsedChunks {
      guard let chunk else { return nil }
      elements.append(contentsOf: chunk)
    }
    return elements
  }

  /// Splits `ranges` into runs of consecutive ranges, about eight per processor and each
  /// of at least `minimumChunkBytes` unless it is the last, and returns the index where
  /// each run starts followed by `ranges.count`.
  static func chunkBoundaries(_ ranges: [Range<Int>]) -> [Int] {
    let totalBytes = ranges.reduce(0) { $0 + $1.count }
    let chunkBytes = max(minimumChunkBytes, totalBytes / (8 * ParallelWork.threadCount))
    var boundaries = [0]
    var bytes = 0
    for (index, range) in ranges.enumerated() {
      if bytes >= chunkBytes {
        boundaries.append(index)
        bytes = 0
      }
      bytes += range.count
    }
    boundaries.append(ranges.count)
    return boundaries
  }
}
