import Dispatch
import Foundation
import Synchronization

/// Work on independent indices, spread over one thread per processor, each thread with a
/// state of its own such as a cache.
public enum ParallelWork {
  /// The number of threads to use: one per active processor.
  static var threadCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

  /// Calls `work(&states[t], index)` for each index of `indices` and returns the results in
  /// index order.
  ///
  /// Each thread takes the next index not yet taken until none is left, so the threads
  /// finish at about the same time even when some indices take much longer than others.
  /// Which thread works on an index depends on timing, so `work` must give the same result
  /// whatever its state has cached. `work` must not touch shared mutable data.
  ///
  /// - Parameters:
  ///   - indices: The indices to work on.
  ///   - states: One state per thread; the number of threads is their count. Each keeps
  ///     what its thread left in it, so a later call can reuse it.
  /// - Complexity: The sum of the work, spread over `states.count` threads.
  static func map<State, Result>(
    _ indices: Range<Int>, states: inout [State], _ work: (inout State, Int) -> Result
  ) -> [Result] {
    let count = indices.count
    guard count > 0 else { return [] }
    let threads = min(states.count, count)
    guard threads > 1 else {
      return indices.map { work(&states[0], $0) }
    }
    let results = UnsafeMutableBufferPointer<Result?>.allocate(capacity: count)
    results.initialize(repeating: nil)
    defer {
      _ = results.deinitialize()
      results.deallocate()
    }
    let start = indices.lowerBound
    states.withUnsafeMutableBufferPointer { stateBuffer in
      nonisolated(unsafe) let slots = results
      nonisolated(unsafe) let threadStates = stateBuffer
      nonisolated(unsafe) let work = work
      let nextOffset = Atomic<Int>(0)
      DispatchQueue.concurrentPerform(iterations: threads) { thread in
        while true {
          let offset = nextOffset.add(1, ordering: .relaxed).oldValue
          guard offset < count else { break }
          slots[offset] = work(&threadStates[thread], start + offset)
        }
      }
    }
    return results.map { $0! }
  }

  /// Calls `produce(k)` for each k in `0..<count` and `consume` with each product in order,
  /// where `produce(k + 1)` runs on another thread while the caller's thread consumes
  /// product k.
  ///
  /// At most two products exist at once. `produce` calls run one at a time and may start
  /// parallel work of their own. `produce` must not touch data that `consume` changes.
  ///
  /// - Complexity: The sum of the work, with each `produce` call overlapping the previous
  ///   `consume` call.
  static func pipeline<Product>(
    count: Int, produce: (Int) -> Product, consume: (Product) -> Void
  ) {
    guard count > 0 else { return }
    withoutActuallyEscaping(produce) { produce in
      nonisolated(unsafe) let produce = produce
      var product = produce(0)
      for next in 1...count {
        let pending = next < count ? BackgroundResult { produce(next) } : nil
        consume(product)
        // Waiting also keeps `produce` from outliving this call.
        guard let pending else { break }
        product = pending.wait()
      }
    }
  }

  /// Frees `value` on a background thread, for a large structure whose freeing would
  /// otherwise hold up the caller by milliseconds. The freeing moves off the caller's thread
  /// only when the caller holds no other reference. When the process exits first, the
  /// system reclaims the memory.
  public static func releaseInBackground<Value>(_ value: consuming Value) {
    nonisolated(unsafe) let retired = consume value
    DispatchQueue.global(qos: .utility).async {
      withExtendedLifetime(retired) {}
    }
  }

  /// Calls `work(index)` for each index of `0..<count`, each call a task of its own that
  /// Dispatch runs on any free thread, and returns the results in index order.
  ///
  /// `work` must not touch shared mutable data. Each result is moved out of the buffer the
  /// threads write into, so nothing of it stays behind once the caller releases it.
  ///
  /// - Complexity: The sum of the work, spread over the processors.
  static func concurrentMap<Result>(count: Int, _ work: (Int) -> Result) -> [Result] {
    guard count > 0 else { return [] }
    let slots = UnsafeMutableBufferPointer<Result?>.allocate(capacity: count)
    slots.initialize(repeating: nil)
    defer {
      _ = slots.deinitialize()
      slots.deallocate()
    }
    nonisolated(unsafe) let results = slots
    nonisolated(unsafe) let work = work
    DispatchQueue.concurrentPerform(iterations: count) { index in
      results[index] = work(index)
    }
    return (0..<count).map { slots[$0].take()! }
  }
}

/// A value worked out on a Dispatch thread while the caller's thread does other work.
final class BackgroundResult<Value>: @unchecked Sendable {
  // Written once by the work and read only after `group` has finished waiting, which
  // orders the write before the read.
  private var value: Value?
  private let group = DispatchGroup()

  /// Starts `work` on a global queue. `work` must not touch data that the caller changes
  /// before `wait()` returns.
  init(_ work: @escaping () -> Value) {
    nonisolated(unsafe) let work = work
    DispatchQueue.global(qos: .userInitiated).async(group: group) {
      self.value = work()
    }
  }

  /// Waits for the work to end and returns its value. Call it once.
  func wait() -> Value {
    group.wait()
    return value.take()!
  }
}

/// A value that one thread provides once and another thread waits for.
final class Handoff<Value>: @unchecked Sendable {
  // Written once before `ready` is signalled and read only after waiting for it, which
  // orders the write before the read.
  private var value: Value?
  private let ready = DispatchSemaphore(value: 0)

  /// Stores `value` and wakes the waiting thread. Call it once.
  func provide(_ value: Value) {
    self.value = value
    ready.signal()
  }

  /// Waits until the value is provided and returns it. Call it once.
  func wait() -> Value {
    ready.wait()
    return value.take()!
  }
}
