import AccessGraph
import Foundation
import XCTest

@testable import Importers

/// `assumes` edges to service accounts: conditions, the choice of technique, group nodes,
/// and the members that get none.
final class GCPServiceAccountEscalationTests: XCTestCase {
  private typealias Fixtures = GCPFixtures

  private let mallory = "user:mallory@acme.example"
  private let tokenCreator = [
    "iam.serviceAccounts.get", "iam.serviceAccounts.getAccessToken",
    "iam.serviceAccounts.getOpenIdToken", "iam.serviceAccounts.implicitDelegation",
    "iam.serviceAccounts.list", "iam.serviceAccounts.signBlob", "iam.serviceAccounts.signJwt",
  ]

  /// Returns `gcloud iam service-accounts list` output for accounts of acme-app.
  private func accountList(_ names: [String]) -> String {
    let accounts = names.map { name in
      """
      {"email": "\(name)@acme-app.iam.gserviceaccount.com", "etag": "MDEwMjE5MjA=",
       "name": "projects/acme-app/serviceAccounts/\(name)@acme-app.iam.gserviceaccount.com",
       "projectId": "acme-app"}
      """
    }
    return "[" + accounts.joined(separator: ",\n") + "]"
  }

  /// Returns one `search-all-iam-policies` result for `resource` with `bindings`.
  private func policy(_ resource: String, _ bindings: String) -> String {
    """
    {"policy": {"bindings": [\(bindings)]}, "project": "projects/400000000001",
     "resource": "\(resource)"}
    """
  }

  private let project = "//cloudresourcemanager.googleapis.com/projects/acme-app"

  private func account(_ name: String) -> String {
    "//iam.googleapis.com/projects/acme-app/serviceAccounts/"
      + "\(name)@acme-app.iam.gserviceaccount.com"
  }

  private func member(_ name: String) -> String {
    "serviceAccount:\(name)@acme-app.iam.gserviceaccount.com"
  }

  func testConditionalBindingMakesEdgeConditional() throws {
    let folder = try writeTemporaryFolder([
      "service-accounts.json": accountList(["deployer"]),
      "policies.json": "["
        + policy(
          account("deployer"),
          """
          {"condition": {"expression": "request.time < timestamp(\\"2030-01-01T00:00:00Z\\")",
            "title": "until-2030"},
           "members": ["\(mallory)"], "role": "roles/iam.serviceAccountTokenCreator"}
          """) + "]",
    ])
    let run = try Fixtures.run(paths: [folder])
    let deployer = member("deployer")
    XCTAssertEqual(
      run.facts(from: mallory),
      [
        EdgeFact(mallory, deployer, .access, tokenCreator, conditional: true),
        EdgeFact(
          mallory, deployer, .assumes, ["iam.serviceAccounts.getAccessToken"], conditional: true),
      ])
    let provenance = run.provenance(
      of: EdgeFact(
        mallory, deployer, .assumes, ["iam.serviceAccounts.getAccessToken"], conditional: true))
    XCTAssertEqual(provenance?.technique, "Mint an access token for a service account")
  }

  func testTechniqueWithoutConditionWins() throws {
    let folder = try writeTemporaryFolder([
      "service-accounts.json": accountList(["deployer"]),
      "policies.json": "["
        + policy(
          account("deployer"),
          """
          {"condition": {"expression": "false", "title": "never"},
           "members": ["\(mallory)"], "role": "roles/iam.serviceAccountTokenCreator"}
          """) + ",\n"
        + policy(
          project,
          "{\"members\": [\"\(mallory)\"], \"role\": \"roles/iam.serviceAccountKeyAdmin\"}")
        + "]",
    ])
    let run = try Fixtures.run(paths: [folder])
    XCTAssertEqual(
      run.facts(from: mallory).filter { $0.relation == .assumes },
      [EdgeFact(mallory, member("deployer"), .assumes, ["iam.serviceAccountKeys.create"])])
  }

  func testManyAccountsShareOneGroupNode() throws {
    let names = (0..<10).map { "runner-\($0)" }
    let folder = try writeTemporaryFolder([
      "service-accounts.json": accountList(names),
      "policies.json": "["
        + policy(
          project,
          """
          {"members": ["\(mallory)"], "role": "roles/iam.serviceAccountUser"},
          {"members": ["\(mallory)"], "role": "roles/run.developer"}
          """) + ",\n"
        + policy(
          account("runner-3"),
          "{\"members\": [\"\(mallory)\"], \"role\": \"roles/iam.serviceAccountTokenCreator\"}")
        + "]",
    ])
    let run = try Fixtures.run(paths: [folder])
    let group = "gcp:service-accounts/projects/acme-app"
    XCTAssertEqual(
      run.facts(from: mallory).filter { $0.relation == .assumes },
      Set([
        EdgeFact(
          mallory, group, .assumes, ["iam.serviceAccounts.actAs", "run.services.create"]),
        EdgeFact(
          mallory, member("runner-3"), .assumes, ["iam.serviceAccounts.getAccessToken"]),
      ]))
    XCTAssertEqual(
      run.facts(from: group), Set(names.map { EdgeFact(group, member($0), .contains) }))
    let node = try Fixtures.node(group, in: run)
    XCTAssertEqual(node.kind, .scope)
    XCTAssertEqual(node.type, "gcp-service-account-group")
    XCTAssertEqual(node.name, "the 10 service accounts of project acme-app")
  }

  func testAccountDoesNotAssumeItself() throws {
    let folder = try writeTemporaryFolder([
      "service-accounts.json": accountList(["builder", "deployer"]),
      "policies.json": "["
        + policy(
          project,
          "{\"members\": [\"\(member("builder"))\"], "
            + "\"role\": \"roles/iam.serviceAccountTokenCreator\"}")
        + "]",
    ])
    let run = try Fixtures.run(paths: [folder])
    XCTAssertEqual(
      run.facts(from: member("builder")).filter { $0.relation == .assumes },
      [
        EdgeFact(
          member("builder"), member("deployer"), .assumes, ["iam.serviceAccounts.getAccessToken"])
      ])
  }

  func testFederatedMemberGetsNoTechniqueEdge() throws {
    let kubernetes = "serviceAccount:acme-app.svc.id.goog[ci/builder]"
    let folder = try writeTemporaryFolder([
      "service-accounts.json": accountList(["deployer"]),
      "policies.json": "["
        + policy(
          account("deployer"),
          "{\"members\": [\"\(kubernetes)\"], \"role\": \"roles/iam.workloadIdentityUser\"}")
        + "]",
    ])
    let run = try Fixtures.run(paths: [folder])
    XCTAssertEqual(run.facts(from: kubernetes).map(\.relation), [.access])
  }
}
