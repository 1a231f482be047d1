import Foundation
import XCTest

/// Runs `blast paths --to admin --json` on the estates of `Fixtures/gcp-escalation`: user
/// mallory@acme.example with one technique's roles, and service account deployer, which is
/// Owner of project acme-app, in project acme-app of folder Engineering of organization
/// acme.example. Each technique has a positive estate and a negative one that Google would
/// refuse.
class GCPEscalationTestCase: BlastTestCase {
  static let root = fixtures.appendingPathComponent("gcp-escalation")

  let mallory = "user:mallory@acme.example"
  let deployer = "serviceAccount:deployer@acme-app.iam.gserviceaccount.com"
  let projectOwner = "gcp:owner/projects/acme-app"

  typealias Hop = PathHop

  /// The hop from deployer, through its `roles/owner` binding, to the owner of acme-app.
  var deployerToOwner: Hop {
    Hop(from: deployer, relation: "access", actions: ["*"], to: projectOwner, technique: nil)
  }

  /// Runs `blast paths` from mallory to admin on one estate and returns each path's hops,
  /// after checking that the run succeeded with nothing on standard error.
  func paths(_ technique: String, _ variant: String, line: UInt = #line) throws -> [[Hop]] {
    try adminPaths(
      in: Self.root.appendingPathComponent(technique).appendingPathComponent(variant),
      from: mallory, line: line)
  }

  /// Checks that mallory reaches the owner of acme-app by one `assumes` hop to deployer
  /// through `technique`, with `actions`, and only that way.
  func assertAssumesDeployer(
    _ folder: String, technique: String, actions: [String], line: UInt = #line
  ) throws {
    let first = Hop(
      from: mallory, relation: "assumes", actions: actions, to: deployer, technique: technique)
    XCTAssertEqual(
      try paths(folder, "positive", line: line), [[first, deployerToOwner]], line: line)
  }
}
