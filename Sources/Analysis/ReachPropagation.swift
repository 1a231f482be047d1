import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Bitset propagation of reach over a condensation, counting for chosen source components
/// how many columns they reach.
///
/// A column is a set of nodes, such as one node, one platform or one account. A component
/// reaches a column when one of its own states, or a state of a component it reaches, is a
/// state of a node in that column. Components are processed in reverse topological order,
/// each one's bitset being its own columns OR the bitsets of its successors. Only the
/// components that some source reaches take part.
///
/// Memory is bounded by processing the columns in slices of whole words. A slice that keeps
/// more words than its share of `memoryLimit` stops, and the columns are split into twice
/// as many slices, down to one word per slice.
struct ReachPropagation {
  private let condensation: Condensation
  /// The components that some source reaches, in increasing (reverse topological) order.
  private let components: [Int32]
  /// The position of each component in `components`, or -1 when no source reaches it.
  private let position: [Int32]
  /// The position in `components` of each source's component.
  private let sourcePositions: [Int]
  /// Whether another taking part component has an edge into each one, by position.
  private let hasPredecessors: [Bool]
  /// Whether each taking part component has an edge to another, by position.
  private let hasSuccessors: [Bool]
  /// The number of taking part components that have both.
  private let innerCount: Int
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
    var hasPredecessors = [Bool](repeating: false, count: components.count)
    var hasSuccessors = [Bool](repeating: false, count: components.count)
    for (place, component) in components.enumerated() {
      for next in condensation.successors(of: Int(component)) {
        hasPredecessors[Int(position[Int(next)])] = true
        hasSuccessors[place] = true
      }
    }
    self.components = components
    self.position = position
    self.hasPredecessors = hasPredecessors
    self.hasSuccessors = hasSuccessors
    innerCount = zip(hasPredecessors, hasSuccessors).filter { $0 && $1 }.count
    sourcePositions = sourceComponents.map { Int(position[$0]) }
  }

  /// Counts, for each source, the columns it reaches.
  ///
  /// Columns are first renumbered in the order the components, taken in increasing order,
  /// hold them. Tarjan's numbering is a depth-first finishing order, so what one component
  /// reaches then tends to fill a few runs of words. Each component keeps only its nonzero
  /// words (`SparseBits`), and a component's words are dropped once every component with an
  /// edge into it has taken them. A component without successors keeps no words at all,
  /// because its columns are its own states' columns.
  ///
  /// The words are split into slices that are counted independently, on all processor
  /// cores at once, and the counts of a source are summed over the slices.
  ///
  /// - Parameters:
  ///   - columnOfNode: The column of each node, or -1 for a node in no column.
  ///   - columnCount: The number of columns.
  /// - Returns: One count per source, in the order of `sourceComponents`.
  /// - Complexity: O(P·(S + C + D) + W) time for P slices, where S counts states, C the
  ///   components taking part and D the edges between them. W sums, over those edges, the
  ///   nonzero words of the component each edge enters, at most D·K/64 for K columns. The
  ///   slices running at once keep at most `memoryLimit` bytes of words together, unless
  ///   the slices are one word wide, and as many run at once as there are cores.
  func countColumns(columnOfNode: [Int32], columnCount: Int) -> [Int] {
    let columnOfState = renumberedColumns(columnOfNode: columnOfNode, columnCount: columnCount)
    let usedColumns = (columnOfState.max() ?? -1) + 1
    let totalWords = (Int(usedColumns) + 63) / 64
    guard totalWords > 0 else {
      return [Int](repeating: 0, count: sourcePositions.count)
    }
    // Slices start one per core and split in two while one of them keeps more words than
    // its share of the memory limit. Each kept word takes 12 bytes with its index.
    var sliceCount = min(totalWords, Self.coreCount)
    while true {
      let keptWordLimit = max(1, memoryLimit / (12 * min(sliceCount, Self.coreCount)))
      let slices = sliceCount
      let totals = SliceTotals(sliceCount: slices, placeCount: components.count)
      DispatchQueue.concurrentPerform(iterations: slices) { slice in
        let firstWord = slice * totalWords / slices
        let endWord = (slice + 1) * totalWords / slices
        totals.store(
          countSlice(
            columnOfState: columnOfState, firstWord: firstWord, endWord: endWord,
            keptWordLimit: endWord - firstWord > 1 ? keptWordLimit : Int.max),
          slice: slice)
      }
      if let perPlace = totals.sum() {
        return sourcePositions.map { perPlace[$0] }
      }
      sliceCount = min(totalWords, sliceCount * 2)
    }
  }

  /// The processor cores online, which is how many slices run at once.
  private static let coreCount = max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))

  /// Returns the renumbered column of every state, or -1, as `countColumns` describes.
  private func renumberedColumns(columnOfNode: [Int32], columnCount: Int) -> [Int32] {
    var position = [Int32](repeating: -1, count: columnCount)
    var next: Int32 = 0
    var columnOfState = [Int32](repeating: -1, count: condensation.componentOfVertex.count)
    for component in components {
      for state in condensation.members(of: Int(component)) {
        let column = Int(columnOfNode[Int(state) >> 1])
        guard column >= 0 else { continue }
        if position[column] < 0 {
          position[column] = next
          next += 1
        }
        columnOfState[Int(state)] = position[column]
      }
    }
    return columnOfState
  }

  /// Counts, for every taking part component, its columns in words `firstWord ..< endWord`,
  /// or returns nil as soon as more than `keptWordLimit` words would be kept.
  private func countSlice(
    columnOfState: [Int32], firstWord: Int, endWord: Int, keptWordLimit: Int
  ) -> [Int]? {
    var counts = [Int](repeating: 0, count: components.count)
    var dense = [UInt64](repeating: 0, count: endWord - firstWord)
    var touched = [Int32](repeating: 0, count: endWord - firstWord)
    // The nonzero words each kept component reached, side by side in two arrays:
    // `kept.indices[keptStart[p] ..< keptEnd[p]]`, with the words at the same places.
    var kept = KeptWords()
    defer { kept.deallocate() }
    var keptStart = [Int](repeating: 0, count: components.count)
    var keptEnd = [Int](repeating: 0, count: components.count)
    let firstColumn = firstWord * 64
    let width = (endWord - firstWord) * 64

    // The loops below read every array through unsafe pointers, because they run once per
    // edge between components and once per kept word, and bounds checks would dominate them.
    let completed = withUnsafePointers(
      components, position, condensation.successorOffsets, condensation.successors,
      condensation.memberOffsets, condensation.members, columnOfState
    ) { components, position, successorOffsets, successors, memberOffsets, members, columns in
      dense.withUnsafeMutableBufferPointer { dense in
        touched.withUnsafeMutableBufferPointer { touched in
          var touchedCount = 0

          @inline(__always)
          func setOwnColumns(of component: Int) {
            for slot in Int(memberOffsets[component])..<Int(memberOffsets[component + 1]) {
              let bit = Int(columns[Int(members[slot])]) - firstColumn
              guard bit >= 0 && bit < width else { continue }
              if dense[bit >> 6] == 0 {
                touched[touchedCount] = Int32(bit >> 6)
                touchedCount += 1
              }
              dense[bit >> 6] |= 1 << UInt64(bit & 63)
            }
          }

          for place in 0..<self.components.count {
            if kept.count > keptWordLimit { return false }
            touchedCount = 0
            let component = Int(components[place])
            setOwnColumns(of: component)
            for slot in Int(successorOffsets[component])..<Int(successorOffsets[component + 1]) {
              let next = Int(successors[slot])
              let from = Int(position[next])
              if keptEnd[from] > keptStart[from] {
                for keptSlot in keptStart[from]..<keptEnd[from] {
                  let index = Int(kept.indices[keptSlot])
                  if dense[index] == 0 {
                    touched[touchedCount] = Int32(index)
                    touchedCount += 1
                  }
                  dense[index] |= kept.words[keptSlot]
                }
              } else if !hasSuccessors[from] {
                setOwnColumns(of: next)
              }
            }

            var count = 0
            for index in touched[0..<touchedCount] {
              count += dense[Int(index)].nonzeroBitCount
            }
            counts[place] = count
            if hasPredecessors[place] && hasSuccessors[place] {
              keptStart[place] = kept.count
              for index in touched[0..<touchedCount] {
                kept.append(index: index, word: dense[Int(index)])
              }
              keptEnd[place] = kept.count
            }
            for index in touched[0..<touchedCount] {
              dense[Int(index)] = 0
            }
          }
          return true
        }
      }
    }
    return completed ? counts : nil
  }
}

