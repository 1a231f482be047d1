import AccessGraph

/// Reads BloodHound OpenGraph documents: `{"graph": {"nodes": [...], "edges": [...]}}`
/// with an optional `metadata.source_kind`.
///
/// Node kinds and edge kinds become node kinds and relations through the tables of
/// `OpenGraphKinds`. A kind that no table entry matches is kept, as a resource or as
/// `access` with the edge kind as its action, and reported once per kind. A node whose id
/// another input defines joins that node, as inventory entries do. See docs/opengraph.md.
struct OpenGraphImporter: SourceImporter {
  static let formatName = "BloodHound OpenGraph"

  private var documents: [OpenGraphDocument] = []

  /// Recognizes a top-level object with the key `graph` and no key but `graph` and
  /// `metadata`.
  static func recognizes(_ document: JSONCursor) -> Bool {
    document["graph"] != nil && Set(document.keys).isSubset(of: OpenGraphParser.topLevelKeys)
  }

  mutating func add(_ document: JSONCursor) throws {
    documents.append(try OpenGraphParser.parse(document))
  }

  func define(into builder: inout EstateBuilder, warn: (ImportWarning) -> Void) throws {
    var unmapped: [String: (first: OpenGraphNode, count: Int)] = [:]
    var unmappedOrder: [String] = []
    var definedIDs: Set<String> = []
    for document in documents {
      var firstPaths: [String: String] = [:]
      for entry in document.nodes {
        if let first = firstPaths[entry.id] {
          warn(
            ImportWarning(
              file: entry.file, location: entry.path,
              message: "node id \"\(entry.id)\" is also at \(first), so both become one "
                + "node with the kind and name of the first"))
        } else {
          firstPaths[entry.id] = entry.path
        }
        let kinds = entry.kinds.filter { $0 != entry.sourceKind }
        let mapping = OpenGraphKinds.nodeKind(of: kinds)
        if mapping == nil, definedIDs.insert(entry.id).inserted {
          let primary = kinds.first ?? ""
          if unmapped[primary] == nil {
            unmappedOrder.append(primary)
          }
          unmapped[primary, default: (entry, 0)].count += 1
        } else {
          definedIDs.insert(entry.id)
        }
        let node = Self.node(
          entry, kind: mapping?.kind ?? .resource, type: mapping?.matched ?? kinds.first ?? "",
          id: OpenGraphResolver.estateID(for: entry.id, in: builder))
        builder.define(node)
      }
    }
    for kind in unmappedOrder {
      let (first, count) = unmapped[kind]!
      let nodes = count == 1 ? "1 node becomes a resource" : "\(count) nodes become resources"
      let message =
        kind.isEmpty
        ? (count == 1 ? "1 node has" : "\(count) nodes have")
          + " no kind, so \(count == 1 ? "it becomes a resource" : "they become resources"); "
          + "give each node a kind that docs/opengraph.md lists"
        : "node kind \"\(kind)\" is not one blast maps, so \(nodes); "
          + "docs/opengraph.md lists the kinds it maps"
      warn(ImportWarning(file: first.file, location: first.path, message: message))
    }
  }

  /// Builds the estate node of an OpenGraph node.
  ///
  /// The name is the `name` property, else `displayname`, else the id. Every property but
  /// `name` becomes a tag, an array as its elements joined by ", ". The platform comes from
  /// the first kind with a platform prefix, else from the source kind, else it is
  /// on-premises. The account is the `domain` or `tenantid` property.
  static func node(_ entry: OpenGraphNode, kind: NodeKind, type: String, id: String) -> Node {
    var tags: [String: String] = [:]
    for (key, values) in entry.properties where key != "name" {
      tags[key] = values.map(\.text).joined(separator: ", ")
    }
    if let sourceKind = entry.sourceKind, tags["source_kind"] == nil {
      tags["source_kind"] = sourceKind
    }
    let kinds = entry.kinds.filter { $0 != entry.sourceKind }
    let platform =
      kinds.lazy.compactMap(OpenGraphKinds.platform(ofKind:)).first
      ?? entry.sourceKind.flatMap(OpenGraphKinds.platform(ofSource:)) ?? .onPremises
    let name = entry.name ?? singleString(entry.properties["displayname"]) ?? entry.id
    let account =
      singleString(entry.properties["domain"]) ?? singleString(entry.properties["tenantid"]) ?? ""
    return Node(
      id: id, kind: kind, platform: platform, account: account, name: name, type: type,
      tags: tags)
  }

  private static func singleString(_ values: [OpenGraphScalar]?) -> String? {
    guard let values, values.count == 1, case .string(let text) = values[0], !text.isEmpty
    else { return nil }
    return text
  }

  func connect(into builder: inout EstateBuilder, warn: (ImportWarning) -> Void) throws {
    let resolver = OpenGraphResolver(documents: documents)
    var reportedKinds: Set<String> = []
    for document in documents {
      for edge in document.edges {
        let source = try resolver.resolve(edge.start, of: edge, in: &builder, warn: warn)
        let target = try resolver.resolve(edge.end, of: edge, in: &builder, warn: warn)
        guard let source, let target else { continue }
        guard source != target else {
          warn(
            ImportWarning(
              file: edge.file, location: edge.path,
              message: "the \(edge.kind) edge leads from a node to itself and grants nothing, "
                + "so it is skipped"))
          continue
        }
        var relation = OpenGraphKinds.relation(for: edge.kind)
        if relation == nil {
          relation = .access
          if reportedKinds.insert(edge.kind).inserted {
            warn(
              ImportWarning(
                file: edge.file, location: edge.path,
                message: "edge kind \"\(edge.kind)\" is not one blast maps, so its edges "
                  + "become access with the action \(edge.kind); docs/opengraph.md lists "
                  + "the kinds it maps"))
          }
        }
        let grant =
          "OpenGraph edge \(edge.kind) from \(edge.start.description) to \(edge.end.description)"
        builder.connect(
          source, target, relation!, actions: [edge.kind],
          provenance: Provenance(file: edge.file, location: edge.path, grant: grant))
      }
    }
  }
}
