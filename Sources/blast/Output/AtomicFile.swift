import CFileSync
import Foundation

/// Writes output files so that readers never see a half-written one.
enum AtomicFile {
  /// Writes `data` to `path` through a temporary file in the same folder, which is then
  /// renamed over `path`. `write(to:contents:)` describes the guarantees.
  ///
  /// - Throws: `OutputError` when the file cannot be created, written or renamed.
  static func write(_ data: Data, to path: String) throws(OutputError) {
    try write(to: path) { (file) throws(OutputError) in
      let code = data.withUnsafeBytes { writeAll($0, to: file.descriptor) }
      if code != 0 {
        throw OutputError(path: path, action: "cannot write the file", code: code)
      }
    }
  }

  /// Creates a temporary file in the folder of `path`, lets `contents` write into it in as
  /// many pieces as it likes, and renames the file over `path` once `contents` returns.
  ///
  /// The temporary file is hidden, named after the output and the process id, and removed
  /// again on any failure, including an error thrown by `contents`. Because it sits in the
  /// same folder, `rename(2)` replaces the output in one step, so readers see the old file
  /// or the complete new one. The data is flushed with `fsync(2)` before the rename. Each
  /// piece that `contents` writes goes to the kernel's writeback at once, so the early
  /// pieces reach storage while later ones are being prepared. A
  /// regular file that already exists at `path` is replaced and keeps its permissions.
  /// Anything else there (a folder, a device, a pipe, a symbolic link) is left alone and
  /// reported, because renaming over it would replace the node itself.
  ///
  /// NOTE: A process killed by a signal while it writes leaves the temporary file behind.
  ///
  /// - Throws: `OutputError` when the file cannot be created, written or renamed, or the
  ///   error `contents` throws.
  static func write(
    to path: String, contents: (TemporaryFile) throws(OutputError) -> Void
  ) throws(OutputError) {
    let existingMode = try checkTarget(path)
    let temporaryPath = temporaryPath(for: path)
    let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
    guard descriptor >= 0 else {
      throw OutputError(path: path, action: "cannot create the file", code: errno)
    }
    if let existingMode {
      fchmod(descriptor, existingMode)
    }
    var isClosed = false
    var isRenamed = false
    defer {
      if !isClosed {
        close(descriptor)
      }
      if !isRenamed {
        unlink(temporaryPath)
      }
    }

    try contents(TemporaryFile(path: path, descriptor: descriptor))
    let syncCode = fsync(descriptor) != 0 ? errno : 0
    let closeCode = close(descriptor) != 0 ? errno : 0
    isClosed = true
    if let code = [syncCode, closeCode].first(where: { $0 != 0 }) {
      throw OutputError(path: path, action: "cannot write the file", code: code)
    }
    guard rename(temporaryPath, path) == 0 else {
      throw OutputError(path: path, action: "cannot move the new file into place", code: errno)
    }
    isRenamed = true
  }

  /// The open temporary file that `write(to:contents:)` renames into place.
  struct TemporaryFile {
    /// The output path as the user gave it, for messages.
    let path: String
    fileprivate let descriptor: Int32

    /// Appends `bytes` to the file and starts writing them to storage without waiting.
    ///
    /// - Throws: `OutputError` naming the output path when `write(2)` fails, for example
    ///   on a full disk.
    func write(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
      let code = AtomicFile.writeAll(bytes, to: descriptor)
      if code != 0 {
        throw OutputError(path: path, action: "cannot write the file", code: code)
      }
      // The result is ignored because a failed writeback also fails `fsync(2)`, which is checked.
      _ = blast_start_writeback(descriptor)
    }
  }

  /// Checks, before any input is read, that `path` may be written: its folder exists and is
  /// writable, and an existing file there is none of the `inputs`. A long import then fails
  /// before it starts rather than after.
  ///
  /// - Throws: `OutputError` naming the problem.
  static func checkDestination(_ path: String, notReplacing inputs: [String])
    throws(OutputError)
  {
    try checkFolder(of: path)
    try checkNotInput(path, inputs: inputs)
  }

