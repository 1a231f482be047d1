import XCTest

@testable import Importers

/// Parsing Azure Resource Manager ids into scopes and parents.
final class AzureResourceIDTests: XCTestCase {
  private let subscription = "/subscriptions/2c7e9a1b-5d3f-4e8a-9b6c-0f1d2e3a4b5c"

  func testManagementGroupKeepsPrintedName() throws {
    let id = try XCTUnwrap(
      AzureResourceID("/providers/Microsoft.Management/managementGroups/Contoso-Platform"))
    XCTAssertEqual(id.text, "/providers/microsoft.management/managementgroups/contoso-platform")
    XCTAssertEqual(id.level, .managementGroup(name: "Contoso-Platform"))
    XCTAssertNil(id.parent)
  }

  func testSubscriptionAndResourceGroup() throws {
    let group = try XCTUnwrap(
      AzureResourceID("/subscriptions/2C7E9A1B-5D3F-4E8A-9B6C-0F1D2E3A4B5C/resourceGroups/RG-App/"))
    XCTAssertEqual(group.text, subscription + "/resourcegroups/rg-app")
    XCTAssertEqual(group.level, .resourceGroup(name: "RG-App"))
    XCTAssertEqual(group.parent, subscription)
    XCTAssertEqual(AzureResourceID(subscription)?.level, .subscription)
  }

  func testChildResourceHasParentResource() throws {
    let extensionID = try XCTUnwrap(
      AzureResourceID(
        subscription + "/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/"
          + "vm-build-01/extensions/CustomScript"))
    XCTAssertEqual(extensionID.resourceType, "microsoft.compute/virtualmachines/extensions")
    XCTAssertEqual(extensionID.name, "CustomScript")
    XCTAssertEqual(
      extensionID.parent,
      subscription + "/resourcegroups/rg-app/providers/microsoft.compute/virtualmachines/"
        + "vm-build-01")
    XCTAssertEqual(extensionID.resourceGroupID, subscription + "/resourcegroups/rg-app")
  }

  func testSubscriptionLevelResourceHasSubscriptionParent() throws {
    let id = try XCTUnwrap(
      AzureResourceID(subscription + "/providers/Microsoft.Security/pricings/VirtualMachines"))
    XCTAssertEqual(id.level, .resource)
    XCTAssertEqual(id.parent, subscription)
    XCTAssertNil(id.resourceGroupID)
  }

  func testRootScopeAndMalformedIdsAreRejected() {
    XCTAssertNil(AzureResourceID("/"))
    XCTAssertNil(AzureResourceID("/tenants/6f0c2a9e"))
    XCTAssertNil(AzureResourceID(subscription + "/resourceGroups/rg-app/providers/Microsoft.Web"))
  }
}
