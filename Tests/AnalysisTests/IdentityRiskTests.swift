import AccessGraph
import Analysis
import Foundation
import Importers
import XCTest

/// Risk factors and scores on `BlastCLITests/Fixtures/rank-estate.json`, where each figure
/// is known by construction:
///
///     alice (human, aws) -assumes-> admin-role -access-> AWS account admin
///     bob (human, on-premises) -assumes[conditional]-> admin-role
///     admin-role -access[conditional]-> vault (crown jewel, on-premises)
///     key-1 (static, created 2023-01-02, last used 2024-12-02) -authenticatesAs-> ci-user
///     ci-user -assumes-> admin-role
///     allUsers (public) -assumes-> web-sa (gcp) -access-> vault
///     account 222222222222 (outside the run) -assumes-> admin-role
///     admin-role was last used on 2024-01-02
///
/// Ages count to 2025-01-01, so key-1 is 730 days old and admin-role was idle 365 days.
final class IdentityRiskTests: XCTestCase {
  private static let fixture = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("BlastCLITests/Fixtures/rank-estate.json").path
  private static let date = CalendarDate(year: 2025, month: 1, day: 1)!

  private func estate() throws -> AccessGraph {
    try EstateLoader().load([Self.fixture])
  }

  private func risks(
    _ graph: AccessGraph, weights: RiskWeights = .defaults
  ) -> [String: IdentityRisk] {
    let ranking = IdentityRisk.rank(in: graph, weights: weights, date: Self.date)
    return Dictionary(uniqueKeysWithValues: ranking.map { (graph.node($0.identity).id, $0) })
  }

  func testFactorsOfEveryIdentity() throws {
    let graph = try estate()
    let risks = risks(graph)

    XCTAssertEqual(
      risks["admin-role"]?.factors,
      RiskFactors(
        all: ReachCounts(reached: 2, privileges: 1, crownJewels: 1, platforms: 2, accounts: 1),
        unconditional: ReachCounts(
          reached: 1, privileges: 1, crownJewels: 0, platforms: 1, accounts: 1),
        humans: 2, humansUnconditional: 1, externalTrust: 2,
        lastUsed: CalendarDate(year: 2024, month: 1, day: 2),
        daysSinceUse: 365))
    XCTAssertEqual(
      risks["ci-user"]?.factors,
      RiskFactors(
        all: ReachCounts(reached: 3, privileges: 1, crownJewels: 1, platforms: 2, accounts: 1),
        unconditional: ReachCounts(
          reached: 2, privileges: 1, crownJewels: 0, platforms: 1, accounts: 1),
        staticCredentials: 1, oldestCredentialDays: 730,
        lastUsed: CalendarDate(year: 2024, month: 12, day: 2), daysSinceUse: 30))
    XCTAssertEqual(
      risks["bob"]?.factors,
      RiskFactors(
        all: ReachCounts(reached: 3, privileges: 1, crownJewels: 1, platforms: 2, accounts: 1),
        unconditional: ReachCounts(
          reached: 0, privileges: 0, crownJewels: 0, platforms: 1, accounts: 0)))
    XCTAssertEqual(
      risks["web-sa"]?.factors,
      RiskFactors(
        all: ReachCounts(reached: 1, privileges: 0, crownJewels: 1, platforms: 2, accounts: 1),
        unconditional: ReachCounts(
          reached: 1, privileges: 0, crownJewels: 1, platforms: 2, accounts: 1),
        publicBindings: 1, publicBindingsUnconditional: 1))
    XCTAssertEqual(risks["alice"]?.factors.humans, 0)
    XCTAssertEqual(Set(risks.keys), ["alice", "bob", "admin-role", "ci-user", "web-sa"])
  }

  func testDefaultWeightsGiveExactScoresAndOrder() throws {
    let graph = try estate()
    let ranking = IdentityRisk.rank(in: graph, date: Self.date)

    XCTAssertEqual(
      ranking.map { graph.node($0.identity).id },
      ["web-sa", "admin-role", "ci-user", "alice", "bob"])
    // Reach mixes unconditional figures with half of what conditional edges add: 14 is
    // 10 for the privilege, 2.5 for half a crown jewel and 1.5 for half a platform.
    let webSA: Double = 5 + 3 + log2(2.0) + 20
    let adminRole: Double = 14 + log2(2.5) + log2(2.5) + 6 + 1
    let ciUser: Double = 14 + log2(3.5) + 2 + 2 + 30.0 / 365
    let alice: Double = 14 + log2(3.5)
    let bob: Double = 9.5 + log2(2.5)
    let expected = [webSA, adminRole, ciUser, alice, bob]
    for (risk, score) in zip(ranking, expected) {
      XCTAssertEqual(risk.score, score, accuracy: 1e-9, graph.node(risk.identity).id)
    }
  }

  func testPointsAddUpToScore() throws {
    let graph = try estate()
    let adminRole = try XCTUnwrap(risks(graph)["admin-role"])

    XCTAssertEqual(adminRole.points[.privileges], 10)
    XCTAssertEqual(adminRole.points[.crownJewels], 2.5)
    XCTAssertEqual(adminRole.points[.externalTrust], 6)
    XCTAssertEqual(adminRole.points[.idleYears], 1)
    XCTAssertNil(adminRole.points[.conditionalShare])
    XCTAssertEqual(
      adminRole.points.values.reduce(0, +), adminRole.score, accuracy: 1e-9)
  }

