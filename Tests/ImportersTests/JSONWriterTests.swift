import Foundation
import XCTest

@testable import Importers

final class JSONWriterTests: XCTestCase {
  /// Strings that break naive escapers: quotes, backslashes, every control character,
  /// DEL, line and paragraph separators, a byte order mark, noncharacters, scalars beyond
  /// the Basic Multilingual Plane, combining marks and text that looks like escapes.
  static let hostileStrings: [String] = [
    "",
    "plain",
    "\"",
    "\\",
    "\\\"",
    "\"\\\"\\\\\"",
    "a/b",
    "</script>",
    String(String.UnicodeScalarView((0..<0x20).map { Unicode.Scalar($0)! })),
    "\u{0}",
    "nul\u{0}inside",
    "\u{7F}",
    "\u{80}\u{9F}",
    "\u{2028}\u{2029}",
    "\u{FEFF}bom",
    "\u{FFFE}\u{FFFF}",
    "\u{10FFFF}",
    "😀 👩‍👩‍👧 🇩🇪",
    "e\u{301}",
    "é",
    "\\u0041",
    "\\n",
    "tab\there\r\nnext",
    "arn:aws:iam::111122223333:role/\"; DROP",
    "CORP\\svc-jenkins",
    "{\"nested\": [1, 2]}",
    String(repeating: "\"\\\u{1}x", count: 500),
    String(repeating: "long run without escapes ", count: 2_000),
  ]

