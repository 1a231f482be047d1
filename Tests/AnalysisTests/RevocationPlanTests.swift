import AccessGraph
import Analysis
import XCTest

/// Builds small estates for the revocation and chokepoint tests: every node is an AWS node
/// named by its id, and each edge gets a provenance of its own unless one is given.
struct CutEstate {
  var builder = EstateBuilder()
  var ids: [String: NodeID] = [:]

  mutating func add(_ id: String, _ kind: NodeKind) {
    ids[id] = builder.define(Node(id: id, kind: kind, platform: .aws, account: "1"))
  }

  mutating func connect(
    _ source: String, _ target: String, _ relation: Relation, grant: String? = nil,
    file: String = "aws.json"
  ) {
    let name = grant ?? "\(source) \(relation.rawValue) \(target)"
    builder.connect(
      ids[source]!, ids[target]!, relation,
      provenance: Provenance(file: file, location: file.isEmpty ? "" : name, grant: name))
  }

  func freeze() -> AccessGraph { builder.freeze() }
}

final class RevocationPlanTests: XCTestCase {
  private func grantNames(_ plan: RevocationPlan) -> [String] {
    plan.grants.map(\.provenance.grant).sorted()
  }

  private func plan(
    _ estate: CutEstate, from sources: [String]? = nil, keepsHolders: Bool = true,
    costs: RevocationCosts = RevocationCosts()
  ) -> RevocationPlan {
    let graph = estate.freeze()
    return RevocationPlan(
      graph: graph, target: .admin,
      sources: sources.map { $0.map { graph.nodeID(for: $0)! } }, keepsHolders: keepsHolders,
      costs: costs)
  }

  func testDisjointRoutesNeedTwoGrants() {
    var estate = CutEstate()
    estate.add("alice", .human)
    estate.add("ops", .group)
    estate.add("deployer", .serviceIdentity)
    estate.add("admin", .privilege)
    estate.connect("alice", "ops", .memberOf, grant: "membership")
    estate.connect("ops", "admin", .access, grant: "ops policy")
    estate.connect("alice", "deployer", .assumes, grant: "trust")
    estate.connect("deployer", "admin", .access, grant: "deployer policy")

    let result = plan(estate, from: ["alice"])

    XCTAssertEqual(grantNames(result), ["membership", "trust"])
    XCTAssertEqual(result.cost, 4)
    XCTAssertEqual(result.flowValue, 4)
    XCTAssertTrue(result.isOptimal)
    XCTAssertTrue(result.isComplete)
    XCTAssertEqual(result.targetsReachedAfter, [])
  }

  func testSharedMembershipIsTheOneCut() {
    var estate = CutEstate()
    estate.add("alice", .human)
    estate.add("ops", .group)
    estate.add("deployer", .serviceIdentity)
    estate.add("admin", .privilege)
    estate.connect("alice", "ops", .memberOf, grant: "membership")
    estate.connect("ops", "admin", .access, grant: "ops policy")
    estate.connect("ops", "deployer", .assumes, grant: "trust")
    estate.connect("deployer", "admin", .access, grant: "deployer policy")

    let result = plan(estate, from: ["alice"])

    XCTAssertEqual(grantNames(result), ["membership"])
    XCTAssertEqual(result.cost, 1)
    XCTAssertEqual(result.grants[0].edgeCount, 1)
    XCTAssertEqual(result.grants[0].cutEdges.count, 1)
  }

  /// alice is a member of ops, whose policy gives admin and two buckets: revoking the
  /// policy costs 4 × 3 edges, the membership 1.
  private func sharedPolicyEstate() -> CutEstate {
    var estate = CutEstate()
    estate.add("alice", .human)
    estate.add("ops", .group)
    estate.add("admin", .privilege)
    estate.add("logs", .resource)
    estate.add("data", .resource)
    estate.connect("alice", "ops", .memberOf, grant: "membership")
    for target in ["admin", "logs", "data"] {
      estate.connect("ops", target, .access, grant: "shared policy")
    }
    return estate
  }

