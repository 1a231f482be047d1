import AccessGraph
import Analysis
import Foundation
import Importers
import XCTest

/// The expected results of the Northwind Freight sample estate in `graphs/sample-estate`,
/// as its README lists them.
final class SampleEstateTests: XCTestCase {
  private static let account = "arn:aws:iam::111122223333:"
  private static let admin = "aws:admin/111122223333"

  /// The Azure subscription Northwind Production, its Owner privilege, and the nodes on the
  /// path from the telemetry export's service account to it.
  private static let subscription = "/subscriptions/c687d32e-d956-4d1d-82cc-1bfd2d73a73c"
  private static let azureOwner = "azure:owner" + subscription
  private static let telemetrySecret =
    "app:afb358e7-cfb2-402a-86a3-b0cd5c8230b0/password/731c8438-2609-4a59-80e6-24b20c2a75fa"
  private static let telemetryPrincipal = "ffe04f97-9711-429c-af95-3488838d0971"
  private static let opsRunner =
    subscription + "/resourcegroups/rg-ops/providers/microsoft.compute/virtualmachines/vm-ops-runner"
  private static let opsIdentity = "458df5d0-dfe6-494e-bc80-23158d17a50f"
  private static let appsVault =
    subscription + "/resourcegroups/rg-apps/providers/microsoft.keyvault/vaults/kv-northwind-apps"
  private static let tomInEntra = "199d80d6-0791-4838-bed8-ca20beaa1480"
  private static let inesInEntra = "0800da6a-7cf8-47e8-bfdf-67e26a226af1"
  private static let platformEngineers = "2c81edcb-f9ae-4eb3-877a-488f417a184c"
  private static let vmOperators = "2ad01b59-973b-4626-8249-4946c8e52568"

  private var graph: AccessGraph { SampleEstate.graph }

  private func id(_ text: String) throws -> NodeID {
    try graph.resolveNode(text)
  }

  private func ids(_ nodes: [NodeID]) -> [String] {
    graph.ids(nodes)
  }

  private func dangerous(from name: String) throws -> [String] {
    let radius = BlastRadius(of: try id(name), in: graph)
    return (radius.privileges(in: graph) + radius.crownJewels(in: graph))
      .map { graph.node($0.node).id }
  }

  func testHeadlinePathRunsFromJenkinsAccountToAWSAdmin() throws {
    let paths = graph.shortestPaths(from: [try id("svc-jenkins")], to: .admin)

    XCTAssertEqual(paths.count, 1)
    let path = try XCTUnwrap(paths.first)
    XCTAssertEqual(
      ids(path.nodes),
      [
        "svc-jenkins", "aws-deploy-key", Self.account + "user/ci-deploy",
        Self.account + "role/deploy", Self.account + "role/platform-admin", Self.admin,
      ])
    XCTAssertEqual(
      path.hops.map(\.relation), [.reads, .authenticatesAs, .assumes, .assumes, .access])
    XCTAssertEqual(
      path.hops.map(\.provenance.location),
      [
        "grants[2]", "secrets[0].authenticatesAs",
        "RoleDetailList[3].AssumeRolePolicyDocument.Statement[0]",
        "RoleDetailList[4].AssumeRolePolicyDocument.Statement[0]",
        "RoleDetailList[4].AttachedManagedPolicies[0]",
      ])
    XCTAssertEqual(
      path.hops.map { ($0.provenance.file as NSString).lastPathComponent },
      [
        "inventory.json", "inventory.json", "aws-111122223333.json", "aws-111122223333.json",
        "aws-111122223333.json",
      ])
    XCTAssertEqual(path.hops.map(\.actions), [[], [], ["sts:AssumeRole"], ["sts:AssumeRole"], ["*"]])
    XCTAssertFalse(path.isConditional)
  }

  func testDeployCanPassPlatformAdminToCloudFormation() throws {
    let deploy = try id(Self.account + "role/deploy")
    let platformAdmin = try id(Self.account + "role/platform-admin")
    let escalations = graph.outgoingEdges(of: deploy).map(graph.edge).filter {
      $0.target == platformAdmin && $0.provenance.technique != nil
    }
    XCTAssertEqual(escalations.map(\.relation), [.assumes])
    XCTAssertEqual(
      escalations.map(\.provenance.technique), ["Pass a role to a new CloudFormation stack"])
    XCTAssertEqual(
      escalations.map(\.actions), [["iam:PassRole", "cloudformation:CreateStack"]])
    XCTAssertEqual(escalations.map(\.isConditional), [false])
  }

