import AccessGraph
import Foundation
import XCTest

@testable import Importers

/// Writing estate files in chunks, and reading them back.
final class EstateFileTests: XCTestCase {
  private var folder: URL!

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("estate-file-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    if let folder {
      try? FileManager.default.removeItem(at: folder)
    }
  }

  func testWriteMatchesJSONEncoderOnSampleEstate() throws {
    let graph = try Self.loadSampleEstate()

    let written = EstateFile.encode(graph)

    XCTAssertEqual(graph.nodeCount, 256)
    XCTAssertEqual(graph.edgeCount, 717)
    XCTAssertEqual(written, try Self.encodeWithJSONEncoder(graph))
  }

  func testWriteMatchesJSONEncoderOnHostileNames() throws {
    let graph = Self.hostileEstate()

    let written = EstateFile.encode(graph)

    let encoded = try Self.encodeWithJSONEncoder(graph)
    XCTAssertEqual(Array(written), JSONWriterTests.escapingByteOrderMarks(encoded))
  }

  func testWriteMatchesJSONEncoderOnLargeEstate() throws {
    // Enough nodes, action lists and provenances that the writer's tables are built in runs
    // on several threads, with entries of different lengths.
    var builder = EstateBuilder()
    var previous: NodeID?
    for index in 0..<3_000 {
      let id = builder.define(
        Node(
          id: "node-\(index)-" + String(repeating: "x", count: index % 17), kind: .human,
          platform: .aws, account: "111122223333", name: "user \(index)", type: "iam-user"))
      if let previous {
        builder.connect(
          previous, id, .access, actions: (0..<(index % 5)).map { "s3:Action\(index)x\($0)" },
          provenance: Provenance(
            file: "export-\(index % 7).json", location: "Items[\(index)]",
            grant: "grant \(index)"),
          isConditional: index % 3 == 0)
      }
      previous = id
    }
    let graph = builder.freeze()

    let written = EstateFile.encode(graph)

    XCTAssertEqual(graph.nodeCount, 3_000)
    XCTAssertEqual(graph.edgeCount, 2_999)
    XCTAssertEqual(written, try Self.encodeWithJSONEncoder(graph))
  }

  func testHostileNamesSurviveJSONSerialization() throws {
    let graph = Self.hostileEstate()

    let document = try JSONSerialization.jsonObject(with: EstateFile.encode(graph))
    let object = try XCTUnwrap(document as? [String: Any])
    let nodes = try XCTUnwrap(object["nodes"] as? [[String: Any]])
    let edges = try XCTUnwrap(object["edges"] as? [[String: Any]])

    XCTAssertEqual(object["format"] as? String, "blastradius-estate")
    XCTAssertEqual(object["version"] as? Int, 1)
    XCTAssertEqual(nodes.count, graph.nodeCount)
    XCTAssertEqual(edges.count, graph.edgeCount)
    for (index, node) in graph.nodes.enumerated() {
      XCTAssertEqual(Self.scalars(nodes[index]["id"]), Array(node.id.unicodeScalars))
      XCTAssertEqual(Self.scalars(nodes[index]["name"]), Array(node.name.unicodeScalars))
      let tags = try XCTUnwrap(nodes[index]["tags"] as? [String: String])
      XCTAssertEqual(tags, node.tags, node.id.debugDescription)
    }
    for (index, id) in graph.edgeIDs.enumerated() {
      let edge = graph.edge(id)
      let provenance = try XCTUnwrap(edges[index]["provenance"] as? [String: String])
      XCTAssertEqual(
        Self.scalars(edges[index]["source"]), Array(graph.node(edge.source).id.unicodeScalars))
      XCTAssertEqual(edges[index]["actions"] as? [String], edge.actions)
      XCTAssertEqual(
        Self.scalars(provenance["grant"]), Array(edge.provenance.grant.unicodeScalars))
      XCTAssertEqual(provenance["technique"], edge.provenance.technique)
    }
  }

  func testSampleEstateRoundTripKeepsNodesAndEdges() throws {
    let graph = try Self.loadSampleEstate()

    let reread = try roundTrip(graph)

    XCTAssertEqual(reread.nodes, graph.nodes)
    XCTAssertEqual(Self.describeEdges(reread), Self.describeEdges(graph))
    XCTAssertEqual(EstateFile.encode(reread), EstateFile.encode(graph))
  }

  func testHostileEstateRoundTripKeepsNodesAndEdges() throws {
    let graph = Self.hostileEstate()

    let reread = try roundTrip(graph)

    XCTAssertEqual(reread.nodes, graph.nodes)
    XCTAssertEqual(
      reread.nodes.map { Array($0.id.unicodeScalars) },
      graph.nodes.map { Array($0.id.unicodeScalars) })
    XCTAssertEqual(Self.describeEdges(reread), Self.describeEdges(graph))
    XCTAssertEqual(EstateFile.encode(reread), EstateFile.encode(graph))
  }

  func testSmallChunksConcatenateToWholeFile() throws {
    let graph = try Self.loadSampleEstate()
    var chunks: [[UInt8]] = []

    EstateFile.write(graph, chunkSize: 4_096) { chunks.append(Array($0)) }

    XCTAssertGreaterThan(chunks.count, 80)
    XCTAssertTrue(chunks.dropLast().allSatisfy { $0.count >= 4_096 })
    XCTAssertTrue(chunks.dropLast().allSatisfy { $0.count < 4_096 + 8_192 })
    XCTAssertEqual(Data(chunks.joined()), EstateFile.encode(graph))
  }

  func testOneByteChunksHoldOneEdgeEach() throws {
    let graph = Self.hostileEstate()
    var chunks: [[UInt8]] = []

    EstateFile.write(graph, chunkSize: 1) { chunks.append(Array($0)) }

    let firstEdgeStart = Array("\n    {\n      \"actions\"".utf8)
    let laterEdgeStart = [UInt8(ascii: ",")] + firstEdgeStart
    XCTAssertTrue(chunks[0].starts(with: Array("{\n  \"edges\" : [".utf8) + firstEdgeStart))
    XCTAssertEqual(chunks.filter { $0.starts(with: laterEdgeStart) }.count, graph.edgeCount - 1)
    XCTAssertEqual(Data(chunks.joined()), EstateFile.encode(graph))
  }

  func testSinkErrorStopsWriting() throws {
    struct DiskFull: Error, Equatable {}
    let graph = try Self.loadSampleEstate()
    var calls = 0

    XCTAssertThrowsError(
      try EstateFile.write(graph, chunkSize: 1_024) { (_) throws(DiskFull) in
        calls += 1
        if calls == 3 { throw DiskFull() }
      }
    ) { error in
      XCTAssertEqual(error as? DiskFull, DiskFull())
    }
    XCTAssertEqual(calls, 3)
  }

  func testEmptyEstateIsWrittenAsJSONEncoderWould() throws {
    let graph = EstateBuilder().freeze()

    let written = String(decoding: EstateFile.encode(graph), as: UTF8.self)

    let expected = """
      {
        "edges" : [

        ],
        "format" : "blastradius-estate",
        "nodes" : [

        ],
        "version" : 1
      }
      """
    XCTAssertEqual(written, expected)
    XCTAssertEqual(Data(written.utf8), try Self.encodeWithJSONEncoder(graph))
  }

  // MARK: - Helpers

  /// Writes `graph` to a file and imports that file alone.
  private func roundTrip(_ graph: AccessGraph) throws -> AccessGraph {
    let file = folder.appendingPathComponent("estate.json")
    try EstateFile.encode(graph).write(to: file)
    return try EstateLoader().load([file.path])
  }

  private static func loadSampleEstate() throws -> AccessGraph {
    let folder = InventoryFixtures.repositoryRoot.appendingPathComponent("graphs/sample-estate")
    return try EstateLoader().load([folder.path])
  }

  private static func scalars(_ value: Any?) -> [Unicode.Scalar] {
    Array((value as? String ?? "<not a string>").unicodeScalars)
  }

  /// Returns one line per edge with every field, node ids in place of node numbers, in edge order.
  private static func describeEdges(_ graph: AccessGraph) -> [String] {
    graph.edgeIDs.map { id in
      let edge = graph.edge(id)
      return [
        graph.node(edge.source).id, edge.relation.rawValue, graph.node(edge.target).id,
        edge.actions.joined(separator: ","), edge.provenance.description,
        edge.isConditional ? "conditional" : "unconditional",
      ].map(\.debugDescription).joined(separator: " ")
    }
  }

  /// Returns an estate whose ids, names, tags, actions and provenance hold the strings that
  /// `JSONWriterTests.hostileStrings` lists, with optional members both present and absent.
  static func hostileEstate() -> AccessGraph {
    var builder = EstateBuilder()
    let strings = JSONWriterTests.hostileStrings
    var previous: NodeID?
    for (index, string) in strings.enumerated() {
      let kind = NodeKind.allCases[index % NodeKind.allCases.count]
      let node = Node(
        id: "node-\(index)-\(string)", kind: kind, platform: Platform("platform-\(string)"),
        account: string, name: string, type: string,
        tags: ["Z": string, "a": "\(index)", "_": "", "é": string, "a10": "x", "a9": "y"],
        isCrownJewel: index % 3 == 0,
        credential: kind == .credential
          ? CredentialDetails(type: .static, created: string, expires: nil, lastUsed: "2024-01-01")
          : nil)
      let id = index % 5 == 4 ? builder.reference(node) : builder.define(node)
      if let previous {
        builder.connect(
          previous, id, Relation.allCases[index % Relation.allCases.count],
          actions: index % 4 == 0 ? [] : [string, "s3:GetObject", "\(string)*"],
          provenance: Provenance(
            file: "exports/\(string).json", location: "Items[\(index)].\(string)", grant: string,
            technique: index % 2 == 0 ? nil : "technique \(string)"),
          isConditional: index % 2 == 0)
      }
      previous = id
    }
    return builder.freeze()
  }

  /// Encodes `graph` with `JSONEncoder` from the `Codable` conformances of the graph model,
  /// the way estate files were written before they were streamed.
  static func encodeWithJSONEncoder(_ graph: AccessGraph) throws -> Data {
    struct EncodedEdge: Encodable {
      var source: String
      var target: String
      var relation: Relation
      var actions: [String]
      var provenance: Provenance
      var conditional: Bool
    }
    struct EncodedEstate: Encodable {
      var format: String
      var version: Int
      var nodes: [Node]
      var edges: [EncodedEdge]
    }
    let edges = graph.edgeIDs.map { id in
      let edge = graph.edge(id)
      return EncodedEdge(
        source: graph.node(edge.source).id, target: graph.node(edge.target).id,
        relation: edge.relation, actions: edge.actions, provenance: edge.provenance,
        conditional: edge.isConditional)
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(
      EncodedEstate(format: "blastradius-estate", version: 1, nodes: graph.nodes, edges: edges))
  }
}
