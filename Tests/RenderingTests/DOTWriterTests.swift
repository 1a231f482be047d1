import AccessGraph
import Analysis
import XCTest

@testable import Rendering

final class DOTWriterTests: XCTestCase {
  private let alice = "arn:aws:iam::111122223333:user/alice"

  private func radiusDOT(_ graph: AccessGraph, from id: String) -> String {
    let radius = BlastRadius(of: graph.nodeID(for: id)!, in: graph)
    return DOTWriter().write(Diagram.radius(radius, in: graph))
  }

  private func pathsDOT(_ graph: AccessGraph) -> String {
    let paths = graph.shortestPaths(from: [graph.nodeID(for: alice)!], to: .admin)
    return DOTWriter().write(Diagram.paths(paths, in: graph))
  }

  private func lines(of dot: String, containing text: String) -> [Substring] {
    dot.split(separator: "\n").filter { $0.contains(text) }
  }

  // MARK: Golden files

  func testAccountClusterTakesTheScopeName() {
    var builder = EstateBuilder()
    let subscription = "c687d32e-d956-4d1d-82cc-1bfd2d73a73c"
    let scope = builder.define(
      Node(
        id: "/subscriptions/\(subscription)", kind: .scope, platform: .azure,
        account: subscription, name: "Northwind Production", type: "azure-subscription"))
    let vm = builder.define(
      Node(
        id: "/subscriptions/\(subscription)/resourcegroups/rg/providers/vm-1", kind: .workload,
        platform: .azure, account: subscription, name: "vm-1", type: "azure-vm"))
    builder.connect(
      scope, vm, .contains, provenance: Provenance(file: "", location: "", grant: "in"))
    let dot = DOTWriter().write(Diagram.estate(builder.freeze()))
    XCTAssertTrue(
      dot.contains(
        "graph [label=\"Northwind Production\", tooltip=\"account \(subscription): Northwind "
          + "Production\""))
  }

  func testRadiusMatchesGolden() throws {
    try GoldenFile.assertMatches(radiusDOT(Fixtures.crossCloud(), from: alice), name: "radius.dot")
  }

  func testAggregatedRadiusMatchesGolden() throws {
    let graph = Fixtures.wideRadius(bucketCount: 70, secretCount: 5)
    try GoldenFile.assertMatches(
      radiusDOT(graph, from: Fixtures.readerID), name: "radius-aggregated.dot")
  }

  func testCutMatchesGolden() throws {
    let graph = Fixtures.crossCloud()
    let plan = RevocationPlan(graph: graph, target: .admin, sources: [graph.nodeID(for: alice)!])
    let dot = DOTWriter().write(Diagram.cut(plan, in: graph))

    XCTAssertEqual(lines(of: dot, containing: "[cut]").count, plan.grants.count + 1)
    try GoldenFile.assertMatches(dot, name: "cut.dot")
  }

  func testChokepointsMatchGolden() throws {
    let graph = Fixtures.chokepoints()
    let chokepoints = Chokepoints(graph: graph, target: .admin)
    let dot = DOTWriter().write(Diagram.chokepoints(chokepoints, in: graph, top: 4))
    let labels = lines(of: dot, containing: "label=\"[chokepoint ").map {
      $0.split(separator: "label=\"")[1].split(separator: "\"")[0]
    }

    XCTAssertEqual(
      labels,
      [
        "[chokepoint 1 · 5] 2, 3, 4. assumes [sts:AssumeRole]",
        "[chokepoint 4 · 1.5] 1, 2. assumes [sts:AssumeRole]",
        "[chokepoint 3 · 2] 1, 3. assumes [sts:AssumeRole]",
        "[chokepoint 2 · 2] 2. assumes [sts:AssumeRole]",
      ])
    XCTAssertEqual(lines(of: dot, containing: "color=\"#6A1B9A\", fontcolor").count, 4)
    try GoldenFile.assertMatches(dot, name: "chokepoints.dot")
  }

