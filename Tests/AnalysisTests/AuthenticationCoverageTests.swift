import AccessGraph
import Analysis
import XCTest

/// `AuthenticationCoverage` on a hand-built estate of ten workloads on three platforms:
///
///     aws          fn ─runsAs→ fn-role (iam-role)
///                  i-1 ─runsAs→ ip (iam-instance-profile)
///                  lambda.amazonaws.com (aws-service) ─assumes→ fn-role, never counted
///                  ghost (a workload only referenced), never counted
///     azure        vm1 ─runsAs→ mi1 (managed-identity) ←authenticatesAs─ mi1/managed
///                  app1 ─runsAs→ sp1 ←authenticatesAs─ password (static), federated
///                  (dynamic) and sp1/managed (managed, ignored beside the password)
///     on-premises  jenkins ─runsAs→ svc-jenkins ─reads→ key ─authenticatesAs→ ci,
///                  and jenkins ─contains→ key
///                  runner ─runsAs→ builder (kubernetes) ─federates→ fn-role
///                  cron ─runsAs→ fn-role, which the on-premises host cannot be given
///                  billing ─reads→ lease (dynamic, no identity)
///                  legacy ─reads→ blob (a credential without details)
///                  printer, with no edges
final class AuthenticationCoverageTests: XCTestCase {
  private static let date = CalendarDate(year: 2025, month: 1, day: 15)!

  private static func graph() -> AccessGraph {
    var builder = EstateBuilder()
    func define(
      _ id: String, _ kind: NodeKind, _ platform: Platform, type: String = "",
      credential: CredentialDetails? = nil
    ) -> NodeID {
      builder.define(
        Node(id: id, kind: kind, platform: platform, type: type, credential: credential))
    }
    func connect(_ source: NodeID, _ target: NodeID, _ relation: Relation) {
      let grant = "\(builder.node(source).id) \(relation.rawValue) \(builder.node(target).id)"
      builder.connect(
        source, target, relation,
        provenance: Provenance(file: "estate.json", location: grant, grant: grant))
    }

    let function = define("fn", .workload, .aws, type: "lambda-function")
    let functionRole = define("fn-role", .serviceIdentity, .aws, type: "iam-role")
    let instance = define("i-1", .workload, .aws, type: "ec2-instance")
    let profile = define("ip", .serviceIdentity, .aws, type: "iam-instance-profile")
    let service = define("lambda.amazonaws.com", .workload, .aws, type: "aws-service")
    let ghost = builder.reference(Node(id: "ghost", kind: .workload, platform: .aws))
    connect(function, functionRole, .runsAs)
    connect(instance, profile, .runsAs)
    connect(service, functionRole, .assumes)
    connect(ghost, functionRole, .runsAs)

    let machine = define("vm1", .workload, .azure, type: "virtual-machine")
    let managedIdentity = define("mi1", .serviceIdentity, .azure, type: "managed-identity")
    let token = define(
      "mi1/managed", .credential, .azure, credential: CredentialDetails(type: .managed))
    connect(machine, managedIdentity, .runsAs)
    connect(token, managedIdentity, .authenticatesAs)

    let app = define("app1", .workload, .azure, type: "function-app")
    let principal = define("sp1", .serviceIdentity, .azure, type: "service-principal")
    let password = define(
      "app:1/password/k1", .credential, .azure,
      credential: CredentialDetails(type: .static, created: "2024-01-01", expires: "2025-01-01"))
    let federated = define(
      "app:1/federated/gh", .credential, .azure, credential: CredentialDetails(type: .dynamic))
    let principalToken = define(
      "sp1/managed", .credential, .azure, credential: CredentialDetails(type: .managed))
    connect(app, principal, .runsAs)
    connect(password, principal, .authenticatesAs)
    connect(federated, principal, .authenticatesAs)
    connect(principalToken, principal, .authenticatesAs)

    let jenkins = define("jenkins", .workload, .onPremises, type: "ci-server")
    let serviceAccount = define("svc-jenkins", .serviceIdentity, .onPremises)
    let key = define(
      "key", .credential, .aws,
      credential: CredentialDetails(
        type: .static, created: "2021-03-02", lastUsed: "2024-11-30T22:16:48Z"))
    let user = define("ci", .human, .aws, type: "iam-user")
    connect(jenkins, serviceAccount, .runsAs)
    connect(jenkins, key, .contains)
    connect(serviceAccount, key, .reads)
    connect(key, user, .authenticatesAs)

    let runner = define("runner", .workload, .onPremises)
    let builderAccount = define("builder", .serviceIdentity, .kubernetes)
    connect(runner, builderAccount, .runsAs)
    connect(builderAccount, functionRole, .federates)

    let cron = define("cron", .workload, .onPremises)
    connect(cron, functionRole, .runsAs)

    let billing = define("billing", .workload, .onPremises)
    let lease = define(
      "lease", .credential, .onPremises,
      credential: CredentialDetails(
        type: .dynamic, created: "2025-01-15T08:00:00Z", expires: "2025-01-16T08:00:00Z"))
    connect(billing, lease, .reads)

    let legacy = define("legacy", .workload, .onPremises)
    let blob = define("blob", .credential, .onPremises)
    connect(legacy, blob, .reads)

    _ = define("printer", .workload, .onPremises)
    return builder.freeze()
  }

