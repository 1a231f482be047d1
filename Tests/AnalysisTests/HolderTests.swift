import AccessGraph
import Analysis
import XCTest

/// Holders of a target, and revocation plans that keep them.
final class HolderTests: XCTestCase {
  private func ids(_ nodes: [NodeID], in graph: AccessGraph) -> [String] {
    nodes.map { graph.node($0).id }
  }

  private func grants(_ plan: RevocationPlan) -> [String] {
    plan.grants.map(\.provenance.grant).sorted()
  }

  /// alice and bob each assume admin-role through a trust of their own; admin-role's policy
  /// gives admin. Revoking the policy (4) is cheaper than both trusts (3 + 3).
  private func adminRoleEstate() -> CutEstate {
    var estate = CutEstate()
    estate.add("alice", .human)
    estate.add("bob", .human)
    estate.add("admin-role", .serviceIdentity)
    estate.add("admin", .privilege)
    estate.connect("alice", "admin-role", .assumes, grant: "alice trust")
    estate.connect("bob", "admin-role", .assumes, grant: "bob trust")
    estate.connect("admin-role", "admin", .access, grant: "admin policy")
    return estate
  }

  func testAssumedAdminRoleKeepsItsPolicy() {
    let graph = adminRoleEstate().freeze()

    let plan = RevocationPlan(graph: graph, target: .admin)

    XCTAssertEqual(grants(plan), ["alice trust", "bob trust"])
    XCTAssertEqual(plan.cost, 6)
    XCTAssertEqual(plan.flowValue, 6)
    XCTAssertEqual(ids(plan.sources, in: graph), ["alice", "bob"])
    XCTAssertEqual(ids(plan.holders.map(\.node), in: graph), ["admin-role"])
    XCTAssertEqual(plan.holders[0].edges.map { graph.provenance(of: $0).grant }, ["admin policy"])
    XCTAssertEqual(plan.targetsReachedAfter, [])
    XCTAssertTrue(plan.keepsHolders)
  }

  func testIncludedHoldersGiveOldPlan() {
    let graph = adminRoleEstate().freeze()

    let plan = RevocationPlan(graph: graph, target: .admin, keepsHolders: false)

    XCTAssertEqual(grants(plan), ["admin policy"])
    XCTAssertEqual(plan.cost, 4)
    XCTAssertEqual(ids(plan.sources, in: graph), ["alice", "bob", "admin-role"])
    XCTAssertEqual(plan.holders, [])
    XCTAssertFalse(plan.keepsHolders)
  }

  func testGivenSourceThatHoldsIsNamed() {
    let estate = adminRoleEstate()
    let graph = estate.freeze()

    let plan = RevocationPlan(graph: graph, target: .admin, sources: [estate.ids["admin-role"]!])

    XCTAssertEqual(grants(plan), ["admin policy"])
    XCTAssertEqual(ids(plan.holdingSources.map(\.node), in: graph), ["admin-role"])
    XCTAssertEqual(plan.holders, [])
    XCTAssertFalse(plan.keepsHolders)
  }

  /// ops-bot holds admin through its group admins; dev assumes ops-bot; auditor may only
  /// read the role break-glass, which holds admin itself.
  private func groupEstate() -> CutEstate {
    var estate = CutEstate()
    estate.add("dev", .human)
    estate.add("auditor", .human)
    estate.add("ops-bot", .serviceIdentity)
    estate.add("break-glass", .serviceIdentity)
    estate.add("admins", .group)
    estate.add("admin", .privilege)
    estate.connect("ops-bot", "admins", .memberOf, grant: "membership")
    estate.connect("admins", "admin", .access, grant: "admins policy")
    estate.connect("dev", "ops-bot", .assumes, grant: "ops-bot trust")
    estate.connect("auditor", "break-glass", .access, grant: "describe roles")
    estate.connect("break-glass", "admin", .access, grant: "break-glass policy")
    return estate
  }

  func testHolderThroughGroupMembership() {
    let graph = groupEstate().freeze()

    let holders = Holder.all(of: Target.admin.nodes(in: graph), in: graph)

    XCTAssertEqual(ids(holders.map(\.node), in: graph), ["ops-bot", "break-glass", "admins"])
    XCTAssertEqual(
      holders.map { $0.edges.map { graph.provenance(of: $0).grant } },
      [["membership", "admins policy"], ["break-glass policy"], ["admins policy"]])
    XCTAssertEqual(holders.map { ids($0.targets, in: graph) }, [["admin"], ["admin"], ["admin"]])
  }

  func testReadOnlyHolderOfAdminRoleIsNoHolder() {
    let graph = groupEstate().freeze()

    let plan = RevocationPlan(graph: graph, target: .admin)

    XCTAssertFalse(plan.holders.contains { graph.node($0.node).id == "auditor" })
    XCTAssertEqual(ids(plan.sources, in: graph), ["dev", "auditor"])
    XCTAssertEqual(ids(plan.exposedSources.map(\.source), in: graph), ["dev"])
    XCTAssertEqual(grants(plan), ["ops-bot trust"])
    XCTAssertEqual(plan.cost, 3)
  }

  func testIncludedGroupHolderLosesMembership() {
    let graph = groupEstate().freeze()

    let plan = RevocationPlan(graph: graph, target: .admin, keepsHolders: false)

    XCTAssertEqual(grants(plan), ["break-glass policy", "membership"])
    XCTAssertEqual(plan.cost, 5)
  }

