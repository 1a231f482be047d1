/// A root, organizational unit (OU) or account of an AWS organization, as the Organizations
/// API names them in `Targets`, `Parents` and its other outputs.
struct OrganizationEntity: Hashable, Sendable {
  /// The entity type, spelled as the API's `Type` field spells it.
  enum Kind: String, Sendable {
    case root = "ROOT"
    case organizationalUnit = "ORGANIZATIONAL_UNIT"
    case account = "ACCOUNT"

    /// The entity type in words, such as `OU`.
    var word: String {
      switch self {
      case .root: "root"
      case .organizationalUnit: "OU"
      case .account: "account"
      }
    }

    /// The entity type in words after an indefinite article, such as `an OU`.
    var wordWithArticle: String {
      self == .root ? "a root" : "an \(word)"
    }
  }

  let kind: Kind
  /// `r-` and 4 to 32 characters for a root, `ou-<root part>-<8 to 32 characters>` for an
  /// OU, and the 12-digit account id for an account.
  let id: String
  /// The friendly name, when the output gives one; `Parents` entries give none.
  var name: String?

  /// The entity in words for provenance and messages, such as `OU Sandbox
  /// (ou-a1b2-sandbox1)` or `root r-a1b2`.
  var label: String {
    guard let name, !name.isEmpty else { return "\(kind.word) \(id)" }
    return "\(kind.word) \(name) (\(id))"
  }

  /// Returns whether `id` has the form the Organizations API gives ids of `kind`.
  static func isValid(_ id: String, for kind: Kind) -> Bool {
    let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789")
    let parts = id.split(separator: "-", omittingEmptySubsequences: false)
    func isToken(_ part: Substring, _ lengths: ClosedRange<Int>) -> Bool {
      lengths.contains(part.count) && part.allSatisfy(allowed.contains)
    }
    switch kind {
    case .root:
      return parts.count == 2 && parts[0] == "r" && isToken(parts[1], 4...32)
    case .organizationalUnit:
      return parts.count == 3 && parts[0] == "ou" && isToken(parts[1], 4...32)
        && isToken(parts[2], 8...32)
    case .account:
      return ARN.isAccountID(id)
    }
  }

  /// Reads an entity of a known kind from an object with `Id` and `Name`.
  ///
  /// - Throws: `ImportError` when `Id` is missing or not an id of `kind`.
  static func parse(_ cursor: JSONCursor, kind: Kind, remedy: String) throws -> Self {
    OrganizationEntity(
      kind: kind, id: try id(cursor, key: "Id", kind: kind, remedy: remedy),
      name: try cursor.string("Name"))
  }

  /// Reads an entity whose kind the object gives in its `Type` field, as `Targets` and
  /// `Parents` entries do.
  ///
  /// - Parameter idKey: The member that contains the id, `TargetId` or `Id`.
  /// - Throws: `ImportError` when `Type` is not `ROOT`, `ORGANIZATIONAL_UNIT` or `ACCOUNT`,
  ///   or the id does not have the form of that type.
  static func parse(typed cursor: JSONCursor, idKey: String, remedy: String) throws -> Self {
    let typeCursor = try cursor.required("Type")
    let type = try typeCursor.string()
    guard let kind = Kind(rawValue: type) else {
      throw typeCursor.invalid(
        "\"Type\" is \"\(type)\", which is none of ROOT, ORGANIZATIONAL_UNIT and ACCOUNT",
        remedy: remedy)
    }
    return OrganizationEntity(
      kind: kind, id: try id(cursor, key: idKey, kind: kind, remedy: remedy),
      name: try cursor.string("Name"))
  }

  private static func id(
    _ cursor: JSONCursor, key: String, kind: Kind, remedy: String
  ) throws -> String {
    let idCursor = try cursor.required(key)
    let id = try idCursor.string()
    guard isValid(id, for: kind) else {
      throw idCursor.invalid("\"\(id)\" is not the id of \(kind.wordWithArticle)", remedy: remedy)
    }
    return id
  }
}
