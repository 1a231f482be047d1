import AccessGraph
import XCTest

@testable import Importers

/// IRSA and EKS Pod Identity on `Fixtures/federation/eks`: cluster `prod` from kubectl, its
/// `aws eks describe-cluster` output, Pod Identity associations, and the roles of account
/// 111122223333.
final class WorkloadIdentityFederationAWSTests: XCTestCase {
  private static let folder = AWSFixtures.testsFolder.appendingPathComponent(
    "Fixtures/federation/eks")
  private static let provider =
    "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/"
    + "0A1B2C3D4E5F60718293A4B5C6D7E8F9"

  private func run() throws -> AWSImportRun {
    try AzureFixtures.run(paths: [Self.folder.path])
  }

  private func file(_ name: String) -> String {
    Self.folder.appendingPathComponent(name).path
  }

  func testFederatesEdgesFromServiceAccounts() throws {
    let facts = try run().facts.filter {
      $0.relation == .federates && $0.source.hasPrefix("k8s:")
    }
    XCTAssertEqual(
      facts,
      Set([
        EdgeFact(
          "k8s:prod/system:serviceaccount:shop:app", "arn:aws:iam::111122223333:role/shop-app",
          .federates, ["sts:AssumeRoleWithWebIdentity"]),
        EdgeFact(
          "k8s:prod/system:serviceaccount:batch:worker",
          "arn:aws:iam::111122223333:role/batch-any", .federates,
          ["sts:AssumeRoleWithWebIdentity"], conditional: true),
        EdgeFact(
          "k8s:prod/system:serviceaccount:shop:cache",
          "arn:aws:iam::111122223333:role/shop-cache", .federates,
          ["sts:AssumeRole", "sts:TagSession"]),
      ]))
  }

  func testAnnotatedEdgeProvenanceNamesBoth() throws {
    let provenance = try run().provenance(
      of: EdgeFact(
        "k8s:prod/system:serviceaccount:shop:app", "arn:aws:iam::111122223333:role/shop-app",
        .federates, ["sts:AssumeRoleWithWebIdentity"]))
    XCTAssertEqual(provenance?.file, file("iam-111122223333.json"))
    XCTAssertEqual(provenance?.location, "RoleDetailList[0].AssumeRolePolicyDocument.Statement[0]")
    XCTAssertEqual(
      provenance?.grant,
      "service account shop/app of cluster prod is annotated "
        + "eks.amazonaws.com/role-arn=arn:aws:iam::111122223333:role/shop-app ("
        + file("prod.json") + ":items[0].metadata.annotations), and the trust policy of role "
        + "shop-app, statement 0, allows sts:AssumeRoleWithWebIdentity from the OIDC provider "
        + Self.provider + " for system:serviceaccount:shop:app")
  }

  /// batch-denied trusts every account of namespace batch, but its Deny names the worker.
  func testTrustDenyRemovesEdge() throws {
    let facts = try run().facts(into: "arn:aws:iam::111122223333:role/batch-denied")
    XCTAssertFalse(facts.contains { $0.source.hasPrefix("k8s:") })
  }

  func testAnnotationWithoutTrustWarns() throws {
    let warnings = try run().warnings.map(\.description)
    let issuer = "oidc.eks.eu-west-1.amazonaws.com/id/0A1B2C3D4E5F60718293A4B5C6D7E8F9"
    XCTAssertEqual(
      warnings,
      [
        file("prod.json") + ":items[2].metadata.annotations: service account shop/legacy of "
          + "cluster prod is annotated "
          + "eks.amazonaws.com/role-arn=arn:aws:iam::999988887777:role/legacy, but no export "
          + "in the run lists role arn:aws:iam::999988887777:role/legacy, so its trust policy "
          + "is not checked and no edge is made; export the role's account with `aws iam "
          + "get-account-authorization-details`",
        file("prod.json") + ":items[1].metadata.annotations: service account shop/web of "
          + "cluster prod is annotated "
          + "eks.amazonaws.com/role-arn=arn:aws:iam::111122223333:role/shop-app, but the trust "
          + "policy of role shop-app does not allow sts:AssumeRoleWithWebIdentity from the "
          + "OIDC provider \(Self.provider) for system:serviceaccount:shop:web, so no edge is "
          + "made; add a trust statement for that provider whose `\(issuer):sub` condition "
          + "matches system:serviceaccount:shop:web",
        file("pod-identity-associations.json") + ":associations[1]: EKS Pod Identity "
          + "association a-9qw3rt0ulz2mx7ab1 of cluster prod for service account batch/reports "
          + "names no role, as `list-pod-identity-associations` prints it, so it gives no "
          + "edge; add the output of `aws eks describe-pod-identity-association "
          + "--cluster-name prod --association-id a-9qw3rt0ulz2mx7ab1`",
      ])
  }

  func testAnnotationWithoutDescriptionWarns() throws {
    let kubectl = try String(contentsOf: Self.folder.appendingPathComponent("prod.json"), encoding: .utf8)
    let folder = try writeTemporaryFolder(["prod.json": kubectl])
    let run = try AzureFixtures.run(paths: [folder])
    XCTAssertFalse(run.facts.contains { $0.relation == .federates })
    XCTAssertEqual(run.warnings.count, 3)
    XCTAssertEqual(
      run.warnings.first?.message,
      "service account shop/app of cluster prod is annotated "
        + "eks.amazonaws.com/role-arn=arn:aws:iam::111122223333:role/shop-app, but no `aws eks "
        + "describe-cluster` output in the run describes cluster prod, so the role's trust is "
        + "not checked and no edge is made; add the output of `aws eks describe-cluster "
        + "--name prod --output json`")
  }

  func testPodIdentityWithoutServiceTrustWarns() throws {
    let association = try String(
      contentsOf: Self.folder.appendingPathComponent("pod-identity-association.json"),
      encoding: .utf8
    ).replacingOccurrences(of: "role/shop-cache", with: "role/shop-app")
    let folder = try writeTemporaryFolder([
      "association.json": association,
      "iam.json": try String(
        contentsOf: Self.folder.appendingPathComponent("iam-111122223333.json"), encoding: .utf8),
    ])
    let run = try AzureFixtures.run(paths: [folder])
    XCTAssertFalse(run.facts.contains { $0.source.hasPrefix("k8s:") })
    XCTAssertEqual(
      run.warnings.map(\.message),
      [
        "EKS Pod Identity association a-4x2kd8hq0vbyzm1pe of cluster prod for service account "
          + "shop/cache names role arn:aws:iam::111122223333:role/shop-app, whose trust policy "
          + "does not let pods.eks.amazonaws.com call sts:AssumeRole and sts:TagSession, so "
          + "EKS cannot give the pods its credentials and no edge is made"
      ])
  }
}
