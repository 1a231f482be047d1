import AccessGraph
import Analysis
import XCTest

@testable import Rendering

final class DiagramTests: XCTestCase {
  private let alice = "arn:aws:iam::111122223333:user/alice"

  private func radiusDiagram(_ graph: AccessGraph, from id: String, maximumNodes: Int = 60)
    -> Diagram
  {
    let source = graph.nodeID(for: id)!
    return Diagram.radius(BlastRadius(of: source, in: graph), in: graph, maximumNodes: maximumNodes)
  }

  private func node(_ id: String, in diagram: Diagram) -> DiagramNode? {
    diagram.nodes.first { $0.id == .node(id) }
  }

  private func aggregates(in diagram: Diagram) -> [DiagramNode] {
    diagram.nodes.filter(\.isAggregate)
  }

  // MARK: Radius

  func testRadiusMarksSourceAndHops() throws {
    let diagram = radiusDiagram(Fixtures.crossCloud(), from: alice)

    XCTAssertEqual(diagram.kind, .radius)
    XCTAssertEqual(diagram.nodes.count, 6)
    XCTAssertEqual(diagram.edges.count, 5)
    let source = try XCTUnwrap(node(alice, in: diagram))
    XCTAssertTrue(source.isSource)
    XCTAssertEqual(source.hops, 0...0)
    XCTAssertEqual(node("arn:aws:iam::111122223333:group/devs", in: diagram)?.hops, 1...1)
    XCTAssertEqual(node("arn:aws:iam::111122223333:role/deploy", in: diagram)?.hops, 2...2)
    XCTAssertEqual(node("aws:111122223333:admin", in: diagram)?.hops, 3...3)
    XCTAssertEqual(diagram.nodes.filter(\.isSource).count, 1)
    XCTAssertTrue(diagram.edges.allSatisfy { !$0.isHighlighted })
    XCTAssertEqual(diagram.title, "Blast radius of alice: 5 nodes reached, deepest hop 3")
  }

  func testRadiusBelowLimitIsNotAggregated() {
    // 59 buckets, the auditor and the payroll bucket: 61 reached, 62 with the source.
    let graph = Fixtures.wideRadius(bucketCount: 59, secretCount: 0)
    let diagram = radiusDiagram(graph, from: Fixtures.readerID, maximumNodes: 62)

    XCTAssertFalse(diagram.isAggregated)
    XCTAssertEqual(diagram.nodes.count, 62)
    XCTAssertEqual(diagram.edges.count, 61)
    XCTAssertTrue(radiusDiagram(graph, from: Fixtures.readerID, maximumNodes: 61).isAggregated)
  }

  func testRadiusAggregatesByTypeAboveLimit() throws {
    let graph = Fixtures.wideRadius(bucketCount: 70, secretCount: 5)
    let diagram = radiusDiagram(graph, from: Fixtures.readerID)

    XCTAssertEqual(diagram.nodes.count, 5)
    XCTAssertEqual(diagram.representedNodeCount, 78)
    let buckets = try XCTUnwrap(aggregates(in: diagram).first { $0.type == "s3-bucket" })
    XCTAssertEqual(buckets.memberCount, 70)
    XCTAssertEqual(buckets.account, "111122223333")
    XCTAssertEqual(buckets.kind, .resource)
    XCTAssertEqual(buckets.hops, 1...1)
    XCTAssertEqual(buckets.memberIDs.count, DiagramNode.listedMemberLimit)
    XCTAssertEqual(buckets.memberIDs.first, "arn:aws:s3:::logs-0")
    let secrets = try XCTUnwrap(aggregates(in: diagram).first { $0.type == "secret" })
    XCTAssertEqual(secrets.memberCount, 5)
    XCTAssertEqual(secrets.account, "444455556666")
    XCTAssertEqual(aggregates(in: diagram).count, 2)
    XCTAssertTrue(
      diagram.title.hasSuffix("77 nodes reached, deepest hop 2, aggregated into 5 nodes"))
  }

