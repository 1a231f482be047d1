import AccessGraph
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
/// reaches a column when one of its own vertices, or a vertex of a component it reaches, is
/// a state of a node in that column. Components are processed in reverse topological order,
/// each one's bitset being its own columns OR the bitsets of its successors. Only the
/// components that some source reaches take part.
///
/// The condensation is that of a `ReachableStateGraph`, whose leaves, such as resources reached
/// held, are no vertices: each component sets the columns of its members' leaves directly. A
/// component with neither successors nor leaves (a sink) reaches only its own columns. Sinks
/// never go through the propagation either: each component with an edge into a sink sets the
/// sink's columns directly.
///
/// Memory is bounded by processing the columns in slices of whole words. A slice that keeps
/// more words than its share of `memoryLimit` stops, and the columns are split into twice
/// as many slices, down to one word per slice.
struct ReachPropagation {
  private let condensation: Condensation
  /// The state graph that `condensation` condenses.
  private let states: ReachableStateGraph
  /// The components that some source reaches, in increasing (reverse topological) order.
  private let components: [Int32]
  /// The taking part components that have successors or leaves, in increasing order. The
  /// propagation visits these alone, and "merging index" below means a position in this list.
  private let mergingComponents: [Int32]
  /// `keptSuccessors[keptSuccessorOffsets[m] ..< keptSuccessorOffsets[m + 1]]` are the
  /// merging indices of the successors of merging component m that are merging components
  /// too.
  private let keptSuccessorOffsets: [Int32]
  private let keptSuccessors: [Int32]
  /// `directNodes[directNodeOffsets[m] ..< directNodeOffsets[m + 1]]` are the nodes whose
  /// columns merging component m sets directly: those of its vertices, of their leaves and
  /// of the vertices of its sink successors.
  private let directNodeOffsets: [Int32]
  private let directNodes: [Int32]
  /// `keptFlag` and `countedFlag` of each merging component.
  private let flags: [Int32]
  /// The merging index of each source's component, or -1 when it is a sink.
  private let sourceMergingIndices: [Int32]
  private let sourceComponents: [Int]
  private let memoryLimit: Int

  /// Marks a merging component whose words are kept, because another component has an edge
  /// into it.
  private static let keptFlag: Int32 = 1
  /// Marks a merging component that a source starts in, so its count is needed.
  private static let countedFlag: Int32 = 2

  /// - Parameters:
  ///   - states: The state graph that `condensation` condenses.
  ///   - sourceComponents: The component each source starts in; one count per entry.
  ///   - memoryLimit: The most bytes a pass may spend on bitsets.
  /// - Complexity: O(S + L + C + D) time and space, where S counts vertices, L the state
  ///   edges into leaves, C the components and D the edges between them.
  init(
    condensation: Condensation, states: ReachableStateGraph, sourceComponents: [Int],
    memoryLimit: Int
  ) {
    self.condensation = condensation
    self.states = states
    self.sourceComponents = sourceComponents
    self.memoryLimit = memoryLimit
    let isReached = Self.reachedComponents(from: sourceComponents, in: condensation)

    var components: [Int32] = []
    var mergingComponents: [Int32] = []
    // The merging index of each component, or -1 for a sink or a component not reached.
    var mergingIndex = [Int32](repeating: -1, count: condensation.componentCount)
    withUnsafeBuffers([
      condensation.successorOffsets, condensation.memberOffsets, condensation.members,
      states.leafOffsets,
    ]) { buffers in
      let (successorOffsets, memberOffsets, members, leafOffsets) = (
        buffers[0], buffers[1], buffers[2], buffers[3]
      )
      for component in 0..<condensation.componentCount where isReached[component] {
        components.append(Int32(component))
        var merges = successorOffsets[component + 1] > successorOffsets[component]
        for slot in Int(memberOffsets[component])..<Int(memberOffsets[component + 1]) {
          let vertex = Int(members[slot])
          merges = merges || leafOffsets[vertex + 1] > leafOffsets[vertex]
        }
        if merges {
          mergingIndex[component] = Int32(mergingComponents.count)
          mergingComponents.append(Int32(component))
        }
      }
    }
    var lists = Self.MergingLists(mergingCount: mergingComponents.count)
    lists.collect(
      mergingComponents: mergingComponents, mergingIndex: mergingIndex,
      in: condensation, states: states)
    sourceMergingIndices = sourceComponents.map { mergingIndex[$0] }
    for index in sourceMergingIndices where index >= 0 {
      lists.flags[Int(index)] |= Self.countedFlag
    }

    self.components = components
    self.mergingComponents = mergingComponents
    keptSuccessorOffsets = lists.keptSuccessorOffsets
    keptSuccessors = lists.keptSuccessors
    directNodeOffsets = lists.directNodeOffsets
    directNodes = lists.directNodes
    flags = lists.flags
  }

