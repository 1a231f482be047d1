import AccessGraph
import XCTest

@testable import Importers

final class TrustEvaluatorTests: XCTestCase {
  private let assume = ["sts:AssumeRole"]

  private func role(_ name: String, in account: String = "111111111111") -> String {
    "arn:aws:iam::\(account):role/\(name)"
  }

  private func user(_ name: String, in account: String = "111111111111") -> String {
    "arn:aws:iam::\(account):user/\(name)"
  }

  // MARK: Same account

  func testSameAccountTrustNeedsNoCallerAllow() throws {
    let run = try AWSFixtures.run("trust-same-account.json")
    XCTAssertEqual(
      run.facts(into: role("direct-trust")),
      [EdgeFact(user("alice"), role("direct-trust"), .assumes, assume)])
  }

  func testOwnDenyStopsDirectlyTrustedUser() throws {
    let run = try AWSFixtures.run("trust-same-account.json")
    XCTAssertTrue(run.facts(from: user("carol")).isEmpty)
  }

  func testRootTrustNeedsCallersOwnAllow() throws {
    let run = try AWSFixtures.run("trust-same-account.json")
    XCTAssertEqual(
      run.facts(into: role("root-trust")),
      [EdgeFact(user("bob"), role("root-trust"), .assumes, assume)])
  }

  func testBareAccountIdTrustKeepsCondition() throws {
    let run = try AWSFixtures.run("trust-same-account.json")
    XCTAssertEqual(
      run.facts(into: role("account-id-trust")),
      [EdgeFact(user("bob"), role("account-id-trust"), .assumes, assume, conditional: true)])
  }

  func testCallersDenyRemovesRootTrustedAssume() throws {
    let run = try AWSFixtures.run("trust-same-account.json")
    XCTAssertTrue(run.facts(into: role("denied-root-trust")).isEmpty)
  }

  func testTrustDenyRemovesOrMarksPrincipal() throws {
    let run = try AWSFixtures.run("trust-same-account.json")
    let bobEdge = EdgeFact(
      user("bob"), role("trust-with-deny"), .assumes, assume, conditional: true)
    XCTAssertEqual(run.facts(into: role("trust-with-deny")), [bobEdge])
    XCTAssertEqual(
      run.provenance(of: bobEdge)?.grant,
      "trust policy of role trust-with-deny, statement 0, which trusts account 111111111111; "
        + "sts:AssumeRole allowed by inline policy \"assume-roles\" of user bob, statement 0 "
        + "(Sid AssumeAnyRole); a Deny with a condition may remove it (trust policy of role "
        + "trust-with-deny, statement 2)")
  }

  func testDirectTrustProvenanceNamesTrustStatement() throws {
    let run = try AWSFixtures.run("trust-same-account.json")
    let provenance = run.provenance(
      of: EdgeFact(user("alice"), role("direct-trust"), .assumes, assume))
    XCTAssertEqual(provenance?.file, "trust-same-account.json")
    XCTAssertEqual(provenance?.location, "RoleDetailList[0].AssumeRolePolicyDocument.Statement[0]")
    XCTAssertEqual(
      provenance?.grant, "trust policy of role direct-trust, statement 0, which names user alice")
  }

  func testRolePatternAllowAlsoReachesAccount() throws {
    let run = try AWSFixtures.run("trust-same-account.json")
    XCTAssertEqual(
      run.facts(from: user("bob")).filter { $0.relation == .access },
      [EdgeFact(user("bob"), "aws:account/111111111111", .access, assume)])
  }

  // MARK: Across accounts

  func testCrossAccountRootTrustNeedsCallersAllow() throws {
    let run = try AWSFixtures.run("cross-account-source.json", "cross-account-target.json")
    XCTAssertEqual(
      run.facts(into: role("shared", in: "444444444444")),
      [
        EdgeFact(user("dana", in: "333333333333"), role("shared", in: "444444444444"), .assumes,
          assume),
        EdgeFact(user("frank", in: "333333333333"), role("shared", in: "444444444444"), .assumes,
          assume),
      ])
  }

  func testCrossAccountNamedCallerStillNeedsItsAllow() throws {
    let run = try AWSFixtures.run("cross-account-source.json", "cross-account-target.json")
    XCTAssertEqual(
      run.facts(into: role("named", in: "444444444444")),
      [
        EdgeFact(user("frank", in: "333333333333"), role("named", in: "444444444444"), .assumes,
          assume)
      ])
  }

