import AccessGraph
import Analysis
import XCTest

final class NodeQueryTests: XCTestCase {
  func testExactIdWinsOverDisplayName() throws {
    let graph = SmallEstate.graph()
    let id = try graph.resolveNode("arn:aws:iam::111122223333:user/ci")

    XCTAssertEqual(graph.node(id).name, "ci")
  }

  func testUniqueDisplayNameResolves() throws {
    let graph = SmallEstate.graph()

    XCTAssertEqual(graph.node(try graph.resolveNode("Jenkins")).id, "jenkins")
  }

  func testUserPrincipalNameResolvesInAnyCase() throws {
    var builder = EstateBuilder()
    builder.define(
      Node(
        id: "5fcc4288-d76d-4505-982c-e3c9e0590f1c", kind: .human, platform: .azure,
        name: "Maria Lindqvist", tags: ["userPrincipalName": "maria.lindqvist@example.com"]))
    let graph = builder.freeze()

    XCTAssertEqual(
      graph.node(try graph.resolveNode("Maria.Lindqvist@example.com")).id,
      "5fcc4288-d76d-4505-982c-e3c9e0590f1c")
  }

  func testAmbiguousNameListsCandidates() {
    var builder = EstateBuilder()
    builder.define(Node(id: "a/deploy", kind: .serviceIdentity, platform: .aws, name: "deploy"))
    builder.define(Node(id: "b/deploy", kind: .serviceIdentity, platform: .aws, name: "deploy"))
    let graph = builder.freeze()

    XCTAssertThrowsError(try graph.resolveNode("deploy")) { error in
      XCTAssertEqual(
        "\(error)", "\"deploy\" names 2 nodes; give one id: \"a/deploy\", \"b/deploy\"")
    }
  }

  func testUnknownNameSuggestsCloseNames() {
    let graph = SmallEstate.graph()

    XCTAssertThrowsError(try graph.resolveNode("jenk")) { error in
      XCTAssertEqual("\(error)", "\"jenk\" matches no node; did you mean \"jenkins\", \"svc-jenkins\"?")
    }
    XCTAssertThrowsError(try graph.resolveNode("zzz")) { error in
      XCTAssertEqual(
        "\(error)",
        "\"zzz\" matches no node; give a node id or display name from the estate "
          + "(`blast import --nodes` lists them)")
    }
  }

  func testTargetWordsSelectPrivilegesAndCrownJewels() throws {
    let graph = SmallEstate.graph()

    XCTAssertEqual(
      try graph.resolveTarget("admin").nodes(in: graph).map { graph.node($0).id },
      ["aws:admin/111122223333"])
    XCTAssertEqual(
      try graph.resolveTarget("crown-jewels").nodes(in: graph).map { graph.node($0).id },
      ["arn:aws:s3:::payroll"])
  }
}
