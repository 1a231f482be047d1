import AccessGraph
import Foundation
import XCTest

@testable import Importers

/// The OpenGraph importer on the two published OpenGraph files, read in place from
/// `shared/real-inputs/opengraph` beside the repository, and on fixtures written for it.
final class OpenGraphImporterTests: XCTestCase {
  private let minimal = "SpecterOps__bloodhound-docs__opengraph-minimal.json"
  private let dataHound = "toneillcodes__DataHound__sample-bhce-output.json"
  private let corpDomain = OpenGraphFixtures.path("corp-domain.json")

  private func realPath(_ name: String) -> String {
    OpenGraphFixtures.realInputs.appendingPathComponent(name).path
  }

  /// Describes every edge as `source -relation[actions]-> target @ location`, sorted.
  private func edgeFacts(_ graph: AccessGraph) -> [String] {
    graph.edgeIDs.map { id in
      let edge = graph.edge(id)
      return "\(graph.node(edge.source).id) -\(edge.relation.rawValue)"
        + "[\(edge.actions.joined(separator: ","))]-> \(graph.node(edge.target).id)"
        + " @ \(edge.provenance.location)"
    }.sorted()
  }

  private func kindCounts(_ graph: AccessGraph) -> [NodeKind: Int] {
    var counts: [NodeKind: Int] = [:]
    for id in graph.nodes(where: { _ in true }) {
      counts[graph.node(id).kind, default: 0] += 1
    }
    return counts
  }

  private func node(_ id: String, in graph: AccessGraph) throws -> Node {
    try XCTUnwrap(graph.nodeID(for: id).map(graph.node), "node \(id)")
  }

  // MARK: - Real files

  func testEveryRealOpenGraphFileLoads() throws {
    let files = try FileManager.default.contentsOfDirectory(
      atPath: OpenGraphFixtures.realInputs.path
    ).filter { $0.hasSuffix(".json") }.sorted()
    XCTAssertEqual(files, [minimal, dataHound])
    for file in files {
      XCTAssertNoThrow(try EstateLoader().load([realPath(file)]), file)
    }
    XCTAssertNoThrow(try EstateLoader().load([OpenGraphFixtures.realInputs.path]))
  }

