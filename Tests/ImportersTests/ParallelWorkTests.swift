import XCTest

@testable import Importers

final class ParallelWorkTests: XCTestCase {
  func testResultsInIndexOrder() {
    var states = [0, 0]
    let results = ParallelWork.map(3..<40, states: &states) { _, index in index * index }
    XCTAssertEqual(results, (3..<40).map { $0 * $0 })
  }

  func testEachThreadTakesEveryNthIndex() {
    var states: [[Int]] = [[], [], []]
    let counts = ParallelWork.map(10..<27, states: &states) { seen, index in
      seen.append(index)
      return seen.count
    }
    XCTAssertEqual(counts, (0..<17).map { $0 / 3 + 1 })
    XCTAssertEqual(states[0], [10, 13, 16, 19, 22, 25])
    XCTAssertEqual(states[1], [11, 14, 17, 20, 23, 26])
    XCTAssertEqual(states[2], [12, 15, 18, 21, 24])
  }

  func testStatesKeptBetweenCalls() {
    var states = [0, 0]
    _ = ParallelWork.map(0..<10, states: &states) { count, _ in count += 1 }
    _ = ParallelWork.map(0..<4, states: &states) { count, _ in count += 1 }
    XCTAssertEqual(states, [7, 7])
  }

  func testEmptyRangeCallsNothing() {
    var states = [0, 0]
    let results = ParallelWork.map(5..<5, states: &states) { count, index -> Int in
      count += 1
      return index
    }
    XCTAssertEqual(results, [])
    XCTAssertEqual(states, [0, 0])
  }

  func testOneStateRunsInOrder() {
    var states: [[Int]] = [[]]
    let results = ParallelWork.map(0..<5, states: &states) { seen, index in
      seen.append(index)
      return index + 1
    }
    XCTAssertEqual(results, [1, 2, 3, 4, 5])
    XCTAssertEqual(states[0], [0, 1, 2, 3, 4])
  }

  func testConcurrentMapKeepsIndexOrder() {
    let results = ParallelWork.concurrentMap(count: 37) { $0 * $0 }
    XCTAssertEqual(results, (0..<37).map { $0 * $0 })
    XCTAssertEqual(ParallelWork.concurrentMap(count: 0) { $0 }, [])
  }

  /// An object whose release a test can observe through a weak reference.
  private final class Tracked: Sendable {
    let index: Int

    init(_ index: Int) {
      self.index = index
    }
  }

  func testConcurrentMapLeavesNoResultBehind() {
    weak var first: Tracked?
    weak var last: Tracked?
    do {
      let results = ParallelWork.concurrentMap(count: 8) { Tracked($0) }
      XCTAssertEqual(results.map(\.index), Array(0..<8))
      first = results.first
      last = results.last
      XCTAssertNotNil(first)
    }
    XCTAssertNil(first)
    XCTAssertNil(last)
  }
}

