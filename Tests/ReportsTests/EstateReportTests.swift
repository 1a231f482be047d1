import AccessGraph
import Analysis
import Foundation
import XCTest

import Rendering

@testable import Reports

final class EstateReportTests: XCTestCase {
  private static let date = CalendarDate(year: 2025, month: 1, day: 15)!
  private var folder: URL!

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("reports-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: folder)
  }

  func testFindingsSkipIdentitiesThatReachNothing() {
    let report = EstateReport(graph: ReportFixtures.graph(), inputs: ["estate"], date: Self.date)

    XCTAssertEqual(
      report.findings.map { report.graph.node($0.exposure.identity).id },
      ["svc-build", "arn:aws:iam::111122223333:user/ci"])
    XCTAssertEqual(report.findings.map(\.fileStem), ["01-svc-build", "02-ci"])
    XCTAssertEqual(report.findings.map(\.adminPaths.count), [1, 1])
    XCTAssertEqual(report.findings.map(\.crownJewelPaths.count), [0, 0])
  }

  func testSummaryListsPathWithGrantForEveryHop() {
    let summary = EstateReport(graph: ReportFixtures.graph(), inputs: ["estate"], date: Self.date).summary()

    XCTAssertTrue(
      summary.contains(
        "**To AWS account admin (`aws:admin/111122223333`), 3 hops, across on-premises → aws**"),
      summary)
    XCTAssertTrue(
      summary.contains(
        "| 1 | svc-build | reads | deploy key |  | inventory grant 0 | `inv.json:grants[0]` |"))
    XCTAssertTrue(
      summary.contains("| 3 | ci | access | AWS account admin | `*` | admin | "
        + "`aws.json:UserDetailList[0]` |"))
    XCTAssertTrue(summary.contains("No covered identity reaches a crown jewel."))
    XCTAssertTrue(summary.contains("| on-premises | 1 | 0 | 1 | 0 | 0 | 1 | 0 | 0 |"))
  }

  func testRankingTableShowsScoreAndFactors() {
    let summary = EstateReport(graph: ReportFixtures.graph(), inputs: ["estate"], date: Self.date)
      .summary()
    let lines = summary.components(separatedBy: "\n")
    let header = lines.firstIndex { $0.hasPrefix("| # | identity |") }

    // svc-build: 10 for the privilege, 3 for a second platform, 1 for the AWS account
    // beyond its own none, 2 for log2(1 + 3 nodes). ci: 10, 1 for log2(1 + 1 node), and 2
    // for the static key that signs in as it, whose age the fixture does not give.
    XCTAssertEqual(
      header.map { Array(lines[$0..<$0 + 4]) },
      [
        "| # | identity | kind | platform | score | admin | crown jewels | platforms | accounts "
          + "| reached | public | static credentials | humans | external trust | last use "
          + "| deepest hop | diagram |",
        "|---:|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---|---:|---|",
        "| 1 | svc-build (`svc-build`) | serviceIdentity | on-premises | 16.00 | 1/1 | 0/0 | 2/2 "
          + "| 1/1 | 3/3 | 0/0 | 0 | 0/0 | 0 | unknown | 3 | [radius](radius/01-svc-build.svg) |",
        "| 2 | ci (`arn:aws:iam::111122223333:user/ci`) | serviceIdentity | aws | 13.00 | 1/1 "
          + "| 0/0 | 1/1 | 1/1 | 1/1 | 0/0 | 1 | 0/0 | 0 | unknown | 1 | [radius](radius/02-ci.svg) |",
      ])
    XCTAssertTrue(summary.contains("ages count to 2025-01-15."))
  }

  func testSummaryListsEveryIdentityReachingAdmin() {
    let report = EstateReport(graph: ReportFixtures.graph(), inputs: ["estate"], date: Self.date)

    XCTAssertEqual(
      report.adminPaths.map { report.graph.node($0.source).id },
      ["arn:aws:iam::111122223333:user/ci", "svc-build"])
    XCTAssertEqual(report.crossPlatformAdminPaths.map(\.hops.count), [3])
    XCTAssertTrue(
      report.summary().contains(
        "| svc-build (`svc-build`) | serviceIdentity | on-premises | 3 | AWS account admin | "
          + "on-premises → aws | svc-build → deploy key → ci → AWS account admin |"))
  }

  func testHostileNameIsEscapedInSummary() {
    let graph = ReportFixtures.graph(serviceName: "<img src=x>|*evil*\nline")
    let summary = EstateReport(graph: graph, inputs: ["estate"], date: Self.date).summary()

    XCTAssertTrue(summary.contains("&lt;img src=x&gt;\\|\\*evil\\* line"), summary)
    XCTAssertFalse(summary.contains("<img"))
  }