  func testCrossAccountAllowWithoutTrustGivesNothing() throws {
    let run = try AWSFixtures.run("cross-account-source.json", "cross-account-target.json")
    XCTAssertTrue(run.facts(into: role("local-only", in: "444444444444")).isEmpty)
  }

  func testCrossAccountProvenanceNamesCallersAllow() throws {
    let run = try AWSFixtures.run("cross-account-source.json", "cross-account-target.json")
    let provenance = run.provenance(
      of: EdgeFact(
        user("frank", in: "333333333333"), role("shared", in: "444444444444"), .assumes, assume))
    XCTAssertEqual(provenance?.file, "cross-account-target.json")
    XCTAssertEqual(provenance?.location, "RoleDetailList[0].AssumeRolePolicyDocument.Statement[0]")
    XCTAssertEqual(
      provenance?.grant,
      "trust policy of role shared, statement 0, which trusts account 333333333333; "
        + "sts:AssumeRole allowed by managed policy AssumeEverything "
        + "(arn:aws:iam::333333333333:policy/AssumeEverything, v1), statement 0, attached to "
        + "group deployers")
  }

  func testMissingTargetExportUsesExactAllows() throws {
    let run = try AWSFixtures.run("cross-account-source.json")
    let dana = user("dana", in: "333333333333")
    let assumes: Set<EdgeFact> = run.facts.filter { $0.relation == .assumes }
    XCTAssertEqual(
      assumes,
      [
        EdgeFact(dana, role("shared", in: "444444444444"), .assumes, assume),
        EdgeFact(dana, role("audit", in: "555555555555"), .assumes, assume),
      ])
    XCTAssertEqual(run.node(role("shared", in: "444444444444"))?.isDefined, false)
  }

  func testAllowIntoOutsideAccountReferencesRole() throws {
    let run = try AWSFixtures.run("cross-account-source.json", "cross-account-target.json")
    let audit = role("audit", in: "555555555555")
    XCTAssertEqual(
      run.facts(into: audit),
      [EdgeFact(user("dana", in: "333333333333"), audit, .assumes, assume)])
    XCTAssertEqual(run.node(audit)?.kind, .serviceIdentity)
    XCTAssertEqual(run.node(audit)?.isDefined, false)
    XCTAssertEqual(
      run.provenance(of: EdgeFact(user("dana", in: "333333333333"), audit, .assumes, assume))?
        .grant,
      "inline policy \"assume-shared\" of user dana, statement 0; account 555555555555 is not "
        + "in the run, so the role's trust policy is not checked")
  }

  // MARK: Services, providers, anyone, outside accounts

  func testServicePrincipalsGetOneWorkloadEachPerAccount() throws {
    let run = try AWSFixtures.run("trust-services-federation.json")
    let runner = role("service-role/lambda-runner")
    XCTAssertEqual(
      run.facts(into: runner),
      [
        EdgeFact("aws:service/111111111111/lambda.amazonaws.com", runner, .assumes, assume),
        EdgeFact("aws:service/111111111111/ec2.amazonaws.com", runner, .assumes, assume),
        EdgeFact("arn:aws:iam::111111111111:instance-profile/web-profile", runner, .assumes),
      ])
    let lambda = run.node("aws:service/111111111111/lambda.amazonaws.com")
    XCTAssertEqual(lambda?.kind, .workload)
    XCTAssertEqual(lambda?.type, "aws-service")
    XCTAssertEqual(lambda?.name, "lambda.amazonaws.com")
  }

  func testInstanceProfileAssumesItsRole() throws {
    let run = try AWSFixtures.run("trust-services-federation.json")
    let profile = run.node("arn:aws:iam::111111111111:instance-profile/web-profile")
    XCTAssertEqual(profile?.kind, .serviceIdentity)
    XCTAssertEqual(profile?.type, "iam-instance-profile")
    XCTAssertEqual(
      run.provenance(
        of: EdgeFact(
          "arn:aws:iam::111111111111:instance-profile/web-profile",
          role("service-role/lambda-runner"), .assumes))?.location,
      "RoleDetailList[0].InstanceProfileList[0]")
  }

  func testOIDCProviderFederatesConditionally() throws {
    let run = try AWSFixtures.run("trust-services-federation.json")
    let provider = "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"
    XCTAssertEqual(
      run.facts(into: role("github-deploy")),
      [
        EdgeFact(
          provider, role("github-deploy"), .federates, ["sts:AssumeRoleWithWebIdentity"],
          conditional: true)
      ])
    XCTAssertEqual(run.node(provider)?.name, "token.actions.githubusercontent.com")
    XCTAssertEqual(run.node(provider)?.type, "iam-oidc-provider")
  }

