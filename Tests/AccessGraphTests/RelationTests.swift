import XCTest

@testable import AccessGraph

final class RelationTests: XCTestCase {
  func testOrderIsDeclarationOrder() {
    XCTAssertEqual(Relation.allCases.map(\.order), Array(0..<Relation.allCases.count))
  }

  func testLessThanFollowsOrder() {
    XCTAssertTrue(Relation.memberOf < Relation.federates)
    XCTAssertTrue(Relation.access < Relation.contains)
    XCTAssertFalse(Relation.escalates < Relation.assumes)
    XCTAssertFalse(Relation.reads < Relation.reads)
  }

  func testEqualityAndHashFollowCase() {
    XCTAssertEqual(Relation(rawValue: "access"), Relation.access)
    XCTAssertNotEqual(Relation.access, Relation.reads)
    XCTAssertEqual(Set(Relation.allCases + Relation.allCases).count, Relation.allCases.count)
  }
}
