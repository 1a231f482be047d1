import AccessGraph
import XCTest

@testable import Importers

/// How Entra ID documents are recognized and read: context URLs, list shapes, paging, the
/// limit of expanded relations, and invalid entries.
final class EntraDocumentTests: XCTestCase {
  private typealias F = EntraFixtures

  func testContextURLs() {
    let graph = "https://graph.microsoft.com/v1.0/$metadata#"
    let cases: [(String, EntraDocumentKind?)] = [
      ("users", .users),
      ("users(id,displayName)", .users),
      ("groups(members())", .groups),
      ("servicePrincipals(owners())", .servicePrincipals),
      ("applications", .applications),
      ("directoryRoles(members())", .directoryRoles),
      ("roleManagement/directory/roleAssignments(principal())", .roleAssignments),
      ("groups('AB12')/members", .groupMembers(groupID: "ab12")),
      ("applications('AB12')/owners", .owners(.application(.objectID("ab12")))),
      ("servicePrincipals('ab12')/owners", .owners(.servicePrincipal("ab12"))),
      (
        "applications('ab12')/federatedIdentityCredentials",
        .applicationFederatedCredentials(.objectID("ab12"))
      ),
      (
        "applications(appId='CD34')/federatedIdentityCredentials",
        .applicationFederatedCredentials(.appID("cd34"))
      ),
      ("directoryObjects", .unnamedDirectoryObjects),
      ("devices", nil),
    ]
    for (path, expected) in cases {
      XCTAssertEqual(EntraDocumentKind.kind(ofContext: graph + path), expected, path)
    }
  }