  func testSAMLProviderWithoutConditionFederatesAndWarns() throws {
    let run = try AWSFixtures.run("trust-services-federation.json")
    let provider = "arn:aws:iam::111111111111:saml-provider/Okta"
    XCTAssertEqual(
      run.facts(into: role("okta-admins")),
      [EdgeFact(provider, role("okta-admins"), .federates, ["sts:AssumeRoleWithSAML"])])
    XCTAssertTrue(
      run.warnings.map(\.description).contains(
        "trust-services-federation.json:RoleDetailList[2].AssumeRolePolicyDocument.Statement[0]: "
          + "role okta-admins trusts the identity provider "
          + "arn:aws:iam::111111111111:saml-provider/Okta without a condition, so every "
          + "identity the provider issues tokens for can assume it"))
  }

  func testWildcardPrincipalGetsAnyPrincipalNodeAndWarning() throws {
    let run = try AWSFixtures.run("trust-services-federation.json")
    XCTAssertEqual(
      run.facts(into: role("public-role")),
      [EdgeFact("aws:principal/*", role("public-role"), .assumes, assume)])
    XCTAssertEqual(run.node("aws:principal/*")?.name, "any AWS principal")
    XCTAssertTrue(
      run.warnings.map(\.message).contains("role public-role trusts any AWS principal (\"*\")"))
  }

  func testOutsideAccountTrustComesFromItsScope() throws {
    let run = try AWSFixtures.run("trust-services-federation.json")
    let vendorRole = "arn:aws:iam::999999999999:role/vendor-automation"
    XCTAssertEqual(
      run.facts(into: role("vendor-access")),
      [
        EdgeFact(
          "aws:account/999999999999", role("vendor-access"), .assumes, assume, conditional: true),
        EdgeFact(vendorRole, role("vendor-access"), .assumes, assume),
      ])
    let account = run.node("aws:account/999999999999")
    XCTAssertEqual(account?.kind, .scope)
    XCTAssertEqual(account?.type, "aws-account")
    XCTAssertEqual(account?.isDefined, false)
    XCTAssertEqual(run.node(vendorRole)?.kind, .serviceIdentity)
    XCTAssertEqual(
      run.provenance(
        of: EdgeFact(
          "aws:account/999999999999", role("vendor-access"), .assumes, assume,
          conditional: true))?.grant,
      "trust policy of role vendor-access, statement 0, which trusts account 999999999999; "
        + "the account is not in the run, so which of its principals may call sts:AssumeRole "
        + "is not checked")
  }

  func testUnsupportedTrustStatementsMakeNoEdge() throws {
    let run = try AWSFixtures.run("trust-services-federation.json")
    XCTAssertTrue(run.facts(into: role("odd-trust")).isEmpty)
    let messages = run.warnings.map(\.description)
    let statement = "trust-services-federation.json:RoleDetailList[5].AssumeRolePolicyDocument"
    XCTAssertTrue(
      messages.contains(
        "\(statement).Statement[0]: IAM role trust policies do not support \"NotPrincipal\"; "
          + "the statement is skipped and makes no edge"))
    XCTAssertTrue(
      messages.contains(
        "\(statement).Statement[1]: trusted principal \"AROAEXAMPLEDELETED001\" is a unique id, "
          + "which IAM shows when the principal was deleted; it is skipped"))
  }

  // MARK: Trust in any AWS principal