  func testAggregationKeepsCrownJewelsIndividual() throws {
    let graph = Fixtures.wideRadius(bucketCount: 70, secretCount: 5)
    let diagram = radiusDiagram(graph, from: Fixtures.readerID)

    let payroll = try XCTUnwrap(node("arn:aws:s3:::payroll", in: diagram))
    XCTAssertTrue(payroll.isCrownJewel)
    XCTAssertEqual(payroll.hops, 2...2)
    XCTAssertNotNil(node("arn:aws:iam::111122223333:role/auditor", in: diagram))
    XCTAssertNotNil(node(Fixtures.readerID, in: diagram))
  }

  func testAggregationMergesEdgesWithCounts() throws {
    let graph = Fixtures.wideRadius(bucketCount: 70, secretCount: 5)
    let diagram = radiusDiagram(graph, from: Fixtures.readerID)

    let toBuckets = try XCTUnwrap(
      diagram.edges.first { $0.relation == .access && $0.memberCount > 1 })
    XCTAssertEqual(toBuckets.memberCount, 70)
    XCTAssertEqual(toBuckets.source, .node(Fixtures.readerID))
    XCTAssertEqual(toBuckets.actions, ["s3:GetObject"])
    let toSecrets = try XCTUnwrap(diagram.edges.first { $0.relation == .reads })
    XCTAssertEqual(toSecrets.memberCount, 5)
  }

  func testMergedEdgeListsFirstFiveGrants() throws {
    var builder = EstateBuilder()
    let reader = builder.define(
      Node(id: "reader", kind: .serviceIdentity, platform: .gcp, account: "proj"))
    for index in 0..<65 {
      let bucket = builder.define(
        Node(id: "bucket-\(index)", kind: .resource, platform: .gcp, account: "proj", type: "gcs"))
      builder.connect(
        reader, bucket, .access, actions: ["storage.objects.get", "storage.objects.list"],
        provenance: Fixtures.provenance(String(format: "grant-%02d", 64 - index)))
    }
    let graph = builder.freeze()
    let diagram = radiusDiagram(graph, from: "reader")
    let edge = try XCTUnwrap(diagram.edges.first)

    XCTAssertEqual(diagram.edges.count, 1)
    XCTAssertEqual(edge.memberCount, 65)
    XCTAssertEqual(edge.actions, ["storage.objects.get", "storage.objects.list"])
    XCTAssertEqual(
      edge.grants,
      (0..<5).map { String(format: "grant-%02d (estate.json:grants[grant-%02d])", $0, $0) })
  }

  func testAggregationKeepsPathToCrownJewel() throws {
    let graph = Fixtures.wideRadius(bucketCount: 70, secretCount: 5, pathThroughSecret: true)
    let diagram = radiusDiagram(graph, from: Fixtures.readerID)

    let key = "arn:aws:secretsmanager:eu-west-1:444455556666:secret:app-0"
    XCTAssertNotNil(node(key, in: diagram))
    let secrets = try XCTUnwrap(aggregates(in: diagram).first { $0.type == "secret" })
    XCTAssertEqual(secrets.memberCount, 4)
    XCTAssertTrue(diagram.edges.contains { $0.relation == .authenticatesAs })
  }

  func testAggregationFallsBackToIdentities() throws {
    let graph = Fixtures.wideRadius(bucketCount: 0, secretCount: 0, roleCount: 70)
    let diagram = radiusDiagram(graph, from: Fixtures.readerID)

    let workers = try XCTUnwrap(aggregates(in: diagram).first)
    XCTAssertEqual(aggregates(in: diagram).count, 1)
    XCTAssertEqual(workers.memberCount, 70)
    XCTAssertEqual(workers.type, "iam-role")
    XCTAssertEqual(workers.kind, .serviceIdentity)
    XCTAssertNotNil(node("arn:aws:iam::111122223333:role/auditor", in: diagram))
  }

