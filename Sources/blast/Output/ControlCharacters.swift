/// Escaping of control characters in text that `blast` prints, so that a name from an input
/// can neither split a diagnostic line nor send commands to a terminal.
enum ControlCharacters {
  /// Returns `text` with each control character written as an escape: `\n`, `\r` and `\t`
  /// for the common ones, `\u{1B}` for the rest.
  ///
  /// - Parameter keepingLayout: Whether line breaks and tabs stay as they are, as a
  ///   multi-line report needs. Diagnostics escape them so that each stays on one line.
  static func escaped(_ text: String, keepingLayout: Bool) -> String {
    let needsEscape = { (scalar: Unicode.Scalar) -> Bool in
      guard scalar.properties.generalCategory == .control else { return false }
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
}
