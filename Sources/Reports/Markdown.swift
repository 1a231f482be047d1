/// Escaping of untrusted text, such as node names from an input, for Markdown output.
enum Markdown {
  /// Escapes `text` for a Markdown paragraph or table cell: Markdown punctuation gets a
  /// backslash, `<`, `>` and `&` become entities so no HTML passes through, and line breaks
  /// become spaces so a name cannot end a table row.
  static func escape(_ text: String) -> String {
    var escaped = ""
    escaped.reserveCapacity(text.count)
    for character in text {
      switch character {
      case "\\", "`", "*", "_", "[", "]", "|", "#", "!", "~":
        escaped += "\\\(character)"
      case "<": escaped += "&lt;"
      case ">": escaped += "&gt;"
      case "&": escaped += "&amp;"
      case "\n", "\r", "\r\n", "\t": escaped += " "
      default:
        if character.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .control }) {
          continue
        }
        escaped.append(character)
      }
    }
    return escaped
  }

  /// `text` as inline code: fenced with one more backtick than its longest run of
  /// backticks, padded with a space when it starts or ends with one, on one line.
  static func code(_ text: String) -> String {
    let flat = text.map { $0.isNewline ? " " : String($0) }.joined()
    var longest = 0
    var run = 0
    for character in flat {
      run = character == "`" ? run + 1 : 0
      longest = max(longest, run)
    }
    let fence = String(repeating: "`", count: longest + 1)
    let padded = flat.hasPrefix("`") || flat.hasSuffix("`") ? " \(flat) " : flat
    return "\(fence)\(padded.replacingPipes())\(fence)"
  }
}

extension String {
  /// Escapes `|`, which ends a table cell even inside inline code in GitHub Markdown.
  fileprivate func replacingPipes() -> String {
    split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")
  }
}
