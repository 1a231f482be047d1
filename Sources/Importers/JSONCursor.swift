import Foundation

/// A position in a parsed JSON document that remembers its path, so that every error can
/// say where in the file it is.
///
/// Values have the types that `JSONSerialization` gives. Accessors that take a key return nil
/// for a key that is absent or `null`; the `required` forms throw an `ImportError` naming the
/// path.
public struct JSONCursor {
  public let file: String
  /// The steps from the document root, spelled out as `path` only when it is read.
  private let steps: PathSteps
  public let value: Any

  /// The JSON path from the document root, such as `Policies[2].PolicyVersionList[0]`.
  ///
  /// - Complexity: O(d) in the number of steps from the root.
  public var path: String { steps.text }

  public init(file: String, path: String = "", value: Any) {
    self.init(file: file, steps: .start(path), value: value)
  }

  private init(file: String, steps: PathSteps, value: Any) {
    self.file = file
    self.steps = steps
    self.value = value
  }

  /// Parses `data` as JSON.
  ///
  /// - Throws: `ImportError` with the line and column of the first syntax error.
  public static func parse(_ data: Data, file: String) throws -> JSONCursor {
    if let value = JSONTreeParser.parse(data) {
      return JSONCursor(file: file, value: value)
    }
    do {
      let value = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
      return JSONCursor(file: file, value: value)
    } catch let error as NSError {
      let detail = error.userInfo["NSDebugDescription"] as? String ?? error.localizedDescription
      let reason = detail.trimmingCharacters(in: CharacterSet(charactersIn: "."))
      let endsEarly = detail.contains("Unexpected end of file")
      var location = Self.location(describedBy: detail, in: data)
      var problem = "invalid JSON (\(reason))"
      // Foundation names no place for some errors, such as a bad escape or a number out of
      // range, and reports a lone high surrogate as the end of the file. The place where the
      // tree parser stopped, found by parsing again, is then the better one.
      let stop = location.isEmpty || endsEarly ? JSONTreeParser.stopOffset(in: data) : nil
      if let stop, stop < data.count {
        location = Self.location(ofOffset: stop, in: data)
        if detail.contains("expected low-surrogate") {
          problem =
            "invalid JSON (a \\u escape of a high surrogate, D800 to DBFF, is not followed by "
            + "one of a low surrogate, DC00 to DFFF)"
        }
      } else if endsEarly {
        problem = data.isEmpty ? "the file is empty" : "the JSON ends early (truncated file?)"
      }
      throw ImportError(
        .invalidData, file: file, location: location, problem: problem,
        remedy: "export the file again or fix the JSON at that place")
    }
  }

  /// Turns "character N" or a closing "at N" in a parser message into `line L, column C`. A
  /// message about the end of the file gives the position just past the last byte.
  static func location(describedBy detail: String, in data: Data) -> String {
    let offset: Int
    if let character = Self.number(after: "character ", in: detail) {
      offset = character
    } else if let position = Self.number(after: " at ", in: detail) {
      offset = position
    } else if detail.contains("end of file") {
      offset = data.count
    } else {
      return ""
    }
    return location(ofOffset: offset, in: data)
  }

  /// Returns the number that follows the last `marker` in `text`, if digits follow it.
  private static func number(after marker: String, in text: String) -> Int? {
    guard let range = text.range(of: marker, options: .backwards) else { return nil }
    return Int(text[range.upperBound...].prefix { $0.isNumber })
  }

