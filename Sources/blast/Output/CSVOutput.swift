import Foundation

/// One cell of a CSV table: text, which may come from an input, or a number `blast` made.
enum CSVCell: Equatable {
  case text(String)
  case number(String)
  /// An unknown value, written as an empty cell.
  case empty

  init(_ value: Int) {
    self = .number(String(value))
  }

  init(_ value: Int?) {
    self = value.map { .number(String($0)) } ?? .empty
  }
}

/// A table that `--csv` prints: RFC 4180 text with a header row, safe to open in a
/// spreadsheet.
///
/// - Lines end with CR LF, and a cell is quoted, with its quotes doubled, when it contains a
///   comma, a quote or a line feed.
/// - A text cell that starts with `=`, `+`, `-` or `@`, which spreadsheets read as a formula,
///   gets a leading apostrophe and is quoted, so it stays text.
/// - Control characters other than line feeds, as `ControlCharacters` defines them, are
///   written as escapes such as `\t`, `\u{202E}` or `\u{1B}`. So the table can neither send
///   commands to a terminal nor reorder text on screen.
struct CSVTable {
  var header: [String]
  var rows: [[CSVCell]]

  /// The table as UTF-8 CSV.
  var data: Data {
    var text = Self.line(header.map(CSVCell.text))
    for row in rows {
      text += Self.line(row)
    }
    return Data(text.utf8)
  }

  private static func line(_ cells: [CSVCell]) -> String {
    cells.map(field).joined(separator: ",") + "\r\n"
  }

  /// Returns one cell as a CSV field.
  static func field(_ cell: CSVCell) -> String {
    switch cell {
    case .empty:
      return ""
    case .number(let value):
      return value
    case .text(let value):
      var text = ControlCharacters.escaped(value, keepingLayout: true)
        .replacingOccurrences(of: "\t", with: "\\t")
      let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@"]
      let startsFormula = text.unicodeScalars.first.map(formulaStarts.contains) == true
      if startsFormula {
        text = "'" + text
      }
      let needsQuotes =
        startsFormula || text.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" }
      guard needsQuotes else { return text }
      return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
  }
}
