import AccessGraph
import Foundation
import XCTest

@testable import Importers

/// The Azure fixtures in `Fixtures/azure` and the real role definitions beside the
/// repository, with the ids that tests name.
enum AzureFixtures {
  static let folder = AWSFixtures.testsFolder.appendingPathComponent("Fixtures/azure")

  /// The real built-in role definitions, kept beside the repository in
  /// `shared/real-inputs/azure`.
  static let realInputs = AWSFixtures.realInputs.deletingLastPathComponent()
    .appendingPathComponent("azure")

  static let tenant = "6f0c2a9e-1d4b-4c8e-a7f3-2b5d9e1c0a64"
  static let subscription = "/subscriptions/2c7e9a1b-5d3f-4e8a-9b6c-0f1d2e3a4b5c"
  static let rootGroup = "/providers/microsoft.management/managementgroups/\(tenant)"
  static let platformGroup = "/providers/microsoft.management/managementgroups/contoso-platform"
  static let appGroup = subscription + "/resourcegroups/rg-app"
  static let opsGroup = subscription + "/resourcegroups/rg-ops"

  /// The id of a resource in a resource group, such as
  /// `resource(appGroup, "microsoft.compute/virtualmachines/vm-build-01")`.
  static func resource(_ group: String, _ typeAndName: String) -> String {
    "\(group)/providers/\(typeAndName)"
  }

  /// Loads files or folders through `EstateLoader`, as `blast` does, collecting warnings.
  static func run(paths: [String]) throws -> AWSImportRun {
    var warnings: [ImportWarning] = []
    let builder = try EstateLoader(warn: { warnings.append($0) }).build(paths)
    return AWSImportRun(graph: builder.freeze(), warnings: warnings)
  }

  /// Loads the folder `Fixtures/azure/<name>`.
  static func run(folder name: String) throws -> AWSImportRun {
    try run(paths: [folder.appendingPathComponent(name).path])
  }

  /// Returns the error that adding `json` to the importer throws, as the file `file`.
  static func addError(_ json: String, file: String = "output.json", line: UInt = #line)
    -> ImportError?
  {
    do {
      var importer = AzureResourceManagerImporter()
      try importer.add(try AWSFixtures.document(json: json, file: file))
      XCTFail("adding the document did not throw", line: line)
      return nil
    } catch {
      return error as? ImportError
    }
  }
}

extension XCTestCase {
  /// Writes `files`, by name, into a new folder that is removed after the test, and returns
  /// the folder's path.
  func writeTemporaryFolder(_ files: [String: String]) throws -> String {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("blast-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
    for (name, text) in files {
      try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }
    return folder.path
  }
}
