import XCTest

@testable import Importers

final class StringUTF8SearchTests: XCTestCase {
  func testFindsPartsAnywhere() {
    XCTAssertTrue("arn:aws:s3:::logs/*".contains(utf8: "*"))
    XCTAssertTrue("*".contains(utf8: "*"))
    XCTAssertTrue("table/${aws:username}".contains(utf8: "${"))
    XCTAssertTrue("arn:aws:iam::111122223333:saml-provider/okta".contains(utf8: ":saml-provider/"))
    XCTAssertTrue("$$${".contains(utf8: "${"))
    XCTAssertTrue("anything".contains(utf8: ""))
  }

  func testMissesAbsentParts() {
    XCTAssertFalse("arn:aws:s3:::logs".contains(utf8: "*"))
    XCTAssertFalse("".contains(utf8: "?"))
    XCTAssertFalse("cost $ {x}".contains(utf8: "${"))
    XCTAssertFalse("table/$".contains(utf8: "${"))
    XCTAssertFalse(":saml-provider".contains(utf8: ":saml-provider/"))
  }

  func testComparesCodePointsNotCanonicalEquivalents() {
    // "é" as one scalar and as "e" with a combining accent are different bytes.
    XCTAssertFalse("caf\u{E9}".contains(utf8: "e"))
    XCTAssertTrue("cafe\u{301}".contains(utf8: "e"))
    XCTAssertTrue("a*\u{301}".contains(utf8: "*"))
  }

  func testSearchesWithinSubstrings() {
    let text = "arn:aws:s3:::bucket/key*"
    let bucket = text.dropFirst(13).prefix(6)
    XCTAssertEqual(bucket, "bucket")
    XCTAssertFalse(bucket.contains(utf8: "*"))
    XCTAssertTrue(text.dropFirst(13).contains(utf8: "*"))
  }
}
