import AccessGraph
import XCTest

final class EstateBuilderTests: XCTestCase {
  private let origin = Provenance(file: "test.json", location: "grants[0]", grant: "test grant")

  func testDefinitionReplacesStubButKeepsCrownJewelMark() {
    var builder = EstateBuilder()
    let stub = builder.reference(
      Node(id: "arn:aws:s3:::payroll", kind: .resource, platform: .aws, isCrownJewel: true))
    let defined = builder.define(
      Node(id: "arn:aws:s3:::payroll", kind: .resource, platform: .aws, account: "1",
        name: "payroll", type: "s3-bucket"))

    XCTAssertEqual(stub, defined)
    XCTAssertEqual(builder.nodeCount, 1)
    XCTAssertTrue(builder.node(defined).isDefined)
    XCTAssertTrue(builder.node(defined).isCrownJewel)
    XCTAssertEqual(builder.node(defined).name, "payroll")
  }

  func testSecondDefinitionKeepsFirstKindAndMergesTags() {
    var builder = EstateBuilder()
    let first = builder.define(
      Node(id: "svc", kind: .serviceIdentity, platform: .onPremises, tags: ["owner": "ops"]))
    builder.define(
      Node(id: "svc", kind: .human, platform: .onPremises, tags: ["owner": "dev", "tier": "1"]))

    XCTAssertEqual(builder.node(first).kind, .serviceIdentity)
    XCTAssertEqual(builder.node(first).tags, ["owner": "ops", "tier": "1"])
  }

  func testReferenceDoesNotOverwriteDefinition() {
    var builder = EstateBuilder()
    let defined = builder.define(Node(id: "role", kind: .serviceIdentity, platform: .aws))
    let referenced = builder.reference(Node(id: "role", kind: .resource, platform: .aws))

    XCTAssertEqual(defined, referenced)
    XCTAssertEqual(builder.node(defined).kind, .serviceIdentity)
    XCTAssertTrue(builder.node(defined).isDefined)
  }

  func testIdenticalEdgeIsAddedOnce() {
    var builder = EstateBuilder()
    let user = builder.define(Node(id: "u", kind: .human, platform: .aws))
    let bucket = builder.define(Node(id: "b", kind: .resource, platform: .aws))

    XCTAssertTrue(builder.connect(user, bucket, .access, actions: ["s3:*"], provenance: origin))
    XCTAssertFalse(builder.connect(user, bucket, .access, actions: ["s3:*"], provenance: origin))
    XCTAssertTrue(builder.connect(user, bucket, .access, actions: ["s3:Get*"], provenance: origin))
    XCTAssertEqual(builder.edgeCount, 2)
    XCTAssertTrue(builder.hasEdge(user, bucket, .access))
    XCTAssertFalse(builder.hasEdge(bucket, user, .access))
  }

  func testEdgeByIdsMatchesEdgeByValues() {
    var builder = EstateBuilder()
    let user = builder.define(Node(id: "u", kind: .human, platform: .aws))
    let bucket = builder.define(Node(id: "b", kind: .resource, platform: .aws))
    let actionsID = builder.actionsID(for: ["s3:Get*", "!s3:GetObject"])
    let provenanceID = builder.provenanceID(for: origin)

    XCTAssertEqual(builder.actionsID(for: ["s3:Get*", "!s3:GetObject"]), actionsID)
    XCTAssertEqual(builder.provenanceID(for: origin), provenanceID)
    XCTAssertNotEqual(builder.actionsID(for: ["s3:Get*"]), actionsID)
    XCTAssertTrue(
      builder.connect(
        user, bucket, .access, actionsID: actionsID, provenanceID: provenanceID,
        isConditional: true))
    XCTAssertFalse(
      builder.connect(
        user, bucket, .access, actions: ["s3:Get*", "!s3:GetObject"], provenance: origin,
        isConditional: true))
    XCTAssertEqual(builder.edgeCount, 1)

    let edge = builder.freeze().edge(EdgeID(0))
    XCTAssertEqual(edge.actions, ["s3:Get*", "!s3:GetObject"])
    XCTAssertEqual(edge.provenance, origin)
    XCTAssertTrue(edge.isConditional)
  }

  func testReservedBuilderKeepsIdsAndEdges() {
    var builder = EstateBuilder()
    let user = builder.define(Node(id: "u", kind: .human, platform: .aws))
    let bucket = builder.define(Node(id: "b", kind: .resource, platform: .aws))
    builder.connect(user, bucket, .access, actions: ["s3:*"], provenance: origin)
    let actionsID = builder.actionsID(for: ["s3:*"])
    let provenanceID = builder.provenanceID(for: origin)

    builder.reserveCapacity(additionalEdges: 1_000)

    XCTAssertEqual(builder.actionsID(for: ["s3:*"]), actionsID)
    XCTAssertEqual(builder.provenanceID(for: origin), provenanceID)
    XCTAssertFalse(builder.connect(user, bucket, .access, actions: ["s3:*"], provenance: origin))
    XCTAssertTrue(builder.connect(bucket, user, .access, actions: ["s3:*"], provenance: origin))
    XCTAssertEqual(builder.edgeCount, 2)
    let edge = builder.freeze().edge(EdgeID(1))
    XCTAssertEqual(edge.source, bucket)
    XCTAssertEqual(edge.target, user)
    XCTAssertEqual(edge.actions, ["s3:*"])
    XCTAssertEqual(edge.provenance, origin)
  }

  func testFrozenGraphKeepsEdgeDetails() {
    var builder = EstateBuilder()
    let user = builder.define(Node(id: "u", kind: .human, platform: .aws))
    let role = builder.define(Node(id: "r", kind: .serviceIdentity, platform: .aws))
    builder.connect(
      user, role, .assumes, actions: ["sts:AssumeRole"], provenance: origin, isConditional: true)
    let graph = builder.freeze()
    let edge = graph.edge(EdgeID(0))

    XCTAssertEqual(edge.source, user)
    XCTAssertEqual(edge.target, role)
    XCTAssertEqual(edge.relation, .assumes)
    XCTAssertEqual(edge.actions, ["sts:AssumeRole"])
    XCTAssertEqual(edge.provenance, origin)
    XCTAssertTrue(edge.isConditional)
    XCTAssertEqual(graph.nodeID(for: "r"), role)
    XCTAssertNil(graph.nodeID(for: "missing"))
  }

  func testAdjacencyListsEdgesBothWays() {
    var builder = EstateBuilder()
    let a = builder.define(Node(id: "a", kind: .human, platform: .aws))
    let b = builder.define(Node(id: "b", kind: .group, platform: .aws))
    let c = builder.define(Node(id: "c", kind: .resource, platform: .aws))
    builder.connect(a, b, .memberOf, provenance: origin)
    builder.connect(b, c, .access, provenance: origin)
    builder.connect(a, c, .access, provenance: origin)
    let graph = builder.freeze()

    XCTAssertEqual(graph.outgoingEdges(of: a).map(graph.target), [b, c])
    XCTAssertEqual(graph.outgoingEdges(of: c), [])
    XCTAssertEqual(graph.incomingEdges(of: c).map(graph.source), [b, a])
    XCTAssertEqual(graph.incomingEdges(of: a), [])
  }
}
