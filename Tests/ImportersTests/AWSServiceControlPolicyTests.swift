import AccessGraph
import Foundation
import XCTest

@testable import Importers

/// Service control policies: an IAM user or role of a member account keeps only what an SCP
/// at every level from the root down to its account allows and no SCP on that path denies.
///
/// The fixture organization (`Fixtures/aws-organization`) has the management account
/// 111111111111 and four member accounts:
///
/// - 222222222222 in OU Workloads, where the SCP DenyIAMChanges denies `iam:*` to every
///   principal but a role named break-glass;
/// - 333333333333 in OU Sandbox, whose only SCP allows `s3:*`;
/// - 444444444444 under the root, with FullAWSAccess at every level;
/// - 555555555555 under the root, whose account-level SCP allows everything only in EU
///   Regions, under a condition.
///
/// FullAWSAccess is attached to the root, to OU Workloads and to every account but
/// 555555555555. DenyIAMChanges is also attached to the management account, where it has
/// no effect.
final class AWSServiceControlPolicyTests: XCTestCase {
  private static let folder = AWSFixtures.testsFolder.appendingPathComponent(
    "Fixtures/aws-organization")
  private let reports = "arn:aws:s3:::reports"
  /// The scope of the bucket, whose account no input gives.
  private let unplacedBuckets = "aws:account/unknown/s3"

  private func user(_ account: String, _ name: String) -> String {
    "arn:aws:iam::\(account):user/\(name)"
  }

  private func role(_ account: String, _ name: String) -> String {
    "arn:aws:iam::\(account):role/\(name)"
  }

  /// Returns the fixture files, sorted, without the names in `excluded`.
  private func documents(excluding excluded: Set<String> = []) throws -> [JSONCursor] {
    let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
      .filter { $0.hasSuffix(".json") && !excluded.contains($0) }.sorted()
    return try names.map {
      try JSONCursor.parse(Data(contentsOf: Self.folder.appendingPathComponent($0)), file: $0)
    }
  }

  /// Runs the importer on the fixture files, less `excluded`, plus `extra` documents.
  private func importFixtures(
    excluding excluded: Set<String> = [], adding extra: [JSONCursor] = []
  ) throws -> AWSImportRun {
    try AWSFixtures.run(
      documents(excluding: excluded) + extra,
      resources: [AWSFixtures.resource(reports, type: "s3-bucket")])
  }

  /// Returns the fixture file `name` after `edit` changed its JSON object.
  private func editedFixture(
    _ name: String, _ edit: (inout [String: Any]) -> Void
  ) throws -> JSONCursor {
    let data = try Data(contentsOf: Self.folder.appendingPathComponent(name))
    var object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    edit(&object)
    return JSONCursor(file: name, value: object)
  }

  /// The edges into `target` that a trust policy makes, leaving out escalation edges.
  private func trustFacts(into target: String, in run: AWSImportRun) -> Set<EdgeFact> {
    run.facts(into: target).filter { $0.actions == ["sts:AssumeRole"] }
  }

  /// Every Organizations file of the fixture, which a run leaves out to see IAM alone.
  private var organizationFiles: Set<String> {
    get throws {
      Set(
        try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter {
          !$0.hasPrefix("aws-")
        })
    }
  }

  func testDenyRemovesAccessAndAdminEdges() throws {
    let run = try importFixtures()
    let alice = user("222222222222", "alice")
    XCTAssertEqual(
      run.facts(from: alice),
      [
        EdgeFact(alice, "aws:account/222222222222", .access, ["*", "!iam:*"]),
        EdgeFact(alice, unplacedBuckets, .access, ["*"]),
        EdgeFact(alice, role("222222222222", "iam-auditor"), .assumes, ["sts:AssumeRole"]),
        EdgeFact(alice, role("444444444444", "reader"), .assumes, ["sts:AssumeRole"]),
      ])
    XCTAssertEqual(run.facts(from: user("222222222222", "dave")), [])
    XCTAssertEqual(
      run.facts(into: "aws:admin/222222222222"),
      [EdgeFact(role("222222222222", "break-glass"), "aws:admin/222222222222", .access, ["*"])])
    XCTAssertEqual(run.warnings, [])
  }

  func testDenyNamesPolicyInProvenance() throws {
    let run = try importFixtures()
    let alice = user("222222222222", "alice")
    let provenance = try XCTUnwrap(
      run.provenance(of: EdgeFact(alice, "aws:account/222222222222", .access, ["*", "!iam:*"])))
    XCTAssertEqual(provenance.file, "aws-222222222222.json")
    XCTAssertEqual(provenance.location, "UserDetailList[0].AttachedManagedPolicies[0]")
  }

