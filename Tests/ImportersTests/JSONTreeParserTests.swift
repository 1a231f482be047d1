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