  func testWriteCreatesSummaryDiagramsAndMarker() throws {
    let destination = folder.appendingPathComponent("report").path
    let files = try EstateReport(graph: ReportFixtures.graph(), inputs: ["estate"], date: Self.date)
      .write(to: destination)

    XCTAssertEqual(
      files,
      [
        "estate.svg", "paths/cross-platform-admin.svg", "radius/01-svc-build.svg",
        "paths/01-svc-build-admin.svg",
        "radius/02-ci.svg", "paths/02-ci-admin.svg", "paths/chokepoints.svg",
        "paths/revocation-plan.svg", "README.md",
      ])
    for file in files + [".blast-report"] {
      XCTAssertTrue(
        FileManager.default.fileExists(atPath: "\(destination)/\(file)"), "missing \(file)")
    }
    let svg = try String(contentsOfFile: "\(destination)/estate.svg", encoding: .utf8)
    XCTAssertTrue(svg.contains("<svg"))
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["report"])
  }

  func testWriteReplacesEarlierReport() throws {
    let destination = folder.appendingPathComponent("report").path
    let report = EstateReport(graph: ReportFixtures.graph(), inputs: ["estate"], date: Self.date)
    try report.write(to: destination)
    try Data("old".utf8).write(to: URL(fileURLWithPath: "\(destination)/stale.txt"))
    try report.write(to: destination)

    XCTAssertFalse(FileManager.default.fileExists(atPath: "\(destination)/stale.txt"))
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["report"])
  }

  func testWriteRefusesFolderOfOtherFiles() throws {
    let destination = folder.appendingPathComponent("notes")
    try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: false)
    try Data("keep".utf8).write(to: destination.appendingPathComponent("keep.txt"))

    XCTAssertThrowsError(
      try EstateReport(graph: ReportFixtures.graph(), inputs: ["e"], date: Self.date).write(to: destination.path)
    ) { error in
      XCTAssertEqual(
        "\(error)",
        "\(destination.path): not replacing it because it contains other files; give "
          + "a new or empty folder, or an earlier report folder")
    }
    XCTAssertEqual(
      try FileManager.default.contentsOfDirectory(atPath: destination.path), ["keep.txt"])
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["notes"])
  }

  func testWriteCreatesMissingParentFolders() throws {
    let destination = folder.appendingPathComponent("out/reports/report").path
    try EstateReport(graph: ReportFixtures.graph(), inputs: ["e"], date: Self.date).write(to: destination)

    XCTAssertTrue(FileManager.default.fileExists(atPath: "\(destination)/README.md"))
    XCTAssertEqual(
      try FileManager.default.contentsOfDirectory(atPath: "\(folder.path)/out/reports"),
      ["report"])
  }

  func testWriteBelowFileFails() throws {
    try Data("x".utf8).write(to: folder.appendingPathComponent("plain"))
    let destination = folder.appendingPathComponent("plain/report").path

    XCTAssertThrowsError(
      try EstateReport(graph: ReportFixtures.graph(), inputs: ["e"], date: Self.date).write(to: destination)
    ) { error in
      guard case ReportError.cannotWrite = error else {
        return XCTFail("unexpected error \(error)")
      }
    }
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["plain"])
  }

  func testFileStemKeepsLettersAndDigits() {
    XCTAssertEqual(EstateReport.fileStem(rank: 3, name: "CORP\\svc-backup"), "03-corp-svc-backup")
    XCTAssertEqual(EstateReport.fileStem(rank: 12, name: "../../etc/passwd"), "12-etc-passwd")
    XCTAssertEqual(EstateReport.fileStem(rank: 1, name: "?!"), "01")
    XCTAssertEqual(
      EstateReport.fileStem(rank: 1, name: String(repeating: "a", count: 90)).count, 43)
  }
}

/// The Chokepoints and Revocation plan sections of the summary.
final class EstateReportCutTests: XCTestCase {
  private static let date = CalendarDate(year: 2025, month: 1, day: 15)!

  private func section(_ title: String, of summary: String) -> [String] {
    let lines = summary.components(separatedBy: "\n")
    guard let start = lines.firstIndex(of: "## \(title)") else { return [] }
    let rest = lines[(start + 1)...]
    let end = rest.firstIndex { $0.hasPrefix("## ") } ?? lines.endIndex
    return Array(lines[start..<end])
  }

