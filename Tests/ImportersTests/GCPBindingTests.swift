import AccessGraph
import Foundation
import XCTest

@testable import Importers

/// Policy bindings: one `access` edge per member and binding, privileges, member kinds,
/// conditions, unknown roles and the placement of bare policies.
final class GCPBindingTests: XCTestCase {
  private typealias Fixtures = GCPFixtures

  private let ana = "user:ana@acme.example"
  private let viewerActions = [
    "compute.instances.get", "compute.instances.list", "iam.roles.get", "iam.roles.list",
    "iam.serviceAccounts.get", "iam.serviceAccounts.list", "resourcemanager.projects.get",
    "resourcemanager.projects.getIamPolicy", "storage.buckets.list",
  ]

  func testOwnerBindingReachesOwnerPrivilege() throws {
    let run = try Fixtures.run(folder: "bindings")
    XCTAssertEqual(
      run.facts(from: ana),
      [
        EdgeFact(ana, Fixtures.app, .access, ["*"]),
        EdgeFact(ana, "gcp:owner/projects/acme-app", .access, ["*"]),
      ])
    let provenance = run.provenance(of: EdgeFact(ana, Fixtures.app, .access, ["*"]))
    XCTAssertEqual(
      provenance?.grant,
      "binding 0 of the IAM policy of project acme-app: roles/owner for user:ana@acme.example")
    XCTAssertEqual(provenance?.location, "[0].policy.bindings[0]")
  }

  func testConditionalBindingIsMarked() throws {
    let run = try Fixtures.run(folder: "bindings")
    let domain = "domain:acme.example"
    XCTAssertEqual(
      run.facts(from: domain),
      [EdgeFact(domain, Fixtures.app, .access, viewerActions, conditional: true)])
    XCTAssertEqual(try Fixtures.node(domain, in: run).kind, .group)
  }

  func testOrganizationAdminReachesItsPrivilege() throws {
    let run = try Fixtures.run(folder: "bindings")
    let root = "user:root@acme.example"
    let actions = try XCTUnwrap(
      GCPRoleCatalog.permissions(of: "roles/resourcemanager.organizationAdmin")?.sorted())
    XCTAssertEqual(
      run.facts(from: root).filter { $0.relation == .access },
      Set([
        EdgeFact(root, Fixtures.organization, .access, actions),
        EdgeFact(
          root, "gcp:organization-admin/organizations/100000000001", .access, actions),
      ]))
  }

  func testPublicMemberIsShownAsPublic() throws {
    let run = try Fixtures.run(folder: "bindings")
    let bucket = "//storage.googleapis.com/acme-public-assets"
    XCTAssertEqual(
      run.facts(from: "allUsers"),
      [EdgeFact("allUsers", bucket, .access, ["storage.objects.get", "storage.objects.list"])])
    let everyone = try Fixtures.node("allUsers", in: run)
    XCTAssertEqual(everyone.name, "public: anyone on the internet (allUsers)")
    XCTAssertEqual(everyone.tags, ["publicExposure": "true"])
    XCTAssertTrue(everyone.isDefined)
    XCTAssertEqual(run.facts(into: bucket).count, 2)
    XCTAssertTrue(run.facts(into: bucket).contains(EdgeFact(Fixtures.app, bucket, .contains)))
    XCTAssertEqual(try Fixtures.node(bucket, in: run).type, "storage.googleapis.com/Bucket")
  }

  func testFederatedMembersBecomeStubs() throws {
    let run = try Fixtures.run(folder: "bindings")
    let builder = try Fixtures.node("serviceAccount:acme-app.svc.id.goog[ci/builder]", in: run)
    XCTAssertEqual(builder.platform, .kubernetes)
    XCTAssertEqual(builder.type, "kubernetes-service-account")
    XCTAssertEqual(
      builder.tags,
      ["namespace": "ci", "name": "builder", "workloadIdentityPool": "acme-app.svc.id.goog"])
    XCTAssertFalse(builder.isDefined)
    let pool = try Fixtures.node(
      "principalSet://iam.googleapis.com/projects/400000000001/locations/global/"
        + "workloadIdentityPools/github/attribute.repository/acme/app", in: run)
    XCTAssertEqual(pool.kind, .group)
    XCTAssertEqual(pool.type, "gcp-workload-identity-principal-set")
  }

  func testUnknownRoleKeepsEdgeAndWarns() throws {
    let run = try Fixtures.run(folder: "bindings")
    let member = "serviceAccount:acme-app.svc.id.goog[ci/builder]"
    XCTAssertEqual(
      run.facts(from: member), [EdgeFact(member, Fixtures.app, .access, ["roles/run.viewer"])])
    XCTAssertEqual(run.warnings.map(\.location), ["[0].policy.bindings[2]"])
    XCTAssertEqual(
      run.warnings.first?.message,
      "role roles/run.viewer (1 binding(s)) is not in the table of predefined roles and no "
        + "input describes it, so its edges list the role name and give no escalation; add "
        + "the output of `gcloud iam roles describe roles/run.viewer --format=json`")
  }