  /// Returns `line L, column C` of the byte at `offset`, both counted from 1. Columns count
  /// characters (Unicode scalars), as editors do, not bytes.
  static func location(ofOffset offset: Int, in data: Data) -> String {
    var line = 1
    var column = 1
    for byte in data.prefix(offset) {
      if byte == UInt8(ascii: "\n") {
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 {
        // A UTF-8 continuation byte (10xxxxxx) belongs to the character before it.
        column += 1
      }
    }
    return "line \(line), column \(column)"
  }

  public var isObject: Bool { value is [String: Any] }
  public var isArray: Bool { value is [Any] }

  /// The object's keys, sorted, or none when the value is not an object.
  public var keys: [String] {
    (value as? [String: Any])?.keys.sorted() ?? []
  }

  /// Returns whether the object has the member `key` with the value `null`.
  public func isNull(_ key: String) -> Bool {
    guard let object = value as? [String: Any], let member = object[key] else { return false }
    return type(of: member) == NSNull.self
  }

  /// The object's keys whose values are `null`, sorted.
  public var nullKeys: [String] {
    keys.filter(isNull)
  }

  /// The member `key` of an object, or nil when it is absent, `null` or not an object.
  public subscript(key: String) -> JSONCursor? {
    // `type(of:)` detects null without `is NSNull`, which would bridge a large array or
    // object member to Objective-C just to test it.
    guard let object = value as? [String: Any], let member = object[key],
      type(of: member) != NSNull.self
    else {
      return nil
    }
    return JSONCursor(file: file, steps: .member(steps, key), value: member)
  }

  /// The member `key`, which must be present.
  public func required(_ key: String) throws -> JSONCursor {
    guard let member = self[key] else {
      throw invalid("\"\(key)\" is missing", remedy: "add it, or export the file again")
    }
    return member
  }

  /// The value as a string, throwing when it is another type.
  public func string() throws -> String {
    guard let string = value as? String else {
      throw invalid("expected a string, found \(typeName)", remedy: "write it as a JSON string")
    }
    return string
  }

  /// The member `key` as a string, or nil when absent.
  public func string(_ key: String) throws -> String? {
    try self[key]?.string()
  }

  /// The member `key` as a string, which must be present.
  public func requiredString(_ key: String) throws -> String {
    try required(key).string()
  }

  public func bool(_ key: String) throws -> Bool? {
    guard let member = self[key] else { return nil }
    guard let number = member.value as? NSNumber, Self.isBoolean(number) else {
      throw member.invalid(
        "expected true or false, found \(member.typeName)", remedy: "write true or false")
    }
    return number.boolValue
  }

  /// The value as text when it is a string, a boolean (`true` or `false`) or a number, as
  /// IAM reads condition values. It is nil for other types.
  public var scalarText: String? {
    switch value {
    case let text as String:
      return text
    case let number as NSNumber:
      guard Self.isBoolean(number) else { return number.stringValue }
      return number.boolValue ? "true" : "false"
    default:
      return nil
    }
  }

  /// Whether a number from `JSONSerialization` was written as `true` or `false`.
  private static func isBoolean(_ number: NSNumber) -> Bool {
    String(cString: number.objCType) == "c"
  }

  /// The value's elements, each with its index in the path.
  public func array() throws -> [JSONCursor] {
    guard let elements = value as? [Any] else {
      throw invalid("expected an array, found \(typeName)", remedy: "write it as a JSON array")
    }
    return elements.enumerated().map { index, element in
      JSONCursor(file: file, steps: .element(steps, index), value: element)
    }
  }

  /// The member `key` as an array, or an empty array when absent.
  public func array(_ key: String) throws -> [JSONCursor] {
    try self[key]?.array() ?? []
  }

  /// A value that may be one string or an array of strings, as IAM's `Action` is.
  public func strings() throws -> [String] {
    if let single = value as? String {
      return [single]
    }
    guard let elements = value as? [Any] else {
      throw invalid(
        "expected a string or an array of strings, found \(typeName)",
        remedy: "write a string or an array of strings")
    }
    // The elements are cast in place. A cursor with its path is made for each element only
    // to report one that is not a string, because a policy's action list may hold hundreds.
    var strings: [String] = []
    strings.reserveCapacity(elements.count)
    for element in elements {
      guard let string = element as? String else {
        return try array().map { try $0.string() }
      }
      strings.append(string)
    }
    return strings
  }

  /// The member `key` as one or more strings, or an empty array when absent.
  public func strings(_ key: String) throws -> [String] {
    try self[key]?.strings() ?? []
  }

  /// The object's members as cursors, sorted by key.
  public func members() throws -> [(key: String, value: JSONCursor)] {
    guard value is [String: Any] else {
      throw invalid("expected an object, found \(typeName)", remedy: "write it as a JSON object")
    }
    return keys.compactMap { key in self[key].map { (key, $0) } }
  }

  /// An `ImportError` of invalid data at this cursor's path.
  public func invalid(_ problem: String, remedy: String) -> ImportError {
    ImportError(.invalidData, file: file, location: path, problem: problem, remedy: remedy)
  }

  /// The JSON type of the value, in words for messages.
  public var typeName: String {
    switch value {
    case is NSNull: "null"
    case is String: "a string"
    case is [Any]: "an array"
    case is [String: Any]: "an object"
    case let number as NSNumber: Self.isBoolean(number) ? "a boolean" : "a number"
    default: "a value of unknown type"
    }
  }
}

/// A JSON path as a chain from the root, which costs one small allocation per step and no
/// text until a message or a caller reads it.
private enum PathSteps {
  /// The path of the cursor that a caller created, often empty for the document root.
  case start(String)
  indirect case member(PathSteps, String)
  indirect case element(PathSteps, Int)

  /// The path as text, written in one pass from the start rather than by joining the text
  /// of each parent, because every policy statement and entry reads its path.
  var text: String {
    var reversed: [PathSteps] = []
    var step = self
    while true {
      switch step {
      case .start(let path):
        var bytes = Array(path.utf8)
        for step in reversed.reversed() {
          switch step {
          case .member(_, let key):
            if !bytes.isEmpty { bytes.append(UInt8(ascii: ".")) }
            bytes.append(contentsOf: key.utf8)
          case .element(_, let index):
            bytes.append(UInt8(ascii: "["))
            bytes.append(contentsOf: String(index).utf8)
            bytes.append(UInt8(ascii: "]"))
          case .start:
            break
          }
        }
        return String(decoding: bytes, as: UTF8.self)
      case .member(let parent, _), .element(let parent, _):
        reversed.append(step)
        step = parent
      }
    }
  }
}
