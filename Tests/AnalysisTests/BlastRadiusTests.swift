import AccessGraph
import Analysis
import XCTest

final class BlastRadiusTests: XCTestCase {
  func testRadiusListsReachedNodesByHopCount() throws {
    let graph = SmallEstate.graph()
    let radius = BlastRadius(of: try graph.resolveNode("jenkins"), in: graph)

    XCTAssertEqual(
      radius.reached.map { "\(graph.node($0.node).id)@\($0.hops)" },
      [
        "svc-jenkins@1", "AKIAEXAMPLE@2", "arn:aws:iam::111122223333:user/ci@3",
        "arn:aws:iam::111122223333:role/admin@4", "arn:aws:s3:::payroll@5",
        "aws:admin/111122223333@5",
      ])
    XCTAssertEqual(radius.deepestHop, 5)
  }

  func testRadiusGroupsByPlatformAccountAndKind() throws {
    let graph = SmallEstate.graph()
    let radius = BlastRadius(of: try graph.resolveNode("jenkins"), in: graph)

    XCTAssertEqual(
      radius.groupedByPlatform(in: graph).map { "\($0.key):\($0.nodes.count)" },
      ["aws:5", "on-premises:1"])
    XCTAssertEqual(
      radius.groupedByAccount(in: graph).map { "\($0.key):\($0.nodes.count)" },
      ["aws/111122223333:5", "on-premises:1"])
    XCTAssertEqual(
      radius.groupedByKind(in: graph).map { "\($0.key):\($0.nodes.count)" },
      ["serviceIdentity:3", "resource:1", "credential:1", "privilege:1"])
    XCTAssertEqual(
      radius.groupedBySensitivity(in: graph).map { "\($0.key):\($0.nodes.count)" },
      ["crown-jewel:1", "other:5"])
    XCTAssertEqual(radius.platforms(in: graph), [.aws, .onPremises])
    XCTAssertEqual(radius.accounts(in: graph), ["aws/111122223333"])
  }

  func testCrownJewelPathIsMarkedConditional() throws {
    let graph = SmallEstate.graph()
    let radius = BlastRadius(of: try graph.resolveNode("jenkins"), in: graph)

    XCTAssertEqual(radius.crownJewels(in: graph).map(\.isConditional), [true])
    XCTAssertEqual(radius.privileges(in: graph).map(\.isConditional), [false])
  }

  func testDepthLimitTrimsRadius() throws {
    let graph = SmallEstate.graph()
    let radius = BlastRadius(of: try graph.resolveNode("jenkins"), in: graph, maxDepth: 2)

    XCTAssertEqual(radius.reached.map { graph.node($0.node).id }, ["svc-jenkins", "AKIAEXAMPLE"])
  }

  func testIdentityWithNoGrantsReachesNothing() throws {
    var builder = EstateBuilder()
    let loner = builder.define(Node(id: "loner", kind: .human, platform: .onPremises))
    let graph = builder.freeze()

    XCTAssertEqual(BlastRadius(of: loner, in: graph).reached, [])
    XCTAssertEqual(BlastRadius(of: loner, in: graph).deepestHop, 0)
  }

  func testUnconditionalPathIsPreferredOverShorterConditionalOne() {
    var builder = EstateBuilder()
    let origin = Provenance(file: "t.json", location: "", grant: "t")
    let user = builder.define(Node(id: "user", kind: .human, platform: .aws))
    let gated = builder.define(Node(id: "gated", kind: .serviceIdentity, platform: .aws))
    let first = builder.define(Node(id: "first", kind: .serviceIdentity, platform: .aws))
    let second = builder.define(Node(id: "second", kind: .serviceIdentity, platform: .aws))
    let bucket = builder.define(
      Node(id: "bucket", kind: .resource, platform: .aws, isCrownJewel: true))
    builder.connect(user, gated, .assumes, provenance: origin, isConditional: true)
    builder.connect(gated, bucket, .access, provenance: origin)
    builder.connect(user, first, .assumes, provenance: origin)
    builder.connect(first, second, .assumes, provenance: origin)
    builder.connect(second, bucket, .access, provenance: origin)
    let graph = builder.freeze()

    let jewel = BlastRadius(of: user, in: graph).crownJewels(in: graph)
    XCTAssertEqual(jewel.map(\.hops), [3])
    XCTAssertEqual(jewel.map(\.isConditional), [false])
    XCTAssertEqual(
      graph.shortestPaths(from: [user], to: .crownJewels).map { $0.nodes.map { graph.node($0).id } },
      [["user", "first", "second", "bucket"]])
    let reacher = WhoCan(target: bucket, in: graph).reachers.first { $0.node == user }
    XCTAssertEqual(reacher?.hops, 3)
    XCTAssertEqual(reacher?.isConditional, false)
    XCTAssertEqual(
      BlastRadius(of: user, in: graph).reached.first { $0.node == gated }?.isConditional, true)
  }
}
