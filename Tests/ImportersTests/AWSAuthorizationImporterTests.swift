import AccessGraph
import XCTest

@testable import Importers

final class AWSAuthorizationImporterTests: XCTestCase {
  private let account = "aws:account/111111111111"
  private let admin = "aws:admin/111111111111"
  private let logs = "arn:aws:s3:::logs"
  /// A bucket that only the policy of role case-sensitive names, which makes it known.
  private let upperLogs = "arn:aws:s3:::Logs"
  private let dataPublic = "arn:aws:s3:::data-public"
  private let dataSecret = "arn:aws:s3:::data-secret"
  private let orders2024 = "arn:aws:dynamodb:us-east-1:111111111111:table/orders-2024"
  private let orders20245 = "arn:aws:dynamodb:us-east-1:111111111111:table/orders-20245"
  private let publicKey = "arn:aws:kms:us-east-1:111111111111:key/k-public"
  private let secretKey = "arn:aws:kms:us-east-1:111111111111:key/k-secret"
  private let dynamoDBScope = "aws:account/111111111111/dynamodb"
  private let kmsScope = "aws:account/111111111111/kms"
  /// The scope of the buckets whose account no input gives.
  private let unplacedBuckets = "aws:account/unknown/s3"

  /// The resources an inventory of account 111111111111 would define.
  private var inventory: [Node] {
    [
      AWSFixtures.resource(logs, type: "s3-bucket"),
      AWSFixtures.resource(dataPublic, type: "s3-bucket"),
      AWSFixtures.resource(dataSecret, type: "s3-bucket"),
      AWSFixtures.resource(orders2024, type: "dynamodb-table", account: "111111111111"),
      AWSFixtures.resource(orders20245, type: "dynamodb-table", account: "111111111111"),
      AWSFixtures.resource(publicKey, type: "kms-key", account: "111111111111"),
      AWSFixtures.resource(secretKey, type: "kms-key", account: "111111111111"),
    ]
  }

  private func permissionsRun() throws -> AWSImportRun {
    try AWSFixtures.run("permissions.json", resources: inventory)
  }

  private func role(_ name: String) -> String { "arn:aws:iam::111111111111:role/\(name)" }
  private func user(_ name: String) -> String { "arn:aws:iam::111111111111:user/\(name)" }

  // MARK: Recognition and nodes

