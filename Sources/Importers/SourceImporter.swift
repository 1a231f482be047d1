import AccessGraph

/// One input format: recognizes its documents and turns them into nodes and edges.
///
/// The loader offers every parsed file to each importer in turn; the first whose
/// `recognizes` returns true receives it through `add`. After all files are read, each
/// importer's `build` runs once with everything it received, so that an importer can
/// resolve references across files (a role in one account trusted from another).
public protocol SourceImporter {
  /// The format's name for messages, such as "AWS IAM authorization details".
  static var formatName: String { get }

  /// Whether a parsed document is of this format, judged from its content alone.
  static func recognizes(_ document: JSONCursor) -> Bool

  init()

  /// Receives the user's stated assumptions before any document is added. Importers that
  /// have no use for them keep the default, which ignores them.
  mutating func configure(_ options: ImportOptions)

  /// Takes one document of this format, checking what can be checked without the others.
  mutating func add(_ document: JSONCursor) throws

  /// Adds the nodes the documents define.
  ///
  /// - Parameter warn: Receives problems that do not stop the import.
  func define(into builder: inout EstateBuilder, warn: (ImportWarning) -> Void) throws

  /// Adds the edges the documents grant, referencing nodes no input defines as stubs.
  ///
  /// - Parameter warn: Receives problems that do not stop the import.
  func connect(into builder: inout EstateBuilder, warn: (ImportWarning) -> Void) throws
}

extension SourceImporter {
  public mutating func configure(_ options: ImportOptions) {}
}
