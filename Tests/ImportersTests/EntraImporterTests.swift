import AccessGraph
import XCTest

@testable import Importers

/// Nodes and edges from the Entra ID fixtures, alone and together.
final class EntraImporterTests: XCTestCase {
  private typealias F = EntraFixtures

  func testWholeDirectoryEdgeSet() throws {
    let run = try F.runAll()
    XCTAssertEqual(
      run.facts,
      [
        EdgeFact(F.bob, F.platformAdmins, .memberOf),
        EdgeFact(F.alice, F.automationApp, .controls),
        EdgeFact(F.alice, F.automation, .assumes),
        EdgeFact(F.carol, F.deployBot, .assumes),
        EdgeFact(F.deployBotPassword, F.deployBot, .authenticatesAs),
        EdgeFact(F.deployBotCertificate, F.deployBot, .authenticatesAs),
        EdgeFact(F.buildIdentity + "#managed", F.buildIdentity, .authenticatesAs),
        EdgeFact(F.expensesPortalCertificate, F.expensesPortal, .authenticatesAs),
        EdgeFact(F.automation, F.privilegedRoleAdministrator, .access),
        EdgeFact(F.privilegedRoleAdministrator, F.globalAdministrator, .escalates),
        EdgeFact(F.platformAdmins, F.globalAdministrator, .access),
        EdgeFact(F.dave, F.deployBot, .assumes),
        EdgeFact(F.dave, F.automation, .assumes),
        EdgeFact(F.dave, F.microsoftGraph, .assumes),
        EdgeFact(F.dave, F.expensesPortal, .assumes),
        EdgeFact(F.githubCredential, F.deployBot, .authenticatesAs),
        EdgeFact(F.aksCredential, F.buildIdentity, .authenticatesAs),
        EdgeFact("deploy-workflow", F.deployBot, .federates),
        EdgeFact(F.aksServiceAccount, F.buildIdentity, .federates),
      ])
    XCTAssertEqual(run.warnings, [])
  }

  func testOwnerAndScopedAdministratorAreTwoEdges() throws {
    let run = try F.runAll()
    let fact = EdgeFact(F.carol, F.deployBot, .assumes)
    let edges = run.graph.edgeIDs.filter { run.fact($0) == fact }
    let techniques = edges.map { run.graph.provenance(of: $0).technique }
    XCTAssertEqual(
      Set(techniques),
      [
        "Add a secret to an owned service principal",
        "Add a secret to an application as Application Administrator",
      ])
  }

  func testUserNode() throws {
    let user = try F.run("az-ad-user-list.json").node(F.alice)
    XCTAssertEqual(user?.kind, .human)
    XCTAssertEqual(user?.platform, .azure)
    XCTAssertEqual(user?.type, "entra-user")
    XCTAssertEqual(user?.name, "Alice Moreno")
    XCTAssertEqual(user?.tags, ["userPrincipalName": "alice@northwind.example"])
    XCTAssertEqual(user?.account, "", "a user list alone names no tenant")
  }

  func testTenantComesFromOwnApplications() throws {
    let run = try F.run("az-ad-user-list.json", "az-ad-app-list.json", "az-ad-sp-list.json")
    XCTAssertEqual(run.node(F.alice)?.account, F.tenant)
    XCTAssertEqual(run.node(F.microsoftGraph)?.account, F.tenant)
  }

  func testServicePrincipalNodes() throws {
    let run = try F.run("az-ad-app-list.json", "az-ad-sp-list.json")
    let automation = run.node(F.automation)
    XCTAssertEqual(automation?.kind, .serviceIdentity)
    XCTAssertEqual(automation?.type, "service-principal")
    XCTAssertEqual(automation?.name, "tenant-automation")
    XCTAssertEqual(
      automation?.tags,
      [
        "appId": "44444444-dddd-4ddd-8ddd-000000000002",
        "servicePrincipalType": "Application",
      ])
    let identity = run.node(F.buildIdentity)
    XCTAssertEqual(identity?.kind, .serviceIdentity)
    XCTAssertEqual(identity?.type, "managed-identity")
    XCTAssertEqual(identity?.tags["resourceId"], F.buildIdentityResource)
  }

