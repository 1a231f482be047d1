import Foundation

/// The process's standard output and standard error, with the line formats `blast` uses.
///
/// Standard output carries results only. Errors, warnings and notes go to standard error,
/// each line starting with `blast: error: `, `blast: warning: ` or `blast: note: `.
/// Progress notes appear only when standard error is a terminal, so a scripted run that
/// succeeds leaves standard error empty.
struct Console: Sendable {
  /// Whether standard error is a terminal, which decides whether progress is shown.
  var isErrorTerminal: Bool

  init(isErrorTerminal: Bool = isatty(STDERR_FILENO) == 1) {
    self.isErrorTerminal = isErrorTerminal
  }

  /// Writes a result to standard output as it is.
  func output(_ text: String) {
    output(Data(text.utf8))
  }

  func output(_ data: Data) {
    FileHandle.standardOutput.write(data)
  }

  func error(_ message: String) {
    writeError("blast: error: \(message)\n")
  }

  func warning(_ message: String) {
    writeError("blast: warning: \(message)\n")
  }

  func note(_ message: String) {
    writeError("blast: note: \(message)\n")
  }

  /// Writes a note about work in progress, only when standard error is a terminal.
  func progress(_ message: String) {
    if isErrorTerminal {
      note(message)
    }
  }

  private func writeError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }
}
