import Foundation
import XCTest

/// A test that runs `blast` in a fresh temporary folder holding a copy of the small estate.
///
/// The small estate (`Fixtures/small-estate.json`, copied as `estate.json`) has twelve
/// nodes over two AWS accounts, a Kubernetes cluster and an on-premises host:
///
/// - alice (human) is a member of the group ops, which reads the bucket build-logs, and
///   can assume the role deployer.
/// - deployer reads and writes the crown-jewel bucket customer-data, and can assume
///   prod-admin in the second account under a condition that was not evaluated.
/// - prod-admin has access to the privilege "account admin".
/// - ci-runner-01 (an on-premises host) runs as the Kubernetes service account ci:builder,
///   which federates into deployer.
/// - Two roles are named reader. The one in the second account reads customer-data. The
///   other is trusted by an account root that no input defines.
class BlastTestCase: XCTestCase {
  /// The working folder of every `blast` run in this test, removed afterwards.
  var folder: URL!
  /// Where the runner captures standard output and standard error, outside `folder`.
  private var captureFolder: URL!

  static let fixtures = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().appendingPathComponent("Fixtures")

  override func setUpWithError() throws {
    let root = FileManager.default.temporaryDirectory
      .appendingPathComponent("blast-cli-tests-\(UUID().uuidString)")
    folder = root.appendingPathComponent("work")
    captureFolder = root.appendingPathComponent("capture")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(at: captureFolder, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: Self.fixtures.appendingPathComponent("small-estate.json"),
      to: folder.appendingPathComponent("estate.json"))
  }

  override func tearDownWithError() throws {
    if let root = folder?.deletingLastPathComponent() {
      try? FileManager.default.removeItem(at: root)
    }
  }

  /// Runs `blast` with `arguments` in `folder`.
  func blast(_ arguments: String...) throws -> BlastResult {
    try BlastProcess.run(arguments, in: folder, captureFolder: captureFolder)
  }

  /// Runs `blast` with the arguments of an array in `folder`.
  func blast(_ arguments: [String]) throws -> BlastResult {
    try BlastProcess.run(arguments, in: folder, captureFolder: captureFolder)
  }

  /// Runs `program` with `arguments` in `folder`, for a tool that starts `blast` in turn,
  /// such as `/usr/bin/env` or `taskset`.
  func run(_ program: String, _ arguments: String...) throws -> BlastResult {
    try BlastProcess.run(
      arguments, in: folder, captureFolder: captureFolder,
      executable: URL(fileURLWithPath: program))
  }

  /// Runs `blast` with `arguments` in `folder`, unable to write files larger than `blocks`
  /// blocks of the shell's `ulimit -f`.
  func blast(fileSizeLimit blocks: Int, _ arguments: String...) throws -> BlastResult {
    try BlastProcess.runWithFileSizeLimit(
      blocks: blocks, arguments: arguments, in: folder, captureFolder: captureFolder)
  }

  /// Writes `text` to `name` in `folder`.
  func write(_ text: String, to name: String) throws {
    try Data(text.utf8).write(to: folder.appendingPathComponent(name))
  }

  /// Returns the names in `folder` or one of its subfolders, sorted, hidden ones included.
  func folderContents(_ subfolder: String = "") throws -> [String] {
    let path = subfolder.isEmpty ? folder.path : folder.appendingPathComponent(subfolder).path
    return try FileManager.default.contentsOfDirectory(atPath: path).sorted()
  }

  /// Checks status, standard output and standard error each on its own, so a failure
  /// names the stream that differs.
  func assertResult(
    _ result: BlastResult, status: Int32, output: String, error: String,
    file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssertEqual(result.status, status, "exit status; \(result)", file: file, line: line)
    XCTAssertEqual(result.standardOutput, output, "standard output", file: file, line: line)
    XCTAssertEqual(result.standardError, error, "standard error", file: file, line: line)
  }
}
