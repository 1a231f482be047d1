/// Bitset propagation of reach over a condensation, counting for chosen source components
/// how many columns they reach.
///
/// A column is a set of nodes, such as one node, one platform or one account. A component
/// reaches a column when one of its own states, or a state of a component it reaches, is a
/// state of a node in that column. Components are processed in reverse topological order,
/// each one's bitset being its own columns OR the bitsets of its successors. Only the
/// components that some source reaches take part.
///
/// Memory is bounded by processing columns in chunks. Each pass keeps one bitset of the
/// chunk's width per taking part component, and the chunk is as wide as `memoryLimit`
/// allows, at least 64 columns.
struct ReachPropagation {
  private let condensation: Condensation
  /// The components that some source reaches, in increasing (reverse topological) order.
  private let components: [Int32]
  /// The position of each component in `components`, or -1 when no source reaches it.
  private let position: [Int32]
  /// The position in `components` of each source's component.
  private let sourcePositions: [Int]
  private let memoryLimit: Int

  /// - Parameters:
  ///   - sourceComponents: The component each source starts in; one count per entry.
  ///   - memoryLimit: The most bytes a pass may spend on bitsets.
  /// - Complexity: O(C + D) time and O(C) space, where C counts components and D the edges
  ///   between them.
  init(condensation: Condensation, sourceComponents: [Int], memoryLimit: Int) {
    self.condensation = condensation
    self.memoryLimit = memoryLimit
    var isReached = [Bool](repeating: false, count: condensation.componentCount)
    var pending: [Int32] = []
    for component in sourceComponents where !isReached[component] {
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
    sourcePositions = sourceComponents.map { Int(position[$0]) }
  }

  /// Counts, for each source, the columns it reaches.
  ///
  /// - Parameters:
  ///   - columnOfNode: The column of each node, or -1 for a node in no column.
  ///   - columnCount: The number of columns.
  /// - Returns: One count per source, in the order of `sourceComponents`.
  /// - Complexity: O(P·(S + C) + (C + D)·K/64) time, where K counts columns, S states,
  ///   C and D the components taking part and their edges, and P = ⌈K / w⌉ passes for a
  ///   chunk of w columns. Extra space is at most `memoryLimit` bytes for the bitsets, or
  ///   C words when that is more.
  func countColumns(columnOfNode: [Int32], columnCount: Int) -> [Int] {
    var totals = [Int](repeating: 0, count: sourcePositions.count)
    let totalWords = (columnCount + 63) / 64
    let chunkWords = max(1, min(totalWords, memoryLimit / (8 * max(1, components.count))))
    for firstWord in stride(from: 0, to: totalWords, by: chunkWords) {
      let words = min(chunkWords, totalWords - firstWord)
      let bits = propagate(
        columnOfNode: columnOfNode, firstColumn: firstWord * 64, words: words)
      for (source, place) in sourcePositions.enumerated() {
        var count = 0
        for word in bits[place * words..<(place + 1) * words] {
          count += word.nonzeroBitCount
        }
        totals[source] += count
      }
    }
    return totals
  }

  /// Returns one bitset of `words` words per taking part component, for the columns from
  /// `firstColumn` on.
  private func propagate(columnOfNode: [Int32], firstColumn: Int, words: Int) -> [UInt64] {
    var bits = [UInt64](repeating: 0, count: components.count * words)
    let endColumn = firstColumn + words * 64
    bits.withUnsafeMutableBufferPointer { buffer in
      for (place, component) in components.enumerated() {
        let base = place * words
        for state in condensation.members(of: Int(component)) {
          let column = Int(columnOfNode[Int(state) >> 1])
          if column >= firstColumn && column < endColumn {
            let bit = column - firstColumn
            buffer[base + bit >> 6] |= 1 << UInt64(bit & 63)
          }
        }
        // Successors have lower component numbers, so their bitsets are complete already.
        for next in condensation.successors(of: Int(component)) {
          let from = Int(position[Int(next)]) * words
          for word in 0..<words {
            buffer[base + word] |= buffer[from + word]
          }
        }
      }
    }
    return bits
  }
}
