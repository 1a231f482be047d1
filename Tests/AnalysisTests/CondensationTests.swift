import Analysis
import XCTest

final class CondensationTests: XCTestCase {
  /// Builds CSR arrays from an edge list.
  private func condense(
    vertexCount: Int, _ edges: [(Int, Int)], searchOrder: [Int32] = []
  ) -> Condensation {
    var offsets = [Int32](repeating: 0, count: vertexCount + 1)
    for (source, _) in edges {
      offsets[source + 1] += 1
    }
    for vertex in 0..<vertexCount {
      offsets[vertex + 1] += offsets[vertex]
    }
    var next = offsets
    var targets = [Int32](repeating: 0, count: edges.count)
    for (source, target) in edges {
      targets[Int(next[source])] = Int32(target)
      next[source] += 1
    }
    return Condensation(
      vertexCount: vertexCount, offsets: offsets, targets: targets, searchOrder: searchOrder)
  }

  /// Returns the components as sorted vertex lists, in component order.
  private func groups(_ condensation: Condensation) -> [[Int32]] {
    (0..<condensation.componentCount).map { Array(condensation.members(of: $0)) }
  }

  func testCyclesBecomeOneComponentEach() {
    // 0 -> 1 -> 2 -> 0 is a cycle, 2 -> 3 -> 4 -> 3 another, and 5 stands alone.
    let condensation = condense(
      vertexCount: 6, [(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 3)])

    XCTAssertEqual(condensation.componentCount, 3)
    XCTAssertEqual(groups(condensation), [[3, 4], [0, 1, 2], [5]])
    XCTAssertEqual(condensation.componentOfVertex, [1, 1, 1, 0, 0, 2])
    XCTAssertEqual(Array(condensation.successors(of: 1)), [0])
    XCTAssertEqual(Array(condensation.successors(of: 0)), [])
    XCTAssertEqual(Array(condensation.successors(of: 2)), [])
  }

  func testParallelEdgesGiveOneSuccessor() {
    // Two edges from the cycle {0, 1} into 2, one from each member, and a self-loop on 2.
    let condensation = condense(vertexCount: 3, [(0, 1), (1, 0), (0, 2), (1, 2), (2, 2)])

    XCTAssertEqual(groups(condensation), [[2], [0, 1]])
    XCTAssertEqual(Array(condensation.successors(of: 1)), [0])
    XCTAssertEqual(Array(condensation.successors(of: 0)), [])
  }

  func testEdgesPointToLowerComponents() {
    // A diamond with a back edge: 0 -> 1, 0 -> 2, 1 -> 3, 2 -> 3, 3 -> 1.
    let edges = [(0, 1), (0, 2), (1, 3), (2, 3), (3, 1)]
    let condensation = condense(vertexCount: 4, edges)

    XCTAssertEqual(groups(condensation), [[1, 3], [2], [0]])
    for (source, target) in edges {
      let from = condensation.componentOfVertex[source]
      let to = condensation.componentOfVertex[target]
      XCTAssertTrue(from >= to, "edge \(source) -> \(target)")
    }
    XCTAssertEqual(Array(condensation.successors(of: 2)), [0, 1])
  }

  func testLongChainNeedsNoRecursion() {
    // A path of 200,000 vertices closed into one cycle would overflow a recursive search.
    let count = 200_000
    let edges = (0..<count).map { ($0, ($0 + 1) % count) }
    let condensation = condense(vertexCount: count, edges)

    XCTAssertEqual(condensation.componentCount, 1)
    XCTAssertEqual(condensation.members(of: 0).count, count)
  }

  func testEmptyGraphHasNoComponents() {
    let condensation = condense(vertexCount: 0, [])

    XCTAssertEqual(condensation.componentCount, 0)
    XCTAssertEqual(condensation.members, [])
  }

  func testSearchOrderRenumbersComponents() {
    // 0 -> 1 and 2 -> 3 <-> 4. Starting at 2 completes its components first.
    let edges = [(0, 1), (2, 3), (3, 4), (4, 3)]
    let byIndex = condense(vertexCount: 5, edges)
    let fromTwo = condense(vertexCount: 5, edges, searchOrder: [2])

    XCTAssertEqual(byIndex.componentOfVertex, [1, 0, 3, 2, 2])
    XCTAssertEqual(groups(byIndex), [[1], [0], [3, 4], [2]])
    XCTAssertEqual(fromTwo.componentOfVertex, [3, 2, 1, 0, 0])
    XCTAssertEqual(groups(fromTwo), [[3, 4], [2], [1], [0]])
    XCTAssertEqual(Array(fromTwo.successors(of: 1)), [0])
    XCTAssertEqual(Array(fromTwo.successors(of: 3)), [2])
  }

  func testMembersFoundOutOfOrderAreSorted() {
    // The search from 0 finds 3 before 1 and 2, all in one cycle.
    let condensation = condense(vertexCount: 4, [(0, 3), (3, 2), (2, 1), (1, 0)])

    XCTAssertEqual(groups(condensation), [[0, 1, 2, 3]])
  }
}
