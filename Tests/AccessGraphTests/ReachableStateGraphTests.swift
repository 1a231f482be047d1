import AccessGraph
import XCTest

final class ReachableStateGraphTests: XCTestCase {
  private let origin = Provenance(file: "test.json", location: "", grant: "test")

  /// alice -access-> role (held, so it stops there), alice -assumes-> deploy,
  /// deploy -access-> account -contains-> bucket, account -contains-> role,
  /// deploy -reads-> key -authenticatesAs-> deploy (conditional).
  private func estate() -> (AccessGraph, [String: NodeID]) {
    var builder = EstateBuilder()
    var ids: [String: NodeID] = [:]
    for (id, kind) in [
      ("alice", NodeKind.human), ("role", .serviceIdentity), ("deploy", .serviceIdentity),
      ("account", .scope), ("bucket", .resource), ("key", .credential),
    ] {
      ids[id] = builder.define(Node(id: id, kind: kind, platform: .aws))
    }
    builder.connect(ids["alice"]!, ids["role"]!, .access, provenance: origin)
    builder.connect(ids["alice"]!, ids["deploy"]!, .assumes, provenance: origin)
    builder.connect(ids["deploy"]!, ids["account"]!, .access, provenance: origin)
    builder.connect(ids["account"]!, ids["bucket"]!, .contains, provenance: origin)
    builder.connect(ids["account"]!, ids["role"]!, .contains, provenance: origin)
    builder.connect(ids["deploy"]!, ids["key"]!, .reads, provenance: origin)
    builder.connect(
      ids["key"]!, ids["deploy"]!, .authenticatesAs, provenance: origin, isConditional: true)
    return (builder.freeze(), ids)
  }

  /// Returns each vertex as `node/mode`, with mode `a` for acting and `h` for held.
  private func names(_ states: ReachableStateGraph, in graph: AccessGraph) -> [String] {
    states.stateOfVertex.map { state in
      graph.node(StateGraph.node(of: Int(state))).id + (state & 1 == 0 ? "/a" : "/h")
    }
  }

  private func leafNames(
    _ states: ReachableStateGraph, of vertex: Int, in graph: AccessGraph
  ) -> [String] {
    states.leaves(of: vertex).map { graph.node(NodeID($0)).id }
  }

  func testVerticesInBreadthFirstOrder() {
    let (graph, ids) = estate()
    let states = ReachableStateGraph(
      of: graph, from: [StateGraph.actingState(of: ids["alice"]!)])

    XCTAssertEqual(states.stateCount, 12)
    XCTAssertEqual(names(states, in: graph), ["alice/a", "deploy/a", "account/h", "key/h"])
    XCTAssertEqual(Array(states.successors(of: 0)), [1])
    XCTAssertEqual(Array(states.successors(of: 1)), [2, 3])
    XCTAssertEqual(Array(states.successors(of: 2)), [])
    XCTAssertEqual(Array(states.successors(of: 3)), [1])
  }

  func testLeavesAreListedByNode() {
    let (graph, ids) = estate()
    let states = ReachableStateGraph(
      of: graph, from: [StateGraph.actingState(of: ids["alice"]!)])

    // The role is only held and the bucket has no edges, so neither gets a vertex.
    XCTAssertEqual(leafNames(states, of: 0, in: graph), ["role"])
    XCTAssertEqual(leafNames(states, of: 1, in: graph), [])
    XCTAssertEqual(leafNames(states, of: 2, in: graph), ["bucket", "role"])
    XCTAssertEqual(leafNames(states, of: 3, in: graph), [])
    XCTAssertEqual(states.vertexOfState[ids["role"]!.index * 2 + 1], -1)
    XCTAssertEqual(states.vertexOfState[ids["bucket"]!.index * 2 + 1], -1)
    XCTAssertEqual(states.vertexOfState[ids["bucket"]!.index * 2], -1)
  }

  func testUnconditionalGraphDropsConditionalEdges() {
    let (graph, ids) = estate()
    let states = ReachableStateGraph(
      of: graph, from: [StateGraph.actingState(of: ids["alice"]!)],
      includesConditionalEdges: false)

    // The key keeps its vertex, because only the edge leaving it is left out.
    XCTAssertEqual(names(states, in: graph), ["alice/a", "deploy/a", "account/h", "key/h"])
    XCTAssertEqual(Array(states.successors(of: 3)), [])
  }

  func testStartStatesComeFirstOnce() {
    let (graph, ids) = estate()
    let bucket = StateGraph.actingState(of: ids["bucket"]!)
    let deploy = StateGraph.actingState(of: ids["deploy"]!)
    let states = ReachableStateGraph(of: graph, from: [bucket, deploy, bucket])

    // A start state without edges is a vertex all the same.
    XCTAssertEqual(names(states, in: graph), ["bucket/a", "deploy/a", "account/h", "key/h"])
    XCTAssertEqual(states.vertexCount, 4)
    XCTAssertEqual(Array(states.successors(of: 0)), [])
    XCTAssertEqual(states.vertexOfState[bucket], 0)
    XCTAssertEqual(states.vertexOfState[deploy], 1)
  }

  func testReachedNodesMatchForwardSearch() {
    let (graph, _) = estate()
    for node in graph.nodeIDs {
      let states = ReachableStateGraph(of: graph, from: [StateGraph.actingState(of: node)])
      var reached = Set(states.stateOfVertex.map { StateGraph.node(of: Int($0)) })
      for vertex in 0..<states.vertexCount {
        reached.formUnion(states.leaves(of: vertex).map { NodeID($0) })
      }

      XCTAssertEqual(
        reached, Set(graph.reachability(from: [node]).reachedNodes), graph.node(node).id)
    }
  }

  func testScopeReachedInBothModes() {
    // alice controls the account and has access to it, so she reaches it acting and held,
    // and both states follow its three edges: 8 state edges from 5 edges.
    var builder = EstateBuilder()
    let alice = builder.define(Node(id: "alice", kind: .human, platform: .aws))
    let account = builder.define(Node(id: "account", kind: .scope, platform: .aws))
    builder.connect(alice, account, .controls, provenance: origin)
    builder.connect(alice, account, .access, provenance: origin)
    for index in 0..<3 {
      let bucket = builder.define(Node(id: "bucket-\(index)", kind: .resource, platform: .aws))
      builder.connect(account, bucket, .contains, provenance: origin)
    }
    let graph = builder.freeze()
    let states = ReachableStateGraph(of: graph, from: [StateGraph.actingState(of: alice)])

    XCTAssertEqual(names(states, in: graph), ["alice/a", "account/a", "account/h"])
    XCTAssertEqual(Array(states.successors(of: 0)), [1, 2])
    XCTAssertEqual(leafNames(states, of: 1, in: graph), ["bucket-0", "bucket-1", "bucket-2"])
    XCTAssertEqual(leafNames(states, of: 2, in: graph), ["bucket-0", "bucket-1", "bucket-2"])
    XCTAssertEqual(states.targets.count + states.leafNodes.count, 8)
  }
}
