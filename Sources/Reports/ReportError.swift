/// A report that cannot be written.
public enum ReportError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The output folder, or a file in it, cannot be created.
  case cannotWrite(path: String, reason: String)
  /// The destination exists and is not an earlier report, so it is left alone.
  case destinationInUse(path: String, reason: String)
  /// Graphviz failed on one diagram; the reason is the renderer's own message.
  case diagramFailed(name: String, reason: String)

  public var description: String {
    switch self {
    case .cannotWrite(let path, let reason):
      "\(path): cannot write the report (\(reason)); choose a folder you can write to"
    case .destinationInUse(let path, let reason):
      "\(path): not replacing it because \(reason); give a new or empty folder, or an "
        + "earlier report folder"
    case .diagramFailed(let name, let reason):
      "cannot render the diagram \(name): \(reason)"
    }
  }
}
