import AccessGraph
import XCTest

final class LooplessPathsTests: XCTestCase {
  private let origin = Provenance(file: "test.json", location: "", grant: "test")

  /// Builds an estate of the given nodes and edges. Each edge is (source, target, relation,
  /// conditional), and edge ids follow the order given.
  private func graph(
    _ nodes: [(String, NodeKind)], _ edges: [(String, String, Relation, Bool)]
  ) -> AccessGraph {
    var builder = EstateBuilder()
    var ids: [String: NodeID] = [:]
    for (id, kind) in nodes {
      ids[id] = builder.define(Node(id: id, kind: kind, platform: .aws))
    }
    for (source, target, relation, isConditional) in edges {
      builder.connect(
        ids[source]!, ids[target]!, relation, provenance: origin, isConditional: isConditional)
    }
    return builder.freeze()
  }

  /// Returns each loopless path as its node ids joined by `>`.
  private func paths(
    in graph: AccessGraph, from source: String, to targets: [String], limit: Int
  ) -> [String] {
    let found = graph.looplessPaths(
      from: graph.nodeID(for: source)!, to: Set(targets.map { graph.nodeID(for: $0)! }),
      limit: limit)
    return found.map { edges in
      ([source] + edges.map { graph.node(graph.target(of: $0)).id }).joined(separator: ">")
    }
  }

  func testTwoDisjointRoutesShorterFirst() {
    let estate = graph(
      [("a", .human), ("b", .serviceIdentity), ("c", .serviceIdentity), ("d", .serviceIdentity),
       ("t", .privilege)],
      [("a", "c", .assumes, false), ("c", "d", .assumes, false), ("d", "t", .access, false),
       ("a", "b", .assumes, false), ("b", "t", .access, false)])

    XCTAssertEqual(paths(in: estate, from: "a", to: ["t"], limit: 1), ["a>b>t"])
    XCTAssertEqual(paths(in: estate, from: "a", to: ["t"], limit: 2), ["a>b>t", "a>c>d>t"])
  }

  func testLimitAboveCountReturnsEveryPath() {
    let estate = graph(
      [("a", .human), ("b", .serviceIdentity), ("c", .serviceIdentity), ("t", .privilege)],
      [("a", "b", .assumes, false), ("b", "t", .access, false), ("a", "c", .assumes, false),
       ("c", "t", .access, false), ("b", "c", .assumes, false)])

    XCTAssertEqual(
      paths(in: estate, from: "a", to: ["t"], limit: 10), ["a>b>t", "a>c>t", "a>b>c>t"])
  }

  func testConditionalRouteComesAfterLongerUnconditionalOne() {
    let estate = graph(
      [("a", .human), ("b", .serviceIdentity), ("c", .serviceIdentity), ("d", .serviceIdentity),
       ("t", .privilege)],
      [("a", "t", .access, true), ("a", "b", .assumes, false), ("b", "c", .assumes, false),
       ("c", "d", .assumes, false), ("d", "t", .access, false), ("b", "t", .access, true)])

    XCTAssertEqual(
      paths(in: estate, from: "a", to: ["t"], limit: 5), ["a>b>c>d>t", "a>t", "a>b>t"])
  }

  func testLoopIsNeverRepeated() {
    // a and b assume each other, so walks a>b>a>b>t and longer ones exist, but no path may
    // visit a node twice.
    let estate = graph(
      [("a", .serviceIdentity), ("b", .serviceIdentity), ("c", .serviceIdentity),
       ("t", .privilege)],
      [("a", "b", .assumes, false), ("b", "a", .assumes, false), ("b", "c", .assumes, false),
       ("c", "b", .assumes, false), ("c", "a", .assumes, false), ("c", "t", .access, false)])

    XCTAssertEqual(paths(in: estate, from: "a", to: ["t"], limit: 10), ["a>b>c>t"])
  }