  func testDeveloperReachesAdminOnlyThroughJenkins() throws {
    let paths = graph.shortestPaths(from: [try id("dave")], to: .admin)

    XCTAssertEqual(ids(paths.map(\.target)), [Self.admin])
    XCTAssertEqual(
      ids(paths[0].nodes),
      [
        "dave", "developers", "jenkins01", "aws-deploy-key", Self.account + "user/ci-deploy",
        Self.account + "role/deploy", Self.account + "role/platform-admin", Self.admin,
      ])
    let iamUser = try id(Self.account + "user/dave.kim")
    XCTAssertEqual(graph.shortestPaths(from: [iamUser], to: .admin), [])
    let assumable = BlastRadius(of: iamUser, in: graph).reached
      .filter { graph.node($0.node).type == "iam-role" }
    XCTAssertEqual(ids(assumable.map(\.node)), [Self.account + "role/developer-sandbox"])
  }

  func testCrossAccountAdminNeedsBothSides() throws {
    let paths = graph.shortestPaths(
      from: [try id("arn:aws:iam::444455556666:user/maria.lindqvist")], to: .admin)

    XCTAssertEqual(ids(paths.map(\.target)), ["aws:admin/444455556666", Self.admin])
    XCTAssertEqual(
      ids(paths[1].nodes),
      [
        "arn:aws:iam::444455556666:user/maria.lindqvist",
        Self.account + "role/OrganizationAccountAccessRole", Self.admin,
      ])
  }

  func testBreakGlassPathIsConditional() throws {
    let paths = graph.shortestPaths(from: [try id(Self.account + "user/ines.duarte")], to: .admin)

    XCTAssertEqual(paths.count, 1)
    XCTAssertEqual(
      ids(paths[0].nodes),
      [Self.account + "user/ines.duarte", Self.account + "role/BreakGlassAdmin", Self.admin])
    XCTAssertTrue(paths[0].isConditional)
  }

  func testFinanceShareLeadsToCustomerData() throws {
    let paths = graph.shortestPaths(
      from: [try id("henrik")], to: .node(try id("arn:aws:s3:::northwind-customer-data")))

    XCTAssertEqual(
      ids(paths[0].nodes),
      [
        "henrik", "finance", "finance-share", "sftp-sync-key",
        Self.account + "user/legacy-sftp-sync", "arn:aws:s3:::northwind-customer-data",
      ])
  }

  func testOldPolicyVersionGrantsNothing() throws {
    let buckets = BlastRadius(of: try id(Self.account + "user/ci-deploy"), in: graph).reached
      .filter { graph.node($0.node).type == "s3-bucket" && $0.hops == 1 }

    XCTAssertEqual(ids(buckets.map(\.node)), ["arn:aws:s3:::northwind-build-artifacts"])
  }

  func testHarmlessIdentitiesReachNothingDangerous() throws {
    let harmless = [
      "paula", "svc-printer", Self.account + "user/leo.martin",
      Self.account + "user/kofi.mensah", Self.account + "user/anna.kowalski",
      Self.account + "user/grafana-cloudwatch", Self.account + "user/backup-agent",
      Self.account + "role/github-actions-web", "lambda-thumbnail-resizer",
      "lambda-shipment-events", "ec2-bastion", "rds-monitoring-role",
    ]
    for name in harmless {
      XCTAssertEqual(try dangerous(from: name), [], name)
    }
  }

