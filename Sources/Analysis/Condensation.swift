import AccessGraph

/// The strongly connected components of a directed graph in CSR form, and the acyclic graph
/// between them.
///
/// Components are numbered in the order Tarjan's algorithm completes them. Every edge
/// between two different components goes from a higher number to a lower one, so visiting
/// components from 0 upwards visits each one after all of its successors (reverse
/// topological order).
public struct Condensation: Sendable {
  /// The component of each vertex.
  public let componentOfVertex: [Int32]
  public let componentCount: Int
  /// `members[memberOffsets[c] ..< memberOffsets[c + 1]]` are the vertices of component c,
  /// in increasing order.
  public let memberOffsets: [Int32]
  public let members: [Int32]
  /// `successors[successorOffsets[c] ..< successorOffsets[c + 1]]` are the other components
  /// that edges from component c enter, each listed once.
  public let successorOffsets: [Int32]
  public let successors: [Int32]

  /// Finds the components of the graph whose edges from vertex v are
  /// `targets[offsets[v] ..< offsets[v + 1]]`.
  ///
  /// Tarjan's strongly connected components algorithm, with an explicit stack of frames in
  /// place of recursion, so that long chains cannot overflow the thread's stack.
  ///
  /// - Complexity: O(V + E) time and O(V + E) space for the result, where V counts vertices
  ///   and E counts edges.
  public init(vertexCount: Int, offsets: [Int32], targets: [Int32]) {
    precondition(offsets.count == vertexCount + 1, "offsets needs vertexCount + 1 entries")
    let component = Self.components(vertexCount: vertexCount, offsets: offsets, targets: targets)
    componentOfVertex = component.vertexComponent
    componentCount = component.count
    (memberOffsets, members) = CountingSort.group(
      keys: component.vertexComponent, keyCount: component.count)
    (successorOffsets, successors) = Self.componentEdges(
      component: component.vertexComponent, count: component.count, memberOffsets: memberOffsets,
      members: members, offsets: offsets, targets: targets)
  }

  /// Returns the vertices of `component`.
  public func members(of component: Int) -> ArraySlice<Int32> {
    members[Int(memberOffsets[component])..<Int(memberOffsets[component + 1])]
  }

  /// Returns the components that edges from `component` enter.
  public func successors(of component: Int) -> ArraySlice<Int32> {
    successors[Int(successorOffsets[component])..<Int(successorOffsets[component + 1])]
  }

  /// Runs Tarjan's algorithm and returns each vertex's component number.
  private static func components(
    vertexCount: Int, offsets: [Int32], targets: [Int32]
  ) -> (vertexComponent: [Int32], count: Int) {
    var order = [Int32](repeating: -1, count: vertexCount)
    var lowLink = [Int32](repeating: 0, count: vertexCount)
    var vertexComponent = [Int32](repeating: -1, count: vertexCount)
    var tarjanStack: [Int32] = []
    // Each frame of the depth-first search is a vertex and the next edge slot to follow.
    var frames: [(vertex: Int32, slot: Int32)] = []
    var nextOrder: Int32 = 0
    var count: Int32 = 0

    for root in 0..<vertexCount where order[root] < 0 {
      order[root] = nextOrder
      lowLink[root] = nextOrder
      nextOrder += 1
      tarjanStack.append(Int32(root))
      frames.append((Int32(root), offsets[root]))

      while let frame = frames.last {
        let vertex = Int(frame.vertex)
        if frame.slot < offsets[vertex + 1] {
          frames[frames.count - 1].slot += 1
          let target = Int(targets[Int(frame.slot)])
          if order[target] < 0 {
            order[target] = nextOrder
            lowLink[target] = nextOrder
            nextOrder += 1
            tarjanStack.append(Int32(target))
            frames.append((Int32(target), offsets[target]))
          } else if vertexComponent[target] < 0 {
            // The target is still on the Tarjan stack, so it lies in the current path's
            // component or one it has not closed yet.
            lowLink[vertex] = min(lowLink[vertex], order[target])
          }
          continue
        }

        frames.removeLast()
        if let parent = frames.last {
          lowLink[Int(parent.vertex)] = min(lowLink[Int(parent.vertex)], lowLink[vertex])
        }
        if lowLink[vertex] == order[vertex] {
          while let member = tarjanStack.popLast() {
            vertexComponent[Int(member)] = count
            if Int(member) == vertex { break }
          }
          count += 1
        }
      }
    }
    return (vertexComponent, Int(count))
  }

  /// Collects each component's distinct successor components. `lastSource[d] == c` marks d
  /// as already listed for c, so no set is needed.
  private static func componentEdges(
    component: [Int32], count: Int, memberOffsets: [Int32], members: [Int32],
    offsets: [Int32], targets: [Int32]
  ) -> ([Int32], [Int32]) {
    var successorOffsets = [Int32](repeating: 0, count: count + 1)
    var successors: [Int32] = []
    var lastSource = [Int32](repeating: -1, count: count)
    for owner in 0..<count {
      for member in members[Int(memberOffsets[owner])..<Int(memberOffsets[owner + 1])] {
        for slot in offsets[Int(member)]..<offsets[Int(member) + 1] {
          let next = component[Int(targets[Int(slot)])]
          if Int(next) != owner && lastSource[Int(next)] != Int32(owner) {
            lastSource[Int(next)] = Int32(owner)
            successors.append(next)
          }
        }
      }
      successorOffsets[owner + 1] = Int32(successors.count)
    }
    return (successorOffsets, successors)
  }
}