  /// Returns whether some component of `sources` reaches each component.
  private static func reachedComponents(
    from sources: [Int], in condensation: Condensation
  ) -> [Bool] {
    var isReached = [Bool](repeating: false, count: condensation.componentCount)
    var pending: [Int32] = []
    for component in sources where !isReached[component] {
      isReached[component] = true
      pending.append(Int32(component))
    }
    condensation.successorOffsets.withUnsafeBufferPointer { successorOffsets in
      condensation.successors.withUnsafeBufferPointer { successors in
        while let component = pending.popLast() {
          let first = Int(successorOffsets[Int(component)])
          let end = Int(successorOffsets[Int(component) + 1])
          for next in successors[first..<end] where !isReached[Int(next)] {
            isReached[Int(next)] = true
            pending.append(next)
          }
        }
      }
    }
    return isReached
  }

  /// The successor lists of the merging components, by merging index, as `init` collects
  /// them.
  private struct MergingLists {
    var keptSuccessorOffsets: [Int32] = [0]
    var keptSuccessors: [Int32] = []
    var directNodeOffsets: [Int32] = [0]
    var directNodes: [Int32] = []
    var flags: [Int32]

    init(mergingCount: Int) {
      flags = [Int32](repeating: 0, count: mergingCount)
      keptSuccessorOffsets.reserveCapacity(mergingCount + 1)
      directNodeOffsets.reserveCapacity(mergingCount + 1)
    }

    /// Sorts the successors of each merging component into merging successors, whose words
    /// it takes, and sinks, whose nodes it sets directly beside its own and its leaves'.
    mutating func collect(
      mergingComponents: [Int32], mergingIndex: [Int32], in condensation: Condensation,
      states: ReachableStateGraph
    ) {
      directNodes.reserveCapacity(
        states.leafNodes.count + condensation.successors.count + mergingComponents.count)
      withUnsafeBuffers([
        condensation.successorOffsets, condensation.successors, condensation.memberOffsets,
        condensation.members, mergingIndex, mergingComponents, states.stateOfVertex,
        states.leafOffsets, states.leafNodes,
      ]) { buffers in
        let (successorOffsets, successors, memberOffsets, members) = (
          buffers[0], buffers[1], buffers[2], buffers[3]
        )
        let (mergingIndex, mergingComponents, stateOfVertex, leafOffsets, leafNodes) = (
          buffers[4], buffers[5], buffers[6], buffers[7], buffers[8]
        )
        for component in mergingComponents {
          let component = Int(component)
          for slot in Int(memberOffsets[component])..<Int(memberOffsets[component + 1]) {
            let vertex = Int(members[slot])
            directNodes.append(stateOfVertex[vertex] >> 1)
            for leafSlot in Int(leafOffsets[vertex])..<Int(leafOffsets[vertex + 1]) {
              directNodes.append(leafNodes[leafSlot])
            }
          }
          for slot in Int(successorOffsets[component])..<Int(successorOffsets[component + 1]) {
            let next = Int(successors[slot])
            let index = mergingIndex[next]
            if index >= 0 {
              keptSuccessors.append(index)
              flags[Int(index)] |= keptFlag
            } else {
              for memberSlot in Int(memberOffsets[next])..<Int(memberOffsets[next + 1]) {
                directNodes.append(stateOfVertex[Int(members[memberSlot])] >> 1)
              }
            }
          }
          keptSuccessorOffsets.append(Int32(keptSuccessors.count))
          directNodeOffsets.append(Int32(directNodes.count))
        }
      }
    }
  }