  func testAggregationByKindWhenTypesDiffer() throws {
    let graph = Fixtures.wideRadius(
      bucketCount: 0, secretCount: 0, roleCount: 70, roleType: { "role-type-\($0)" })
    let diagram = radiusDiagram(graph, from: Fixtures.readerID)

    let workers = try XCTUnwrap(aggregates(in: diagram).first)
    XCTAssertEqual(workers.memberCount, 70)
    XCTAssertEqual(workers.type, "")
    XCTAssertEqual(workers.name, "service identity")
    XCTAssertEqual(workers.account, "111122223333")
  }

  // MARK: Paths

  func testPathNumbersHopsAndHighlightsEdges() throws {
    let graph = Fixtures.crossCloud()
    let source = graph.nodeID(for: alice)!
    let paths = graph.shortestPaths(from: [source], to: .admin)
    let diagram = Diagram.paths(paths, in: graph)

    XCTAssertEqual(diagram.kind, .paths)
    XCTAssertEqual(diagram.nodes.count, 4)
    XCTAssertEqual(diagram.edges.count, 3)
    XCTAssertTrue(diagram.edges.allSatisfy(\.isHighlighted))
    let numbers = diagram.edges.map(\.hopNumbers).sorted { $0[0] < $1[0] }
    XCTAssertEqual(numbers, [[1], [2], [3]])
    let escalation = try XCTUnwrap(diagram.edges.first { $0.relation == .escalates })
    XCTAssertEqual(escalation.hopNumbers, [3])
    XCTAssertEqual(escalation.actions.count, 4)
    XCTAssertEqual(escalation.grants, ["escalates-2-4 (estate.json:grants[escalates-2-4])"])
    XCTAssertEqual(node(alice, in: diagram)?.isSource, true)
    XCTAssertEqual(diagram.title, "Attack path from alice to account admin in 3 hops")
  }

  func testSharedPathEdgeListsBothPositions() throws {
    var builder = EstateBuilder()
    let names = ["a", "b", "c", "d"]
    let ids = names.map {
      builder.define(Node(id: $0, kind: .serviceIdentity, platform: .gcp, account: "proj"))
    }
    builder.connect(ids[0], ids[1], .assumes, provenance: Fixtures.provenance("ab"))
    builder.connect(ids[1], ids[2], .assumes, provenance: Fixtures.provenance("bc"))
    builder.connect(ids[0], ids[2], .assumes, provenance: Fixtures.provenance("ac"))
    builder.connect(ids[2], ids[3], .assumes, provenance: Fixtures.provenance("cd"))
    let graph = builder.freeze()
    let long = AttackPath(edges: [EdgeID(0), EdgeID(1), EdgeID(3)], in: graph)
    let short = AttackPath(edges: [EdgeID(2), EdgeID(3)], in: graph)
    let diagram = Diagram.paths([long, short], in: graph)

    let shared = try XCTUnwrap(diagram.edges.first { $0.target == .node("d") })
    XCTAssertEqual(shared.hopNumbers, [2, 3])
    XCTAssertEqual(diagram.edges.count, 4)
    XCTAssertEqual(diagram.title, "2 attack paths from a to d")
  }

  func testNoPathsGiveEmptyDiagram() {
    let diagram = Diagram.paths([], in: Fixtures.crossCloud())

    XCTAssertTrue(diagram.nodes.isEmpty)
    XCTAssertTrue(diagram.edges.isEmpty)
    XCTAssertEqual(diagram.title, "No attack paths")
    XCTAssertTrue(diagram.legend.isEmpty)
  }

  // MARK: Estate

  func testSmallEstateDrawsEverything() {
    let diagram = Diagram.estate(Fixtures.crossCloud())

    XCTAssertEqual(diagram.nodes.count, 6)
    XCTAssertEqual(diagram.edges.count, 5)
    XCTAssertFalse(diagram.isAggregated)
    XCTAssertTrue(diagram.nodes.allSatisfy { $0.hops == nil })
    XCTAssertFalse(diagram.nodes.contains(where: \.isSource))
    XCTAssertEqual(diagram.title, "Estate overview: 6 nodes and 5 edges on 2 platforms")
  }

