import AccessGraph
import Analysis
import XCTest

final class ChokepointsTests: XCTestCase {
  /// alice and bob are members of ops, which assumes admin-role; carol assumes admin-role
  /// too; dave assumes r1 and r2, each of which has access to admin, so dave's one pair
  /// splits in half. admin-role, r1 and r2 hold admin. They are sources of their own pairs
  /// only when holders are included.
  private func estate() -> CutEstate {
    var estate = CutEstate()
    for human in ["alice", "bob", "carol", "dave"] { estate.add(human, .human) }
    estate.add("ops", .group)
    for role in ["admin-role", "r1", "r2"] { estate.add(role, .serviceIdentity) }
    estate.add("admin", .privilege)
    estate.connect("alice", "ops", .memberOf)
    estate.connect("bob", "ops", .memberOf)
    estate.connect("ops", "admin-role", .assumes)
    estate.connect("carol", "admin-role", .assumes)
    estate.connect("admin-role", "admin", .access)
    estate.connect("dave", "r1", .assumes)
    estate.connect("dave", "r2", .assumes)
    estate.connect("r1", "admin", .access)
    estate.connect("r2", "admin", .access)
    return estate
  }

  func testScoresCountPairsExactly() {
    let graph = estate().freeze()
    let chokepoints = Chokepoints(graph: graph, target: .admin, keepsHolders: false)
    let edgeScores = Dictionary(
      uniqueKeysWithValues: chokepoints.edges.map {
        (graph.provenance(of: $0.edge).grant, $0.score)
      })
    let nodeScores = chokepoints.nodes.map { graph.node($0.node).id + " \($0.score)" }

    XCTAssertEqual(chokepoints.pairCount, 7)
    XCTAssertEqual(chokepoints.sources.count, 7)
    XCTAssertEqual(
      edgeScores,
      [
        "admin-role access admin": 3 + 1, "ops assumes admin-role": 2,
        "alice memberOf ops": 1, "bob memberOf ops": 1, "carol assumes admin-role": 1,
        "dave assumes r1": 0.5, "dave assumes r2": 0.5, "r1 access admin": 1.5,
        "r2 access admin": 1.5,
      ])
    XCTAssertEqual(nodeScores, ["admin-role 3.0", "ops 2.0", "r1 0.5", "r2 0.5"])
  }

  func testEdgesRankHighestFirst() {
    let graph = estate().freeze()
    let chokepoints = Chokepoints(graph: graph, target: .admin, keepsHolders: false)

    XCTAssertEqual(
      chokepoints.edges.prefix(2).map { graph.provenance(of: $0.edge).grant },
      ["admin-role access admin", "ops assumes admin-role"])
  }

  /// With the holders admin-role, r1 and r2 kept, paths end where they act as one: the
  /// four people are the sources, and dave's pair splits over r1 and r2.
  func testHoldersKeptScoreExactly() {
    let graph = estate().freeze()
    let chokepoints = Chokepoints(graph: graph, target: .admin)
    let edgeScores = Dictionary(
      uniqueKeysWithValues: chokepoints.edges.map {
        (graph.provenance(of: $0.edge).grant, $0.score)
      })

    XCTAssertEqual(chokepoints.holders.map { graph.node($0.node).id }, ["admin-role", "r1", "r2"])
    XCTAssertEqual(chokepoints.sources.map { graph.node($0).id }, ["alice", "bob", "carol", "dave"])
    XCTAssertEqual(chokepoints.pairCount, 4)
    XCTAssertEqual(
      edgeScores,
      [
        "ops assumes admin-role": 2, "alice memberOf ops": 1, "bob memberOf ops": 1,
        "carol assumes admin-role": 1, "dave assumes r1": 0.5, "dave assumes r2": 0.5,
      ])
    XCTAssertEqual(chokepoints.nodes.map { graph.node($0.node).id + " \($0.score)" }, ["ops 2.0"])
  }

  /// eve assumes admin-role, which holds two privileges. Acting as admin-role stands for
  /// both, so eve has two pairs.
  func testHolderOfTwoTargetsGivesTwoPairs() {
    var estate = CutEstate()
    estate.add("eve", .human)
    estate.add("admin-role", .serviceIdentity)
    estate.add("p1", .privilege)
    estate.add("p2", .privilege)
    estate.connect("eve", "admin-role", .assumes)
    estate.connect("admin-role", "p1", .access)
    estate.connect("admin-role", "p2", .access)
    let graph = estate.freeze()

    let chokepoints = Chokepoints(graph: graph, target: .admin)

    XCTAssertEqual(chokepoints.pairCount, 2)
    XCTAssertEqual(chokepoints.edges.map(\.score), [2])
    XCTAssertEqual(
      chokepoints.holders.map { $0.targets.map { graph.node($0).id } }, [["p1", "p2"]])
  }

  func testUnrevocableEdgesAreNotListed() {
    var estate = CutEstate()
    estate.add("alice", .human)
    estate.add("account", .scope)
    estate.add("admin", .privilege)
    estate.connect("alice", "account", .access)
    estate.connect("account", "admin", .contains)
    let graph = estate.freeze()

    // alice holds admin through the account, so holders are included to score her path.
    let chokepoints = Chokepoints(graph: graph, target: .admin, keepsHolders: false)

    XCTAssertEqual(chokepoints.pairCount, 1)
    XCTAssertEqual(
      chokepoints.edges.map { graph.provenance(of: $0.edge).grant }, ["alice access account"])
  }
}
