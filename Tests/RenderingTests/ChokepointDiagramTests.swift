import AccessGraph
import Analysis
import XCTest

@testable import Rendering

final class ChokepointDiagramTests: XCTestCase {
  private func diagram(
    _ graph: AccessGraph = Fixtures.chokepoints(), top: Int = 4, pathsPerEdge: Int = 3,
    maximumPaths: Int = 20
  ) -> Diagram {
    let chokepoints = Chokepoints(graph: graph, target: .admin)
    return Diagram.chokepoints(
      chokepoints, in: graph, top: top, pathsPerEdge: pathsPerEdge, maximumPaths: maximumPaths)
  }

  private func name(_ id: DiagramNode.ID, in diagram: Diagram) -> String {
    diagram.nodes.first { $0.id == id }!.name
  }

  /// Returns each chokepoint edge as `source -> target`, with its rank and score.
  private func marks(of diagram: Diagram) -> [String: DiagramEdge.ChokepointRank] {
    var result: [String: DiagramEdge.ChokepointRank] = [:]
    for edge in diagram.edges {
      if let chokepoint = edge.chokepoint {
        result["\(name(edge.source, in: diagram)) -> \(name(edge.target, in: diagram))"] =
          chokepoint
      }
    }
    return result
  }

  func testTopEdgesCarryRankAndScore() {
    let marked = marks(of: diagram())

    XCTAssertEqual(
      marked,
      [
        "deploy -> platform-admin": .init(rank: 1, score: 5),
        "devs -> deploy": .init(rank: 2, score: 2),
        "ci-user -> deploy": .init(rank: 3, score: 2),
        "r1 -> platform-admin": .init(rank: 4, score: 1.5),
      ])
  }

  func testPathsRunFromSourcesToTarget() {
    let drawn = diagram()
    let edges = Set(
      drawn.edges.map { "\(name($0.source, in: drawn)) -> \(name($0.target, in: drawn))" })

    XCTAssertEqual(drawn.kind, .chokepoints)
    XCTAssertEqual(
      drawn.title,
      "The top 4 chokepoints on the shortest attack paths to admin, with 6 paths through them")
    XCTAssertEqual(
      Set(drawn.nodes.filter(\.isSource).map(\.name)),
      ["alice", "bob", "carol", "ci-user", "r1", "CORP\\svc-ci"])
    XCTAssertEqual(
      edges,
      [
        "alice -> devs", "bob -> devs", "devs -> deploy", "ci-user -> deploy",
        "deploy -> platform-admin", "platform-admin -> account admin",
        "CORP\\svc-ci -> AWS key of ci-user", "AWS key of ci-user -> ci-user",
        "carol -> r1", "r1 -> platform-admin",
      ])
    XCTAssertTrue(drawn.edges.allSatisfy(\.isHighlighted))
  }

  func testEveryRankedEdgeGetsOnePath() {
    let drawn = diagram(top: 5, maximumPaths: 1)

    XCTAssertEqual(marks(of: drawn).values.map(\.rank).sorted(), [1, 2, 3, 4, 5])
    XCTAssertEqual(
      drawn.title,
      "The top 5 chokepoints on the shortest attack paths to admin, with 4 paths through them")
  }

  func testOnePathPerEdgeWhenLimited() {
    let drawn = diagram(top: 1, pathsPerEdge: 1)

    XCTAssertEqual(marks(of: drawn), ["deploy -> platform-admin": .init(rank: 1, score: 5)])
    XCTAssertEqual(drawn.nodes.filter(\.isSource).map(\.name), ["alice"])
    XCTAssertEqual(
      drawn.title,
      "The top chokepoint on the shortest attack paths to admin, with 1 path through them")
  }

  func testNoChokepointsGiveEmptyDiagram() {
    var builder = EstateBuilder()
    builder.define(
      Node(id: "alice", kind: .human, platform: .aws, account: "1", name: "alice"))
    builder.define(
      Node(id: "admin", kind: .privilege, platform: .aws, account: "1", name: "admin"))
    let drawn = diagram(builder.freeze())

    XCTAssertTrue(drawn.nodes.isEmpty)
    XCTAssertTrue(drawn.edges.isEmpty)
    XCTAssertEqual(
      drawn.title, "No chokepoints: no attack path to admin uses a grant that can be revoked")
  }

  func testLegendListsChokepointStyle() {
    let legend = diagram().legend

    XCTAssertEqual(legend.edgeStyles, [.pathHop, .chokepoint])
    XCTAssertEqual(legend.platforms, [.aws, .onPremises])
    XCTAssertTrue(legend.hasSource)
  }

  func testScoreTextRoundsToThreeDecimals() {
    let cases: [(Double, String)] = [
      (5, "5"), (17.0 / 3, "5.667"), (1.5, "1.5"), (0.25, "0.25"), (2.0004, "2"),
      (0.0996, "0.1"), (1234.5, "1234.5"),
    ]
    for (score, text) in cases {
      XCTAssertEqual(DOTLabel.scoreText(score), text, "score \(score)")
    }
  }
}