  /// ci holds admin through its own policy, so svc-build's read of ci's key is the one
  /// path, and ci is kept.
  func testChokepointSectionListsRevocableEdges() {
    let summary = EstateReport(graph: ReportFixtures.graph(), inputs: ["estate"], date: Self.date)
      .summary()

    XCTAssertEqual(
      section("Chokepoints", of: summary),
      [
        "## Chokepoints", "",
        "The holders of admin, listed under the revocation plan, are not sources, and a path "
          + "ends where it acts as one.",
        "",
        "Edges and identities that the most shortest attack paths to admin pass through, from "
          + "2 identities over 1 (identity, privilege) pairs. A score adds, for each pair, the "
          + "share of its shortest paths that use the edge or pass the node.",
        "",
        "![Chokepoints](paths/chokepoints.svg)",
        "",
        "The diagram draws the first edge of the table below, labelled with rank and score, "
          + "with shortest attack paths through them.",
        "",
        "| # | score | from | relation | to | grant | where |",
        "|---:|---:|---|---|---|---|---|",
        "| 1 | 1 | svc-build | reads | deploy key | inventory grant 0 | `inv.json:grants[0]` |",
        "",
        "No identity or group lies between the ends of a path, because every shortest attack "
          + "path is one hop long.",
        "",
      ])
  }

  func testRevocationSectionShowsPlanAndHolders() {
    let summary = EstateReport(graph: ReportFixtures.graph(), inputs: ["estate"], date: Self.date)
      .summary()

    XCTAssertEqual(
      section("Revocation plan", of: summary),
      [
        "## Revocation plan", "",
        "Revoking 1 grant, at a total cost of 2, cuts every attack path to admin from the 1 "
          + "identity that reaches one. A fresh search without the removed edges confirms that "
          + "none is reached and that no source acts as a holder.",
        "",
        "![Revocation plan](paths/revocation-plan.svg)",
        "",
        "| # | grant | where | cost | edges removed | edges on attack paths |",
        "|---:|---|---|---:|---:|---|",
        "| 1 | inventory grant 0 | `inv.json:grants[0]` | 2 | 1 | svc-build → deploy key |",
        "",
        "| what the 2 identities reach together | before | after |",
        "|---|---:|---:|",
        "| nodes | 3 | 0 |",
        "| privileges | 1 | 0 |",
        "| crown jewels | 0 | 0 |",
        "| platforms | 2 | 1 |",
        "| accounts | 1 | 0 |",
        "",
        "### Holders of admin kept", "",
        "The holder of admin below reaches it through its own grant or a group's, and stays "
          + "as it is: the plan cuts the other identities off from admin and from acting as "
          + "any holder, and revokes none of these grants. Check that each one is meant to be "
          + "an admin.",
        "",
        "| holder | kind | platform | grants that make it a holder |",
        "|---|---|---|---|",
        "| ci (`arn:aws:iam::111122223333:user/ci`) | serviceIdentity | aws | ci → AWS account "
          + "admin: admin `aws.json:UserDetailList[0]` |",
        "",
      ])
  }

  func testRevocationDiagramFollowsStoredPlan() {
    let report = EstateReport(
      graph: ReportFixtures.graph(), inputs: ["estate"], date: Self.date)

    XCTAssertEqual(report.diagrams().map(\.name).last, "paths/revocation-plan.svg")
    XCTAssertEqual(report.adminRevocationPlan.cost, 2)
  }

  func testChokepointDiagramFollowsStoredChokepoints() throws {
    let report = EstateReport(
      graph: ReportFixtures.graph(), inputs: ["estate"], date: Self.date)
    let diagrams = report.diagrams()
    let names = diagrams.map(\.name)
    let chokepoints = try XCTUnwrap(diagrams.first { $0.name == "paths/chokepoints.svg" })
    let marked = chokepoints.diagram.edges.compactMap(\.chokepoint)

    XCTAssertEqual(names.suffix(2), ["paths/chokepoints.svg", "paths/revocation-plan.svg"])
    XCTAssertEqual(report.adminChokepoints.edges.map(\.score), [1])
    XCTAssertEqual(chokepoints.diagram.kind, .chokepoints)
    XCTAssertEqual(marked, [DiagramEdge.ChokepointRank(rank: 1, score: 1)])
    XCTAssertEqual(
      chokepoints.diagram.title,
      "The top chokepoint on the shortest attack paths to admin, with 1 path through them")
  }

  func testNoChokepointsMeansNoDiagram() {
    var builder = EstateBuilder()
    builder.define(
      Node(id: "alice", kind: .human, platform: .aws, account: "1", name: "alice"))
    builder.define(
      Node(id: "admin", kind: .privilege, platform: .aws, account: "1", name: "admin"))
    let report = EstateReport(graph: builder.freeze(), inputs: ["estate"], date: Self.date)

    XCTAssertFalse(report.diagrams().map(\.name).contains("paths/chokepoints.svg"))
    XCTAssertEqual(
      section("Chokepoints", of: report.summary()),
      [
        "## Chokepoints", "",
        "No identity reaches an admin privilege through a grant that can be revoked.", "",
      ])
  }
}