  func testRecognizesAnyOfTheFourLists() throws {
    XCTAssertTrue(
      AWSAuthorizationImporter.recognizes(try AWSFixtures.document(json: #"{"Policies": []}"#)))
    XCTAssertFalse(
      AWSAuthorizationImporter.recognizes(try AWSFixtures.document(json: #"{"Users": []}"#)))
  }

  func testDefinesIdentitiesWithKindsTypesAndAccounts() throws {
    let run = try permissionsRun()
    let ops = run.node(user("ops"))
    XCTAssertEqual(ops?.kind, .human)
    XCTAssertEqual(ops?.type, "iam-user")
    XCTAssertEqual(ops?.account, "111111111111")
    XCTAssertEqual(ops?.name, "ops")
    XCTAssertEqual(ops?.platform, .aws)
    let group = run.node("arn:aws:iam::111111111111:group/admins")
    XCTAssertEqual(group?.kind, .group)
    XCTAssertEqual(group?.type, "iam-group")
    let writer = run.node(role("s3-writer"))
    XCTAssertEqual(writer?.kind, .serviceIdentity)
    XCTAssertEqual(writer?.type, "iam-role")
  }

  func testDefinesScopeAndAdminNodePerAccount() throws {
    let run = try permissionsRun()
    XCTAssertEqual(run.node(account)?.kind, .scope)
    XCTAssertEqual(run.node(account)?.type, "aws-account")
    XCTAssertEqual(run.node(account)?.name, "111111111111")
    XCTAssertEqual(run.node(admin)?.kind, .privilege)
    XCTAssertEqual(run.node(admin)?.name, "AWS account admin")
    XCTAssertEqual(run.node(admin)?.account, "111111111111")
  }

  func testMachineUsersAreServiceIdentities() throws {
    let run = try permissionsRun()
    let bot = run.node("arn:aws:iam::111111111111:user/automation/ci-bot")
    XCTAssertEqual(bot?.kind, .serviceIdentity)
    XCTAssertEqual(run.node(user("report-sender"))?.kind, .serviceIdentity)
    XCTAssertEqual(run.node(user("report-sender"))?.tags, ["Usage": "Workload", "owner": "finance"])
  }

  func testRoleKeepsTagsAndLastUse() throws {
    let trust = try AWSFixtures.run("trust-same-account.json")
    XCTAssertEqual(trust.node(role("root-trust"))?.tags, ["lastUsed": "2024-06-01T12:00:00+00:00"])
    let services = try AWSFixtures.run("trust-services-federation.json")
    XCTAssertEqual(
      services.node(role("service-role/lambda-runner"))?.tags, ["team": "payments"])
  }

  func testGroupListGivesMemberOf() throws {
    let run = try permissionsRun()
    let membership = EdgeFact(user("ops"), "arn:aws:iam::111111111111:group/admins", .memberOf)
    XCTAssertTrue(run.facts.contains(membership))
    let provenance = run.provenance(of: membership)
    XCTAssertEqual(provenance?.location, "UserDetailList[0].GroupList[0]")
    XCTAssertEqual(provenance?.grant, "GroupList of user ops names group admins")
  }

  // MARK: Access and Deny

  func testDenyStatementRemovesActionItCovers() throws {
    let run = try permissionsRun()
    let actions = ["s3:*", "!s3:Delete*"]
    XCTAssertEqual(
      run.facts(from: role("s3-writer")),
      [
        EdgeFact(role("s3-writer"), unplacedBuckets, .access, actions),
        EdgeFact(role("s3-writer"), account, .access, actions),
      ])
    XCTAssertEqual(
      run.facts(from: unplacedBuckets),
      [
        EdgeFact(unplacedBuckets, logs, .contains),
        EdgeFact(unplacedBuckets, upperLogs, .contains),
        EdgeFact(unplacedBuckets, dataPublic, .contains),
        EdgeFact(unplacedBuckets, dataSecret, .contains),
      ])
  }

  func testPartialResourceDenyKeepsActions() throws {
    let run = try permissionsRun()
    XCTAssertEqual(
      run.facts(from: role("partial-deny")),
      [
        EdgeFact(role("partial-deny"), dataPublic, .access, ["s3:GetObject", "s3:PutObject"]),
        EdgeFact(role("partial-deny"), dataSecret, .access, ["s3:GetObject"]),
      ])
  }

  func testNotActionAllowGrantsAllButThose() throws {
    let run = try permissionsRun()
    let source = role("power-user")
    // The tables and keys of the account are reached through their service scopes, and the
    // buckets, whose account no input gives, through the S3 scope of no known account.
    XCTAssertEqual(
      run.facts(from: source),
      [
        EdgeFact(source, unplacedBuckets, .access, ["*"]),
        EdgeFact(source, dynamoDBScope, .access, ["*"]),
        EdgeFact(source, kmsScope, .access, ["*"]),
        EdgeFact(source, account, .access, ["*", "!iam:*", "!organizations:*"]),
      ])
  }

  func testNotActionDenyKeepsSparedActions() throws {
    let run = try permissionsRun()
    let source = role("s3-only")
    XCTAssertEqual(
      run.facts(from: source),
      [
        EdgeFact(source, unplacedBuckets, .access, ["s3:*"]),
        EdgeFact(source, account, .access, ["s3:*"]),
      ])
  }

  func testConditionMarksEdgeConditional() throws {
    let run = try permissionsRun()
    XCTAssertEqual(
      run.facts(from: role("conditional-reader")),
      [EdgeFact(role("conditional-reader"), logs, .access, ["s3:GetObject"], conditional: true)])
  }

  func testConditionalDenyMarksEdge() throws {
    let run = try permissionsRun()
    let edge = EdgeFact(role("maybe-denied"), logs, .access, ["s3:*"], conditional: true)
    XCTAssertEqual(run.facts(from: role("maybe-denied")), [edge])
    XCTAssertEqual(
      run.provenance(of: edge)?.grant,
      "inline policy \"logs-unless-insecure\" of role maybe-denied, statement 0; a Deny with a "
        + "condition may remove it (inline policy \"logs-unless-insecure\" of role "
        + "maybe-denied, statement 1 (Sid OnlyOverTLS))")
  }

  func testActionCaseIgnoredARNCaseKept() throws {
    let run = try permissionsRun()
    XCTAssertEqual(
      run.facts(from: role("case-sensitive")),
      [EdgeFact(role("case-sensitive"), upperLogs, .access, ["S3:GETOBJECT"])])
    let named = run.node(upperLogs)
    XCTAssertEqual(named?.kind, .resource)
    XCTAssertEqual(named?.type, "s3-bucket")
    XCTAssertEqual(named?.isDefined, false)
  }

  func testQuestionMarkPicksOneTable() throws {
    let run = try permissionsRun()
    XCTAssertEqual(
      run.facts(from: role("table-reader")),
      [EdgeFact(role("table-reader"), orders2024, .access, ["dynamodb:GetItem"])])
  }

  func testNotResourceReachesEverythingElse() throws {
    let run = try permissionsRun()
    XCTAssertEqual(
      run.facts(from: role("key-user")),
      [
        EdgeFact(role("key-user"), publicKey, .access, ["kms:Decrypt"]),
        EdgeFact(role("key-user"), account, .access, ["kms:Decrypt"]),
      ])
  }

  func testOnlyDefaultVersionOfManagedPolicyCounts() throws {
    let run = try permissionsRun()
    let edge = EdgeFact(role("logs-reader"), logs, .access, ["s3:GetObject"])
    XCTAssertEqual(run.facts(from: role("logs-reader")), [edge])
    let provenance = run.provenance(of: edge)
    XCTAssertEqual(provenance?.file, "permissions.json")
    XCTAssertEqual(provenance?.location, "RoleDetailList[8].AttachedManagedPolicies[0]")
    XCTAssertEqual(
      provenance?.grant,
      "managed policy ReadOnlyLogs (arn:aws:iam::111111111111:policy/ReadOnlyLogs, v2), "
        + "statement 0 (Sid ReadLogs), attached to role logs-reader")
  }

  func testInlinePolicyProvenanceNamesPolicyRoleAndSid() throws {
    let run = try permissionsRun()
    let provenance = run.provenance(
      of: EdgeFact(role("s3-writer"), unplacedBuckets, .access, ["s3:*", "!s3:Delete*"]))
    XCTAssertEqual(provenance?.file, "permissions.json")
    XCTAssertEqual(
      provenance?.location, "RoleDetailList[0].RolePolicyList[0].PolicyDocument.Statement[0]")
    XCTAssertEqual(
      provenance?.grant, "inline policy \"write\" of role s3-writer, statement 0 (Sid AllowS3)")
  }

  // MARK: Admin

  func testGroupAdministratorReachesAdmin() throws {
    let run = try permissionsRun()
    let edge = EdgeFact(user("ops"), admin, .access, ["*"])
    XCTAssertTrue(run.facts(from: user("ops")).contains(edge))
    XCTAssertEqual(
      run.provenance(of: edge)?.grant,
      "managed policy AdministratorAccess (arn:aws:iam::aws:policy/AdministratorAccess, v1), "
        + "statement 0, attached to group admins")
    XCTAssertEqual(
      run.provenance(of: edge)?.location, "GroupDetailList[0].AttachedManagedPolicies[0]")
  }

  func testAnyDenyKeepsPrincipalFromAdmin() throws {
    let run = try permissionsRun()
    let edges = run.facts(from: user("limited-admin"))
    XCTAssertFalse(edges.contains { $0.target == admin && $0.relation == .access })
    XCTAssertTrue(
      edges.contains(
        EdgeFact(user("limited-admin"), account, .access, ["*", "!iam:DeleteRole"])))
    XCTAssertTrue(
      edges.contains(EdgeFact(user("limited-admin"), unplacedBuckets, .access, ["*"])))
  }

  func testNotActionAllowIsNotAdmin() throws {
    let run = try permissionsRun()
    XCTAssertEqual(
      run.facts(into: admin).filter { $0.relation == .access },
      [EdgeFact(user("ops"), admin, .access, ["*"])])
  }

  func testNoAccessEdgePointsToAnIdentity() throws {
    let run = try permissionsRun()
    for fact in run.facts where fact.relation == .access {
      let kind = run.node(fact.target)?.kind
      XCTAssertTrue(kind == .resource || kind == .scope || kind == .privilege, "\(fact)")
    }
  }

  // MARK: Raw API form and several exports

  func testURLEncodedDocumentsImportLikeJSONObjects() throws {
    let run = try AWSFixtures.run("raw-api.json")
    let grace = "arn:aws:iam::666666666666:user/grace"
    let etl = "arn:aws:iam::666666666666:role/etl"
    let reports = "arn:aws:s3:::reports"
    let scope = "aws:account/666666666666"
    XCTAssertEqual(
      run.facts,
      [
        EdgeFact(grace, "arn:aws:iam::666666666666:group/analysts", .memberOf),
        EdgeFact(grace, reports, .access, ["s3:GetObject"]),
        EdgeFact(grace, reports, .access, ["s3:ListBucket"]),
        EdgeFact(grace, scope, .access, ["athena:*"]),
        EdgeFact(grace, etl, .assumes, ["sts:AssumeRole"]),
        EdgeFact(etl, unplacedBuckets, .access, ["*"]),
        EdgeFact(etl, scope, .access, ["*"]),
        EdgeFact(etl, "aws:admin/666666666666", .access, ["*"]),
        EdgeFact(unplacedBuckets, reports, .contains),
      ])
    XCTAssertEqual(
      run.provenance(of: EdgeFact(grace, reports, .access, ["s3:GetObject"]))?.location,
      "UserDetailList[0].UserPolicyList[0].PolicyDocument.Statement[0]")
    XCTAssertEqual(run.warnings, [])
  }

  func testExportsOfSeveralAccountsDefineEachAccount() throws {
    let run = try AWSFixtures.run(
      "cross-account-source.json", "cross-account-target.json", "permissions.json")
    for id in ["333333333333", "444444444444", "111111111111"] {
      XCTAssertEqual(run.node("aws:account/\(id)")?.isDefined, true, id)
      XCTAssertEqual(run.node("aws:admin/\(id)")?.isDefined, true, id)
    }
  }

  func testMissingManagedPolicyWarnsAtAttachment() throws {
    let document = try AWSFixtures.document(
      json: """
        {"UserDetailList": [{"UserName": "ann", "Arn": "arn:aws:iam::111111111111:user/ann",
          "AttachedManagedPolicies": [{"PolicyName": "Gone",
            "PolicyArn": "arn:aws:iam::111111111111:policy/Gone"}]}]}
        """)
    let run = try AWSFixtures.run([document])
    XCTAssertEqual(
      run.warnings.map(\.description),
      [
        "test.json:UserDetailList[0].AttachedManagedPolicies[0]: managed policy "
          + "arn:aws:iam::111111111111:policy/Gone is attached to user ann but no export in the "
          + "run lists it, so its grants are not imported"
      ])
  }

  // MARK: Invalid input

  private func importError(_ json: String) -> ImportError? {
    do {
      _ = try AWSFixtures.run([AWSFixtures.document(json: json)])
      return nil
    } catch let error as ImportError {
      return error
    } catch {
      XCTFail("unexpected error \(error)")
      return nil
    }
  }

  func testStatementWithoutEffectIsInvalidAtItsPath() {
    let error = importError(
      """
      {"RoleDetailList": [{"RoleName": "r", "Arn": "arn:aws:iam::111111111111:role/r",
        "RolePolicyList": [{"PolicyName": "p", "PolicyDocument": {"Version": "2012-10-17",
          "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
                        {"Action": "s3:*", "Resource": "*"}]}}]}]}
      """)
    XCTAssertEqual(
      error?.description,
      "test.json:RoleDetailList[0].RolePolicyList[0].PolicyDocument.Statement[1]: \"Effect\" is "
        + "missing; set it to \"Allow\" or \"Deny\"")
    XCTAssertEqual(error?.reason, .invalidData)
  }

  func testUnknownEffectIsInvalid() {
    let error = importError(
      """
      {"RoleDetailList": [{"RoleName": "r", "Arn": "arn:aws:iam::111111111111:role/r",
        "AssumeRolePolicyDocument": {"Statement": {"Effect": "allow",
          "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}}}]}
      """)
    XCTAssertEqual(
      error?.description,
      "test.json:RoleDetailList[0].AssumeRolePolicyDocument.Statement.Effect: \"Effect\" is "
        + "\"allow\", which is neither \"Allow\" nor \"Deny\"; set it to \"Allow\" or \"Deny\"")
  }

  func testActionWithNotActionIsInvalid() {
    let error = importError(
      """
      {"Policies": [{"PolicyName": "p", "Arn": "arn:aws:iam::111111111111:policy/p",
        "DefaultVersionId": "v1", "PolicyVersionList": [{"VersionId": "v1",
          "IsDefaultVersion": true, "Document": {"Statement": [{"Effect": "Allow",
            "Action": "s3:*", "NotAction": "iam:*", "Resource": "*"}]}}]}]}
      """)
    XCTAssertEqual(
      error?.description,
      "test.json:Policies[0].PolicyVersionList[0].Document.Statement[0]: \"Action\" and "
        + "\"NotAction\" are both present; keep only one of them")
  }

  func testStatementWithoutResourceIsInvalid() {
    let error = importError(
      """
      {"UserDetailList": [{"UserName": "u", "Arn": "arn:aws:iam::111111111111:user/u",
        "UserPolicyList": [{"PolicyName": "p",
          "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "s3:*"}]}}]}]}
      """)
    XCTAssertEqual(
      error?.description,
      "test.json:UserDetailList[0].UserPolicyList[0].PolicyDocument.Statement[0]: \"Resource\" "
        + "is missing; add \"Resource\" or \"NotResource\"")
  }

  func testInvalidURLEncodedDocumentNamesItsPath() {
    let error = importError(
      """
      {"RoleDetailList": [{"RoleName": "r", "Arn": "arn:aws:iam::111111111111:role/r",
        "AssumeRolePolicyDocument": "%7B%22Statement%22%3A%20%5B"}]}
      """)
    XCTAssertEqual(error?.location, "RoleDetailList[0].AssumeRolePolicyDocument")
    XCTAssertTrue(
      error?.problem.hasPrefix("the policy document is not valid JSON after URL decoding") == true,
      error?.problem ?? "no error")
    XCTAssertEqual(error?.remedy, "export the file again, or fix the document's JSON")
  }

  func testBadPercentEncodingIsInvalid() {
    let error = importError(
      """
      {"RoleDetailList": [{"RoleName": "r", "Arn": "arn:aws:iam::111111111111:role/r",
        "AssumeRolePolicyDocument": "%7B%ZZ"}]}
      """)
    XCTAssertEqual(
      error?.description,
      "test.json:RoleDetailList[0].AssumeRolePolicyDocument: the policy document is a string "
        + "but not valid URL encoding; give the document as JSON, or as the URL-encoded JSON "
        + "that the IAM API returns")
  }

  func testManagedPolicyWithoutDefaultVersionIsInvalid() {
    let error = importError(
      """
      {"Policies": [{"PolicyName": "p", "Arn": "arn:aws:iam::111111111111:policy/p",
        "DefaultVersionId": "v2", "PolicyVersionList": [{"VersionId": "v1",
          "IsDefaultVersion": false, "Document": {"Statement": []}}]}]}
      """)
    XCTAssertEqual(
      error?.description,
      "test.json:Policies[0]: no entry of \"PolicyVersionList\" is the default version; export "
        + "the file again; the AWS CLI lists every policy's default version")
  }

  func testPrincipalARNThatIsNotIAMIsInvalid() {
    let error = importError(
      """
      {"UserDetailList": [{"UserName": "a", "Arn": "arn:aws:iam::111111111111:user/a"},
                          {"UserName": "b", "Arn": "user/b"}]}
      """)
    XCTAssertEqual(
      error?.description,
      "test.json:UserDetailList[1].Arn: \"user/b\" is not an IAM ARN; export the file again")
  }

  func testExportWithoutAnyAccountIdIsInvalid() {
    let error = importError(#"{"UserDetailList": [{"UserName": "u", "Arn": "user/u"}]}"#)
    XCTAssertEqual(
      error?.description,
      "test.json: no user, group or role ARN names a 12-digit account id; export the file "
        + "again with `aws iam get-account-authorization-details`")
  }

  func testExpectedAccessEdgesPerAllow() {
    // 300 edges from 100 Allows, then 50 more Allows: 150 edges, under twice the 1,000.
    XCTAssertEqual(
      AWSAuthorizationImporter.expectedAccessEdges(
        firstBatchAllows: 100, laterAllows: 50, firstBatchEdges: 300, edgeCount: 1_000),
      150)
  }

  func testExpectedAccessEdgesAreCapped() {
    // 2,000 edges per Allow in the first batch would predict 40 million edges.
    XCTAssertEqual(
      AWSAuthorizationImporter.expectedAccessEdges(
        firstBatchAllows: 256, laterAllows: 20_000, firstBatchEdges: 512_000,
        edgeCount: 515_000),
      1_030_000)
  }

  func testExpectedAccessEdgesWithoutAllows() {
    XCTAssertEqual(
      AWSAuthorizationImporter.expectedAccessEdges(
        firstBatchAllows: 0, laterAllows: 500, firstBatchEdges: 0, edgeCount: 40),
      0)
    XCTAssertEqual(
      AWSAuthorizationImporter.expectedAccessEdges(
        firstBatchAllows: 10, laterAllows: 0, firstBatchEdges: 80, edgeCount: 100),
      0)
  }
}