  func testWithoutOrganizationFilesAdminKeepsEverything() throws {
    let run = try importFixtures(excluding: organizationFiles)
    let alice = user("222222222222", "alice")
    XCTAssertEqual(
      Set(run.facts(from: alice).filter { $0.relation == .access }),
      [
        EdgeFact(alice, "aws:account/222222222222", .access, ["*"]),
        EdgeFact(alice, unplacedBuckets, .access, ["*"]),
        EdgeFact(alice, "aws:admin/222222222222", .access, ["*"]),
      ])
    let dave = user("222222222222", "dave")
    XCTAssertEqual(
      Set(run.facts(from: dave).filter { $0.relation != .assumes }),
      [
        EdgeFact(dave, "aws:account/222222222222", .access, ["iam:*"]),
        EdgeFact(dave, "aws:admin/222222222222", .escalates, ["iam:AttachUserPolicy"]),
        EdgeFact(dave, "aws:admin/222222222222", .escalates, ["iam:PutUserPolicy"]),
      ])
  }

  func testOUAllowingOnlyS3LimitsItsAccounts() throws {
    let run = try importFixtures()
    let bob = user("333333333333", "bob")
    XCTAssertEqual(
      run.facts(from: bob),
      [
        EdgeFact(bob, "aws:account/333333333333", .access, ["s3:*"]),
        EdgeFact(bob, unplacedBuckets, .access, ["s3:*"]),
      ])
    let carol = user("444444444444", "carol")
    XCTAssertEqual(
      run.facts(from: carol),
      [
        EdgeFact(carol, "aws:account/444444444444", .access, ["*"]),
        EdgeFact(carol, unplacedBuckets, .access, ["*"]),
        EdgeFact(carol, "aws:admin/444444444444", .access, ["*"]),
        EdgeFact(carol, role("444444444444", "ops"), .assumes, ["sts:AssumeRole"]),
      ])
  }

  func testOUAllowingOnlyS3RemovesIAMGrant() throws {
    let run = try importFixtures()
    XCTAssertEqual(run.facts(from: user("333333333333", "ivan")), [])
    let judy = user("444444444444", "judy")
    XCTAssertEqual(
      Set(run.facts(from: judy).filter { $0.relation != .assumes }),
      [
        EdgeFact(judy, "aws:account/444444444444", .access, ["iam:*"]),
        EdgeFact(judy, "aws:admin/444444444444", .escalates, ["iam:AttachUserPolicy"]),
        EdgeFact(judy, "aws:admin/444444444444", .escalates, ["iam:PutUserPolicy"]),
      ])
  }

  func testEscalationToAdminNeedsEveryActionFromPolicies() throws {
    let document = try editedFixture("scp-s3-only.json") { file in
      var policy = file["Policy"] as? [String: Any] ?? [:]
      policy["Content"] =
        #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:*", "iam:*"], "Resource": "*"}]}"#
      file["Policy"] = policy
    }
    let run = try importFixtures(excluding: ["scp-s3-only.json"], adding: [document])
    let ivan = user("333333333333", "ivan")
    XCTAssertEqual(
      Set(run.facts(from: ivan).filter { $0.relation != .assumes }),
      [EdgeFact(ivan, "aws:account/333333333333", .access, ["iam:*"])])
    let judy = user("444444444444", "judy")
    XCTAssertEqual(
      Set(run.facts(from: judy).filter { $0.relation == .escalates }),
      [
        EdgeFact(judy, "aws:admin/444444444444", .escalates, ["iam:AttachUserPolicy"]),
        EdgeFact(judy, "aws:admin/444444444444", .escalates, ["iam:PutUserPolicy"]),
      ])
  }

  func testManagementAccountIsExempt() throws {
    let run = try importFixtures()
    let admin = user("111111111111", "org-admin")
    XCTAssertEqual(
      run.facts(from: admin),
      [
        EdgeFact(admin, "aws:account/111111111111", .access, ["*"]),
        EdgeFact(admin, unplacedBuckets, .access, ["*"]),
        EdgeFact(admin, "aws:admin/111111111111", .access, ["*"]),
        EdgeFact(admin, role("222222222222", "break-glass"), .assumes, ["sts:AssumeRole"]),
      ])
  }

