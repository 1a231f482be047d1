import Foundation
import XCTest

/// What one run of `blast` wrote and how it exited.
struct BlastResult: Equatable, CustomStringConvertible {
  var status: Int32
  var standardOutput: String
  var standardError: String

  var description: String {
    "status \(status)\n--- stdout\n\(standardOutput)--- stderr\n\(standardError)---"
  }
}

/// Runs the built `blast` executable as a subprocess.
enum BlastProcess {
  /// The `blast` executable next to the test bundle, or in `.build/debug` of this package.
  ///
  /// `swift build --scratch-path` moves the build products, so the folder holding the test
  /// bundle is checked first; the package's default `.build/debug` is the fallback.
  static let executable: URL? = {
    let fileManager = FileManager.default
    // On Linux the test bundle's URL is the products folder itself; on macOS it is the
    // `.xctest` bundle inside that folder.
    let bundle = Bundle(for: BlastTestCase.self).bundleURL
    var folders = [bundle, bundle.deletingLastPathComponent(), Bundle.main.bundleURL]
    if let executable = Bundle.main.executableURL {
      folders.append(executable.deletingLastPathComponent())
    }
    let packageRoot = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    folders.append(packageRoot.appendingPathComponent(".build/debug"))
    return folders.map { $0.appendingPathComponent("blast") }
      .first { fileManager.isExecutableFile(atPath: $0.path) }
  }()

  /// Runs `blast`, or another `executable` that starts it, with `arguments` in `folder`,
  /// with standard input empty, and waits.
  ///
  /// Output is captured through files in `captureFolder` rather than pipes, so a large
  /// output cannot fill a pipe and stall the child.
  static func run(
    _ arguments: [String], in folder: URL, captureFolder: URL, executable: URL? = executable
  ) throws -> BlastResult {
    guard let executable else {
      throw MissingExecutableError()
    }
    let outputFile = captureFolder.appendingPathComponent("stdout-\(UUID().uuidString)")
    let errorFile = captureFolder.appendingPathComponent("stderr-\(UUID().uuidString)")
    try Data().write(to: outputFile)
    try Data().write(to: errorFile)
    let outputHandle = try FileHandle(forWritingTo: outputFile)
    let errorHandle = try FileHandle(forWritingTo: errorFile)
    defer {
      try? outputHandle.close()
      try? errorHandle.close()
    }

    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = folder
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = outputHandle
    process.standardError = errorHandle
    try process.run()
    process.waitUntilExit()

    return BlastResult(
      status: process.terminationStatus,
      standardOutput: try String(contentsOf: outputFile, encoding: .utf8),
      standardError: try String(contentsOf: errorFile, encoding: .utf8))
  }
}

extension BlastProcess {
  /// Runs `blast` with its standard output sent to the file at `path`, such as `/dev/full`,
  /// and returns what it wrote to standard error; `standardOutput` is empty.
  static func runWithStandardOutput(
    toPath path: String, arguments: [String], in folder: URL
  ) throws -> BlastResult {
    guard let executable else {
      throw MissingExecutableError()
    }
    guard let outputHandle = FileHandle(forWritingAtPath: path) else {
      throw CocoaError(.fileWriteUnknown)
    }
    let errorPipe = Pipe()
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = folder
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = outputHandle
    process.standardError = errorPipe
    try process.run()
    let errorData = errorPipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try? outputHandle.close()
    return BlastResult(
      status: process.terminationStatus, standardOutput: "",
      standardError: String(decoding: errorData, as: UTF8.self))
  }
}

/// The tests found no `blast` executable to run.
struct MissingExecutableError: Error, CustomStringConvertible {
  var description: String {
    "no built blast executable next to the test bundle or in .build/debug; run `swift build`"
  }
}

extension BlastProcess {
  /// Runs `blast` through `/bin/sh` with the file size limit (`ulimit -f`) set to `blocks`
  /// and `SIGXFSZ` ignored, so that a write past the limit fails with `EFBIG` as on a full
  /// disk.
  static func runWithFileSizeLimit(
    blocks: Int, arguments: [String], in folder: URL, captureFolder: URL
  ) throws -> BlastResult {
    guard let executable else {
      throw MissingExecutableError()
    }
    let script = "ulimit -f \(blocks) && trap '' XFSZ && exec \"$0\" \"$@\""
    return try run(
      ["-c", script, executable.path] + arguments, in: folder, captureFolder: captureFolder,
      executable: URL(fileURLWithPath: "/bin/sh"))
  }
}
