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

  /// Writes a result to standard output. When standard output cannot take it (a full disk,
  /// a closed pipe), the process reports that on standard error and exits with status 74.
  func output(_ data: Data) {
    let code = Self.writeAll(data, to: STDOUT_FILENO)
    guard code == 0 else {
      writeError(
        "blast: error: cannot write the result to standard output (\(String(cString: strerror(code))));"
          + " check the disk or the command that reads the output\n")
      exit(ExitStatus.ioError.rawValue)
    }
  }

  func error(_ message: String) {
    writeError("blast: error: \(ControlCharacters.escaped(message, keepingLayout: false))\n")
  }

  func warning(_ message: String) {
    writeError("blast: warning: \(ControlCharacters.escaped(message, keepingLayout: false))\n")
  }

  func note(_ message: String) {
    writeError("blast: note: \(ControlCharacters.escaped(message, keepingLayout: false))\n")
  }

  /// Writes a note about work in progress, only when standard error is a terminal.
  func progress(_ message: String) {
    if isErrorTerminal {
      note(message)
    }
  }

  /// Writes to standard error; a failure is ignored, since there is nowhere left to report it.
  private func writeError(_ text: String) {
    _ = Self.writeAll(Data(text.utf8), to: STDERR_FILENO)
  }

  /// Writes every byte of `data` to `descriptor`, retrying after interruptions.
  ///
  /// - Returns: 0 on success, or the `errno` of the failed `write(2)`.
  private static func writeAll(_ data: Data, to descriptor: Int32) -> Int32 {
    data.withUnsafeBytes { buffer -> Int32 in
      var offset = 0
      while offset < buffer.count {
        let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          return errno
        }
        offset += written
      }
      return 0
    }
  }
}
