import AccessGraph
import Analysis
import XCTest

/// Reaching an actor through `access` or `reads` holds it; only relations such as `assumes`
/// act as it. Radius and who-can say which of the two each path does.
final class HeldVersusActingTests: XCTestCase {
  /// An estate where a reader holds a role directly and can act as it only the long way:
  ///
  ///     reader ─access[iam:GetRole]→ deployer
  ///     reader ─memberOf→ ops ─assumes→ deployer ─access[s3:*]→ bucket
  ///     auditor ─access[iam:GetRole]→ deployer
  ///     project ─contains→ deployer; viewer ─access[*]→ project
  private func estate() -> AccessGraph {
    var builder = EstateBuilder()
    func define(_ id: String, _ kind: NodeKind) -> NodeID {
      builder.define(Node(id: id, kind: kind, platform: .aws, account: "111122223333"))
    }
    let reader = define("reader", .human)
    let auditor = define("auditor", .human)
    let viewer = define("viewer", .human)
    let ops = define("ops", .group)
    let deployer = define("deployer", .serviceIdentity)
    let bucket = define("bucket", .resource)
    let project = define("project", .scope)
    func origin(_ grant: String) -> Provenance {
      Provenance(file: "estate.json", location: grant, grant: grant)
    }
    builder.connect(
      reader, deployer, .access, actions: ["iam:GetRole"], provenance: origin("read role"))
    builder.connect(reader, ops, .memberOf, provenance: origin("membership"))
    builder.connect(
      ops, deployer, .assumes, actions: ["sts:AssumeRole"], provenance: origin("trust"))
    builder.connect(
      deployer, bucket, .access, actions: ["s3:*"], provenance: origin("bucket grant"))
    builder.connect(
      auditor, deployer, .access, actions: ["iam:GetRole"], provenance: origin("audit"))
    builder.connect(project, deployer, .contains, provenance: origin("project"))
    builder.connect(viewer, project, .access, actions: ["*"], provenance: origin("view"))
    return builder.freeze()
  }

  func testWhoCanTellsActingFromHolding() throws {
    let graph = estate()
    let result = WhoCan(target: try graph.resolveNode("deployer"), in: graph)
    let summary = result.identities(in: graph).map {
      "\(graph.node($0.node).id)@\($0.hops):\($0.actsAs ? "acts" : "holds")"
    }
    XCTAssertEqual(summary, ["auditor@1:holds", "reader@2:acts", "viewer@2:holds"])
    let reader = try XCTUnwrap(result.reachers.first { graph.node($0.node).id == "reader" })
    XCTAssertEqual(
      reader.path.map { graph.relation(of: $0) }, [.memberOf, .assumes],
      "the path shown acts as the role, not the shorter read")
  }

  func testRadiusPrefersActingPath() throws {
    let graph = estate()
    let radius = BlastRadius(of: try graph.resolveNode("reader"), in: graph)
    let deployer = try XCTUnwrap(radius.reached.first { graph.node($0.node).id == "deployer" })
    XCTAssertTrue(deployer.actsAs)
    XCTAssertEqual(deployer.hops, 2)
    XCTAssertEqual(deployer.path.map { graph.relation(of: $0) }, [.memberOf, .assumes])
    XCTAssertEqual(
      radius.reached.map { graph.node($0.node).id }, ["ops", "deployer", "bucket"])
  }

  func testRadiusMarksAnActorHeldOnly() throws {
    let graph = estate()
    let radius = BlastRadius(of: try graph.resolveNode("auditor"), in: graph)
    XCTAssertEqual(
      radius.reached.map { "\(graph.node($0.node).id):\($0.actsAs)" }, ["deployer:false"])
  }

  func testWhoCanOfAResourceNeverActsAs() throws {
    let graph = estate()
    let result = WhoCan(target: try graph.resolveNode("bucket"), in: graph)
    XCTAssertEqual(result.reachers.filter(\.actsAs).count, 0)
    XCTAssertEqual(
      result.identities(in: graph).map { graph.node($0.node).id }, ["deployer", "reader"])
  }
}