  func testCheapMembershipBeatsSharedPolicy() {
    let result = plan(sharedPolicyEstate(), from: ["alice"])

    XCTAssertEqual(grantNames(result), ["membership"])
    XCTAssertEqual(result.cost, 1)
  }

  func testCostOverrideChoosesSharedPolicy() {
    var costs = RevocationCosts()
    costs.baseCosts[.memberOf] = 100

    let result = plan(sharedPolicyEstate(), from: ["alice"], costs: costs)

    XCTAssertEqual(grantNames(result), ["shared policy"])
    XCTAssertEqual(result.cost, 12)
    XCTAssertEqual(result.grants[0].edgeCount, 3)
    XCTAssertEqual(result.grants[0].cutEdges.count, 1)
    XCTAssertEqual(result.removedEdges.count, 3)
    XCTAssertEqual(result.before.reached, 4)
    XCTAssertEqual(result.after.reached, 1)
    XCTAssertEqual(result.after.privileges, 0)
  }

  func testHeldIdentityNeedsNoCut() {
    var estate = CutEstate()
    estate.add("alice", .human)
    estate.add("viewer", .serviceIdentity)
    estate.add("deployer", .serviceIdentity)
    estate.add("admin", .privilege)
    // alice only holds viewer, so viewer's own access to admin is not alice's.
    estate.connect("alice", "viewer", .access, grant: "describe role")
    estate.connect("viewer", "admin", .access, grant: "viewer policy")
    estate.connect("alice", "deployer", .assumes, grant: "trust")
    estate.connect("deployer", "admin", .access, grant: "deployer policy")

    let result = plan(estate, from: ["alice"])

    XCTAssertEqual(grantNames(result), ["trust"])
    XCTAssertEqual(result.cost, 3)
  }

  func testHeldIdentityAloneGivesEmptyPlan() {
    var estate = CutEstate()
    estate.add("alice", .human)
    estate.add("viewer", .serviceIdentity)
    estate.add("admin", .privilege)
    estate.connect("alice", "viewer", .access, grant: "describe role")
    estate.connect("viewer", "admin", .access, grant: "viewer policy")

    let result = plan(estate, from: ["alice"])

    XCTAssertEqual(result.grants, [])
    XCTAssertEqual(result.exposedSources, [])
    XCTAssertTrue(result.isComplete)
  }

  /// alice reaches admin through edges an importer derived (no file, no location); bob
  /// through a membership.
  private func derivedEdgeEstate() -> CutEstate {
    var estate = CutEstate()
    estate.add("alice", .human)
    estate.add("bob", .human)
    estate.add("everyone", .group)
    estate.add("admins", .group)
    estate.add("admin", .privilege)
    estate.connect("alice", "everyone", .memberOf, grant: "platform adds it", file: "")
    estate.connect("everyone", "admin", .access, grant: "everyone policy", file: "")
    estate.connect("bob", "admins", .memberOf, grant: "bob membership")
    estate.connect("admins", "admin", .access, grant: "admins policy")
    return estate
  }

  func testUnrevocablePathIsReported() throws {
    let estate = derivedEdgeEstate()
    let graph = estate.freeze()

    let result = RevocationPlan(graph: graph, target: .admin, sources: [estate.ids["alice"]!])

    XCTAssertFalse(result.isComplete)
    let blocked = try XCTUnwrap(result.unrevocablePath)
    XCTAssertEqual(blocked.source, estate.ids["alice"]!)
    XCTAssertEqual(
      blocked.edges.map { graph.provenance(of: $0).grant }, ["platform adds it", "everyone policy"])
    XCTAssertEqual(result.grants, [])
  }

  func testDefaultSourcesLeaveOutPrivileged() {
    let estate = derivedEdgeEstate()
    let graph = estate.freeze()
    let result = RevocationPlan(graph: graph, target: .admin, keepsHolders: false)

    XCTAssertEqual(result.privilegedSources, [estate.ids["alice"]!])
    XCTAssertEqual(result.sources, [estate.ids["bob"]!])
    XCTAssertEqual(grantNames(result), ["bob membership"])
    XCTAssertTrue(result.isComplete)
  }