  /// Describes an entry as `method credential -> identities`, with nil as `-`.
  private func summary(_ evidence: AuthenticationEvidence, in graph: AccessGraph) -> String {
    let credential = evidence.credential.map { graph.node($0).id } ?? "-"
    let identities = evidence.identities.map { graph.node($0).id }.joined(separator: ",")
    return "\(evidence.method.rawValue) \(credential) -> \(identities)"
  }

  /// Describes each edge as `source relation target`.
  private func edges(_ evidence: AuthenticationEvidence, in graph: AccessGraph) -> [String] {
    evidence.edges.map { edge in
      "\(graph.node(graph.source(of: edge)).id) \(graph.relation(of: edge).rawValue) "
        + graph.node(graph.target(of: edge)).id
    }
  }

  private func methods(
    of workload: String, in coverage: AuthenticationCoverage, graph: AccessGraph
  ) throws -> [AuthenticationEvidence] {
    let entry = try XCTUnwrap(
      coverage.workloads.first { graph.node($0.workload).id == workload }, workload)
    return entry.methods
  }

  func testListsDefinedWorkloadsByPlatformAndId() {
    let graph = Self.graph()
    let coverage = AuthenticationCoverage(in: graph, date: Self.date)
    XCTAssertEqual(
      coverage.workloads.map { graph.node($0.workload).id },
      [
        "fn", "i-1", "app1", "vm1", "billing", "cron", "jenkins", "legacy", "printer",
        "runner",
      ])
  }

  func testPlatformRoleIsManaged() throws {
    let graph = Self.graph()
    let coverage = AuthenticationCoverage(in: graph, date: Self.date)

    let function = try methods(of: "fn", in: coverage, graph: graph)
    XCTAssertEqual(function.map { summary($0, in: graph) }, ["managed - -> fn-role"])
    XCTAssertEqual(function.map { edges($0, in: graph) }, [["fn runsAs fn-role"]])
    XCTAssertNil(function[0].ageInDays)

    let instance = try methods(of: "i-1", in: coverage, graph: graph)
    XCTAssertEqual(instance.map { summary($0, in: graph) }, ["managed - -> ip"])
  }

  func testManagedCredentialIsManaged() throws {
    let graph = Self.graph()
    let coverage = AuthenticationCoverage(in: graph, date: Self.date)
    let machine = try methods(of: "vm1", in: coverage, graph: graph)
    XCTAssertEqual(machine.map { summary($0, in: graph) }, ["managed mi1/managed -> mi1"])
    XCTAssertEqual(
      machine.map { edges($0, in: graph) }, [["vm1 runsAs mi1", "mi1/managed authenticatesAs mi1"]])
  }

