import AccessGraph
import Foundation
import XCTest

@testable import Importers

/// Grants on every resource of a service in an account, which become one edge to the
/// service's scope node, and the cases that keep one edge per resource.
final class AWSServiceScopeTests: XCTestCase {
  private let account = "aws:account/111111111111"
  private let tableScope = "aws:account/111111111111/dynamodb"
  private let bucketScope = "aws:account/111111111111/s3"
  private let orders = "arn:aws:dynamodb:eu-west-1:111111111111:table/orders"
  private let locks = "arn:aws:dynamodb:us-east-1:111111111111:table/locks"
  private let foreign = "arn:aws:dynamodb:eu-west-1:222222222222:table/foreign"
  private let logs = "arn:aws:s3:::logs"
  private let archive = "arn:aws:s3:::archive"
  /// A bucket that no input places in an account.
  private let loose = "arn:aws:s3:::loose"
  /// The scope of the buckets whose account no input gives.
  private let unplacedBuckets = "aws:account/unknown/s3"
  private let boundaryPolicy = "arn:aws:iam::111111111111:policy/Boundary"

  /// The resources as an inventory would define them: two tables and two buckets of
  /// 111111111111, a table of 222222222222, and a bucket of unknown account. Table orders
  /// has the tag `team=orders`.
  private var inventory: [Node] {
    [
      Node(
        id: orders, kind: .resource, platform: .aws, account: "111111111111",
        type: "dynamodb-table", tags: ["team": "orders"]),
      AWSFixtures.resource(locks, type: "dynamodb-table", account: "111111111111"),
      AWSFixtures.resource(foreign, type: "dynamodb-table", account: "222222222222"),
      AWSFixtures.resource(logs, type: "s3-bucket", account: "111111111111"),
      AWSFixtures.resource(archive, type: "s3-bucket", account: "111111111111"),
      AWSFixtures.resource(loose, type: "s3-bucket"),
    ]
  }

  private func user(_ name: String) -> String { "arn:aws:iam::111111111111:user/\(name)" }