  func testManagedIdentityCertificateIsNoCredential() throws {
    let run = try F.run("az-ad-sp-list.json")
    // Only the token that Azure issues signs in as the identity.
    XCTAssertEqual(
      run.facts(into: F.buildIdentity),
      [EdgeFact(F.buildIdentity + "#managed", F.buildIdentity, .authenticatesAs)])
    XCTAssertFalse(run.ids.contains { $0.hasPrefix("\(F.buildIdentity)/") })
  }

  func testApplicationNode() throws {
    let application = try F.run("az-ad-app-list.json").node(F.deployBotApp)
    XCTAssertEqual(application?.kind, .resource)
    XCTAssertEqual(application?.type, "entra-application")
    XCTAssertEqual(application?.name, "deploy-bot")
    XCTAssertEqual(application?.tags, ["objectId": "33333333-cccc-4ccc-8ccc-000000000001"])
  }

  func testPasswordAndExpiredCertificate() throws {
    let run = try F.run("az-ad-app-list.json", "az-ad-sp-list.json")
    let password = run.node(F.deployBotPassword)
    XCTAssertEqual(password?.kind, .credential)
    XCTAssertEqual(password?.type, "entra-password")
    XCTAssertEqual(password?.name, "password \"ci\" of deploy-bot")
    XCTAssertEqual(password?.tags, [:])
    XCTAssertEqual(
      password?.credential,
      CredentialDetails(
        type: .static, created: "2024-02-01T09:00:00.5120000Z",
        expires: "2099-02-01T09:00:00.5120000Z"))
    let certificate = run.node(F.deployBotCertificate)
    XCTAssertEqual(certificate?.type, "entra-certificate")
    XCTAssertEqual(certificate?.tags, ["expired": "true"])
    XCTAssertEqual(certificate?.credential?.expires, "2021-03-01T00:00:00Z")
  }

  func testSigningCertificateIsSkipped() throws {
    let run = try F.run("az-ad-sp-list.json")
    XCTAssertNil(run.node("\(F.expensesPortal)/certificate/77777777-0000-4000-8000-000000000003"))
    XCTAssertEqual(
      run.facts(into: F.expensesPortal),
      [EdgeFact(F.expensesPortalCertificate, F.expensesPortal, .authenticatesAs)])
  }

  func testSecretProvenance() throws {
    let run = try F.run("az-ad-app-list.json", "az-ad-sp-list.json")
    XCTAssertEqual(
      run.provenance(of: EdgeFact(F.deployBotCertificate, F.deployBot, .authenticatesAs)),
      Provenance(
        file: F.path("az-ad-app-list.json"), location: "[0].keyCredentials[0]",
        grant: "certificate \"CN=deploy-bot\" (key 77777777-0000-4000-8000-000000000002, valid "
          + "from 2020-03-01T00:00:00Z, expired 2021-03-01T00:00:00Z) of application "
          + "deploy-bot (44444444-dddd-4ddd-8ddd-000000000001), which signs in as its service "
          + "principal"))
  }

  func testApplicationSecretWithoutServicePrincipalWarns() throws {
    let run = try F.run("az-ad-app-list.json")
    XCTAssertEqual(run.facts, [])
    XCTAssertEqual(
      run.warnings,
      [
        ImportWarning(
          file: F.path("az-ad-app-list.json"), location: "[0]",
          message: "application deploy-bot (44444444-dddd-4ddd-8ddd-000000000001) has no "
            + "service principal in the run, so its credentials and owners reach no identity; "
            + "add the output of `az ad sp list --all`")
      ])
  }

  func testApplicationOwnerProvenance() throws {
    let run = try F.run("az-ad-sp-list.json", "graph-applications-owners.json")
    XCTAssertEqual(
      run.provenance(of: EdgeFact(F.alice, F.automation, .assumes)),
      Provenance(
        file: F.path("graph-applications-owners.json"), location: "value[0].owners[0]",
        grant: "Alice Moreno owns application tenant-automation "
          + "(44444444-dddd-4ddd-8ddd-000000000002), so it can add a password to it and sign in "
          + "as its service principal tenant-automation",
        technique: "Add a secret to an owned application"))
    XCTAssertEqual(run.node(F.alice)?.type, "entra-user", "the owner entry's @odata.type")
    XCTAssertEqual(run.node(F.alice)?.isDefined, false)
  }

