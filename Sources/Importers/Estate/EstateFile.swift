import AccessGraph
import Foundation

/// The estate file that `blast import` writes: every node and edge of a frozen graph, with
/// provenance, so later commands can start from it instead of the raw exports.
///
/// Layout, version 1:
/// `{"format": "blastradius-estate", "version": 1, "nodes": [...], "edges": [...]}` where
/// each edge names its ends by node id. docs/json-schema.md describes every member.
public enum EstateFile {
  public static let format = "blastradius-estate"
  public static let version = 1

  /// The number of bytes `write(_:chunkSize:to:)` collects before it hands them on: large
  /// enough that each `write(2)` call carries plenty, small enough to keep memory flat.
  public static let defaultChunkSize = 1 << 20

  /// Writes `graph` as a pretty-printed estate file with sorted keys, handing the UTF-8
  /// bytes to `sink` in order, in chunks of about `chunkSize` bytes.
  ///
  /// Memory stays near one chunk plus the largest node or edge, plus the text that
  /// `EstateEdgeRenderer` prepares once: the node ids, distinct action lists and distinct
  /// provenances. For the 312 MB file of the ten-times AWS benchmark input, that text is an
  /// estimated 30 MB, worked out from its counts of distinct action lists and provenances.
  ///
  /// The bytes equal what `JSONEncoder` with `[.prettyPrinted, .sortedKeys,
  /// .withoutEscapingSlashes]` makes of the same document, except that U+FEFF is escaped
  /// (see `JSONWriter`). Nodes come in id order and edges in the order they were added, so
  /// the same graph always gives the same bytes.
  ///
  /// - Throws: Whatever `sink` throws, which stops the writing at once.
  /// - Complexity: O(V + E + S) time, where S is the length of the output, and
  ///   O(`chunkSize` + P) extra space, where P is the length of the prepared text.
  public static func write<Failure: Error>(
    _ graph: AccessGraph, chunkSize: Int = defaultChunkSize,
    to sink: (UnsafeRawBufferPointer) throws(Failure) -> Void
  ) throws(Failure) {
    var writer = JSONWriter(capacity: chunkSize + chunkSize / 4)

    func handOn(atLeast minimum: Int) throws(Failure) {
      guard writer.bytes.count >= minimum, !writer.bytes.isEmpty else { return }
      // `withUnsafeBytes` only rethrows untyped errors, so the result carries `Failure` out.
      let handedOn = writer.bytes.withUnsafeBytes { buffer in
        Result { () throws(Failure) in try sink(buffer) }
      }
      try handedOn.get()
      writer.removeAllBytes()
    }

    writer.beginObject()
    writer.key("edges")
    writer.beginArray()
    let renderer = EstateEdgeRenderer(graph: graph)
    var start = 0
    while start < graph.edgeCount {
      // At least one edge per chunk, so the loop always moves on.
      let minimumSize = max(1, chunkSize - writer.bytes.count)
      let chunk = renderer.chunk(from: start, minimumSize: minimumSize)
      writer.appendRenderedElements(count: chunk.edges.count, size: chunk.size) { buffer in
        renderer.renderInParallel(chunk.edges, into: buffer)
      }
      try handOn(atLeast: chunkSize)
      start = chunk.edges.upperBound
    }
    writer.endArray()
    writer.member("format", format)
    writer.key("nodes")
    writer.beginArray()
    for node in graph.nodes {
      writeNode(node, to: &writer)
      try handOn(atLeast: chunkSize)
    }
    writer.endArray()
    writer.key("version")
    writer.integer(version)
    writer.endObject()
    precondition(writer.isComplete, "Estate document left open")
    try handOn(atLeast: 0)
  }

  /// Encodes `graph` as a pretty-printed estate file with sorted keys, in memory.
  ///
  /// For large estates, `write(_:chunkSize:to:)` avoids holding the whole file.
  ///
  /// - Complexity: O(V + E + S) time and O(S) space, where S is the length of the output.
  public static func encode(_ graph: AccessGraph) -> Data {
    var data = Data()
    write(graph) { (buffer: UnsafeRawBufferPointer) in data.append(contentsOf: buffer) }
    return data
  }

  /// Writes one node with its members in sorted order, leaving out absent optional ones as
  /// `JSONEncoder` does.
  private static func writeNode(_ node: Node, to writer: inout JSONWriter) {
    writer.beginObject()
    writer.member("account", node.account)
    if let credential = node.credential {
      writer.key("credential")
      writer.beginObject()
      if let created = credential.created {
        writer.member("created", created)
      }
      if let expires = credential.expires {
        writer.member("expires", expires)
      }
      if let lastUsed = credential.lastUsed {
        writer.member("lastUsed", lastUsed)
      }
      writer.member("type", credential.type.rawValue)
      writer.endObject()
    }
    writer.member("id", node.id)
    writer.member("isCrownJewel", node.isCrownJewel)
    writer.member("isDefined", node.isDefined)
    writer.member("kind", node.kind.rawValue)
    writer.member("name", node.name)
    writer.member("platform", node.platform.rawValue)
    writer.key("tags")
    writer.beginObject()
    for key in sortedKeys(node.tags) {
      writer.member(key, node.tags[key]!)
    }
    writer.endObject()
    writer.member("type", node.type)
    writer.endObject()
  }

  /// Returns the keys of `tags` in the order of their UTF-8 bytes, the order `JSONEncoder`
  /// uses. `String`'s own `<` compares by canonical equivalence, which disagrees with byte
  /// order for some keys that are not in Unicode normalization form C.
  private static func sortedKeys(_ tags: [String: String]) -> [String] {
    tags.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  }
}