  func testStaticCredentialHidesManagedOne() throws {
    let graph = Self.graph()
    let coverage = AuthenticationCoverage(in: graph, date: Self.date)
    let app = try methods(of: "app1", in: coverage, graph: graph)
    XCTAssertEqual(
      app.map { summary($0, in: graph) },
      ["federated app:1/federated/gh -> sp1", "static app:1/password/k1 -> sp1"])
    XCTAssertEqual(
      edges(app[1], in: graph),
      ["app1 runsAs sp1", "app:1/password/k1 authenticatesAs sp1"])
    XCTAssertEqual(app[1].ageInDays, 380)
    XCTAssertEqual(app[1].daysUntilExpiry, -14)
  }

  func testStoredAndReadKeyIsOneEntry() throws {
    let graph = Self.graph()
    let coverage = AuthenticationCoverage(in: graph, date: Self.date)
    let jenkins = try methods(of: "jenkins", in: coverage, graph: graph)
    XCTAssertEqual(jenkins.map { summary($0, in: graph) }, ["static key -> ci"])
    XCTAssertEqual(
      jenkins.map { edges($0, in: graph) },
      [
        [
          "jenkins contains key", "jenkins runsAs svc-jenkins", "svc-jenkins reads key",
          "key authenticatesAs ci",
        ]
      ])
    XCTAssertEqual(jenkins[0].ageInDays, 1415)
    XCTAssertNil(jenkins[0].daysUntilExpiry)
  }

  func testFederationTrustIsFederated() throws {
    let graph = Self.graph()
    let coverage = AuthenticationCoverage(in: graph, date: Self.date)
    let runner = try methods(of: "runner", in: coverage, graph: graph)
    XCTAssertEqual(runner.map { summary($0, in: graph) }, ["federated - -> fn-role"])
    XCTAssertEqual(
      runner.map { edges($0, in: graph) }, [["runner runsAs builder", "builder federates fn-role"]])
  }

  func testRoleOfAnotherPlatformIsNotManaged() throws {
    let graph = Self.graph()
    let coverage = AuthenticationCoverage(in: graph, date: Self.date)
    XCTAssertEqual(try methods(of: "cron", in: coverage, graph: graph), [])
    XCTAssertEqual(try methods(of: "printer", in: coverage, graph: graph), [])
  }

  func testReadCredentialCountsByType() throws {
    let graph = Self.graph()
    let coverage = AuthenticationCoverage(in: graph, date: Self.date)

    let billing = try methods(of: "billing", in: coverage, graph: graph)
    XCTAssertEqual(billing.map { summary($0, in: graph) }, ["federated lease -> "])
    XCTAssertEqual(billing[0].ageInDays, 0)
    XCTAssertEqual(billing[0].daysUntilExpiry, 1)

    let legacy = try methods(of: "legacy", in: coverage, graph: graph)
    XCTAssertEqual(legacy.map { summary($0, in: graph) }, ["static blob -> "])
    XCTAssertNil(legacy[0].ageInDays)
  }

  func testSummaryCountsWorkloadsPerPlatform() {
    let graph = Self.graph()
    let coverage = AuthenticationCoverage(in: graph, date: Self.date)
    XCTAssertEqual(
      coverage.platforms,
      [
        PlatformAuthenticationSummary(
          platform: .aws, workloadCount: 2, methodCounts: [.managed: 2], unknownCount: 0),
        PlatformAuthenticationSummary(
          platform: .azure, workloadCount: 2,
          methodCounts: [.managed: 1, .federated: 1, .static: 1], unknownCount: 0),
        PlatformAuthenticationSummary(
          platform: .onPremises, workloadCount: 6, methodCounts: [.federated: 2, .static: 2],
          unknownCount: 2),
      ])
  }

  func testEmptyEstateHasNoPlatforms() {
    let graph = EstateBuilder().freeze()
    let coverage = AuthenticationCoverage(in: graph, date: Self.date)
    XCTAssertEqual(coverage.workloads, [])
    XCTAssertEqual(coverage.platforms, [])
  }
}