  /// Checks that the folder `path` would be written into exists and is writable.
  ///
  /// - Throws: `OutputError` naming the folder's problem.
  private static func checkFolder(of path: String) throws(OutputError) {
    _ = try checkTarget(path)
    let folder = folder(of: path)
    var status = stat()
    guard stat(folder, &status) == 0 else {
      throw OutputError(path: path, action: "cannot use the folder \"\(folder)\"", code: errno)
    }
    guard status.st_mode & S_IFMT == S_IFDIR else {
      throw OutputError(
        path: path, action: "cannot use the folder \"\(folder)\"", code: ENOTDIR)
    }
    guard access(folder, W_OK) == 0 else {
      throw OutputError(path: path, action: "cannot write to \"\(folder)\"", code: errno)
    }
  }

  /// Checks that an existing file at `path` is not one of the `inputs` and is not inside an
  /// input folder, so that writing a result cannot replace a file it was read from.
  ///
  /// - Throws: `OutputError` naming the input.
  private static func checkNotInput(_ path: String, inputs: [String]) throws(OutputError) {
    var output = stat()
    guard stat(path, &output) == 0 else {
      return
    }
    let outputPath = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    for input in inputs {
      var status = stat()
      guard stat(input, &status) == 0 else {
        continue
      }
      if status.st_mode & S_IFMT == S_IFDIR {
        let folder = URL(fileURLWithPath: input).resolvingSymlinksInPath().path
        guard outputPath.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/") else {
          continue
        }
        throw OutputError(
          path: path,
          problem: "the output file is in the input folder \"\(input)\", whose files are "
            + "read as inputs",
          remedy: "write the result outside the input folders")
      }
      if status.st_dev == output.st_dev && status.st_ino == output.st_ino {
        throw OutputError(
          path: path, problem: "the output file is the input \"\(input)\"",
          remedy: "choose another output file, so that the input is kept")
      }
    }
  }

  /// Checks that `path` names a file that may be created or replaced.
  ///
  /// - Returns: The permission bits of the regular file already at `path`, if there is one.
  /// - Throws: `OutputError` for an empty path, a path that ends in a folder, or an existing
  ///   node that is not a regular file.
  private static func checkTarget(_ path: String) throws(OutputError) -> mode_t? {
    let name = lastComponent(of: path)
    guard !path.isEmpty, !path.hasSuffix("/"), name != ".", name != ".." else {
      throw OutputError(
        path: path, problem: "not a file name", remedy: "name a file, such as out/result.json")
    }
    var status = stat()
    guard lstat(path, &status) == 0 else {
      return nil
    }
    switch status.st_mode & S_IFMT {
    case S_IFREG:
      return status.st_mode & 0o7777
    case S_IFDIR:
      throw OutputError(path: path, problem: "is a folder", remedy: "name a file, not a folder")
    case S_IFLNK:
      throw OutputError(
        path: path, problem: "is a symbolic link",
        remedy: "name the file it points to, or remove the link")
    default:
      throw OutputError(
        path: path, problem: "is not a regular file (a device, pipe or socket)",
        remedy: "name a regular file")
    }
  }

  /// Returns the folder part of `path`: everything before the last `/`, or `.` when there is
  /// none.
  private static func folder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    let folder = String(path[..<slash])
    return folder.isEmpty ? "/" : folder
  }

  private static func lastComponent(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return path }
    return String(path[path.index(after: slash)...])
  }

  private static func temporaryPath(for path: String) -> String {
    let name = lastComponent(of: path)
    let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 16)
    let folder = folder(of: path)
    let separator = folder.hasSuffix("/") ? "" : "/"
    return "\(folder)\(separator).\(name).\(getpid()).\(suffix).tmp"
  }

  /// Writes every byte, retrying after interruptions and short writes.
  ///
  /// - Returns: 0 on success, or the `errno` of the failed `write(2)`.
  fileprivate static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32 {
    var offset = 0
    while offset < bytes.count {
      let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        return errno
      }
      offset += written
    }
    return 0
  }
}
