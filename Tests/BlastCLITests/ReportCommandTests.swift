import Foundation
import XCTest

/// `blast report`: the report folder with its summary and diagrams.
final class ReportCommandTests: BlastTestCase {
  func testReportWritesSummaryAndDiagrams() throws {
    assertResult(
      try blast("report", "estate.json", "-o", "report"), status: 0, output: "", error: "")

    let files = try folderContents("report")
    XCTAssertEqual(files.filter { !$0.hasPrefix(".") }, ["README.md", "estate.svg", "paths", "radius"])
    XCTAssertTrue(files.contains(".blast-report"))
    let summary = try String(
      contentsOf: folder.appendingPathComponent("report/README.md"), encoding: .utf8)
    XCTAssertTrue(summary.hasPrefix("# Blast radius report\n"))
    XCTAssertTrue(summary.contains("## Attack paths to admin"))
    XCTAssertTrue(summary.contains("## Attack paths to crown jewels"))
    for path in try folderContents("report/paths") {
      let svg = try String(
        contentsOf: folder.appendingPathComponent("report/paths/\(path)"), encoding: .utf8)
      XCTAssertTrue(svg.contains("<svg"), path)
    }
  }

  /// The small estate's chokepoints to admin are deployer → prod-admin, ci:builder →
  /// deployer and ci-runner-01 → ci:builder, all drawn in one diagram that the section links.
  func testReportDrawsChokepointDiagram() throws {
    assertResult(
      try blast("report", "estate.json", "-o", "report"), status: 0, output: "", error: "")
    let summary = try String(
      contentsOf: folder.appendingPathComponent("report/README.md"), encoding: .utf8)
    let section = summary.components(separatedBy: "## Chokepoints")[1]
      .components(separatedBy: "## Revocation plan")[0]
    let svg = try String(
      contentsOf: folder.appendingPathComponent("report/paths/chokepoints.svg"),
      encoding: .utf8)

    XCTAssertTrue(section.contains("\n![Chokepoints](paths/chokepoints.svg)\n"), section)
    XCTAssertTrue(
      section.contains(
        "\nThe diagram draws the first 3 edges of the table below, labelled with rank and "
          + "score, with shortest attack paths through them.\n"), section)
    XCTAssertTrue(svg.contains("<svg"))
    for label in [
      "[chokepoint 1 · 3] 1, 2, 3. assumes [sts:AssumeRole]",
      "[chokepoint 2 · 2] 1, 2. federates [sts:AssumeRoleWithWebIdentity]",
      "[chokepoint 3 · 1] 1. runsAs",
    ] {
      XCTAssertTrue(svg.contains(">\(label)</text>"), label)
    }
  }

  func testReportKeepsFolderOfOtherFiles() throws {
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("notes"), withIntermediateDirectories: false)
    try write("keep", to: "notes/keep.txt")
    let result = try blast("report", "estate.json", "-o", "notes")

    XCTAssertEqual(result.status, 73)
    XCTAssertEqual(result.standardOutput, "")
    XCTAssertEqual(
      result.standardError,
      "blast: error: notes: not replacing it because it contains other files; give a "
        + "new or empty folder, or an earlier report folder\n")
    XCTAssertEqual(try folderContents("notes"), ["keep.txt"])
    XCTAssertEqual(try folderContents(), ["estate.json", "notes"])
  }

  func testReportOnBrokenInputLeavesNoFolder() throws {
    try write("{\"inventory\": {", to: "broken.json")
    let result = try blast("report", "broken.json", "-o", "report")

    XCTAssertEqual(result.status, 65)
    XCTAssertEqual(try folderContents(), ["broken.json", "estate.json"])
  }
}
