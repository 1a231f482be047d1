import Foundation

/// Reads an OpenGraph document into nodes and edges, checking it against the node and
/// edge schemas that BloodHound publishes for OpenGraph uploads.
enum OpenGraphParser {
  /// The characters BloodHound allows in an edge kind: letters, digits and underscores.
  private static let edgeKindCharacters = Set(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")

  /// The top-level keys of an OpenGraph document.
  static let topLevelKeys: Set<String> = ["graph", "metadata"]

  /// Parses one document whose top level has the key `graph`.
  ///
  /// - Throws: `ImportError` at the JSON path of the first member that breaks the schema.
  static func parse(_ document: JSONCursor) throws -> OpenGraphDocument {
    var parsed = OpenGraphDocument(file: document.file)
    if let metadata = document["metadata"] {
      try requireObject(metadata, remedy: #"write it as {"source_kind": "NAME"}"#)
      parsed.sourceKind = try metadata.string("source_kind")
    }
    let graph = try document.required("graph")
    try requireObject(graph, remedy: #"write it as {"nodes": [...], "edges": [...]}"#)
    parsed.nodes = try graph.array("nodes").map { try node($0, sourceKind: parsed.sourceKind) }
    parsed.edges = try graph.array("edges").map(edge)
    return parsed
  }

  private static func requireObject(_ cursor: JSONCursor, remedy: String) throws {
    guard cursor.isObject else {
      throw cursor.invalid("expected an object, found \(cursor.typeName)", remedy: remedy)
    }
  }

  private static func node(_ cursor: JSONCursor, sourceKind: String?) throws -> OpenGraphNode {
    try requireObject(cursor, remedy: #"write each node as {"id": "...", "kinds": ["..."]}"#)
    let idCursor = try cursor.required("id")
    let id = try idCursor.string()
    guard !id.isEmpty else {
      throw idCursor.invalid("the node id is empty", remedy: "give every node a unique id")
    }
    let kinds = try cursor.required("kinds").array().map { try $0.string() }
    let properties = try cursor["properties"].map(self.properties) ?? [:]
    return OpenGraphNode(
      id: id, kinds: kinds, sourceKind: sourceKind, properties: properties, path: cursor.path,
      file: cursor.file)
  }

  /// Reads a property map: each value is a string, a number, a boolean or an array of them.
  private static func properties(_ cursor: JSONCursor) throws -> [String: [OpenGraphScalar]] {
    var properties: [String: [OpenGraphScalar]] = [:]
    for (key, value) in try cursor.members() {
      if let scalar = scalar(value) {
        properties[key] = [scalar]
      } else if value.isArray {
        properties[key] = try value.array().map { element in
          guard let scalar = scalar(element) else { throw nestedValue(element) }
          return scalar
        }
      } else {
        throw nestedValue(value)
      }
    }
    return properties
  }

  private static func nestedValue(_ cursor: JSONCursor) -> ImportError {
    cursor.invalid(
      "expected a string, a number, a boolean or an array of them, found \(cursor.typeName)",
      remedy: "flatten the value, because OpenGraph properties cannot nest")
  }

  private static func scalar(_ cursor: JSONCursor) -> OpenGraphScalar? {
    switch cursor.value {
    case let text as String:
      return .string(text)
    case let number as NSNumber:
      if String(cString: number.objCType) == "c" {
        return .boolean(number.boolValue)
      }
      return .number(number.doubleValue)
    default:
      return nil
    }
  }

  private static func edge(_ cursor: JSONCursor) throws -> OpenGraphEdge {
    try requireObject(
      cursor, remedy: #"write each edge as {"start": {...}, "end": {...}, "kind": "..."}"#)
    let kindCursor = try cursor.required("kind")
    let kind = try kindCursor.string()
    guard !kind.isEmpty, kind.allSatisfy(edgeKindCharacters.contains) else {
      throw kindCursor.invalid(
        "the edge kind \"\(kind)\" is not made of letters, digits and underscores only",
        remedy: "rename it, such as AdminTo, as BloodHound requires of edge kinds")
    }
    if let properties = cursor["properties"] {
      _ = try self.properties(properties)
    }
    return OpenGraphEdge(
      kind: kind, start: try endpoint(cursor.required("start")),
      end: try endpoint(cursor.required("end")), path: cursor.path, file: cursor.file)
  }

  private static func endpoint(_ cursor: JSONCursor) throws -> OpenGraphEndpoint {
    try requireObject(cursor, remedy: #"write it as {"value": "NODE-ID"}"#)
    let kind = try cursor.string("kind")
    let method = try cursor.string("match_by") ?? "id"
    switch method {
    case "id", "name":
      let valueCursor = try cursor.required("value")
      let value = try valueCursor.string()
      guard !value.isEmpty else {
        throw valueCursor.invalid(
          "the value is empty", remedy: "give the id or name of the node the edge names")
      }
      let match: OpenGraphMatch = method == "id" ? .id(value) : .name(value)
      return OpenGraphEndpoint(match: match, kind: kind, path: cursor.path)
    case "property":
      let matchers = try cursor.required("property_matchers").array()
      guard !matchers.isEmpty else {
        throw cursor["property_matchers"]!.invalid(
          "the array is empty", remedy: #"give at least one {"key", "operator", "value"}"#)
      }
      return OpenGraphEndpoint(
        match: .properties(try matchers.map(matcher)), kind: kind, path: cursor.path)
    default:
      throw cursor["match_by"]!.invalid(
        "unknown match_by \"\(method)\"", remedy: #"write "id", "name" or "property""#)
    }
  }

  private static func matcher(_ cursor: JSONCursor) throws -> (key: String, value: OpenGraphScalar) {
    try requireObject(
      cursor, remedy: #"write it as {"key": "email", "operator": "equals", "value": "..."}"#)
    let key = try cursor.requiredString("key")
    let operatorCursor = try cursor.required("operator")
    let operatorName = try operatorCursor.string()
    guard operatorName == "equals" else {
      throw operatorCursor.invalid(
        "unknown operator \"\(operatorName)\"", remedy: #"write "equals", the only operator"#)
    }
    let valueCursor = try cursor.required("value")
    guard let value = scalar(valueCursor) else {
      throw valueCursor.invalid(
        "expected a string, a number or a boolean, found \(valueCursor.typeName)",
        remedy: "compare with one value")
    }
    return (key, value)
  }
}
