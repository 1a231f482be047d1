/// A failure to render a diagram or to write the result.
///
/// Each case's `description` is one line: what failed, libgraphviz's own message or the
/// system's reason, and what to do.
public enum RenderingError: Error, Equatable, Sendable, CustomStringConvertible {
  /// libgraphviz could not create a context, which usually means a broken installation.
  case contextUnavailable
  /// libgraphviz rejected the DOT text.
  case invalidDOT(reason: String)
  /// The `dot` layout failed.
  case layoutFailed(reason: String)
  /// libgraphviz could not render the laid-out graph in this format.
  case renderFailed(format: String, reason: String)

  public var description: String {
    switch self {
    case .contextUnavailable:
      "cannot create a Graphviz context; check that libgraphviz and its plugins are installed"
    case .invalidDOT(let reason):
      "Graphviz cannot parse the DOT text: \(reason); check the DOT syntax near that point"
    case .layoutFailed(let reason):
      "Graphviz dot layout failed: \(reason); try a diagram with fewer nodes"
    case .renderFailed(let format, let reason):
      "Graphviz cannot render \(format): \(reason); check that the Graphviz plugins for "
        + "\(format) are installed (Debian package libgvc6)"
    }
  }
}
