import AccessGraph
import Foundation
import XCTest

@testable import Importers

/// Exports published by other projects, read from `shared/real-inputs/aws` beside the
/// repository.
final class AWSRealExportTests: XCTestCase {
  private let cloudsplaining = "salesforce__cloudsplaining__example-authz-details.json"
  private let cloudmapper = "duo-labs__cloudmapper__iam-get-account-authorization-details.json"

  private func path(_ name: String) -> String {
    AWSFixtures.realInputs.appendingPathComponent(name).path
  }

  private func load(_ name: String) throws -> (graph: AccessGraph, warnings: [ImportWarning]) {
    let log = WarningLog()
    let graph = try EstateLoader(warn: { log.warnings.append($0) }).load([path(name)])
    return (graph, log.warnings)
  }

  private func export(_ name: String) throws -> AuthorizationExport {
    let data = try Data(contentsOf: URL(fileURLWithPath: path(name)))
    let document = try JSONCursor.parse(data, file: name)
    var warnings: [ImportWarning] = []
    return try AuthorizationExport.parse(document, warnings: &warnings)
  }

  private func edges(
    in graph: AccessGraph, from source: String, to target: String
  ) -> [Edge] {
    graph.edgeIDs.map(graph.edge).filter {
      graph.node($0.source).id == source && graph.node($0.target).id == target
    }
  }

  private func count(_ type: String, in graph: AccessGraph) -> Int {
    graph.nodes(where: { $0.type == type && $0.isDefined }).count
  }

