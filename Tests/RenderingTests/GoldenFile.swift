import Foundation
import XCTest

/// Comparison of output with files under `Golden/`, next to this source file.
///
/// Run the tests with `BLAST_UPDATE_GOLDEN=1` in the environment to write the current
/// output as the new golden files instead of comparing. Review the diff before committing
/// it.
enum GoldenFile {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Golden")

  static var isUpdating: Bool {
    ProcessInfo.processInfo.environment["BLAST_UPDATE_GOLDEN"] == "1"
  }

  static func assertMatches(
    _ actual: String, name: String, file: StaticString = #filePath, line: UInt = #line
  ) throws {
    let url = folder.appendingPathComponent(name)
    if isUpdating {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try actual.write(to: url, atomically: true, encoding: .utf8)
      return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      XCTFail(
        "Golden/\(name) is missing; run with BLAST_UPDATE_GOLDEN=1 to create it",
        file: file, line: line)
      return
    }
    if actual != expected {
      let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
      let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
      let common = min(actualLines.count, expectedLines.count)
      let index = (0..<common).first { actualLines[$0] != expectedLines[$0] } ?? common
      let got = index < actualLines.count ? String(actualLines[index]) : "<end of output>"
      let wanted = index < expectedLines.count ? String(expectedLines[index]) : "<end of file>"
      XCTFail(
        "output differs from Golden/\(name) at line \(index + 1):\n  got:      \(got)\n"
          + "  expected: \(wanted)\nrun with BLAST_UPDATE_GOLDEN=1 to accept the new output",
        file: file, line: line)
    }
  }
}
