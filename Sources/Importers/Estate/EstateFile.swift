import AccessGraph
import Foundation

/// The estate file that `blast import` writes: every node and edge of a frozen graph, with
/// provenance, so later commands can start from it instead of the raw exports.
///
/// Layout, version 1:
/// `{"format": "blastradius-estate", "version": 1, "nodes": [...], "edges": [...]}` where
/// each edge names its ends by node id. See docs/estate-format.md.
public enum EstateFile {
  public static let format = "blastradius-estate"
  public static let version = 1

  struct Document: Codable {
    var format: String
    var version: Int
    var nodes: [Node]
    var edges: [EdgeRecord]
  }

  struct EdgeRecord: Codable {
    var source: String
    var target: String
    var relation: Relation
    var actions: [String]
    var provenance: Provenance
    var conditional: Bool
  }

  /// Encodes `graph` as a pretty-printed estate file with sorted keys.
  ///
  /// - Complexity: O(V + E).
  public static func encode(_ graph: AccessGraph) throws -> Data {
    let edges = graph.edgeIDs.map { id -> EdgeRecord in
      let edge = graph.edge(id)
      return EdgeRecord(
        source: graph.node(edge.source).id, target: graph.node(edge.target).id,
        relation: edge.relation, actions: edge.actions, provenance: edge.provenance,
        conditional: edge.isConditional)
    }
    let document = Document(format: format, version: version, nodes: graph.nodes, edges: edges)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(document)
  }
}

/// Reads estate files written by `blast import`.
struct EstateFileImporter: SourceImporter {
  static let formatName = "BlastRadius estate"
  private var documents: [(file: String, document: EstateFile.Document)] = []

  static func recognizes(_ document: JSONCursor) -> Bool {
    (try? document.string("format")) == EstateFile.format
  }

  mutating func add(_ document: JSONCursor) throws {
    let version = document["version"]?.value as? Int
    guard version == EstateFile.version else {
      throw document.invalid(
        "estate file version \(version.map(String.init) ?? "missing") is not supported",
        remedy: "write it again with this version of `blast import`")
    }
    do {
      let data = try JSONSerialization.data(withJSONObject: document.value)
      let decoded = try JSONDecoder().decode(EstateFile.Document.self, from: data)
      documents.append((document.file, decoded))
    } catch let error as DecodingError {
      throw document.invalid(
        "not a valid estate file (\(Self.describe(error)))",
        remedy: "write it again with `blast import`")
    }
  }

  func define(into builder: inout EstateBuilder, warn: (ImportWarning) -> Void) throws {
    for (_, document) in documents {
      for node in document.nodes {
        if node.isDefined {
          builder.define(node)
        } else {
          builder.reference(node)
        }
      }
    }
  }

  func connect(into builder: inout EstateBuilder, warn: (ImportWarning) -> Void) throws {
    for (file, document) in documents {
      for (index, edge) in document.edges.enumerated() {
        guard let source = builder.nodeID(for: edge.source),
          let target = builder.nodeID(for: edge.target)
        else {
          throw ImportError(
            .invalidData, file: file, location: "edges[\(index)]",
            problem: "the edge names a node that the file does not list",
            remedy: "write the estate again with `blast import`")
        }
        builder.connect(
          source, target, edge.relation, actions: edge.actions, provenance: edge.provenance,
          isConditional: edge.conditional)
      }
    }
  }

  private static func describe(_ error: DecodingError) -> String {
    switch error {
    case .keyNotFound(let key, let context):
      return "\"\(key.stringValue)\" is missing at \(path(context.codingPath))"
    case .typeMismatch(_, let context), .valueNotFound(_, let context),
      .dataCorrupted(let context):
      return "\(context.debugDescription) at \(path(context.codingPath))"
    @unknown default:
      return "\(error)"
    }
  }

  private static func path(_ keys: [any CodingKey]) -> String {
    keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
  }
}