  /// Users of two accounts and roles whose trust policies name `*` in both written forms.
  private let anyPrincipalExports = [
    #"""
    {
      "UserDetailList": [
        {"UserName": "hopper", "Arn": "arn:aws:iam::111111111111:user/hopper", "Path": "/",
         "GroupList": [], "AttachedManagedPolicies": [],
         "UserPolicyList": [{"PolicyName": "assume-any", "PolicyDocument": {
           "Version": "2012-10-17",
           "Statement": {"Sid": "AssumeAny", "Effect": "Allow", "Action": "sts:AssumeRole",
                         "Resource": "*"}}}]},
        {"UserName": "idle", "Arn": "arn:aws:iam::111111111111:user/idle", "Path": "/",
         "GroupList": [], "AttachedManagedPolicies": [],
         "UserPolicyList": [{"PolicyName": "read-only", "PolicyDocument": {
           "Version": "2012-10-17",
           "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}}]},
        {"UserName": "blocked", "Arn": "arn:aws:iam::111111111111:user/blocked", "Path": "/",
         "GroupList": [], "AttachedManagedPolicies": [],
         "UserPolicyList": [{"PolicyName": "assume-denied", "PolicyDocument": {
           "Version": "2012-10-17",
           "Statement": [
             {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"},
             {"Effect": "Deny", "Action": "sts:AssumeRole", "Resource": "*"}]}}]}
      ],
      "GroupDetailList": [],
      "RoleDetailList": [
        {"RoleName": "open-string", "Arn": "arn:aws:iam::111111111111:role/open-string",
         "Path": "/", "InstanceProfileList": [], "RolePolicyList": [],
         "AttachedManagedPolicies": [],
         "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
           {"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}]}},
        {"RoleName": "open-aws", "Arn": "arn:aws:iam::111111111111:role/open-aws",
         "Path": "/", "InstanceProfileList": [], "RolePolicyList": [],
         "AttachedManagedPolicies": [],
         "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
           {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}]}},
        {"RoleName": "open-conditional",
         "Arn": "arn:aws:iam::111111111111:role/open-conditional",
         "Path": "/", "InstanceProfileList": [], "RolePolicyList": [],
         "AttachedManagedPolicies": [],
         "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
           {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole",
            "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-example"}}}]}}
      ],
      "Policies": []
    }
    """#,
    #"""
    {
      "UserDetailList": [
        {"UserName": "visitor", "Arn": "arn:aws:iam::222222222222:user/visitor", "Path": "/",
         "GroupList": [], "AttachedManagedPolicies": [],
         "UserPolicyList": [{"PolicyName": "assume-open", "PolicyDocument": {
           "Version": "2012-10-17",
           "Statement": {"Effect": "Allow", "Action": "sts:AssumeRole",
                         "Resource": "arn:aws:iam::111111111111:role/open-aws"}}}]}
      ],
      "GroupDetailList": [], "RoleDetailList": [], "Policies": []
    }
    """#,
  ]

  private func anyPrincipalRun() throws -> AWSImportRun {
    try AWSFixtures.run(
      anyPrincipalExports.enumerated().map { index, json in
        try AWSFixtures.document(json: json, file: "any-principal-\(index).json")
      })
  }

  func testStringStarTrustAdmitsCallerWithAllow() throws {
    let run = try anyPrincipalRun()
    XCTAssertEqual(
      run.facts(into: role("open-string")),
      [
        EdgeFact("aws:principal/*", role("open-string"), .assumes, assume),
        EdgeFact(user("hopper"), role("open-string"), .assumes, assume),
      ])
    XCTAssertTrue(
      run.warnings.map(\.message).contains("role open-string trusts any AWS principal (\"*\")"))
  }

  func testStarTrustSkipsCallerWithoutAllow() throws {
    let run = try anyPrincipalRun()
    XCTAssertTrue(run.facts(from: user("idle")).filter { $0.relation == .assumes }.isEmpty)
  }

  func testCallersDenyRemovesStarTrustedAssume() throws {
    let run = try anyPrincipalRun()
    XCTAssertTrue(run.facts(from: user("blocked")).filter { $0.relation == .assumes }.isEmpty)
  }

  func testAWSStarTrustAdmitsCallersOfEveryAccount() throws {
    let run = try anyPrincipalRun()
    XCTAssertEqual(
      run.facts(into: role("open-aws")),
      [
        EdgeFact("aws:principal/*", role("open-aws"), .assumes, assume),
        EdgeFact(user("hopper"), role("open-aws"), .assumes, assume),
        EdgeFact(user("visitor", in: "222222222222"), role("open-aws"), .assumes, assume),
      ])
  }

  func testStarTrustProvenanceNamesBothStatements() throws {
    let run = try anyPrincipalRun()
    let provenance = run.provenance(
      of: EdgeFact(user("hopper"), role("open-aws"), .assumes, assume))
    XCTAssertEqual(provenance?.file, "any-principal-0.json")
    XCTAssertEqual(provenance?.location, "RoleDetailList[1].AssumeRolePolicyDocument.Statement[0]")
    XCTAssertEqual(
      provenance?.grant,
      "trust policy of role open-aws, statement 0, which trusts any AWS principal (\"*\"); "
        + "sts:AssumeRole allowed by inline policy \"assume-any\" of user hopper, statement 0 "
        + "(Sid AssumeAny)")
  }

  func testConditionalStarTrustMakesConditionalEdge() throws {
    let run = try anyPrincipalRun()
    XCTAssertEqual(
      run.facts(into: role("open-conditional")),
      [
        EdgeFact("aws:principal/*", role("open-conditional"), .assumes, assume, conditional: true),
        EdgeFact(user("hopper"), role("open-conditional"), .assumes, assume, conditional: true),
      ])
  }
}
