import AccessGraph
import Foundation
import XCTest

@testable import Importers

final class InventoryImporterTests: XCTestCase {
  func testRecognizesDocumentWithInventoryKey() throws {
    let inventory = try InventoryFixtures.cursor(#"{"inventory": {"name": "x", "version": 1}}"#)
    let aws = try InventoryFixtures.cursor(#"{"UserDetailList": []}"#)
    let list = try InventoryFixtures.cursor(#"[{"inventory": {}}]"#)

    XCTAssertTrue(InventoryImporter.recognizes(inventory))
    XCTAssertFalse(InventoryImporter.recognizes(aws))
    XCTAssertFalse(InventoryImporter.recognizes(list))
  }

  func testDefinesEveryEntryAndStub() throws {
    let graph = try InventoryFixtures.loadSmallEstate()

    let nodes = Set(graph.nodes.map(InventoryFixtures.describe))

    XCTAssertEqual(
      nodes,
      [
        "alice | human | on-premises | corp.example | person | Alice Moreno",
        "bob | human | on-premises | corp.example | person | bob",
        "dba | group | on-premises | corp.example | group | Database administrators",
        "jenkins-admins | group | on-premises | corp.example | group | jenkins-admins",
        "svc-jenkins | serviceIdentity | on-premises | corp.example | service-account | "
          + #"CORP\svc-jenkins"#,
        "svc-billing | serviceIdentity | on-premises | corp.example | service-account | "
          + "svc-billing",
        "billing-db-user | serviceIdentity | on-premises | corp.example | postgres-role | "
          + "billing-db-user",
        "jenkins | workload | on-premises | corp.example | ci-server | jenkins01.corp.example",
        "billing | workload | application |  | application | billing",
        "payroll-db | resource | on-premises | corp.example | postgres | payroll-db | crown jewel",
        "billing-db | resource | on-premises | corp.example | postgres | billing-db",
        "vault | resource | on-premises | corp.example | hashicorp-vault | vault",
        "aws-deploy-key | credential | on-premises | corp.example | aws-access-key | "
          + "aws-deploy-key",
        "billing-db-cred | credential | on-premises | corp.example | secret | billing-db-cred",
        "corp-domain | scope | on-premises | corp.example | ad-domain | corp-domain",
        "domain-admin | privilege | on-premises | corp.example | privilege | "
          + "Active Directory domain admin",
        "arn:aws:iam::111122223333:user/ci-deploy | human | aws | 111122223333 | iam-user | "
          + "ci-deploy | stub",
        "arn:aws:iam::111122223333:role/deploy | serviceIdentity | aws | 111122223333 | "
          + "iam-role | deploy | stub",
        "arn:aws:iam::111122223333:role/vault-issued | serviceIdentity | aws | 111122223333 | "
          + "iam-role | vault-issued | stub",
        "arn:aws:s3:::acme-payroll-exports | resource | aws |  | s3-bucket | "
          + "acme-payroll-exports | crown jewel | stub",
      ])
  }

  func testAddsEveryStatedEdge() throws {
    let graph = try InventoryFixtures.loadSmallEstate()

    let edges = Set(graph.edgeIDs.map { InventoryFixtures.describe(graph.edge($0), in: graph) })

    let ciDeploy = "arn:aws:iam::111122223333:user/ci-deploy"
    XCTAssertEqual(
      edges,
      [
        "people[0].memberOf: alice memberOf dba",
        "people[1].memberOf: bob memberOf jenkins-admins",
        "groups[1].controls: jenkins-admins controls jenkins",
        "workloads[0].runsAs: jenkins runsAs svc-jenkins",
        "applications[0].runsAs: billing runsAs svc-billing",
        "resources[2].contains: vault contains billing-db-cred",
        "secrets[0].storedIn: jenkins contains aws-deploy-key",
        "secrets[0].authenticatesAs: aws-deploy-key authenticatesAs \(ciDeploy)",
        "secrets[1].authenticatesAs: billing-db-cred authenticatesAs billing-db-user",
        "scopes[0].contains: corp-domain contains jenkins",
        "scopes[0].contains: corp-domain contains payroll-db",
        "grants[0]: dba access payroll-db [read, write]",
        "grants[1]: svc-jenkins reads aws-deploy-key",
        "grants[2]: svc-billing reads billing-db-cred (conditional)",
        "grants[3]: billing-db-user access billing-db [read]",
        "grants[4]: alice escalates domain-admin",
        "grants[4]: bob escalates domain-admin",
        "grants[5]: bob assumes arn:aws:iam::111122223333:role/deploy",
        "grants[6]: vault federates arn:aws:iam::111122223333:role/vault-issued",
      ])
  }

  func testProvenanceNamesEntryNoteAndCondition() throws {
    let graph = try InventoryFixtures.loadSmallEstate()
    let file = InventoryFixtures.path("small-estate.json")

    let grants = Dictionary(
      graph.edgeIDs.map { graph.provenance(of: $0) }.map { ($0.grant, $0) },
      uniquingKeysWith: { first, _ in first })

    let reads = grants[
      #"inventory grant 1: svc-jenkins reads aws-deploy-key ("key kept in /etc/jenkins/aws.env")"#]
    XCTAssertEqual(reads?.file, file)
    XCTAssertEqual(reads?.location, "grants[1]")
    XCTAssertNotNil(grants[#"inventory grant 0: dba access payroll-db [read, write] ("DBA team")"#])
    XCTAssertNotNil(
      grants[
        #"inventory grant 2: svc-billing reads billing-db-cred if "only from the billing subnet""#
      ])
    XCTAssertNotNil(
      grants[#"inventory groups[1]: jenkins-admins controls jenkins ("admin role in Jenkins")"#])
    XCTAssertNotNil(
      grants[#"inventory secrets[0]: jenkins contains aws-deploy-key at "/etc/jenkins/aws.env""#])
  }

  func testSecretKeepsCredentialDetailsAndPath() throws {
    let graph = try InventoryFixtures.loadSmallEstate()

    let key = try XCTUnwrap(graph.nodeID(for: "aws-deploy-key").map(graph.node))
    let database = try XCTUnwrap(graph.nodeID(for: "billing-db-cred").map(graph.node))

    XCTAssertEqual(
      key.credential,
      CredentialDetails(type: .static, created: "2021-03-02", lastUsed: "2024-05-01T09:30:00Z"))
    XCTAssertEqual(key.tags, ["path": "/etc/jenkins/aws.env"])
    XCTAssertEqual(database.credential, CredentialDetails(type: .dynamic, expires: "2024-06-01"))
  }

  func testSecretWithoutTypeIsStatic() throws {
    let builder = try InventoryFixtures.importInline(
      #"{"inventory": {"name": "x", "version": 1}, "secrets": [{"id": "pw"}]}"#)

    let node = try XCTUnwrap(builder.nodeID(for: "pw").map(builder.node))

    XCTAssertEqual(node.credential, CredentialDetails(type: .static))
    XCTAssertEqual(node.platform, .onPremises)
    XCTAssertEqual(node.account, "")
  }

  func testWarnsOnceForEachUndefinedARN() throws {
    var warnings: [ImportWarning] = []

    _ = try EstateLoader { warnings.append($0) }.load([InventoryFixtures.path("small-estate.json")])

    let file = InventoryFixtures.path("small-estate.json")
    XCTAssertEqual(
      warnings.map(\.description),
      [
        "\(file):secrets[0].authenticatesAs: no input defines "
          + "\"arn:aws:iam::111122223333:user/ci-deploy\", so it is kept as a stub (a person); "
          + "add the IAM export of account 111122223333 to see its grants",
        "\(file):grants[5].assumes: no input defines "
          + "\"arn:aws:iam::111122223333:role/deploy\", so it is kept as a stub "
          + "(a service identity); add the IAM export of account 111122223333 to see its grants",
        "\(file):grants[6].federates: no input defines "
          + "\"arn:aws:iam::111122223333:role/vault-issued\", so it is kept as a stub "
          + "(a service identity); add the IAM export of account 111122223333 to see its grants",
        "\(file):marks[0].id: no other input names \"arn:aws:s3:::acme-payroll-exports\", "
          + "so it is kept as a stub (a resource); check the ARN against the AWS policies that "
          + "should grant it",
      ])
  }

  func testMarkMakesNodeOfAnotherInputCrownJewel() throws {
    var warnings: [ImportWarning] = []
    let loader = EstateLoader { warnings.append($0) }

    let graph = try loader.load([
      InventoryFixtures.path("defined-elsewhere.estate.json"),
      InventoryFixtures.path("marks-only.json"),
    ])

    let bucket = try XCTUnwrap(
      graph.nodeID(for: "arn:aws:s3:::acme-payroll-exports").map(graph.node))
    let user = try XCTUnwrap(
      graph.nodeID(for: "arn:aws:iam::111122223333:user/ci-deploy").map(graph.node))
    XCTAssertTrue(bucket.isCrownJewel)
    XCTAssertEqual(bucket.tags, ["data": "payroll", "owner": "finance"])
    XCTAssertEqual(bucket.type, "s3-bucket")
    XCTAssertTrue(user.isDefined)
    XCTAssertEqual(user.kind, .serviceIdentity)
    XCTAssertEqual(warnings, [])
  }

  func testNamesNonAWSNodeOfAnotherInput() throws {
    var warnings: [ImportWarning] = []
    let loader = EstateLoader { warnings.append($0) }

    let graph = try loader.load([
      InventoryFixtures.path("defined-elsewhere.estate.json"),
      InventoryFixtures.path("marks-only.json"),
    ])

    let edges = Set(graph.edgeIDs.map { InventoryFixtures.describe(graph.edge($0), in: graph) })
    XCTAssertTrue(
      edges.contains("people[0].assumes: alice assumes 3f2a9c1e-5b7d-4e8f-a6c0-9d1b2e3f4a5b"))
    XCTAssertEqual(warnings, [])
  }

  func testInventoryCanNameIdsOfAnotherInventoryFile() throws {
    let graph = try EstateLoader().load([
      InventoryFixtures.path("split/people.json"),
      InventoryFixtures.path("split/systems.json"),
    ])

    let edges = Set(graph.edgeIDs.map { InventoryFixtures.describe(graph.edge($0), in: graph) })

    XCTAssertEqual(
      edges,
      [
        "people[0].memberOf: carol memberOf ops",
        "grants[0]: ops controls cron-host",
        "workloads[0].runsAs: cron-host runsAs svc-cron",
      ])
  }

  func testLoadsFolderThroughEstateLoader() throws {
    let graph = try EstateLoader().load([InventoryFixtures.path("split")])

    XCTAssertEqual(graph.nodeCount, 5)
    XCTAssertEqual(graph.edgeCount, 3)
  }

  func testReachesARNThroughStoredKey() throws {
    let graph = try InventoryFixtures.loadSmallEstate()
    let jenkins = try XCTUnwrap(graph.nodeID(for: "svc-jenkins"))
    let ciDeploy = try XCTUnwrap(graph.nodeID(for: "arn:aws:iam::111122223333:user/ci-deploy"))

    let reach = graph.reachability(from: [jenkins])

    XCTAssertTrue(reach.actsAs(ciDeploy))
    XCTAssertEqual(reach.hops(to: ciDeploy), 2)
  }

  func testDocumentedExamplesImport() throws {
    let documentation = InventoryFixtures.repositoryRoot
      .appendingPathComponent("docs/inventory-format.md")
    let text = try String(contentsOf: documentation, encoding: .utf8)

    let blocks = text.components(separatedBy: "```json\n").dropFirst()
      .compactMap { $0.components(separatedBy: "\n```").first }
      .filter { $0.contains("\"inventory\":") }

    XCTAssertEqual(blocks.count, 2)
    for block in blocks {
      XCTAssertNoThrow(try InventoryFixtures.importInline(block), block)
    }
  }
}

/// Paths to the fixtures and helpers that import them.
enum InventoryFixtures {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/inventory")

  /// The repository root, two folders above this file's folder.
  static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  static func path(_ name: String) -> String {
    folder.appendingPathComponent(name).path
  }

  static func loadSmallEstate() throws -> AccessGraph {
    try EstateLoader().load([path("small-estate.json")])
  }

  static func cursor(_ json: String, file: String = "inline.json") throws -> JSONCursor {
    try JSONCursor.parse(Data(json.utf8), file: file)
  }

  /// Imports JSON texts as inventory files named `inline.json`, `inline-1.json` and so on,
  /// with no other input.
  static func importInline(
    _ documents: String..., warnings: ((ImportWarning) -> Void)? = nil
  ) throws -> EstateBuilder {
    var importer = InventoryImporter()
    for (index, json) in documents.enumerated() {
      let document = try cursor(json, file: index == 0 ? "inline.json" : "inline-\(index).json")
      precondition(InventoryImporter.recognizes(document), "not an inventory: \(json)")
      try importer.add(document)
    }
    var builder = EstateBuilder()
    try importer.define(into: &builder, warn: warnings ?? { _ in })
    try importer.connect(into: &builder, warn: warnings ?? { _ in })
    return builder
  }

  /// Imports `documents` and returns the description of the error that stops the import, or
  /// nil when none does.
  static func importError(_ documents: String...) -> String? {
    var importer = InventoryImporter()
    do {
      for (index, json) in documents.enumerated() {
        let file = index == 0 ? "inline.json" : "inline-\(index).json"
        try importer.add(try cursor(json, file: file))
      }
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

  static func describe(_ node: Node) -> String {
    var fields = [
      node.id, node.kind.rawValue, node.platform.rawValue, node.account, node.type, node.name,
    ]
    if node.isCrownJewel { fields.append("crown jewel") }
    if !node.isDefined { fields.append("stub") }
    return fields.joined(separator: " | ")
  }

  static func describe(_ edge: Edge, in graph: AccessGraph) -> String {
    var text = "\(edge.provenance.location): \(graph.node(edge.source).id) "
      + "\(edge.relation.rawValue) \(graph.node(edge.target).id)"
    if !edge.actions.isEmpty { text += " [\(edge.actions.joined(separator: ", "))]" }
    if edge.isConditional { text += " (conditional)" }
    return text
  }
}
