/// Splits comma-separated values into records as RFC 4180 describes them.
///
/// A field may be enclosed in double quotes, and then may contain commas, line breaks and doubled
/// quotes (`""` for one `"`). Records end at CRLF or LF; a lone CR is kept as data. Blank
/// lines are skipped. Every record keeps the line it starts on, for messages.
enum CSVParser {
  struct Record: Equatable {
    /// The 1-based line on which the record starts.
    var line: Int
    var fields: [String]
  }

  private enum State {
    case fieldStart
    case unquoted
    case quoted
    case afterClosingQuote
  }

  /// Parses `text`, naming `file` in errors.
  ///
  /// - Throws: `ImportError` with `line N` for a quote inside an unquoted field, text after a
  ///   closing quote, or a quoted field that is never closed.
  static func records(in text: String, file: String) throws -> [Record] {
    let bytes = Array(text.utf8)
    var records: [Record] = []
    var fields: [String] = []
    var field: [UInt8] = []
    var state = State.fieldStart
    var line = 1
    var recordLine = 1
    var quoteLine = 1
    var index = 0

    func endField() {
      fields.append(String(decoding: field, as: UTF8.self))
      field.removeAll(keepingCapacity: true)
    }
    func endRecord(quoted: Bool) {
      endField()
      if fields != [""] || quoted {
        records.append(Record(line: recordLine, fields: fields))
      }
      fields.removeAll()
    }
    func invalid(_ problem: String, remedy: String, at line: Int) -> ImportError {
      ImportError(
        .invalidData, file: file, location: "line \(line)", problem: problem, remedy: remedy)
    }

    while index < bytes.count {
      let byte = bytes[index]
      index += 1
      let isCRLF = byte == .carriageReturn && index < bytes.count && bytes[index] == .lineFeed
      let isLineBreak = byte == .lineFeed || isCRLF
      if isCRLF && state != .quoted {
        index += 1
      }
      switch state {
      case .quoted:
        if byte == .quote {
          if index < bytes.count && bytes[index] == .quote {
            field.append(.quote)
            index += 1
          } else {
            state = .afterClosingQuote
          }
        } else {
          if byte == .lineFeed { line += 1 }
          field.append(byte)
        }
      case .fieldStart, .unquoted, .afterClosingQuote:
        if byte == .comma {
          endField()
          state = .fieldStart
        } else if isLineBreak {
          endRecord(quoted: state == .afterClosingQuote)
          line += 1
          recordLine = line
          state = .fieldStart
        } else if state == .afterClosingQuote {
          throw invalid(
            "text follows the closing quote of a field",
            remedy: "end the field at the quote, or double a quote that belongs to the value",
            at: line)
        } else if byte == .quote && state == .fieldStart {
          quoteLine = line
          state = .quoted
        } else if byte == .quote {
          throw invalid(
            "a quote inside a field that does not start with one",
            remedy: "enclose the whole field in quotes and double the quote inside", at: line)
        } else {
          field.append(byte)
          state = .unquoted
        }
      }
    }

    switch state {
    case .quoted:
      throw invalid(
        "the quoted field that starts here is never closed",
        remedy: "add the closing quote, or export the file again", at: quoteLine)
    case .fieldStart where fields.isEmpty:
      break
    default:
      endRecord(quoted: state == .afterClosingQuote)
    }
    return records
  }
}

extension UInt8 {
  fileprivate static let comma = UInt8(ascii: ",")
  fileprivate static let quote = UInt8(ascii: "\"")
  fileprivate static let lineFeed = UInt8(ascii: "\n")
  fileprivate static let carriageReturn = UInt8(ascii: "\r")
}