/// Calls `body` with pointers to the elements of seven arrays of `Int32`.
private func withUnsafePointers<Result>(
  _ a: [Int32], _ b: [Int32], _ c: [Int32], _ d: [Int32], _ e: [Int32], _ f: [Int32],
  _ g: [Int32],
  _ body: (
    UnsafePointer<Int32>, UnsafePointer<Int32>, UnsafePointer<Int32>, UnsafePointer<Int32>,
    UnsafePointer<Int32>, UnsafePointer<Int32>, UnsafePointer<Int32>
  ) -> Result
) -> Result {
  a.withUnsafeBufferPointer { a in
    b.withUnsafeBufferPointer { b in
      c.withUnsafeBufferPointer { c in
        d.withUnsafeBufferPointer { d in
          e.withUnsafeBufferPointer { e in
            f.withUnsafeBufferPointer { f in
              g.withUnsafeBufferPointer { g in
                body(
                  pointer(a), pointer(b), pointer(c), pointer(d), pointer(e), pointer(f),
                  pointer(g))
              }
            }
          }
        }
      }
    }
  }
}

/// Returns the buffer's base address, or a valid pointer for an empty buffer that is never
/// read.
private func pointer(_ buffer: UnsafeBufferPointer<Int32>) -> UnsafePointer<Int32> {
  buffer.baseAddress ?? UnsafePointer(bitPattern: MemoryLayout<Int32>.alignment)!
}

