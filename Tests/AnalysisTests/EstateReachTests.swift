import AccessGraph
import Analysis
import Foundation
import Importers
import XCTest

final class EstateReachTests: XCTestCase {
  private let origin = Provenance(file: "test.json", location: "", grant: "test")

  /// Counts what `identity` reaches with one forward search, the way `BlastRadius` does.
  private func searchCounts(
    of identity: NodeID, in graph: AccessGraph, includesConditionalEdges: Bool
  ) -> ReachCounts {
    let search = graph.reachability(from: [identity]) { edge in
      includesConditionalEdges || !graph.isConditional(edge)
    }
    let reached = search.reachedNodes.filter { $0 != identity }.map(graph.node)
    let own = graph.node(identity)
    let accounts = ([own] + reached).filter { !$0.account.isEmpty }
      .map { "\($0.platform.rawValue)/\($0.account)" }
    return ReachCounts(
      reached: reached.count, privileges: reached.filter { $0.kind == .privilege }.count,
      crownJewels: reached.filter(\.isCrownJewel).count,
      platforms: Set(([own] + reached).map(\.platform)).count, accounts: Set(accounts).count)
  }

  /// Asserts that `reach` equals one search per actor, over all edges and unconditional ones,
  /// and that the counts over all edges equal `BlastRadius`.
  private func assertMatchesSearches(
    _ reach: EstateReach, in graph: AccessGraph, file: StaticString = #filePath,
    line: UInt = #line
  ) {
    XCTAssertEqual(reach.identities, graph.nodes { $0.kind.isActor }, file: file, line: line)
    for (index, identity) in reach.identities.enumerated() {
      let name = graph.node(identity).id
      let all = searchCounts(of: identity, in: graph, includesConditionalEdges: true)
      let unconditional = searchCounts(of: identity, in: graph, includesConditionalEdges: false)
      let radius = BlastRadius(of: identity, in: graph)
      XCTAssertEqual(reach.all[index], all, "all edges from \(name)", file: file, line: line)
      XCTAssertEqual(
        reach.unconditional[index], unconditional, "unconditional edges from \(name)",
        file: file, line: line)
      XCTAssertEqual(reach.all[index].reached, radius.reached.count, name, file: file, line: line)
      XCTAssertEqual(
        reach.all[index].privileges, radius.privileges(in: graph).count, name, file: file,
        line: line)
      XCTAssertEqual(
        reach.all[index].crownJewels, radius.crownJewels(in: graph).count, name, file: file,
        line: line)
      XCTAssertEqual(
        reach.all[index].platforms, radius.platforms(in: graph).count, name, file: file,
        line: line)
      XCTAssertEqual(
        reach.all[index].accounts, radius.accounts(in: graph).count, name, file: file,
        line: line)
    }
  }

  /// Two roles that assume each other (a cycle), a group, a scope with a role inside it,
  /// a conditional edge to a crown jewel, and a held role whose rights do not pass on.
  ///
  ///     alice -memberOf-> ops -assumes-> roleA <-assumes-> roleB
  ///     roleA -access-> account(aws) -contains-> vault (crown jewel), -contains-> roleC
  ///     roleB -access[conditional]-> payroll (crown jewel, gcp)
  ///     roleC -access-> admin (privilege)
  ///     bob -access-> roleB (held only), bob -controls-> account(aws)
  private func cyclicEstate() -> (AccessGraph, [String: NodeID]) {
    var builder = EstateBuilder()
    var ids: [String: NodeID] = [:]
    let nodes: [(String, NodeKind, Platform, String, Bool)] = [
      ("alice", .human, .aws, "111", false), ("ops", .group, .aws, "111", false),
      ("roleA", .serviceIdentity, .aws, "111", false),
      ("roleB", .serviceIdentity, .aws, "222", false), ("account", .scope, .aws, "111", false),
      ("vault", .resource, .aws, "111", true), ("roleC", .serviceIdentity, .aws, "111", false),
      ("payroll", .resource, .gcp, "", true), ("admin", .privilege, .aws, "111", false),
      ("bob", .human, .onPremises, "", false),
    ]
    for (id, kind, platform, account, isCrownJewel) in nodes {
      ids[id] = builder.define(
        Node(id: id, kind: kind, platform: platform, account: account,
          isCrownJewel: isCrownJewel))
    }
    func connect(_ from: String, _ to: String, _ relation: Relation, conditional: Bool = false) {
      builder.connect(
        ids[from]!, ids[to]!, relation, provenance: origin, isConditional: conditional)
    }
    connect("alice", "ops", .memberOf)
    connect("ops", "roleA", .assumes)
    connect("roleA", "roleB", .assumes)
    connect("roleB", "roleA", .assumes)
    connect("roleA", "account", .access)
    connect("account", "vault", .contains)
    connect("account", "roleC", .contains)
    connect("roleC", "admin", .access)
    connect("roleB", "payroll", .access, conditional: true)
    connect("bob", "roleB", .access)
    connect("bob", "account", .controls)
    return (builder.freeze(), ids)
  }

