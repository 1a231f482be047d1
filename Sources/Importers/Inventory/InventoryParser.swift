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
}
