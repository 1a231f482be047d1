import Foundation
import XCTest

/// Service control policies in a command's results, on the organization that the importer
/// tests use (`Tests/ImportersTests/Fixtures/aws-organization`).
final class ServiceControlPolicyCommandTests: BlastTestCase {
  private static let organization = fixtures.deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("ImportersTests/Fixtures/aws-organization")

  override func setUpWithError() throws {
    try super.setUpWithError()
    try FileManager.default.copyItem(
      at: Self.organization, to: folder.appendingPathComponent("organization"))
  }

  func testDeniedAdminHasNoPath() throws {
    let expected = """
      {
        "schema" : "blastradius/paths/v1",
        "from" : "arn:aws:iam::222222222222:user/alice",
        "limit" : null,
        "nodes" : {
          "arn:aws:iam::222222222222:user/alice" : {
            "account" : "222222222222",
            "crownJewel" : false,
            "defined" : true,
            "kind" : "human",
            "name" : "alice",
            "platform" : "aws",
            "type" : "iam-user"
          }
        },
        "paths" : [

        ],
        "sources" : [
          "arn:aws:iam::222222222222:user/alice"
        ],
        "to" : "admin"
      }

      """
    assertResult(
      try blast(
        "paths", "organization", "--from", "arn:aws:iam::222222222222:user/alice", "--to",
        "admin", "--json"),
      status: 0, output: expected, error: "")
  }

  func testAdminWithoutDenyKeepsPath() throws {
    let expected = """
      1 path from carol to admin, unconditional first, then shortest

      Path 1: carol to AWS account admin, 1 hop
        1. carol -[access: *]-> AWS account admin
           via managed policy AdministratorAccess (arn:aws:iam::aws:policy/AdministratorAccess, v1), statement 0, attached to user carol (organization/aws-444444444444.json:UserDetailList[0].AttachedManagedPolicies[0])

      Nodes on these paths
        carol              human      aws/444444444444  arn:aws:iam::444444444444:user/carol
        AWS account admin  privilege  aws/444444444444  aws:admin/444444444444

      """
    assertResult(
      try blast("paths", "organization", "--from", "carol", "--to", "admin"), status: 0,
      output: expected, error: "")
  }

  func testPathWithoutOrganizationFilesReachesAdmin() throws {
    let exports = folder.appendingPathComponent("exports")
    try FileManager.default.createDirectory(at: exports, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: folder.appendingPathComponent("organization/aws-222222222222.json"),
      to: exports.appendingPathComponent("aws-222222222222.json"))
    let result = try blast(
      "paths", "exports", "--from", "arn:aws:iam::222222222222:user/alice", "--to", "admin")
    XCTAssertEqual(result.status, 0)
    XCTAssertEqual(result.standardError, "")
    XCTAssertTrue(
      result.standardOutput.hasPrefix(
        "1 path from alice to admin, unconditional first, then shortest\n"),
      result.standardOutput)
  }
}
