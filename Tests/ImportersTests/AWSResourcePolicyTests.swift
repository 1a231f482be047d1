import AccessGraph
import XCTest

@testable import Importers

/// Resource policies evaluated with identity policies, on the fixtures in
/// `Fixtures/aws/resource-policies`: the IAM exports of accounts 111111111111 and
/// 222222222222, and policies of resources that 111111111111 owns.
final class AWSResourcePolicyTests: XCTestCase {
  private let logs = "arn:aws:s3:::logs"
  private let sharedData = "arn:aws:s3:::shared-data"
  private let publicAssets = "arn:aws:s3:::public-assets"
  private let adminsOnlyKey =
    "arn:aws:kms:eu-west-1:111111111111:key/0000aaaa-1111-2222-3333-444455556666"
  private let defaultKey =
    "arn:aws:kms:eu-west-1:111111111111:key/1111bbbb-2222-3333-4444-555566667777"
  private let cloudTrail = "aws:service/111111111111/cloudtrail.amazonaws.com"

  private func user(_ name: String, account: String = "111111111111") -> String {
    "arn:aws:iam::\(account):user/\(name)"
  }

  private func role(_ name: String) -> String { "arn:aws:iam::111111111111:role/\(name)" }

  /// Runs the importer on fixtures of `Fixtures/aws/resource-policies` and on documents
  /// written in a test.
  private func run(_ names: [String], json: [String] = []) throws -> AWSImportRun {
    let fixtures = try names.map { try AWSFixtures.document("resource-policies/\($0)") }
    let written = try json.enumerated().map { index, text in
      try AWSFixtures.document(json: text, file: "written-\(index).json")
    }
    return try AWSFixtures.run(fixtures + written)
  }

  // MARK: Same account

  func testBucketPolicyGrantsUserWithoutIdentityAllow() throws {
    let alice = user("alice")
    XCTAssertEqual(try run(["iam-111111111111.json"]).facts(from: alice), [])

    let run = try run(["iam-111111111111.json", "bucket-logs.json"])
    let granted = EdgeFact(alice, logs, .access, ["s3:GetObject", "s3:ListBucket"])
    XCTAssertEqual(run.facts(from: alice), [granted])
    let provenance = run.provenance(of: granted)
    XCTAssertEqual(provenance?.file, "resource-policies/bucket-logs.json")
    XCTAssertEqual(provenance?.location, "Policy.Statement[0]")
    XCTAssertEqual(
      provenance?.grant,
      "bucket policy of logs, statement 0 (Sid AliceRead), which names user alice")
  }

  func testBucketPolicyEdgesIntoBucket() throws {
    let run = try run(["iam-111111111111.json", "bucket-logs.json"])
    XCTAssertEqual(
      run.facts(into: logs),
      [
        EdgeFact(user("alice"), logs, .access, ["s3:GetObject", "s3:ListBucket"]),
        EdgeFact(role("auditor"), logs, .access, ["s3:GetObject"]),
        EdgeFact(cloudTrail, logs, .access, ["s3:PutObject"], conditional: true),
        EdgeFact(user("bob"), logs, .access, ["s3:*", "!s3:DeleteObject"], conditional: true),
      ])
  }

  func testBucketNodeIsDefinedWithAccount() throws {
    let node = try XCTUnwrap(try run(["bucket-logs.json"]).node(logs))
    XCTAssertEqual(node.kind, .resource)
    XCTAssertEqual(node.type, "s3-bucket")
    XCTAssertEqual(node.name, "logs")
    XCTAssertEqual(node.account, "111111111111")
    XCTAssertTrue(node.isDefined)
  }

  func testBoundaryLimitsGrantToRoleARN() throws {
    let run = try run(["iam-111111111111.json", "bucket-logs.json"])
    XCTAssertEqual(run.facts(from: role("reporter")), [])

    let session = EdgeFact(role("auditor"), logs, .access, ["s3:GetObject"])
    XCTAssertEqual(run.facts(from: role("auditor")), [session])
    XCTAssertEqual(
      run.provenance(of: session)?.grant,
      "bucket policy of logs, statement 2 (Sid AuditorSession), which names "
        + "arn:aws:sts::111111111111:assumed-role/auditor/audit-2024, a session of role auditor")
  }

