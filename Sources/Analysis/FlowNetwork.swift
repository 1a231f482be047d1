/// A directed network with integer arc capacities, for maximum flow and minimum cut.
///
/// Add every vertex and arc first, then call `maximumFlow(from:to:)` once. Each arc is
/// stored with its reverse residual arc at the neighbouring index (`arc ^ 1`).
struct FlowNetwork {
  /// A capacity that no cut of finite cost can match: arcs that must never be cut get it.
  static let unbounded: Int64 = 1 << 60

  private(set) var vertexCount = 0
  private var arcHead: [Int32] = []
  private var residual: [Int64] = []

  /// Adds a vertex and returns its index.
  mutating func addVertex() -> Int {
    vertexCount += 1
    return vertexCount - 1
  }

  /// Adds `count` vertices and returns the index of the first.
  mutating func addVertices(_ count: Int) -> Int {
    vertexCount += count
    return vertexCount - count
  }

  /// Adds the arc `from → to` and returns its index.
  @discardableResult
  mutating func addArc(from: Int, to: Int, capacity: Int64) -> Int {
    precondition(from < vertexCount && to < vertexCount, "Arc endpoint is not a vertex")
    arcHead.append(Int32(to))
    residual.append(capacity)
    arcHead.append(Int32(from))
    residual.append(0)
    return arcHead.count - 2
  }

  /// Returns the arc's tail, which is the head of its reverse arc.
  func tail(of arc: Int) -> Int { Int(arcHead[arc ^ 1]) }
  func head(of arc: Int) -> Int { Int(arcHead[arc]) }

  /// Computes a maximum flow from `source` to `sink` with Dinic's algorithm, and returns
  /// the vertices on the source side of a minimum cut: those that the residual network
  /// still reaches from `source`.
  ///
  /// Each phase builds the level graph by breadth-first search, then pushes a blocking flow
  /// along it with an iterative depth-first search, so no recursion limits path length.
  ///
  /// - Returns: The flow's value, at most `unbounded` when some path has only unbounded
  ///   arcs, and whether each vertex is on the source side.
  /// - Complexity: O(V²·A) time in the worst case for V vertices and A arcs, far less on the
  ///   networks `RevocationPlan` builds; O(V + A) extra space.
  mutating func maximumFlow(from source: Int, to sink: Int) -> (value: Int64, sourceSide: [Bool]) {
    let (offsets, arcs) = adjacency()
    var level = [Int32](repeating: -1, count: vertexCount)
    var value: Int64 = 0
    while value < Self.unbounded {
      buildLevels(&level, from: source, offsets, arcs)
      if level[sink] < 0 { break }
      value += blockingFlow(level: &level, from: source, to: sink, offsets, arcs)
    }
    buildLevels(&level, from: source, offsets, arcs)
    return (min(value, Self.unbounded), level.map { $0 >= 0 })
  }

  /// Groups arc indexes by tail vertex: `arcs[offsets[v] ..< offsets[v + 1]]` leave v.
  private func adjacency() -> (offsets: [Int], arcs: [Int32]) {
    var offsets = [Int](repeating: 0, count: vertexCount + 1)
    for arc in arcHead.indices {
      offsets[tail(of: arc) + 1] += 1
    }
    for vertex in 0..<vertexCount {
      offsets[vertex + 1] += offsets[vertex]
    }
    var next = offsets
    var arcs = [Int32](repeating: 0, count: arcHead.count)
    for arc in arcHead.indices {
      let vertex = tail(of: arc)
      arcs[next[vertex]] = Int32(arc)
      next[vertex] += 1
    }
    return (offsets, arcs)
  }

  /// Sets each vertex's breadth-first distance from `source` over arcs with residual
  /// capacity, -1 when unreached.
  private func buildLevels(
    _ level: inout [Int32], from source: Int, _ offsets: [Int], _ arcs: [Int32]
  ) {
    for index in level.indices { level[index] = -1 }
    level[source] = 0
    var queue = [source]
    var next = 0
    while next < queue.count {
      let vertex = queue[next]
      next += 1
      for slot in offsets[vertex]..<offsets[vertex + 1] {
        let arc = Int(arcs[slot])
        let head = Int(arcHead[arc])
        if residual[arc] > 0 && level[head] < 0 {
          level[head] = level[vertex] + 1
          queue.append(head)
        }
      }
    }
  }

  /// Pushes flow along shortest residual paths until none is left in the level graph.
  /// A vertex found to be a dead end gets level -1, so that no later path enters it.
  private mutating func blockingFlow(
    level: inout [Int32], from source: Int, to sink: Int, _ offsets: [Int], _ arcs: [Int32]
  ) -> Int64 {
    var current = Array(offsets.dropLast())
    var total: Int64 = 0
    var path: [Int] = []
    var vertex = source
    while true {
      if vertex == sink {
        var bottleneck = Self.unbounded
        for arc in path { bottleneck = min(bottleneck, residual[arc]) }
        for arc in path {
          residual[arc] -= bottleneck
          residual[arc ^ 1] += bottleneck
        }
        total += bottleneck
        if total >= Self.unbounded { return total }
        path.removeAll(keepingCapacity: true)
        vertex = source
        continue
      }
      var advanced = false
      while current[vertex] < offsets[vertex + 1] {
        let arc = Int(arcs[current[vertex]])
        let head = Int(arcHead[arc])
        if residual[arc] > 0 && level[head] == level[vertex] + 1 {
          path.append(arc)
          vertex = head
          advanced = true
          break
        }
        current[vertex] += 1
      }
      if advanced { continue }
      if vertex == source { return total }
      level[vertex] = -1
      let arc = path.removeLast()
      vertex = tail(of: arc)
      current[vertex] += 1
    }
  }
}