  /// Counts, for each source, the columns it reaches.
  ///
  /// Columns are first renumbered in the order the components, taken in increasing order,
  /// hold them. Tarjan's numbering is a depth-first finishing order, so what one component
  /// reaches then tends to fill a few runs of words. Each merging component keeps only its
  /// nonzero words, and only when another component has an edge into it.
  ///
  /// The words are dealt out to the slices in turn, word w to slice w mod P, and the slices
  /// are counted independently, on all processor cores at once. The counts of a source are
  /// summed over the slices. Dealing out single words, rather than cutting the words into P
  /// runs, gives each slice a similar share of the work. The columns that many components
  /// reach gather in a few runs of words, which one slice would otherwise get alone.
  ///
  /// - Parameters:
  ///   - columnOfNode: The column of each node, or -1 for a node in no column.
  ///   - columnCount: The number of columns.
  /// - Returns: One count per source, in the order of `sourceComponents`.
  /// - Complexity: O(V + S + L + D) time to renumber the columns and look up the direct
  ///   columns, where V counts nodes, S vertices, L the state edges into leaves and D the
  ///   edges between components. Then O(P·(S + L + C + D) + W) for P slices and C
  ///   components taking part. W sums, over the edges between merging components, the
  ///   nonzero words of the component each edge enters, at most D·K/64 for K columns. The slices running at once keep at most `memoryLimit`
  ///   bytes of words together, unless the slices are one word wide, and as many run at once
  ///   as there are cores.
  func countColumns(columnOfNode: [Int32], columnCount: Int) -> [Int] {
    let (renumbered, usedColumns) = renumberedColumns(
      columnOfNode: columnOfNode, columnCount: columnCount)
    let totalWords = (usedColumns + 63) / 64
    guard totalWords > 0 else {
      return [Int](repeating: 0, count: sourceComponents.count)
    }
    let direct = renumbered.withUnsafeBufferPointer { renumbered in
      directNodes.map { renumbered[Int($0)] }
    }
    // Slices start one per core and split in two while one of them keeps more words than
    // its share of the memory limit. Each kept word takes 12 bytes with its index.
    var sliceCount = min(totalWords, Self.coreCount)
    while true {
      let keptWordLimit = max(1, memoryLimit / (12 * min(sliceCount, Self.coreCount)))
      let slices = sliceCount
      let totals = SliceTotals(sliceCount: slices, placeCount: mergingComponents.count)
      DispatchQueue.concurrentPerform(iterations: slices) { slice in
        totals.store(
          countSlice(
            directColumns: direct, slice: slice, sliceCount: slices, totalWords: totalWords,
            keptWordLimit: slices < totalWords ? keptWordLimit : Int.max),
          slice: slice)
      }
      if let perMerging = totals.sum() {
        return sourceComponents.indices.map { source in
          let index = Int(sourceMergingIndices[source])
          guard index < 0 else { return perMerging[index] }
          return distinctColumns(of: sourceComponents[source], renumbered: renumbered)
        }
      }
      sliceCount = min(totalWords, sliceCount * 2)
    }
  }