  func testPathsMatchGolden() throws {
    try GoldenFile.assertMatches(pathsDOT(Fixtures.crossCloud()), name: "paths.dot")
  }

  func testEstateMatchesGolden() throws {
    let dot = DOTWriter().write(Diagram.estate(Fixtures.crossCloud()))
    try GoldenFile.assertMatches(dot, name: "estate.dot")
  }

  // MARK: Determinism

  func testWritingTwiceGivesSameBytes() {
    let graph = Fixtures.wideRadius(bucketCount: 70, secretCount: 5)
    let diagram = Diagram.radius(
      BlastRadius(of: graph.nodeID(for: Fixtures.readerID)!, in: graph), in: graph)

    XCTAssertEqual(Array(DOTWriter().write(diagram).utf8), Array(DOTWriter().write(diagram).utf8))
  }

  func testOutputIndependentOfInsertionOrder() {
    let forward = Fixtures.crossCloud()
    let reversed = Fixtures.crossCloud(reversed: true)

    XCTAssertEqual(
      DOTWriter().write(Diagram.estate(forward)), DOTWriter().write(Diagram.estate(reversed)))
    XCTAssertEqual(radiusDOT(forward, from: alice), radiusDOT(reversed, from: alice))
    XCTAssertEqual(pathsDOT(forward), pathsDOT(reversed))
  }

  // MARK: Styles

  func testPathEdgesAreRedAndNumbered() {
    let dot = pathsDOT(Fixtures.crossCloud())
    let edges = lines(of: dot, containing: " -> \"n")

    XCTAssertEqual(edges.count, 3)
    XCTAssertTrue(
      edges.allSatisfy { $0.contains("color=\"#D32F2F\"") && $0.contains("penwidth=\"2.5\"") })
    XCTAssertTrue(dot.contains("label=\"1. memberOf\""))
    XCTAssertTrue(dot.contains("label=\"2. assumes [sts:AssumeRole]\""))
    XCTAssertTrue(
      dot.contains(
        "label=\"3. escalates [iam:PutRolePolicy, iam:AttachRolePolicy, "
          + "iam:CreatePolicyVersion +1 more]\""))
  }

  func testConditionalEdgeIsDashed() throws {
    let dot = radiusDOT(Fixtures.crossCloud(), from: alice)
    let federation = try XCTUnwrap(lines(of: dot, containing: "label=\"federates\"").first)

    XCTAssertTrue(federation.contains("style=\"dashed\""))
    XCTAssertTrue(federation.contains("condition not evaluated"))
  }

  func testNodeShapesAndMarkings() throws {
    let dot = radiusDOT(Fixtures.crossCloud(), from: alice)
    let admin = try XCTUnwrap(lines(of: dot, containing: "label=\"account admin").first)
    let bucket = try XCTUnwrap(lines(of: dot, containing: "label=\"customer-data").first)
    let source = try XCTUnwrap(lines(of: dot, containing: "label=\"alice").first)

    XCTAssertTrue(admin.contains("shape=\"doubleoctagon\""))
    XCTAssertTrue(admin.contains("fillcolor=\"#FFCDD2\""))
    XCTAssertTrue(bucket.contains("shape=\"cylinder\""))
    XCTAssertTrue(bucket.contains("peripheries=\"2\""))
    XCTAssertTrue(bucket.contains("crown jewel"))
    XCTAssertTrue(source.contains("penwidth=\"3\""))
    XCTAssertTrue(source.contains("source · iam-user"))
  }

  func testClustersPerPlatformAndAccount() {
    let dot = radiusDOT(Fixtures.crossCloud(), from: alice)

    XCTAssertEqual(lines(of: dot, containing: "subgraph \"cluster_p").count, 4)
    XCTAssertTrue(dot.contains("subgraph \"cluster_p0_a0\" {"))
    XCTAssertTrue(dot.contains("label=\"contoso.onmicrosoft.com\""))
  }

