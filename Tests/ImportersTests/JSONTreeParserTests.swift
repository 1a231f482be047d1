import Foundation
import XCTest

@testable import Importers

final class JSONTreeParserTests: XCTestCase {
  /// Documents beyond those of `JSONPullParserTests`, with numbers of every kind that
  /// `JSONSerialization` stores differently.
  static let moreDocuments: [String] = [
    #"[0, 1, -1, 9223372036854775807, -9223372036854775808, 18446744073709551615]"#,
    #"[1.0, -0.0, 0.1, 1e-7, 123456789012345678901234567890, 1.5E+300]"#,
    #"{"Statement": [{"Effect": "Allow", "Action": ["s3:*"], "Resource": "*"}]}"#,
    #"{"": "empty key", "k": {"": []}}"#,
    "[\"\\u00e9 and é\", \"\\\\u0041\"]",
    "  \"fragment with spaces\"  ",
    "true",
    "null",
    "-0.5e-2",
  ]

  func testTreeMatchesJSONSerialization() throws {
    for text in JSONPullParserTests.validDocuments + Self.moreDocuments {
      let data = Data(text.utf8)
      let expected = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
      guard let parsed = JSONTreeParser.parse(data) else { continue }

      XCTAssertEqual(Self.describe(parsed), Self.describe(expected), text.debugDescription)
    }
  }

  func testDeclinedDocumentsAreExactlyTheLenientOnes() {
    let declined = (JSONPullParserTests.validDocuments + Self.moreDocuments).filter {
      JSONTreeParser.parse(Data($0.utf8)) == nil
    }

    XCTAssertEqual(
      declined,
      [
        #"{"a": 1, "a": 2}"#,
        #"[1, 2,]"#,
        #"{"a": "b",}"#,
        "\u{FEFF}[\"after a byte order mark\"]",
      ])
  }

  func testInvalidInputIsDeclined() {
    let texts = [
      "", " ", "[", "[1", "[1 2]", "{\"a\" 1}", "{a: 1}", "{\"a\": }", "[01]", "[1.]", "[-]",
      "[1e]", "[tru]", "[nul]", "[1,,2]", "[\"a\u{1}b\"]", #"["\x"]"#, #"["\u12G4"]"#,
      #"["\ud800"]"#, #"["\ud800\u0041"]"#, #"["\udc00"]"#, "[1]\n x", "{\"a\": \"open",
      "[1e400]",
    ]
    for text in texts {
      XCTAssertNil(JSONTreeParser.parse(Data(text.utf8)), text.debugDescription)
    }
  }

  func testInvalidUTF8AndUTF16AreDeclined() {
    let invalidUTF8 = Data(Array("[\"ab".utf8) + [0xC3, 0x28] + Array("\"]".utf8))
    let utf16 = "[\"x\"]".data(using: .utf16LittleEndian)!

    XCTAssertNil(JSONTreeParser.parse(invalidUTF8))
    XCTAssertNil(JSONTreeParser.parse(utf16))
  }

  func testNestingLimit() {
    let limit = JSONTreeParser.maximumDepth
    let deepest = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
    let tooDeep = "[" + deepest + "]"

    XCTAssertNotNil(JSONTreeParser.parse(Data(deepest.utf8)))
    XCTAssertNil(JSONTreeParser.parse(Data(tooDeep.utf8)))
  }

