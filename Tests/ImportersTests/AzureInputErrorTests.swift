import AccessGraph
import XCTest

@testable import Importers

/// Azure outputs that cannot be imported, and the messages that name where and why.
final class AzureInputErrorTests: XCTestCase {
  func testUnknownObjectInListNamesIndex() throws {
    let error = try XCTUnwrap(
      AzureFixtures.addError(
        """
        [{"principalId": "a11ce000", "roleDefinitionId": "/x/roleDefinitions/r1", "scope": "/"},
         {"displayName": "not an Azure object"}]
        """))
    XCTAssertEqual(error.location, "[1]")
    XCTAssertEqual(
      error.problem,
      "not a role assignment, role definition, management group, subscription, resource group "
        + "or resource as the Azure CLI prints them")
  }

  func testAssignmentWithoutScopeIsInvalid() throws {
    let error = try XCTUnwrap(
      AzureFixtures.addError(
        """
        [{"principalId": "a11ce000", "roleDefinitionId": "/x/roleDefinitions/r1"}]
        """, file: "role-assignments.json"))
    XCTAssertEqual(error.file, "role-assignments.json")
    XCTAssertEqual(error.location, "[0]")
    XCTAssertEqual(error.problem, "\"scope\" is missing")
  }

  func testAccessPolicyWithoutObjectIDIsInvalid() throws {
    let error = try XCTUnwrap(
      AzureFixtures.addError(
        """
        [{"id": "/subscriptions/2c7e/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv",
          "name": "kv", "type": "Microsoft.KeyVault/vaults",
          "properties": {"accessPolicies": [{"permissions": {"secrets": ["get"]}}]}}]
        """))
    XCTAssertEqual(error.location, "[0].properties.accessPolicies[0]")
    XCTAssertEqual(error.problem, "\"objectId\" is missing")
  }

  func testRootScopeAssignmentWarnsAndGivesNoEdge() throws {
    var importer = AzureResourceManagerImporter()
    try importer.add(
      AWSFixtures.document(
        json: """
          [{"name": "0a0f", "principalId": "A11CE000", "principalType": "User",
            "roleDefinitionId": "/providers/Microsoft.Authorization/roleDefinitions/r1",
            "scope": "/"}]
          """, file: "role-assignments.json"))
    var builder = EstateBuilder()
    var warnings: [ImportWarning] = []
    try importer.define(into: &builder, warn: { warnings.append($0) })
    try importer.connect(into: &builder, warn: { warnings.append($0) })
    XCTAssertEqual(builder.edgeCount, 0)
    XCTAssertEqual(
      warnings.map(\.description),
      [
        "role-assignments.json:[0]: the scope \"/\" of role assignment 0a0f is not a "
          + "management group, subscription, resource group or resource id, so the assignment "
          + "gives no edge"
      ])
  }

  func testEmptyListIsRecognized() throws {
    XCTAssertTrue(AzureResourceManagerImporter.recognizes(try AWSFixtures.document(json: "[]")))
  }
}
