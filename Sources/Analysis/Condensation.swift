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
  /// place of recursion, so that long chains cannot overflow the thread's stack. When a
  /// component completes, every vertex it reaches already has its component, so its members
  /// and its successor components are collected right then, while its edges are still in
  /// the cache.
  ///
  /// - Parameters:
  ///   - searchOrder: The vertices to start depth-first searches from first, in this order.
  ///     The searches then start from every vertex not yet visited, in increasing order. The
  ///     order changes how the components are numbered, not what they are.
  /// - Complexity: O(V + E) time and O(V + E) space for the result, where V counts vertices
  ///   and E counts edges, plus O(k log k) to sort the members of a component of k vertices.
  public init(
    vertexCount: Int, offsets: [Int32], targets: [Int32], searchOrder: [Int32] = []
  ) {
    precondition(offsets.count == vertexCount + 1, "offsets needs vertexCount + 1 entries")
    let parts = offsets.withUnsafeBufferPointer { offsets in
      targets.withUnsafeBufferPointer { targets in
        Self.components(
          vertexCount: vertexCount, offsets: offsets, targets: targets, searchOrder: searchOrder)
      }
    }
    componentOfVertex = parts.componentOfVertex
    componentCount = parts.memberOffsets.count - 1
    memberOffsets = parts.memberOffsets
    members = parts.members
    successorOffsets = parts.successorOffsets
    successors = parts.successors
  }

  /// Returns the vertices of `component`.
  public func members(of component: Int) -> ArraySlice<Int32> {
    members[Int(memberOffsets[component])..<Int(memberOffsets[component + 1])]
  }

  /// Returns the components that edges from `component` enter.
  public func successors(of component: Int) -> ArraySlice<Int32> {
    successors[Int(successorOffsets[component])..<Int(successorOffsets[component + 1])]
  }

  /// The arrays of a condensation, as `components` collects them.
  private struct Parts {
    var componentOfVertex: [Int32]
    var memberOffsets: [Int32]
    var members: [Int32]
    var successorOffsets: [Int32]
    var successors: [Int32]
  }

  /// Runs Tarjan's algorithm and collects each component's members and successors as it
  /// completes.
  ///
  /// The search state lives in one block of raw memory and the loops read the arrays
  /// through pointers, because the loop runs once per edge and bounds checks and
  /// uniqueness checks would dominate it.
  private static func components(
    vertexCount: Int, offsets: UnsafeBufferPointer<Int32>, targets: UnsafeBufferPointer<Int32>,
    searchOrder: [Int32]
  ) -> Parts {
    var parts = Parts(
      componentOfVertex: [Int32](repeating: -1, count: vertexCount), memberOffsets: [0],
      members: [Int32](repeating: 0, count: vertexCount), successorOffsets: [0],
      successors: [])
    guard vertexCount > 0, let offsets = offsets.baseAddress else { return parts }
    // An empty edge list is never read, so any aligned address will do.
    let targets = targets.baseAddress ?? UnsafePointer(bitPattern: MemoryLayout<Int32>.alignment)!

    // Six arrays of one entry per vertex. They are the discovery order (-1 before the
    // visit), the low link, the Tarjan stack, the vertex and next edge slot of each
    // depth-first frame, and the last component that listed each component as a successor.
    let scratch = UnsafeMutablePointer<Int32>.allocate(capacity: 6 * vertexCount)
    defer { scratch.deallocate() }
    let order = scratch
    let lowLink = scratch + vertexCount
    let stack = scratch + 2 * vertexCount
    let frameVertex = scratch + 3 * vertexCount
    let frameSlot = scratch + 4 * vertexCount
    let lastSource = scratch + 5 * vertexCount
    order.initialize(repeating: -1, count: vertexCount)
    lowLink.initialize(repeating: 0, count: vertexCount)
    stack.initialize(repeating: 0, count: vertexCount)
    frameVertex.initialize(repeating: 0, count: vertexCount)
    frameSlot.initialize(repeating: 0, count: vertexCount)
    lastSource.initialize(repeating: -1, count: vertexCount)

    var successors = parts.successors
    var memberOffsets = parts.memberOffsets
    var successorOffsets = parts.successorOffsets
    memberOffsets.reserveCapacity(vertexCount + 1)
    successorOffsets.reserveCapacity(vertexCount + 1)
    parts.componentOfVertex.withUnsafeMutableBufferPointer { componentBuffer in
      parts.members.withUnsafeMutableBufferPointer { members in
        let component = componentBuffer.baseAddress!
        var nextOrder: Int32 = 0
        var stackCount = 0
        var frameCount = 0
        var memberCount = 0
        var count: Int32 = 0

        @inline(__always)
        func visit(_ vertex: Int) {
          order[vertex] = nextOrder
          lowLink[vertex] = nextOrder
          nextOrder += 1
          stack[stackCount] = Int32(vertex)
          stackCount += 1
          frameVertex[frameCount] = Int32(vertex)
          frameSlot[frameCount] = offsets[vertex]
          frameCount += 1
        }

        // Pops the component whose first visited vertex is `vertex` off the Tarjan stack and
        // lists its members and successor components.
        func completeComponent(at vertex: Int) {
          // The component is the stack from `vertex` up. Its members are listed in
          // increasing order, as the type promises.
          var first = stackCount - 1
          while stack[first] != Int32(vertex) { first -= 1 }
          let size = stackCount - first
          for index in 0..<size {
            let member = stack[first + index]
            component[Int(member)] = count
            members[memberCount + index] = member
          }
          if size > 1 {
            var sorted = UnsafeMutableBufferPointer(
              rebasing: members[memberCount..<memberCount + size])
            sorted.sort()
          }
          stackCount = first

          // Every vertex the component reaches has completed, so its component is known.
          for index in memberCount..<memberCount + size {
            let member = Int(members[index])
            for slot in Int(offsets[member])..<Int(offsets[member + 1]) {
              let next = component[Int(targets[slot])]
              if next != count && lastSource[Int(next)] != count {
                lastSource[Int(next)] = count
                successors.append(next)
              }
            }
          }
          memberCount += size
          memberOffsets.append(Int32(memberCount))
          successorOffsets.append(Int32(successors.count))
          count += 1
        }

        func search(from root: Int) {
          guard order[root] < 0 else { return }
          visit(root)
          while frameCount > 0 {
            let vertex = Int(frameVertex[frameCount - 1])
            let slot = frameSlot[frameCount - 1]
            if slot < offsets[vertex + 1] {
              frameSlot[frameCount - 1] = slot + 1
              let target = Int(targets[Int(slot)])
              if order[target] < 0 {
                visit(target)
              } else if component[target] < 0 {
                // The target is still on the Tarjan stack, so it lies in the current path's
                // component or one it has not closed yet.
                lowLink[vertex] = min(lowLink[vertex], order[target])
              }
              continue
            }

            frameCount -= 1
            if frameCount > 0 {
              let parent = Int(frameVertex[frameCount - 1])
              lowLink[parent] = min(lowLink[parent], lowLink[vertex])
            }
            if lowLink[vertex] == order[vertex] {
              completeComponent(at: vertex)
            }
          }
        }

        for root in searchOrder {
          search(from: Int(root))
        }
        for root in 0..<vertexCount {
          search(from: root)
        }
      }
    }
    parts.successors = successors
    parts.memberOffsets = memberOffsets
    parts.successorOffsets = successorOffsets
    return parts
  }
}