  func testDenyExemptingRoleSparesOnlyIt() throws {
    let run = try importFixtures()
    let breakGlass = role("222222222222", "break-glass")
    XCTAssertEqual(
      Set(run.facts(from: breakGlass).filter { $0.relation == .access }),
      [
        EdgeFact(breakGlass, "aws:account/222222222222", .access, ["*"]),
        EdgeFact(breakGlass, unplacedBuckets, .access, ["*"]),
        EdgeFact(breakGlass, "aws:admin/222222222222", .access, ["*"]),
      ])
    let alice = user("222222222222", "alice")
    XCTAssertEqual(
      Set(run.facts(from: alice).filter { $0.relation == .access }),
      [
        EdgeFact(alice, "aws:account/222222222222", .access, ["*", "!iam:*"]),
        EdgeFact(alice, unplacedBuckets, .access, ["*"]),
      ])
  }

  func testServiceLinkedRoleIsExempt() throws {
    let run = try importFixtures()
    let linked =
      "arn:aws:iam::222222222222:role/aws-service-role/support.amazonaws.com/"
      + "AWSServiceRoleForSupport"
    XCTAssertEqual(
      run.facts(from: linked),
      [EdgeFact(linked, "aws:account/222222222222", .access, ["iam:Get*", "iam:List*"])])
    XCTAssertEqual(run.facts(from: role("222222222222", "iam-auditor")), [])
  }

  func testConditionalAllowMarksEdgesConditional() throws {
    let run = try importFixtures()
    let erin = user("555555555555", "erin")
    let admin = EdgeFact(erin, "aws:admin/555555555555", .access, ["*"], conditional: true)
    XCTAssertEqual(
      Set(run.facts(from: erin).filter { $0.relation == .access }),
      [
        EdgeFact(erin, "aws:account/555555555555", .access, ["*"], conditional: true),
        EdgeFact(erin, unplacedBuckets, .access, ["*"], conditional: true),
        admin,
      ])
    let account = EdgeFact(
      erin, "aws:account/555555555555", .access, ["*"], conditional: true)
    XCTAssertEqual(
      run.provenance(of: account)?.grant,
      "managed policy AdministratorAccess (arn:aws:iam::aws:policy/AdministratorAccess, v1), "
        + "statement 0, attached to user erin; the service control policies attached to "
        + "account eu-analytics "
        + "(555555555555) allow it only under a condition (service control policy "
        + "EURegionsOnly (p-regionlk1), statement 0 (Sid AllowEU), attached to account "
        + "eu-analytics (555555555555))")
    XCTAssertEqual(run.provenance(of: admin)?.grant, run.provenance(of: account)?.grant)
  }

  func testPolicyBlocksCrossAccountAssume() throws {
    let reader = role("444444444444", "reader")
    let alice = user("222222222222", "alice")
    let bob = user("333333333333", "bob")
    let breakGlass = role("222222222222", "break-glass")
    XCTAssertEqual(
      trustFacts(into: reader, in: try importFixtures()),
      [
        EdgeFact(alice, reader, .assumes, ["sts:AssumeRole"]),
        EdgeFact(breakGlass, reader, .assumes, ["sts:AssumeRole"]),
      ])
    XCTAssertEqual(
      trustFacts(into: reader, in: try importFixtures(excluding: organizationFiles)),
      [
        EdgeFact(alice, reader, .assumes, ["sts:AssumeRole"]),
        EdgeFact(bob, reader, .assumes, ["sts:AssumeRole"]),
        EdgeFact(breakGlass, reader, .assumes, ["sts:AssumeRole"]),
      ])
  }

  func testPolicyBlocksSameAccountTrust() throws {
    let deploy = role("333333333333", "sandbox-deploy")
    let ops = role("444444444444", "ops")
    let run = try importFixtures()
    XCTAssertEqual(run.facts(into: deploy), [])
    XCTAssertEqual(
      trustFacts(into: ops, in: run),
      [EdgeFact(user("444444444444", "carol"), ops, .assumes, ["sts:AssumeRole"])])
    XCTAssertEqual(
      trustFacts(into: deploy, in: try importFixtures(excluding: organizationFiles)),
      [EdgeFact(user("333333333333", "bob"), deploy, .assumes, ["sts:AssumeRole"])])
  }

  func testRoleKeepsWhatItsOUAllows() throws {
    let deploy = role("333333333333", "sandbox-deploy")
    XCTAssertEqual(
      try importFixtures().facts(from: deploy),
      [EdgeFact(deploy, reports, .access, ["s3:PutObject"])])
  }

