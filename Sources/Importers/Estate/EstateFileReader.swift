import AccessGraph

/// The nodes and edges of one estate file, with the edges' strings interned so that a large
/// estate takes little more memory than its graph.
struct EstateContents {
  /// A provenance stored as ids into `strings`.
  struct StoredProvenance: Hashable, Sendable {
    var file: Int32
    var location: Int32
    var grant: Int32
    /// The technique's string id, or -1 when the edge names none.
    var technique: Int32
  }

  /// An edge stored as ids into `strings`, `actionSets` and `provenances`.
  struct StoredEdge {
    var source: Int32
    var target: Int32
    var relation: Relation
    var isConditional: Bool
    var actions: Int32
    var provenance: Int32
  }

  var nodes: [Node] = []
  var edges: [StoredEdge] = []
  var strings = InternTable<String>()
  var actionSets = InternTable<[Int32]>()
  var provenances = InternTable<StoredProvenance>()

  func actions(of edge: StoredEdge) -> [String] {
    actionSets[edge.actions].map { strings[$0] }
  }

  func provenance(of edge: StoredEdge) -> Provenance {
    let stored = provenances[edge.provenance]
    return Provenance(
      file: strings[stored.file], location: strings[stored.location],
      grant: strings[stored.grant],
      technique: stored.technique < 0 ? nil : strings[stored.technique])
  }
}

/// Reads an estate file with `JSONPullParser`, one node or edge at a time, so that memory
/// grows with the estate's graph rather than with the file.
///
/// Members may come in any order and unknown members are skipped. An object whose `format`
/// is not `blastradius-estate` is no estate file. The writer puts `format` and `version`
/// after the edges, so a problem in a node or edge is kept until the end of the document.
/// It is reported only if the document is an estate file of version 1. After the first
/// problem, the rest of the document is only checked for JSON syntax.
struct EstateFileReader: ~Copyable {
  /// The advice of every error about an estate file's content.
  static let remedy = "write the estate again with `blast import`"

  private var parser: JSONPullParser
  private var contents = EstateContents()

  init(parser: consuming JSONPullParser) {
    self.parser = parser
  }

  /// A problem in the content of the document: a missing member, a value of the wrong
  /// type, or an unknown name.
  private struct ContentError: Error {
    var error: ImportError
  }

  /// Reads the whole document.
  ///
  /// - Returns: The estate's nodes and edges, or nil when the document is valid JSON but no
  ///   estate file.
  /// - Throws: `ImportError` for invalid JSON, an unsupported version, or invalid content.
  /// - Complexity: O(n) in the length of the document.
  consuming func read() throws -> EstateContents? {
    guard try parser.valueKind() == .object else {
      try parser.skipValue()
      try parser.finish()
      return nil
    }
    try parser.beginObject()
    var format: String?
    var version: String?
    var contentError: ImportError?
    var hasNodes = false
    var hasEdges = false
    while let key = try parser.nextKey() {
      switch key {
      case "format" where try parser.valueKind() == .string:
        format = try parser.readString()
      case "version" where try parser.valueKind() == .number:
        version = try parser.readNumber()
      case "nodes" where contentError == nil, "edges" where contentError == nil:
        do {
          if key == "nodes" {
            contents.nodes = []
            try readNodes()
            hasNodes = true
          } else {
            contents.edges = []
            try readEdges()
            hasEdges = true
          }
        } catch let error as ContentError {
          contentError = error.error
          try parser.skip(downTo: 1)
        }
      default:
        try parser.skipValue()
      }
    }
    try parser.finish()

    guard format == EstateFile.format else { return nil }
    guard let version, Self.integer(version) == EstateFile.version else {
      throw invalid(
        "estate file version \(version ?? "missing") is not supported", at: "",
        remedy: "write it again with this version of `blast import`"
      ).error
    }
    if let contentError {
      throw contentError
    }
    guard hasNodes else { throw invalid("\"nodes\" is missing", at: "").error }
    guard hasEdges else { throw invalid("\"edges\" is missing", at: "").error }
    return contents
  }

  // MARK: - Nodes