  // MARK: Deny

  func testBucketPolicyDenyRemovesIdentityGrant() throws {
    let mallory = user("mallory")
    XCTAssertEqual(
      try run(["iam-111111111111.json"]).facts(from: mallory),
      [EdgeFact(mallory, logs, .access, ["s3:GetObject"])])
    XCTAssertEqual(try run(["iam-111111111111.json", "bucket-logs.json"]).facts(from: mallory), [])
  }

  func testBucketPolicyDenyOfAllExcludesAction() throws {
    let bob = user("bob")
    let withoutPolicy = try run(["iam-111111111111.json"]).facts(from: bob)
    XCTAssertTrue(withoutPolicy.contains(EdgeFact(bob, logs, .access, ["s3:*"])))

    let run = try run(["iam-111111111111.json", "bucket-logs.json"])
    let narrowed = EdgeFact(bob, logs, .access, ["s3:*", "!s3:DeleteObject"], conditional: true)
    XCTAssertEqual(run.facts(from: bob).filter { $0.target == logs }, [narrowed])
  }

  func testConditionalDenyMarksIdentityGrantConditional() throws {
    let bob = user("bob")
    let run = try run(["iam-111111111111.json", "bucket-logs.json"])
    let provenance = run.provenance(
      of: EdgeFact(bob, logs, .access, ["s3:*", "!s3:DeleteObject"], conditional: true))
    XCTAssertEqual(provenance?.file, "resource-policies/iam-111111111111.json")
    XCTAssertEqual(
      provenance?.grant,
      "inline policy \"app-access\" of user bob, statement 0 (Sid Logs); a Deny with a "
        + "condition may remove it (bucket policy of logs, statement 6 (Sid DenyBobPutWithoutTLS))")
  }

  func testNotPrincipalDenySparesListedUserOnly() throws {
    // auditor is listed too, but a Deny with NotPrincipal always applies to a principal with
    // a permissions boundary.
    let policy = """
      {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::logs/*",
         "Principal": {"AWS": ["arn:aws:iam::111111111111:user/alice",
                               "arn:aws:sts::111111111111:assumed-role/auditor/audit"]}},
        {"Effect": "Deny", "Action": "s3:*",
         "Resource": ["arn:aws:s3:::logs", "arn:aws:s3:::logs/*"],
         "NotPrincipal": {"AWS": ["arn:aws:iam::111111111111:user/alice",
                                  "arn:aws:iam::111111111111:role/auditor",
                                  "arn:aws:iam::111111111111:root"]}}
      ]}
      """
    let run = try run(["iam-111111111111.json"], json: [bucketPolicyFile(policy)])
    XCTAssertEqual(
      run.facts(into: logs), [EdgeFact(user("alice"), logs, .access, ["s3:GetObject"])])
  }

  // MARK: Anyone and services

  func testPublicBucketLinksAnyPrincipalAndWarns() throws {
    let run = try run(["bucket-public-assets.json"])
    XCTAssertEqual(
      run.facts,
      [
        EdgeFact(AWSNodes.anyPrincipal.id, publicAssets, .access, ["s3:GetObject"]),
        EdgeFact(
          AWSNodes.anyPrincipal.id, publicAssets, .access, ["s3:ListBucket"], conditional: true),
      ])
    let publicWarnings = run.warnings.filter { $0.message.hasSuffix("is public") }
    XCTAssertEqual(
      publicWarnings,
      [
        ImportWarning(
          file: "resource-policies/bucket-public-assets.json", location: "Policy.Statement[0]",
          message: "bucket policy of public-assets, statement 0 (Sid PublicRead) allows any AWS "
            + "principal (\"*\") without a condition, so the bucket public-assets is public")
      ])
  }