  func testDescribedCustomRoleGivesItsPermissions() throws {
    let folder = try writeTemporaryFolder([
      "policy.json": """
        [{"policy": {"bindings": [{"members": ["user:ana@acme.example"],
          "role": "projects/acme-app/roles/bucketReader"}]},
          "resource": "//cloudresourcemanager.googleapis.com/projects/acme-app"}]
        """,
      "role.json": """
        {"description": "", "etag": "BwYZh3AG4OA=",
         "includedPermissions": ["storage.objects.list", "storage.objects.get"],
         "name": "projects/acme-app/roles/bucketReader", "stage": "GA", "title": "Bucket reader"}
        """,
    ])
    let run = try Fixtures.run(paths: [folder])
    XCTAssertEqual(
      run.facts(from: ana),
      [EdgeFact(ana, Fixtures.app, .access, ["storage.objects.get", "storage.objects.list"])])
    XCTAssertEqual(run.warnings, [])
  }

  func testBarePolicyWithoutAccountIsUnplaced() throws {
    let folder = try writeTemporaryFolder([
      "policy.json": """
        {"bindings": [{"members": ["user:ana@acme.example"], "role": "roles/viewer"}],
         "etag": "BwYZh3AG4OA=", "version": 1}
        """
    ])
    let run = try Fixtures.run(paths: [folder])
    XCTAssertEqual(
      run.facts(from: ana), [EdgeFact(ana, "gcp:unplaced/policy.json", .access, viewerActions)])
    XCTAssertEqual(
      run.warnings.map(\.message),
      [
        "the IAM policy does not name its resource and no service account member names a "
          + "project, so its bindings go to the scope gcp:unplaced/policy.json; give the "
          + "output of `gcloud asset search-all-iam-policies`, whose results name each "
          + "policy's resource, to place it exactly"
      ])
  }

  func testRealProjectPolicyIsPlacedByItsAccounts() throws {
    let file = Fixtures.realInputs.appendingPathComponent(
      "GoogleCloudPlatform__gcpdiag__gce3_iam-policy.json")
    let run = try Fixtures.run(paths: [file.path])
    let project = "gcp:projects/gcpdiag-gce3-aaaa"
    let owner = "gcp:owner/projects/gcpdiag-gce3-aaaa"
    let user = "user:testuser@example.com"
    XCTAssertEqual(
      run.facts(into: owner),
      [
        EdgeFact(user, owner, .access, ["*"]),
        EdgeFact(
          "serviceAccount:12345001-compute@developer.gserviceaccount.com", owner, .access,
          ["*"]),
      ])
    let access = run.facts.filter { $0.relation == .access && $0.target == project }
    XCTAssertEqual(access.count, 70, "one edge per member and role, repeats merged")
    XCTAssertEqual(Set(access.map(\.source)).count, 46)
    XCTAssertEqual(access.filter { $0.source == user }.count, 15)
    XCTAssertTrue(
      access.contains(
        EdgeFact(
          user, project, .access,
          GCPRoleCatalog.permissions(of: "roles/iam.serviceAccountTokenCreator")!.sorted())))
    XCTAssertTrue(
      access.contains(
        EdgeFact(
          "serviceAccount:service-12345001@gcp-sa-aiplatform.iam.gserviceaccount.com", project,
          .access, ["roles/aiplatform.serviceAgent"])))
    let agent = try Fixtures.node(
      "serviceAccount:service-12345001@gcp-sa-aiplatform.iam.gserviceaccount.com", in: run)
    XCTAssertEqual(agent.type, "gcp-service-agent")
    XCTAssertEqual(run.warnings.first?.location, "")
    XCTAssertEqual(
      run.warnings.first?.message,
      "the IAM policy does not name its resource, so its scope was inferred: project "
        + "gcpdiag-gce3-aaaa, which 2 service account member(s) of its bindings name; give "
        + "the output of `gcloud asset search-all-iam-policies`, whose results name each "
        + "policy's resource, to place it exactly")
  }

  func testDeletedMemberGetsNoEdgeOrNode() throws {
    let folder = try writeTemporaryFolder([
      "policies.json": """
      [{"resource": "//cloudresourcemanager.googleapis.com/projects/acme-app",
        "project": "projects/123456789012",
        "policy": {"bindings": [{"role": "roles/owner",
          "members": ["deleted:user:old@acme.example?uid=123", "user:Ana@Acme.example"]}]}}]
      """
    ])
    let run = try Fixtures.run(paths: [folder])
    XCTAssertNil(run.graph.nodeID(for: "deleted:user:old@acme.example?uid=123"))
    XCTAssertEqual(run.warnings, [])
    XCTAssertEqual(
      run.facts(from: ana),
      [
        EdgeFact(ana, Fixtures.app, .access, ["*"]),
        EdgeFact(ana, "gcp:owner/projects/acme-app", .access, ["*"]),
      ])
  }
}
