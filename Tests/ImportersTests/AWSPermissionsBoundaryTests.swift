import AccessGraph
import XCTest

@testable import Importers

/// Permissions boundaries: a principal keeps only what its identity policies and its
/// boundary both allow.
final class AWSPermissionsBoundaryTests: XCTestCase {
  private let account = "aws:account/111111111111"
  private let admin = "aws:admin/111111111111"
  private let reports = "arn:aws:s3:::reports"
  private let logs = "arn:aws:s3:::logs"
  /// The scope of the buckets, whose account no input gives.
  private let unplacedBuckets = "aws:account/unknown/s3"
  private let adminPolicy = "arn:aws:iam::aws:policy/AdministratorAccess"
  private let boundaryPolicy = "arn:aws:iam::111111111111:policy/Boundary"

  private var inventory: [Node] {
    [
      AWSFixtures.resource(reports, type: "s3-bucket"),
      AWSFixtures.resource(logs, type: "s3-bucket"),
    ]
  }

  private func user(_ name: String) -> String { "arn:aws:iam::111111111111:user/\(name)" }

  /// Returns a `UserDetailList` entry with AdministratorAccess attached and, when given, a
  /// boundary.
  private func userJSON(_ name: String, boundary: String?) -> String {
    var boundaryMember = ""
    if let boundary {
      boundaryMember = #"""
        "PermissionsBoundary": {
          "PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": "\#(boundary)"
        },
        """#
    }
    return #"""
      {
        "Path": "/", "UserName": "\#(name)", "UserId": "AIDA\#(name.uppercased())",
        "Arn": "\#(user(name))", "CreateDate": "2024-01-01T00:00:00Z",
        "UserPolicyList": [], "GroupList": [], \#(boundaryMember)
        "AttachedManagedPolicies": [
          {"PolicyName": "AdministratorAccess", "PolicyArn": "\#(adminPolicy)"}
        ],
        "Tags": []
      }
      """#
  }

  /// Returns a `Policies` entry whose default version contains `statements`.
  private func policyJSON(_ name: String, arn: String, statements: String) -> String {
    #"""
    {
      "PolicyName": "\#(name)", "PolicyId": "ANPA\#(name.uppercased())", "Arn": "\#(arn)",
      "Path": "/", "DefaultVersionId": "v1", "AttachmentCount": 1,
      "PermissionsBoundaryUsageCount": 0, "IsAttachable": true,
      "CreateDate": "2024-01-01T00:00:00Z", "UpdateDate": "2024-01-01T00:00:00Z",
      "PolicyVersionList": [
        {
          "Document": {"Version": "2012-10-17", "Statement": \#(statements)},
          "VersionId": "v1", "IsDefaultVersion": true, "CreateDate": "2024-01-01T00:00:00Z"
        }
      ]
    }
    """#
  }

  private var administratorAccess: String {
    policyJSON(
      "AdministratorAccess", arn: adminPolicy,
      statements: #"[{"Effect": "Allow", "Action": "*", "Resource": "*"}]"#)
  }

  /// Runs the importer on one export with `users`, `roles`, AdministratorAccess and, when
  /// given, the boundary policy with `boundaryStatements`.
  private func run(
    users: [String], roles: [String] = [], boundaryStatements: String?
  ) throws -> AWSImportRun {
    var policies = [administratorAccess]
    if let boundaryStatements {
      policies.append(policyJSON("Boundary", arn: boundaryPolicy, statements: boundaryStatements))
    }
    let json = """
      {
        "UserDetailList": [\(users.joined(separator: ","))],
        "GroupDetailList": [],
        "RoleDetailList": [\(roles.joined(separator: ","))],
        "Policies": [\(policies.joined(separator: ","))]
      }
      """
    return try AWSFixtures.run(
      [AWSFixtures.document(json: json, file: "boundary.json")], resources: inventory)
  }

  private let s3OnlyBoundary = #"[{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]"#

  func testBoundaryLimitsAdministratorToS3() throws {
    let run = try run(
      users: [userJSON("alice", boundary: boundaryPolicy)], boundaryStatements: s3OnlyBoundary)
    let alice = user("alice")
    XCTAssertEqual(
      run.facts(from: alice),
      [
        EdgeFact(alice, account, .access, ["s3:*"]),
        EdgeFact(alice, unplacedBuckets, .access, ["s3:*"]),
      ])
    XCTAssertTrue(run.facts(into: admin).isEmpty)
    XCTAssertFalse(run.warnings.contains { $0.message.contains("permissions boundary") })
  }

  func testAdministratorWithoutBoundaryKeepsAdmin() throws {
    let run = try run(users: [userJSON("alice", boundary: nil)], boundaryStatements: nil)
    let alice = user("alice")
    XCTAssertEqual(
      run.facts(from: alice),
      [
        EdgeFact(alice, account, .access, ["*"]),
        EdgeFact(alice, unplacedBuckets, .access, ["*"]),
        EdgeFact(alice, admin, .access, ["*"]),
      ])
  }

  func testBoundaryOnOneBucketKeepsOneAction() throws {
    let boundary = #"""
      [{"Effect": "Allow", "Action": "s3:GetObject",
        "Resource": ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]}]
      """#
    let run = try run(
      users: [userJSON("alice", boundary: boundaryPolicy)], boundaryStatements: boundary)
    let alice = user("alice")
    XCTAssertEqual(
      run.facts(from: alice), [EdgeFact(alice, reports, .access, ["s3:GetObject"])])
  }

  func testConditionalBoundaryMarksEdgeConditional() throws {
    let boundary = #"""
      [{"Effect": "Allow", "Action": "s3:GetObject",
        "Resource": ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"],
        "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}]
      """#
    let run = try run(
      users: [userJSON("alice", boundary: boundaryPolicy)], boundaryStatements: boundary)
    let alice = user("alice")
    let kept = EdgeFact(alice, reports, .access, ["s3:GetObject"], conditional: true)
    XCTAssertEqual(run.facts(from: alice), [kept])
    let grant = run.provenance(of: kept)?.grant ?? ""
    XCTAssertTrue(
      grant.contains("the permissions boundary allows it only under a condition"), grant)
    XCTAssertTrue(grant.contains("managed policy Boundary"), grant)
  }

  func testBoundaryDenyRemovesAction() throws {
    let boundary = #"""
      [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
       {"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"}]
      """#
    let run = try run(
      users: [userJSON("alice", boundary: boundaryPolicy)], boundaryStatements: boundary)
    let alice = user("alice")
    XCTAssertEqual(
      run.facts(from: alice),
      [
        EdgeFact(alice, account, .access, ["s3:*", "!s3:DeleteBucket"]),
        EdgeFact(alice, unplacedBuckets, .access, ["s3:*", "!s3:DeleteBucket"]),
      ])
  }

  func testMissingBoundaryPolicyWarnsAndLimitsNothing() throws {
    let missing = "arn:aws:iam::111111111111:policy/NotExported"
    let run = try run(users: [userJSON("alice", boundary: missing)], boundaryStatements: nil)
    let alice = user("alice")
    XCTAssertEqual(
      run.facts(from: alice),
      [
        EdgeFact(alice, account, .access, ["*"]),
        EdgeFact(alice, unplacedBuckets, .access, ["*"]),
        EdgeFact(alice, admin, .access, ["*"]),
      ])
    let warnings = run.warnings.filter { $0.message.contains(missing) }
    XCTAssertEqual(warnings.count, 1)
    XCTAssertEqual(warnings.first?.location, "UserDetailList[0].PermissionsBoundary")
    XCTAssertTrue(warnings.first?.message.contains("user alice") == true)
  }

  func testBoundaryBlocksRootTrustButNotDirectTrust() throws {
    let target = "arn:aws:iam::111111111111:role/target"
    let role = #"""
      {
        "Path": "/", "RoleName": "target", "RoleId": "AROATARGET", "Arn": "\#(target)",
        "CreateDate": "2024-01-01T00:00:00Z",
        "AssumeRolePolicyDocument": {
          "Version": "2012-10-17",
          "Statement": [
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:root"},
             "Action": "sts:AssumeRole"},
            {"Effect": "Allow", "Principal": {"AWS": "\#(user("bob"))"},
             "Action": "sts:AssumeRole"}
          ]
        },
        "InstanceProfileList": [], "RolePolicyList": [], "AttachedManagedPolicies": [],
        "Tags": [], "RoleLastUsed": {}
      }
      """#
    let run = try run(
      users: [
        userJSON("carol", boundary: boundaryPolicy),
        userJSON("bob", boundary: boundaryPolicy),
        userJSON("dave", boundary: nil),
      ],
      roles: [role], boundaryStatements: s3OnlyBoundary)
    XCTAssertEqual(
      run.facts(into: target),
      [
        EdgeFact(user("bob"), target, .assumes, ["sts:AssumeRole"]),
        EdgeFact(user("dave"), target, .assumes, ["sts:AssumeRole"]),
      ])
  }

  /// Returns a `RoleDetailList` entry with no policies of its own, trusting `trusted` and
  /// limited by the boundary policy when `hasBoundary` is true.
  private func roleJSON(_ name: String, trusting trusted: [String], hasBoundary: Bool) -> String {
    let principals = trusted.map { "\"\($0)\"" }.joined(separator: ", ")
    let boundaryMember =
      hasBoundary
      ? #""PermissionsBoundary": {"PermissionsBoundaryType": "Policy", "#
        + #""PermissionsBoundaryArn": "\#(boundaryPolicy)"},"#
      : ""
    return #"""
      {
        "Path": "/", "RoleName": "\#(name)", "RoleId": "AROA\#(name.uppercased())",
        "Arn": "arn:aws:iam::111111111111:role/\#(name)", "CreateDate": "2024-01-01T00:00:00Z",
        "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Principal": {"AWS": [\#(principals)]}, "Action": "sts:AssumeRole"}
        ]},
        \#(boundaryMember)
        "InstanceProfileList": [], "RolePolicyList": [], "AttachedManagedPolicies": [],
        "Tags": [], "RoleLastUsed": {}
      }
      """#
  }

  func testBoundaryLimitsTrustInRoleARN() throws {
    let target = "arn:aws:iam::111111111111:role/target"
    let roles = [
      roleJSON(
        "target",
        trusting: [
          "arn:aws:iam::111111111111:role/chained",
          "arn:aws:sts::111111111111:assumed-role/sessioned/nightly",
        ], hasBoundary: false),
      roleJSON("chained", trusting: ["arn:aws:iam::111111111111:root"], hasBoundary: true),
      roleJSON("sessioned", trusting: ["arn:aws:iam::111111111111:root"], hasBoundary: true),
    ]
    let run = try run(users: [], roles: roles, boundaryStatements: s3OnlyBoundary)
    XCTAssertEqual(
      run.facts(into: target),
      [
        EdgeFact(
          "arn:aws:iam::111111111111:role/sessioned", target, .assumes, ["sts:AssumeRole"])
      ])
  }

  func testBoundaryAllowingAssumeRoleKeepsTrust() throws {
    let target = "arn:aws:iam::111111111111:role/target"
    let roles = [
      roleJSON("target", trusting: ["arn:aws:iam::111111111111:role/chained"], hasBoundary: false),
      roleJSON("chained", trusting: ["arn:aws:iam::111111111111:root"], hasBoundary: true),
    ]
    let boundary = #"[{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]"#
    let run = try run(users: [], roles: roles, boundaryStatements: boundary)
    XCTAssertEqual(
      run.facts(into: target),
      [EdgeFact("arn:aws:iam::111111111111:role/chained", target, .assumes, ["sts:AssumeRole"])])
  }
}
