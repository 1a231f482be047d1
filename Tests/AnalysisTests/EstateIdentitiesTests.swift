import AccessGraph
import Analysis
import XCTest

/// Which nodes count as identities, and public nodes as attack sources.
final class EstateIdentitiesTests: XCTestCase {
  /// alice is defined. A Google user, an AWS service principal and an OIDC provider are
  /// only named by grants into the role deployer, and a second Google user only by a
  /// `contains` edge. `aws:principal/*` trusts the role too.
  private func estate() -> (AccessGraph, [String: NodeID]) {
    var builder = EstateBuilder()
    var ids: [String: NodeID] = [:]
    func add(_ id: String, _ kind: NodeKind, type: String = "", defined: Bool) {
      let node = Node(id: id, kind: kind, platform: .aws, account: "1", type: type)
      ids[id] = defined ? builder.define(node) : builder.reference(node)
    }
    add("alice", .human, defined: true)
    add("deployer", .serviceIdentity, defined: true)
    add("admin", .privilege, defined: true)
    add("project", .scope, defined: true)
    add("user:bob@example.com", .human, type: "google-user", defined: false)
    add("user:carol@example.com", .human, type: "google-user", defined: false)
    add("aws:service/1/lambda.amazonaws.com", .workload, type: "aws-service", defined: false)
    add("arn:aws:iam::1:oidc-provider/ci", .serviceIdentity, type: "iam-oidc-provider",
      defined: false)
    add("aws:principal/*", .group, type: "aws-any-principal", defined: false)
    func connect(_ source: String, _ target: String, _ relation: Relation) {
      let grant = "\(source) \(relation.rawValue) \(target)"
      builder.connect(
        ids[source]!, ids[target]!, relation,
        provenance: Provenance(file: "aws.json", location: grant, grant: grant))
    }
    connect("alice", "deployer", .assumes)
    connect("user:bob@example.com", "deployer", .assumes)
    connect("project", "user:carol@example.com", .contains)
    connect("aws:service/1/lambda.amazonaws.com", "deployer", .assumes)
    connect("arn:aws:iam::1:oidc-provider/ci", "deployer", .federates)
    connect("aws:principal/*", "deployer", .assumes)
    connect("deployer", "admin", .access)
    return (builder.freeze(), ids)
  }

  private func names(_ nodes: [NodeID], in graph: AccessGraph) -> [String] {
    nodes.map { graph.node($0).id }
  }

  func testUndefinedGrantHolderCounts() {
    let (graph, _) = estate()

    XCTAssertEqual(
      names(EstateIdentities.all(in: graph), in: graph),
      ["alice", "deployer", "user:bob@example.com"])
  }

  func testPublicNodeIsAttackSource() {
    let (graph, _) = estate()

    XCTAssertEqual(
      names(EstateIdentities.attackSources(in: graph), in: graph),
      ["alice", "deployer", "user:bob@example.com", "aws:principal/*"])
  }

  /// deployer holds admin; alice, bob and anyone at all assume it, and each trust is cut.
  /// The provider federates to deployer without a condition, so it holds admin as well.
  func testPlanCutsTrustOfAnyPrincipal() {
    let (graph, _) = estate()

    let plan = RevocationPlan(graph: graph, target: .admin)

    XCTAssertEqual(
      plan.grants.map(\.provenance.grant),
      [
        "alice assumes deployer", "aws:principal/* assumes deployer",
        "user:bob@example.com assumes deployer",
      ])
    XCTAssertEqual(plan.cost, 9)
    XCTAssertEqual(
      names(plan.holders.map(\.node), in: graph), ["deployer", "arn:aws:iam::1:oidc-provider/ci"])
  }

  func testGroupTakesUndefinedUser() throws {
    let (graph, _) = estate()

    XCTAssertEqual(
      names(try graph.resolveSources("kind:human"), in: graph),
      ["alice", "user:bob@example.com"])
  }

  func testRankScoresUndefinedUser() {
    let (graph, _) = estate()

    let ranked = IdentityRisk.rank(in: graph, date: CalendarDate(iso8601: "2025-01-01")!)

    XCTAssertEqual(
      Set(names(ranked.map(\.identity), in: graph)),
      ["alice", "deployer", "user:bob@example.com"])
  }

  /// `system:anonymous` is a user that stands for anyone: a source of plans, never ranked.
  func testAnonymousUserIsSourceNotIdentity() {
    var builder = EstateBuilder()
    let anonymous = builder.reference(
      Node(
        id: "k8s:prod/user:system:anonymous", kind: .human, platform: .kubernetes,
        account: "prod", name: "system:anonymous", type: "kubernetes-user"))
    let pods = builder.define(
      Node(id: "k8s:prod/pods", kind: .resource, platform: .kubernetes, account: "prod"))
    builder.connect(
      anonymous, pods, .access,
      provenance: Provenance(file: "k8s.json", location: "items[0]", grant: "binding"))
    let graph = builder.freeze()

    XCTAssertEqual(EstateIdentities.all(in: graph), [])
    XCTAssertEqual(EstateIdentities.attackSources(in: graph), [anonymous])
  }
}
