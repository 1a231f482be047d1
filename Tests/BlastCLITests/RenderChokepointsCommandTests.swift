import Foundation
import XCTest

/// `blast render chokepoints`: the edges that the most shortest attack paths pass through,
/// drawn with the paths. On the small estate, with the holders alice, ops and prod-admin
/// kept, deployer → prod-admin scores 3, ci:builder → deployer 2 and ci-runner-01 →
/// ci:builder 1.
final class RenderChokepointsCommandTests: BlastTestCase {
  static let usageNotes =
    "blast: note: usage: blast render DIAGRAM [INPUT...] [--format FORMAT] [--from ID] "
    + "[--to TARGET] [-k N] [--top N] [--include-holders] [--depth N] [--cost RELATION=N] "
    + "[-o FILE]\nblast: note: run `blast render --help` for every option\n"

  private func chokepointLabels(_ dot: String) -> [String] {
    dot.split(separator: "\n").filter { $0.contains("label=\"[chokepoint ") }.map {
      String($0.split(separator: "label=\"")[1].split(separator: "\"")[0])
    }
  }

  func testDOTLabelsRankedEdges() throws {
    let result = try blast("render", "chokepoints", "estate.json", "--format", "dot")

    XCTAssertEqual(result.status, 0)
    XCTAssertEqual(result.standardError, "")
    XCTAssertEqual(
      chokepointLabels(result.standardOutput),
      [
        "[chokepoint 1 · 3] 1, 2, 3. assumes [sts:AssumeRole]",
        "[chokepoint 2 · 2] 1, 2. federates [sts:AssumeRoleWithWebIdentity]",
        "[chokepoint 3 · 1] 1. runsAs",
      ])
    XCTAssertTrue(
      result.standardOutput.contains(
        "label=\"The top 3 chokepoints on the shortest attack paths to admin, with 3 paths "
          + "through them\""))
  }

  func testTopLimitsRankedEdges() throws {
    let result = try blast(
      "render", "chokepoints", "estate.json", "--top", "1", "-o", "top.dot")
    let dot = try String(contentsOf: folder.appendingPathComponent("top.dot"), encoding: .utf8)

    assertResult(result, status: 0, output: "", error: "")
    XCTAssertEqual(
      chokepointLabels(dot), ["[chokepoint 1 · 3] 1, 2, 3. assumes [sts:AssumeRole]"])
    XCTAssertEqual(try folderContents(), ["estate.json", "top.dot"])
  }

  func testIncludeHoldersScoresHolderGrants() throws {
    let result = try blast(
      "render", "chokepoints", "estate.json", "--include-holders", "--top", "1", "--format",
      "dot")

    XCTAssertEqual(result.status, 0, result.standardError)
    XCTAssertEqual(
      chokepointLabels(result.standardOutput), ["[chokepoint 1 · 5] 1, 2, 3. access [*]"])
  }

  func testPNGOutputIsWritten() throws {
    assertResult(
      try blast("render", "chokepoints", "estate.json", "-o", "chokepoints.png"), status: 0,
      output: "", error: "")
    let data = try Data(contentsOf: folder.appendingPathComponent("chokepoints.png"))

    XCTAssertEqual(Array(data.prefix(4)), [0x89, 0x50, 0x4E, 0x47])
  }

  func testUnreachedTargetGivesEmptyDiagram() throws {
    let result = try blast(
      "render", "chokepoints", "estate.json", "--to", "alice", "--format", "dot")

    XCTAssertEqual(result.status, 0, result.standardError)
    XCTAssertTrue(
      result.standardOutput.contains(
        "label=\"No chokepoints: no attack path to alice uses a grant that can be revoked\""))
    XCTAssertFalse(result.standardOutput.contains(" -> "))
  }

  func testTopBelowOneIsUsageError() throws {
    assertResult(
      try blast("render", "chokepoints", "estate.json", "--top", "0", "-o", "c.svg"),
      status: 64, output: "",
      error: "blast: error: invalid value \"0\" for \"--top\"; give a number of at least 1\n"
        + Self.usageNotes)
    XCTAssertEqual(try folderContents(), ["estate.json"])
  }

  func testTopWithOtherDiagramIsUsageError() throws {
    assertResult(
      try blast(
        "render", "paths", "estate.json", "--from", "alice", "--to", "admin", "--top", "2"),
      status: 64, output: "",
      error: "blast: error: --top applies only to render chokepoints; leave out --top\n"
        + Self.usageNotes)
  }

  func testFromWithIncludeHoldersIsUsageError() throws {
    assertResult(
      try blast(
        "render", "chokepoints", "estate.json", "--from", "alice", "--include-holders"),
      status: 64, output: "",
      error: "blast: error: \"--include-holders\" has no effect with \"--from\", because a "
        + "plan from given identities keeps no holders; drop --include-holders, or drop --from "
        + "to plan for every identity\n" + Self.usageNotes)
  }

  func testFromScoresOnlyThatSource() throws {
    let result = try blast(
      "render", "chokepoints", "estate.json", "--from", "ci-runner-01", "--format", "dot")

    XCTAssertEqual(result.status, 0)
    XCTAssertEqual(result.standardError, "")
    XCTAssertEqual(
      chokepointLabels(result.standardOutput),
      [
        "[chokepoint 1 · 1] 3. assumes [sts:AssumeRole]",
        "[chokepoint 2 · 1] 4. access [*]",
        "[chokepoint 3 · 1] 2. federates [sts:AssumeRoleWithWebIdentity]",
        "[chokepoint 4 · 1] 1. runsAs",
      ])
  }

  func testUnknownTargetWritesNothing() throws {
    assertResult(
      try blast("render", "chokepoints", "estate.json", "--to", "mallory", "-o", "c.svg"),
      status: 65, output: "",
      error: "blast: error: --to: \"mallory\" matches no node; give a node id or display "
        + "name from the estate (`blast import --nodes` lists them)\n")
    XCTAssertEqual(try folderContents(), ["estate.json"])
  }

  func testMissingInputIsStatus66() throws {
    assertResult(
      try blast("render", "chokepoints", "missing.json", "-o", "c.svg"), status: 66,
      output: "", error: "blast: error: missing.json: no such file or folder; check the path\n")
    XCTAssertEqual(try folderContents(), ["estate.json"])
  }

  func testMissingOutputFolderIsStatus73() throws {
    assertResult(
      try blast("render", "chokepoints", "estate.json", "-o", "nodir/c.svg"), status: 73,
      output: "",
      error: "blast: error: nodir/c.svg: cannot use the folder \"nodir\" (No such file or "
        + "directory); create the folder first or choose another path\n")
    XCTAssertEqual(try folderContents(), ["estate.json"])
  }
}
