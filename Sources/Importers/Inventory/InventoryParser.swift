import AccessGraph
import Foundation

/// Reads one inventory document into entries, links and marks, rejecting whatever the
/// format does not allow at the JSON path where it is written.
///
/// The parser checks each file on its own. Whether the ids that grants name exist, and
/// whether a relation fits the kinds at its ends, is checked when the edges are added,
/// because an id may be defined in another file of the same run.
struct InventoryParser {
  /// The only version of the format so far.
  static let version = 1

  static let headerKeys = ["account", "name", "note", "platform", "version"]
  static let markKeys = ["crownJewel", "id", "tags"]
  static let grantOptionKeys = ["actions", "condition", "from", "note"]

  static var topLevelKeys: [String] {
    (["inventory", "grants", "marks"] + InventorySection.allCases.map(\.rawValue)).sorted()
  }

  static var grantKeys: [String] {
    (grantOptionKeys + Relation.allCases.map(\.rawValue)).sorted()
  }

  let file: String
  private var defaultPlatform = Platform.onPremises
  private var defaultAccount = ""

  private init(file: String) {
    self.file = file
  }

  /// Parses a document that `InventoryImporter.recognizes`.
  ///
  /// - Throws: `ImportError` naming the JSON path of the first problem.
  static func parse(_ root: JSONCursor) throws -> InventoryDocument {
    var parser = InventoryParser(file: root.file)
    try parser.checkKeys(of: root, allowed: topLevelKeys, context: .topLevel)
    let header = try root.required("inventory")
    let name = try parser.readHeader(header)
    var document = InventoryDocument(file: root.file, name: name)

    for section in InventorySection.allCases {
      for cursor in try root.array(section.rawValue) {
        let (entry, links) = try parser.readEntry(cursor, section: section)
        document.entries.append(entry)
        document.links += links
      }
    }
    for (index, cursor) in try root.array("grants").enumerated() {
      document.links.append(try parser.readGrant(cursor, index: index))
    }
    for cursor in try root.array("marks") {
      document.marks.append(try parser.readMark(cursor))
    }
    return document
  }

  // MARK: - Header