  func testSourceIsNeverItsOwnTarget() {
    let estate = graph(
      [("a", .serviceIdentity), ("b", .serviceIdentity)],
      [("a", "b", .assumes, false), ("b", "a", .assumes, false)])

    XCTAssertEqual(paths(in: estate, from: "a", to: ["a", "b"], limit: 5), ["a>b"])
  }

  func testPathMayPassThroughOneTargetToAnother() {
    let estate = graph(
      [("a", .human), ("vault", .scope), ("key", .resource)],
      [("a", "vault", .access, false), ("vault", "key", .contains, false)])

    XCTAssertEqual(
      paths(in: estate, from: "a", to: ["vault", "key"], limit: 5), ["a>vault", "a>vault>key"])
  }

  func testTiesOrderByTargetIdThenEdgeIds() {
    let estate = graph(
      [("a", .human), ("x", .serviceIdentity), ("y", .serviceIdentity), ("t2", .privilege),
       ("t1", .privilege)],
      [("a", "y", .assumes, false), ("a", "x", .assumes, false), ("y", "t2", .access, false),
       ("x", "t2", .access, false), ("y", "t1", .access, false), ("x", "t1", .access, false)])

    XCTAssertEqual(
      paths(in: estate, from: "a", to: ["t1", "t2"], limit: 4),
      ["a>y>t1", "a>x>t1", "a>y>t2", "a>x>t2"])
  }

  func testHeldIdentityEndsPath() {
    // Holding a role as a resource grants none of its rights, so the role's own access to
    // t is no path. Assuming the role is.
    let estate = graph(
      [("a", .human), ("role", .serviceIdentity), ("t", .privilege)],
      [("a", "role", .access, false), ("role", "t", .access, false)])
    XCTAssertEqual(paths(in: estate, from: "a", to: ["t", "role"], limit: 5), ["a>role"])

    let assumed = graph(
      [("a", .human), ("role", .serviceIdentity), ("t", .privilege)],
      [("a", "role", .access, false), ("a", "role", .assumes, false),
       ("role", "t", .access, false)])
    // Both edges to the role are paths of their own, and the one that acts as it ranks first.
    let found = assumed.looplessPaths(
      from: assumed.nodeID(for: "a")!,
      to: [assumed.nodeID(for: "t")!, assumed.nodeID(for: "role")!], limit: 5)
    XCTAssertEqual(
      found.map { $0.map { assumed.relation(of: $0) } }, [[.assumes], [.access], [.assumes, .access]])
  }

  func testContainsPassesModeOn() {
    // Access to the scope holds the workload in it, which stops there; escalation on the
    // scope acts on it, so the workload's role is reached.
    let estate = graph(
      [("a", .human), ("project", .scope), ("vm", .workload), ("role", .serviceIdentity),
       ("t", .privilege)],
      [("a", "project", .access, false), ("project", "vm", .contains, false),
       ("vm", "role", .runsAs, false), ("role", "t", .access, false)])
    XCTAssertEqual(paths(in: estate, from: "a", to: ["t"], limit: 5), [])

    let escalated = graph(
      [("a", .human), ("project", .scope), ("vm", .workload), ("role", .serviceIdentity),
       ("t", .privilege)],
      [("a", "project", .access, false), ("project", "vm", .contains, false),
       ("vm", "role", .runsAs, false), ("role", "t", .access, false),
       ("a", "project", .escalates, false)])
    XCTAssertEqual(
      paths(in: escalated, from: "a", to: ["t"], limit: 5), ["a>project>vm>role>t"])
  }

  func testFirstPathMatchesPreferredSearch() {
    // The shortest path needs a condition; the unconditional one is first, as in
    // `Reachability` over unconditional edges.
    let estate = graph(
      [("a", .human), ("b", .serviceIdentity), ("c", .serviceIdentity), ("t", .privilege)],
      [("a", "t", .access, true), ("a", "b", .assumes, false), ("b", "c", .assumes, false),
       ("c", "t", .access, false)])
    let source = estate.nodeID(for: "a")!
    let target = estate.nodeID(for: "t")!
    let unconditional = estate.reachability(from: [source]) { !estate.isConditional($0) }

    XCTAssertEqual(
      estate.looplessPaths(from: source, to: [target], limit: 1),
      [unconditional.path(to: target)])
  }

