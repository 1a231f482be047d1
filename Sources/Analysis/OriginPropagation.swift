/// Bitset propagation of origins down a condensation, counting for chosen target states how
/// many origins reach them.
///
/// This is `ReachPropagation` in the other direction. Each origin is one column. A component
/// holds an origin's bit when the origin's state is one of its own states or lies in a
/// component that reaches it. Components are processed from the highest number down, in
/// topological order, each one passing its bitset on to its successors. Only the components
/// that some origin reaches take part.
///
/// Memory is bounded as in `ReachPropagation`: origins are processed in chunks, and each
/// pass keeps one bitset of the chunk's width per taking part component.
struct OriginPropagation {
  private let condensation: Condensation
  /// The components that some origin reaches, in increasing order.
  private let components: [Int32]
  /// The position of each component in `components`, or -1 when no origin reaches it.
  private let position: [Int32]
  private let originComponents: [Int]
  private let memoryLimit: Int

  /// - Parameters:
  ///   - originVertices: The vertex of `condensation` each origin starts in; one column per
  ///     entry.
  ///   - memoryLimit: The most bytes a pass may spend on bitsets.
  /// - Complexity: O(C + D) time and O(C) space, where C counts components and D the edges
  ///   between them.
  init(condensation: Condensation, originVertices: [Int], memoryLimit: Int) {
    self.condensation = condensation
    self.memoryLimit = memoryLimit
    originComponents = originVertices.map { Int(condensation.componentOfVertex[$0]) }
    var isReached = [Bool](repeating: false, count: condensation.componentCount)
    var pending: [Int32] = []
    for component in originComponents where !isReached[component] {
      isReached[component] = true
      pending.append(Int32(component))
    }
    while let component = pending.popLast() {
      for next in condensation.successors(of: Int(component)) where !isReached[Int(next)] {
        isReached[Int(next)] = true
        pending.append(next)
      }
    }
    var components: [Int32] = []
    var position = [Int32](repeating: -1, count: condensation.componentCount)
    for component in 0..<condensation.componentCount where isReached[component] {
      position[component] = Int32(components.count)
      components.append(Int32(component))
    }
    self.components = components
    self.position = position
  }

  /// Counts, for each of `targetVertices`, the origins whose vertex reaches it. An origin
  /// whose vertex is the target vertex itself counts too.
  ///
  /// - Complexity: O(P·(O + T) + (C + D)·N/64) time, where N counts origins, T targets, C
  ///   and D the components taking part and their edges, and P the passes. Extra space is at
  ///   most `memoryLimit` bytes for the bitsets, or C words when that is more.
  func countOrigins(reaching targetVertices: [Int]) -> [Int] {
    var totals = [Int](repeating: 0, count: targetVertices.count)
    let totalWords = (originComponents.count + 63) / 64
    let chunkWords = max(1, min(totalWords, memoryLimit / (8 * max(1, components.count))))
    let targetPositions = targetVertices.map {
      Int(position[Int(condensation.componentOfVertex[$0])])
    }
    for firstWord in stride(from: 0, to: totalWords, by: chunkWords) {
      let words = min(chunkWords, totalWords - firstWord)
      let bits = propagate(firstOrigin: firstWord * 64, words: words)
      for (target, place) in targetPositions.enumerated() where place >= 0 {
        var count = 0
        for word in bits[place * words..<(place + 1) * words] {
          count += word.nonzeroBitCount
        }
        totals[target] += count
      }
    }
    return totals
  }

  /// Returns one bitset of `words` words per taking part component, for the origins from
  /// `firstOrigin` on.
  private func propagate(firstOrigin: Int, words: Int) -> [UInt64] {
    var bits = [UInt64](repeating: 0, count: components.count * words)
    let endOrigin = min(originComponents.count, firstOrigin + words * 64)
    bits.withUnsafeMutableBufferPointer { buffer in
      for origin in firstOrigin..<endOrigin {
        let bit = origin - firstOrigin
        let base = Int(position[originComponents[origin]]) * words
        buffer[base + bit >> 6] |= 1 << UInt64(bit & 63)
      }
      // Every predecessor of a component has a higher number, so going down from the top
      // completes a component's bitset before it is passed on.
      for place in components.indices.reversed() {
        let from = place * words
        for next in condensation.successors(of: Int(components[place])) {
          let to = Int(position[Int(next)]) * words
          for word in 0..<words {
            buffer[to + word] |= buffer[from + word]
          }
        }
      }
    }
    return bits
  }
}
