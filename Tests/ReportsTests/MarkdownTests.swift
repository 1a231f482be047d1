import XCTest

@testable import Reports

final class MarkdownTests: XCTestCase {
  func testEscapeNeutralisesMarkupAndLineBreaks() {
    XCTAssertEqual(Markdown.escape("a|b"), "a\\|b")
    XCTAssertEqual(Markdown.escape("<script>&"), "&lt;script&gt;&amp;")
    XCTAssertEqual(Markdown.escape("one\ntwo\r\nthree"), "one two three")
    XCTAssertEqual(Markdown.escape("[x](y)"), "\\[x\\](y)")
    XCTAssertEqual(Markdown.escape("bell\u{7}"), "bell")
  }

  func testCodeSpanGrowsFenceAroundBackticks() {
    XCTAssertEqual(Markdown.code("arn:aws:s3:::b"), "`arn:aws:s3:::b`")
    XCTAssertEqual(Markdown.code("a`b"), "``a`b``")
    XCTAssertEqual(Markdown.code("`x"), "`` `x ``")
    XCTAssertEqual(Markdown.code("a|b\nc"), "`a\\|b c`")
  }
}
