import Foundation

/// The format of a command's result: text for people, or JSON with `--json`.
struct OutputFormatOptions: OptionGroup {
  static let json = ArgumentDefinition.flag(
    "json", help: "Print JSON in the documented, versioned schema instead of text.")

  static var arguments: [ArgumentDefinition] { [json] }

  var isJSON: Bool

  init(parsing arguments: ParsedArguments) throws(UsageError) {
    isJSON = arguments.isSet(Self.json)
  }

  /// Returns the result as JSON or as text, whichever `--json` chose; only the chosen form
  /// is built.
  ///
  /// - Throws: `EncodingError` when the document cannot be encoded.
  func encode<Document: JSONDocument>(
    text: () -> String, json document: () -> Document
  ) throws -> Data {
    isJSON ? try JSONOutput.encode(document()) : Data(text().utf8)
  }
}
