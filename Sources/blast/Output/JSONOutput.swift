import Foundation

/// A document that `--json` prints, named by a versioned schema such as
/// `blastradius/radius/v1`.
protocol JSONDocument: Encodable {
  static var schema: String { get }
}

/// The JSON encoding every `--json` document uses: pretty-printed, `schema` first, then the
/// other keys sorted at every level, so the same result always gives the same bytes.
enum JSONOutput {
  /// Encodes `document` as an object whose first member is `"schema"`, followed by a newline.
  static func encode<Document: JSONDocument>(_ document: Document) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let body = try encoder.encode(document)
    let schema = try encoder.encode(Document.schema)

    // The pretty-printed object starts with "{\n"; the schema member goes right after it,
    // because sorting would put it among the other keys. Every document has members, so a
    // comma always follows.
    let opening = Data("{\n".utf8)
    precondition(body.starts(with: opening), "A JSON document must be a non-empty object")
    var data = opening
    data.append(Data("  \"schema\" : ".utf8))
    data.append(schema)
    data.append(Data(",\n".utf8))
    data.append(body.dropFirst(opening.count))
    data.append(UInt8(ascii: "\n"))
    return data
  }
}
