/// Shortening of names, ids and action lists so that labels stay readable.
///
/// Lengths count characters (extended grapheme clusters), as a reader sees them.
enum Abbreviation {
  static let ellipsis = "…"

  /// Maximum length in characters of a node name in a label. Longer names are shortened.
  static let nameLength = 40

  /// Shortens `text` to `maximumLength` characters by replacing its middle with an
  /// ellipsis, which keeps both the start and the end of an ARN or a resource path.
  static func middle(_ text: String, maximumLength: Int = nameLength) -> String {
    guard text.count > maximumLength else {
      return text
    }
    let kept = max(maximumLength - 1, 2)
    let head = kept / 2
    let tail = kept - head
    return String(text.prefix(head)) + ellipsis + String(text.suffix(tail))
  }

  /// Shortens `text` to `maximumLength` characters by replacing its end with an ellipsis.
  static func end(_ text: String, maximumLength: Int) -> String {
    guard text.count > maximumLength else {
      return text
    }
    return String(text.prefix(max(maximumLength - 1, 1))) + ellipsis
  }

  /// Lists the first `listed` actions and counts the rest: `a, b, c +2 more`.
  static func actions(_ actions: [String], listed: Int = 3) -> String {
    let shown = actions.prefix(listed).map { middle($0) }.joined(separator: ", ")
    let hidden = actions.count - min(actions.count, listed)
    return hidden > 0 ? "\(shown) +\(hidden) more" : shown
  }
}