  func testStringEscapesMatchExactText() {
    let cases: [(String, String)] = [
      ("plain", #""plain""#),
      ("\"", #""\"""#),
      ("\\", #""\\""#),
      ("a/b", #""a/b""#),
      ("\u{8}\u{9}\u{A}\u{C}\u{D}", #""\b\t\n\f\r""#),
      ("\u{0}\u{1}\u{B}\u{1F}", #""\u0000\u0001\u000b\u001f""#),
      ("\u{7F}\u{2028}é😀", "\"\u{7F}\u{2028}é😀\""),
      ("e\u{301}", "\"e\u{301}\""),
      ("\u{FEFF}bom", #""\ufeffbom""#),
      ("a\u{FEFF}\u{FEFF}", #""a\ufeff\ufeff""#),
    ]
    for (input, expected) in cases {
      var writer = JSONWriter()
      writer.string(input)
      XCTAssertEqual(
        String(decoding: writer.bytes, as: UTF8.self), expected, "\(input.debugDescription)")
    }
  }

  /// Each character that needs a look, at every offset of a 20-byte ASCII run, so that it
  /// falls at each place of the eight-byte words that the writer skips through.
  func testEscapesAtEveryOffsetOfALongRun() {
    let specials: [(String, String)] = [
      ("\"", #"\""#), ("\\", #"\\"#), ("\n", #"\n"#), ("\u{0}", #"\u0000"#),
      ("\u{1F}", #"\u001f"#), ("\u{FEFF}", #"\ufeff"#), ("é", "é"), ("😀", "😀"),
      ("\u{7F}", "\u{7F}"), (" ", " "), ("!", "!"), ("#", "#"), ("[", "["), ("]", "]"),
    ]
    let run = "abcdefghijklmnopqrst"
    for (special, escaped) in specials {
      for offset in 0...run.count {
        let head = String(run.prefix(offset))
        let tail = String(run.dropFirst(offset))
        var writer = JSONWriter()
        writer.string(head + special + tail)
        XCTAssertEqual(
          String(decoding: writer.bytes, as: UTF8.self), "\"" + head + escaped + tail + "\"",
          "\(special.debugDescription) at \(offset)")
      }
    }
  }

  func testHostileStringsRoundTripThroughJSONSerialization() throws {
    for string in Self.hostileStrings {
      var writer = JSONWriter()
      writer.beginArray()
      writer.string(string)
      writer.endArray()

      let parsed = try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [String]
      let decoded = try XCTUnwrap(parsed?.first, string.debugDescription)
      // `String` equality treats canonical equivalents as equal, so compare scalars.
      XCTAssertEqual(
        Array(decoded.unicodeScalars), Array(string.unicodeScalars), string.debugDescription)
    }
  }

  func testHostileStringsMatchJSONEncoderBytes() throws {
    for string in Self.hostileStrings {
      var writer = JSONWriter()
      writer.beginObject()
      writer.member(string, string)
      writer.endObject()

      let encoded = try Self.encoder.encode([string: string])
      XCTAssertEqual(
        writer.bytes, Self.escapingByteOrderMarks(encoded), string.debugDescription)
    }
  }

  func testOutputHasNoRawControlCharacters() {
    var writer = JSONWriter()
    writer.beginArray()
    for string in Self.hostileStrings {
      writer.string(string)
    }
    writer.endArray()

    XCTAssertNotNil(String(validating: writer.bytes, as: UTF8.self))
    XCTAssertEqual(writer.bytes.filter { $0 < 0x20 && $0 != 0x0A }, [])
  }

  func testNestedContainersMatchJSONEncoderLayout() throws {
    struct Sample: Encodable {
      var empty: [String] = []
      var emptyObject: [String: String] = [:]
      var flag = true
      var list = ["a", "b"]
      var nested: [String: String] = ["k": "v"]
      var number = 42
    }
    var writer = JSONWriter()
    writer.beginObject()
    writer.member("empty", [String]())
    writer.key("emptyObject")
    writer.beginObject()
    writer.endObject()
    writer.member("flag", true)
    writer.member("list", ["a", "b"])
    writer.key("nested")
    writer.beginObject()
    writer.member("k", "v")
    writer.endObject()
    writer.key("number")
    writer.integer(42)
    writer.endObject()

    let expected = """
      {
        "empty" : [

        ],
        "emptyObject" : {

        },
        "flag" : true,
        "list" : [
          "a",
          "b"
        ],
        "nested" : {
          "k" : "v"
        },
        "number" : 42
      }
      """
    XCTAssertTrue(writer.isComplete)
    XCTAssertEqual(String(decoding: writer.bytes, as: UTF8.self), expected)
    XCTAssertEqual(writer.bytes, Array(try Self.encoder.encode(Sample())))
  }

  func testRemoveAllBytesKeepsNesting() {
    var writer = JSONWriter()
    writer.beginArray()
    writer.string("first")
    writer.removeAllBytes()
    writer.string("second")
    writer.endArray()

    XCTAssertTrue(writer.isComplete)
    XCTAssertEqual(String(decoding: writer.bytes, as: UTF8.self), ",\n  \"second\"\n]")
  }

  func testRenderedElementsJoinWrittenOnes() {
    var writer = JSONWriter()
    let rendered = Array(",\n  \"b\",\n  \"c\"".utf8)
    writer.beginArray()
    writer.string("a")
    writer.appendRenderedElements(count: 2, size: rendered.count) { buffer in
      buffer.copyBytes(from: rendered)
    }
    writer.string("d")
    writer.endArray()

    XCTAssertTrue(writer.isComplete)
    XCTAssertEqual(
      String(decoding: writer.bytes, as: UTF8.self), "[\n  \"a\",\n  \"b\",\n  \"c\",\n  \"d\"\n]")
  }

  func testNoRenderedElementsLeaveArrayEmpty() {
    var writer = JSONWriter()
    writer.beginArray()
    writer.appendRenderedElements(count: 0, size: 0) { _ in }
    writer.endArray()

    XCTAssertEqual(String(decoding: writer.bytes, as: UTF8.self), "[\n\n]")
  }

  func testOpenContainerIsNotComplete() {
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("open")

    XCTAssertFalse(writer.isComplete)
  }

  /// Returns `json` with every raw U+FEFF replaced by `\ufeff`, the one escape in which
  /// `JSONWriter` differs from `JSONEncoder`.
  static func escapingByteOrderMarks(_ json: Data) -> [UInt8] {
    let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
    var result: [UInt8] = []
    var index = json.startIndex
    while index < json.endIndex {
      if json[index...].starts(with: mark) {
        result += Array(#"\ufeff"#.utf8)
        index += 3
      } else {
        result.append(json[index])
        index += 1
      }
    }
    return result
  }

  static let encoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return encoder
  }()
}
