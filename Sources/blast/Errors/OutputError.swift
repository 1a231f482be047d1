import Foundation

/// An output file that cannot be written. Exits with status 73.
struct OutputError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The output path as the user gave it.
  var path: String
  /// The failure, with the system's reason in parentheses.
  var problem: String
  /// The fix to suggest.
  var remedy: String

  /// `path: problem; remedy`, the form `blast` prints after `blast: error: `.
  var description: String { "\(path): \(problem); \(remedy)" }

  /// An error for a failed system call, using `errno` for the reason and the advice.
  ///
  /// - Parameters:
  ///   - action: What could not be done, such as "cannot create the file".
  ///   - code: The `errno` value the call left.
  init(path: String, action: String, code: Int32) {
    self.path = path
    self.problem = "\(action) (\(String(cString: strerror(code))))"
    self.remedy = Self.remedy(for: code)
  }

  /// An error with a problem and remedy of its own, for checks that are not system calls.
  init(path: String, problem: String, remedy: String) {
    self.path = path
    self.problem = problem
    self.remedy = remedy
  }

  private static func remedy(for code: Int32) -> String {
    switch code {
    case ENOENT, ENOTDIR: "create the folder first or choose another path"
    case EACCES, EPERM, EROFS: "choose a folder you can write to"
    case EISDIR: "name a file, not a folder"
    case ENOSPC, EDQUOT: "free some disk space or choose another disk"
    default: "choose another path"
    }
  }
}
