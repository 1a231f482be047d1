import AccessGraph
import Foundation
import XCTest

@testable import Importers

/// The GCP fixtures in `Fixtures/gcp` and the real gcloud outputs beside the repository,
/// with the ids that tests name.
enum GCPFixtures {
  static let folder = AWSFixtures.testsFolder.appendingPathComponent("Fixtures/gcp")

  /// The real outputs, kept beside the repository in `shared/real-inputs/gcp`.
  static let realInputs = AWSFixtures.realInputs.deletingLastPathComponent()
    .appendingPathComponent("gcp")

  static let organization = "gcp:organizations/100000000001"
  static let engineering = "gcp:folders/300000000001"
  static let app = "gcp:projects/acme-app"
  static let data = "gcp:projects/acme-data"
  static let deployer = "serviceAccount:deployer@acme-app.iam.gserviceaccount.com"

  /// Loads files or folders through `EstateLoader`, as `blast` does, collecting warnings.
  static func run(paths: [String]) throws -> AWSImportRun {
    var warnings: [ImportWarning] = []
    let builder = try EstateLoader(warn: { warnings.append($0) }).build(paths)
    return AWSImportRun(graph: builder.freeze(), warnings: warnings)
  }

  /// Loads the folder `Fixtures/gcp/<name>`.
  static func run(folder name: String) throws -> AWSImportRun {
    try run(paths: [folder.appendingPathComponent(name).path])
  }

  /// Returns the node with id `id`, failing the test when there is none.
  static func node(_ id: String, in run: AWSImportRun, line: UInt = #line) throws -> Node {
    let found = try XCTUnwrap(run.graph.nodeID(for: id), "no node \(id)", line: line)
    return run.graph.node(found)
  }
}
