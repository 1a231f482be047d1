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

  // MARK: Marks that join a special character into one grapheme cluster

  /// A name whose `|`, `<` and `>` each share a grapheme cluster with a combining or a
  /// prepended mark.
  private let hostileName = "A |\u{301} B \u{600}<img src=x onerror=alert(1)>\u{301}"

  /// Returns the offsets of `|` scalars that do not follow an odd run of backslash scalars.
  private func unescapedPipeOffsets(in text: String) -> [Int] {
    let scalars = Array(text.unicodeScalars)
    return scalars.indices.filter { index in
      guard scalars[index] == "|" else { return false }
      let backslashes = scalars[..<index].reversed().prefix { $0 == "\\" }.count
      return backslashes % 2 == 0
    }
  }

  func testEscapeHandlesMarkedSpecialScalars() {
    let escaped = Markdown.escape(hostileName)
    XCTAssertEqual(
      escaped, "A \\|\u{301} B \u{600}&lt;img src=x onerror=alert(1)&gt;\u{301}")
    XCTAssertEqual(unescapedPipeOffsets(in: escaped), [])
    XCTAssertFalse(escaped.unicodeScalars.contains("<"))
    XCTAssertFalse(escaped.unicodeScalars.contains(">"))
  }

  func testEscapeHandlesEachMarkedScalar() {
    XCTAssertEqual(Markdown.escape("a|\u{301}b"), "a\\|\u{301}b")
    XCTAssertEqual(Markdown.escape("<\u{301}b"), "&lt;\u{301}b")
    XCTAssertEqual(Markdown.escape("a`\u{301}b"), "a\\`\u{301}b")
    XCTAssertEqual(Markdown.escape("\u{600}<b"), "\u{600}&lt;b")
    XCTAssertEqual(Markdown.escape("[\u{301}x]\u{301}"), "\\[\u{301}x\\]\u{301}")
    XCTAssertFalse(Markdown.escape("<\u{301}b").unicodeScalars.contains("<"))
    XCTAssertFalse(Markdown.escape("\u{600}<b").unicodeScalars.contains("<"))
    XCTAssertEqual(unescapedPipeOffsets(in: Markdown.escape("a|\u{301}b")), [])
  }

  func testEscapeDropsControlScalarsByScalar() {
    XCTAssertEqual(Markdown.escape("a\u{1b}[31mb"), "a\\[31mb")
    XCTAssertEqual(Markdown.escape("a\u{7}\u{301}b"), "a\u{301}b")
    XCTAssertEqual(Markdown.escape("a\tb\rc"), "a b c")
    XCTAssertEqual(Markdown.escape("a\u{2028}b"), "a b")
  }

  func testEscapeDropsBidirectionalControls() {
    XCTAssertEqual(Markdown.escape("\u{FEFF}a\u{202E}b\u{202D}c\u{2066}d\u{200F}"), "abcd")
    XCTAssertEqual(Markdown.code("a\u{202E}b\u{2029}c"), "`ab c`")
  }

  func testCodeHandlesMarkedPipeAndBacktick() {
    let code = Markdown.code(hostileName)
    XCTAssertEqual(code, "`A \\|\u{301} B \u{600}<img src=x onerror=alert(1)>\u{301}`")
    XCTAssertEqual(unescapedPipeOffsets(in: code), [])
    XCTAssertEqual(Markdown.code("a`\u{301}b"), "``a`\u{301}b``")
    XCTAssertEqual(Markdown.code("`\u{301}x"), "`` `\u{301}x ``")
    XCTAssertEqual(Markdown.code("x\u{600}`"), "`` x\u{600}` ``")
    XCTAssertEqual(Markdown.code("a``\u{301}b`"), "``` a``\u{301}b` ```")
  }

  func testCodeFenceStaysApartFromMarks() {
    XCTAssertEqual(Markdown.code("\u{301}x"), "` \u{301}x `")
    XCTAssertEqual(Markdown.code("x\u{600}"), "` x\u{600} `")
    XCTAssertEqual(Markdown.code("a\u{0}b\r\nc"), "`ab c`")
  }
}
