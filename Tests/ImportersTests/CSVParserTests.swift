import XCTest

@testable import Importers

final class CSVParserTests: XCTestCase {
  private func records(_ text: String) throws -> [CSVParser.Record] {
    try CSVParser.records(in: text, file: "test.csv")
  }

  func testQuotedFieldsKeepCommasAndQuotes() throws {
    XCTAssertEqual(
      try records("a,\"b,c\",\"say \"\"hi\"\"\"\n"),
      [CSVParser.Record(line: 1, fields: ["a", "b,c", "say \"hi\""])])
  }

  func testCRLFAndMissingFinalBreak() throws {
    XCTAssertEqual(
      try records("a,b\r\n,\r\nc,d"),
      [
        CSVParser.Record(line: 1, fields: ["a", "b"]),
        CSVParser.Record(line: 2, fields: ["", ""]),
        CSVParser.Record(line: 3, fields: ["c", "d"]),
      ])
  }

  func testLineBreakInQuotesCountsLines() throws {
    XCTAssertEqual(
      try records("\"x\ny\",z\n\nw\n"),
      [
        CSVParser.Record(line: 1, fields: ["x\ny", "z"]),
        CSVParser.Record(line: 4, fields: ["w"]),
      ])
  }

  func testQuotedEmptyLineIsRecord() throws {
    XCTAssertEqual(try records("\"\"\n"), [CSVParser.Record(line: 1, fields: [""])])
  }

  func testUnclosedQuoteNamesStartLine() {
    XCTAssertThrowsError(try records("a\n\"b\nc\n")) {
      XCTAssertEqual(
        ($0 as? ImportError)?.description,
        "test.csv:line 2: the quoted field that starts here is never closed; add the closing "
          + "quote, or export the file again")
    }
  }

  func testStrayQuotesAreErrors() {
    XCTAssertThrowsError(try records("a,b\"c\n")) {
      XCTAssertEqual(($0 as? ImportError)?.location, "line 1")
    }
    XCTAssertThrowsError(try records("a\n\"b\"c\n")) {
      XCTAssertEqual(
        ($0 as? ImportError)?.problem, "text follows the closing quote of a field")
      XCTAssertEqual(($0 as? ImportError)?.location, "line 2")
    }
  }
}
