import AccessGraph
import Foundation

/// Readers of single values and the check for unknown keys, each of which throws an
/// `ImportError` at the value's JSON path.
extension InventoryParser {
  // MARK: - Values

  /// Returns the member `key` of `cursor`, which must be present.
  func member(_ key: String, of cursor: JSONCursor, remedy: String) throws -> JSONCursor {
    guard let member = cursor[key] else {
      throw cursor.invalid("\"\(key)\" is missing", remedy: remedy)
    }
    return member
  }

  /// Reads one id or a non-empty array of ids, each with its own path.
  func references(_ cursor: JSONCursor) throws -> [InventoryReference] {
    guard cursor.isArray else {
      return [InventoryReference(id: try referencedID(cursor), path: cursor.path)]
    }
    let elements = try cursor.array()
    guard !elements.isEmpty else {
      throw cursor.invalid(
        "the list names no id", remedy: "name at least one id, or remove the key")
    }
    return try elements.map { InventoryReference(id: try referencedID($0), path: $0.path) }
  }

  /// Reads an id that an entry, grant or mark names: any string without spaces or control
  /// characters.
  func referencedID(_ cursor: JSONCursor) throws -> String {
    let id = try cursor.string()
    guard !id.isEmpty else {
      throw cursor.invalid("the id is empty", remedy: "write the id of an entry or an ARN")
    }
    guard !id.unicodeScalars.contains(where: Self.isSpaceOrControl) else {
      throw cursor.invalid(
        "the id \"\(id)\" contains a space or control character",
        remedy: "write ids as slugs such as \"svc-jenkins\", and put display text in \"name\"")
    }
    return id
  }

  /// Reads the id of an entry the inventory defines, which must not be an ARN.
  func definedID(_ cursor: JSONCursor) throws -> String {
    let id = try referencedID(cursor)
    guard !id.lowercased().hasPrefix("arn:") else {
      throw cursor.invalid(
        "\"\(id)\" is an ARN, and an inventory defines only its own nodes",
        remedy: "name the ARN in a grant, and tag or mark it as a crown jewel under \"marks\"")
    }
    return id
  }

  private static func isSpaceOrControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
  }

  func nonEmptyString(_ cursor: JSONCursor) throws -> String {
    let string = try cursor.string()
    guard !string.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
      throw cursor.invalid("the value is empty", remedy: "write some text, or remove the key")
    }
    return string
  }

  /// Reads tags, an object of string values, or returns no tags when absent.
  func tags(_ cursor: JSONCursor?) throws -> [String: String] {
    guard let cursor else { return [:] }
    var tags: [String: String] = [:]
    for (key, value) in try cursor.members() {
      guard let string = value.value as? String else {
        throw value.invalid(
          "expected a string, found \(value.typeName)",
          remedy: "write tag values as strings, such as \"\(key)\": \"yes\"")
      }
      tags[key] = string
    }
    return tags
  }

  /// Reads an ISO 8601 date, such as `2024-05-01` or `2024-05-01T09:30:00Z`, or returns nil
  /// when absent.
  func date(_ cursor: JSONCursor?) throws -> String? {
    guard let cursor else { return nil }
    let text = try cursor.string()
    guard Self.isISO8601Date(text) else {
      throw cursor.invalid(
        "\"\(text)\" is not an ISO 8601 date",
        remedy: "write it as YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ")
    }
    return text
  }

  /// Returns whether `text` is a `YYYY-MM-DD` date, alone or followed by a time that starts
  /// with `Thh:mm`. The day is checked against 1...31, not against the month's length.
  static func isISO8601Date(_ text: String) -> Bool {
    let characters = Array(text)
    guard characters.count >= 10, characters[4] == "-", characters[7] == "-" else {
      return false
    }
    let digits = [0, 1, 2, 3, 5, 6, 8, 9]
    guard digits.allSatisfy({ characters[$0].isASCII && characters[$0].isNumber }),
      let month = Int(String(characters[5...6])), (1...12).contains(month),
      let day = Int(String(characters[8...9])), (1...31).contains(day)
    else {
      return false
    }
    guard characters.count > 10 else { return true }
    let time = Array(characters[10...])
    guard time.count >= 6, time[0] == "T", time[3] == ":" else {
      return false
    }
    return [1, 2, 4, 5].allSatisfy { time[$0].isASCII && time[$0].isNumber }
  }

  // MARK: - Keys

  /// The part of a document that a key belongs to, which decides the message for an unknown
  /// key.
  enum KeyContext {
    case topLevel
    case header
    case entry(InventorySection)
    case grant
    case mark
  }

  /// Relation names as a list for messages: "memberOf, assumes, … or federates".
  static var relationList: String {
    let names = Relation.allCases.map(\.rawValue)
    return names.dropLast().joined(separator: ", ") + " or " + names.last!
  }

  /// Throws for the first key of `cursor`'s object that `allowed` does not list.
  func checkKeys(
    of cursor: JSONCursor, allowed: [String], context: KeyContext
  ) throws {
    guard let key = cursor.keys.first(where: { !allowed.contains($0) }) else { return }
    let path = cursor.path.isEmpty ? key : "\(cursor.path).\(key)"
    let problem: String
    let advice: String
    var synonyms: [String: String] = [:]
    switch context {
    case .topLevel:
      problem = "unknown section \"\(key)\""
      advice = "the top level takes \"inventory\", \"grants\", \"marks\" and the sections "
        + Self.sectionList
      synonyms = InventorySuggestion.sectionSynonyms
    case .header:
      problem = "unknown key \"\(key)\" in the inventory header"
      advice = "the header takes " + Self.quotedList(allowed)
    case .entry(let section) where key == "kind":
      throw ImportError(
        .invalidData, file: file, location: path,
        problem: "entries take no \"kind\" because their section sets it",
        remedy: "remove \"kind\", or move the entry from \"\(section.rawValue)\" to the "
          + "section of its kind: " + Self.sectionList)
    case .entry(let section):
      problem = "unknown key \"\(key)\" in an entry of \"\(section.rawValue)\""
      advice = "an entry there takes " + Self.quotedList(allowed)
    case .grant:
      problem = "unknown key \"\(key)\" in a grant"
      advice = "a grant takes \"from\", one relation (" + Self.relationList
        + ") and optionally \"actions\", \"condition\" and \"note\""
    case .mark:
      problem = "unknown key \"\(key)\" in a mark"
      advice = "a mark takes " + Self.quotedList(allowed)
    }
    let remedy = InventorySuggestion.remedy(
      for: key, among: allowed, synonyms: synonyms, advice: advice)
    throw ImportError(.invalidData, file: file, location: path, problem: problem, remedy: remedy)
  }

  /// The sections with the kind each defines, for messages.
  static var sectionList: String {
    InventorySection.allCases.map { "\($0.rawValue) (\($0.kind.rawValue))" }
      .joined(separator: ", ")
  }

  private static func quotedList(_ keys: [String]) -> String {
    keys.map { "\"\($0)\"" }.joined(separator: ", ")
  }
}
