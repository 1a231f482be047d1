import AccessGraph
import XCTest

final class ReachabilityTests: XCTestCase {
  private let origin = Provenance(file: "test.json", location: "", grant: "test")

  /// alice → memberOf → admins → assumes → deploy → access → bucket
  ///                                 deploy → access → secret → authenticatesAs → robot
  private func chain() -> (AccessGraph, [String: NodeID]) {
    var builder = EstateBuilder()
    var ids: [String: NodeID] = [:]
    for (id, kind) in [
      ("alice", NodeKind.human), ("admins", .group), ("deploy", .serviceIdentity),
      ("bucket", .resource), ("secret", .credential), ("robot", .serviceIdentity),
    ] {
      ids[id] = builder.define(Node(id: id, kind: kind, platform: .aws))
    }
    builder.connect(ids["alice"]!, ids["admins"]!, .memberOf, provenance: origin)
    builder.connect(ids["admins"]!, ids["deploy"]!, .assumes, provenance: origin)
    builder.connect(ids["deploy"]!, ids["bucket"]!, .access, provenance: origin)
    builder.connect(ids["deploy"]!, ids["secret"]!, .access, provenance: origin)
    builder.connect(ids["secret"]!, ids["robot"]!, .authenticatesAs, provenance: origin)
    return (builder.freeze(), ids)
  }

  func testForwardSearchReachesEveryNodeWithHopCounts() {
    let (graph, ids) = chain()
    let search = graph.reachability(from: [ids["alice"]!])

    XCTAssertEqual(
      search.reachedNodes.map { graph.node($0).id },
      ["alice", "admins", "deploy", "bucket", "secret", "robot"])
    XCTAssertEqual(search.hops(to: ids["alice"]!), 0)
    XCTAssertEqual(search.hops(to: ids["bucket"]!), 3)
    XCTAssertEqual(search.hops(to: ids["robot"]!), 4)
  }

  func testDepthLimitStopsSearch() {
    let (graph, ids) = chain()
    let search = graph.reachability(from: [ids["alice"]!], maxDepth: 2)

    XCTAssertEqual(search.reachedNodes.map { graph.node($0).id }, ["alice", "admins", "deploy"])
    XCTAssertNil(search.hops(to: ids["bucket"]!))
  }

  func testPathToNodeListsEdgesInOrder() {
    let (graph, ids) = chain()
    let path = graph.reachability(from: [ids["alice"]!]).path(to: ids["robot"]!)

    XCTAssertEqual(path.map { graph.relation(of: $0) },
      [.memberOf, .assumes, .access, .authenticatesAs])
    XCTAssertEqual(path.map { graph.node(graph.target(of: $0)).id },
      ["admins", "deploy", "secret", "robot"])
  }

  func testReverseSearchFindsEveryoneWhoReachesTarget() {
    let (graph, ids) = chain()
    let search = graph.reachability(from: [ids["robot"]!], direction: .reverse)

    XCTAssertEqual(
      search.reachedNodes.map { graph.node($0).id },
      ["robot", "secret", "deploy", "admins", "alice"])
    let path = search.path(to: ids["alice"]!)
    XCTAssertEqual(path.map { graph.node(graph.source(of: $0)).id },
      ["alice", "admins", "deploy", "secret"])
  }

  func testActorReachedThroughAccessIsNotExpanded() {
    var builder = EstateBuilder()
    let reader = builder.define(Node(id: "reader", kind: .human, platform: .aws))
    let role = builder.define(Node(id: "role", kind: .serviceIdentity, platform: .aws))
    let bucket = builder.define(Node(id: "bucket", kind: .resource, platform: .aws))
    builder.connect(reader, role, .access, actions: ["iam:GetRole"], provenance: origin)
    builder.connect(role, bucket, .access, provenance: origin)
    let graph = builder.freeze()

    let forward = graph.reachability(from: [reader])
    XCTAssertTrue(forward.contains(role))
    XCTAssertFalse(forward.actsAs(role))
    XCTAssertFalse(forward.contains(bucket))

    let reverse = graph.reachability(from: [bucket], direction: .reverse)
    XCTAssertTrue(reverse.contains(role))
    XCTAssertFalse(reverse.contains(reader))
  }

