import Foundation
import XCTest

/// `blast` on BloodHound OpenGraph files: the published DataHound output read in place from
/// `shared/real-inputs/opengraph`, an invalid document, and a graph whose names carry
/// quotes, line breaks, HTML and a very long id.
final class OpenGraphCommandTests: BlastTestCase {
  static let dataHound = BlastTestCase.fixtures
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
    .appendingPathComponent("shared/real-inputs/opengraph/toneillcodes__DataHound__sample-bhce-output.json")
    .path

  static let eveName = "Eve \"=cmd|' /C calc'!A0\" <script>alert(1)</script>\nFAKE LINE"
  static let serverID = "srv-\"<b>\n## Heading" + String(repeating: "x", count: 3_000)

  /// Writes `hostile.json`: eve has a session on a server, which is an admin of the domain.
  private func writeHostileGraph() throws {
    let graph: [String: Any] = [
      "graph": [
        "nodes": [
          ["id": "eve", "kinds": ["User"], "properties": ["name": Self.eveName]],
          [
            "id": Self.serverID, "kinds": ["Computer"],
            "properties": ["name": "web\r\n[link](javascript:alert(1))"],
          ],
          ["id": "corp", "kinds": ["Domain"], "properties": ["displayname": "<i>corp</i>"]],
        ],
        "edges": [
          ["kind": "HasSession", "start": ["value": Self.serverID], "end": ["value": "eve"]],
          ["kind": "CanRDP", "start": ["value": "eve"], "end": ["value": Self.serverID]],
          ["kind": "GenericAll", "start": ["value": Self.serverID], "end": ["value": "corp"]],
        ],
      ]
    ]
    try JSONSerialization.data(withJSONObject: graph).write(
      to: folder.appendingPathComponent("hostile.json"))
  }

  func testImportOfDataHoundOutputCounts() throws {
    let result = try blast("import", Self.dataHound)

    XCTAssertEqual(result.status, 0, result.standardError)
    XCTAssertEqual(
      result.standardOutput,
      """
      Estate of 38 nodes and 66 edges from 1 input

      Nodes by kind
        human            5
        serviceIdentity  5
        resource         27
        scope            1

      Nodes by platform
        on-premises  38

      Edges by relation
        memberOf  5
        access    61

      """)
    XCTAssertEqual(result.standardError.components(separatedBy: "\n").count - 1, 27)
  }

  func testInvalidDocumentExitsWith65() throws {
    try write(#"{"graph": {"nodes": [{"id": "a", "kinds": "User"}]}}"#, to: "bad.json")

    assertResult(
      try blast("import", "bad.json", "-o", "out.json"), status: 65, output: "",
      error: "blast: error: bad.json:graph.nodes[0].kinds: expected an array, found a string; "
        + "write it as a JSON array\n")
    XCTAssertEqual(try folderContents(), ["bad.json", "estate.json"])
  }

  func testPathsNameTheEdgeKindAndJSONPath() throws {
    try writeHostileGraph()
    let result = try blast("paths", "hostile.json", "--from", "eve", "--to", "corp")

    XCTAssertEqual(result.status, 0, result.standardError)
    XCTAssertTrue(
      result.standardOutput.contains(
        "-[controls: CanRDP]-> web\\r\\n[link](javascript:alert(1))\n"),
      result.standardOutput)
    XCTAssertTrue(
      result.standardOutput.contains(
        "via OpenGraph edge GenericAll from \"srv-\"<b>\\n## Heading"), result.standardOutput)
    XCTAssertTrue(result.standardOutput.contains("(hostile.json:graph.edges[2])"))
    for injected in ["FAKE LINE", "## Heading", "[link]"] {
      XCTAssertFalse(
        result.standardOutput.components(separatedBy: "\n").contains { $0.hasPrefix(injected) },
        injected)
    }
    XCTAssertFalse(result.standardOutput.contains("\r"))
  }

  func testPathsJSONKeepsHostileNamesIntact() throws {
    try writeHostileGraph()
    let result = try blast("paths", "hostile.json", "--from", "eve", "--to", "corp", "--json")

    XCTAssertEqual(result.status, 0, result.standardError)
    let document = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    let paths = try XCTUnwrap(document["paths"] as? [[String: Any]])
    XCTAssertEqual(paths.count, 1)
    let hops = try XCTUnwrap(paths[0]["hops"] as? [[String: Any]])
    XCTAssertEqual(hops.count, 2)
    XCTAssertEqual(hops[0]["to"] as? String, Self.serverID)
    let nodes = try XCTUnwrap(document["nodes"] as? [String: Any])
    let eve = try XCTUnwrap(nodes["eve"] as? [String: Any])
    XCTAssertEqual(eve["name"] as? String, Self.eveName)
    let via = try XCTUnwrap(hops[1]["via"] as? [String: Any])
    XCTAssertEqual(via["location"] as? String, "graph.edges[2]")
  }

  func testRenderedDOTQuotesHostileNames() throws {
    try writeHostileGraph()
    let result = try blast(
      "render", "paths", "hostile.json", "--from", "eve", "--to", "corp", "--format", "dot",
      "-o", "path.dot")

    XCTAssertEqual(result.status, 0, result.standardError)
    let dot = try String(contentsOf: folder.appendingPathComponent("path.dot"), encoding: .utf8)
    for injected in ["FAKE LINE", "## Heading", "[link]"] {
      XCTAssertFalse(
        dot.components(separatedBy: "\n").contains { $0.hasPrefix(injected) }, injected)
    }
    XCTAssertTrue(dot.contains(#"<script>alert(1)</script>\nFAKE LINE"#), dot)
  }
}