  func testRandomEstatesMatchExhaustiveSearch() {
    var generator = SplitMix(seed: 7)
    let kinds: [NodeKind] = [.human, .serviceIdentity, .group, .resource, .scope, .privilege]
    let relations: [Relation] = [.assumes, .memberOf, .access, .contains, .reads, .escalates]
    for round in 0..<300 {
      let nodeCount = 4 + Int(generator.next() % 4)
      let nodes = (0..<nodeCount).map { index in
        ("n\(index)", kinds[Int(generator.next() % UInt64(kinds.count))])
      }
      var edges: [(String, String, Relation, Bool)] = []
      for _ in 0..<(nodeCount * 2 + Int(generator.next() % 6)) {
        let source = Int(generator.next() % UInt64(nodeCount))
        let target = Int(generator.next() % UInt64(nodeCount))
        guard source != target else { continue }
        let relation = relations[Int(generator.next() % UInt64(relations.count))]
        edges.append(("n\(source)", "n\(target)", relation, generator.next() % 4 == 0))
      }
      let estate = graph(nodes, edges)
      let targets: Set<NodeID> = [NodeID(nodeCount - 1), NodeID(nodeCount - 2)]
      let expected = exhaustivePaths(in: estate, from: NodeID(0), to: targets)

      for limit in [1, 3, 50] {
        XCTAssertEqual(
          estate.looplessPaths(from: NodeID(0), to: targets, limit: limit),
          Array(expected.prefix(limit)), "round \(round), limit \(limit)")
      }

      let sources = [NodeID(1), NodeID(0)]
      let expectedFromBoth = exhaustivePaths(in: estate, from: sources, to: targets)
      for limit in [1, 3, 50] {
        XCTAssertEqual(
          estate.looplessPaths(from: sources, to: targets, limit: limit),
          Array(expectedFromBoth.prefix(limit)), "round \(round), two sources, limit \(limit)")
      }
    }
  }

  func testSeveralSourcesRankTogether() {
    // a and b both reach t; b's route is shorter, a's is unconditional.
    let estate = graph(
      [("a", .human), ("b", .human), ("r", .serviceIdentity), ("t", .privilege)],
      [
        ("a", "r", .assumes, false), ("r", "t", .access, false), ("b", "t", .access, true),
        ("b", "r", .assumes, false),
      ])
    let found = estate.looplessPaths(
      from: [estate.nodeID(for: "b")!, estate.nodeID(for: "a")!],
      to: [estate.nodeID(for: "t")!], limit: 5)
    let routes = found.map { edges in
      ([graph(estate, sourceOf: edges)] + edges.map { estate.node(estate.target(of: $0)).id })
        .joined(separator: ">")
    }

    XCTAssertEqual(routes, ["a>r>t", "b>r>t", "b>t"])
  }

  func testPathMayPassThroughAnotherSource() {
    let estate = graph(
      [("a", .human), ("b", .human), ("t", .privilege)],
      [("a", "b", .assumes, false), ("b", "t", .access, false)])
    let found = estate.looplessPaths(
      from: [estate.nodeID(for: "a")!, estate.nodeID(for: "b")!],
      to: [estate.nodeID(for: "t")!], limit: 5)

    XCTAssertEqual(found.map(\.count), [1, 2])
    XCTAssertEqual(found.map { estate.node(estate.source(of: $0[0])).id }, ["b", "a"])
  }

  private func graph(_ estate: AccessGraph, sourceOf edges: [EdgeID]) -> String {
    estate.node(estate.source(of: edges[0])).id
  }

