import AccessGraph
import Foundation
import XCTest

@testable import Importers

/// Estate files read through `EstateLoader`: what is accepted, and the errors for what is not.
final class EstateFileReaderTests: XCTestCase {
  private var folder: URL!

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("estate-file-reader-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    if let folder {
      try? FileManager.default.removeItem(at: folder)
    }
  }

  private static let alice = #"""
    {"id": "alice", "kind": "human", "platform": "on-premises", "account": "corp",
     "name": "Alice", "type": "person", "tags": {"team": "ops"}, "isCrownJewel": false,
     "isDefined": true}
    """#
  private static let key = #"""
    {"id": "key-1", "kind": "credential", "platform": "aws", "account": "1111",
     "name": "key-1", "type": "access-key", "tags": {}, "isCrownJewel": false,
     "isDefined": false, "credential": {"type": "static", "created": "2021-01-01",
     "expires": null, "future": [1, {"x": 2}]}}
    """#
  private static let edge = #"""
    {"source": "key-1", "target": "alice", "relation": "authenticatesAs", "actions": [],
     "provenance": {"file": "in.json", "location": "keys[0]", "grant": "key of alice",
     "technique": null}, "conditional": false}
    """#

  func testMembersInAnyOrderWithUnknownMembers() throws {
    let graph = try load(
      """
      {"comment": {"nested": ["ignored"]}, "version": 1.0, "nodes": [\(Self.alice),
       \(Self.key)], "edges": [\(Self.edge)], "format": "blastradius-estate"}
      """)

    XCTAssertEqual(
      graph.nodes,
      [
        Node(
          id: "alice", kind: .human, platform: .onPremises, account: "corp", name: "Alice",
          type: "person", tags: ["team": "ops"]),
        Node(
          id: "key-1", kind: .credential, platform: .aws, account: "1111", name: "key-1",
          type: "access-key", credential: CredentialDetails(type: .static, created: "2021-01-01"),
          isDefined: false),
      ])
    XCTAssertEqual(
      graph.edgeIDs.map(graph.edge),
      [
        Edge(
          source: NodeID(1), target: NodeID(0), relation: .authenticatesAs,
          provenance: Provenance(file: "in.json", location: "keys[0]", grant: "key of alice"))
      ])
  }

  func testByteOrderMarkAndTrailingCommasAreAccepted() throws {
    let graph = try load(
      "\u{FEFF}{\"edges\": [], \"nodes\": [\(Self.alice),], \"format\": \"blastradius-estate\", "
        + "\"version\": 1,}")

    XCTAssertEqual(graph.nodes.map(\.id), ["alice"])
  }

  func testOtherFirstMemberReadsParsedTree() throws {
    let graph = try load(
      """
      {"$comment": "written by hand", "format": "blastradius-estate", "version": 1,
       "nodes": [\(Self.alice), \(Self.key)], "edges": [\(Self.edge)]}
      """)

    XCTAssertEqual(graph.nodes.map(\.id), ["alice", "key-1"])
    XCTAssertEqual(graph.edgeCount, 1)
    XCTAssertEqual(graph.edge(EdgeID(0)).provenance.grant, "key of alice")
  }

  func testMissingMemberNamesNodeAndKey() {
    assertError(
      """
      {"format": "blastradius-estate", "version": 1, "edges": [],
       "nodes": [\(Self.alice), {"id": "bob", "kind": "human", "platform": "aws"}]}
      """,
      location: "nodes[1]", problem: "\"account\" is missing")
  }

  func testWrongTypeNamesThePath() {
    let edge = Self.edge.replacingOccurrences(
      of: "\"conditional\": false", with: "\"conditional\": \"no\"")
    assertError(
      """
      {"edges": [\(Self.edge), \(edge)], "format": "blastradius-estate", "version": 1,
       "nodes": [\(Self.alice), \(Self.key)]}
      """,
      location: "edges[1].conditional", problem: "expected a boolean, found a string")
  }

  func testUnknownRelationListsTheKnownOnes() {
    let edge = Self.edge.replacingOccurrences(of: "authenticatesAs", with: "owns")
    assertError(
      """
      {"edges": [\(edge)], "format": "blastradius-estate", "version": 1,
       "nodes": [\(Self.alice), \(Self.key)]}
      """,
      location: "edges[0].relation",
      problem: "\"owns\" is not one of memberOf, assumes, runsAs, controls, access, reads, "
        + "authenticatesAs, contains, escalates, federates")
  }

  func testWrongTypeInsideTagsAndActions() {
    let tags = Self.alice.replacingOccurrences(of: "\"ops\"", with: "7")
    assertError(
      """
      {"edges": [], "format": "blastradius-estate", "version": 1, "nodes": [\(tags)]}
      """,
      location: "nodes[0].tags.team", problem: "expected a string, found a number")
    let actions = Self.edge.replacingOccurrences(of: "[]", with: "[\"s3:GetObject\", null]")
    assertError(
      """
      {"edges": [\(actions)], "format": "blastradius-estate", "version": 1,
       "nodes": [\(Self.alice), \(Self.key)]}
      """,
      location: "edges[0].actions[1]", problem: "expected a string, found null")
  }

  func testUnsupportedVersionWinsOverContentErrors() {
    assertError(
      #"{"edges": [{"source": 1}], "format": "blastradius-estate", "version": 2, "nodes": []}"#,
      location: "", problem: "estate file version 2 is not supported",
      remedy: "write it again with this version of `blast import`")
    assertError(
      #"{"edges": [], "format": "blastradius-estate", "nodes": []}"#,
      location: "", problem: "estate file version missing is not supported",
      remedy: "write it again with this version of `blast import`")
  }

  func testMissingEdgesIsReported() {
    assertError(
      #"{"format": "blastradius-estate", "version": 1, "nodes": []}"#,
      location: "", problem: "\"edges\" is missing")
  }

  func testEdgeToUnlistedNodeIsReported() {
    assertError(
      """
      {"edges": [\(Self.edge)], "format": "blastradius-estate", "version": 1,
       "nodes": [\(Self.alice)]}
      """,
      location: "edges[0]", problem: "the edge names a node that the file does not list")
  }

  func testDuplicateNodeIDNamesBothNodes() {
    let privilege = #"""
      {"id": "alice", "kind": "privilege", "platform": "on-premises", "account": "",
       "name": "second", "type": "privilege", "tags": {}, "isCrownJewel": false,
       "isDefined": true}
      """#
    assertError(
      """
      {"edges": [], "format": "blastradius-estate", "version": 1,
       "nodes": [\(Self.key), \(Self.alice), \(privilege)]}
      """,
      location: "nodes[2].id", problem: "the id \"alice\" is already the id of nodes[1]",
      remedy: "give each node its own id, or write the estate again with `blast import`")
  }

  /// Unlike a repeated node, a repeated edge is no error; the builder merges the two.
  func testRepeatedEdgeIsAccepted() throws {
    let graph = try load(
      """
      {"edges": [\(Self.edge), \(Self.edge)], "format": "blastradius-estate", "version": 1,
       "nodes": [\(Self.alice), \(Self.key)]}
      """)

    XCTAssertEqual(graph.edgeCount, 1)
  }

  func testOtherFormatIsNotAnEstate() {
    let file = write(#"{"edges": [{"from": "a"}], "nodes": 3, "format": "other-tool"}"#)

    XCTAssertThrowsError(try EstateLoader().load([file])) { error in
      let error = error as? ImportError
      XCTAssertEqual(error?.reason, .unknownFormat)
      XCTAssertEqual(error?.file, file)
      XCTAssertEqual(error?.problem, "not a format blast reads")
    }
  }

  func testSyntaxErrorAfterEdgesGivesLineAndColumn() {
    let file = write("{\"edges\": [],\n \"format\": \"blastradius-estate\"\n \"version\": 1}")

    XCTAssertThrowsError(try EstateLoader().load([file])) { error in
      let error = error as? ImportError
      XCTAssertEqual(error?.reason, .invalidData)
      XCTAssertEqual(error?.location, "line 3, column 2")
      XCTAssertEqual(error?.problem, "invalid JSON (expected ',' or '}')")
    }
  }

  // MARK: - Helpers

  private func write(_ json: String) -> String {
    let file = folder.appendingPathComponent("estate-\(UUID().uuidString).json")
    XCTAssertNoThrow(try Data(json.utf8).write(to: file))
    return file.path
  }

  private func load(_ json: String) throws -> AccessGraph {
    try EstateLoader().load([write(json)])
  }

  private func assertError(
    _ json: String, location: String, problem: String,
    remedy: String = "write the estate again with `blast import`",
    file: StaticString = #filePath, line: UInt = #line
  ) {
    let path = write(json)
    XCTAssertThrowsError(try EstateLoader().load([path]), file: file, line: line) { error in
      XCTAssertEqual(
        error as? ImportError,
        ImportError(.invalidData, file: path, location: location, problem: problem, remedy: remedy),
        file: file, line: line)
    }
  }
}