  /// Returns a `UserDetailList` entry of user `name` whose one inline policy has
  /// `statements`, with the boundary policy when `isBounded` is true.
  private func userJSON(
    _ name: String, _ statements: String, isBounded: Bool = false
  ) -> String {
    let boundary =
      isBounded
      ? #""PermissionsBoundary": {"PermissionsBoundaryType": "Policy", "#
        + #""PermissionsBoundaryArn": "\#(boundaryPolicy)"},"#
      : ""
    return #"""
      {
        "Path": "/", "UserName": "\#(name)", "Arn": "\#(user(name))", \#(boundary)
        "GroupList": [], "AttachedManagedPolicies": [], "Tags": [],
        "UserPolicyList": [{"PolicyName": "p", "PolicyDocument": {
          "Version": "2012-10-17", "Statement": \#(statements)}}]
      }
      """#
  }

  /// Runs the importer on an export of `users`, with the boundary policy when
  /// `boundaryStatements` is given, and on `others`, with the inventory's resources.
  private func run(
    _ users: [String], boundaryStatements: String? = nil, others: [String] = []
  ) throws -> AWSImportRun {
    var policies: [String] = []
    if let boundaryStatements {
      policies.append(
        #"""
        {
          "PolicyName": "Boundary", "Arn": "\#(boundaryPolicy)", "DefaultVersionId": "v1",
          "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true,
            "Document": {"Version": "2012-10-17", "Statement": \#(boundaryStatements)}}]
        }
        """#)
    }
    let export = """
      {
        "UserDetailList": [\(users.joined(separator: ","))],
        "GroupDetailList": [], "RoleDetailList": [],
        "Policies": [\(policies.joined(separator: ","))]
      }
      """
    let documents =
      try [AWSFixtures.document(json: export, file: "iam.json")]
      + others.enumerated().map { index, text in
        try AWSFixtures.document(json: text, file: "other-\(index).json")
      }
    return try AWSFixtures.run(documents, resources: inventory)
  }

  // MARK: Scope edges

  func testStarReachesEachServiceScope() throws {
    let reader = user("reader")
    let run = try run([
      userJSON(
        "reader",
        #"[{"Effect": "Allow", "Action": ["s3:GetObject", "dynamodb:GetItem"], "Resource": "*"}]"#)
    ])
    XCTAssertEqual(
      run.facts(from: reader),
      [
        EdgeFact(reader, tableScope, .access, ["dynamodb:GetItem"]),
        EdgeFact(reader, bucketScope, .access, ["s3:GetObject"]),
        EdgeFact(reader, unplacedBuckets, .access, ["s3:GetObject"]),
        EdgeFact(reader, account, .access, ["s3:GetObject", "dynamodb:GetItem"]),
      ])
  }

  func testScopeContainsResourcesOfItsAccount() throws {
    let run = try run([
      userJSON("reader", #"[{"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*"}]"#)
    ])
    let node = try XCTUnwrap(run.node(tableScope))
    XCTAssertEqual(node.kind, .scope)
    XCTAssertEqual(node.type, "aws-service-scope")
    XCTAssertEqual(node.name, "dynamodb in 111111111111")
    XCTAssertEqual(node.account, "111111111111")
    XCTAssertTrue(node.isDefined)
    XCTAssertEqual(
      run.facts(from: tableScope),
      [EdgeFact(tableScope, orders, .contains), EdgeFact(tableScope, locks, .contains)])
    let provenance = run.provenance(of: EdgeFact(tableScope, orders, .contains))
    XCTAssertEqual(provenance?.file, "")
    XCTAssertEqual(provenance?.location, "")
    XCTAssertEqual(provenance?.grant, "dynamodb-table orders belongs to account 111111111111")
  }

  func testBucketsOfNoKnownAccountShareScope() throws {
    let run = try run([
      userJSON("reader", #"[{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]"#)
    ])
    let node = try XCTUnwrap(run.node(unplacedBuckets))
    XCTAssertEqual(node.kind, .scope)
    XCTAssertEqual(node.type, "aws-service-scope")
    XCTAssertEqual(node.name, "s3 of no known account")
    XCTAssertEqual(node.account, "")
    XCTAssertTrue(node.isDefined)
    XCTAssertEqual(run.facts(from: unplacedBuckets), [EdgeFact(unplacedBuckets, loose, .contains)])
    let provenance = run.provenance(of: EdgeFact(unplacedBuckets, loose, .contains))
    XCTAssertEqual(provenance?.file, "")
    XCTAssertEqual(provenance?.location, "")
    XCTAssertEqual(provenance?.grant, "no input gives the account of s3-bucket loose")
  }

  func testScopeWithoutGrantHasNoNode() throws {
    let run = try run([
      userJSON(
        "reader",
        #"[{"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "\#(orders)"}]"#)
    ])
    XCTAssertNil(run.node(tableScope))
    XCTAssertNil(run.node(bucketScope))
    XCTAssertEqual(
      run.facts, [EdgeFact(user("reader"), orders, .access, ["dynamodb:GetItem"])])
  }

  func testServiceAreaPatternReachesScope() throws {
    let owner = user("owner")
    let run = try run([
      userJSON(
        "owner",
        #"""
        [{"Effect": "Allow", "Action": "dynamodb:*",
          "Resource": "arn:*:dynamodb:*:111111111111:*"},
         {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::*"}]
        """#)
    ])
    XCTAssertEqual(
      run.facts(from: owner),
      [
        EdgeFact(owner, tableScope, .access, ["dynamodb:*"]),
        EdgeFact(owner, account, .access, ["dynamodb:*"]),
        EdgeFact(owner, bucketScope, .access, ["s3:ListBucket"]),
        EdgeFact(owner, unplacedBuckets, .access, ["s3:ListBucket"]),
        EdgeFact(owner, account, .access, ["s3:ListBucket"]),
      ])
  }

  func testTypePatternKeepsResourceEdges() throws {
    // `table/*` names every table but not every DynamoDB resource, such as a backup.
    let admin = user("admin")
    let run = try run([
      userJSON(
        "admin",
        #"""
        [{"Effect": "Allow", "Action": "dynamodb:*",
          "Resource": "arn:aws:dynamodb:*:111111111111:table/*"}]
        """#)
    ])
    XCTAssertEqual(
      run.facts(from: admin),
      [
        EdgeFact(admin, orders, .access, ["dynamodb:*"]),
        EdgeFact(admin, locks, .access, ["dynamodb:*"]),
        EdgeFact(admin, account, .access, ["dynamodb:*"]),
      ])
  }

  // MARK: Deny statements and limits

  func testTableDenyKeepsResourceEdges() throws {
    let admin = user("admin")
    let run = try run([
      userJSON(
        "admin",
        #"""
        [{"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"},
         {"Effect": "Deny", "Action": "dynamodb:DeleteTable",
          "Resource": ["\#(orders)", "\#(orders)/*"]}]
        """#)
    ])
    XCTAssertEqual(
      run.facts(from: admin),
      [
        EdgeFact(admin, orders, .access, ["dynamodb:*", "!dynamodb:DeleteTable"]),
        EdgeFact(admin, locks, .access, ["dynamodb:*"]),
        EdgeFact(admin, account, .access, ["dynamodb:*"]),
      ])
    XCTAssertNil(run.node(tableScope))
  }

  func testDenyOfWholeServiceAppliesToScope() throws {
    let admin = user("admin")
    let run = try run([
      userJSON(
        "admin",
        #"""
        [{"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"},
         {"Effect": "Deny", "Action": "dynamodb:DeleteTable",
          "Resource": "arn:aws:dynamodb:*:111111111111:*"}]
        """#)
    ])
    XCTAssertEqual(
      run.facts(from: admin),
      [
        EdgeFact(admin, tableScope, .access, ["dynamodb:*", "!dynamodb:DeleteTable"]),
        EdgeFact(admin, account, .access, ["dynamodb:*"]),
      ])
  }

  func testConditionalTableDenyKeepsResourceEdges() throws {
    let admin = user("admin")
    let run = try run([
      userJSON(
        "admin",
        #"""
        [{"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"},
         {"Effect": "Deny", "Action": "dynamodb:*", "Resource": "\#(locks)",
          "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}]
        """#)
    ])
    XCTAssertEqual(
      run.facts(from: admin),
      [
        EdgeFact(admin, orders, .access, ["dynamodb:*"]),
        EdgeFact(admin, locks, .access, ["dynamodb:*"], conditional: true),
        EdgeFact(admin, account, .access, ["dynamodb:*"], conditional: true),
      ])
  }

  func testPartialBoundaryKeepsResourceEdges() throws {
    let admin = user("admin")
    let run = try run(
      [
        userJSON(
          "admin", #"[{"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"}]"#,
          isBounded: true)
      ],
      boundaryStatements: #"""
        [{"Effect": "Allow", "Action": "dynamodb:*",
          "Resource": "arn:aws:dynamodb:eu-west-1:111111111111:table/*"}]
        """#)
    XCTAssertEqual(run.facts(from: admin), [EdgeFact(admin, orders, .access, ["dynamodb:*"])])
  }

  func testBoundaryOnWholeServiceLimitsScope() throws {
    let admin = user("admin")
    let run = try run(
      [
        userJSON(
          "admin", #"[{"Effect": "Allow", "Action": "*", "Resource": "*"}]"#, isBounded: true)
      ],
      boundaryStatements: #"""
        [{"Effect": "Allow", "Action": "dynamodb:Query", "Resource": "*"},
         {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::logs/*"}]
        """#)
    XCTAssertEqual(
      run.facts(from: admin),
      [
        EdgeFact(admin, tableScope, .access, ["dynamodb:Query"]),
        EdgeFact(admin, account, .access, ["dynamodb:Query"]),
      ])
  }

  // MARK: Conditions and resource policies

  func testResourceTagKeepsResourceEdges() throws {
    let reader = user("reader")
    let run = try run([
      userJSON(
        "reader",
        #"""
        [{"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*",
          "Condition": {"StringEquals": {"aws:ResourceTag/team": "orders"}}}]
        """#)
    ])
    XCTAssertEqual(
      run.facts(from: reader),
      [
        EdgeFact(reader, orders, .access, ["dynamodb:GetItem"]),
        EdgeFact(reader, locks, .access, ["dynamodb:GetItem"], conditional: true),
        EdgeFact(reader, account, .access, ["dynamodb:GetItem"], conditional: true),
      ])
  }

  /// Returns the output of `aws s3api get-bucket-policy` for bucket logs of 111111111111,
  /// with the account added, whose one statement is `statement`.
  private func logsPolicy(_ statement: String) throws -> String {
    let policy = #"{"Version": "2012-10-17", "Statement": [\#(statement)]}"#
    let document: [String: Any] = ["Policy": policy, "Account": "111111111111"]
    return String(decoding: try JSONSerialization.data(withJSONObject: document), as: UTF8.self)
  }

  func testBucketPolicyDenySplitsScopeEdge() throws {
    let reader = user("reader")
    let run = try run(
      [userJSON("reader", #"[{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]"#)],
      others: [
        try logsPolicy(
          #"""
          {"Effect": "Deny", "Principal": {"AWS": "\#(reader)"}, "Action": "s3:GetObject",
           "Resource": ["arn:aws:s3:::logs", "arn:aws:s3:::logs/*"]}
          """#)
      ])
    XCTAssertEqual(
      run.facts(from: reader),
      [
        EdgeFact(reader, archive, .access, ["s3:GetObject"]),
        EdgeFact(reader, unplacedBuckets, .access, ["s3:GetObject"]),
        EdgeFact(reader, account, .access, ["s3:GetObject"]),
      ])
    XCTAssertNil(run.node(bucketScope))
  }

  func testBucketPolicyOfOtherPrincipalKeepsScopeEdge() throws {
    let reader = user("reader")
    let auditor = user("auditor")
    let run = try run(
      [
        userJSON("reader", #"[{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]"#),
        userJSON("auditor", "[]"),
      ],
      others: [
        try logsPolicy(
          #"""
          {"Effect": "Allow", "Principal": {"AWS": "\#(auditor)"}, "Action": "s3:ListBucket",
           "Resource": "arn:aws:s3:::logs"}
          """#)
      ])
    XCTAssertEqual(
      run.facts(from: reader),
      [
        EdgeFact(reader, bucketScope, .access, ["s3:GetObject"]),
        EdgeFact(reader, unplacedBuckets, .access, ["s3:GetObject"]),
        EdgeFact(reader, account, .access, ["s3:GetObject"]),
      ])
    XCTAssertEqual(run.facts(from: auditor), [EdgeFact(auditor, logs, .access, ["s3:ListBucket"])])
  }

  // MARK: Agreement with one edge per resource

  /// Returns each edge of `run` with its provenance, after replacing each access edge to a
  /// service scope with one edge to each resource that the scope contains, and leaving out
  /// the scopes' `contains` edges. Values count equal edges.
  private func expanded(_ run: AWSImportRun) -> [String: Int] {
    let graph = run.graph
    var result: [String: Int] = [:]
    for edge in graph.edgeIDs {
      let source = graph.node(graph.source(of: edge))
      let target = graph.node(graph.target(of: edge))
      let fact = run.fact(edge)
      if source.type == "aws-service-scope" && fact.relation == .contains { continue }
      var targets = [target.id]
      if target.type == "aws-service-scope" {
        targets = run.facts(from: target.id).filter { $0.relation == .contains }.map(\.target)
      }
      for target in targets {
        var single = fact
        single.target = target
        result["\(single) via \(graph.provenance(of: edge))", default: 0] += 1
      }
    }
    return result
  }

  func testScopeEdgesAgreeWithResourceEdges() throws {
    let allUsers = [
      userJSON(
        "reader",
        #"[{"Effect": "Allow", "Action": ["s3:Get*", "dynamodb:GetItem"], "Resource": "*"}]"#),
      userJSON(
        "admin",
        #"""
        [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"},
         {"Effect": "Deny", "Action": "dynamodb:DeleteTable",
          "Resource": ["\#(orders)", "\#(orders)/*"]},
         {"Effect": "Deny", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::*",
          "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]
        """#, isBounded: true),
      userJSON(
        "tagged",
        #"""
        [{"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*",
          "Condition": {"StringEquals": {"aws:ResourceTag/team": "orders"}}}]
        """#),
    ]
    let boundary = #"""
      [{"Effect": "Allow", "Action": ["s3:*", "dynamodb:*"], "Resource": "*"},
       {"Effect": "Allow", "Action": "kms:*",
        "Resource": "arn:aws:kms:eu-west-1:111111111111:key/*"}]
      """#
    let bucketPolicy = try logsPolicy(
      #"""
      {"Effect": "Deny", "Principal": {"AWS": "\#(user("admin"))"}, "Action": "s3:Delete*",
       "Resource": ["arn:aws:s3:::logs", "arn:aws:s3:::logs/*"]}
      """#)
    let export = """
      {
        "UserDetailList": [\(allUsers.joined(separator: ","))],
        "GroupDetailList": [], "RoleDetailList": [],
        "Policies": [{"PolicyName": "Boundary", "Arn": "\(boundaryPolicy)",
          "DefaultVersionId": "v1", "PolicyVersionList": [{"VersionId": "v1",
            "IsDefaultVersion": true,
            "Document": {"Version": "2012-10-17", "Statement": \(boundary)}}]}]
      }
      """
    let written = [
      try AWSFixtures.document(json: export, file: "iam.json"),
      try AWSFixtures.document(json: bucketPolicy, file: "bucket-logs.json"),
    ]
    let fixtureFolder = AWSFixtures.testsFolder.appendingPathComponent("Fixtures/aws")
    let policyFixtures = try FileManager.default.contentsOfDirectory(
      at: fixtureFolder.appendingPathComponent("resource-policies"),
      includingPropertiesForKeys: nil
    )
    .map(\.lastPathComponent).sorted()
    .map { try AWSFixtures.document("resource-policies/\($0)") }
    let sampleFolder = AWSFixtures.testsFolder.deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("graphs/sample-estate")
    let sampleExports = try ["aws-111122223333.json", "aws-444455556666.json"].map {
      try JSONCursor.parse(
        Data(contentsOf: sampleFolder.appendingPathComponent($0)), file: $0)
    }

    // The resource policies of the fixtures change each grant that would reach a whole
    // scope, so that run splits every scope grant.
    let cases: [(name: String, documents: [JSONCursor], resources: [Node], hasScopes: Bool)] = [
      ("written", written, inventory, true),
      ("resource-policies", policyFixtures, [], false),
      ("sample estate", sampleExports, [], true),
    ]
    for (name, documents, resources, hasScopes) in cases {
      let scoped = try AWSFixtures.run(documents, resources: resources)
      let single = try AWSFixtures.run(
        documents, resources: resources, grantsOnServiceScopes: false)
      let scopeGrants = scoped.facts.filter {
        $0.relation == .access && scoped.node($0.target)?.type == "aws-service-scope"
      }
      XCTAssertEqual(scopeGrants.isEmpty, !hasScopes, name)
      XCTAssertEqual(expanded(scoped), expanded(single), name)
    }
  }
}