  /// Reads the `nodes` array, whose ids must differ: `blast import` writes each node once,
  /// so a repeated id means the file was edited and one of the two nodes would be lost.
  /// Edges may repeat, because two grants can give the same edge.
  private mutating func readNodes() throws {
    try beginArray(at: "nodes")
    var index = 0
    var indexByID: [String: Int] = [:]
    while try parser.nextElement() {
      let node = try readNode(at: index)
      if let first = indexByID.updateValue(index, forKey: node.id) {
        throw invalid(
          "the id \"\(node.id)\" is already the id of nodes[\(first)]", at: "nodes[\(index)].id",
          remedy: "give each node its own id, or write the estate again with `blast import`")
      }
      contents.nodes.append(node)
      index += 1
    }
  }

  private mutating func readNode(at index: Int) throws -> Node {
    func path() -> String { "nodes[\(index)]" }
    try beginObject(at: path())
    var id: String?
    var kind: NodeKind?
    var platform: String?
    var account: String?
    var name: String?
    var type: String?
    var tags: [String: String]?
    var isCrownJewel: Bool?
    var isDefined: Bool?
    var credential: CredentialDetails?
    while let key = try parser.nextKey() {
      switch key {
      case "id": id = try string(at: "\(path()).id")
      case "kind": kind = try enumeration(NodeKind.self, at: "\(path()).kind")
      case "platform": platform = try string(at: "\(path()).platform")
      case "account": account = try string(at: "\(path()).account")
      case "name": name = try string(at: "\(path()).name")
      case "type": type = try string(at: "\(path()).type")
      case "tags": tags = try stringObject(at: "\(path()).tags")
      case "isCrownJewel": isCrownJewel = try bool(at: "\(path()).isCrownJewel")
      case "isDefined": isDefined = try bool(at: "\(path()).isDefined")
      case "credential":
        credential = try parser.readNull() ? nil : try readCredential(at: "\(path()).credential")
      default: try parser.skipValue()
      }
    }
    var node = Node(
      id: try required(id, "id", in: path()), kind: try required(kind, "kind", in: path()),
      platform: Platform(try required(platform, "platform", in: path())),
      account: try required(account, "account", in: path()),
      name: try required(name, "name", in: path()),
      type: try required(type, "type", in: path()), tags: try required(tags, "tags", in: path()),
      isCrownJewel: try required(isCrownJewel, "isCrownJewel", in: path()),
      credential: credential)
    node.isDefined = try required(isDefined, "isDefined", in: path())
    return node
  }

  private mutating func readCredential(at path: String) throws -> CredentialDetails {
    try beginObject(at: path)
    var type: CredentialType?
    var created: String?
    var expires: String?
    var lastUsed: String?
    while let key = try parser.nextKey() {
      switch key {
      case "type": type = try enumeration(CredentialType.self, at: "\(path).type")
      case "created": created = try optionalString(at: "\(path).created")
      case "expires": expires = try optionalString(at: "\(path).expires")
      case "lastUsed": lastUsed = try optionalString(at: "\(path).lastUsed")
      default: try parser.skipValue()
      }
    }
    return CredentialDetails(
      type: try required(type, "type", in: path), created: created, expires: expires,
      lastUsed: lastUsed)
  }

  // MARK: - Edges

  private mutating func readEdges() throws {
    try beginArray(at: "edges")
    var index = 0
    while try parser.nextElement() {
      contents.edges.append(try readEdge(at: index))
      index += 1
    }
  }

  private mutating func readEdge(at index: Int) throws -> EstateContents.StoredEdge {
    func path() -> String { "edges[\(index)]" }
    try beginObject(at: path())
    var source: Int32?
    var target: Int32?
    var relation: Relation?
    var actions: Int32?
    var provenance: Int32?
    var isConditional: Bool?
    while let key = try parser.nextKey() {
      switch key {
      case "source": source = contents.strings.intern(try string(at: "\(path()).source"))
      case "target": target = contents.strings.intern(try string(at: "\(path()).target"))
      case "relation": relation = try enumeration(Relation.self, at: "\(path()).relation")
      case "actions": actions = try readActions(at: "\(path()).actions")
      case "provenance": provenance = try readProvenance(at: "\(path()).provenance")
      case "conditional": isConditional = try bool(at: "\(path()).conditional")
      default: try parser.skipValue()
      }
    }
    return EstateContents.StoredEdge(
      source: try required(source, "source", in: path()),
      target: try required(target, "target", in: path()),
      relation: try required(relation, "relation", in: path()),
      isConditional: try required(isConditional, "conditional", in: path()),
      actions: try required(actions, "actions", in: path()),
      provenance: try required(provenance, "provenance", in: path()))
  }