  func testBucketWithoutAccountWarns() throws {
    let run = try run(["bucket-public-assets.json"])
    XCTAssertEqual(run.node(publicAssets)?.account, "")
    let accountWarnings = run.warnings.filter { $0.message.contains("is not known") }
    XCTAssertEqual(accountWarnings.count, 1)
    XCTAssertEqual(accountWarnings.first?.location, "")
    XCTAssertTrue(
      accountWarnings.first?.message.hasPrefix(
        "the account of bucket public-assets is not known") == true)
  }

  func testConditionalStatementsMarkEdgesConditional() throws {
    let run = try run(["iam-111111111111.json", "bucket-logs.json", "bucket-public-assets.json"])
    let trail = EdgeFact(cloudTrail, logs, .access, ["s3:PutObject"], conditional: true)
    XCTAssertEqual(run.facts(from: cloudTrail), [trail])
    XCTAssertEqual(run.node(cloudTrail)?.type, "aws-service")
    XCTAssertEqual(run.provenance(of: trail)?.location, "Policy.Statement[3]")

    let orgList = EdgeFact(
      AWSNodes.anyPrincipal.id, publicAssets, .access, ["s3:ListBucket"], conditional: true)
    XCTAssertEqual(run.provenance(of: orgList)?.location, "Policy.Statement[1]")
    XCTAssertFalse(run.warnings.contains { $0.location == "Policy.Statement[1]" })
  }

  // MARK: Across accounts

  func testCrossAccountReadWithBothSides() throws {
    let run = try run(["iam-111111111111.json", "iam-222222222222.json", "bucket-shared-data.json"])
    let carol = EdgeFact(
      user("carol", account: "222222222222"), sharedData, .access, ["s3:GetObject"])
    XCTAssertEqual(run.facts(into: sharedData), [carol])
    let provenance = run.provenance(of: carol)
    XCTAssertEqual(
      provenance?.location, "UserDetailList[0].UserPolicyList[0].PolicyDocument.Statement[0]")
    XCTAssertEqual(
      provenance?.grant,
      "inline policy \"read-shared\" of user carol, statement 0; allowed too by bucket policy "
        + "of shared-data, statement 0 (Sid PartnerRead), which names account 222222222222 "
        + "(resource-policies/bucket-shared-data.json:Policy.Statement[0])")
  }

  func testCrossAccountNeedsIdentityAllow() throws {
    let run = try run(["iam-111111111111.json", "iam-222222222222.json", "bucket-shared-data.json"])
    XCTAssertEqual(run.facts(from: user("dave", account: "222222222222")), [])
  }

  func testCrossAccountNeedsBucketPolicyAllow() throws {
    let erin = user("erin", account: "222222222222")
    XCTAssertEqual(
      try run(["iam-222222222222.json"]).facts(from: erin),
      [EdgeFact(erin, logs, .access, ["s3:GetObject"])])
    let run = try run(["iam-111111111111.json", "iam-222222222222.json", "bucket-logs.json"])
    XCTAssertEqual(run.facts(from: erin), [])
  }

  func testConditionalPolicyAllowMakesCrossAccountGrantConditional() throws {
    let policy = """
      {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject",
         "Resource": "arn:aws:s3:::logs/*",
         "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}
      ]}
      """
    let run = try run(["iam-222222222222.json"], json: [bucketPolicyFile(policy)])
    let erin = EdgeFact(
      user("erin", account: "222222222222"), logs, .access, ["s3:GetObject"], conditional: true)
    XCTAssertEqual(
      run.facts(into: logs),
      [
        erin,
        EdgeFact(AWSNodes.anyPrincipal.id, logs, .access, ["s3:GetObject"], conditional: true),
      ])
    XCTAssertEqual(
      run.provenance(of: erin)?.grant,
      "inline policy \"read-logs\" of user erin, statement 0; allowed too by bucket policy of "
        + "logs, statement 0, which allows any AWS principal (\"*\") "
        + "(written-0.json:Policy.Statement[0])")
    XCTAssertEqual(run.warnings, [])
  }

