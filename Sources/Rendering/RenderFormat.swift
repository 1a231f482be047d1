/// An output format of a rendered diagram.
public enum RenderFormat: String, CaseIterable, Sendable {
  /// The DOT text itself, unchanged.
  case dot
  /// Scalable Vector Graphics, with node and edge tooltips.
  case svg
  /// A PNG bitmap at Graphviz's default 96 dots per inch.
  case png
  /// A PDF document.
  case pdf

  /// The usual file name extension, without the dot.
  public var fileExtension: String { rawValue }
}