  func testWeightsReorderIdentities() throws {
    let graph = try estate()
    var weights = RiskWeights.defaults
    weights[.publicBindings] = 0
    let withoutPublic = IdentityRisk.rank(in: graph, weights: weights, date: Self.date)
    XCTAssertEqual(
      withoutPublic.map { graph.node($0.identity).id },
      ["admin-role", "ci-user", "alice", "bob", "web-sa"])

    weights[.externalTrust] = 0
    weights[.idleYears] = 0
    weights[.humans] = 0
    let reachOnly = IdentityRisk.rank(in: graph, weights: weights, date: Self.date)
    XCTAssertEqual(
      reachOnly.map { graph.node($0.identity).id },
      ["ci-user", "alice", "admin-role", "bob", "web-sa"])
  }

  func testFullConditionalShareCountsEveryEdge() throws {
    let graph = try estate()
    var weights = RiskWeights.defaults
    weights[.conditionalShare] = 1
    let bob = try XCTUnwrap(risks(graph, weights: weights)["bob"])

    XCTAssertEqual(bob.score, 19 + log2(4.0), accuracy: 1e-9)
  }

  func testConditionalPublicBindingCountsHalf() {
    var builder = EstateBuilder()
    let everyone = builder.define(
      Node(id: "aws:principal/*", kind: .group, platform: .aws, type: "aws-any-principal"))
    let role = builder.define(Node(id: "role", kind: .serviceIdentity, platform: .aws))
    builder.connect(
      everyone, role, .assumes, provenance: Provenance(file: "f", location: "", grant: "g"),
      isConditional: true)
    let risk = IdentityRisk.rank(in: builder.freeze(), date: Self.date)[0]

    XCTAssertEqual(risk.factors.publicBindings, 1)
    XCTAssertEqual(risk.factors.publicBindingsUnconditional, 0)
    XCTAssertEqual(risk.points[.publicBindings], 10)
  }

  func testExpiredCredentialIsNotCounted() throws {
    var builder = EstateBuilder()
    let user = builder.define(Node(id: "user", kind: .human, platform: .aws, account: "1"))
    let old = builder.define(
      Node(
        id: "old", kind: .credential, platform: .aws,
        credential: CredentialDetails(type: .static, created: "2020-01-01", expires: "2024-06-01")))
    let federated = builder.define(
      Node(
        id: "fed", kind: .credential, platform: .azure, type: "entra-federated-credential",
        credential: CredentialDetails(type: .dynamic)))
    let bare = builder.define(Node(id: "bare", kind: .credential, platform: .onPremises))
    let origin = Provenance(file: "f", location: "", grant: "g")
    for credential in [old, federated, bare] {
      builder.connect(credential, user, .authenticatesAs, provenance: origin)
    }
    let graph = builder.freeze()
    let factors = IdentityRisk.rank(in: graph, date: Self.date)[0].factors

    // The inventory's credential without details counts as static, with no known age.
    XCTAssertEqual(factors.staticCredentials, 1)
    XCTAssertNil(factors.oldestCredentialDays)
    XCTAssertEqual(factors.externalTrust, 1)
  }

  func testPublicNodesOfEveryPlatform() {
    let nodes = [
      Node(id: "allUsers", kind: .group, platform: .gcp, tags: ["publicExposure": "true"]),
      Node(id: "aws:principal/*", kind: .group, platform: .aws, type: "aws-any-principal"),
      Node(
        id: "k8s:c/user:system:anonymous", kind: .human, platform: .kubernetes,
        name: "system:anonymous", type: "kubernetes-user"),
      Node(
        id: "k8s:c/group:system:unauthenticated", kind: .group, platform: .kubernetes,
        name: "system:unauthenticated", type: "kubernetes-group"),
    ]
    for node in nodes {
      XCTAssertTrue(RiskFactors.isPublic(node), node.id)
    }
    XCTAssertFalse(
      RiskFactors.isPublic(
        Node(
          id: "k8s:c/group:system:authenticated", kind: .group, platform: .kubernetes,
          name: "system:authenticated", type: "kubernetes-group")))
  }

  /// Checks `EstateReach.actingOrigins` against one forward search per origin, on random
  /// estates, with a memory limit small enough to split the origins into several passes.
  func testActingOriginsMatchSearches() {
    var seed: UInt64 = 11
    func random(_ bound: Int) -> Int {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((seed >> 33) % UInt64(bound))
    }
    // Half of the nodes are people, so that more than 64 of them need several passes.
    let kinds: [NodeKind] = [
      .human, .human, .human, .human, .human, .serviceIdentity, .group, .resource, .scope,
      .workload,
    ]
    let relations: [Relation] = [.assumes, .memberOf, .access, .contains, .controls, .runsAs]
    for round in 0..<20 {
      var builder = EstateBuilder()
      let nodeCount = 150 + random(100)
      for index in 0..<nodeCount {
        builder.define(
          Node(id: "n\(index)", kind: kinds[random(kinds.count)], platform: .aws))
      }
      for _ in 0..<(nodeCount * 2) {
        builder.connect(
          NodeID(random(nodeCount)), NodeID(random(nodeCount)),
          relations[random(relations.count)],
          provenance: Provenance(file: "f", location: "", grant: "g"),
          isConditional: random(5) == 0)
      }
      let graph = builder.freeze()
      let people = graph.nodes { $0.kind == .human }
      let identities = graph.nodes { $0.kind.isIdentity }
      let reach = EstateReach(
        graph: graph, identities: identities, originSets: [people], memoryLimit: 64)

      var expected = [Int](repeating: 0, count: identities.count)
      for person in people {
        let search = graph.reachability(from: [person])
        for (index, identity) in identities.enumerated()
        where identity != person && search.actsAs(identity) {
          expected[index] += 1
        }
      }
      XCTAssertGreaterThan(people.count, 64, "round \(round)")
      XCTAssertGreaterThan(expected.reduce(0, +), 0, "round \(round)")
      XCTAssertEqual(reach.actingOrigins, [expected], "round \(round)")
    }
  }
}
