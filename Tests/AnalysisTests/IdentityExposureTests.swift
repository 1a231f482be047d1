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

  func testRankMeasuresDeepestHopPerIdentity() {
    let graph = SmallEstate.graph()
    let ranking = IdentityExposure.rank(in: graph)

    XCTAssertEqual(ranking.map(\.deepestHop), [5, 4, 2, 1, 1])
    XCTAssertEqual(ranking.map(\.reached), [6, 5, 3, 2, 1])
  }

  func testRiskiestMatchesRankAmongReachingIdentities() {
    var builder = EstateBuilder()
    let loner = builder.define(Node(id: "a-loner", kind: .human, platform: .aws))
    let graph = SmallEstate.graph()
    let lonerGraph = builder.freeze()

    for (estate, count) in [(graph, 3), (graph, 10), (lonerGraph, 5)] {
      let reach = EstateReach(graph: estate, identities: IdentityExposure.identities(in: estate))
      let expected = IdentityExposure.rank(in: estate).filter { $0.reached > 0 }.prefix(count)

      XCTAssertEqual(IdentityExposure.riskiest(count, of: reach, in: estate), Array(expected))
    }
    XCTAssertEqual(IdentityExposure.rank(in: lonerGraph).map(\.identity), [loner])
  }
}