  func testUnknownPlatformsGetStableFallbackColours() {
    let first = DOTStyle.palette(of: Platform("github"))
    let second = DOTStyle.palette(of: Platform("github"))

    XCTAssertEqual(first, second)
    XCTAssertEqual(DOTStyle.fnv1a(""), 2_166_136_261)
    XCTAssertEqual(DOTStyle.fnv1a("a"), 0xE40C_292C)
    XCTAssertNotEqual(DOTStyle.palette(of: Platform("github")), DOTStyle.palette(of: .aws))
  }

  // MARK: Legend

  func testLegendListsUsedShapesAndColours() throws {
    let dot = pathsDOT(Fixtures.crossCloud())
    let start = try XCTUnwrap(dot.range(of: "\"legend\" ["))
    let legend = dot[start.lowerBound...]

    XCTAssertTrue(legend.contains(">red double octagon</FONT></TD><TD ALIGN=\"LEFT\">privilege<"))
    XCTAssertTrue(legend.contains(">hexagon</FONT></TD><TD ALIGN=\"LEFT\">service identity<"))
    XCTAssertTrue(legend.contains(">aws</TD>"))
    XCTAssertTrue(legend.contains("attack path hop"))
    XCTAssertFalse(legend.contains("cylinder"))
    XCTAssertFalse(legend.contains("azure"))
    XCTAssertFalse(legend.contains("condition not evaluated"))
  }

  func testLegendCanBeLeftOut() {
    let graph = Fixtures.crossCloud()
    let dot = DOTWriter(includesLegend: false).write(Diagram.estate(graph))

    XCTAssertFalse(dot.contains("legend"))
  }

  // MARK: Hostile input

  func testHostileNamesStayInsideQuotedStrings() throws {
    let dot = DOTWriter().write(Diagram.estate(Fixtures.hostile()))
    let lines = dot.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }

    // Every line is a whole statement or a row of the legend table, so no name broke out of
    // its string and the injected edge statement never appears on a line of its own.
    for line in lines {
      let isStatement =
        line.hasSuffix(";") || line.hasSuffix("{") || line == "}" || line.hasSuffix("label=<")
        || line.hasPrefix("<")
      XCTAssertTrue(isStatement, "unexpected line: \(line.prefix(80))")
    }
    XCTAssertFalse(lines.contains { $0.hasPrefix("n0 -> n1") })
    XCTAssertFalse(dot.contains("\r"))
    XCTAssertFalse(dot.contains("\u{7}"))
    XCTAssertTrue(
      dot.contains(#"[label="evil \"quoted\" back\\…R&amp;D\nsecond\nthirdend\ntype<i>\\", "#))
    XCTAssertTrue(
      dot.contains(#"[label="</text><script>alert(2)</script>\ns3-bucket · crown jewel", "#))
    XCTAssertTrue(dot.contains(#"tooltip="target\"];\nn0 -> n1; //\n</text>"#))
    XCTAssertTrue(dot.contains(#"graph [label="evil<platform>&amp;\"", "#))
    XCTAssertTrue(dot.contains(#"<TD ALIGN="LEFT">evil&lt;platform&gt;&amp;&quot;</TD>"#))
    XCTAssertTrue(dot.contains(#"label="access [s3:<Get>\"Object, a\\b]""#))
    XCTAssertTrue(dot.contains("&amp;amp;"))
  }

  func testLongIDWholeOnlyInTooltip() throws {
    let dot = DOTWriter().write(Diagram.estate(Fixtures.hostile()))
    let line = try XCTUnwrap(lines(of: dot, containing: "shape=\"hexagon\"").first)

    XCTAssertTrue(line.contains("tooltip=\"\(Fixtures.longARN)\\n"))
    XCTAssertEqual(line.components(separatedBy: Fixtures.longARN).count, 2)
  }
}
