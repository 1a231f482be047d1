/// A property value of an OpenGraph node: a string, a number or a boolean.
enum OpenGraphScalar: Hashable, Sendable {
  case string(String)
  case number(Double)
  case boolean(Bool)

  /// The value as written in a tag or a message: `true`, `42`, `1.5` or the string itself.
  var text: String {
    switch self {
    case .string(let text): text
    case .boolean(let value): value ? "true" : "false"
    case .number(let value):
      value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
  }
}

/// A node as an OpenGraph document writes it.
struct OpenGraphNode: Sendable {
  var id: String
  /// The node's kinds in document order; the first is the primary kind.
  var kinds: [String]
  /// The document's `metadata.source_kind`, which BloodHound adds to every node's kinds.
  var sourceKind: String?
  /// Scalar properties as they are, and arrays of scalars as their elements.
  var properties: [String: [OpenGraphScalar]]
  /// The JSON path of the node, such as `graph.nodes[4]`.
  var path: String
  var file: String

  /// The `name` property, which `match_by: name` compares with.
  var name: String? {
    guard case .string(let name)? = properties["name"]?.first, !name.isEmpty,
      properties["name"]?.count == 1
    else { return nil }
    return name
  }
}

/// The rule by which an edge names one of its two nodes.
enum OpenGraphMatch: Sendable {
  /// The node whose `id` is the value.
  case id(String)
  /// The node whose `name` property is the value, ignoring letter case.
  case name(String)
  /// The node whose properties equal every given value.
  case properties([(key: String, value: OpenGraphScalar)])
}

/// The start or end of an edge.
struct OpenGraphEndpoint: Sendable {
  var match: OpenGraphMatch
  /// A kind the node must have, when the document gives one.
  var kind: String?
  /// The JSON path of the endpoint, such as `graph.edges[3].start`.
  var path: String

  /// The endpoint in words for provenance and messages: `"u-1"`, `name "BOB"` or
  /// `email = "a@example.org"`.
  var description: String {
    switch match {
    case .id(let id): "\"\(id)\""
    case .name(let name): "name \"\(name)\""
    case .properties(let matchers):
      matchers.map { matcher in
        if case .string(let text) = matcher.value {
          return "\(matcher.key) = \"\(text)\""
        }
        return "\(matcher.key) = \(matcher.value.text)"
      }.joined(separator: " and ")
    }
  }
}

/// An edge as an OpenGraph document writes it.
struct OpenGraphEdge: Sendable {
  var kind: String
  var start: OpenGraphEndpoint
  var end: OpenGraphEndpoint
  /// The JSON path of the edge, such as `graph.edges[3]`.
  var path: String
  var file: String
}

/// Everything read from one OpenGraph file.
struct OpenGraphDocument: Sendable {
  var file: String
  /// `metadata.source_kind`: the source that BloodHound adds to every node's kinds.
  var sourceKind: String?
  var nodes: [OpenGraphNode] = []
  var edges: [OpenGraphEdge] = []
}
