import Foundation
import XCTest

/// `blast cut`, `blast chokepoints`, `blast report`, `blast render cut` and
/// `blast render chokepoints` on an inventory
/// whose names carry quotes, line breaks, HTML, Markdown, spreadsheet formulas and a very
/// long id. eve assumes the service account boss, which holds the privilege through the
/// group admins.
final class CutHostileNameTests: BlastTestCase {
  static let eveName = "Eve \"=cmd|' /C calc'!A0\" <script>alert(1)</script>\nFAKE LINE"
  static let bossName = "=HYPERLINK(\"http://x\")\t<b>boss</b> `tick` | pipe"
  static let groupName = "Admins\r\n## Heading"
  static let privilegeName = "root\n[link](javascript:alert(1))"
  static let bossID = "boss-" + String(repeating: "x", count: 3_000)

  override func setUpWithError() throws {
    try super.setUpWithError()
    let inventory: [String: Any] = [
      "inventory": ["name": "hostile", "version": 1],
      "people": [["id": "eve", "name": Self.eveName, "assumes": Self.bossID]],
      "serviceAccounts": [["id": Self.bossID, "name": Self.bossName, "memberOf": "admins"]],
      "groups": [["id": "admins", "name": Self.groupName]],
      "privileges": [["id": "adm", "name": Self.privilegeName]],
      "grants": [["from": "admins", "access": "adm"]],
    ]
    let data = try JSONSerialization.data(withJSONObject: inventory)
    try data.write(to: folder.appendingPathComponent("hostile.json"))
  }

  /// Asserts that no line of `text` starts with what a hostile name carries after its line
  /// break, so no name split a line.
  private func assertNoInjectedLines(
    _ text: String, file: StaticString = #filePath, line: UInt = #line
  ) {
    for injected in ["FAKE LINE", "## Heading", "[link]"] {
      let lines = text.components(separatedBy: "\n")
      XCTAssertFalse(
        lines.contains { $0.hasPrefix(injected) }, "line starts with \(injected)", file: file,
        line: line)
    }
    XCTAssertFalse(text.contains("\r"), "carriage return", file: file, line: line)
  }

  func testCutTextKeepsNamesOnTheirLines() throws {
    let result = try blast("cut", "hostile.json", "--to", "admin")

    XCTAssertEqual(result.status, 0, result.standardError)
    assertNoInjectedLines(result.standardOutput)
    XCTAssertTrue(
      result.standardOutput.hasPrefix(
        "Revocation plan from Eve \"=cmd|' /C calc'!A0\" <script>alert(1)</script>\\nFAKE "
          + "LINE to admin: revoke 1 grant, total cost 3\n"),
      result.standardOutput)
    XCTAssertTrue(
      result.standardOutput.contains(
        "     Eve \"=cmd|' /C calc'!A0\" <script>alert(1)</script>\\nFAKE LINE -[assumes]-> "
          + "=HYPERLINK(\"http://x\")\\t<b>boss</b> `tick` | pipe\n"))
    XCTAssertTrue(result.standardOutput.contains("\n  Admins\\r\\n## Heading   "))
    XCTAssertTrue(result.standardOutput.contains(Self.bossID))
  }

  func testCutJSONRoundTripsNames() throws {
    let result = try blast("cut", "hostile.json", "--to", "admin", "--json")
    XCTAssertEqual(result.status, 0, result.standardError)
    let document = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    let nodes = try XCTUnwrap(document["nodes"] as? [String: [String: Any]])
    let holders = try XCTUnwrap(document["holders"] as? [[String: Any]])

    XCTAssertEqual(nodes["eve"]?["name"] as? String, Self.eveName)
    XCTAssertEqual(nodes[Self.bossID]?["name"] as? String, Self.bossName)
    XCTAssertEqual(nodes["admins"]?["name"] as? String, Self.groupName)
    XCTAssertEqual(nodes["adm"]?["name"] as? String, Self.privilegeName)
    XCTAssertEqual(holders.map { $0["node"] as? String }, ["admins", Self.bossID])
    XCTAssertEqual(document["cost"] as? Int, 3)
  }

