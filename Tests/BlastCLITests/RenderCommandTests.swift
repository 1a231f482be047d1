import Foundation
import XCTest

/// `blast render`: one diagram, laid out in-process, in the format asked for.
final class RenderCommandTests: BlastTestCase {
  func testPathsDiagramAsDOTHighlightsNumberedHops() throws {
    let result = try blast(
      "render", "paths", "estate.json", "--from", "alice", "--to", "admin", "--format", "dot")

    XCTAssertEqual(result.status, 0)
    XCTAssertEqual(result.standardError, "")
    XCTAssertTrue(result.standardOutput.hasPrefix("digraph "))
    XCTAssertTrue(result.standardOutput.contains("1. memberOf"))
    XCTAssertTrue(result.standardOutput.contains("3. access"))
  }

  func testFormatFollowsOutputExtension() throws {
    let magic: [(String, [UInt8])] = [
      ("out.svg", Array("<?xml".utf8)), ("out.png", [0x89, 0x50, 0x4E, 0x47]),
      ("out.pdf", Array("%PDF".utf8)),
    ]
    for (name, prefix) in magic {
      assertResult(
        try blast("render", "radius", "alice", "estate.json", "-o", name), status: 0,
        output: "", error: "")
      let data = try Data(contentsOf: folder.appendingPathComponent(name))
      XCTAssertEqual(Array(data.prefix(prefix.count)), prefix, name)
    }
    XCTAssertEqual(
      try folderContents(), ["estate.json", "out.pdf", "out.png", "out.svg"])
  }

  func testEstateDiagramRendersSVGToStandardOutput() throws {
    let result = try blast("render", "estate", "estate.json")

    XCTAssertEqual(result.status, 0)
    XCTAssertTrue(result.standardOutput.contains("<svg"))
    XCTAssertEqual(result.standardError, "")
  }

  func testUnknownDiagramIsUsageError() throws {
    let result = try blast("render", "graph", "estate.json")

    XCTAssertEqual(result.status, 64)
    XCTAssertTrue(
      result.standardError.hasPrefix("blast: error: "), result.standardError)
    XCTAssertTrue(result.standardError.contains("\"graph\""), result.standardError)
  }

  func testPathsDiagramNeedsFrom() throws {
    let result = try blast("render", "paths", "estate.json", "--to", "admin")

    XCTAssertEqual(result.status, 64)
    XCTAssertTrue(result.standardError.contains("--from"), result.standardError)
  }

  func testUnknownFormatIsUsageError() throws {
    let result = try blast("render", "estate", "estate.json", "--format", "gif")

    XCTAssertEqual(result.status, 64)
    XCTAssertTrue(result.standardError.contains("\"gif\""), result.standardError)
    XCTAssertEqual(try folderContents(), ["estate.json"])
  }

  func testUnknownOutputExtensionIsUsageError() throws {
    let result = try blast("render", "estate", "estate.json", "-o", "picture.jpg")

    XCTAssertEqual(result.status, 64)
    XCTAssertTrue(
      result.standardError.hasPrefix(
        "blast: error: invalid value \"picture.jpg\" for \"--output\"; give a file ending in "
          + ".dot, .svg, .png or .pdf, or --format to choose one\n"), result.standardError)
    XCTAssertEqual(try folderContents(), ["estate.json"])
  }

  func testFormatOptionOverridesExtension() throws {
    assertResult(
      try blast("render", "estate", "estate.json", "-o", "picture.jpg", "--format", "png"),
      status: 0, output: "", error: "")
    let data = try Data(contentsOf: folder.appendingPathComponent("picture.jpg"))
    XCTAssertEqual(Array(data.prefix(4)), [0x89, 0x50, 0x4E, 0x47])
  }

  func testForgottenDiagramNameIsNamed() throws {
    let result = try blast("render", "estate.json", "-o", "out.svg")

    XCTAssertEqual(result.status, 64)
    XCTAssertTrue(
      result.standardError.hasPrefix(
        "blast: error: invalid value \"estate.json\" for \"DIAGRAM\"; give radius, paths, "
          + "estate, cut or chokepoints\n"), result.standardError)
  }

  func testRadiusWithoutIdentitySaysWhatIsMissing() throws {
    let result = try blast("render", "radius", "estate.json")

    XCTAssertEqual(result.status, 64)
    XCTAssertTrue(
      result.standardError.hasPrefix(
        "blast: error: render radius needs an identity and then inputs, but only "
          + "\"estate.json\" was given; write blast render radius IDENTITY INPUT...\n"),
      result.standardError)
  }

  func testCutWithUnrevocablePathWritesNoDiagram() throws {
    assertResult(
      try blast(
        "render", "cut", "estate.json", "--from", "prod-admin", "--to", "admin", "--cost",
        "access=never", "-o", "cut.svg"),
      status: 1,
      output: """
        No revocation plan: prod-admin reaches admin through edges that cannot be revoked:
          prod-admin -[access: *]-> account admin
            via AdministratorAccess (exports/aws-444455556666.json:RoleDetailList[0].AttachedManagedPolicies[0])

        """,
      error: "blast: error: no revocation separates \"prod-admin\" from admin, because it "
        + "reaches it through edges that cannot be revoked; see the path above, or give those "
        + "relations a cost with --cost RELATION=N\n")
    XCTAssertEqual(try folderContents(), ["estate.json"])
  }

  func testCutFromTargetWritesNoDiagram() throws {
    assertResult(
      try blast(
        "render", "cut", "estate.json", "--from", "prod-admin", "--to", "prod-admin", "--format",
        "dot"),
      status: 1, output: "No revocation plan: prod-admin is the target itself.\n",
      error: "blast: error: no revocation separates \"prod-admin\" from prod-admin, because it "
        + "is a target node itself; give a --from that is not one of the targets\n")
  }
}
