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

/// An importer that reads its files itself, in pieces, instead of receiving a parsed tree,
/// because its files can be larger than memory allows as a tree.
///
/// The loader offers it each JSON file whose first bytes pass `mayRecognize(prefix:)`,
/// before parsing the file. A file it declines goes on to the parser and every importer's
/// `recognizes`, so `add(_:)` must still accept a parsed document.
public protocol StreamingSourceImporter: SourceImporter {
  /// Returns whether a file that starts with `prefix` may be of this format. The test looks
  /// at the first bytes only, so a file of another format may pass it.
  static func mayRecognize(prefix: [UInt8]) -> Bool

  /// Reads `file` if it is of this format.
  ///
  /// - Returns: Whether the file is of this format. When it is not, nothing was added.
  /// - Throws: `ImportError` when the file cannot be read or is of this format but invalid.
  mutating func add(contentsOf file: String) throws -> Bool
}
