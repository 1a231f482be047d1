/// An input that cannot be imported, with where the problem is and what to do about it.
public struct ImportError: Error, Equatable, Sendable, CustomStringConvertible {
  public enum Reason: Equatable, Sendable {
    /// The file or folder does not exist or cannot be read.
    case unreadable
    /// The file is read, but its content is invalid.
    case invalidData
    /// The content is valid JSON or CSV, but of no format this tool reads.
    case unknownFormat
  }

  public var reason: Reason
  /// The input file as the user named it.
  public var file: String
  /// The place in the file, such as `line 4, column 7` or `Statement[1].Effect`; empty for
  /// the file as a whole.
  public var location: String
  /// The problem, as one clause.
  public var problem: String
  /// The fix to suggest, as one clause.
  public var remedy: String

  public init(
    _ reason: Reason, file: String, location: String = "", problem: String, remedy: String
  ) {
    self.reason = reason
    self.file = file
    self.location = location
    self.problem = problem
    self.remedy = remedy
  }

  /// `file:location: problem; remedy`, the form `blast` prints after `blast: error: `.
  public var description: String {
    let place = location.isEmpty ? file : "\(file):\(location)"
    return "\(place): \(problem); \(remedy)"
  }
}

/// Something odd in an input that does not stop the import, such as a grant naming an
/// identity that no input defines.
public struct ImportWarning: Equatable, Sendable, CustomStringConvertible {
  public var file: String
  public var location: String
  public var message: String

  public init(file: String, location: String, message: String) {
    self.file = file
    self.location = location
    self.message = message
  }

  public var description: String {
    location.isEmpty ? "\(file): \(message)" : "\(file):\(location): \(message)"
  }
}
