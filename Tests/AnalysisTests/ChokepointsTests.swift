import AccessGraph
import Analysis
import XCTest

final class ChokepointsTests: XCTestCase {
  /// alice and bob are members of ops, which assumes admin-role, and carol assumes
  /// admin-role too. dave assumes r1 and r2, each of which has access to admin, so dave's
  /// one pair splits in half. admin-role, r1 and r2 hold admin, so they are sources of
  /// their own pairs only when holders are included.
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

  // MARK: Paths through chokepoints

  private func grants(of path: AttackPath, in graph: AccessGraph) -> [String] {
    path.hops.map { graph.provenance(of: $0.edge).grant }
  }

  private func edge(_ grant: String, in graph: AccessGraph) -> EdgeID {
    (0..<graph.edgeCount).map { EdgeID($0) }.first { graph.provenance(of: $0).grant == grant }!
  }

  func testPathsThroughEdgeInSourceOrder() {
    let graph = estate().freeze()
    let chokepoints = Chokepoints(graph: graph, target: .admin, keepsHolders: false)

    let found = chokepoints.paths(
      through: [edge("admin-role access admin", in: graph)], in: graph, limit: 10)

    XCTAssertEqual(found.count, 1)
    XCTAssertEqual(
      found[0].map { grants(of: $0, in: graph) },
      [
        ["alice memberOf ops", "ops assumes admin-role", "admin-role access admin"],
        ["bob memberOf ops", "ops assumes admin-role", "admin-role access admin"],
        ["carol assumes admin-role", "admin-role access admin"],
        ["admin-role access admin"],
      ])
  }

  func testPathsStopAtLimitPerEdge() {
    let graph = estate().freeze()
    let chokepoints = Chokepoints(graph: graph, target: .admin, keepsHolders: false)
    let edges = ["ops assumes admin-role", "dave assumes r2"].map { edge($0, in: graph) }

    let found = chokepoints.paths(through: edges, in: graph, limit: 1)

    XCTAssertEqual(
      found.map { $0.map { grants(of: $0, in: graph) } },
      [
        [["alice memberOf ops", "ops assumes admin-role", "admin-role access admin"]],
        [["dave assumes r2", "r2 access admin"]],
      ])
  }

  /// With holders kept, a counted path ends acting as admin-role or r1, and the drawn path
  /// goes on along the holder's own grant to the privilege.
  func testPathsGoOnThroughHolderChain() {
    let graph = estate().freeze()
    let chokepoints = Chokepoints(graph: graph, target: .admin)
    let edges = ["carol assumes admin-role", "dave assumes r1"].map { edge($0, in: graph) }

    let found = chokepoints.paths(through: edges, in: graph, limit: 5)

    XCTAssertEqual(
      found.map { $0.map { grants(of: $0, in: graph) } },
      [
        [["carol assumes admin-role", "admin-role access admin"]],
        [["dave assumes r1", "r1 access admin"]],
      ])
    XCTAssertEqual(found.flatMap { $0.map { graph.node($0.target).id } }, ["admin", "admin"])
  }

  /// With holders kept, paths end where they act as admin-role, so its own grant into
  /// admin is on no counted path, and neither is an edge off every route.
  func testPathsEmptyForEdgeOffCountedPaths() {
    var estate = estate()
    estate.add("printer", .resource)
    estate.connect("alice", "printer", .access)
    let graph = estate.freeze()
    let chokepoints = Chokepoints(graph: graph, target: .admin)
    let edges = ["admin-role access admin", "alice access printer"].map { edge($0, in: graph) }

    let found = chokepoints.paths(through: edges, in: graph, limit: 5)

    XCTAssertEqual(found.map(\.count), [0, 0])
    XCTAssertEqual(chokepoints.paths(through: [], in: graph, limit: 5).count, 0)
  }

  /// bob reaches admin-role by two equally short routes; the one without an unevaluated
  /// condition is drawn.
  func testPathsPreferUnconditionalSteps() {
    var builder = EstateBuilder()
    var ids: [String: NodeID] = [:]
    for (id, kind) in [
      ("bob", NodeKind.human), ("g1", .group), ("g2", .group), ("admin-role", .serviceIdentity),
      ("admin", .privilege),
    ] {
      ids[id] = builder.define(Node(id: id, kind: kind, platform: .aws, account: "1"))
    }
    let steps: [(String, String, Relation, Bool)] = [
      ("bob", "g1", .memberOf, false), ("bob", "g2", .memberOf, false),
      ("g1", "admin-role", .assumes, true), ("g2", "admin-role", .assumes, false),
      ("admin-role", "admin", .access, false),
    ]
    for (source, target, relation, isConditional) in steps {
      let name = "\(source) \(relation.rawValue) \(target)"
      builder.connect(
        ids[source]!, ids[target]!, relation,
        provenance: Provenance(file: "aws.json", location: name, grant: name),
        isConditional: isConditional)
    }
    let graph = builder.freeze()
    let chokepoints = Chokepoints(graph: graph, target: .admin, keepsHolders: false)

    let found = chokepoints.paths(
      through: [edge("admin-role access admin", in: graph)], in: graph, limit: 1)

    XCTAssertEqual(
      found[0].map { grants(of: $0, in: graph) },
      [["bob memberOf g2", "g2 assumes admin-role", "admin-role access admin"]])
  }
}
