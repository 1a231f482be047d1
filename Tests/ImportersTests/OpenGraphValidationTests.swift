import AccessGraph
import Foundation
import XCTest

@testable import Importers

/// Kind tables, errors in OpenGraph documents, name matches and joins with other inputs.
final class OpenGraphValidationTests: XCTestCase {
  // MARK: - Kind tables

  func testNodeKindTable() {
    let cases: [(kinds: [String], kind: NodeKind?, matched: String?)] = [
      (["User"], .human, "User"),
      (["Person", "Base"], .human, "Person"),
      (["Base", "Computer"], .workload, "Computer"),
      (["AZServicePrincipal"], .serviceIdentity, "AZServicePrincipal"),
      (["Okta_User"], .human, "Okta_User"),
      (["jamf_computer"], .workload, "jamf_computer"),
      (["BHUser"], .human, "BHUser"),
      (["LocalGroup"], .group, "LocalGroup"),
      (["AZKeyVault"], .resource, "AZKeyVault"),
      (["OU"], .scope, "OU"),
      (["GCPProject"], .scope, "GCPProject"),
      (["BHAuthority"], nil, nil),
      (["Azure"], nil, nil),
      ([], nil, nil),
    ]
    for (kinds, kind, matched) in cases {
      let mapping = OpenGraphKinds.nodeKind(of: kinds)
      XCTAssertEqual(mapping?.kind, kind, "\(kinds)")
      XCTAssertEqual(mapping?.matched, matched, "\(kinds)")
    }
  }

  func testRelationTable() {
    let cases: [(String, Relation?)] = [
      ("MemberOf", .memberOf), ("memberof", .memberOf), ("AZMemberOf", .memberOf),
      ("Okta_MemberOf", .memberOf), ("AdminTo", .controls), ("CanRDP", .controls),
      ("CanPSRemote", .controls), ("ExecuteDCOM", .controls), ("HasSession", .assumes),
      ("GenericAll", .escalates), ("Owns", .escalates), ("WriteDacl", .escalates),
      ("ForceChangePassword", .escalates), ("AddMember", .escalates),
      ("AZMGAddMember", .escalates), ("Contains", .contains), ("runsAs", .runsAs),
      ("federates", .federates), ("Knows", nil), ("BHUser", nil),
    ]
    for (kind, relation) in cases {
      XCTAssertEqual(OpenGraphKinds.relation(for: kind), relation, kind)
    }
  }

  func testPlatformFromKindPrefixAndSourceKind() {
    XCTAssertEqual(OpenGraphKinds.platform(ofKind: "AZUser"), .azure)
    XCTAssertEqual(OpenGraphKinds.platform(ofKind: "AWSRole"), .aws)
    XCTAssertEqual(OpenGraphKinds.platform(ofKind: "K8s_Pod"), .kubernetes)
    XCTAssertNil(OpenGraphKinds.platform(ofKind: "Azure"))
    XCTAssertNil(OpenGraphKinds.platform(ofKind: "User"))
    XCTAssertEqual(OpenGraphKinds.platform(ofSource: "GCP"), .gcp)
    XCTAssertNil(OpenGraphKinds.platform(ofSource: "BHCE"))
  }