  /// A host that keeps the password of a holder acts as it through edges no revocation
  /// removes, so it is privileged by construction rather than a source.
  func testHostKeepingHolderPasswordIsPrivileged() {
    var estate = groupEstate()
    estate.add("backup-host", .workload)
    estate.add("password", .credential)
    estate.connect("backup-host", "password", .contains, grant: "stored on the host")
    estate.connect("password", "ops-bot", .authenticatesAs, grant: "password of ops-bot")
    let graph = estate.freeze()

    let plan = RevocationPlan(graph: graph, target: .admin)

    XCTAssertEqual(ids(plan.privilegedSources, in: graph), ["backup-host"])
    XCTAssertEqual(grants(plan), ["ops-bot trust"])
  }
}

/// The revocation plan to admin on the Northwind Freight sample estate, with holders kept.
final class SampleEstateHolderTests: XCTestCase {
  func testPlanKeepsHoldersAndCutsPathsIntoThem() {
    let graph = SampleEstate.graph

    let plan = RevocationPlan(graph: graph, target: .admin)

    // Each grant is the only or the cheapest way into a holder:
    // - the EKS service account terraform-runner federates into eks-terraform-runner, and
    //   the GKE service account bq-exporter into the Google service account bq-exporter;
    // - the user ines.duarte assumes BreakGlassAdmin;
    // - the role deploy, itself a source, passes platform-admin to a CloudFormation stack
    //   and assumes it, two grants;
    // - the VM vm-ops-runner, itself a source, runs as id-ops-automation;
    // - the Entra user Tom Okafor is in Azure Platform Engineers, which may add federated
    //   credentials to id-ops-automation, and the membership (1) is the cheapest cut;
    // - the inventory person Tom Okafor assumes the IAM user tom.okafor, a holder.
    XCTAssertEqual(
      plan.grants.map { grant in
        let file = grant.provenance.file.split(separator: "/").last ?? ""
        return "\(file):\(grant.provenance.location)"
      },
      [
        "aws-111122223333.json:RoleDetailList[18].AssumeRolePolicyDocument.Statement[0]",
        "aws-111122223333.json:RoleDetailList[1].AssumeRolePolicyDocument.Statement[0]",
        "aws-111122223333.json:RoleDetailList[3].RolePolicyList[0].PolicyDocument.Statement[2]",
        "aws-111122223333.json:RoleDetailList[4].AssumeRolePolicyDocument.Statement[0]",
        "azure-resource-list.json:[2].identity.userAssignedIdentities./subscriptions/"
          + "c687d32e-d956-4d1d-82cc-1bfd2d73a73c/resourcegroups/rg-identity/providers/"
          + "Microsoft.ManagedIdentity/userAssignedIdentities/id-ops-automation",
        "entra-group-members.json:value[0].members[0]",
        "gcp-iam-policies.json:[0].policy.bindings[0]",
        "inventory.json:people[1].assumes",
      ])
    XCTAssertEqual(
      plan.grants.map { graph.node(graph.target(of: $0.cutEdges[0])).name },
      [
        "eks-terraform-runner", "BreakGlassAdmin", "platform-admin", "platform-admin",
        "id-ops-automation", "Azure Platform Engineers",
        "bq-exporter@northwind-analytics.iam.gserviceaccount.com", "tom.okafor",
      ])
    XCTAssertEqual(plan.grants.map(\.cost).sorted(), [1, 3, 3, 3, 3, 3, 3, 6])
    XCTAssertEqual(plan.cost, 25)
    XCTAssertEqual(plan.flowValue, 25)
    XCTAssertEqual(plan.exposedSources.count, 24)
    XCTAssertEqual(plan.sources.count, 99)
    XCTAssertEqual(plan.privilegedSources.map { graph.node($0).id }, ["backup01"])
    XCTAssertEqual(plan.targetsReachedAfter, [])
    XCTAssertEqual(plan.after.privileges, 0)
    XCTAssertEqual(
      Set(plan.holders.map { graph.node($0.node).id }),
      [
        "arn:aws:iam::111122223333:user/maria.lindqvist",
        "arn:aws:iam::111122223333:user/tom.okafor",
        "arn:aws:iam::111122223333:role/OrganizationAccountAccessRole",
        "arn:aws:iam::111122223333:role/BreakGlassAdmin",
        "arn:aws:iam::111122223333:role/platform-admin",
        "arn:aws:iam::111122223333:role/eks-terraform-runner",
        "arn:aws:iam::444455556666:user/maria.lindqvist",
        "arn:aws:iam::444455556666:user/jonas.weber",
        "5fcc4288-d76d-4505-982c-e3c9e0590f1c",
        "458df5d0-dfe6-494e-bc80-23158d17a50f",
        "k8s:northwind-prod-eks/group:system:masters",
        "serviceAccount:bq-exporter@northwind-analytics.iam.gserviceaccount.com",
        "maria", "domain-admins", "it-admins", "svc-backup",
        "user:maria.lindqvist@northwind.example",
      ])
  }

  func testIncludedHoldersRevokeAdminPolicies() {
    let graph = SampleEstate.graph

    let plan = RevocationPlan(graph: graph, target: .admin, keepsHolders: false)

    XCTAssertEqual(plan.cost, 334)
    XCTAssertEqual(plan.grants.count, 8)
    XCTAssertEqual(plan.grants.first?.provenance.grant.hasPrefix("managed policy AdministratorAccess"), true)
    XCTAssertEqual(plan.holders, [])
    XCTAssertEqual(plan.sources.count, 113)
  }
}