  func testControlledScopePassesControlToContainedWorkload() {
    var builder = EstateBuilder()
    let operatorID = builder.define(Node(id: "op", kind: .human, platform: .azure))
    let reader = builder.define(Node(id: "reader", kind: .human, platform: .azure))
    let group = builder.define(Node(id: "rg", kind: .scope, platform: .azure))
    let vm = builder.define(Node(id: "vm", kind: .workload, platform: .azure))
    let identity = builder.define(Node(id: "mi", kind: .serviceIdentity, platform: .azure))
    builder.connect(operatorID, group, .controls, provenance: origin)
    builder.connect(reader, group, .access, provenance: origin)
    builder.connect(group, vm, .contains, provenance: origin)
    builder.connect(vm, identity, .runsAs, provenance: origin)
    let graph = builder.freeze()

    XCTAssertTrue(graph.reachability(from: [operatorID]).contains(identity))
    let held = graph.reachability(from: [reader])
    XCTAssertTrue(held.contains(vm))
    XCTAssertFalse(held.contains(identity))

    let reverse = graph.reachability(from: [identity], direction: .reverse)
    XCTAssertEqual(Set(reverse.reachedNodes), [identity, vm, group, operatorID])
  }

  func testShortestPathStopsAtNearestTarget() {
    let (graph, ids) = chain()

    let path = graph.shortestPath(from: ids["alice"]!, to: [ids["bucket"]!, ids["robot"]!])
    XCTAssertEqual(path?.map { graph.node(graph.target(of: $0)).id },
      ["admins", "deploy", "bucket"])
    XCTAssertEqual(graph.shortestPath(from: ids["alice"]!, to: [ids["alice"]!]), [])
    XCTAssertNil(graph.shortestPath(from: ids["bucket"]!, to: [ids["alice"]!]))
  }

  func testEdgeFilterRemovesPath() {
    let (graph, ids) = chain()
    let search = graph.reachability(from: [ids["alice"]!]) {
      graph.relation(of: $0) != .assumes
    }

    XCTAssertEqual(search.reachedNodes.map { graph.node($0).id }, ["alice", "admins"])
  }

  /// Compares the search with a transitive closure computed by repeated relaxation, on
  /// every graph of four nodes with edges from a small pool of relations.
  func testSearchAgreesWithClosureOnSmallGraphs() {
    let kinds: [NodeKind] = [.human, .serviceIdentity, .resource, .scope]
    let relations: [Relation] = [.assumes, .access, .contains]
    var generator = SplitMix(seed: 7)
    for _ in 0..<300 {
      var builder = EstateBuilder()
      let nodes = (0..<4).map { index in
        builder.define(
          Node(id: "n\(index)", kind: kinds[Int(generator.next() % 4)], platform: .aws))
      }
      var edges: [(Int, Int, Relation)] = []
      for _ in 0..<Int(generator.next() % 7) {
        let edge = (
          Int(generator.next() % 4), Int(generator.next() % 4),
          relations[Int(generator.next() % 3)]
        )
        edges.append(edge)
        builder.connect(nodes[edge.0], nodes[edge.1], edge.2, provenance: origin)
      }
      let graph = builder.freeze()
      for source in 0..<4 {
        let expected = closure(from: source, edges: edges, kinds: graph.nodes.map(\.kind))
        let found = Set(graph.reachability(from: [nodes[source]]).reachedNodes.map(\.index))
        XCTAssertEqual(found, expected, "edges \(edges), source \(source)")
      }
    }
  }

  /// Reachable nodes by fixed-point relaxation over (node, acting) states.
  private func closure(from source: Int, edges: [(Int, Int, Relation)], kinds: [NodeKind])
    -> Set<Int>
  {
    var states: Set<[Int]> = [[source, 0]]
    var changed = true
    while changed {
      changed = false
      for state in states {
        let (node, holding) = (state[0], state[1])
        if holding == 1 && kinds[node].isActor { continue }
        for (from, to, relation) in edges where from == node {
          let mode = relation == .contains ? holding : (relation.isHolding ? 1 : 0)
          if states.insert([to, mode]).inserted { changed = true }
        }
      }
    }
    return Set(states.map { $0[0] })
  }
}

/// A small deterministic random number generator for repeatable generated cases.
struct SplitMix {
  var state: UInt64

  init(seed: UInt64) {
    state = seed
  }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var value = state
    value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
    value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
    return value ^ (value >> 31)
  }
}