  func testListShapes() throws {
    let cases: [(String, EntraDocumentKind?)] = [
      (#"[{"id": "a", "userPrincipalName": "a@x"}]"#, .users),
      (#"[{"id": "a", "securityEnabled": true, "mailEnabled": false}]"#, .groups),
      (#"[{"id": "a", "appId": "b", "servicePrincipalType": "Application"}]"#, .servicePrincipals),
      (#"[{"id": "a", "appId": "b", "signInAudience": "AzureADMyOrg"}]"#, .applications),
      (##"[{"@odata.type": "#microsoft.graph.user", "id": "a"}]"##, .unnamedDirectoryObjects),
      (
        #"{"value": [{"principalId": "a", "roleDefinitionId": "b", "directoryScopeId": "/"}]}"#,
        .roleAssignments
      ),
      (#"[{"issuer": "i", "subject": "s", "name": "n"}]"#, .applicationFederatedCredentials(nil)),
      (
        #"[{"issuer": "i", "subject": "s", "type": "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials"}]"#,
        .managedIdentityFederatedCredentials
      ),
      ("[]", nil),
      (#"[{"principalId": "a", "roleDefinitionId": "b", "scope": "/subscriptions/c"}]"#, nil),
      (#"{"UserDetailList": []}"#, nil),
    ]
    for (json, expected) in cases {
      let document = try AWSFixtures.document(json: json)
      XCTAssertEqual(EntraDocumentKind.classify(document), expected, json)
    }
  }

  func testTenantWideAdministratorUsesGroupNode() throws {
    let principals = (1...10).map { index in
      """
      {"id": "00000000-0000-4000-8000-0000000000\(String(format: "%02d", index))",
       "appId": "10000000-0000-4000-8000-0000000000\(String(format: "%02d", index))",
       "displayName": "app-\(index)", "servicePrincipalType": "Application"}
      """
    }
    let roles = """
      {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#roleManagement/directory/roleAssignments",
       "value": [{"id": "ra-1", "principalId": "\(F.alice)", "directoryScopeId": "/",
                  "roleDefinitionId": "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3"}]}
      """
    let run = try F.run(
      json: ["sp.json": "[\(principals.joined(separator: ","))]", "roles.json": roles],
      with: ["az-ad-user-list.json"])
    let group = "entra:tenant/unknown/application-service-principals"
    var expected: Set<EdgeFact> = [EdgeFact(F.alice, group, .assumes)]
    for index in 1...10 {
      expected.insert(
        EdgeFact(
          group, "00000000-0000-4000-8000-0000000000\(String(format: "%02d", index))", .contains))
    }
    XCTAssertEqual(run.facts, expected)
    XCTAssertEqual(run.node(group)?.type, "entra-identity-group")
    XCTAssertEqual(
      run.provenance(of: EdgeFact(F.alice, group, .assumes))?.technique,
      "Add a secret to an application as Application Administrator")
  }

  func testAdministratorSkipsManagedIdentitiesAndItself() throws {
    let roles = """
      [{"id": "ra-2", "principalId": "\(F.automation)", "directoryScopeId": "/",
        "roleDefinitionId": "158c047a-c907-4556-b7ef-446551a6b5f7"}]
      """
    let run = try F.run(json: ["roles.json": roles], with: ["az-ad-sp-list.json"])
    XCTAssertEqual(
      run.facts(from: F.automation),
      [
        EdgeFact(F.automation, F.deployBot, .assumes),
        EdgeFact(F.automation, F.microsoftGraph, .assumes),
        EdgeFact(F.automation, F.expensesPortal, .assumes),
      ])
  }

  func testUnnamedOwnerListIsSkipped() throws {
    let owners = """
      [{"@odata.type": "#microsoft.graph.user", "id": "\(F.alice)", "displayName": "Alice"}]
      """
    let run = try F.run(json: ["owners.json": owners])
    XCTAssertEqual(run.ids, [])
    XCTAssertEqual(run.warnings.count, 1)
    XCTAssertTrue(
      run.warnings.first?.message.hasPrefix(
        "skipped a list of owners or members that does not name the application") ?? false,
      "\(run.warnings)")
  }

  func testGroupMembersFromContextURL() throws {
    let members = """
      {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#groups('\(F.platformAdmins)')/members",
       "value": [{"@odata.type": "#microsoft.graph.servicePrincipal", "id": "\(F.automation)",
                  "displayName": "tenant-automation"}]}
      """
    let run = try F.run(json: ["members.json": members])
    XCTAssertEqual(run.facts, [EdgeFact(F.automation, F.platformAdmins, .memberOf)])
    XCTAssertEqual(run.node(F.automation)?.type, "service-principal")
    XCTAssertEqual(run.node(F.platformAdmins)?.kind, .group)
  }

  func testFederatedCredentialNamedByDataID() throws {
    let credentials = """
      [{"@odata.id": "https://graph.microsoft.com/v2/\(F.tenant)/directoryObjects/$/Microsoft.DirectoryServices.Application('33333333-cccc-4ccc-8ccc-000000000001')/federatedIdentityCredentials/99999999-0000-4000-8000-000000000002",
        "audiences": ["api://AzureADTokenExchange"], "id": "99999999-0000-4000-8000-000000000002",
        "issuer": "https://token.actions.githubusercontent.com", "name": "github-release",
        "subject": "repo:northwind/deploy:environment:release"}]
      """
    let run = try F.run(
      json: ["credentials.json": credentials], with: ["az-ad-app-list.json", "az-ad-sp-list.json"])
    let credential = "\(F.deployBotApp)/federated/github-release"
    XCTAssertEqual(
      run.facts(from: credential), [EdgeFact(credential, F.deployBot, .authenticatesAs)])
  }

  func testExpandLimitWarns() throws {
    let members = (1...20).map { index in
      ##"{"@odata.type": "#microsoft.graph.user", "id": "u\##(index)"}"##
    }
    let groups = """
      {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#groups(members())",
       "value": [{"id": "g1", "displayName": "big", "members": [\(members.joined(separator: ","))]}]}
      """
    let run = try F.run(json: ["groups.json": groups])
    XCTAssertEqual(run.facts(into: "g1").count, 20)
    XCTAssertEqual(run.warnings.map(\.location), ["value[0].members"])
    XCTAssertEqual(
      run.warnings.first?.message,
      "the object lists 20 members, the maximum that `$expand=members` returns, so some may be "
        + "missing; export groups/{id}/members for this object to read them all")
  }

  func testNextLinkWarns() throws {
    let users = """
      {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users",
       "@odata.nextLink": "https://graph.microsoft.com/v1.0/users?$skiptoken=X",
       "value": [{"id": "\(F.alice)", "displayName": "Alice"}]}
      """
    let run = try F.run(json: ["users.json": users])
    XCTAssertEqual(run.ids, [F.alice])
    XCTAssertEqual(run.warnings.map(\.location), ["@odata.nextLink"])
  }

  func testMissingIDIsError() {
    let error = F.loadError(#"[{"displayName": "Alice", "userPrincipalName": "a@x"}]"#)
    XCTAssertEqual(error?.reason, .invalidData)
    XCTAssertEqual(error?.location, "[0]")
    XCTAssertEqual(error?.problem, "\"id\" is missing")
  }

  func testMismatchedExpandedPrincipalIsError() {
    let roles = """
      [{"id": "ra-3", "principalId": "\(F.alice)", "directoryScopeId": "/",
        "roleDefinitionId": "62e90394-69f5-4237-9190-012177145e10",
        "principal": {"@odata.type": "#microsoft.graph.user", "id": "\(F.bob)"}}]
      """
    let error = F.loadError(roles)
    XCTAssertEqual(error?.location, "[0].principal")
    XCTAssertEqual(
      error?.problem, "the principal's id \(F.bob) differs from principalId \(F.alice)")
  }

  func testManagedIdentityCredentialIDIsChecked() {
    let credentials = """
      [{"id": "/subscriptions/s/resourcegroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/mi",
        "issuer": "i", "subject": "s", "name": "n",
        "type": "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials"}]
      """
    let error = F.loadError(credentials)
    XCTAssertEqual(error?.location, "[0].id")
  }

  func testSystemAssignedIdentityIsNamedAfterItsResource() throws {
    let principal = try EntraDirectory.servicePrincipal(
      AWSFixtures.document(
        json: """
          {"id": "5A5A0000-0000-4000-8000-0000000000B1", "displayName": "vm-solo",
           "servicePrincipalType": "ManagedIdentity",
           "alternativeNames": ["isExplicit=False",
             "/subscriptions/2c7e9a1b-5d3f-4e8a-9b6c-0f1d2e3a4b5c/resourcegroups/rg-app/\
          providers/Microsoft.Compute/virtualMachines/vm-solo"]}
          """))
    XCTAssertEqual(principal.id, "5a5a0000-0000-4000-8000-0000000000b1")
    XCTAssertEqual(principal.displayName, "vm-solo (system-assigned identity)")
  }

  func testUserAssignedIdentityKeepsItsName() throws {
    let principal = try EntraDirectory.servicePrincipal(
      AWSFixtures.document(
        json: """
          {"id": "5a5a0000-0000-4000-8000-0000000000b2", "displayName": "id-deploy",
           "servicePrincipalType": "ManagedIdentity",
           "alternativeNames": ["isExplicit=True",
             "/subscriptions/2c7e9a1b-5d3f-4e8a-9b6c-0f1d2e3a4b5c/resourcegroups/rg-app/\
          providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-deploy"]}
          """))
    XCTAssertEqual(principal.displayName, "id-deploy")
  }
}
