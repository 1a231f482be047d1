import AccessGraph
import Foundation
import XCTest

@testable import Importers

/// A secret that an inventory places in a key vault: a principal that reads the vault holds
/// the secret, and so acts as the identity it signs in as, across platforms.
final class AzureVaultSecretTests: XCTestCase {
  private let vmIdentity = "5a5a0000-0000-4000-8000-0000000000a1"
  private let sharedVault = AzureFixtures.resource(
    AzureFixtures.opsGroup, "microsoft.keyvault/vaults/kv-shared")
  private let awsUser = "arn:aws:iam::111122223333:user/report-upload"

  private func importVaultEstate() throws -> AWSImportRun {
    let folder = try writeTemporaryFolder([
      "inventory.json": """
      {"inventory": {"name": "vault contents", "version": 1, "account": "contoso"},
       "secrets": [
         {"id": "report-upload-key", "name": "AWS access key of report-upload",
          "type": "static", "storedIn": "\(sharedVault)",
          "authenticatesAs": "\(awsUser)"}]}
      """
    ])
    return try AzureFixtures.run(paths: [
      AzureFixtures.folder.appendingPathComponent("contoso").path, folder,
    ])
  }

  func testVaultContainsTheSecret() throws {
    XCTAssertEqual(
      try importVaultEstate().facts(from: sharedVault),
      [EdgeFact(sharedVault, "report-upload-key", .contains)])
  }

  func testVaultReaderActsAsSecretIdentity() throws {
    let run = try importVaultEstate()
    let reader = try XCTUnwrap(run.graph.nodeID(for: vmIdentity))
    let user = try XCTUnwrap(run.graph.nodeID(for: awsUser))
    let reach = run.graph.reachability(from: [reader])
    XCTAssertTrue(reach.actsAs(user))
    XCTAssertEqual(
      reach.path(to: user).map { run.fact($0) },
      [
        EdgeFact(
          vmIdentity, sharedVault, .access,
          [
            "data:Microsoft.KeyVault/vaults/secrets/getSecret/action",
            "data:Microsoft.KeyVault/vaults/secrets/readMetadata/action",
          ]),
        EdgeFact(sharedVault, "report-upload-key", .contains),
        EdgeFact("report-upload-key", awsUser, .authenticatesAs),
      ])
  }
}
