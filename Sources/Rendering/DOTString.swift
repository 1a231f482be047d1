/// Quoting of text for DOT, so that no name or id from an input can change the syntax of
/// the DOT we write or the markup Graphviz writes from it.
enum DOTString {
  /// Returns `text` as a double-quoted DOT string for an attribute of type escString, such
  /// as `label` or `tooltip`.
  ///
  /// - A backslash becomes `\\` and a double quote `\"`, so the text cannot end the string
  ///   or form a Graphviz escape such as `\N` or `\l`.
  /// - A line feed, a carriage return or both become `\n`, Graphviz's centred line break.
  /// - A tab becomes a space. Other control characters and U+FFFE and U+FFFF are dropped,
  ///   because XML, and so SVG, cannot contain them. The byte order mark U+FEFF and the
  ///   bidirectional controls are dropped too, so that a name cannot reorder the text
  ///   after it, and the separators U+2028 and U+2029 become `\n`.
  /// - `&` becomes `&amp;`. Graphviz decodes HTML entities in labels, so without this a
  ///   name containing `&lt;` would be drawn as `<`. Graphviz itself escapes `<`, `>` and
  ///   `&` when it writes SVG text and attributes.
  ///
  /// - Complexity: O(n) for n Unicode scalars.
  static func quoted(_ text: String) -> String {
    var result = "\""
    result.reserveCapacity(text.utf8.count + 2)
    var afterCarriageReturn = false
    for scalar in text.unicodeScalars {
      defer { afterCarriageReturn = scalar == "\r" }
      switch scalar {
      case "\\": result += "\\\\"
      case "\"": result += "\\\""
      case "&": result += "&amp;"
      case "\r": result += "\\n"
      case "\n": if !afterCarriageReturn { result += "\\n" }
      case "\t": result += " "
      case "\u{2028}", "\u{2029}": result += "\\n"
      default:
        if !isDropped(scalar) {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result + "\""
  }

  /// Returns whether `scalar` is a C0 or C1 control character, DEL, a noncharacter that XML
  /// forbids, the byte order mark, or a bidirectional control.
  private static func isDropped(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F, 0xFFFE, 0xFFFF: true
    case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF: true
    default: false
    }
  }
}
