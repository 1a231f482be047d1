import AccessGraph

/// One input format whose files are text other than JSON, such as CSV.
///
/// The loader offers every file that does not start as JSON to each text importer in turn.
/// The first whose `recognizes` returns true receives it through `add`. The text importers'
/// `define` and `connect` run after those of the JSON importers, so they can refer to
/// nodes that the JSON inputs define.
public protocol TextSourceImporter {
  /// The format's name for messages, such as "AWS IAM credential report".
  static var formatName: String { get }

  /// Returns whether a text file is of this format, judged from its content alone.
  static func recognizes(_ document: TextDocument) -> Bool

  init()

  /// Takes one document of this format, checking what can be checked without the others.
  mutating func add(_ document: TextDocument) throws

  /// Adds the nodes the documents define.
  ///
  /// - Parameter warn: Receives problems that do not stop the import.
  func define(into builder: inout EstateBuilder, warn: (ImportWarning) -> Void) throws

  /// Adds the edges the documents grant, referencing nodes no input defines as stubs.
  ///
  /// - Parameter warn: Receives problems that do not stop the import.
  func connect(into builder: inout EstateBuilder, warn: (ImportWarning) -> Void) throws
}
