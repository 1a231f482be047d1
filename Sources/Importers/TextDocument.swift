/// An input file that is not JSON, decoded as UTF-8 text without a leading byte order mark.
public struct TextDocument: Sendable {
  /// The input file as the user named it.
  public let file: String
  public let text: String

  public init(file: String, text: String) {
    self.file = file
    self.text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
  }

  /// The text up to the first line break, without the break.
  public var firstLine: Substring {
    text.prefix { $0 != "\n" && $0 != "\r\n" && $0 != "\r" }
  }
}
