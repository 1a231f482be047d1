/// Escaping of control characters in text that `blast` prints, so that a name from an input
/// can neither split a diagnostic line, nor send commands to a terminal, nor reorder the
/// text around it on screen.
enum ControlCharacters {
  /// Returns `text` with each control character written as an escape: `\n`, `\r` and `\t`
  /// for the common ones, `\u{1B}` for the rest.
  ///
  /// Control characters are those of the Unicode category Cc, the line and paragraph
  /// separators U+2028 and U+2029, and the byte order mark U+FEFF. So are the bidirectional
  /// controls U+061C, U+200E, U+200F, U+202A through U+202E and U+2066 through U+2069, which
  /// change the direction of the text that follows them.
  ///
  /// - Parameter keepingLayout: Whether line feeds and tabs stay as they are, as a
  ///   multi-line report needs. Diagnostics escape them so that each stays on one line.
  static func escaped(_ text: String, keepingLayout: Bool) -> String {
    let needsEscape = { (scalar: Unicode.Scalar) -> Bool in
      guard isControl(scalar) else { return false }
      return !(keepingLayout && (scalar == "\n" || scalar == "\t"))
    }
    guard text.unicodeScalars.contains(where: needsEscape) else { return text }
    var escaped = ""
    for scalar in text.unicodeScalars {
      guard needsEscape(scalar) else {
        escaped.unicodeScalars.append(scalar)
        continue
      }
      switch scalar {
      case "\n": escaped += "\\n"
      case "\r": escaped += "\\r"
      case "\t": escaped += "\\t"
      default: escaped += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
      }
    }
    return escaped
  }

  /// Returns whether `escaped(_:keepingLayout:)` counts `scalar` as a control character.
  static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029, 0xFEFF:
      return true
    default:
      return scalar.properties.generalCategory == .control
    }
  }
}
