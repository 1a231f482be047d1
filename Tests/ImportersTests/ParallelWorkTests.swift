import Foundation
import XCTest

@testable import Importers

final class ParallelWorkTests: XCTestCase {
  func testResultsInIndexOrder() {
    var states = [0, 0]
    let results = ParallelWork.map(3..<40, states: &states) { _, index in index * index }
    XCTAssertEqual(results, (3..<40).map { $0 * $0 })
  }

  func testEveryIndexTakenOnce() {
    var states: [[Int]] = [[], [], []]
    let results = ParallelWork.map(10..<27, states: &states) { seen, index in
      seen.append(index)
      return index + 1
    }
    XCTAssertEqual(results, Array(11..<28))
    XCTAssertEqual(states.joined().sorted(), Array(10..<27))
    for seen in states {
      XCTAssertEqual(seen, seen.sorted())
    }
  }

  func testStatesKeptBetweenCalls() {
    var states = [0, 0]
    _ = ParallelWork.map(0..<10, states: &states) { count, _ in count += 1 }
    _ = ParallelWork.map(0..<4, states: &states) { count, _ in count += 1 }
    XCTAssertEqual(states.reduce(0, +), 14)
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

  func testPipelineConsumesInOrder() {
    var produced: [Int] = []
    let lock = NSLock()
    var consumed: [String] = []
    ParallelWork.pipeline(count: 6) { index in
      lock.withLock { produced.append(index) }
      return "product \(index)"
    } consume: { product in
      consumed.append(product)
    }
    XCTAssertEqual(produced, Array(0..<6))
    XCTAssertEqual(consumed, (0..<6).map { "product \($0)" })
  }

  func testPipelineOfNothingCallsNothing() {
    var calls = 0
    ParallelWork.pipeline(count: 0) { index in
      index
    } consume: { _ in
      calls += 1
    }
    XCTAssertEqual(calls, 0)
  }

  func testPipelineLeavesNoProductBehind() {
    weak var last: Tracked?
    ParallelWork.pipeline(count: 3) { index in
      Tracked(index)
    } consume: { product in
      last = product
    }
    XCTAssertNil(last)
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

  func testHandoffWaitsForValue() {
    let handoff = Handoff<[Int]>()
    let started = DispatchSemaphore(value: 0)
    let pending = BackgroundResult { () -> [Int] in
      started.signal()
      return handoff.wait().map { $0 * 2 }
    }
    started.wait()
    handoff.provide([1, 2, 3])
    XCTAssertEqual(pending.wait(), [2, 4, 6])
  }

  func testHandoffProvidedBeforeWait() {
    let handoff = Handoff<String>()
    handoff.provide("ready")
    XCTAssertEqual(handoff.wait(), "ready")
  }
}