  func testNeverCostMakesRelationUnrevocable() {
    var estate = CutEstate()
    estate.add("alice", .human)
    estate.add("admin", .privilege)
    estate.connect("alice", "admin", .access, grant: "admin policy")
    var costs = RevocationCosts()
    costs.baseCosts[.access] = .some(nil)

    let result = plan(estate, from: ["alice"], costs: costs)

    XCTAssertFalse(result.isComplete)
    XCTAssertEqual(result.unrevocablePath?.edges.count, 1)
  }

  func testContainsEdgeIsNeverCut() {
    var estate = CutEstate()
    estate.add("alice", .human)
    estate.add("account", .scope)
    estate.add("admin", .privilege)
    estate.connect("alice", "account", .access, grant: "account policy")
    estate.connect("account", "admin", .contains, grant: "account contains admin")

    let result = plan(estate, from: ["alice"])

    XCTAssertEqual(grantNames(result), ["account policy"])
  }

  func testGrantCostsFollowTable() {
    let estate = sharedPolicyEstate()
    var withScope = estate
    withScope.add("account", .scope)
    withScope.connect("account", "data", .contains, grant: "account contains data")
    let graph = withScope.freeze()
    let costs = RevocationCosts().grantCosts(in: graph)
    var byGrant: [String: Int?] = [:]
    for edge in graph.edgeIDs {
      byGrant[graph.provenance(of: edge).grant] = costs[graph.grantIndex(of: edge)]
    }

    XCTAssertEqual(byGrant["membership"], .some(1))
    XCTAssertEqual(byGrant["shared policy"], .some(12))
    XCTAssertEqual(byGrant["account contains data"], .some(nil))
  }

  /// A grant whose two edges need two gadgets makes the network charge it twice, so that
  /// the plan found costs 14 although revoking "g1" and "shared3" (4 + 8) is enough.
  func testGrantOverTwoGadgetsMakesCostUpperBound() {
    var estate = CutEstate()
    estate.add("n0", .human)
    estate.add("n1", .scope)
    estate.add("n2", .group)
    estate.add("admin", .privilege)
    estate.connect("n2", "n1", .access, grant: "g1")
    estate.connect("n1", "admin", .federates, grant: "shared0")
    estate.connect("n0", "admin", .controls, grant: "shared3")
    estate.connect("n1", "admin", .assumes, grant: "g9")
    estate.connect("n2", "n1", .memberOf, grant: "shared3")
    estate.connect("n2", "n2", .contains, grant: "shared1")
    estate.connect("n2", "n0", .assumes, grant: "shared1")
    let graph = estate.freeze()
    let n2 = graph.nodeID(for: "n2")!

    let result = RevocationPlan(graph: graph, target: .admin, sources: [n2])

    XCTAssertEqual(grantNames(result), ["g9", "shared0", "shared3"])
    XCTAssertEqual(result.cost, 14)
    XCTAssertEqual(result.flowValue, 14)
    XCTAssertFalse(result.isOptimal)
    let cheaper = Set(
      graph.edgeIDs.filter { ["g1", "shared3"].contains(graph.provenance(of: $0).grant) })
    let costs = RevocationCosts().grantCosts(in: graph)
    let cheaperGrants = Set(cheaper.map(graph.grantIndex(of:)))
    let cheaperCost = cheaperGrants.reduce(0) { $0 + (costs[$1] ?? nil)! }
    XCTAssertEqual(cheaperCost, 12)
    let after = graph.removingEdges(cheaper).reachability(from: [n2])
    XCTAssertFalse(after.contains(graph.nodeID(for: "admin")!))
  }

