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
  ///   because XML, and so SVG, cannot contain them.
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
      default:
        if !isDropped(scalar) {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result + "\""
  }

  /// Returns whether `scalar` is a C0 or C1 control character, DEL, or a noncharacter that XML
  /// forbids.
  private static func isDropped(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F, 0xFFFE, 0xFFFF: true
    default: false
    }
  }
}
