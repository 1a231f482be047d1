/// Escaping of untrusted text, such as node names from an input, for Markdown output.
///
/// Both functions read Unicode scalars, not `Character`s. A combining mark after `|` or `<`, or
/// a prepended mark such as U+0600 before it, joins it into one grapheme cluster that no longer
/// equals the plain character, yet Markdown parsers still read the `|` or `<` scalar.
enum Markdown {
  /// Escapes `text` for a Markdown paragraph or table cell: Markdown punctuation gets a
  /// backslash, `<`, `>` and `&` become entities so no HTML passes through, and line breaks
  /// become spaces so a name cannot end a table row.
  static func escape(_ text: String) -> String {
    var escaped = String.UnicodeScalarView()
    for scalar in flattened(text) {
      switch scalar {
      case "\\", "`", "*", "_", "[", "]", "|", "#", "!", "~":
        escaped.append("\\")
        escaped.append(scalar)
      case "<": escaped.append(contentsOf: "&lt;".unicodeScalars)
      case ">": escaped.append(contentsOf: "&gt;".unicodeScalars)
      case "&": escaped.append(contentsOf: "&amp;".unicodeScalars)
      default: escaped.append(scalar)
      }
    }
    return String(escaped)
  }

  /// Formats `text` as inline code on one line, fenced with one more backtick than its longest
  /// run of backtick scalars, with `|` escaped for table cells.
  ///
  /// The content is padded with a space when it starts or ends with a backtick, or with a
  /// scalar that would join a fence backtick into one grapheme cluster, so each fence stays a
  /// separate run of plain backticks.
  static func code(_ text: String) -> String {
    let content = flattened(text)
    var longestRun = 0
    var run = 0
    for scalar in content {
      run = scalar == "`" ? run + 1 : 0
      longestRun = max(longestRun, run)
    }
    let fence = String(repeating: "`", count: longestRun + 1)

    // GitHub Markdown ends a table cell at `|` even inside inline code, unless it is escaped.
    var body = String.UnicodeScalarView()
    for scalar in content {
      if scalar == "|" { body.append("\\") }
      body.append(scalar)
    }

    let backtick: Unicode.Scalar = "`"
    var needsPadding = false
    if let first = content.first {
      needsPadding = first == backtick || formsOneCharacter(backtick, first)
    }
    if let last = content.last, last == backtick || formsOneCharacter(last, backtick) {
      needsPadding = true
    }
    let padded = needsPadding ? " \(String(body)) " : String(body)
    return "\(fence)\(padded)\(fence)"
  }

  /// Returns the scalars of `text` on one line: CR LF, CR, LF, tab and the Unicode line and
  /// paragraph separators become one space each. Other control scalars (category Cc), the
  /// byte order mark U+FEFF and the bidirectional controls, which reorder the text after them
  /// on screen, are dropped.
  private static func flattened(_ text: String) -> [Unicode.Scalar] {
    var scalars: [Unicode.Scalar] = []
    scalars.reserveCapacity(text.unicodeScalars.count)
    var previous: Unicode.Scalar?
    for scalar in text.unicodeScalars {
      defer { previous = scalar }
      switch scalar {
      case "\n" where previous == "\r":
        continue
      case "\n", "\r", "\t", "\u{2028}", "\u{2029}":
        scalars.append(" ")
      case "\u{061C}", "\u{200E}", "\u{200F}", "\u{202A}"..."\u{202E}", "\u{2066}"..."\u{2069}",
        "\u{FEFF}":
        continue
      default:
        if scalar.properties.generalCategory == .control { continue }
        scalars.append(scalar)
      }
    }
    return scalars
  }

  /// Returns whether `first` followed by `second` is a single grapheme cluster, as when
  /// `second` is a combining mark or `first` is a prepended mark such as U+0600.
  private static func formsOneCharacter(_ first: Unicode.Scalar, _ second: Unicode.Scalar) -> Bool
  {
    var scalars = String.UnicodeScalarView()
    scalars.append(first)
    scalars.append(second)
    return String(scalars).count == 1
  }
}
