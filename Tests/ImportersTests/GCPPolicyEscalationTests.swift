import AccessGraph
import Foundation
import XCTest

@testable import Importers

/// `escalates` edges from IAM policy writes on organizations, folders and projects.
final class GCPPolicyEscalationTests: XCTestCase {
  private typealias Fixtures = GCPFixtures

  private let mallory = "user:mallory@acme.example"

  /// Runs the hierarchy of `Fixtures/gcp/bindings` with one folder policy for mallory.
  private func runFolderBinding(_ binding: String) throws -> AWSImportRun {
    let hierarchy = Fixtures.folder.appendingPathComponent("bindings")
    let policies = try writeTemporaryFolder([
      "folder-policy.json": """
        [{"policy": {"bindings": [\(binding)]},
          "resource": "//cloudresourcemanager.googleapis.com/folders/300000000001"}]
        """
    ])
    return try Fixtures.run(
      paths: ["organizations.json", "folders.json", "projects.json"].map {
        hierarchy.appendingPathComponent($0).path
      } + [policies])
  }

  func testProjectPolicyWriteOnFolderReachesProjects() throws {
    let run = try runFolderBinding(
      "{\"members\": [\"\(mallory)\"], \"role\": \"roles/resourcemanager.projectIamAdmin\"}")
    XCTAssertEqual(
      run.facts(from: mallory).filter { $0.relation == .escalates },
      [
        EdgeFact(
          mallory, "gcp:owner/projects/acme-app", .escalates,
          ["resourcemanager.projects.setIamPolicy"])
      ])
  }

  func testConditionalFolderWriteIsConditional() throws {
    let run = try runFolderBinding(
      """
      {"condition": {"expression": "false", "title": "never"}, "members": ["\(mallory)"],
       "role": "roles/resourcemanager.folderIamAdmin"}
      """)
    XCTAssertEqual(
      run.facts(from: mallory).filter { $0.relation == .escalates },
      [
        EdgeFact(
          mallory, "gcp:owner/folders/300000000001", .escalates,
          ["resourcemanager.folders.setIamPolicy"], conditional: true)
      ])
  }

  func testOwnerGetsNoPolicyWriteEdge() throws {
    let run = try runFolderBinding(
      "{\"members\": [\"\(mallory)\"], \"role\": \"roles/owner\"}")
    XCTAssertEqual(run.facts(from: mallory).filter { $0.relation == .escalates }, [])
  }
}
