import Foundation
import XCTest

@testable import Importers

final class FlatJSONObjectTests: XCTestCase {
  private func parse(_ text: String) throws -> [FlatJSONObject.Member] {
    try FlatJSONObject.parse(
      Data(text.utf8), file: "w.json", expected: "an object of numbers", example: "{\"a\": 1}")
  }

  private func error(_ text: String) -> ImportError? {
    do {
      _ = try parse(text)
      return nil
    } catch {
      return error as? ImportError
    }
  }

  func testMembersKeepFileOrderAndNumberText() throws {
    let members = try parse("{\"b\": 1e400, \"a\": -0.50, \"c\": \"x\", \"d\": [1], \"e\": null}")
    XCTAssertEqual(members.map(\.key), ["b", "a", "c", "d", "e"])
    XCTAssertEqual(
      members.map(\.value),
      [.number("1e400"), .number("-0.50"), .other("a string"), .other("an array"), .other("null")])
  }

  func testRepeatedKeyIsRejected() {
    XCTAssertEqual(
      error("{\"a\": 1, \"b\": 2, \"a\": 1}")?.description,
      "w.json:a: \"a\" is given twice; keep one of the two values")
  }

  func testEmptyAndMalformedInput() {
    let empty = "w.json: the file is empty; write an object of numbers such as {\"a\": 1}"
    XCTAssertEqual(error("")?.description, empty)
    XCTAssertEqual(error("\r\n\t ")?.description, empty)
    XCTAssertEqual(
      error("[1]")?.description,
      "w.json: expected an object of numbers, found an array; write it as {\"a\": 1}")
    XCTAssertEqual(
      error("{\"a\": 1} x")?.description,
      "w.json:line 1, column 10: invalid JSON (unexpected text after the end of the document); "
        + "fix the JSON at that place")
    XCTAssertEqual(
      error("{\"a\": ")?.description,
      "w.json:line 1, column 7: the JSON ends early (truncated file?); fix the JSON at that place")
  }
}
