import Foundation

/// The format of a result that is one table: text for people, JSON with `--json`, or CSV
/// with `--csv`. Commands whose result has no table shape use `OutputFormatOptions`.
struct TableFormatOptions: OptionGroup {
  static let csv = ArgumentDefinition.flag(
    "csv",
    help: "Print CSV (RFC 4180, a header row, then one row per entry) instead of text. "
      + "Cells that a spreadsheet would run as a formula start with an apostrophe.")

  static var arguments: [ArgumentDefinition] { OutputFormatOptions.arguments + [csv] }

  enum Format {
    case text
    case json
    case csv
  }

  var format: Format

  init(parsing arguments: ParsedArguments) throws(UsageError) {
    let isJSON = arguments.isSet(OutputFormatOptions.json)
    let isCSV = arguments.isSet(Self.csv)
    if isJSON && isCSV {
      throw UsageError(
        "\"--json\" and \"--csv\" are given together", remedy: "choose one of the two")
    }
    if isJSON {
      format = .json
    } else if isCSV {
      format = .csv
    } else {
      format = .text
    }
  }

  /// Returns the result in the chosen format; only that form is built. Text is escaped as
  /// `OutputFormatOptions.encode(text:json:)` escapes it.
  ///
  /// - Throws: `EncodingError` when the JSON document cannot be encoded.
  func encode<Document: JSONDocument>(
    text: () -> String, json document: () -> Document, csv table: () -> CSVTable
  ) throws -> Data {
    switch format {
    case .text: Data(ControlCharacters.escaped(text(), keepingLayout: true).utf8)
    case .json: try JSONOutput.encode(document())
    case .csv: table().data
    }
  }
}