  func testCyclicEstateCountsExactly() {
    let (graph, ids) = cyclicEstate()
    let reach = EstateReach(graph: graph)

    // alice reaches ops, roleA, roleB, account, vault, roleC (held, so admin is out of
    // reach) and, only through the conditional edge, payroll.
    let alice = reach.counts(of: ids["alice"]!)!
    XCTAssertEqual(
      alice.all,
      ReachCounts(reached: 7, privileges: 0, crownJewels: 2, platforms: 2, accounts: 2))
    XCTAssertEqual(
      alice.unconditional,
      ReachCounts(reached: 6, privileges: 0, crownJewels: 1, platforms: 1, accounts: 2))
    XCTAssertEqual(
      alice.all.subtracting(alice.unconditional),
      ReachCounts(reached: 1, privileges: 0, crownJewels: 1, platforms: 1, accounts: 0))

    // bob has access to roleB without its rights, but controls the account, so acts as roleC.
    let bob = reach.counts(of: ids["bob"]!)!
    XCTAssertEqual(
      bob.all, ReachCounts(reached: 5, privileges: 1, crownJewels: 1, platforms: 2, accounts: 2))
    XCTAssertEqual(bob.unconditional, bob.all)

    // roleA and roleB share one cycle, so reach the same nodes besides each other.
    XCTAssertEqual(reach.counts(of: ids["roleA"]!)!.all, reach.counts(of: ids["roleB"]!)!.all)
    assertMatchesSearches(reach, in: graph)
  }

  func testSmallEstateMatchesSearches() {
    let graph = SmallEstate.graph()
    let reach = EstateReach(graph: graph)

    let jenkins = reach.counts(of: graph.nodeID(for: "jenkins")!)!
    XCTAssertEqual(
      jenkins.all,
      ReachCounts(reached: 6, privileges: 1, crownJewels: 1, platforms: 2, accounts: 1))
    XCTAssertEqual(
      jenkins.unconditional,
      ReachCounts(reached: 5, privileges: 1, crownJewels: 0, platforms: 2, accounts: 1))
    assertMatchesSearches(reach, in: graph)
  }

  func testIdentityThatIsCrownJewelLeavesItselfOut() {
    var builder = EstateBuilder()
    let robot = builder.define(
      Node(id: "robot", kind: .workload, platform: .aws, isCrownJewel: true))
    let role = builder.define(Node(id: "role", kind: .serviceIdentity, platform: .aws))
    builder.connect(robot, role, .runsAs, provenance: origin)
    builder.connect(role, robot, .controls, provenance: origin)
    let graph = builder.freeze()
    let reach = EstateReach(graph: graph)

    XCTAssertEqual(
      reach.counts(of: robot)!.all,
      ReachCounts(reached: 1, privileges: 0, crownJewels: 0, platforms: 1, accounts: 0))
    XCTAssertEqual(
      reach.counts(of: role)!.all,
      ReachCounts(reached: 1, privileges: 0, crownJewels: 1, platforms: 1, accounts: 0))
    assertMatchesSearches(reach, in: graph)
  }

  func testSmallMemoryLimitGivesSameCounts() {
    // 150 buckets in one scope give more node columns than one 64-bit word holds, so a
    // limit of one byte forces a pass per 64 columns.
    var builder = EstateBuilder()
    let user = builder.define(Node(id: "user", kind: .human, platform: .aws, account: "1"))
    let role = builder.define(
      Node(id: "role", kind: .serviceIdentity, platform: .aws, account: "1"))
    let scope = builder.define(Node(id: "scope", kind: .scope, platform: .aws, account: "1"))
    builder.connect(user, role, .assumes, provenance: origin)
    builder.connect(role, user, .assumes, provenance: origin)
    builder.connect(role, scope, .access, provenance: origin, isConditional: true)
    for index in 0..<150 {
      let bucket = builder.define(
        Node(id: "bucket-\(index)", kind: .resource, platform: .aws, account: "\(index % 7)",
          isCrownJewel: index % 3 == 0))
      builder.connect(scope, bucket, .contains, provenance: origin)
    }
    let graph = builder.freeze()
    let chunked = EstateReach(graph: graph, memoryLimit: 1)
    let whole = EstateReach(graph: graph)

    XCTAssertEqual(
      chunked.counts(of: user)!.all,
      ReachCounts(reached: 152, privileges: 0, crownJewels: 50, platforms: 1, accounts: 7))
    XCTAssertEqual(
      chunked.counts(of: user)!.unconditional,
      ReachCounts(reached: 1, privileges: 0, crownJewels: 0, platforms: 1, accounts: 1))
    XCTAssertEqual(chunked.all, whole.all)
    XCTAssertEqual(chunked.unconditional, whole.unconditional)
    assertMatchesSearches(chunked, in: graph)
  }

