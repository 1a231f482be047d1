import XCTest

@testable import Importers

final class PrincipalPermissionsTests: XCTestCase {
  /// Parses a policy document of `kind` whose statements are `statements`.
  private func document(
    _ statements: String, kind: PolicyDocument.Kind = .identity
  ) throws -> PolicyDocument {
    let cursor = try AWSFixtures.document(
      json: #"{"Version": "2012-10-17", "Statement": \#(statements)}"#)
    var warnings: [ImportWarning] = []
    return try PolicyDocument.parse(cursor, kind: kind, warnings: &warnings)
  }

  /// Returns the permissions of a role in account 111111111111 whose one inline policy is
  /// `statements`, within the given boundary and service control policies.
  private func permissions(
    _ statements: String, boundary: ManagedPolicy? = nil, serviceControl: ServiceControl? = nil
  ) throws -> PrincipalPermissions {
    let document = try document(statements)
    let role = IAMRole(
      arn: "arn:aws:iam::111111111111:role/r", name: "r", path: "/", account: "111111111111",
      file: "test.json", location: "RoleDetailList[0]", trustPolicy: nil,
      inlinePolicies: [InlinePolicy(name: "p", document: document)], attachedPolicies: [],
      tags: [:], lastUsed: nil, instanceProfiles: [], permissionsBoundary: nil)
    return PrincipalPermissions(
      holders: [role], policy: { _, _ in nil }, boundary: boundary,
      serviceControl: serviceControl)
  }

  /// Returns one level of service control policies with the statements of `allows` and
  /// `denies`, attached to OU Sandbox.
  private func sandboxLevel(allows: String, denies: String = "[]") throws -> ServiceControl {
    let level = "OU Sandbox (ou-a1b2-sandbox1)"
    func grants(_ statements: String) throws -> [StatementGrant] {
      try document(statements, kind: .serviceControl).statements.map {
        StatementGrant(
          statement: $0, file: "scp.json",
          description: "service control policy P (p-test0001), \($0.label), attached to \(level)")
      }
    }
    return ServiceControl(
      limits: [
        PermissionsLimit(
          kind: .serviceControlPolicies, allows: try grants(allows),
          name: "the service control policies attached to \(level)")
      ],
      denies: try grants(denies))
  }

  private let adminStatement = #"[{"Effect": "Allow", "Action": "*", "Resource": "*"}]"#
  private let targetRole = "arn:aws:iam::111111111111:role/target"

  private func arns(_ texts: String...) -> [WildcardPattern] {
    texts.map { WildcardPattern($0, isCaseSensitive: true) }
  }

  private func actions(_ texts: String...) -> ActionSet {
    ActionSet(included: texts.map { WildcardPattern($0, isCaseSensitive: false) })
  }

  func testDecisionNeedsMatchingActionAndResource() throws {
    let permissions = try permissions(
      #"[{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::*:role/ci-*"}]"#)
    XCTAssertNotNil(
      permissions.decision(for: "sts:AssumeRole", on: "arn:aws:iam::222222222222:role/ci-deploy"))
    XCTAssertNil(
      permissions.decision(for: "sts:AssumeRole", on: "arn:aws:iam::222222222222:role/admin"))
    XCTAssertNil(
      permissions.decision(for: "s3:GetObject", on: "arn:aws:iam::222222222222:role/ci-deploy"))
  }

  func testUnconditionalDenyWinsOverAllow() throws {
    let permissions = try permissions(
      """
      [{"Effect": "Allow", "Action": "sts:*", "Resource": "*"},
       {"Effect": "Deny", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::*:role/admin"}]
      """)
    XCTAssertNil(permissions.decision(for: "sts:AssumeRole", on: "arn:aws:iam::1:role/admin"))
    XCTAssertNil(
      permissions.decision(
        for: "sts:AssumeRole", on: "arn:aws:iam::1:role/admin", grantedBy: .resourcePolicy))
    XCTAssertNotNil(permissions.decision(for: "sts:AssumeRole", on: "arn:aws:iam::1:role/ci"))
  }

  func testConditionalDenyMakesDecisionConditional() throws {
    let permissions = try permissions(
      """
      [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"},
       {"Effect": "Deny", "Action": "*", "Resource": "*",
        "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}}]
      """)
    let decision = try XCTUnwrap(permissions.decision(for: "sts:AssumeRole", on: "arn:x"))
    XCTAssertTrue(decision.isConditional)
    XCTAssertEqual(decision.conditionalDeny?.statement.index, 1)
  }

  func testUnconditionalAllowIsPreferredAsReason() throws {
    let permissions = try permissions(
      """
      [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*",
        "Condition": {"Bool": {"aws:SecureTransport": "true"}}},
       {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]
      """)
    let decision = try XCTUnwrap(permissions.decision(for: "sts:AssumeRole", on: "arn:x"))
    XCTAssertEqual(decision.allow?.statement.index, 1)
    XCTAssertFalse(decision.isConditional)
  }

  func testDenyOnPartOfTargetLeavesActions() throws {
    let permissions = try permissions(
      #"[{"Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::logs/private/*"}]"#)
    let remainder = permissions.remainder(
      of: actions("s3:GetObject"), on: arns("arn:aws:s3:::logs", "arn:aws:s3:::logs/*"))
    XCTAssertEqual(remainder.actions.edgeActions, ["s3:GetObject"])
    XCTAssertNil(remainder.conditionalDeny)
  }

  func testDenyOnWholeTargetRemovesActions() throws {
    let permissions = try permissions(
      #"[{"Effect": "Deny", "Action": "s3:Get*", "Resource": "arn:aws:s3:::logs*"}]"#)
    let remainder = permissions.remainder(
      of: actions("s3:GetObject", "s3:PutObject"),
      on: arns("arn:aws:s3:::logs", "arn:aws:s3:::logs/*"))
    XCTAssertEqual(remainder.actions.edgeActions, ["s3:PutObject"])
  }

  func testDenyWithNotResourceAppliesOutsideItsList() throws {
    let permissions = try permissions(
      #"[{"Effect": "Deny", "Action": "s3:*", "NotResource": "arn:aws:s3:::allowed*"}]"#)
    let other = permissions.remainder(of: actions("s3:*"), on: arns("arn:aws:s3:::other"))
    XCTAssertTrue(other.actions.isEmpty)
    let allowed = permissions.remainder(of: actions("s3:*"), on: arns("arn:aws:s3:::allowed"))
    XCTAssertEqual(allowed.actions.edgeActions, ["s3:*"])
  }

  func testEveryActionGrantFindsEachAllow() throws {
    let permissions = try permissions(
      """
      [{"Effect": "Allow", "Action": "*", "Resource": "*"},
       {"Effect": "Allow", "Action": "*:*", "Resource": ["*"],
        "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}},
       {"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::*"}]
      """)
    let found = permissions.everyActionOnEveryResource()
    XCTAssertEqual(found.map(\.allow.statement.index), [0, 1])
    XCTAssertEqual(found.map(\.isConditional), [false, true])
  }

  func testIAMDenyCutsEveryActionGrant() throws {
    let cut = try permissions(
      """
      [{"Effect": "Allow", "Action": "*", "Resource": "*"},
       {"Effect": "Deny", "Action": "iam:DeleteRole", "Resource": "*"}]
      """)
    XCTAssertTrue(cut.everyActionOnEveryResource().isEmpty)
    let guarded = try permissions(
      """
      [{"Effect": "Allow", "Action": "*", "Resource": "*"},
       {"Effect": "Deny", "Action": "cloudtrail:StopLogging", "Resource": "*"}]
      """)
    let kept = guarded.everyActionOnEveryResource()
    XCTAssertEqual(kept.map(\.exclusions), [["cloudtrail:StopLogging"]])
    XCTAssertEqual(kept.map(\.isConditional), [false])
    let conditional = try permissions(
      """
      [{"Effect": "Allow", "Action": "*", "Resource": "*"},
       {"Effect": "Deny", "Action": "*", "Resource": "*",
        "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}}]
      """)
    XCTAssertEqual(conditional.everyActionOnEveryResource().map(\.isConditional), [true])
  }

  func testGroupStatementsNameTheGroupInTheirDescription() throws {
    let cursor = try AWSFixtures.document(
      json: #"{"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}"#)
    var warnings: [ImportWarning] = []
    let document = try PolicyDocument.parse(cursor, kind: .identity, warnings: &warnings)
    let managed = ManagedPolicy(
      arn: "arn:aws:iam::111111111111:policy/S3", name: "S3", versionID: "v3",
      document: document, file: "test.json")
    let user = IAMUser(
      arn: "arn:aws:iam::111111111111:user/u", name: "u", path: "/", account: "111111111111",
      file: "test.json", location: "UserDetailList[0]", groups: [("g", "x")], inlinePolicies: [],
      attachedPolicies: [], tags: [:], permissionsBoundary: nil)
    let group = IAMGroup(
      arn: "arn:aws:iam::111111111111:group/g", name: "g", account: "111111111111",
      file: "test.json", location: "GroupDetailList[0]", inlinePolicies: [],
      attachedPolicies: [PolicyAttachment(arn: managed.arn, name: "S3", location: "y")])
    let permissions = PrincipalPermissions(holders: [user, group], policy: { _, _ in managed })
    XCTAssertEqual(
      permissions.allows.map(\.description),
      [
        "managed policy S3 (arn:aws:iam::111111111111:policy/S3, v3), statement 0, attached to "
          + "group g"
      ])
  }

  func testAttachedPolicyProvenanceIsTheAttachment() throws {
    let cursor = try AWSFixtures.document(
      json: #"{"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}"#)
    var warnings: [ImportWarning] = []
    let document = try PolicyDocument.parse(cursor, kind: .identity, warnings: &warnings)
    let managed = ManagedPolicy(
      arn: "arn:aws:iam::aws:policy/AmazonS3FullAccess", name: "AmazonS3FullAccess",
      versionID: "v2", document: document, file: "policies.json")
    let role = IAMRole(
      arn: "arn:aws:iam::111111111111:role/r", name: "r", path: "/", account: "111111111111",
      file: "roles.json", location: "RoleDetailList[2]", trustPolicy: nil, inlinePolicies: [],
      attachedPolicies: [
        PolicyAttachment(
          arn: managed.arn, name: managed.name,
          location: "RoleDetailList[2].AttachedManagedPolicies[1]")
      ],
      tags: [:], lastUsed: nil, instanceProfiles: [], permissionsBoundary: nil)

    let permissions = PrincipalPermissions(holders: [role], policy: { _, _ in managed })

    let grant = try XCTUnwrap(permissions.allows.first)
    XCTAssertEqual(permissions.allows.count, 1)
    XCTAssertEqual(
      grant.description,
      "managed policy AmazonS3FullAccess (arn:aws:iam::aws:policy/AmazonS3FullAccess, v2), "
        + "statement 0, attached to role r")
    XCTAssertEqual(grant.file, "policies.json")
    XCTAssertEqual(grant.statement.location, "Statement[0]")
    let provenance = grant.provenance(adding: "; note")
    XCTAssertEqual(provenance.file, "roles.json")
    XCTAssertEqual(provenance.location, "RoleDetailList[2].AttachedManagedPolicies[1]")
    XCTAssertEqual(provenance.grant, grant.description + "; note")
    let specialized = try XCTUnwrap(grant.specialized(for: .unknown))
    XCTAssertEqual(specialized.provenanceLocation, "RoleDetailList[2].AttachedManagedPolicies[1]")
  }

  func testDecisionWithinServiceControlPolicies() throws {
    let permissions = try permissions(
      adminStatement,
      serviceControl: sandboxLevel(
        allows: #"[{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]"#,
        denies: #"[{"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"}]"#))
    XCTAssertNil(permissions.decision(for: "sts:AssumeRole", on: targetRole))
    XCTAssertNil(
      permissions.decision(for: "sts:AssumeRole", on: targetRole, grantedBy: .resourcePolicy))
    XCTAssertNil(permissions.decision(for: "s3:DeleteBucket", on: "arn:aws:s3:::reports"))
    let read = try XCTUnwrap(
      permissions.decision(for: "s3:GetObject", on: "arn:aws:s3:::reports/q1.csv"))
    XCTAssertEqual(read.allow?.statement.index, 0)
    XCTAssertFalse(read.isConditional)
  }

  func testConditionalServiceControlAllowIsNoted() throws {
    let permissions = try permissions(
      adminStatement,
      serviceControl: sandboxLevel(
        allows: #"""
          [{"Effect": "Allow", "Action": "*", "Resource": "*",
            "Condition": {"StringEquals": {"aws:RequestedRegion": "eu-west-1"}}}]
          """#))
    let decision = try XCTUnwrap(permissions.decision(for: "sts:AssumeRole", on: targetRole))
    XCTAssertTrue(decision.isConditional)
    XCTAssertEqual(
      decision.conditionNote,
      "; the service control policies attached to OU Sandbox (ou-a1b2-sandbox1) allow it only "
        + "under a condition (service control policy P (p-test0001), statement 0, attached to "
        + "OU Sandbox (ou-a1b2-sandbox1))")
    XCTAssertEqual(permissions.everyActionOnEveryResource().map(\.isConditional), [true])
  }

  func testBoundaryDoesNotLimitResourcePolicyGrant() throws {
    let boundary = ManagedPolicy(
      arn: "arn:aws:iam::111111111111:policy/S3Only", name: "S3Only", versionID: "v1",
      document: try document(#"[{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]"#),
      file: "test.json")
    let permissions = try permissions(adminStatement, boundary: boundary)
    XCTAssertNil(permissions.decision(for: "sts:AssumeRole", on: targetRole))
    let trusted = try XCTUnwrap(
      permissions.decision(for: "sts:AssumeRole", on: targetRole, grantedBy: .resourcePolicy))
    XCTAssertNil(trusted.allow)
    XCTAssertFalse(trusted.isConditional)
  }

  func testNamedStatementsGiveSamePositions() throws {
    let permissions = try permissions(
      """
      [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::*:role/ci-*",
        "Condition": {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}},
       {"Effect": "Allow", "Action": "iam:Pass*", "Resource": "arn:aws:iam::*:role/ci-deploy"},
       {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
       {"Effect": "Deny", "Action": "iam:PassRole", "Resource": "arn:aws:iam::*:role/ci-admin"},
       {"Effect": "Deny", "Action": "iam:*", "Resource": "arn:aws:iam::*:role/ci-b*",
        "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}}]
      """,
      serviceControl: sandboxLevel(
        allows: #"""
          [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
           {"Effect": "Allow", "Action": "iam:*", "Resource": "arn:aws:iam::*:role/ci-*",
            "Condition": {"StringEquals": {"aws:RequestedRegion": "eu-west-1"}}},
           {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::*:role/ci-d*"}]
          """#))
    let passRole = permissions.statements(naming: "iam:PassRole")
    let roles = [
      "arn:aws:iam::111111111111:role/ci-deploy", "arn:aws:iam::111111111111:role/ci-build",
      "arn:aws:iam::111111111111:role/ci-admin", "arn:aws:iam::111111111111:role/ci-test",
      "arn:aws:iam::111111111111:role/web",
    ]
    var found: [String] = []
    for role in roles {
      let expected = permissions.decisionPositions(for: "iam:PassRole", on: role)
      let positions = permissions.decisionPositions(of: passRole, on: role)
      XCTAssertEqual(positions?.allow, expected?.allow, role)
      XCTAssertEqual(positions?.conditionalDeny, expected?.conditionalDeny, role)
      XCTAssertEqual(
        positions?.conditionalLimitAllows.map { [$0.limit, $0.allow] },
        expected?.conditionalLimitAllows.map { [$0.limit, $0.allow] }, role)
      if let positions {
        found.append(
          "\(role.split(separator: "/").last!) allow \(positions.allow ?? -1)"
            + " deny \(positions.conditionalDeny ?? -1)"
            + " limits \(positions.conditionalLimitAllows.map { "\($0.limit):\($0.allow)" })")
      }
    }
    XCTAssertEqual(
      found,
      [
        "ci-deploy allow 1 deny -1 limits []",
        "ci-build allow 0 deny 1 limits [\"0:1\"]",
        "ci-test allow 0 deny -1 limits [\"0:1\"]",
      ])
  }
}