  func testServiceLinkedRoleGrantsAreUnrevocable() {
    let linked =
      "arn:aws:iam::1:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport"
    let lookalike = "k8s:prod/role/aws-service-role/support"
    var estate = CutEstate()
    estate.add(linked, .serviceIdentity)
    estate.add("arn:aws:iam::1:role/ops", .serviceIdentity)
    estate.add("aws:service/support.amazonaws.com", .serviceIdentity)
    estate.add("vm", .workload)
    estate.add("account", .scope)
    estate.ids[lookalike] = estate.builder.define(
      Node(id: lookalike, kind: .serviceIdentity, platform: .kubernetes))
    estate.connect(linked, "account", .access, grant: "policy of the linked role")
    estate.connect(linked, "account", .escalates, grant: "escalation by the linked role")
    estate.connect("aws:service/support.amazonaws.com", linked, .assumes, grant: "linked trust")
    estate.connect(linked, "arn:aws:iam::1:role/ops", .assumes, grant: "trust of ops")
    estate.connect("vm", linked, .runsAs, grant: "vm runs as the linked role")
    estate.connect("arn:aws:iam::1:role/ops", "account", .access, grant: "policy of ops")
    estate.connect(lookalike, "account", .access, grant: "kubernetes binding")
    let graph = estate.freeze()

    let costs = RevocationCosts().grantCosts(in: graph)
    var byGrant: [String: Int?] = [:]
    for edge in graph.edgeIDs {
      byGrant[graph.provenance(of: edge).grant] = costs[graph.grantIndex(of: edge)]
    }

    XCTAssertEqual(byGrant["policy of the linked role"], .some(nil))
    XCTAssertEqual(byGrant["escalation by the linked role"], .some(nil))
    XCTAssertEqual(byGrant["linked trust"], .some(nil))
    XCTAssertEqual(byGrant["trust of ops"], .some(3))
    XCTAssertEqual(byGrant["vm runs as the linked role"], .some(6))
    XCTAssertEqual(byGrant["policy of ops"], .some(4))
    XCTAssertEqual(byGrant["kubernetes binding"], .some(4))
  }

  func testServiceLinkedRoleIsPrivilegedByConstruction() {
    let linked =
      "arn:aws:iam::1:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport"
    var estate = CutEstate()
    estate.add(linked, .serviceIdentity)
    estate.add("alice", .human)
    estate.add("admin", .privilege)
    estate.connect(linked, "admin", .access, grant: "policy of the linked role")
    estate.connect("alice", linked, .escalates, grant: "alice edits the linked role")
    let graph = estate.freeze()

    let result = RevocationPlan(graph: graph, target: .admin, keepsHolders: false)

    XCTAssertEqual(result.privilegedSources.map { graph.node($0).id }, [linked])
    XCTAssertEqual(grantNames(result), ["alice edits the linked role"])
    XCTAssertEqual(result.targetsReachedAfter, [])
  }
}

/// Revocation plans on the Northwind Freight sample estate in `graphs/sample-estate`.
final class SampleEstateRevocationTests: XCTestCase {
  func testEveryPlanSeparatesItsSource() {
    let graph = SampleEstate.graph
    let identities = graph.nodes { $0.kind.isIdentity && $0.isDefined }
    for target in [Target.admin, .crownJewels] {
      for identity in identities {
        let plan = RevocationPlan(graph: graph, target: target, sources: [identity])
        let name = "\(graph.node(identity).id) to \(target)"
        XCTAssertEqual(plan.targetsReachedAfter, [], name)
        XCTAssertLessThanOrEqual(plan.cost, plan.flowValue, name)
        if plan.isComplete && !plan.grants.isEmpty {
          let search = graph.removingEdges(Set(plan.removedEdges)).reachability(from: [identity])
          XCTAssertFalse(target.nodes(in: graph).contains { search.contains($0) }, name)
        }
      }
    }
  }

  func testTelemetryTaskNeedsOneRevokedRead() throws {
    let graph = SampleEstate.graph
    let source = try graph.resolveNode("svc-telemetry")

    let plan = RevocationPlan(graph: graph, target: .admin, sources: [source])

    XCTAssertEqual(plan.grants.map(\.provenance.location), ["grants[17]"])
    XCTAssertEqual(plan.cost, 2)
    XCTAssertEqual(plan.before.privileges, 1)
    XCTAssertEqual(plan.after.privileges, 0)
    XCTAssertEqual(plan.after.reached, 0)
  }
}
