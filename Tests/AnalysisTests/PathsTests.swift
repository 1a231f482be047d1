import AccessGraph
import Analysis
import XCTest

final class PathsTests: XCTestCase {
  func testPathFromOnPremisesServiceToAdminHasEveryHop() throws {
    let graph = SmallEstate.graph()
    let paths = graph.shortestPaths(from: [try graph.resolveNode("svc-jenkins")], to: .admin)

    XCTAssertEqual(paths.count, 1)
    let path = try XCTUnwrap(paths.first)
    XCTAssertEqual(
      path.nodes.map { graph.node($0).id },
      [
        "svc-jenkins", "AKIAEXAMPLE", "arn:aws:iam::111122223333:user/ci",
        "arn:aws:iam::111122223333:role/admin", "aws:admin/111122223333",
      ])
    XCTAssertEqual(path.hops.map(\.relation), [.reads, .authenticatesAs, .assumes, .access])
    XCTAssertEqual(path.hops.map(\.provenance.grant), ["reads", "key", "trust", "admin"])
    XCTAssertEqual(path.hops[2].actions, ["sts:AssumeRole"])
    XCTAssertFalse(path.isConditional)
  }

  func testPathsToCrownJewelsAndToOneNode() throws {
    let graph = SmallEstate.graph()
    let ci = try graph.resolveNode("ci")

    let jewels = graph.shortestPaths(from: [ci], to: .crownJewels)
    XCTAssertEqual(jewels.map { graph.node($0.target).id }, ["arn:aws:s3:::payroll"])
    XCTAssertTrue(jewels[0].isConditional)
    let toRole = graph.shortestPaths(from: [ci], to: .node(try graph.resolveNode("admin")))
    XCTAssertEqual(toRole.map(\.hops.count), [1])
  }

  func testNoPathGivesEmptyResult() throws {
    let graph = SmallEstate.graph()

    XCTAssertEqual(
      graph.shortestPaths(from: [try graph.resolveNode("analyst")], to: .admin), [])
  }
}
