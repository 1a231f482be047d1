internal import CGraphviz
internal import CGraphvizReader
import Foundation

/// Lays out DOT text with libgraphviz's `dot` engine and renders it, in this process.
///
/// This file contains every call into libgraphviz. libgraphviz keeps global state (its error
/// handler, the DOT parser and plugin tables) and is not thread-safe, so every call runs
/// under one process-wide lock. Rendering is therefore serial even when callers are not.
public enum GraphvizRenderer {
  private static let lock = NSLock()

  /// Renders `dot` in `format`.
  ///
  /// Parses the text with `blast_read_dot`, lays it out with `gvLayout(context, graph,
  /// "dot")` and renders it with `gvRenderData`, in a fresh context from `gvContext`, which
  /// loads the installed plugins. Every resource is released before returning, except the
  /// layout of a graph whose layout failed, which is leaked because freeing it can abort the
  /// process. For `.dot`, returns the text unchanged without calling libgraphviz.
  ///
  /// The same DOT text gives the same SVG on every call: `blast_read_dot` allocates the
  /// graph from an arena, so the interned names by whose addresses libgraphviz orders
  /// subgraphs follow the text.
  ///
  /// - Returns: The rendered bytes: UTF-8 text for `.dot` and `.svg`, binary for `.png` and
  ///   `.pdf`.
  /// - Throws: `RenderingError` with libgraphviz's message when parsing, layout or rendering
  ///   fails.
  public static func render(dot: String, format: RenderFormat) throws(RenderingError) -> Data {
    if format == .dot {
      return Data(dot.utf8)
    }
    return try render(dot: dot, formatName: format.rawValue)
  }

  /// Renders `dot` with the Graphviz output format called `formatName`, such as `svg` or
  /// `png:cairo`.
  static func render(dot: String, formatName: String) throws(RenderingError) -> Data {
    guard !dot.utf8.contains(0) else {
      throw .invalidDOT(reason: "the text contains a NUL character")
    }
    lock.lock()
    defer { lock.unlock() }
    return try renderLocked(dot: dot, formatName: formatName)
  }

  /// Runs the libgraphviz calls. The caller must own `lock`.
  private static func renderLocked(dot: String, formatName: String) throws(RenderingError)
    -> Data
  {
    let messages = GraphvizMessages.capture()
    defer { messages.restore() }

    guard let context = gvContext() else {
      throw .contextUnavailable
    }
    defer { gvFreeContext(context) }

    guard let graph = dot.withCString({ blast_read_dot($0) }) else {
      throw .invalidDOT(reason: GraphvizMessages.errorText())
    }
    defer { agclose(graph) }

    // gvLayout returns 0 even when dot reports errors such as "trouble in init_rank", so
    // agerrors, the highest level reported since agreseterrors, is checked as well.
    let layoutStatus = gvLayout(context, graph, "dot")
    guard layoutStatus == 0, agerrors() < Int32(AGERR.rawValue) else {
      // NOTE: The layout is not freed here, which leaks it, because gvFreeLayout after a
      // failed dot layout can free memory twice and abort the process (Graphviz 2.43).
      throw .layoutFailed(reason: GraphvizMessages.errorText())
    }
    defer { gvFreeLayout(context, graph) }

    var buffer: UnsafeMutablePointer<CChar>? = nil
    var length: UInt32 = 0
    let renderStatus = gvRenderData(context, graph, formatName, &buffer, &length)
    defer {
      if let buffer { gvFreeRenderData(buffer) }
    }
    guard renderStatus == 0, let buffer else {
      throw .renderFailed(format: formatName, reason: GraphvizMessages.errorText())
    }
    return Data(bytes: buffer, count: Int(length))
  }
}

/// Messages that libgraphviz reported through `agerr` while a render ran.
///
/// libgraphviz prints errors and warnings to stderr unless a handler is set with
/// `agseterrf`, and a library must not print. The handler appends to `text`, which only
/// code that owns `GraphvizRenderer.lock` touches.
///
/// NOTE: The spline router in Graphviz 2.43 prints some failures, such as "triangulation
/// failed", to stderr directly, and no handler catches those.
private enum GraphvizMessages {
  nonisolated(unsafe) static var text = ""

  /// A handler installed with `agseterrf`, and the one it replaced.
  struct Capture {
    fileprivate let previous: agusererrf?

    /// Puts the previous handler back with `agseterrf`.
    func restore() {
      _ = agseterrf(previous)
    }
  }

  /// Clears the collected text and the error count (`agreseterrors`), and installs the
  /// collecting handler with `agseterrf`.
  static func capture() -> Capture {
    text = ""
    _ = agreseterrors()
    return Capture(previous: agseterrf(collect))
  }

  /// Receives one piece of a message. libgraphviz passes `Error` or `Warning`, then `: `,
  /// then the formatted message, each in its own call.
  private static let collect: agusererrf = { message in
    if let message {
      GraphvizMessages.text += String(cString: message)
    }
    return 0
  }

  /// Returns the collected messages as one line, leaving out warnings when there are errors
  /// and repeated messages.
  static func errorText() -> String {
    let lines = text.split(whereSeparator: \.isNewline)
      .map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }
    let errors = lines.filter { $0.hasPrefix("Error:") }
      .map { $0.dropFirst("Error:".count).trimmingCharacters(in: .whitespaces) }
    var seen: Set<String> = []
    let chosen = (errors.isEmpty ? lines : errors).filter { seen.insert($0).inserted }
    guard !chosen.isEmpty else {
      return "libgraphviz reported no message"
    }
    return Abbreviation.end(chosen.joined(separator: "; "), maximumLength: 400)
  }
}
