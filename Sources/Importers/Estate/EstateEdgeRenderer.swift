import AccessGraph

/// Renders the elements of an estate file's `edges` array by copying bytes prepared once.
///
/// Edges repeat most of their text. The output of `bench/generate_aws_export.py --seed 1
/// --scale 10` gives 422,914 edges but only 3,078 distinct action lists and 82,613 distinct
/// provenances, and each node id ends many edges. The renderer quotes every node id and
/// renders every action list and provenance once, so an edge costs about ten copies of
/// prepared bytes. The caller takes the edges in chunks of about a size it picks, so its
/// buffer stays near that size however many edges there are.
///
/// Each edge comes out as `JSONWriter` writes it as an element of the estate document's
/// `edges` array: the object at indent level 2 and its members at level 3.
struct EstateEdgeRenderer {
  private let graph: AccessGraph
  /// Each node id in quotes, by node index.
  private let nodeIDs: ByteTable
  /// `"actions" : [...]` for each action list, by `AccessGraph.actionSetIndex(of:)`.
  private let actionLists: ByteTable
  /// `,\n      "provenance" : {...}` for each provenance, by `AccessGraph.grantIndex(of:)`.
  private let provenances: ByteTable
  /// `,\n      "relation" : "...",\n      "source" : ` for each relation, by `Relation.order`.
  private let relations: ByteTable

  /// Prepares the tables for the edges of `graph`.
  ///
  /// - Complexity: O(V + A + P) time and space, where V, A and P are the lengths of the
  ///   node ids, distinct action lists and distinct provenances as rendered.
  init(graph: AccessGraph) {
    self.graph = graph
    nodeIDs = ByteTable(count: graph.nodeCount) { index, bytes in
      JSONWriter.appendQuoted(graph.nodes[index].id, to: &bytes)
    }
    actionLists = ByteTable(count: graph.actionSetCount) { index, bytes in
      Self.appendActions(graph.actions(actionSetIndex: index), to: &bytes)
    }
    provenances = ByteTable(count: graph.grantCount) { index, bytes in
      Self.appendProvenance(graph.provenance(grantIndex: index), to: &bytes)
    }
    relations = ByteTable(count: Relation.allCases.count) { index, bytes in
      bytes.append(contentsOf: ",\n      \"relation\" : ".utf8)
      JSONWriter.appendQuoted(Relation.allCases[index].rawValue, to: &bytes)
      bytes.append(contentsOf: ",\n      \"source\" : ".utf8)
    }
  }

  /// Returns the number of bytes `render(_:into:)` writes for the edge at `index`.
  func renderedSize(ofEdge index: Int) -> Int {
    let edge = EdgeID(index)
    var size = Self.fixedEdgeSize + (index > 0 ? 1 : 0)
    size += actionLists.size(of: graph.actionSetIndex(of: edge))
    let conditional = graph.isConditional(edge) ? Self.conditionalTrue : Self.conditionalFalse
    size += conditional.utf8CodeUnitCount
    size += provenances.size(of: graph.grantIndex(of: edge))
    size += relations.size(of: graph.relation(of: edge).order)
    size += nodeIDs.size(of: graph.source(of: edge).index)
    size += nodeIDs.size(of: graph.target(of: edge).index)
    return size
  }

  /// Returns the edges from `start` on whose bytes first reach `minimumSize`, or the rest
  /// of the edges when they are shorter, with the number of bytes they take.
  func chunk(from start: Int, minimumSize: Int) -> (edges: Range<Int>, size: Int) {
    var end = start
    var size = 0
    while end < graph.edgeCount, size < minimumSize {
      size += renderedSize(ofEdge: end)
      end += 1
    }
    return (start..<end, size)
  }

  /// Renders the edges of `range` into `buffer`, whose size must be the one
  /// `chunk(from:minimumSize:)` returned for them. Every edge but edge 0 starts with the
  /// comma after the one before.
  func render(_ range: Range<Int>, into buffer: UnsafeMutableRawBufferPointer) {
    let bufferStart = buffer.baseAddress!
    var output = bufferStart
    for index in range {
      let edge = EdgeID(index)
      if index > 0 {
        output.storeBytes(of: UInt8(ascii: ","), as: UInt8.self)
        output += 1
      }
      output = Self.copy(Self.edgeStart, to: output)
      output = actionLists.copy(graph.actionSetIndex(of: edge), to: output)
      let conditional = graph.isConditional(edge) ? Self.conditionalTrue : Self.conditionalFalse
      output = Self.copy(conditional, to: output)
      output = provenances.copy(graph.grantIndex(of: edge), to: output)
      output = relations.copy(graph.relation(of: edge).order, to: output)
      output = nodeIDs.copy(graph.source(of: edge).index, to: output)
      output = Self.copy(Self.targetKey, to: output)
      output = nodeIDs.copy(graph.target(of: edge).index, to: output)
      output = Self.copy(Self.edgeEnd, to: output)
    }
    precondition(output - bufferStart == buffer.count, "Edge chunk size miscounted")
  }