  func testEstateAggregatesCrownJewelsApart() throws {
    let graph = Fixtures.wideRadius(bucketCount: 70, secretCount: 5)
    let diagram = Diagram.estate(graph, maximumNodes: 10)

    XCTAssertEqual(diagram.nodes.count, 5)
    XCTAssertEqual(diagram.representedNodeCount, graph.nodeCount)
    let buckets = try XCTUnwrap(aggregates(in: diagram).first { $0.type == "s3-bucket" })
    XCTAssertEqual(buckets.memberCount, 70)
    XCTAssertFalse(buckets.isCrownJewel)
    XCTAssertEqual(node("arn:aws:s3:::payroll", in: diagram)?.isCrownJewel, true)
  }

  func testEstateEdgeLimitKeepsImportantEdges() {
    let diagram = Diagram.estate(Fixtures.crossCloud(), maximumEdges: 2)

    XCTAssertEqual(diagram.edges.map(\.relation), [.access, .escalates])
    XCTAssertTrue(diagram.title.hasSuffix(", showing 2 of 5 edges"))
  }

  func testEstateNeverAggregatesPrivileges() {
    var builder = EstateBuilder()
    for index in 0..<20 {
      builder.define(
        Node(
          id: "admin-\(index)", kind: .privilege, platform: .azure, account: "tenant",
          type: "global-admin"))
    }
    let diagram = Diagram.estate(builder.freeze(), maximumNodes: 5)

    XCTAssertEqual(diagram.nodes.count, 20)
    XCTAssertFalse(diagram.isAggregated)
  }

  // MARK: Order and legend

  func testNodeOrderIsPlatformAccountKindID() {
    let diagram = Diagram.estate(Fixtures.crossCloud())

    XCTAssertEqual(
      diagram.nodes.map(\.name),
      ["alice", "deploy", "devs", "customer-data", "account admin", "release-bot"])
  }

  func testEstateIndependentOfInsertionOrder() {
    XCTAssertEqual(
      Diagram.estate(Fixtures.crossCloud()), Diagram.estate(Fixtures.crossCloud(reversed: true)))
  }

  func testRadiusIndependentOfInsertionOrder() {
    XCTAssertEqual(
      radiusDiagram(Fixtures.crossCloud(), from: alice),
      radiusDiagram(Fixtures.crossCloud(reversed: true), from: alice))
  }

  func testLegendOfPathsListsOnlyUsed() {
    let graph = Fixtures.crossCloud()
    let source = graph.nodeID(for: alice)!
    let diagram = Diagram.paths(graph.shortestPaths(from: [source], to: .admin), in: graph)
    let legend = diagram.legend

    XCTAssertEqual(legend.kinds, [.human, .serviceIdentity, .group, .privilege])
    XCTAssertEqual(legend.platforms, [.aws])
    XCTAssertTrue(legend.hasSource)
    XCTAssertFalse(legend.hasCrownJewels)
    XCTAssertFalse(legend.hasAggregates)
    XCTAssertEqual(legend.edgeStyles, [.pathHop])
  }

  func testLegendOfRadiusListsEdgeStyles() {
    let cross = radiusDiagram(Fixtures.crossCloud(), from: alice).legend
    let wide = radiusDiagram(
      Fixtures.wideRadius(bucketCount: 70, secretCount: 5), from: Fixtures.readerID
    ).legend

    XCTAssertEqual(cross.edgeStyles, [.grant, .conditional])
    XCTAssertEqual(cross.platforms, [.aws, .azure])
    XCTAssertTrue(cross.hasCrownJewels)
    XCTAssertEqual(wide.edgeStyles, [.grant, .merged])
    XCTAssertTrue(wide.hasAggregates)
    XCTAssertEqual(wide.kinds, [.serviceIdentity, .resource, .credential])
  }
}