  /// Random estates of a few hundred nodes, with cycles among actors and wide scopes, give
  /// components whose columns span many words and several slices.
  func testRandomEstatesMatchSearches() {
    var random = RandomNumbers(seed: 5)
    let kinds: [NodeKind] = [.human, .workload, .serviceIdentity, .group, .resource, .scope]
    let relations: [Relation] = [.memberOf, .assumes, .runsAs, .controls, .access, .contains]
    for round in 0..<12 {
      var builder = EstateBuilder()
      let nodeCount = 150 + random.next(below: 250)
      let nodes = (0..<nodeCount).map { index in
        builder.define(
          Node(
            id: "n\(index)", kind: kinds[random.next(below: kinds.count)], platform: .aws,
            account: "\(index % 5)", isCrownJewel: index % 9 == 0))
      }
      for _ in 0..<(nodeCount * 3) {
        let source = nodes[random.next(below: nodeCount)]
        let target = nodes[random.next(below: nodeCount)]
        guard source != target else { continue }
        builder.connect(
          source, target, relations[random.next(below: relations.count)], provenance: origin,
          isConditional: random.next(below: 5) == 0)
      }
      let graph = builder.freeze()
      let actors = graph.nodes { $0.kind.isActor }
      let reach = EstateReach(graph: graph)
      let sliced = EstateReach(graph: graph, memoryLimit: 64)

      XCTAssertEqual(sliced.all, reach.all, "round \(round)")
      XCTAssertEqual(sliced.unconditional, reach.unconditional, "round \(round)")
      XCTAssertEqual(
        EstateReach.reachedNodeCounts(graph: graph, identities: actors), reach.all.map(\.reached),
        "round \(round)")
      XCTAssertEqual(
        EstateReach.reachedNodeCounts(
          graph: graph, identities: actors, includesConditionalEdges: false, memoryLimit: 1),
        reach.unconditional.map(\.reached), "round \(round)")
      assertMatchesSearches(reach, in: graph)
    }
  }

  func testIdentityWithoutEdgesReachesNothing() {
    // alice has no edges, so her search starts in a component without successors or leaves.
    // bob reaches only the bucket, which has no edges of its own.
    var builder = EstateBuilder()
    let alice = builder.define(Node(id: "alice", kind: .human, platform: .aws, account: "1"))
    let bob = builder.define(Node(id: "bob", kind: .human, platform: .gcp, account: "2"))
    let bucket = builder.define(
      Node(id: "bucket", kind: .resource, platform: .aws, account: "1", isCrownJewel: true))
    builder.connect(bob, bucket, .access, provenance: origin)
    let graph = builder.freeze()
    let reach = EstateReach(graph: graph, originSets: [[alice, bob]])

    XCTAssertEqual(
      reach.counts(of: alice)!.all,
      ReachCounts(reached: 0, privileges: 0, crownJewels: 0, platforms: 1, accounts: 1))
    XCTAssertEqual(
      reach.counts(of: bob)!.all,
      ReachCounts(reached: 1, privileges: 0, crownJewels: 1, platforms: 2, accounts: 2))
    XCTAssertEqual(reach.actingOrigins, [[0, 0]])
    XCTAssertEqual(
      EstateReach.reachedNodeCounts(graph: graph, identities: [alice, bob, alice]), [0, 1, 0])
    assertMatchesSearches(reach, in: graph)
  }

  func testReachedNodeCountsFollowGivenOrder() {
    let (graph, ids) = cyclicEstate()
    let chosen = [ids["bob"]!, ids["alice"]!]

    XCTAssertEqual(EstateReach.reachedNodeCounts(graph: graph, identities: chosen), [5, 7])
    XCTAssertEqual(
      EstateReach.reachedNodeCounts(graph: graph, identities: chosen + chosen), [5, 7, 5, 7])
  }

  func testChosenIdentitiesKeepTheirOrder() {
    let (graph, ids) = cyclicEstate()
    let chosen = [ids["bob"]!, ids["alice"]!]
    let reach = EstateReach(graph: graph, identities: chosen)

    XCTAssertEqual(reach.identities, chosen)
    XCTAssertEqual(reach.all.map(\.reached), [5, 7])
    XCTAssertNil(reach.counts(of: ids["roleA"]!))
  }

  func testSampleEstateMatchesSearches() throws {
    let folder = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("graphs/sample-estate").path
    let graph = try EstateLoader().load([folder])
    let reach = EstateReach(graph: graph)
    let telemetry = try XCTUnwrap(graph.nodeID(for: "svc-telemetry"))

    XCTAssertEqual(
      reach.counts(of: telemetry)?.all,
      ReachCounts(reached: 16, privileges: 1, crownJewels: 1, platforms: 2, accounts: 3))
    assertMatchesSearches(reach, in: graph)
  }
}

/// A small seeded generator of pseudo-random numbers (SplitMix64), so that random estates
/// are the same on every run.
private struct RandomNumbers {
  private var state: UInt64

  init(seed: UInt64) {
    state = seed
  }

  /// Returns a number in `0 ..< bound`.
  mutating func next(below bound: Int) -> Int {
    state &+= 0x9E37_79B9_7F4A_7C15
    var mixed = state
    mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
    mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
    return Int((mixed ^ (mixed >> 31)) % UInt64(bound))
  }
}