/// Word indices and words appended side by side, in storage that grows by doubling.
private struct KeptWords {
  private(set) var indices = UnsafeMutablePointer<Int32>.allocate(capacity: 1024)
  private(set) var words = UnsafeMutablePointer<UInt64>.allocate(capacity: 1024)
  private(set) var count = 0
  private var capacity = 1024

  @inline(__always)
  mutating func append(index: Int32, word: UInt64) {
    if count == capacity { grow() }
    indices[count] = index
    words[count] = word
    count += 1
  }

  private mutating func grow() {
    let newIndices = UnsafeMutablePointer<Int32>.allocate(capacity: capacity * 2)
    let newWords = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity * 2)
    newIndices.moveInitialize(from: indices, count: count)
    newWords.moveInitialize(from: words, count: count)
    indices.deallocate()
    words.deallocate()
    indices = newIndices
    words = newWords
    capacity *= 2
  }

  func deallocate() {
    indices.deallocate()
    words.deallocate()
  }
}

/// The per-component counts of each slice, written by the slices' threads.
private final class SliceTotals: @unchecked Sendable {
  // Each slice writes only its own entry, and `sum` runs after every slice has finished.
  private var slices: [[Int]?]
  private let placeCount: Int

  init(sliceCount: Int, placeCount: Int) {
    slices = [[Int]?](repeating: nil, count: sliceCount)
    self.placeCount = placeCount
  }

  func store(_ counts: [Int]?, slice: Int) {
    slices.withUnsafeMutableBufferPointer { $0[slice] = counts }
  }

  /// Returns the counts summed over the slices, or nil when a slice gave up.
  func sum() -> [Int]? {
    var total = [Int](repeating: 0, count: placeCount)
    for counts in slices {
      guard let counts else { return nil }
      for (place, count) in counts.enumerated() {
        total[place] += count
      }
    }
    return total
  }
}
