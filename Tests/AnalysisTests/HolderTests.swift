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
    XCTAssertEqual(ids(plan.sourcesBoundToHolders.map(\.holder), in: graph), ["ops-bot"])
    XCTAssertEqual(
      plan.sourcesBoundToHolders.first?.edges.map { graph.provenance(of: $0).grant },
      ["stored on the host", "password of ops-bot"])
  }

  /// The same host given as the source: the plan revokes the membership that makes its
  /// holder one, and names the holder it acts as.
  func testGivenHostKeepingPasswordNamesHolder() {
    var estate = groupEstate()
    estate.add("backup-host", .workload)
    estate.add("password", .credential)
    estate.connect("backup-host", "password", .contains, grant: "stored on the host")
    estate.connect("password", "ops-bot", .authenticatesAs, grant: "password of ops-bot")
    let graph = estate.freeze()

    let plan = RevocationPlan(graph: graph, target: .admin, sources: [estate.ids["backup-host"]!])

    XCTAssertEqual(grants(plan), ["membership"])
    XCTAssertEqual(plan.holdingSources, [])
    XCTAssertEqual(ids(plan.sourcesActingAsHolders.map(\.source), in: graph), ["backup-host"])
    XCTAssertEqual(ids(plan.sourcesActingAsHolders.map(\.holder), in: graph), ["ops-bot"])
  }

  /// A group of given sources leaves out its privileged member and cuts the others. With
  /// memberships and access unrevocable, ops-bot reaches admin through fixed edges.
  func testGivenGroupLeavesOutPrivilegedMember() {
    let estate = groupEstate()
    let graph = estate.freeze()

    let plan = RevocationPlan(
      graph: graph, target: .admin, sources: [estate.ids["dev"]!, estate.ids["ops-bot"]!],
      costs: RevocationCosts(baseCosts: [.memberOf: nil, .access: nil]))

    XCTAssertNil(plan.unrevocablePath)
    XCTAssertEqual(ids(plan.privilegedSources, in: graph), ["ops-bot"])
    XCTAssertEqual(ids(plan.sources, in: graph), ["dev"])
    XCTAssertEqual(grants(plan), ["ops-bot trust"])
  }

  /// A pod runs as a service account that federates to a role with an admin policy; the
  /// role's account scope contains a bucket. The pod holds admin and the bucket.
  private func podEstate(isFederationConditional: Bool = false) -> AccessGraph {
    var builder = EstateBuilder()
    var ids: [String: NodeID] = [:]
    for (id, kind) in [
      ("pod", NodeKind.workload), ("sa", .serviceIdentity), ("role", .serviceIdentity),
      ("admin", .privilege), ("account", .scope), ("s3", .scope), ("bucket", .resource),
    ] {
      ids[id] = builder.define(
        Node(id: id, kind: kind, platform: .aws, account: "1", isCrownJewel: id == "bucket"))
    }
    let edges: [(String, String, Relation, Bool)] = [
      ("pod", "sa", .runsAs, false), ("sa", "role", .federates, isFederationConditional),
      ("role", "admin", .access, false), ("role", "s3", .access, false),
      ("account", "s3", .contains, false), ("s3", "bucket", .contains, false),
    ]
    for (source, target, relation, isConditional) in edges {
      let grant = "\(source) \(relation.rawValue) \(target)"
      builder.connect(
        ids[source]!, ids[target]!, relation,
        provenance: Provenance(file: "f.json", location: grant, grant: grant),
        isConditional: isConditional)
    }
    return builder.freeze()
  }

  func testPodHoldsThroughBindingsAndScopes() {
    let graph = podEstate()

    let holders = Holder.all(of: Target.crownJewels.nodes(in: graph), in: graph)

    XCTAssertEqual(ids(holders.map(\.node), in: graph), ["pod", "sa", "role"])
    XCTAssertEqual(
      holders[0].edges.map { graph.provenance(of: $0).grant },
      ["pod runsAs sa", "sa federates role", "role access s3", "s3 contains bucket"])
    XCTAssertEqual(holders.map { ids($0.targets, in: graph) }, [["bucket"], ["bucket"], ["bucket"]])
  }

  func testConditionalBindingMakesNoHolder() {
    let graph = podEstate(isFederationConditional: true)

    let holders = Holder.all(of: Target.admin.nodes(in: graph), in: graph)

    XCTAssertEqual(ids(holders.map(\.node), in: graph), ["role"])
  }
}