  func testCursorParseKeepsFoundationLeniencies() throws {
    let cases: [(text: String, expected: String)] = [
      ("\u{FEFF}[\"a\"]", "[s61]"),
      (#"[1, 2,]"#, "[ni1,ni2]"),
      (#"{"a": "b",}"#, "{61:s62}"),
      (String(repeating: "[", count: 501) + String(repeating: "]", count: 501), ""),
    ]
    for (text, expected) in cases {
      let cursor = try JSONCursor.parse(Data(text.utf8), file: "lenient.json")
      if !expected.isEmpty {
        XCTAssertEqual(Self.describe(cursor.value), expected, text.debugDescription)
      }
      XCTAssertTrue(cursor.isArray || cursor.isObject, text.debugDescription)
    }
  }

  func testCursorPathsAfterSteps() throws {
    let text = #"{"Policies": [{"Document": {"Statement": [{"Sid": "a"}, {"Sid": "b"}]}}]}"#
    let root = try JSONCursor.parse(Data(text.utf8), file: "paths.json")
    let policy = try root.array("Policies")[0]
    let statement = try policy.required("Document").array("Statement")[1]
    let sid = try statement.required("Sid")
    let topArray = try JSONCursor.parse(Data(#"[["x"]]"#.utf8), file: "top.json")
    let inner = try topArray.array()[0].array()[0]
    let embedded = JSONCursor(file: "e.json", path: "Roles[3].Policy", value: ["A": ["z"]])
    let embeddedElement = try embedded.array("A")[0]

    XCTAssertEqual(root.path, "")
    XCTAssertEqual(policy.path, "Policies[0]")
    XCTAssertEqual(statement.path, "Policies[0].Document.Statement[1]")
    XCTAssertEqual(sid.path, "Policies[0].Document.Statement[1].Sid")
    XCTAssertEqual(try sid.string(), "b")
    XCTAssertEqual(inner.path, "[0][0]")
    XCTAssertEqual(embeddedElement.path, "Roles[3].Policy.A[0]")
    XCTAssertEqual(embeddedElement.file, "e.json")
  }

  func testCursorErrorNamesLazyPath() throws {
    let text = #"{"Roles": [{"Name": "a"}, {"Name": 7}]}"#
    let root = try JSONCursor.parse(Data(text.utf8), file: "roles.json")
    let second = try root.array("Roles")[1]

    XCTAssertThrowsError(try second.requiredString("Name")) { error in
      let error = error as? ImportError
      XCTAssertEqual(error?.location, "Roles[1].Name")
      XCTAssertEqual(error?.problem, "expected a string, found a number")
    }
  }

  /// Returns an element with strings that contain commas, brackets, quotes and escapes,
  /// which the scan for element boundaries must pass over.
  static func largeElement(_ number: Int) -> String {
    #"{"Name": "user-\#(number)", "Text": "a, [b] {c} \"d\" \\ \u00e9 é \\\"", "#
      + #""Values": [\#(number), -1.5, 1e3, true, false, null], "#
      + #""Nested": {"a": [[], {}, [1, [2]]], "b": ""}}"#
  }

  /// Returns a JSON array of `count` elements of `largeElement`, with line breaks between
  /// them.
  static func largeArray(_ count: Int, from first: Int = 0) -> String {
    "[\n" + (first..<first + count).map { largeElement($0) }.joined(separator: ",\n") + "\n]"
  }

  func testParallelTreeMatchesJSONSerialization() throws {
    let documents = [
      Self.largeArray(8000),
      #" {"UserDetailList": \#(Self.largeArray(3000)), "GroupDetailList": [ ], "#
        + #""RoleDetailList": \#(Self.largeArray(3000, from: 3000)), "IsTruncated": false, "#
        + #""Marker": {"next": ["x", 1]}, "Policies": \#(Self.largeArray(2000))}"#,
      #"{"value": \#(Self.largeArray(8000))}"# + "\n",
    ]
    for text in documents {
      let data = Data(text.utf8)
      let expected = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])

      XCTAssertGreaterThan(data.count, JSONTreeParser.parallelMinimumBytes)
      let parallel = try XCTUnwrap(JSONTreeParser.parseInParallel(data))
      XCTAssertEqual(Self.describe(parallel), Self.describe(expected), String(text.prefix(40)))
      let parsed = try XCTUnwrap(JSONTreeParser.parse(data))
      XCTAssertEqual(Self.describe(parsed), Self.describe(expected), String(text.prefix(40)))
    }
  }

  func testParallelSplitsIntoSeveralChunks() {
    let ranges = (0..<1000).map { $0 * 100..<$0 * 100 + 99 }
    let boundaries = JSONTreeParser.chunkBoundaries(ranges)

    XCTAssertEqual(boundaries.first, 0)
    XCTAssertEqual(boundaries.last, 1000)
    XCTAssertEqual(boundaries, boundaries.sorted())
    XCTAssertGreaterThan(boundaries.count, 2)
    XCTAssertEqual(JSONTreeParser.chunkBoundaries([]), [0, 0])
  }

  func testParallelSmallAndOtherDocuments() throws {
    let cases: [(text: String, expected: String?)] = [
      ("[ ]", "[]"),
      (" { } ", "{}"),
      (#"{"a": [ ], "b": [1]}"#, "{61:[],62:[ni1]}"),
      (#"[[1, 2], {"k": "v"}]"#, "[[ni1,ni2],{6b:s76}]"),
      (#""text""#, nil),
      ("7", nil),
      ("\u{FEFF}[1]", nil),
    ]
    for (text, expected) in cases {
      let parsed = JSONTreeParser.parseInParallel(Data(text.utf8))
      XCTAssertEqual(parsed.map(Self.describe), expected, text.debugDescription)
    }
  }

  func testParallelRejectsInvalidLargeDocuments() {
    let head = Self.largeArray(7000)
    let tail = Self.largeArray(1000, from: 7000)
    let middle = String(head.dropLast(2))
    let invalid = [
      middle + ",\n]",
      middle + "\n" + String(tail.dropFirst(1)),
      middle + #",\n{"a": 1, "a": 2}\n]"#,
      middle + #",\n{"open": "text]}\n]"#,
      middle + ",\n{]\n]",
      middle + ",\n[}\n]",
      middle + ",,\n" + String(tail.dropFirst(2)),
      head + " x",
      String(head.dropLast(1)),
      #"{"a": \#(head), "a": 1}"#,
      #"{"a": \#(head) "b": 1}"#,
      #"{"a": \#(head), "b": [1,]}"#,
      #"{"a": \#(head),}"#,
    ]
    for text in invalid {
      let data = Data(text.utf8)
      let summary = String(text.suffix(60)).debugDescription

      XCTAssertGreaterThan(data.count, JSONTreeParser.parallelMinimumBytes, summary)
      XCTAssertNil(JSONTreeParser.parseInParallel(data), summary)
      XCTAssertNil(JSONTreeParser.parseOnOneThread(data), summary)
    }
  }

  func testCursorErrorInLargeDocument() {
    let head = String(Self.largeArray(4000).dropLast(2))
    let broken = Self.largeElement(1).replacingOccurrences(of: "-1.5", with: "-.5")
    let text = head + ",\n" + broken + ",\n" + String(Self.largeArray(4000).dropFirst(2))
    let line = head.filter { $0 == "\n" }.count + 2
    // Foundation reports the byte after the minus sign, counting from 0.
    let beforeMinus = broken.components(separatedBy: "-.5")[0]
    let offsetInLine = beforeMinus.utf8.count + 1
    let offset = head.utf8.count + 2 + offsetInLine
    // Columns count characters, and some characters of the element take several bytes.
    let column = beforeMinus.unicodeScalars.count + 2

    XCTAssertThrowsError(try JSONCursor.parse(Data(text.utf8), file: "large.json")) { error in
      let error = error as? ImportError
      XCTAssertEqual(error?.location, "line \(line), column \(column)")
      XCTAssertEqual(
        error?.problem, "invalid JSON (Invalid value around character \(offset))")
    }
  }

  func testCursorErrorsGetPlaceFoundationOmits() {
    let cases: [(text: String, location: String, problem: String)] = [
      (
        "{\n  \"a\": [\n    \"x\",\n    \"bad \\ud800 here\",\n    \"y\"\n  ]\n}\n",
        "line 4, column 16",
        "invalid JSON (a \\u escape of a high surrogate, D800 to DBFF, is not followed by one "
          + "of a low surrogate, DC00 to DFFF)"
      ),
      (
        "{\n  \"a\": \"åäö\\uZZZZ\"\n}\n", "line 2, column 14",
        "invalid JSON (Invalid hex encoded sequence in \"ZZZZ\" at 18)"
      ),
      (
        "{\n  \"a\": \"\\udc00\"\n}\n", "line 2, column 15",
        "invalid JSON (Unable to convert hex escape sequence (no high character) to "
          + "UTF8-encoded character)"
      ),
      (
        "{\n  \"a\": 1e999999\n}\n", "line 2, column 16",
        "invalid JSON (Number 1e999999 is not representable in Swift)"
      ),
      (
        "{\n  \"a\": \"line\nbreak\"\n}\n", "line 2, column 13",
        "invalid JSON (Unescaped control character around character 14)"
      ),
      (
        "{\n  \"a\": \"\\uZZZZ\"\n}\n", "line 2, column 11",
        "invalid JSON (Invalid hex encoded sequence in \"ZZZZ\" at 12)"
      ),
    ]
    for (text, location, problem) in cases {
      XCTAssertThrowsError(try JSONCursor.parse(Data(text.utf8), file: "bad.json")) { error in
        let error = error as? ImportError
        XCTAssertEqual(error?.location, location, text)
        XCTAssertEqual(error?.problem, problem, text)
      }
    }
  }

  /// Describes a value exactly: member names and strings as hex scalars, and numbers with
  /// the Objective-C type code that `NSNumber` stores and the text it gives.
  static func describe(_ value: Any) -> String {
    switch value {
    case let object as [String: Any]:
      let members = object.sorted { $0.key < $1.key }.map { "\(hex($0)):\(describe($1))" }
      return "{" + members.joined(separator: ",") + "}"
    case let array as [Any]:
      return "[" + array.map(describe).joined(separator: ",") + "]"
    case let string as String:
      return "s" + hex(string)
    case is NSNull:
      return "null"
    case let number as NSNumber:
      return "n" + String(cString: number.objCType) + number.stringValue
    default:
      return "unknown \(value)"
    }
  }

  private static func hex(_ string: String) -> String {
    string.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " ")
  }
}
