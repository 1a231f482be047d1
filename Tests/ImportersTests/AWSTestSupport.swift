import AccessGraph
import Foundation
import XCTest

@testable import Importers

/// One edge with its ends as node ids, for comparing edge sets exactly.
struct EdgeFact: Hashable, CustomStringConvertible {
  var source: String
  var target: String
  var relation: Relation
  var actions: [String]
  var isConditional: Bool

  init(
    _ source: String, _ target: String, _ relation: Relation, _ actions: [String] = [],
    conditional: Bool = false
  ) {
    self.source = source
    self.target = target
    self.relation = relation
    self.actions = actions
    self.isConditional = conditional
  }

  var description: String {
    "\(source) -\(relation.rawValue)\(actions)\(isConditional ? "?" : "")-> \(target)"
  }
}

/// The graph and warnings of one run of the AWS importer.
struct AWSImportRun {
  let graph: AccessGraph
  let warnings: [ImportWarning]

  /// Every edge as a fact.
  var facts: Set<EdgeFact> {
    Set(graph.edgeIDs.map(fact))
  }

  /// The edges leaving the node `source`.
  func facts(from source: String) -> Set<EdgeFact> {
    facts.filter { $0.source == source }
  }

  /// The edges entering the node `target`.
  func facts(into target: String) -> Set<EdgeFact> {
    facts.filter { $0.target == target }
  }

  func fact(_ id: EdgeID) -> EdgeFact {
    let edge = graph.edge(id)
    return EdgeFact(
      graph.node(edge.source).id, graph.node(edge.target).id, edge.relation, edge.actions,
      conditional: edge.isConditional)
  }

  /// The provenance of the one edge matching `fact`.
  func provenance(of fact: EdgeFact, file: StaticString = #filePath, line: UInt = #line)
    -> Provenance?
  {
    let matches = graph.edgeIDs.filter { self.fact($0) == fact }
    XCTAssertEqual(matches.count, 1, "edges matching \(fact)", file: file, line: line)
    return matches.first.map { graph.provenance(of: $0) }
  }

  func node(_ id: String) -> Node? {
    graph.nodeID(for: id).map { graph.node($0) }
  }
}

enum AWSFixtures {
  /// The folder of this file: `Tests/ImportersTests`.
  static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

  /// The real exports, kept beside the repository in `shared/real-inputs/aws`.
  static let realInputs = testsFolder.deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("shared/real-inputs/aws")

  static func url(_ name: String) -> URL {
    testsFolder.appendingPathComponent("Fixtures/aws").appendingPathComponent(name)
  }

  /// Parses a fixture, naming it in provenance by its file name alone.
  static func document(_ name: String) throws -> JSONCursor {
    try JSONCursor.parse(Data(contentsOf: url(name)), file: name)
  }

  /// Parses JSON written in a test, as if it were the file `file`.
  static func document(json: String, file: String = "test.json") throws -> JSONCursor {
    try JSONCursor.parse(Data(json.utf8), file: file)
  }

  /// Runs the importer on documents, after defining `resources` as the inventory would.
  ///
  /// - Parameter grantsOnServiceScopes: False to make one edge per resource where a grant
  ///   would go to a service scope.
  static func run(
    _ documents: [JSONCursor], resources: [Node] = [], grantsOnServiceScopes: Bool = true
  ) throws -> AWSImportRun {
    var importer = AWSAuthorizationImporter()
    importer.grantsOnServiceScopes = grantsOnServiceScopes
    for document in documents {
      try importer.add(document)
    }
    var builder = EstateBuilder()
    for resource in resources {
      builder.define(resource)
    }
    var warnings: [ImportWarning] = []
    try importer.define(into: &builder) { warnings.append($0) }
    try importer.connect(into: &builder) { warnings.append($0) }
    return AWSImportRun(graph: builder.freeze(), warnings: warnings)
  }

  /// Runs the importer on fixtures by name.
  static func run(_ names: String..., resources: [Node] = []) throws -> AWSImportRun {
    try run(names.map(document), resources: resources)
  }

  /// A resource node as the inventory importer would define it.
  static func resource(_ arn: String, type: String, account: String = "") -> Node {
    Node(id: arn, kind: .resource, platform: .aws, account: account, type: type)
  }
}
