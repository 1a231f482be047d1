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
    isJSON ? try JSONOutput.encode(document()) : Data(Self.escapingControls(text()).utf8)
  }

  private static func escapingControls(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: Self.isEscaped) else { return text }
    var escaped = ""
    for scalar in text.unicodeScalars {
      if isEscaped(scalar) {
        escaped += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
      } else {
        escaped.unicodeScalars.append(scalar)
      }
    }
    return escaped
  }

  private static func isEscaped(_ scalar: Unicode.Scalar) -> Bool {
    scalar != "\n" && scalar != "\t" && scalar.properties.generalCategory == .control
  }
}
