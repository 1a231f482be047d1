import AccessGraph
import Foundation

/// Reads estate files written by `blast import`.
///
/// The loader hands over estate files by name, and `EstateFileReader` reads them in pieces
/// (see `StreamingSourceImporter`). An estate that reaches the importer as a parsed tree
/// instead, because its first member is not one that estate files start with, is serialized
/// again and read the same way.
struct EstateFileImporter: StreamingSourceImporter {
  static let formatName = "BlastRadius estate"
  private var estates: [(file: String, contents: EstateContents)] = []

  /// The members that the top-level object of an estate file starts with: `edges` first as
  /// `blast import` writes them, and the others for files whose members come in another
  /// order.
  private static let firstMembers: Set<String> = ["edges", "format", "nodes", "version"]

  static func recognizes(_ document: JSONCursor) -> Bool {
    (try? document.string("format")) == EstateFile.format
  }

  static func mayRecognize(prefix: [UInt8]) -> Bool {
    var parser = JSONPullParser(bytes: prefix, file: "")
    guard (try? parser.valueKind()) == .object, (try? parser.beginObject()) != nil,
      let key = try? parser.nextKey()
    else {
      return false
    }
    return firstMembers.contains(key)
  }

  mutating func add(contentsOf file: String) throws -> Bool {
    let parser = try JSONPullParser(contentsOf: file)
    guard let contents = try EstateFileReader(parser: parser).read() else { return false }
    estates.append((file, contents))
    return true
  }

  mutating func add(_ document: JSONCursor) throws {
    let data = try JSONSerialization.data(withJSONObject: document.value)
    let parser = JSONPullParser(bytes: data, file: document.file)
    guard let contents = try EstateFileReader(parser: parser).read() else {
      throw document.invalid(
        "not an estate file", remedy: "write the estate again with `blast import`")
    }
    estates.append((document.file, contents))
  }

  func define(into builder: inout EstateBuilder, warn: (ImportWarning) -> Void) throws {
    for (_, contents) in estates {
      for node in contents.nodes {
        if node.isDefined {
          builder.define(node)
        } else {
          builder.reference(node)
        }
      }
    }
  }

  /// Adds every edge, looking each node id up once per file.
  ///
  /// - Complexity: O(E + S) expected, where S counts the file's distinct strings.
  func connect(into builder: inout EstateBuilder, warn: (ImportWarning) -> Void) throws {
    for (file, contents) in estates {
      var nodeIDs = [NodeID?](repeating: nil, count: contents.strings.count)
      func nodeID(_ string: Int32, edge index: Int) throws -> NodeID {
        if let id = nodeIDs[Int(string)] {
          return id
        }
        guard let id = builder.nodeID(for: contents.strings[string]) else {
          throw ImportError(
            .invalidData, file: file, location: "edges[\(index)]",
            problem: "the edge names a node that the file does not list",
            remedy: "write the estate again with `blast import`")
        }
        nodeIDs[Int(string)] = id
        return id
      }

      for (index, edge) in contents.edges.enumerated() {
        let source = try nodeID(edge.source, edge: index)
        let target = try nodeID(edge.target, edge: index)
        builder.connect(
          source, target, edge.relation, actions: contents.actions(of: edge),
          provenance: contents.provenance(of: edge), isConditional: edge.isConditional)
      }
    }
  }
}