/// The revocation plan to admin on the Northwind Freight sample estate, with holders kept.
final class SampleEstateHolderTests: XCTestCase {
  func testPlanKeepsHoldersAndCutsPathsIntoThem() {
    let graph = SampleEstate.graph

    let plan = RevocationPlan(graph: graph, target: .admin)

    // Each grant is the only or the cheapest way into a holder:
    // - the user ines.duarte assumes BreakGlassAdmin;
    // - the role deploy, itself a source, passes platform-admin to a CloudFormation stack
    //   and assumes it, two grants;
    // - the managed identity fleet-telemetry-export may run commands on the VM
    //   vm-ops-runner, a holder because it runs as id-ops-automation;
    // - the Entra user Tom Okafor is in Azure Platform Engineers, which may add federated
    //   credentials to id-ops-automation, and the membership (1) is the cheapest cut;
    // - the inventory person Tom Okafor assumes the IAM user tom.okafor, a holder;
    // - the pods bq-exporter (GKE) and terraform-runner (EKS) are holders, because each
    //   runs as a Kubernetes service account that federates to an owner or admin identity.
    //   sam.oduya and priya.natarajan may exec into the pods of those namespaces, and the
    //   kubelet of each pod's node controls it.
    XCTAssertEqual(
      plan.grants.map { grant in
        let file = grant.provenance.file.split(separator: "/").last ?? ""
        return "\(file):\(grant.provenance.location)"
      },
      [
        "aws-111122223333.json:RoleDetailList[1].AssumeRolePolicyDocument.Statement[0]",
        "aws-111122223333.json:RoleDetailList[3].RolePolicyList[0].PolicyDocument.Statement[2]",
        "aws-111122223333.json:RoleDetailList[4].AssumeRolePolicyDocument.Statement[0]",
        "azure-role-assignments.json:[3]",
        "entra-group-members.json:value[0].members[0]",
        "inventory.json:people[1].assumes",
        "northwind-analytics-gke.json:items[4]",
        "northwind-analytics-gke.json:items[5].spec.nodeName",
        "northwind-prod-eks.json:items[10].spec.nodeName",
        "northwind-prod-eks.json:items[7]",
      ])
    XCTAssertEqual(
      plan.grants.map { graph.node(graph.target(of: $0.cutEdges[0])).name },
      [
        "BreakGlassAdmin", "platform-admin", "platform-admin", "vm-ops-runner",
        "Azure Platform Engineers", "tom.okafor",
        "pods in namespace reporting of northwind-analytics-gke",
        "pod reporting/bq-exporter-7c9d5f8b6-p4vnt",
        "pod platform-tools/terraform-runner-6d8f7c9b54-k2x7q",
        "pods in namespace platform-tools of northwind-prod-eks",
      ])
    XCTAssertEqual(plan.grants.map(\.cost).sorted(), [1, 3, 3, 3, 3, 4, 4, 4, 4, 4])
    XCTAssertEqual(plan.cost, 33)
    XCTAssertEqual(plan.flowValue, 33)
    XCTAssertEqual(plan.exposedSources.count, 19)
    XCTAssertEqual(plan.sources.count, 95)
    XCTAssertEqual(plan.privilegedSources, [])
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
        "/subscriptions/c687d32e-d956-4d1d-82cc-1bfd2d73a73c/resourcegroups/rg-ops/providers/"
          + "microsoft.compute/virtualmachines/vm-ops-runner",
        "k8s:northwind-prod-eks/group:system:masters",
        "k8s:northwind-prod-eks/system:serviceaccount:platform-tools:terraform-runner",
        "k8s:northwind-prod-eks/pods/platform-tools/terraform-runner-6d8f7c9b54-k2x7q",
        "k8s:northwind-analytics-gke/system:serviceaccount:reporting:bq-exporter",
        "k8s:northwind-analytics-gke/pods/reporting/bq-exporter-7c9d5f8b6-p4vnt",
        "serviceAccount:bq-exporter@northwind-analytics.iam.gserviceaccount.com",
        "maria", "domain-admins", "it-admins", "svc-backup", "backup01",
        "user:maria.lindqvist@northwind.example",
      ])
  }

  /// The Terraform runner pod holds AWS admin through its service account's IRSA role.
  func testRunnerPodHoldsAdminThroughFederation() throws {
    let graph = SampleEstate.graph
    let pod = try XCTUnwrap(
      graph.nodeID(
        for: "k8s:northwind-prod-eks/pods/platform-tools/terraform-runner-6d8f7c9b54-k2x7q"))

    let holder = try XCTUnwrap(
      Holder.all(of: Target.admin.nodes(in: graph), in: graph).first { $0.node == pod })

    XCTAssertEqual(holder.edges.map { graph.relation(of: $0) }, [.runsAs, .federates, .access])
    XCTAssertEqual(holder.targets.map { graph.node($0).id }, ["aws:admin/111122223333"])
  }

  /// Account admins hold the crown jewels of their account through its service scopes, so
  /// a plan to crown jewels keeps their admin policies.
  func testCrownJewelPlanKeepsAdminPolicies() {
    let graph = SampleEstate.graph

    let plan = RevocationPlan(graph: graph, target: .crownJewels)

    XCTAssertFalse(plan.grants.contains { $0.provenance.grant.contains("AdministratorAccess") })
    XCTAssertTrue(
      plan.holders.contains { graph.node($0.node).id == "arn:aws:iam::111122223333:role/platform-admin" })
    XCTAssertEqual(plan.cost, 75)
    XCTAssertEqual(plan.flowValue, 75)
    XCTAssertEqual(plan.grants.count, 27)
    XCTAssertEqual(plan.targetsReachedAfter, [])
  }

  func testIncludedHoldersRevokeAdminPolicies() {
    let graph = SampleEstate.graph

    let plan = RevocationPlan(graph: graph, target: .admin, keepsHolders: false)

    // AdministratorAccess is detached from each role and group that has it, one grant per
    // attachment, next to the owner binding of the Google user maria.lindqvist, whom no
    // input defines but who counts as a source.
    XCTAssertEqual(plan.cost, 342)
    XCTAssertEqual(plan.flowValue, 342)
    XCTAssertEqual(plan.grants.count, 12)
    let detached = plan.grants.filter { $0.provenance.grant.contains("AdministratorAccess") }
    XCTAssertEqual(
      Set(
        detached.map {
          $0.provenance.file.split(separator: "/").last! + ":" + $0.provenance.location
        }),
      [
        "aws-111122223333.json:RoleDetailList[0].AttachedManagedPolicies[0]",
        "aws-111122223333.json:RoleDetailList[1].AttachedManagedPolicies[0]",
        "aws-111122223333.json:RoleDetailList[4].AttachedManagedPolicies[0]",
        "aws-111122223333.json:RoleDetailList[18].AttachedManagedPolicies[0]",
        "aws-111122223333.json:GroupDetailList[0].AttachedManagedPolicies[0]",
        "aws-444455556666.json:GroupDetailList[0].AttachedManagedPolicies[0]",
      ])
    XCTAssertEqual(
      Set(detached.map(\.provenance.grant)),
      Set(
        [
          "role OrganizationAccountAccessRole", "role BreakGlassAdmin", "role platform-admin",
          "role eks-terraform-runner", "group Admins", "group OrgAdmins",
        ].map {
          "managed policy AdministratorAccess (arn:aws:iam::aws:policy/AdministratorAccess, v1), "
            + "statement 0, attached to \($0)"
        }))
    XCTAssertEqual(detached.map(\.cost), [96, 48, 48, 48, 48, 24])
    XCTAssertEqual(plan.holders, [])
    XCTAssertEqual(plan.sources.count, 115)
  }

  func testServiceLinkedRoleIsNeverCut() throws {
    let graph = SampleEstate.graph
    let support = try XCTUnwrap(
      graph.nodeID(
        for: "arn:aws:iam::111122223333:role/aws-service-role/support.amazonaws.com/"
          + "AWSServiceRoleForSupport"))

    let plan = RevocationPlan(graph: graph, target: .crownJewels, keepsHolders: false)

    XCTAssertEqual(plan.privilegedSources, [support])
    XCTAssertFalse(plan.removedEdges.contains { graph.source(of: $0) == support })
    XCTAssertEqual(plan.cost, 1_297)
    XCTAssertEqual(plan.flowValue, 1_297)
    XCTAssertEqual(plan.grants.count, 32)
    XCTAssertEqual(plan.targetsReachedAfter, [])
  }

  func testIncludedHoldersDetachOneRolesPolicy() throws {
    let graph = SampleEstate.graph
    let platformAdmin = try XCTUnwrap(
      graph.nodeID(for: "arn:aws:iam::111122223333:role/platform-admin"))
    let breakGlass = try XCTUnwrap(
      graph.nodeID(for: "arn:aws:iam::111122223333:role/BreakGlassAdmin"))

    let plan = RevocationPlan(graph: graph, target: .admin, keepsHolders: false)

    let grant = try XCTUnwrap(
      plan.grants.first {
        $0.provenance.location == "RoleDetailList[4].AttachedManagedPolicies[0]"
      })
    XCTAssertEqual(grant.cost, 48)
    XCTAssertEqual(grant.edgeCount, 12)
    XCTAssertEqual(grant.cutEdges.map { graph.source(of: $0) }, [platformAdmin])
    let breakGlassGrant = try XCTUnwrap(
      plan.grants.first {
        $0.provenance.location == "RoleDetailList[1].AttachedManagedPolicies[0]"
      })
    XCTAssertEqual(breakGlassGrant.cutEdges.map { graph.source(of: $0) }, [breakGlass])
  }
}