  /// The processor cores online, which is how many slices run at once.
  private static let coreCount = max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))

  /// Returns the renumbered column of every node, or -1, as `countColumns` describes, and
  /// the number of columns that the components taking part reach.
  private func renumberedColumns(
    columnOfNode: [Int32], columnCount: Int
  ) -> (columns: [Int32], count: Int) {
    var position = [Int32](repeating: -1, count: columnCount)
    var next: Int32 = 0
    var renumbered = [Int32](repeating: -1, count: columnOfNode.count)
    func number(_ node: Int32) {
      let column = Int(columnOfNode[Int(node)])
      guard column >= 0 else { return }
      if position[column] < 0 {
        position[column] = next
        next += 1
      }
      renumbered[Int(node)] = position[column]
    }

    for component in components {
      for vertex in condensation.members(of: Int(component)) {
        number(states.stateOfVertex[Int(vertex)] >> 1)
        for leaf in states.leaves(of: Int(vertex)) {
          number(leaf)
        }
      }
    }
    return (renumbered, Int(next))
  }

  /// Returns how many distinct columns the vertices of `component` are in: the count of a
  /// source that starts in a sink.
  private func distinctColumns(of component: Int, renumbered: [Int32]) -> Int {
    var columns = Set<Int32>()
    for vertex in condensation.members(of: component) {
      let column = renumbered[Int(states.stateOfVertex[Int(vertex)] >> 1)]
      if column >= 0 {
        columns.insert(column)
      }
    }
    return columns.count
  }

  /// Counts, for every merging component, its columns in the words of slice `slice` of
  /// `sliceCount`, or returns nil as soon as more than `keptWordLimit` words would be kept.
  private func countSlice(
    directColumns: [Int32], slice: Int, sliceCount: Int,
    totalWords: Int, keptWordLimit: Int
  ) -> [Int]? {
    // The slice contains words slice, slice + sliceCount, and so on. `localWord` gives the
    // position in the slice of each word, or -1 for a word of another slice.
    let width = (totalWords - slice + sliceCount - 1) / sliceCount
    var localWord = [Int32](repeating: -1, count: totalWords)
    for local in 0..<width {
      localWord[slice + local * sliceCount] = Int32(local)
    }
    var counts = [Int](repeating: 0, count: mergingComponents.count)
    var dense = [UInt64](repeating: 0, count: width)
    var touched = [Int32](repeating: 0, count: width)
    // The nonzero words each kept component reached, side by side in two arrays:
    // `kept.indices[keptStart[m] ..< keptEnd[m]]`, with the words at the same places.
    var kept = KeptWords()
    defer { kept.deallocate() }
    var keptStart = [Int](repeating: 0, count: mergingComponents.count)
    var keptEnd = [Int](repeating: 0, count: mergingComponents.count)

    // The loops below read every array through unsafe buffers, because they run once per
    // edge between components and once per kept word, and bounds checks would dominate them.
    let completed = withUnsafeBuffers([
      directNodeOffsets, directColumns, keptSuccessorOffsets, keptSuccessors, flags, localWord,
    ]) { buffers in
      let (directOffsets, directColumns, keptOffsets) = (buffers[0], buffers[1], buffers[2])
      let (keptSuccessors, flags, localWord) = (buffers[3], buffers[4], buffers[5])
      return withUnsafeMutableBuffers(&dense, &touched, &keptStart, &keptEnd, &counts) {
        dense, touched, keptStart, keptEnd, counts in
        for merging in 0..<flags.count {
          if kept.count > keptWordLimit { return false }
          var touchedCount = 0
          for slot in Int(directOffsets[merging])..<Int(directOffsets[merging + 1]) {
            let column = Int(directColumns[slot])
            guard column >= 0 else { continue }
            let word = Int(localWord[column >> 6])
            guard word >= 0 else { continue }
            if dense[word] == 0 {
              touched[touchedCount] = Int32(word)
              touchedCount += 1
            }
            dense[word] |= 1 << UInt64(column & 63)
          }
          for slot in Int(keptOffsets[merging])..<Int(keptOffsets[merging + 1]) {
            let from = Int(keptSuccessors[slot])
            for keptSlot in keptStart[from]..<keptEnd[from] {
              let index = Int(kept.indices[keptSlot])
              if dense[index] == 0 {
                touched[touchedCount] = Int32(index)
                touchedCount += 1
              }
              dense[index] |= kept.words[keptSlot]
            }
          }

          if flags[merging] & Self.countedFlag != 0 {
            var count = 0
            for index in touched[0..<touchedCount] {
              count += dense[Int(index)].nonzeroBitCount
            }
            counts[merging] = count
          }
          if flags[merging] & Self.keptFlag != 0 {
            keptStart[merging] = kept.count
            for index in touched[0..<touchedCount] {
              kept.append(index: index, word: dense[Int(index)])
            }
            keptEnd[merging] = kept.count
          }
          for index in touched[0..<touchedCount] {
            dense[Int(index)] = 0
          }
        }
        return true
      }
    }
    return completed ? counts : nil
  }
}

/// Calls `body` with a buffer over the elements of each of `arrays`, in the same order.
private func withUnsafeBuffers<Result>(
  _ arrays: [[Int32]], _ body: ([UnsafeBufferPointer<Int32>]) -> Result
) -> Result {
  func nest(_ index: Int, _ buffers: [UnsafeBufferPointer<Int32>]) -> Result {
    guard index < arrays.count else { return body(buffers) }
    return arrays[index].withUnsafeBufferPointer { buffer in
      nest(index + 1, buffers + [buffer])
    }
  }
  return nest(0, [])
}

/// Calls `body` with mutable buffers over the scratch arrays of one slice.
private func withUnsafeMutableBuffers<Result>(
  _ dense: inout [UInt64], _ touched: inout [Int32], _ keptStart: inout [Int],
  _ keptEnd: inout [Int], _ counts: inout [Int],
  _ body: (
    UnsafeMutableBufferPointer<UInt64>, UnsafeMutableBufferPointer<Int32>,
    UnsafeMutableBufferPointer<Int>, UnsafeMutableBufferPointer<Int>,
    UnsafeMutableBufferPointer<Int>
  ) -> Result
) -> Result {
  dense.withUnsafeMutableBufferPointer { dense in
    touched.withUnsafeMutableBufferPointer { touched in
      keptStart.withUnsafeMutableBufferPointer { keptStart in
        keptEnd.withUnsafeMutableBufferPointer { keptEnd in
          counts.withUnsafeMutableBufferPointer { counts in
            body(dense, touched, keptStart, keptEnd, counts)
          }
        }
      }
    }
  }
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
