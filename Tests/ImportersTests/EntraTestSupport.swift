import AccessGraph
import Foundation
import XCTest

@testable import Importers

/// The fixtures in `Fixtures/azure/entra`: one tenant's users, groups, applications and
/// service principals as `az ad ... list` and `az rest` of Microsoft Graph print them.
enum EntraFixtures {
  static let tenant = "7f3e0c9a-1b2d-4c5e-8f90-a1b2c3d4e5f6"

  static let folder = AWSFixtures.testsFolder.appendingPathComponent("Fixtures/azure/entra")

  static let alice = "11111111-aaaa-4aaa-8aaa-000000000001"
  static let bob = "11111111-aaaa-4aaa-8aaa-000000000002"
  static let carol = "11111111-aaaa-4aaa-8aaa-000000000003"
  /// A Cloud Application Administrator that only the directory role list names.
  static let dave = "11111111-aaaa-4aaa-8aaa-000000000004"
  static let platformAdmins = "22222222-bbbb-4bbb-8bbb-000000000001"
  static let deployBotApp = "app:44444444-dddd-4ddd-8ddd-000000000001"
  static let automationApp = "app:44444444-dddd-4ddd-8ddd-000000000002"
  static let deployBot = "55555555-eeee-4eee-8eee-000000000001"
  static let automation = "55555555-eeee-4eee-8eee-000000000002"
  static let buildIdentity = "55555555-eeee-4eee-8eee-000000000003"
  static let microsoftGraph = "55555555-eeee-4eee-8eee-000000000004"
  static let expensesPortal = "55555555-eeee-4eee-8eee-000000000005"
  static let buildIdentityResource =
    "/subscriptions/0b1c2d3e-4f50-4a6b-9c7d-8e9f0a1b2c3d/resourcegroups/build-rg/providers/"
    + "microsoft.managedidentity/userassignedidentities/mi-build"
  static let globalAdministrator = "entra:global-administrator/\(tenant)"
  static let privilegedRoleAdministrator = "entra:privileged-role-administrator/\(tenant)"
  static let deployBotPassword = "\(deployBotApp)/password/77777777-0000-4000-8000-000000000001"
  static let deployBotCertificate =
    "\(deployBotApp)/certificate/77777777-0000-4000-8000-000000000002"
  static let expensesPortalCertificate =
    "\(expensesPortal)/certificate/77777777-0000-4000-8000-000000000004"
  static let githubCredential = "\(deployBotApp)/federated/github-main"
  static let aksCredential = "\(buildIdentityResource)/federated/aks-builder"
  static let aksServiceAccount =
    "https://westeurope.oic.prod-aks.azure.com/7f3e0c9a-1b2d-4c5e-8f90-a1b2c3d4e5f6/"
    + "3c1f9e2a-5b7d-4e8f-a0b1-c2d3e4f5a6b7/|system:serviceaccount:build:builder"

  static func path(_ name: String) -> String {
    folder.appendingPathComponent(name).path
  }

  /// Loads fixtures by name through `EstateLoader`, as `blast` does.
  static func run(_ names: String...) throws -> AWSImportRun {
    try WorkloadFixtures.run(paths: names.map(path))
  }

  /// Loads the whole fixture folder.
  static func runAll() throws -> AWSImportRun {
    try WorkloadFixtures.run(paths: [folder.path])
  }

  /// Writes each JSON text to its own file in a new temporary folder, loads them together
  /// with the named fixtures, and removes the folder.
  static func run(json files: [String: String], with names: [String] = []) throws
    -> AWSImportRun
  {
    let scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("entra-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    for (name, text) in files {
      try Data(text.utf8).write(to: scratch.appendingPathComponent(name))
    }
    return try WorkloadFixtures.run(paths: [scratch.path] + names.map(path))
  }

  /// Returns the error that loading `json` as the file `name` throws.
  static func loadError(_ json: String, name: String = "export.json") -> ImportError? {
    do {
      _ = try run(json: [name: json])
      return nil
    } catch {
      return error as? ImportError
    }
  }
}
