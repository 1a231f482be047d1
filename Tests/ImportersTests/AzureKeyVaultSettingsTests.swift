import XCTest

@testable import Importers

/// How a vault's permission model is read from the outputs that print it.
final class AzureKeyVaultSettingsTests: XCTestCase {
  private func settings(_ properties: String) throws -> AzureKeyVaultSettings {
    try AzureKeyVaultSettings.parse(AWSFixtures.document(json: properties))
  }

  func testTrueMeansRoleBasedAccess() throws {
    XCTAssertEqual(
      try settings(#"{"enableRbacAuthorization": true, "accessPolicies": []}"#)
        .usesRoleBasedAccess, true)
  }

  func testNullMeansAccessPolicies() throws {
    XCTAssertEqual(
      try settings(#"{"enableRbacAuthorization": null, "accessPolicies": []}"#)
        .usesRoleBasedAccess, false)
    XCTAssertEqual(try settings(#"{"enableRbacAuthorization": null}"#).usesRoleBasedAccess, false)
  }

  func testPrintedPoliciesWithoutSettingMeanAccessPolicies() throws {
    XCTAssertEqual(try settings(#"{"accessPolicies": []}"#).usesRoleBasedAccess, false)
  }

  func testNeitherPrintedLeavesItUnknown() throws {
    XCTAssertNil(try settings(#"{"sku": {"name": "standard"}}"#).usesRoleBasedAccess)
  }
}
