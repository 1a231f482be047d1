import AccessGraph
import XCTest

final class StateGraphTests: XCTestCase {
  private let origin = Provenance(file: "test.json", location: "", grant: "test")

  /// Returns every state edge as `node/mode -> node/mode`, with mode `a` for acting and `h`
  /// for held, sorted.
  private func describe(_ states: StateGraph, in graph: AccessGraph) -> [String] {
    func name(_ state: Int) -> String {
      graph.node(StateGraph.node(of: state)).id + (state & 1 == 0 ? "/a" : "/h")
    }
    var lines: [String] = []
    for state in 0..<states.stateCount {
      for target in states.successors(of: state) {
        lines.append("\(name(state)) -> \(name(Int(target)))")
      }
    }
    return lines.sorted()
  }

  /// alice -access-> role (held, so it stops there), alice -assumes-> deploy,
  /// deploy -access-> account -contains-> bucket, account -contains-> role,
  /// deploy -reads-> key -authenticatesAs-> deploy (conditional).
  private func estate() -> AccessGraph {
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
    return builder.freeze()
  }

  func testStateEdgesFollowModeRules() {
    let graph = estate()
    let states = StateGraph(of: graph)

    XCTAssertEqual(states.stateCount, 12)
    XCTAssertEqual(
      describe(states, in: graph),
      [
        "account/a -> bucket/a", "account/a -> role/a", "account/h -> bucket/h",
        "account/h -> role/h", "alice/a -> deploy/a", "alice/a -> role/h",
        "deploy/a -> account/h", "deploy/a -> key/h", "key/a -> deploy/a",
        "key/h -> deploy/a",
      ])
  }

  func testUnconditionalStateGraphDropsConditionalEdges() {
    let graph = estate()
    let states = StateGraph(of: graph, includesConditionalEdges: false)

    XCTAssertEqual(
      describe(states, in: graph),
      [
        "account/a -> bucket/a", "account/a -> role/a", "account/h -> bucket/h",
        "account/h -> role/h", "alice/a -> deploy/a", "alice/a -> role/h",
        "deploy/a -> account/h", "deploy/a -> key/h",
      ])
  }

  func testStatesReachedMatchForwardSearch() {
    let graph = estate()
    let states = StateGraph(of: graph)
    for node in graph.nodeIDs {
      var seen = Set([StateGraph.actingState(of: node)])
      var queue = [StateGraph.actingState(of: node)]
      while let state = queue.popLast() {
        for target in states.successors(of: state) where seen.insert(Int(target)).inserted {
          queue.append(Int(target))
        }
      }
      let search = graph.reachability(from: [node])
      let reachedNodes = Set(seen.map { StateGraph.node(of: $0) })

      XCTAssertEqual(reachedNodes, Set(search.reachedNodes), graph.node(node).id)
      for reached in graph.nodeIDs {
        XCTAssertEqual(
          seen.contains(StateGraph.actingState(of: reached)), search.actsAs(reached),
          "\(graph.node(node).id) acting as \(graph.node(reached).id)")
      }
    }
  }
}