  /// Reads the `inventory` object and returns the inventory's name.
  private mutating func readHeader(_ header: JSONCursor) throws -> String {
    _ = try header.members()
    try checkKeys(of: header, allowed: Self.headerKeys, context: .header)
    let name = try nonEmptyString(
      member("name", of: header, remedy: #"add a name, such as "name": "Acme on-premises""#))
    let versionCursor = try member(
      "version", of: header, remedy: "add \"version\": \(Self.version)")
    guard versionCursor.typeName == "a number", let version = versionCursor.value as? Int else {
      throw versionCursor.invalid(
        "expected a whole number, found \(versionCursor.typeName)",
        remedy: "write \"version\": \(Self.version)")
    }
    guard version == Self.version else {
      throw versionCursor.invalid(
        "inventory version \(version) is not supported",
        remedy: "write \"version\": \(Self.version), the only version this tool reads")
    }
    if let platform = header["platform"] {
      defaultPlatform = Platform(try nonEmptyString(platform))
    }
    if let account = header["account"] {
      defaultAccount = try account.string()
    }
    _ = try header["note"]?.string()
    return name
  }

  // MARK: - Entries

  /// Reads one entry of a section into its node and the links it states inline.
  private func readEntry(
    _ cursor: JSONCursor, section: InventorySection
  ) throws -> (InventoryEntry, [InventoryLink]) {
    _ = try cursor.members()
    try checkKeys(of: cursor, allowed: section.allowedKeys, context: .entry(section))
    let idCursor = try member(
      "id", of: cursor, remedy: #"add an id, a short slug such as "id": "svc-jenkins""#)
    let id = try definedID(idCursor)

    var node = Node(
      id: id, kind: section.kind, platform: defaultPlatform, account: defaultAccount,
      type: section.defaultType)
    if let name = cursor["name"] {
      node.name = try nonEmptyString(name)
    }
    if let platform = cursor["platform"] {
      node.platform = Platform(try nonEmptyString(platform))
    }
    if let account = cursor["account"] {
      node.account = try account.string()
    }
    node.tags = try tags(cursor["tags"])
    node.isCrownJewel = try cursor.bool("crownJewel") ?? false
    let note = try cursor.string("note")

    var links: [InventoryLink] = []
    if section == .secrets {
      node.credential = try credentialDetails(cursor)
      node.type = try cursor["format"].map(nonEmptyString) ?? section.defaultType
      let path = try cursor["path"].map(nonEmptyString)
      if let path, node.tags["path"] == nil {
        node.tags["path"] = path
      }
      if let store = cursor["storedIn"] {
        let storeID = try referencedID(store)
        var link = InventoryLink(
          sources: [InventoryReference(id: storeID, path: store.path)], relation: .contains,
          targets: [InventoryReference(id: id, path: idCursor.path)], note: note,
          location: store.path, label: "inventory \(cursor.path)", file: file)
        link.place = path
        link.isStorage = true
        links.append(link)
      }
    } else if let type = cursor["type"] {
      node.type = try nonEmptyString(type)
    }

    let source = InventoryReference(id: id, path: idCursor.path)
    for relation in section.inlineRelations {
      guard let member = cursor[relation.rawValue] else { continue }
      links.append(
        InventoryLink(
          sources: [source], relation: relation, targets: try references(member), note: note,
          location: member.path, label: "inventory \(cursor.path)", file: file))
    }
    let entry = InventoryEntry(node: node, section: section, path: cursor.path, file: file)
    return (entry, links)
  }

  /// Reads a secret's credential type and dates.
  private func credentialDetails(_ cursor: JSONCursor) throws -> CredentialDetails {
    var type = CredentialType.static
    if let typeCursor = cursor["type"] {
      let name = try typeCursor.string()
      guard let parsed = CredentialType(rawValue: name) else {
        let names = CredentialType.allCases.map { "\"\($0.rawValue)\"" }
        throw typeCursor.invalid(
          "unknown credential type \"\(name)\"",
          remedy: InventorySuggestion.remedy(
            for: name, among: CredentialType.allCases.map(\.rawValue),
            advice: "use \(names.dropLast().joined(separator: ", ")) or \(names.last!)"))
      }
      type = parsed
    }
    return CredentialDetails(
      type: type, created: try date(cursor["created"]), expires: try date(cursor["expires"]),
      lastUsed: try date(cursor["lastUsed"]))
  }

  // MARK: - Grants and marks

  /// Reads `grants[index]`: `from`, exactly one relation key, and its options.
  private func readGrant(_ cursor: JSONCursor, index: Int) throws -> InventoryLink {
    _ = try cursor.members()
    try checkKeys(of: cursor, allowed: Self.grantKeys, context: .grant)
    let relations = Relation.allCases.compactMap { relation in
      cursor[relation.rawValue].map { (relation: relation, targets: $0) }
    }
    guard let (relation, targetCursor) = relations.first else {
      throw cursor.invalid(
        "the grant names no relation",
        remedy: "add one of \(Self.relationList) with the id it leads to")
    }
    guard relations.count == 1 else {
      throw cursor.invalid(
        "the grant names \(relations.count) relations, "
          + relations.map { "\"\($0.relation.rawValue)\"" }.joined(separator: " and "),
        remedy: "write one grant for each relation")
    }
    let targets = try references(targetCursor)
    var link = InventoryLink(
      sources: try references(
        member("from", of: cursor, remedy: "add \"from\" with the id that gains the grant")),
      relation: relation, targets: targets,
      location: cursor.path, label: "inventory grant \(index)", file: file)
    if let actions = cursor["actions"] {
      link.actions = try actions.strings()
      for (offset, action) in link.actions.enumerated() where action.isEmpty {
        let path = actions.isArray ? "\(actions.path)[\(offset)]" : actions.path
        throw ImportError(
          .invalidData, file: file, location: path, problem: "the action is empty",
          remedy: "name the action, such as \"read\", or remove it")
      }
    }
    link.note = try cursor["note"].map(nonEmptyString)
    link.condition = try cursor["condition"].map(nonEmptyString)
    return link
  }

  /// Reads one entry of `marks`.
  private func readMark(_ cursor: JSONCursor) throws -> InventoryMark {
    _ = try cursor.members()
    try checkKeys(of: cursor, allowed: Self.markKeys, context: .mark)
    let idCursor = try member(
      "id", of: cursor, remedy: "add \"id\" with the id or ARN of the node to mark")
    let mark = InventoryMark(
      target: InventoryReference(id: try referencedID(idCursor), path: idCursor.path),
      isCrownJewel: try cursor.bool("crownJewel") ?? false, tags: try tags(cursor["tags"]),
      path: cursor.path, file: file)
    guard mark.isCrownJewel || !mark.tags.isEmpty else {
      throw cursor.invalid(
        "the mark changes nothing",
        remedy: "add \"crownJewel\": true or \"tags\", or remove the mark")
    }
    return mark
  }

  // MARK: - Values

  /// Returns the member `key` of `cursor`, which must be present.
  private func member(_ key: String, of cursor: JSONCursor, remedy: String) throws -> JSONCursor {
    guard let member = cursor[key] else {
      throw cursor.invalid("\"\(key)\" is missing", remedy: remedy)
    }
    return member
  }

  /// Reads one id or a non-empty array of ids, each with its own path.
  private func references(_ cursor: JSONCursor) throws -> [InventoryReference] {
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
  private func referencedID(_ cursor: JSONCursor) throws -> String {
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
  private func definedID(_ cursor: JSONCursor) throws -> String {
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

  private func nonEmptyString(_ cursor: JSONCursor) throws -> String {
    let string = try cursor.string()
    guard !string.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
      throw cursor.invalid("the value is empty", remedy: "write some text, or remove the key")
    }
    return string
  }

  /// Reads tags, an object of string values, or returns no tags when absent.
  private func tags(_ cursor: JSONCursor?) throws -> [String: String] {
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
  private func date(_ cursor: JSONCursor?) throws -> String? {
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
  private func checkKeys(
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