  /// Access levels are not distinguished yet, so the audit role's metadata actions on crown
  /// jewels count as reaching them; the test pins those actions down.
  func testSecurityScannerReachesCrownJewelsOnlyThroughMetadataActions() throws {
    let radius = BlastRadius(of: try id("arn:aws:iam::444455556666:role/security-scanner"), in: graph)
    let jewels = radius.crownJewels(in: graph)

    XCTAssertEqual(radius.privileges(in: graph), [])
    XCTAssertEqual(
      ids(jewels.map(\.node)),
      [
        "arn:aws:s3:::northwind-customer-data", "arn:aws:s3:::northwind-payroll-exports",
        "arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/billing/stripe-api-key-Q7xYz1",
      ])
    // The customer data bucket and the secret are reached through the service scopes of
    // their account, and the payroll bucket through the S3 scope of no known account, so
    // the grant is the last access edge of each path.
    let grants = jewels.map { jewel in jewel.path.last { graph.relation(of: $0) == .access }! }
    XCTAssertEqual(
      grants.map { graph.actions(of: $0) },
      [
        ["s3:GetBucketAcl", "s3:GetBucketPolicy", "s3:ListAllMyBuckets"],
        ["s3:GetBucketAcl", "s3:GetBucketPolicy", "s3:ListAllMyBuckets"],
        ["secretsmanager:DescribeSecret", "secretsmanager:ListSecrets"],
      ])
    XCTAssertTrue(jewels.allSatisfy(\.isConditional))
  }

  func testWhoCanReachAdminIncludesOnPremisesIdentities() throws {
    let result = WhoCan(target: try id(Self.admin), in: graph)
    let onPremises = result.identities(in: graph)
      .filter { graph.node($0.node).platform == .onPremises }

    XCTAssertEqual(
      Set(ids(onPremises.map(\.node))).isSuperset(
        of: ["svc-jenkins", "jenkins01", "dave", "maria", "svc-backup"]),
      true)
  }

  func testOtherAccountReachesResourcesOnlyThroughTrustedRole() throws {
    let jonas = try id("arn:aws:iam::444455556666:user/jonas.weber")
    let table = try id("arn:aws:dynamodb:eu-west-1:111122223333:table/customers")
    let paths = graph.shortestPaths(from: [jonas], to: .node(table))

    XCTAssertEqual(
      ids(paths[0].nodes),
      [
        "arn:aws:iam::444455556666:user/jonas.weber",
        Self.account + "role/OrganizationAccountAccessRole",
        "aws:account/111122223333/dynamodb",
        "arn:aws:dynamodb:eu-west-1:111122223333:table/customers",
      ])
  }

  func testDeveloperDataAccessIsUnconditional() throws {
    let radius = BlastRadius(of: try id(Self.account + "user/dave.kim"), in: graph)
    let jewels = radius.crownJewels(in: graph)

    XCTAssertEqual(jewels.count, 5)
    XCTAssertEqual(jewels.filter(\.isConditional).count, 0)
    // The payroll bucket, whose account no input gives, is reached through the S3 scope of
    // no known account. The customer data bucket, whose bucket policy file gives its
    // account, the table, the database and the secret are reached through the service
    // scopes of the account.
    XCTAssertEqual(jewels.map(\.hops), [2, 2, 2, 2, 2])
  }

  func testReadOnlyReachesTableThroughServiceScope() throws {
    let ben = try id(Self.account + "user/ben.carter")
    let scope = "aws:account/111122223333/dynamodb"
    let table = "arn:aws:dynamodb:eu-west-1:111122223333:table/customers"
    let radius = BlastRadius(of: ben, in: graph)

    let reachedScope = try XCTUnwrap(radius.reached.first { graph.node($0.node).id == scope })
    XCTAssertEqual(reachedScope.hops, 1)
    let reachedTable = try XCTUnwrap(radius.reached.first { graph.node($0.node).id == table })
    XCTAssertEqual(reachedTable.hops, 2)
    XCTAssertEqual(reachedTable.path.map { graph.relation(of: $0) }, [.access, .contains])

    let paths = graph.shortestPaths(from: [ben], to: .crownJewels)
    let toTable = try XCTUnwrap(paths.first { graph.node($0.target).id == table })
    XCTAssertEqual(ids(toTable.nodes), [Self.account + "user/ben.carter", scope, table])
  }

  func testWhoCanChecksActionOnServiceScopeGrant() throws {
    let ben = try id(Self.account + "user/ben.carter")
    let table = try id("arn:aws:dynamodb:eu-west-1:111122223333:table/customers")
    let reading = WhoCan(target: table, in: graph, action: "dynamodb:GetItem")
    let writing = WhoCan(target: table, in: graph, action: "dynamodb:PutItem")

    let reader = try XCTUnwrap(reading.reachers.first { $0.node == ben })
    XCTAssertEqual(reader.path.map { graph.relation(of: $0) }, [.access, .contains])
    XCTAssertEqual(
      graph.actions(of: reader.path[0]),
      [
        "dynamodb:BatchGetItem", "dynamodb:Describe*", "dynamodb:GetItem", "dynamodb:List*",
        "dynamodb:Query", "dynamodb:Scan",
      ])
    XCTAssertFalse(writing.reachers.contains { $0.node == ben })
    XCTAssertTrue(writing.reachers.contains { graph.node($0.node).name == "dave.kim" })
  }