  private mutating func readActions(at path: String) throws -> Int32 {
    try beginArray(at: path)
    var actions: [Int32] = []
    while try parser.nextElement() {
      actions.append(contents.strings.intern(try string(at: "\(path)[\(actions.count)]")))
    }
    return contents.actionSets.intern(actions)
  }

  private mutating func readProvenance(at path: String) throws -> Int32 {
    try beginObject(at: path)
    var file: String?
    var location: String?
    var grant: String?
    var technique: String?
    while let key = try parser.nextKey() {
      switch key {
      case "file": file = try string(at: "\(path).file")
      case "location": location = try string(at: "\(path).location")
      case "grant": grant = try string(at: "\(path).grant")
      case "technique": technique = try optionalString(at: "\(path).technique")
      default: try parser.skipValue()
      }
    }
    let stored = EstateContents.StoredProvenance(
      file: contents.strings.intern(try required(file, "file", in: path)),
      location: contents.strings.intern(try required(location, "location", in: path)),
      grant: contents.strings.intern(try required(grant, "grant", in: path)),
      technique: technique.map { contents.strings.intern($0) } ?? -1)
    return contents.provenances.intern(stored)
  }

  // MARK: - Values

  private mutating func beginObject(at path: @autoclosure () -> String) throws {
    try expect(.object, at: path())
    try parser.beginObject()
  }

  private mutating func beginArray(at path: @autoclosure () -> String) throws {
    try expect(.array, at: path())
    try parser.beginArray()
  }

  private mutating func string(at path: @autoclosure () -> String) throws -> String {
    try expect(.string, at: path())
    return try parser.readString()
  }

  /// Reads a string, or nil for `null`, as `JSONDecoder` reads an optional.
  private mutating func optionalString(at path: @autoclosure () -> String) throws -> String? {
    try parser.readNull() ? nil : try string(at: path())
  }

  private mutating func bool(at path: @autoclosure () -> String) throws -> Bool {
    try expect(.boolean, at: path())
    return try parser.readBool()
  }

  /// Reads a string that must be the raw value of one of `Value`'s cases.
  private mutating func enumeration<Value: RawRepresentable & CaseIterable>(
    _: Value.Type, at path: @autoclosure () -> String
  ) throws -> Value where Value.RawValue == String {
    let text = try string(at: path())
    guard let value = Value(rawValue: text) else {
      let names = Value.allCases.map(\.rawValue).joined(separator: ", ")
      throw invalid("\"\(text)\" is not one of \(names)", at: path())
    }
    return value
  }

  /// Reads an object whose values are all strings, such as a node's tags.
  private mutating func stringObject(at path: @autoclosure () -> String) throws -> [String: String]
  {
    try beginObject(at: path())
    var object: [String: String] = [:]
    while let key = try parser.nextKey() {
      object[key] = try string(at: "\(path()).\(key)")
    }
    return object
  }

  private mutating func expect(_ kind: JSONPullParser.ValueKind, at path: @autoclosure () -> String)
    throws
  {
    let found = try parser.valueKind()
    guard found == kind else {
      throw invalid("expected \(kind.name), found \(found.name)", at: path())
    }
  }

  private func required<Value>(
    _ value: Value?, _ key: String, in path: @autoclosure () -> String
  ) throws -> Value {
    guard let value else { throw invalid("\"\(key)\" is missing", at: path()) }
    return value
  }

  private func invalid(_ problem: String, at path: String, remedy: String = remedy)
    -> ContentError
  {
    ContentError(
      error: ImportError(
        .invalidData, file: parser.file, location: path, problem: problem, remedy: remedy))
  }

  /// Returns the value of a JSON number that is a whole number, such as `1` or `1.0`.
  private static func integer(_ text: String) -> Int? {
    Int(text) ?? Double(text).flatMap { Int(exactly: $0) }
  }
}
