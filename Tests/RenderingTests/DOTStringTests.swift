import XCTest

@testable import Rendering

final class DOTStringTests: XCTestCase {
  func testQuotedEscapesEverySpecialCharacter() {
    let cases: [(String, String)] = [
      ("plain", #""plain""#),
      (#"say "hi""#, #""say \"hi\"""#),
      (#"back\slash"#, #""back\\slash""#),
      (#"\N\l\G"#, #""\\N\\l\\G""#),
      ("one\ntwo", #""one\ntwo""#),
      ("one\r\ntwo", #""one\ntwo""#),
      ("one\rtwo", #""one\ntwo""#),
      ("one\n\ntwo", #""one\n\ntwo""#),
      ("tab\there", #""tab here""#),
      ("bell\u{7}nul\u{0}del\u{7F}c1\u{85}end", #""bellnuldelc1end""#),
      ("non\u{FFFE}char\u{FFFF}", #""nonchar""#),
      ("\u{FEFF}r\u{202E}tl\u{202D}x\u{2067}y\u{061C}", #""rtlxy""#),
      ("line\u{2028}para\u{2029}end", #""line\npara\nend""#),
      ("R&D &lt;", #""R&amp;D &amp;lt;""#),
      ("<script>", #""<script>""#),
      ("ünïcødé ✓", #""ünïcødé ✓""#),
      ("", #""""#),
    ]
    for (input, expected) in cases {
      XCTAssertEqual(DOTString.quoted(input), expected, "input: \(input.debugDescription)")
    }
  }

  func testHTMLTextEscapesMarkup() {
    XCTAssertEqual(HTMLText.escaped(#"<b>"x" & y</b>"#), "&lt;b&gt;&quot;x&quot; &amp; y&lt;/b&gt;")
    XCTAssertEqual(HTMLText.escaped("a\nb\u{1}c"), "a bc")
  }

  func testMiddleAbbreviationKeepsBothEnds() {
    let text = String(repeating: "a", count: 30) + String(repeating: "z", count: 30)
    let short = Abbreviation.middle(text, maximumLength: 11)

    XCTAssertEqual(short, "aaaaa…zzzzz")
    XCTAssertEqual(short.count, 11)
    XCTAssertEqual(Abbreviation.middle("short", maximumLength: 11), "short")
    XCTAssertEqual(Abbreviation.middle(String(repeating: "b", count: 40)).count, 40)
    XCTAssertEqual(Abbreviation.middle(String(repeating: "b", count: 41)).count, 40)
  }

  func testEndAbbreviation() {
    XCTAssertEqual(Abbreviation.end("abcdefgh", maximumLength: 5), "abcd…")
    XCTAssertEqual(Abbreviation.end("abc", maximumLength: 5), "abc")
  }

  func testActionsListThreeAndCountRest() {
    XCTAssertEqual(Abbreviation.actions([]), "")
    XCTAssertEqual(Abbreviation.actions(["a", "b", "c"]), "a, b, c")
    XCTAssertEqual(Abbreviation.actions(["a", "b", "c", "d", "e"]), "a, b, c +2 more")
  }
}