  /// Renders the edges of `range` into `buffer` as `render(_:into:)` does, splitting them
  /// into one run of consecutive edges per processor.
  func renderInParallel(_ range: Range<Int>, into buffer: UnsafeMutableRawBufferPointer) {
    let parts = min(ParallelWork.threadCount, range.count)
    guard parts > 1 else {
      render(range, into: buffer)
      return
    }
    // Each run starts where the bytes of the runs before it end.
    var bounds = [range.lowerBound]
    var offsets = [0]
    var offset = 0
    var index = range.lowerBound
    for part in 1..<parts {
      let end = range.lowerBound + range.count * part / parts
      while index < end {
        offset += renderedSize(ofEdge: index)
        index += 1
      }
      bounds.append(end)
      offsets.append(offset)
    }
    bounds.append(range.upperBound)
    offsets.append(buffer.count)
    _ = ParallelWork.concurrentMap(count: parts) { part in
      render(
        bounds[part]..<bounds[part + 1],
        into: UnsafeMutableRawBufferPointer(rebasing: buffer[offsets[part]..<offsets[part + 1]]))
    }
  }

  private static func appendActions(_ actions: [String], to bytes: inout [UInt8]) {
    bytes.append(contentsOf: "\"actions\" : [".utf8)
    if actions.isEmpty {
      bytes.append(UInt8(ascii: "\n"))
    }
    for (position, action) in actions.enumerated() {
      bytes.append(contentsOf: position > 0 ? ",\n        ".utf8 : "\n        ".utf8)
      JSONWriter.appendQuoted(action, to: &bytes)
    }
    bytes.append(contentsOf: "\n      ]".utf8)
  }

  private static func appendProvenance(_ provenance: Provenance, to bytes: inout [UInt8]) {
    bytes.append(contentsOf: ",\n      \"provenance\" : {\n        \"file\" : ".utf8)
    JSONWriter.appendQuoted(provenance.file, to: &bytes)
    bytes.append(contentsOf: ",\n        \"grant\" : ".utf8)
    JSONWriter.appendQuoted(provenance.grant, to: &bytes)
    bytes.append(contentsOf: ",\n        \"location\" : ".utf8)
    JSONWriter.appendQuoted(provenance.location, to: &bytes)
    if let technique = provenance.technique {
      bytes.append(contentsOf: ",\n        \"technique\" : ".utf8)
      JSONWriter.appendQuoted(technique, to: &bytes)
    }
    bytes.append(contentsOf: "\n      }".utf8)
  }

  private static func copy(_ bytes: StaticString, to output: UnsafeMutableRawPointer)
    -> UnsafeMutableRawPointer
  {
    output.copyMemory(from: bytes.utf8Start, byteCount: bytes.utf8CodeUnitCount)
    return output + bytes.utf8CodeUnitCount
  }

  private static let edgeStart: StaticString = "\n    {\n      "
  private static let conditionalTrue: StaticString = ",\n      \"conditional\" : true"
  private static let conditionalFalse: StaticString = ",\n      \"conditional\" : false"
  private static let targetKey: StaticString = ",\n      \"target\" : "
  private static let edgeEnd: StaticString = "\n    }"
  /// The bytes of an edge that do not depend on it: everything but the comma before it, the
  /// action list, `conditional`, the provenance, the relation and the two node ids.
  private static let fixedEdgeSize =
    edgeStart.utf8CodeUnitCount + targetKey.utf8CodeUnitCount + edgeEnd.utf8CodeUnitCount
}

/// Byte strings stored end to end in one array, found by their index.
private struct ByteTable {
  private let bytes: [UInt8]
  /// `bytes[starts[i] ..< starts[i + 1]]` is entry i.
  private let starts: [Int]

  /// The number of entries from which the table is built on all processors.
  private static let parallelThreshold = 1024

  /// Builds the table by letting `append(i, &bytes)` append entry i, for i in `0..<count`.
  ///
  /// From `parallelThreshold` entries on, runs of consecutive entries are built on all
  /// processors and joined in order, so `append` must not touch shared mutable data.
  init(count: Int, _ append: (Int, inout [UInt8]) -> Void) {
    // A few runs per thread keep the threads busy when some entries are much longer.
    let runCount = count < Self.parallelThreshold ? 1 : ParallelWork.threadCount * 4
    let runSize = (count + runCount - 1) / runCount
    let runs = ParallelWork.concurrentMap(count: runCount) { run in
      var bytes: [UInt8] = []
      var ends: [Int] = []
      let entries = min(run * runSize, count)..<min((run + 1) * runSize, count)
      ends.reserveCapacity(entries.count)
      for index in entries {
        append(index, &bytes)
        ends.append(bytes.count)
      }
      return (bytes: bytes, ends: ends)
    }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(runs.reduce(0) { $0 + $1.bytes.count })
    var starts = [0]
    starts.reserveCapacity(count + 1)
    for run in runs {
      let offset = bytes.count
      bytes.append(contentsOf: run.bytes)
      starts.append(contentsOf: run.ends.lazy.map { $0 + offset })
    }
    self.bytes = bytes
    self.starts = starts
  }

  func size(of index: Int) -> Int {
    starts[index + 1] - starts[index]
  }

  /// Copies entry `index` to `output` and returns the address after it.
  func copy(_ index: Int, to output: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
    let start = starts[index]
    let size = starts[index + 1] - start
    guard size > 0 else { return output }
    bytes.withUnsafeBytes { table in
      output.copyMemory(from: table.baseAddress! + start, byteCount: size)
    }
    return output + size
  }
}