  func testTelemetrySecretLeadsToAzureOwner() throws {
    let paths = graph.shortestPaths(
      from: [try id("svc-telemetry")], to: .node(try id(Self.azureOwner)))

    XCTAssertEqual(paths.count, 1)
    let path = try XCTUnwrap(paths.first)
    XCTAssertEqual(
      ids(path.nodes),
      [
        "svc-telemetry", Self.telemetrySecret, Self.telemetryPrincipal, Self.opsRunner,
        Self.opsIdentity, Self.azureOwner,
      ])
    XCTAssertEqual(
      path.hops.map(\.relation), [.reads, .authenticatesAs, .controls, .runsAs, .access])
    XCTAssertEqual(
      path.hops.map { ($0.provenance.file as NSString).lastPathComponent },
      [
        "inventory.json", "entra-applications.json", "azure-role-assignments.json",
        "azure-resource-list.json", "azure-role-assignments.json",
      ])
    XCTAssertEqual(path.hops[0].provenance.location, "grants[17]")
    XCTAssertEqual(path.hops[1].provenance.location, "[0].passwordCredentials[0]")
    XCTAssertEqual(path.hops[2].provenance.location, "[3]")
    XCTAssertEqual(path.hops[2].provenance.technique, "Run a command on a VM")
    XCTAssertEqual(path.hops[4].provenance.location, "[0]")
    XCTAssertEqual(
      path.hops.map(\.actions),
      [[], [], ["Microsoft.Compute/virtualMachines/runCommand/action"], [], ["*"]])
    XCTAssertFalse(path.isConditional)
  }

  func testTelemetryAccountRadius() throws {
    let radius = BlastRadius(of: try id("svc-telemetry"), in: graph)

    XCTAssertEqual(radius.reached.count, 16)
    XCTAssertEqual(radius.deepestHop, 7)
    XCTAssertEqual(radius.platforms(in: graph), [.azure, .onPremises])
    XCTAssertEqual(radius.privileges(in: graph).map { graph.node($0.node).id }, [Self.azureOwner])
    XCTAssertEqual(radius.privileges(in: graph).map(\.hops), [5])
    XCTAssertEqual(radius.crownJewels(in: graph).map { graph.node($0.node).id }, [Self.appsVault])
    XCTAssertEqual(radius.crownJewels(in: graph).map(\.hops), [7])
  }

  func testWhoCanReachAzureOwner() throws {
    let result = WhoCan(target: try id(Self.azureOwner), in: graph)

    XCTAssertEqual(
      Set(ids(result.identities(in: graph).map(\.node))),
      [
        Self.opsIdentity, Self.opsRunner, Self.tomInEntra, Self.telemetryPrincipal, "tom",
        "svc-telemetry", "telemetry-export",
      ])
  }

  func testPlatformEngineersAddFederatedCredential() throws {
    let paths = graph.shortestPaths(from: [try id("tom")], to: .node(try id(Self.azureOwner)))

    XCTAssertEqual(
      ids(try XCTUnwrap(paths.first).nodes),
      [
        "tom", Self.tomInEntra, Self.platformEngineers, Self.opsIdentity, Self.azureOwner,
      ])
    XCTAssertEqual(
      paths.first?.hops[2].provenance.technique,
      "Add a federated credential to a user-assigned identity")
  }

  func testVMOperatorRoleReachesNoAzurePrivilege() throws {
    let operators = try id(Self.vmOperators)
    let vm = try id(Self.opsRunner)
    let azurePrivileges = BlastRadius(of: try id(Self.inesInEntra), in: graph)
      .privileges(in: graph).filter { graph.node($0.node).platform == .azure }

    XCTAssertEqual(azurePrivileges, [])
    XCTAssertFalse(graph.outgoingEdges(of: operators).contains { graph.edge($0).target == vm })
  }
}
