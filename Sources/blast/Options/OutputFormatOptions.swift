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
  /// is built. In text, control characters other than line breaks and tabs are written as
  /// escapes, so that a name from an input cannot send commands to a terminal.
  ///
  /// - Throws: `EncodingError` when the document cannot be encoded.
  func encode<Document: JSONDocument>(
    text: () -> String, json document: () -> Document
  ) throws -> Data {
    if isJSON {
      return try JSONOutput.encode(document())
    }
    return Data(ControlCharacters.escaped(text(), keepingLayout: true).utf8)
  }
}
