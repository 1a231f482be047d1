import Foundation

/// Writing of a file so that readers see either the old file or the complete new one.
enum AtomicFile {
  /// Writes `data` to a temporary file next to `path`, flushes it to disk with `fsync`, and
  /// renames it to `path` with `rename(2)`, which replaces an existing file in one step.
  ///
  /// The temporary file is named `.<name>.<UUID>.tmp`, is created with `O_EXCL` and
  /// permissions 0666 less the umask, and is removed on any failure.
  ///
  /// - Throws: `RenderingError.writeFailed` with the system's reason, such as `No such file
  ///   or directory`.
  static func write(_ data: Data, to path: String) throws(RenderingError) {
    let destination = URL(fileURLWithPath: path)
    let temporary = destination.deletingLastPathComponent()
      .appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString).tmp").path

    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
    guard descriptor >= 0 else {
      throw .writeFailed(path: path, reason: systemReason())
    }
    var isRenamed = false
    defer {
      if !isRenamed { unlink(temporary) }
    }

    let isWritten = writeAll(data, to: descriptor) && fsync(descriptor) == 0
    let writeReason = isWritten ? "" : systemReason()
    let isClosed = close(descriptor) == 0
    guard isWritten else {
      throw .writeFailed(path: path, reason: writeReason)
    }
    guard isClosed, rename(temporary, path) == 0 else {
      throw .writeFailed(path: path, reason: systemReason())
    }
    isRenamed = true
  }

  /// Writes every byte of `data`, retrying after short writes and interrupts.
  private static func writeAll(_ data: Data, to descriptor: Int32) -> Bool {
    data.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = Foundation.write(
          descriptor, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          return false
        }
        offset += written
      }
      return true
    }
  }

  /// Returns the text of the current `errno`.
  private static func systemReason() -> String {
    String(cString: strerror(errno))
  }
}
