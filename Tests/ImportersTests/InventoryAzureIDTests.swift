import AccessGraph
import Foundation
import XCTest

@testable import Importers

/// Inventories that name Azure principals and resources by id, in any letter case.
final class InventoryAzureIDTests: XCTestCase {
  func testUpperCaseObjectIDFindsTheServicePrincipal() throws {
    let folder = try writeTemporaryFolder([
      "service-principals.json": """
      [{"appId": "44444444-dddd-4ddd-8ddd-00000000000a", "displayName": "legacy-sync",
        "id": "55555555-eeee-4eee-8eee-00000000000a", "servicePrincipalType": "Application",
        "passwordCredentials": [], "keyCredentials": []}]
      """,
      "inventory.json": """
      {"inventory": {"name": "jobs", "version": 1},
       "workloads": [{"id": "cron-az", "name": "cron-az",
                      "runsAs": "55555555-EEEE-4EEE-8EEE-00000000000A"}]}
      """,
    ])
    let run = try AzureFixtures.run(paths: [folder])
    XCTAssertEqual(
      run.facts(from: "cron-az"),
      [EdgeFact("cron-az", "55555555-eeee-4eee-8eee-00000000000a", .runsAs)])
  }

  func testAzureIDForms() {
    XCTAssertTrue(InventoryResolver.isAzureID("55555555-EEEE-4EEE-8EEE-00000000000A"))
    XCTAssertTrue(InventoryResolver.isAzureID("/Subscriptions/x/resourceGroups/rg"))
    XCTAssertTrue(InventoryResolver.isAzureID("/providers/Microsoft.Management/x"))
    XCTAssertFalse(InventoryResolver.isAzureID("svc-jenkins"))
    XCTAssertFalse(InventoryResolver.isAzureID("55555555-eeee-4eee-8eee-00000000000g"))
  }
}