  func testMinimalDocumentMapsPersonsAndUnknownEdge() throws {
    let (graph, warnings) = try OpenGraphFixtures.load([realPath(minimal)])

    XCTAssertEqual(graph.nodeCount, 2)
    XCTAssertEqual(graph.edgeCount, 1)
    let bob = try node("123", in: graph)
    XCTAssertEqual(bob.kind, .human)
    XCTAssertEqual(bob.name, "BOB")
    XCTAssertEqual(bob.type, "Person")
    XCTAssertEqual(bob.platform, .onPremises)
    XCTAssertEqual(bob.tags, ["displayname": "bob", "property": "a"])
    XCTAssertEqual(try node("234", in: graph).name, "ALICE")
    XCTAssertEqual(edgeFacts(graph), ["123 -access[Knows]-> 234 @ graph.edges[0]"])
    let provenance = graph.provenance(of: graph.edgeIDs[0])
    XCTAssertEqual(provenance.file, realPath(minimal))
    XCTAssertEqual(provenance.grant, #"OpenGraph edge Knows from "123" to "234""#)
    XCTAssertEqual(
      warnings.map(\.description),
      [
        realPath(minimal) + #":graph.edges[0]: edge kind "Knows" is not one blast maps, so "#
          + "its edges become access with the action Knows; docs/opengraph.md lists the kinds "
          + "it maps"
      ])
  }

  func testDataHoundOutputCountsAndKinds() throws {
    let data = try Data(contentsOf: URL(fileURLWithPath: realPath(dataHound)))
    let parsed = try OpenGraphParser.parse(JSONCursor.parse(data, file: dataHound))
    XCTAssertEqual(parsed.sourceKind, "BHCE")
    XCTAssertEqual(parsed.nodes.count, 41)
    XCTAssertEqual(parsed.edges.count, 66)
    XCTAssertEqual(Set(parsed.edges.map(\.kind)).count, 21)

    let (graph, warnings) = try OpenGraphFixtures.load([realPath(dataHound)])
    // Three ids appear twice or three times, and BloodHound merges nodes by id too.
    XCTAssertEqual(graph.nodeCount, 38)
    XCTAssertEqual(graph.edgeCount, 66)
    XCTAssertEqual(
      kindCounts(graph), [.human: 5, .serviceIdentity: 5, .resource: 27, .scope: 1])
    var relations: [Relation: Int] = [:]
    for id in graph.edgeIDs {
      relations[graph.relation(of: id), default: 0] += 1
    }
    XCTAssertEqual(relations, [.memberOf: 5, .access: 61])

    let user = try node("c8ed9290-2f91-4109-8b79-ac99a6bd5f82", in: graph)
    XCTAssertEqual(user.kind, .human)
    XCTAssertEqual(user.type, "BHUser")
    XCTAssertEqual(user.name, "ntester1")
    XCTAssertEqual(user.platform, .onPremises)
    XCTAssertEqual(user.tags["source_kind"], "BHCE")
    XCTAssertEqual(user.tags["last_login"], "0001-01-01T00:00:00Z")
    XCTAssertEqual(try node("Power User", in: graph).kind, .serviceIdentity)
    XCTAssertEqual(try node("http://127.0.0.1:8080", in: graph).kind, .scope)
    XCTAssertEqual(try node("auth", in: graph).kind, .resource)
    XCTAssertEqual(try node("Read", in: graph).tags["id"], "13")
    XCTAssertTrue(
      edgeFacts(graph).contains(
        "c8ed9290-2f91-4109-8b79-ac99a6bd5f82 -memberOf[AssignedTo]-> User @ graph.edges[0]"))

    let descriptions = warnings.map(\.description)
    XCTAssertEqual(descriptions.count, 27)
    let nodeKindWarnings = descriptions.filter { $0.contains("node kind") }
    XCTAssertEqual(
      nodeKindWarnings.map { $0.replacingOccurrences(of: realPath(dataHound), with: "f") },
      [
        #"f:graph.nodes[1]: node kind "BHAuthority" is not one blast maps, so 7 nodes become "#
          + "resources; docs/opengraph.md lists the kinds it maps",
        #"f:graph.nodes[6]: node kind "BHClients" is not one blast maps, so 1 node becomes "#
          + "a resource; docs/opengraph.md lists the kinds it maps",
        #"f:graph.nodes[19]: node kind "BHPermission" is not one blast maps, so 18 nodes "#
          + "become resources; docs/opengraph.md lists the kinds it maps",
        #"f:graph.nodes[40]: node kind "BHSSOProvider" is not one blast maps, so 1 node "#
          + "becomes a resource; docs/opengraph.md lists the kinds it maps",
      ])
    XCTAssertEqual(descriptions.filter { $0.contains("also at") }.count, 3)
    XCTAssertEqual(descriptions.filter { $0.contains("edge kind") }.count, 20)
  }

  // MARK: - Fixtures

  func testCorpDomainNodes() throws {
    let (graph, _) = try OpenGraphFixtures.load([corpDomain])

    XCTAssertEqual(graph.nodeCount, 10)
    XCTAssertEqual(
      kindCounts(graph),
      [.human: 2, .workload: 2, .serviceIdentity: 1, .group: 1, .resource: 3, .scope: 1])
    let alice = try node("S-1-5-21-1-1104", in: graph)
    XCTAssertEqual(alice.name, "ALICE@CORP.LOCAL")
    XCTAssertEqual(alice.account, "CORP.LOCAL")
    XCTAssertEqual(
      alice.tags,
      [
        "displayname": "Alice Ng", "domain": "CORP.LOCAL", "enabled": "true",
        "pwdlastset": "1700000000", "serviceprincipalnames": "HTTP/web01, HTTP/web02",
      ])
    let principal = try node("6d1e1a5e-0000-4000-8000-000000000001", in: graph)
    XCTAssertEqual(principal.kind, .serviceIdentity)
    XCTAssertEqual(principal.platform, .azure)
    XCTAssertEqual(principal.name, "deploy-sp")
    XCTAssertEqual(principal.account, "corp-tenant")
    XCTAssertEqual(principal.type, "AZServicePrincipal")
    XCTAssertEqual(try node("S-1-5-21-1-1001", in: graph).kind, .workload)
    XCTAssertEqual(try node("CORP.LOCAL", in: graph).kind, .scope)
    XCTAssertEqual(try node("gpo-1", in: graph).kind, .resource)
    XCTAssertEqual(try node("coffee-2", in: graph).name, "coffee-2")
  }

  func testCorpDomainEdgesByIDNameAndProperty() throws {
    let (graph, _) = try OpenGraphFixtures.load([corpDomain])

    XCTAssertEqual(
      edgeFacts(graph),
      [
        "6d1e1a5e-0000-4000-8000-000000000001 -escalates[AZForceChangePassword]-> "
          + "S-1-5-21-1-1105 @ graph.edges[6]",
        "CORP.LOCAL -contains[Contains]-> S-1-5-21-1-1001 @ graph.edges[4]",
        "S-1-5-21-1-1001 -assumes[HasSession]-> S-1-5-21-1-1105 @ graph.edges[2]",
        "S-1-5-21-1-1104 -access[LikesCoffee]-> coffee-1 @ graph.edges[8]",
        "S-1-5-21-1-1104 -controls[CanRDP]-> S-1-5-21-1-1001 @ graph.edges[5]",
        "S-1-5-21-1-1104 -memberOf[MemberOf]-> S-1-5-21-1-512 @ graph.edges[0]",
        "S-1-5-21-1-1105 -access[LikesCoffee]-> coffee-2 @ graph.edges[9]",
        "S-1-5-21-1-1105 -escalates[GenericAll]-> S-1-5-21-1-1104 @ graph.edges[3]",
        "S-1-5-21-1-512 -controls[AdminTo]-> S-1-5-21-1-1002 @ graph.edges[1]",
        "gpo-1 -controls[GPLink]-> CORP.LOCAL @ graph.edges[7]",
      ])
    let hasSession = try XCTUnwrap(
      graph.edgeIDs.first { graph.provenance(of: $0).location == "graph.edges[2]" })
    XCTAssertEqual(
      graph.provenance(of: hasSession).grant,
      #"OpenGraph edge HasSession from "S-1-5-21-1-1001" to name = "BOB@CORP.LOCAL""#)
  }

  func testCorpDomainWarnings() throws {
    let (_, warnings) = try OpenGraphFixtures.load([corpDomain])

    XCTAssertEqual(
      warnings.map { $0.description.replacingOccurrences(of: corpDomain, with: "f") },
      [
        #"f:graph.nodes[8]: node kind "Teapot" is not one blast maps, so 2 nodes become "#
          + "resources; docs/opengraph.md lists the kinds it maps",
        #"f:graph.edges[8]: edge kind "LikesCoffee" is not one blast maps, so its edges "#
          + "become access with the action LikesCoffee; docs/opengraph.md lists the kinds it "
          + "maps",
        #"f:graph.edges[10].end: no input defines a node with id "S-1-5-21-1-9999", so the "#
          + "Knows edge is skipped",
        #"f:graph.edges[11].start: no node has name "CAROL@CORP.LOCAL", so the MemberOf edge "#
          + "is skipped",
        #"f:graph.edges[12].start: node "S-1-5-21-1-1105" is not of kind "Computer", so the "#
          + "MemberOf edge is skipped",
        "f:graph.edges[13]: the AdminTo edge leads from a node to itself and grants nothing, "
          + "so it is skipped",
      ])
  }
}
