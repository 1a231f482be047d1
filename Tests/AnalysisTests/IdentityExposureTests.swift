import AccessGraph
import Analysis
import XCTest

final class IdentityExposureTests: XCTestCase {
  func testIdentitiesReachingAdminComeFirst() {
    let graph = SmallEstate.graph()
    let ranking = IdentityExposure.rank(in: graph)

    XCTAssertEqual(
      ranking.map { graph.node($0.identity).id },
      [
        "jenkins", "svc-jenkins", "arn:aws:iam::111122223333:user/ci",
        "arn:aws:iam::111122223333:role/admin", "arn:aws:iam::111122223333:user/analyst",
      ])
    XCTAssertEqual(ranking[0].privileges, 1)
    XCTAssertEqual(ranking[0].crownJewels, 1)
    XCTAssertEqual(ranking[0].platforms, 2)
    XCTAssertEqual(ranking[4].privileges, 0)
  }
}