  func testSourceKindSetsPlatformAndCountsAsKind() throws {
    let (graph, warnings) = try OpenGraphFixtures.loadInline(
      #"{"metadata": {"source_kind": "AWS"}, "graph": {"nodes": ["#
        + #"{"id": "r", "kinds": ["Role"]}, {"id": "b", "kinds": ["Bucket", "AWS"]}],"#
        + #""edges": [{"kind": "Access", "start": {"value": "r", "kind": "AWS"},"#
        + #""end": {"value": "b"}}]}}"#)

    XCTAssertEqual(warnings, [])
    let role = try XCTUnwrap(graph.nodeID(for: "r").map(graph.node))
    XCTAssertEqual(role.platform, .aws)
    XCTAssertEqual(role.tags, ["source_kind": "AWS"])
    XCTAssertEqual(graph.edgeCount, 1)
  }

  // MARK: - Errors

  private func assertError(
    _ json: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssertEqual(OpenGraphFixtures.importError(json), expected, file: file, line: line)
  }

  func testGraphMustBeObject() {
    assertError(
      #"{"graph": []}"#,
      #"inline.json:graph: expected an object, found an array; write it as {"nodes": [...], "#
        + #""edges": [...]}"#)
  }

  func testNodesMustBeArray() {
    assertError(
      #"{"graph": {"nodes": {}}}"#,
      "inline.json:graph.nodes: expected an array, found an object; write it as a JSON array")
  }

  func testNodeNeedsID() {
    assertError(
      #"{"graph": {"nodes": [{"kinds": ["User"]}]}}"#,
      #"inline.json:graph.nodes[0]: "id" is missing; add it, or export the file again"#)
  }

  func testNodeIDMustBeString() {
    assertError(
      #"{"graph": {"nodes": [{"id": 7, "kinds": ["User"]}]}}"#,
      "inline.json:graph.nodes[0].id: expected a string, found a number; write it as a JSON "
        + "string")
  }

  func testNodeNeedsKinds() {
    assertError(
      #"{"graph": {"nodes": [{"id": "a"}]}}"#,
      #"inline.json:graph.nodes[0]: "kinds" is missing; add it, or export the file again"#)
  }

  func testNestedPropertyIsRejected() {
    assertError(
      #"{"graph": {"nodes": [{"id": "a", "kinds": ["User"], "properties": {"x": {"y": 1}}}]}}"#,
      "inline.json:graph.nodes[0].properties.x: expected a string, a number, a boolean or an "
        + "array of them, found an object; flatten the value, because OpenGraph properties "
        + "cannot nest")
  }

  func testEdgeKindWithDashIsRejected() {
    assertError(
      #"{"graph": {"edges": [{"kind": "Admin-To", "start": {"value": "a"}, "end": {"value": "b"}}]}}"#,
      #"inline.json:graph.edges[0].kind: the edge kind "Admin-To" is not made of letters, "#
        + "digits and underscores only; rename it, such as AdminTo, as BloodHound requires of "
        + "edge kinds")
  }

  func testEdgeNeedsEnd() {
    assertError(
      #"{"graph": {"edges": [{"kind": "AdminTo", "start": {"value": "a"}}]}}"#,
      #"inline.json:graph.edges[0]: "end" is missing; add it, or export the file again"#)
  }

  func testUnknownMatchByIsRejected() {
    assertError(
      #"{"graph": {"edges": [{"kind": "AdminTo", "start": {"value": "a", "match_by": "sid"}, "#
        + #""end": {"value": "b"}}]}}"#,
      #"inline.json:graph.edges[0].start.match_by: unknown match_by "sid"; write "id", "#
        + #""name" or "property""#)
  }

  func testPropertyMatcherNeedsEquals() {
    assertError(
      #"{"graph": {"edges": [{"kind": "AdminTo", "start": {"match_by": "property", "#
        + #""property_matchers": [{"key": "k", "operator": "contains", "value": "v"}]}, "#
        + #""end": {"value": "b"}}]}}"#,
      "inline.json:graph.edges[0].start.property_matchers[0].operator: unknown operator "
        + #""contains"; write "equals", the only operator"#)
  }

  func testAmbiguousNameIsAnError() {
    assertError(
      #"{"graph": {"nodes": [{"id": "p1", "kinds": ["BHPermission"], "properties": {"name": "Read"}}, "#
        + #"{"id": "p2", "kinds": ["BHPermission"], "properties": {"name": "READ"}}, "#
        + #"{"id": "r", "kinds": ["Role"]}], "#
        + #""edges": [{"kind": "Grants", "start": {"value": "r"}, "#
        + #""end": {"match_by": "name", "value": "read"}}]}}"#,
      #"inline.json:graph.edges[0].end: name "read" fits 2 nodes ("p1", "p2"); match by id, "#
        + #"or add "kind" to the endpoint to pick one"#)
  }

  func testKindFilterPicksOneOfTwoNames() throws {
    let (graph, _) = try OpenGraphFixtures.loadInline(
      #"{"graph": {"nodes": [{"id": "u", "kinds": ["User"], "properties": {"name": "web"}}, "#
        + #"{"id": "c", "kinds": ["Computer"], "properties": {"name": "WEB"}}], "#
        + #""edges": [{"kind": "AdminTo", "start": {"value": "u"}, "#
        + #""end": {"match_by": "name", "value": "web", "kind": "Computer"}}]}}"#)

    XCTAssertEqual(graph.edgeCount, 1)
    XCTAssertEqual(graph.node(graph.target(of: graph.edgeIDs[0])).id, "c")
  }

  func testOtherFormatsWithGraphKeyAreNotClaimed() throws {
    let extraKey = try JSONCursor.parse(Data(#"{"graph": {}, "directed": true}"#.utf8), file: "x")
    XCTAssertFalse(OpenGraphImporter.recognizes(extraKey))
    let empty = try JSONCursor.parse(Data(#"{"graph": {"nodes": [], "edges": []}}"#.utf8), file: "x")
    XCTAssertTrue(OpenGraphImporter.recognizes(empty))
  }

  // MARK: - Joins

  func testNodeJoinsEntraUserByIDInAnyCase() throws {
    let entra = OpenGraphFixtures.testsFolder
      .appendingPathComponent("Fixtures/azure/entra/az-ad-user-list.json").path
    let (graph, _) = try OpenGraphFixtures.loadInline(
      #"{"graph": {"nodes": [{"id": "11111111-AAAA-4AAA-8AAA-000000000001", "kinds": ["AZUser"], "#
        + #""properties": {"name": "ALICE@NORTHWIND.EXAMPLE", "onpremsyncenabled": false}}, "#
        + #"{"id": "srv", "kinds": ["Computer"]}], "#
        + #""edges": [{"kind": "AdminTo", "start": {"value": "11111111-AAAA-4AAA-8AAA-000000000001"}, "#
        + #""end": {"value": "srv"}}]}}"#,
      with: [entra])

    XCTAssertNil(graph.nodeID(for: "11111111-AAAA-4AAA-8AAA-000000000001"))
    let alice = try XCTUnwrap(
      graph.nodeID(for: "11111111-aaaa-4aaa-8aaa-000000000001").map(graph.node))
    XCTAssertEqual(alice.name, "Alice Moreno")
    XCTAssertEqual(alice.tags["onpremsyncenabled"], "false")
    let edge = graph.edge(graph.edgeIDs.first { graph.actions(of: $0) == ["AdminTo"] }!)
    XCTAssertEqual(graph.node(edge.source).id, "11111111-aaaa-4aaa-8aaa-000000000001")
  }

  func testEdgeEndsAtInventoryEntryAndARNStub() throws {
    let inventory =
      #"{"inventory": {"name": "t", "version": 1}, "serviceAccounts": [{"id": "svc-ci"}]}"#
    let (graph, warnings) = try OpenGraphFixtures.loadInline(
      #"{"graph": {"nodes": [{"id": "host", "kinds": ["Computer"]}], "edges": ["#
        + #"{"kind": "HasSession", "start": {"value": "host"}, "end": {"value": "svc-ci"}}, "#
        + #"{"kind": "Assumes", "start": {"value": "svc-ci"}, "#
        + #""end": {"value": "arn:aws:iam::111122223333:role/deploy"}}]}}"#,
      inventory)

    XCTAssertEqual(warnings, [])
    XCTAssertEqual(graph.nodeCount, 3)
    let role = try XCTUnwrap(graph.nodeID(for: "arn:aws:iam::111122223333:role/deploy"))
    XCTAssertEqual(graph.node(role).kind, .serviceIdentity)
    XCTAssertFalse(graph.node(role).isDefined)
    XCTAssertEqual(graph.node(try XCTUnwrap(graph.nodeID(for: "svc-ci"))).kind, .serviceIdentity)
    XCTAssertEqual(graph.edgeCount, 2)
  }
}

enum OpenGraphFixtures {
  /// The folder of this file: `Tests/ImportersTests`.
  static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

  /// The published OpenGraph files, kept beside the repository in `shared/real-inputs`.
  static let realInputs = testsFolder.deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("shared/real-inputs/opengraph")

  static func path(_ name: String) -> String {
    testsFolder.appendingPathComponent("Fixtures/opengraph").appendingPathComponent(name).path
  }

  /// Loads files with the loader and returns the graph with every warning.
  static func load(_ paths: [String]) throws -> (AccessGraph, [ImportWarning]) {
    let log = OpenGraphWarningLog()
    let graph = try EstateLoader(warn: { log.warnings.append($0) }).load(paths)
    return (graph, log.warnings)
  }

  /// Writes each JSON text to a temporary file, `inline.json` first, and loads them with
  /// the files in `with`.
  static func loadInline(_ documents: String..., with others: [String] = []) throws
    -> (AccessGraph, [ImportWarning])
  {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("opengraph-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var paths: [String] = []
    for (index, json) in documents.enumerated() {
      let url = folder.appendingPathComponent(index == 0 ? "inline.json" : "inline-\(index).json")
      try Data(json.utf8).write(to: url)
      paths.append(url.path)
    }
    return try load(paths + others)
  }

  /// Imports one OpenGraph document named `inline.json` and returns the description of the
  /// error that stops the import, or nil when none does.
  static func importError(_ json: String) -> String? {
    var importer = OpenGraphImporter()
    do {
      try importer.add(try JSONCursor.parse(Data(json.utf8), file: "inline.json"))
      var builder = EstateBuilder()
      try importer.define(into: &builder, warn: { _ in })
      try importer.connect(into: &builder, warn: { _ in })
      return nil
    } catch let error as ImportError {
      return error.description
    } catch {
      return "unexpected error: \(error)"
    }
  }
}

private final class OpenGraphWarningLog: @unchecked Sendable {
  var warnings: [ImportWarning] = []
}