  func testChokepointsTextAndJSONKeepNames() throws {
    let text = try blast("chokepoints", "hostile.json")
    let json = try blast("chokepoints", "hostile.json", "--json")
    XCTAssertEqual(text.status, 0, text.standardError)
    XCTAssertEqual(json.status, 0, json.standardError)
    let document = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
    let nodes = try XCTUnwrap(document["nodes"] as? [String: [String: Any]])

    assertNoInjectedLines(text.standardOutput)
    XCTAssertTrue(
      text.standardOutput.contains(
        "Kept as holders of admin, where a path ends when it acts as one: "
          + "Admins\\r\\n## Heading, =HYPERLINK(\"http://x\")\\t<b>boss</b> `tick` | pipe. "))
    XCTAssertTrue(
      text.standardOutput.hasPrefix(
        "Chokepoints on the shortest attack paths to admin: 1 (source, target) pair from 1 "
          + "identity\n"))
    XCTAssertEqual(document["pairCount"] as? Int, 1)
    XCTAssertEqual(nodes["eve"]?["name"] as? String, Self.eveName)
    XCTAssertEqual(nodes[Self.bossID]?["name"] as? String, Self.bossName)
  }

  func testReportEscapesNamesInMarkdown() throws {
    let result = try blast("report", "hostile.json", "-o", "report")
    XCTAssertEqual(result.status, 0, result.standardError)
    let summary = try String(
      contentsOf: folder.appendingPathComponent("report/README.md"), encoding: .utf8)
    let plan = summary.components(separatedBy: "## Revocation plan")[1]

    assertNoInjectedLines(summary)
    XCTAssertFalse(summary.contains("<script>"))
    XCTAssertFalse(summary.contains("<b>"))
    XCTAssertTrue(plan.contains("&lt;script&gt;"), plan)
    XCTAssertTrue(plan.contains("### Holders of admin kept"))
    XCTAssertTrue(
      FileManager.default.fileExists(
        atPath: folder.appendingPathComponent("report/paths/revocation-plan.svg").path))
  }

  func testRenderCutQuotesNamesInDOT() throws {
    let result = try blast(
      "render", "cut", "hostile.json", "--to", "admin", "--format", "dot", "-o", "cut.dot")
    XCTAssertEqual(result.status, 0, result.standardError)
    let dot = try String(contentsOf: folder.appendingPathComponent("cut.dot"), encoding: .utf8)
    let svg = try blast("render", "cut", "hostile.json", "--to", "admin", "-o", "cut.svg")

    assertNoInjectedLines(dot)
    XCTAssertTrue(dot.contains("tooltip=\"eve\\nEve \\\"=cmd|' /C calc'!A0\\\" <script>"), dot)
    XCTAssertTrue(dot.contains("\\\"http://x\\\""))
    XCTAssertEqual(svg.status, 0, svg.standardError)
  }

  func testRenderChokepointsQuotesNamesInDOT() throws {
    let result = try blast(
      "render", "chokepoints", "hostile.json", "--format", "dot", "-o", "chokepoints.dot")
    XCTAssertEqual(result.status, 0, result.standardError)
    let dot = try String(
      contentsOf: folder.appendingPathComponent("chokepoints.dot"), encoding: .utf8)
    let svg = try blast("render", "chokepoints", "hostile.json", "-o", "chokepoints.svg")
    let svgText = try String(
      contentsOf: folder.appendingPathComponent("chokepoints.svg"), encoding: .utf8)

    assertNoInjectedLines(dot)
    XCTAssertTrue(dot.contains("tooltip=\"eve\\nEve \\\"=cmd|' /C calc'!A0\\\" <script>"), dot)
    XCTAssertTrue(dot.contains("label=\"[chokepoint 1 · 1] 1. assumes\""), dot)
    XCTAssertTrue(dot.contains("label=\"root\\n[link](javascript:alert(1))"), dot)
    XCTAssertEqual(svg.status, 0, svg.standardError)
    XCTAssertFalse(svgText.contains("<script>"))
    XCTAssertTrue(svgText.contains("&lt;script&gt;"))
  }
}