  /// Larger estates with one target give long detours, so the pruned spur searches must
  /// raise their hop bound several times before they find a path.
  func testLongDetoursMatchExhaustiveSearch() {
    var generator = SplitMix(seed: 11)
    let kinds: [NodeKind] = [.human, .serviceIdentity, .group, .resource, .scope]
    let relations: [Relation] = [.assumes, .memberOf, .access, .contains, .escalates]
    for round in 0..<150 {
      let nodeCount = 8 + Int(generator.next() % 4)
      let nodes = (0..<nodeCount).map { index in
        ("n\(index)", kinds[Int(generator.next() % UInt64(kinds.count))])
      }
      var edges: [(String, String, Relation, Bool)] = []
      // A chain through every node, so the target is far, and a few shortcuts beside it.
      for index in 0..<(nodeCount - 1) {
        edges.append(("n\(index)", "n\(index + 1)", .assumes, generator.next() % 8 == 0))
      }
      for _ in 0..<(nodeCount + Int(generator.next() % 5)) {
        let source = Int(generator.next() % UInt64(nodeCount))
        let target = Int(generator.next() % UInt64(nodeCount))
        guard source != target else { continue }
        let relation = relations[Int(generator.next() % UInt64(relations.count))]
        edges.append(("n\(source)", "n\(target)", relation, generator.next() % 6 == 0))
      }
      let estate = graph(nodes, edges)
      let targets: Set<NodeID> = [NodeID(nodeCount - 1)]
      let expected = exhaustivePaths(in: estate, from: NodeID(0), to: targets)

      for limit in [2, 10, 100] {
        XCTAssertEqual(
          estate.looplessPaths(from: NodeID(0), to: targets, limit: limit),
          Array(expected.prefix(limit)), "round \(round), limit \(limit)")
      }
    }
  }

  /// Every loopless path a forward search may take from `sources` to `targets`, sorted in
  /// the order `looplessPaths` documents, found by depth-first enumeration.
  private func exhaustivePaths(
    in graph: AccessGraph, from source: NodeID, to targets: Set<NodeID>
  ) -> [[EdgeID]] {
    exhaustivePaths(in: graph, from: [source], to: targets)
  }

  private func exhaustivePaths(
    in graph: AccessGraph, from sources: [NodeID], to targets: Set<NodeID>
  ) -> [[EdgeID]] {
    var found: [(edges: [EdgeID], endsHeld: Bool, source: String)] = []
    var source = sources[0]
    func extend(_ node: NodeID, isHeld: Bool, edges: [EdgeID], visited: Set<NodeID>) {
      if !edges.isEmpty && targets.contains(node) {
        found.append((edges, isHeld, graph.node(source).id))
      }
      if isHeld && graph.node(node).kind.isActor { return }
      for edge in graph.outgoingEdges(of: node) {
        let next = graph.target(of: edge)
        guard !visited.contains(next) else { continue }
        let relation = graph.relation(of: edge)
        let nextHeld = relation == .contains ? isHeld : relation.isHolding
        extend(next, isHeld: nextHeld, edges: edges + [edge], visited: visited.union([next]))
      }
    }
    for start in sources {
      source = start
      extend(start, isHeld: false, edges: [], visited: [start])
    }

    func isConditional(_ edges: [EdgeID]) -> Bool { edges.contains(where: graph.isConditional) }
    func targetID(_ edges: [EdgeID]) -> String { graph.node(graph.target(of: edges.last!)).id }
    return found.sorted { lhs, rhs in
      if isConditional(lhs.edges) != isConditional(rhs.edges) { return !isConditional(lhs.edges) }
      if lhs.edges.count != rhs.edges.count { return lhs.edges.count < rhs.edges.count }
      if targetID(lhs.edges) != targetID(rhs.edges) {
        return targetID(lhs.edges) < targetID(rhs.edges)
      }
      if lhs.endsHeld != rhs.endsHeld { return !lhs.endsHeld }
      if lhs.source != rhs.source { return lhs.source < rhs.source }
      return lhs.edges.map(\.index).lexicographicallyPrecedes(rhs.edges.map(\.index))
    }.map(\.edges)
  }
}