  func testPrincipalConditionsAreDecidedPerCaller() throws {
    let policy = """
      {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
         "Resource": "arn:aws:s3:::logs/*",
         "Condition": {"StringEquals": {"aws:PrincipalAccount": "222222222222"}}},
        {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:user/alice"},
         "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::logs",
         "Condition": {"StringEquals": {"aws:PrincipalTag/team": "audit"}}}
      ]}
      """
    let run = try run(
      ["iam-111111111111.json", "iam-222222222222.json"], json: [bucketPolicyFile(policy)])
    XCTAssertEqual(
      run.facts(into: logs),
      [
        EdgeFact(user("erin", account: "222222222222"), logs, .access, ["s3:GetObject"]),
        EdgeFact(AWSNodes.anyPrincipal.id, logs, .access, ["s3:GetObject"], conditional: true),
        EdgeFact(user("bob"), logs, .access, ["s3:*"]),
        EdgeFact(user("mallory"), logs, .access, ["s3:GetObject"]),
      ])
  }

  func testAccountOutsideRunGetsEdgeFromItsScope() throws {
    let queue = "arn:aws:sqs:eu-west-1:111111111111:orders"
    let run = try run(["queue-orders.json"])
    let partner = EdgeFact(
      "aws:account/333333333333", queue, .access, ["sqs:ReceiveMessage", "sqs:DeleteMessage"])
    XCTAssertEqual(
      run.facts(into: queue),
      [
        partner,
        EdgeFact(
          "aws:service/111111111111/sns.amazonaws.com", queue, .access, ["sqs:SendMessage"],
          conditional: true),
      ])
    XCTAssertEqual(
      run.provenance(of: partner)?.grant,
      "access policy of queue orders, statement 1 (Sid PartnerReceive), which names account "
        + "333333333333; the account is not in the run, so which of its principals may use it "
        + "is not checked")
  }

  // MARK: KMS

  func testKeyPolicyWithoutAccountStatementBlocksIdentityAccess() throws {
    let run = try run(["iam-111111111111.json", "key-admins-only.json"])
    XCTAssertEqual(
      run.facts(into: adminsOnlyKey),
      [EdgeFact(role("key-admin"), adminsOnlyKey, .access, ["kms:*"])])
    XCTAssertEqual(
      run.facts(from: user("bob")).filter { $0.target != logs },
      [EdgeFact(user("bob"), "aws:account/111111111111", .access, ["kms:Decrypt"])])
  }

  func testKeyPolicyWithAccountStatementEnablesIdentityAccess() throws {
    let run = try run(["iam-111111111111.json", "key-default.json"])
    let decrypt = EdgeFact(user("bob"), defaultKey, .access, ["kms:Decrypt"])
    XCTAssertEqual(run.facts(into: defaultKey), [decrypt])
    XCTAssertEqual(
      run.provenance(of: decrypt)?.grant,
      "inline policy \"app-access\" of user bob, statement 1 (Sid Decrypt); enabled by key "
        + "policy of key 1111bbbb-2222-3333-4444-555566667777, statement 0 (Sid Enable IAM User "
        + "Permissions), which names account 111111111111 "
        + "(resource-policies/key-default.json:Policy.Statement[0])")
  }

  func testKeyNodeIsDefined() throws {
    let node = try XCTUnwrap(try run(["key-default.json"]).node(defaultKey))
    XCTAssertEqual(node.type, "kms-key")
    XCTAssertEqual(node.name, "1111bbbb-2222-3333-4444-555566667777")
    XCTAssertEqual(node.account, "111111111111")
  }

  /// Returns a bucket policy file of bucket logs in account 111111111111 whose policy is
  /// `policy`.
  private func bucketPolicyFile(_ policy: String) throws -> String {
    let document: [String: Any] = ["Policy": policy, "Account": "111111111111"]
    return String(decoding: try JSONSerialization.data(withJSONObject: document), as: UTF8.self)
  }
}
