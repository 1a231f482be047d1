import Foundation
import XCTest

/// Outputs that must never replace what the user did not name, nor crash on a closed stream.
final class OutputSafetyTests: BlastTestCase {
  func testOutputNamesThatAreNotFilesAreRejected() throws {
    for name in ["", ".", "./", "sub/"] {
      let result = try blast("radius", "alice", "estate.json", "-o", name)
      XCTAssertEqual(result.status, 73, "-o \"\(name)\"")
      XCTAssertEqual(
        result.standardError,
        "blast: error: \(name): not a file name; name a file, such as out/result.json\n")
    }
    XCTAssertEqual(try folderContents(), ["estate.json"])
  }

  func testSymbolicLinkIsNotReplaced() throws {
    try FileManager.default.createSymbolicLink(
      atPath: folder.appendingPathComponent("link").path, withDestinationPath: "estate.json")
    let result = try blast("radius", "alice", "estate.json", "-o", "link")

    XCTAssertEqual(result.status, 73)
    XCTAssertEqual(
      result.standardError,
      "blast: error: link: is a symbolic link; name the file it points to, or remove the link\n")
    let kind = try FileManager.default.attributesOfItem(
      atPath: folder.appendingPathComponent("link").path)[.type] as? FileAttributeType
    XCTAssertEqual(kind, .typeSymbolicLink)
  }

  func testDeviceIsNotReplaced() throws {
    let result = try blast("radius", "alice", "estate.json", "-o", "/dev/null")

    XCTAssertEqual(result.status, 73)
    XCTAssertEqual(
      result.standardError,
      "blast: error: /dev/null: is not a regular file (a device, pipe or socket); name a "
        + "regular file\n")
  }

  func testInputIsNotReplaced() throws {
    let before = try Data(contentsOf: folder.appendingPathComponent("estate.json"))
    for command in [["import", "estate.json"], ["radius", "alice", "estate.json"]] {
      let result = try blast(command + ["-o", "estate.json"])

      XCTAssertEqual(result.status, 73, "\(command)")
      XCTAssertEqual(
        result.standardError,
        "blast: error: estate.json: the output file is the input \"estate.json\"; choose "
          + "another output file, so that the input is kept\n")
    }
    XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent("estate.json")), before)
  }

  func testFileInInputFolderIsNotReplaced() throws {
    let inputs = folder.appendingPathComponent("inputs")
    try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
    try FileManager.default.moveItem(
      at: folder.appendingPathComponent("estate.json"),
      to: inputs.appendingPathComponent("estate.json"))
    assertResult(
      try blast("import", "inputs", "-o", "inputs/joined.json"), status: 0, output: "",
      error: "")

    assertResult(
      try blast("import", "inputs", "-o", "inputs/joined.json"), status: 73, output: "",
      error: "blast: error: inputs/joined.json: the output file is in the input folder "
        + "\"inputs\", whose files are read as inputs; write the result outside the input "
        + "folders\n")
    XCTAssertEqual(try folderContents("inputs"), ["estate.json", "joined.json"])
  }

  func testReplacedFileKeepsItsPermissions() throws {
    let path = folder.appendingPathComponent("private.json").path
    XCTAssertTrue(
      FileManager.default.createFile(
        atPath: path, contents: Data(), attributes: [.posixPermissions: 0o600]))
    assertResult(
      try blast("radius", "alice", "estate.json", "--json", "-o", "private.json"), status: 0,
      output: "", error: "")

    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]
    XCTAssertEqual((mode as? NSNumber)?.intValue, 0o600)
  }

  func testReportNeverReplacesWorkingFolderOrEmptyName() throws {
    for name in ["", ".", "..", "/"] {
      let result = try blast("report", "estate.json", "-o", name)
      XCTAssertEqual(result.status, 73, "-o \"\(name)\"")
      XCTAssertTrue(
        result.standardError.contains("does not name a new folder"), result.standardError)
    }
    let parent = try blast("report", "estate.json", "-o", folder.deletingLastPathComponent().path)
    XCTAssertEqual(parent.status, 73)
    XCTAssertTrue(parent.standardError.contains("contains the working folder"))
    XCTAssertEqual(try folderContents(), ["estate.json"])
  }

  func testReportNeverReplacesFolderHoldingItsInputs() throws {
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("project/inputs"), withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: folder.appendingPathComponent("estate.json"),
      to: folder.appendingPathComponent("project/inputs/estate.json"))
    try write("", to: "project/.blast-report")
    let result = try blast("report", "project/inputs", "-o", "project")

    XCTAssertEqual(result.status, 73)
    XCTAssertEqual(
      result.standardError,
      "blast: error: project: not replacing it because it contains the report's inputs; give "
        + "a new or empty folder, or an earlier report folder\n")
    XCTAssertEqual(try folderContents("project"), [".blast-report", "inputs"])
  }

  func testReportThroughSymbolicLinkReplacesFolderTheSystemResolves() throws {
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("real/inner"), withIntermediateDirectories: true)
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("keep"), withIntermediateDirectories: false)
    try write("data", to: "keep/important.txt")
    try FileManager.default.createSymbolicLink(
      atPath: folder.appendingPathComponent("link").path, withDestinationPath: "real/inner")
    assertResult(
      try blast("report", "estate.json", "-o", "link/../keep"), status: 0, output: "", error: "")

    XCTAssertEqual(try folderContents("keep"), ["important.txt"])
    XCTAssertTrue(try folderContents("real/keep").contains("README.md"))
  }

  func testClosedStandardOutputExitsWithIOError() throws {
    let result = try BlastProcess.runWithStandardOutput(
      toPath: "/dev/full", arguments: ["radius", "alice", "estate.json"], in: folder)

    XCTAssertEqual(result.status, 74)
    XCTAssertEqual(
      result.standardError,
      "blast: error: cannot write the result to standard output (No space left on device); "
        + "check the disk or the command that reads the output\n")
  }

  func testControlCharactersInNamesAreEscapedInText() throws {
    let inventory = #"""
      {"inventory": {"name": "x", "version": 1},
       "people": [{"id": "a", "name": "evil\u001b[31mred\u0007"}],
       "privileges": [{"id": "adm"}], "grants": [{"from": "a", "access": "adm"}]}
      """#
    try write(inventory, to: "escape.json")
    let result = try blast("radius", "a", "escape.json")

    XCTAssertEqual(result.status, 0)
    XCTAssertTrue(
      result.standardOutput.hasPrefix("Blast radius of evil\\u{1B}[31mred\\u{7} (human,"),
      result.standardOutput)
    XCTAssertFalse(result.standardOutput.unicodeScalars.contains("\u{1B}"))
  }

  func testControlCharactersInErrorsStayOnOneLine() throws {
    try write(
      #"{"inventory": {"name": "x", "version": 1}, "people": [{"id": "a\nb\u001b"}]}"#,
      to: "bad.json")
    let result = try blast("import", "bad.json")

    XCTAssertEqual(result.status, 65)
    XCTAssertEqual(result.standardError.filter { $0 == "\n" }.count, 1, result.standardError)
    XCTAssertTrue(result.standardError.contains(#""a\nb\u{1B}""#), result.standardError)
  }
}