  func testEveryRealExportLoadsWithoutError() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: AWSFixtures.realInputs.path)
      .filter { $0.hasSuffix(".json") }.sorted()
    XCTAssertEqual(files, [cloudmapper, cloudsplaining])
    for file in files {
      XCTAssertNoThrow(try EstateLoader().load([path(file)]), file)
    }
    XCTAssertNoThrow(try EstateLoader().load([AWSFixtures.realInputs.path]))
  }

  // MARK: cloudsplaining

  func testCloudsplainingHoldsWhatItsReadmeLists() throws {
    let parsed = try export(cloudsplaining)
    XCTAssertEqual(parsed.account, "012345678901")
    XCTAssertEqual(parsed.users.count, 3)
    XCTAssertEqual(parsed.groups.count, 2)
    XCTAssertEqual(parsed.roles.count, 3)
    XCTAssertEqual(parsed.policies.count, 32)

    let (graph, warnings) = try load(cloudsplaining)
    XCTAssertEqual(count("iam-user", in: graph), 3)
    XCTAssertEqual(count("iam-group", in: graph), 2)
    XCTAssertEqual(count("iam-role", in: graph), 3)
    XCTAssertEqual(count("iam-instance-profile", in: graph), 1)
    XCTAssertEqual(warnings, [])
  }

  func testCloudsplainingAdminsHoldAdministratorAccess() throws {
    let (graph, _) = try load(cloudsplaining)
    let admin = graph.nodeID(for: "aws:admin/012345678901")!
    let holders = Set(graph.incomingEdges(of: admin).map { graph.node(graph.source(of: $0)).id })
    XCTAssertEqual(
      holders,
      [
        "arn:aws:iam::012345678901:user/obama",
        "arn:aws:iam::012345678901:user/userwithlotsofpermissions",
      ])
    let obama = edges(
      in: graph, from: "arn:aws:iam::012345678901:user/obama", to: "aws:admin/012345678901")
    XCTAssertEqual(
      Set(obama.map(\.provenance.grant)),
      [
        "managed policy AdministratorAccess (arn:aws:iam::aws:policy/AdministratorAccess, v1), "
          + "statement 0, attached to user obama",
        "managed policy AdministratorAccess (arn:aws:iam::aws:policy/AdministratorAccess, v1), "
          + "statement 0, attached to group admin",
      ])
    XCTAssertEqual(
      Set(obama.map(\.provenance.location)),
      [
        "UserDetailList[0].AttachedManagedPolicies[0]",
        "GroupDetailList[0].AttachedManagedPolicies[0]",
      ])
  }

  func testCloudsplainingEC2RoleHasTwoWaysIn() throws {
    let (graph, _) = try load(cloudsplaining)
    let role = "arn:aws:iam::012345678901:role/OverprivilegedEC2"
    let service = edges(in: graph, from: "aws:service/012345678901/ec2.amazonaws.com", to: role)
    XCTAssertEqual(service.map(\.relation), [.assumes])
    XCTAssertEqual(service.first?.actions, ["sts:AssumeRole"])
    XCTAssertEqual(
      service.first?.provenance.location, "RoleDetailList[2].AssumeRolePolicyDocument.Statement[0]")
    let profile = edges(
      in: graph, from: "arn:aws:iam::012345678901:instance-profile/OverprivilegedEC2", to: role)
    XCTAssertEqual(profile.map(\.relation), [.assumes])
  }

  func testCloudsplainingRoleGrantsNamePolicies() throws {
    let (graph, _) = try load(cloudsplaining)
    let grants = edges(
      in: graph, from: "arn:aws:iam::012345678901:role/OverprivilegedEC2",
      to: "aws:account/012345678901")
    XCTAssertEqual(
      Set(grants.map(\.actions)),
      [
        ["secretsmanager:GetSecretValue", "s3:GetObject", "iam:CreateAccessKey"],
        ["s3:PutObject", "s3:PutObjectAcl"],
      ])
    XCTAssertEqual(
      Set(grants.map(\.provenance.grant)),
      [
        "inline policy \"SupYo\" of role OverprivilegedEC2, statement 0 (Sid VisualEditor0)",
        "managed policy InsecurePolicy (arn:aws:iam::012345678901:policy/InsecurePolicy, v9), "
          + "statement 0 (Sid VisualEditor0), attached to role OverprivilegedEC2",
      ])
  }

  // MARK: cloudmapper

  func testCloudmapperHoldsWhatItsReadmeLists() throws {
    let parsed = try export(cloudmapper)
    XCTAssertEqual(parsed.account, "123456789012")
    XCTAssertEqual(parsed.users.count, 2)
    XCTAssertEqual(parsed.groups.count, 1)
    XCTAssertEqual(parsed.roles.count, 4)
    XCTAssertEqual(parsed.policies.count, 2)

    let (graph, _) = try load(cloudmapper)
    XCTAssertEqual(count("iam-user", in: graph), 2)
    XCTAssertEqual(count("iam-group", in: graph), 1)
    XCTAssertEqual(count("iam-role", in: graph), 4)
  }

  func testCloudmapperBadRoleIsAdminAndTrustsAnyone() throws {
    let (graph, warnings) = try load(cloudmapper)
    let badRole = "arn:aws:iam::123456789012:role/bad_role"
    let admin = edges(in: graph, from: badRole, to: "aws:admin/123456789012")
    XCTAssertEqual(admin.map(\.actions), [["*"]])
    XCTAssertEqual(
      admin.first?.provenance.grant, "inline policy \"dostuff\" of role bad_role, statement 0")
    XCTAssertEqual(
      admin.first?.provenance.location,
      "RoleDetailList[1].RolePolicyList[0].PolicyDocument.Statement[0]")
    XCTAssertEqual(
      edges(in: graph, from: "aws:principal/*", to: badRole).map(\.relation), [.assumes])
    XCTAssertTrue(
      warnings.map(\.message).contains("role bad_role trusts any AWS principal (\"*\")"))
    let admins = graph.incomingEdges(of: graph.nodeID(for: "aws:admin/123456789012")!)
    XCTAssertEqual(admins.count, 1)
  }

  func testCloudmapperLevel1ReadsItsBucket() throws {
    let (graph, _) = try load(cloudmapper)
    let level1 = "arn:aws:iam::123456789012:role/service-role/level1"
    let bucket = "arn:aws:s3:::level1.flaws2.cloud"
    XCTAssertEqual(graph.node(graph.nodeID(for: bucket)!).type, "s3-bucket")
    XCTAssertEqual(
      Set(edges(in: graph, from: level1, to: bucket).map(\.actions)),
      [["s3:GetObject"], ["s3:ListBucket"]])
    XCTAssertEqual(
      edges(in: graph, from: "aws:service/123456789012/lambda.amazonaws.com", to: level1)
        .map(\.relation),
      [.assumes])
  }

  func testCloudmapperUserInheritsGroupPolicy() throws {
    let (graph, warnings) = try load(cloudmapper)
    let user = "arn:aws:iam::aws:user/USER"
    XCTAssertEqual(graph.node(graph.nodeID(for: user)!).account, "123456789012")
    XCTAssertEqual(
      edges(in: graph, from: user, to: "arn:aws:iam::aws:group/GROUP_WITH_BAD_INLINE_POLICY")
        .map(\.relation),
      [.memberOf])
    let logs = edges(in: graph, from: user, to: "aws:account/123456789012")
      .filter { $0.actions.first?.hasPrefix("logs:") == true }
    XCTAssertEqual(
      logs.first?.provenance.grant,
      "managed policy AmazonEC2RoleforSSM "
        + "(arn:aws:iam::aws:policy/service-role/AmazonEC2RoleforSSM, v8), statement 6, "
        + "attached to group GROUP_WITH_BAD_INLINE_POLICY")
    XCTAssertEqual(
      warnings.filter { $0.message.hasPrefix("the ARN names the account \"aws\"") }.count, 3)
  }
}

/// Collects warnings from a loader, whose callback outlives the call that sets it.
private final class WarningLog: @unchecked Sendable {
  var warnings: [ImportWarning] = []
}
