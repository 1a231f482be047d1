import Foundation

/// A small JSON object that a person writes by hand, such as a weights file: one object whose
/// members each hold a scalar, with every key given once.
///
/// Unlike `JSONCursor`, which reads through `JSONSerialization`, this reader keeps the
/// numbers as written and detects keys that repeat, so that neither a number too large for a
/// `Double` nor a second value for the same key is lost without a message.
public enum FlatJSONObject {
  /// One member of the object.
  public struct Member: Equatable, Sendable {
    public var key: String
    /// The value: a number as written, such as `1e3`, or the JSON type of any other value.
    public var value: Value
  }

  /// A member's value.
  public enum Value: Equatable, Sendable {
    case number(String)
    /// A value of another type, by its type in words, such as "a string" or "null".
    case other(String)
  }

  /// Parses `data`, the content of `file`, and returns the object's members in file order.
  ///
  /// - Parameters:
  ///   - file: The path, as the user gave it, for messages.
  ///   - expected: The expected object in words, such as "an object of factor names and
  ///     weights".
  ///   - example: A short example of it, such as `{"privileges": 10, ...}`.
  /// - Throws: `ImportError` of `.invalidData` when the data is empty, is not valid JSON, is
  ///   not one object, or repeats a key. Syntax errors are located by line and column, and a
  ///   repeated key by the key.
  public static func parse(_ data: Data, file: String, expected: String, example: String)
    throws -> [Member]
  {
    let isBlank = data.allSatisfy { [0x20, 0x09, 0x0A, 0x0D].contains($0) }
    if isBlank {
      throw ImportError(
        .invalidData, file: file, problem: "the file is empty",
        remedy: "write \(expected) such as \(example)")
    }
    do {
      return try parseMembers(data, file: file, expected: expected, example: example)
    } catch var error as ImportError {
      // A person wrote the file, so no export can be run again.
      if error.problem.hasPrefix("invalid JSON") || error.problem.hasPrefix("the JSON ends") {
        error.remedy = "fix the JSON at that place"
      }
      throw error
    }
  }

  private static func parseMembers(
    _ data: Data, file: String, expected: String, example: String
  ) throws -> [Member] {
    var parser = JSONPullParser(bytes: data, file: file)
    let kind = try parser.valueKind()
    guard kind == .object else {
      throw ImportError(
        .invalidData, file: file, problem: "expected \(expected), found \(kind.name)",
        remedy: "write it as \(example)")
    }
    try parser.beginObject()
    var members: [Member] = []
    var keys: Set<String> = []
    while let key = try parser.nextKey() {
      guard keys.insert(key).inserted else {
        throw ImportError(
          .invalidData, file: file, location: key, problem: "\"\(key)\" is given twice",
          remedy: "keep one of the two values")
      }
      let value: Value
      switch try parser.valueKind() {
      case .number:
        value = .number(try parser.readNumber())
      case let other:
        value = .other(other.name)
        try parser.skipValue()
      }
      members.append(Member(key: key, value: value))
    }
    try parser.finish()
    return members
  }
}
