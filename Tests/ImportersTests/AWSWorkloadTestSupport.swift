import AccessGraph
import Foundation
import XCTest

@testable import Importers

/// The fixtures in `Fixtures/aws-workloads`, each the output of one AWS CLI command, and an
/// authorization export of the same account whose roles some of the workloads run as.
enum WorkloadFixtures {
  static let account = "210987654321"

  static let folder = AWSFixtures.testsFolder.appendingPathComponent("Fixtures/aws-workloads")

  /// The path of a fixture, which provenance and warnings name.
  static func path(_ name: String) -> String {
    folder.appendingPathComponent(name).path
  }

  /// Loads fixtures through `EstateLoader`, as `blast` does, collecting the warnings.
  static func run(_ names: String...) throws -> AWSImportRun {
    try run(paths: names.map(path))
  }

  /// Loads files or folders through `EstateLoader`, collecting the warnings.
  static func run(paths: [String]) throws -> AWSImportRun {
    var warnings: [ImportWarning] = []
    let builder = try EstateLoader(warn: { warnings.append($0) }).build(paths)
    return AWSImportRun(graph: builder.freeze(), warnings: warnings)
  }

  /// Returns the error that adding `json` to a workload importer throws, as the file `file`.
  static func addError(
    _ json: String, file: String = "output.json", line: UInt = #line
  ) -> ImportError? {
    do {
      var importer = AWSWorkloadImporter()
      try importer.add(try AWSFixtures.document(json: json, file: file))
      XCTFail("adding the document did not throw", line: line)
      return nil
    } catch {
      return error as? ImportError
    }
  }

  /// Returns the ARN of an IAM resource of the fixtures' account, such as `role/web-task`.
  static func iamARN(_ resource: String) -> String {
    "arn:aws:iam::\(account):\(resource)"
  }
}

extension AWSImportRun {
  /// The platform ids of every node.
  var ids: Set<String> {
    Set(graph.nodeIDs.map { graph.node($0).id })
  }
}
