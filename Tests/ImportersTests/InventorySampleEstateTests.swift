import AccessGraph
import XCTest

@testable import Importers

/// The Northwind Freight sample estate in `graphs/sample-estate`, as far as the inventory
/// describes it. Facts that depend on how the IAM exports are read belong to the tests of
/// the AWS importer.
final class InventorySampleEstateTests: XCTestCase {
  private static let folder = InventoryFixtures.repositoryRoot
    .appendingPathComponent("graphs/sample-estate").path

  private func load() throws -> AccessGraph {
    try EstateLoader().load([Self.folder])
  }

  private func node(_ id: String, in graph: AccessGraph) throws -> NodeID {
    try XCTUnwrap(graph.nodeID(for: id), "no node \(id)")
  }

  func testSampleEstateLoadsWithoutError() throws {
    let graph = try load()

    let onPremises = graph.nodes.filter { $0.isDefined && $0.platform == .onPremises }
    let billingLogin = try XCTUnwrap(graph.nodeID(for: "billing-db-app").map(graph.node))
    XCTAssertEqual(onPremises.count, 56)
    XCTAssertEqual(billingLogin.platform, .aws)
    XCTAssertEqual(billingLogin.account, "111122223333")
  }

  func testHeadlinePathStartsInJenkins() throws {
    let graph = try load()
    let ciDeploy = "arn:aws:iam::111122223333:user/ci-deploy"

    let edges = Set(graph.edgeIDs.map { InventoryFixtures.describe(graph.edge($0), in: graph) })

    XCTAssertTrue(edges.contains("workloads[0].runsAs: jenkins01 runsAs svc-jenkins"))
    XCTAssertTrue(edges.contains("grants[2]: svc-jenkins reads aws-deploy-key"))
    XCTAssertTrue(
      edges.contains("secrets[0].authenticatesAs: aws-deploy-key authenticatesAs \(ciDeploy)"))
    XCTAssertTrue(edges.contains("groups[4].controls: developers controls jenkins01"))
  }

  func testJenkinsServiceAccountActsAsCIDeploy() throws {
    let graph = try load()
    let jenkins = try node("svc-jenkins", in: graph)
    let ciDeploy = try node("arn:aws:iam::111122223333:user/ci-deploy", in: graph)

    let reach = graph.reachability(from: [jenkins])

    XCTAssertTrue(reach.actsAs(ciDeploy))
    XCTAssertEqual(reach.hops(to: ciDeploy), 2)
  }

  func testCrownJewelsIncludeMarkedCloudResources() throws {
    let graph = try load()

    let crownJewels = Set(graph.nodes.filter(\.isCrownJewel).map(\.id))

    XCTAssertEqual(
      crownJewels,
      [
        "payroll-db",
        "arn:aws:s3:::northwind-customer-data",
        "arn:aws:s3:::northwind-payroll-exports",
        "arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/billing/stripe-api-key-Q7xYz1",
        "arn:aws:dynamodb:eu-west-1:111122223333:table/customers",
        "arn:aws:rds:eu-west-1:111122223333:db:billing-prod",
        "/subscriptions/c687d32e-d956-4d1d-82cc-1bfd2d73a73c/resourcegroups/rg-apps/providers/microsoft.keyvault/vaults/"
          + "kv-northwind-apps",
      ])
  }

  func testHelpdeskReachesPayrollThroughPasswordResets() throws {
    let graph = try load()
    let kofi = try node("kofi", in: graph)
    let payroll = try node("payroll-db", in: graph)

    let path = graph.shortestPath(from: kofi, to: [payroll]) ?? []

    XCTAssertEqual(
      path.map { InventoryFixtures.describe(graph.edge($0), in: graph) },
      [
        "people[8].memberOf: kofi memberOf helpdesk",
        "grants[15]: helpdesk escalates ou-staff",
        "scopes[1].contains: ou-staff contains carol",
        "people[6].memberOf: carol memberOf payroll-team",
        "grants[1]: payroll-team access payroll-db [read, write]",
      ])
  }

  func testWarehouseClerkReachesOnlyScansShare() throws {
    let graph = try load()
    let paula = try node("paula", in: graph)

    let reached = graph.reachability(from: [paula]).reachedNodes.map { graph.node($0).id }

    XCTAssertEqual(reached, ["paula", "warehouse-staff", "scans-share"])
  }

  func testFinanceShareLeadsToCustomerDataKey() throws {
    let graph = try load()
    let henrik = try node("henrik", in: graph)
    let syncUser = try node("arn:aws:iam::111122223333:user/legacy-sftp-sync", in: graph)

    let path = graph.shortestPath(from: henrik, to: [syncUser]) ?? []

    XCTAssertEqual(
      path.map { InventoryFixtures.describe(graph.edge($0), in: graph) },
      [
        "people[7].memberOf: henrik memberOf finance",
        "grants[11]: finance access finance-share [read, write]",
        "secrets[5].storedIn: finance-share contains sftp-sync-key",
        "secrets[5].authenticatesAs: sftp-sync-key authenticatesAs "
          + "arn:aws:iam::111122223333:user/legacy-sftp-sync",
      ])
  }
}