  func testUnplacedAccountGetsKnownPolicies() throws {
    let run = try importFixtures(excluding: [
      "account-555555555555.json", "account-222222222222.json",
    ])
    let erin = user("555555555555", "erin")
    XCTAssertEqual(
      Set(run.facts(from: erin).filter { $0.relation == .access }),
      [
        EdgeFact(erin, "aws:account/555555555555", .access, ["*"], conditional: true),
        EdgeFact(erin, unplacedBuckets, .access, ["*"], conditional: true),
        EdgeFact(erin, "aws:admin/555555555555", .access, ["*"], conditional: true),
      ])
    let alice = user("222222222222", "alice")
    XCTAssertEqual(
      Set(run.facts(from: alice).filter { $0.relation == .access }),
      [
        EdgeFact(alice, "aws:account/222222222222", .access, ["*"]),
        EdgeFact(alice, unplacedBuckets, .access, ["*"]),
        EdgeFact(alice, "aws:admin/222222222222", .access, ["*"]),
      ])
    XCTAssertEqual(
      run.warnings,
      [
        ImportWarning(
          file: "aws-222222222222.json", location: "",
          message: "account 222222222222 is in the run, but no organization input places it "
            + "under a root, so only the service control policies attached to root Root "
            + "(r-a1b2), account workloads-prod (222222222222) are applied and access may be "
            + "overstated; add its `describe-account` output merged with `list-parents`, as "
            + "docs/aws.md shows"),
        ImportWarning(
          file: "aws-555555555555.json", location: "",
          message: "account 555555555555 is in the run, but no organization input places it "
            + "under a root, so only the service control policies attached to root Root "
            + "(r-a1b2), account eu-analytics (555555555555) are applied and access may be "
            + "overstated; add its `describe-account` output merged with `list-parents`, as "
            + "docs/aws.md shows"),
      ])
  }

  func testAccountOutsideOrganizationWarns() throws {
    let outside = try AWSFixtures.document(
      json: """
        {"UserDetailList": [{"Path": "/", "UserName": "zoe", "UserId": "AIDAZOEEXAMPLE00001",
          "Arn": "arn:aws:iam::666666666666:user/zoe", "CreateDate": "2024-02-01T12:00:00Z",
          "UserPolicyList": [{"PolicyName": "iam", "PolicyDocument": {"Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": "iam:*", "Resource": "*"}]}}],
          "GroupList": [], "AttachedManagedPolicies": [], "Tags": []}],
         "GroupDetailList": [], "RoleDetailList": [], "Policies": []}
        """, file: "aws-666666666666.json")
    let run = try importFixtures(adding: [outside])
    let zoe = user("666666666666", "zoe")
    XCTAssertEqual(
      Set(run.facts(from: zoe).filter { $0.relation == .access }),
      [EdgeFact(zoe, "aws:account/666666666666", .access, ["iam:*"])])
    XCTAssertEqual(
      run.warnings,
      [
        ImportWarning(
          file: "aws-666666666666.json", location: "",
          message: "account 666666666666 is in the run, but no organization input places it "
            + "under a root and no service control policy is known to apply to it, so none "
            + "is applied; if it belongs to the organization, add its `describe-account` "
            + "output merged with `list-parents`, as docs/aws.md shows")
      ])
  }

  func testLevelWithoutPolicyWarnsOnce() throws {
    let document = try editedFixture("scp-full-aws-access.json") { policy in
      let targets = policy["Targets"] as? [[String: Any]] ?? []
      policy["Targets"] = targets.filter { $0["Type"] as? String != "ROOT" }
    }
    let run = try importFixtures(excluding: ["scp-full-aws-access.json"], adding: [document])
    let bob = user("333333333333", "bob")
    XCTAssertEqual(
      run.facts(from: bob),
      [
        EdgeFact(bob, "aws:account/333333333333", .access, ["s3:*"]),
        EdgeFact(bob, unplacedBuckets, .access, ["s3:*"]),
      ])
    XCTAssertEqual(
      run.warnings,
      [
        ImportWarning(
          file: "account-111111111111.json", location: "",
          message: "no service control policy in the run is attached to root Root (r-a1b2), "
            + "though AWS keeps at least one attached to every root, OU and account; this "
            + "level is not applied, so access may be overstated; give every SCP of the "
            + "organization, as docs/aws.md shows")
      ])
  }

  func testMissingOrganizationDescriptionWarns() throws {
    let run = try importFixtures(excluding: ["organization.json"])
    let admin = user("111111111111", "org-admin")
    XCTAssertEqual(
      Set(run.facts(from: admin).filter { $0.relation == .access }),
      [
        EdgeFact(admin, "aws:account/111111111111", .access, ["*", "!iam:*"]),
        EdgeFact(admin, unplacedBuckets, .access, ["*"]),
      ])
    XCTAssertEqual(
      run.warnings.map(\.message),
      [
        "no `aws organizations describe-organization` output is in the run, so the management "
          + "account is not known and service control policies are applied to it as to a "
          + "member account; add that output"
      ])
  }
}
