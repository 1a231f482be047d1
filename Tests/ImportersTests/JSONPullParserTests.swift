import Foundation
import XCTest

@testable import Importers

final class JSONPullParserTests: XCTestCase {
  private var folder: URL!

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("json-pull-parser-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    if let folder {
      try? FileManager.default.removeItem(at: folder)
    }
  }

  /// Valid documents, each with the tree `describe(_:)` gives for what `JSONSerialization`
  /// reads from it.
  static let validDocuments: [String] = [
    #"{}"#,
    #"[]"#,
    #"{"a": []}"#,
    " \t\r\n{ \"a\" : [ 1 , 2 ] , \"b\" : { } } \n",
    #"[true, false, null, 0, -0, 12, -3.5, 1e3, 2E-2, 6.02e+23]"#,
    #"["\"\\\/\b\f\n\r\t", "\u0041\u00e9\u20ac", "\ud83d\ude00", "\u0000x"]"#,
    #"["\uD83D\uDE00", "\uFEFFbom", "tab\u0009"]"#,
    #"{"nested": {"deeper": [[[{"x": "y"}]]]}, "after": "z"}"#,
    "[\"é\", \"😀\", \"\u{2028}\", \"\u{7F}\"]",
    #"{"a": 1, "a": 2}"#,
    #"[1, 2,]"#,
    #"{"a": "b",}"#,
    "\u{FEFF}[\"after a byte order mark\"]",
    #""a lone string""#,
    "42",
  ]

  func testValidDocumentsReadAsJSONSerializationReadsThem() throws {
    for text in Self.validDocuments {
      let expected = try JSONSerialization.jsonObject(
        with: Data(text.utf8), options: [.fragmentsAllowed])

      var parser = JSONPullParser(bytes: Array(text.utf8), file: "inline.json")
      let parsed = try Self.readTree(&parser)
      try parser.finish()

      XCTAssertEqual(parsed, Self.describe(expected), text.debugDescription)
    }
  }

  func testTinyWindowsReadLikeWholeInput() throws {
    let writerOutput = try Self.hostileDocument()
    for text in Self.validDocuments + [writerOutput] {
      let file = folder.appendingPathComponent("document.json")
      try Data(text.utf8).write(to: file)
      var wholeParser = JSONPullParser(bytes: Array(text.utf8), file: "inline.json")
      let whole = try Self.readTree(&wholeParser)

      for windowSize in [1, 2, 3, 7, 64] {
        var parser = try JSONPullParser(contentsOf: file.path, windowSize: windowSize)
        XCTAssertEqual(
          try Self.readTree(&parser), whole,
          "window \(windowSize): \(text.prefix(60).debugDescription)")
        XCTAssertNoThrow(try parser.finish())
      }
    }
  }

  func testHostileStringsFromWriterReadBackExactly() throws {
    var writer = JSONWriter()
    writer.beginArray()
    for string in JSONWriterTests.hostileStrings {
      writer.string(string)
    }
    writer.endArray()

    var parser = JSONPullParser(bytes: writer.bytes, file: "inline.json")
    var strings: [String] = []
    try parser.beginArray()
    while try parser.nextElement() {
      strings.append(try parser.readString())
    }
    try parser.finish()

    XCTAssertEqual(
      strings.map { Array($0.unicodeScalars) },
      JSONWriterTests.hostileStrings.map { Array($0.unicodeScalars) })
  }

  func testInvalidDocumentsGiveLineColumnAndProblem() {
    let cases: [(text: String, location: String, problem: String)] = [
      ("", "line 1, column 1", "the JSON ends early (truncated file?)"),
      ("  \n ", "line 2, column 2", "the JSON ends early (truncated file?)"),
      (#"{"a": "unterminated"#, "line 1, column 20", "the JSON ends early (truncated file?)"),
      (
        "[\"a\u{1}b\"]", "line 1, column 4",
        "invalid JSON (control character U+0001 in a "
          + #"string; write it as an escape such as \n)"#
      ),
      (
        "[\"line\nbreak\"]", "line 1, column 7",
        "invalid JSON (control character U+000A in a "
          + #"string; write it as an escape such as \n)"#
      ),
      (#"["\x"]"#, "line 1, column 3", "invalid JSON (invalid escape sequence in a string)"),
      (
        #"["\u12G4"]"#, "line 1, column 3",
        #"invalid JSON (\u must be followed by four hex digits)"#
      ),
      (#"["\ud800"]"#, "line 1, column 9", #"invalid JSON (\uD800 is half of a surrogate pair)"#),
      (
        #"["\ud800\u0041"]"#, "line 1, column 15",
        #"invalid JSON (\uD800 is half of a surrogate pair)"#
      ),
      (#"["\udc00"]"#, "line 1, column 9", #"invalid JSON (\uDC00 is half of a surrogate pair)"#),
      ("[01]", "line 1, column 3", "invalid JSON (number with a leading zero)"),
      ("[1.]", "line 1, column 4", "invalid JSON (invalid number)"),
      ("[-]", "line 1, column 3", "invalid JSON (invalid number)"),
      ("[1e]", "line 1, column 4", "invalid JSON (invalid number)"),
      ("[tru]", "line 1, column 2", "invalid JSON (expected true or false)"),
      ("[nul]", "line 1, column 2", "invalid JSON (expected null)"),
      ("[1,,2]", "line 1, column 4", "invalid JSON (expected a value)"),
      ("[1 2]", "line 1, column 4", "invalid JSON (expected ',' or ']')"),
      ("{\"a\" 1}", "line 1, column 6", "invalid JSON (expected ':' after the member name)"),
      ("{a: 1}", "line 1, column 2", "invalid JSON (expected a member name in quotes)"),
      ("{\"a\": 1 \"b\": 2}", "line 1, column 9", "invalid JSON (expected ',' or '}')"),
      ("{,}", "line 1, column 2", "invalid JSON (expected a member name in quotes)"),
      (
        "[1]\n x", "line 2, column 2",
        "invalid JSON (unexpected text after the end of the "
          + "document)"
      ),
      ("{\"a\": [\n  1,\n  2", "line 3, column 4", "the JSON ends early (truncated file?)"),
    ]
    for (text, location, problem) in cases {
      var parser = JSONPullParser(bytes: Array(text.utf8), file: "bad.json")
      XCTAssertThrowsError(try Self.readDocument(&parser)) { error in
        let error = error as? ImportError
        XCTAssertEqual(error?.location, location, text.debugDescription)
        XCTAssertEqual(error?.problem, problem, text.debugDescription)
        XCTAssertEqual(error?.reason, .invalidData, text.debugDescription)
        XCTAssertEqual(error?.file, "bad.json", text.debugDescription)
        XCTAssertEqual(
          error?.remedy, "export the file again or fix the JSON at that place",
          text.debugDescription)
      }
    }
  }

  func testInvalidUTF8IsRejected() {
    let bytes: [UInt8] = Array("[\"ab".utf8) + [0xC3, 0x28] + Array("\"]".utf8)
    var parser = JSONPullParser(bytes: bytes, file: "bad.json")

    XCTAssertThrowsError(try Self.readTree(&parser)) { error in
      XCTAssertEqual((error as? ImportError)?.problem, "invalid JSON (invalid UTF-8 in a string)")
    }
  }

  func testSkipPassesOverNestedValues() throws {
    let text = #"{"skip": {"a": [1, {"b": "\"}"}], "c": null}, "keep": "value", "last": [[]]}"#
    var parser = JSONPullParser(bytes: Array(text.utf8), file: "inline.json")

    try parser.beginObject()
    XCTAssertEqual(try parser.nextKey(), "skip")
    try parser.skipValue()
    XCTAssertEqual(try parser.nextKey(), "keep")
    XCTAssertEqual(try parser.readString(), "value")
    XCTAssertEqual(try parser.nextKey(), "last")
    try parser.beginArray()
    XCTAssertTrue(try parser.nextElement())
    XCTAssertEqual(parser.depth, 2)
    try parser.skip(downTo: 0)
    XCTAssertEqual(parser.depth, 0)
    XCTAssertNoThrow(try parser.finish())
  }

  func testSkipDownToDepthPassesAnnouncedValue() throws {
    let text = #"[{"a": {"deep": [1, 2]}, "b": 3}, "next"]"#
    var parser = JSONPullParser(bytes: Array(text.utf8), file: "inline.json")

    try parser.beginArray()
    XCTAssertTrue(try parser.nextElement())
    try parser.beginObject()
    XCTAssertEqual(try parser.nextKey(), "a")
    XCTAssertEqual(try parser.valueKind(), .object)
    try parser.skip(downTo: 1)
    XCTAssertTrue(try parser.nextElement())
    XCTAssertEqual(try parser.readString(), "next")
    XCTAssertFalse(try parser.nextElement())
    XCTAssertNoThrow(try parser.finish())
  }

  func testUnreadableFileIsReported() {
    let path = folder.appendingPathComponent("none").path
    do {
      _ = try JSONPullParser(contentsOf: path)
      XCTFail("opened a missing file")
    } catch {
      let error = error as? ImportError
      XCTAssertEqual(error?.reason, .unreadable)
      XCTAssertEqual(error?.file, path)
      XCTAssertEqual(error?.problem, "cannot open the file (No such file or directory)")
    }
  }

  // MARK: - Helpers

  /// Reads the whole document and checks that nothing follows it.
  static func readDocument(_ parser: inout JSONPullParser) throws -> String {
    let tree = try readTree(&parser)
    try parser.finish()
    return tree
  }

  /// Reads one value with the parser and describes it as `describe(_:)` does.
  static func readTree(_ parser: inout JSONPullParser) throws -> String {
    switch try parser.valueKind() {
    case .object:
      try parser.beginObject()
      var members: [String: String] = [:]
      while let key = try parser.nextKey() {
        members[key] = try readTree(&parser)
      }
      return "{"
        + members.sorted { $0.key < $1.key }.map { "\(scalars($0)):\($1)" }
        .joined(separator: ",") + "}"
    case .array:
      try parser.beginArray()
      var elements: [String] = []
      while try parser.nextElement() {
        elements.append(try readTree(&parser))
      }
      return "[" + elements.joined(separator: ",") + "]"
    case .string:
      return "s" + scalars(try parser.readString())
    case .number:
      // Adding zero turns -0 into 0, which is what JSONSerialization reads.
      return "n" + String(Double(try parser.readNumber())! + 0)
    case .boolean:
      return try parser.readBool() ? "true" : "false"
    case .null:
      _ = try parser.readNull()
      return "null"
    }
  }

  /// Describes a value from `JSONSerialization` in the form of `readTree(_:)`.
  static func describe(_ value: Any) -> String {
    switch value {
    case let object as [String: Any]:
      return "{"
        + object.sorted { $0.key < $1.key }.map { "\(scalars($0)):\(describe($1))" }
        .joined(separator: ",") + "}"
    case let array as [Any]:
      return "[" + array.map(describe).joined(separator: ",") + "]"
    case let string as String:
      return "s" + scalars(string)
    case is NSNull:
      return "null"
    case let number as NSNumber:
      if String(cString: number.objCType) == "c" {
        return number.boolValue ? "true" : "false"
      }
      return "n" + String(number.doubleValue)
    default:
      return "unknown \(value)"
    }
  }

  /// Returns the string's scalars in hex, so that canonical equivalents stay distinct.
  private static func scalars(_ string: String) -> String {
    string.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " ")
  }

  /// Returns a document from `JSONWriter` with every hostile string as key and value.
  private static func hostileDocument() throws -> String {
    var writer = JSONWriter()
    writer.beginObject()
    for (index, string) in JSONWriterTests.hostileStrings.enumerated() {
      writer.key("\(index)\(string)")
      writer.beginArray()
      writer.string(string)
      writer.bool(index % 2 == 0)
      writer.integer(index)
      writer.endArray()
    }
    writer.endObject()
    return try XCTUnwrap(String(validating: writer.bytes, as: UTF8.self))
  }
}