  func testPrivilegedRoleAdministratorEscalates() throws {
    let run = try F.run("az-ad-app-list.json", "az-ad-sp-list.json", "graph-role-assignments.json")
    XCTAssertEqual(
      run.provenance(of: EdgeFact(F.automation, F.privilegedRoleAdministrator, .access)),
      Provenance(
        file: F.path("graph-role-assignments.json"), location: "value[0]",
        grant: "role assignment qN3_6BMyy0a2rX1lT0yWvQ-1: tenant-automation holds Privileged "
          + "Role Administrator in the whole tenant"))
    let escalation = run.provenance(
      of: EdgeFact(F.privilegedRoleAdministrator, F.globalAdministrator, .escalates))
    XCTAssertEqual(
      escalation?.technique, "Assign Global Administrator as Privileged Role Administrator")
    let privilege = run.node(F.globalAdministrator)
    XCTAssertEqual(privilege?.kind, .privilege)
    XCTAssertEqual(privilege?.type, "entra-privilege")
    XCTAssertEqual(privilege?.name, "Entra Global Administrator")
    XCTAssertEqual(privilege?.isDefined, true)
  }

  func testRoleAssignmentsWithoutTenantUseUnknown() throws {
    let run = try F.run("graph-role-assignments.json")
    XCTAssertNotNil(run.node("entra:global-administrator/unknown"))
    XCTAssertEqual(run.node(F.platformAdmins)?.type, "entra-group")
    XCTAssertEqual(
      run.warnings.map(\.message),
      [
        "role assignment kl2bm5mtxkS36u9j8Vv9zgMAAAAAAAAAAAAAAAAAAAA-1 of Application "
          + "Administrator has the scope \"/33333333-cccc-4ccc-8ccc-000000000001\", which names "
          + "no application or service principal of the run; it gives no edge, so add the "
          + "output of `az ad app list --all` and `az ad sp list --all` if the scope is one of "
          + "them"
      ])
  }

  func testFederatedCredentialNodes() throws {
    let run = try F.runAll()
    let github = run.node(F.githubCredential)
    XCTAssertEqual(github?.kind, .credential)
    XCTAssertEqual(github?.credential, CredentialDetails(type: .dynamic))
    XCTAssertEqual(github?.name, "federated credential github-main of deploy-bot")
    XCTAssertEqual(
      github?.tags,
      [
        "issuer": "https://token.actions.githubusercontent.com",
        "subject": "repo:northwind/deploy:ref:refs/heads/main",
        "audiences": "api://AzureADTokenExchange",
      ])
    XCTAssertEqual(
      run.node(F.aksCredential)?.name,
      "federated credential aks-builder of managed identity mi-build")
  }

  func testFederatesProvenance() throws {
    let run = try F.runAll()
    XCTAssertEqual(
      run.provenance(of: EdgeFact("deploy-workflow", F.deployBot, .federates)),
      Provenance(
        file: F.path("graph-application-federated-credentials.json"), location: "value[0]",
        grant: "northwind/deploy main workflow presents such tokens: federated identity "
          + "credential github-main of deploy-bot accepts tokens of issuer "
          + "https://token.actions.githubusercontent.com with subject "
          + "repo:northwind/deploy:ref:refs/heads/main, which sign in as deploy-bot"))
  }

  func testFederatedCredentialWithoutServicePrincipalWarns() throws {
    let run = try F.run("az-ad-app-list.json", "graph-application-federated-credentials.json")
    XCTAssertEqual(run.facts(from: F.githubCredential), [])
    XCTAssertTrue(
      run.warnings.contains(
        ImportWarning(
          file: F.path("graph-application-federated-credentials.json"), location: "value[0]",
          message: "federated identity credential github-main of deploy-bot signs in as a "
            + "service principal that no input of the run lists; add the output of "
            + "`az ad sp list --all`")),
      "\(run.warnings)")
  }

  func testFederatedCredentialWithoutApplicationListWarns() throws {
    let run = try F.run("graph-application-federated-credentials.json")
    XCTAssertEqual(run.ids, [])
    XCTAssertEqual(
      run.warnings,
      [
        ImportWarning(
          file: F.path("graph-application-federated-credentials.json"), location: "value[0]",
          message: "skipped federated identity credential github-main, because no "
            + "application list in the run has its application; add the output of "
            + "`az ad app list --all`")
      ])
  }
}
