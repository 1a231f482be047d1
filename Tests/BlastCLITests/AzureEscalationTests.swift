import Foundation
import XCTest

/// `blast paths --to admin --json` on the estates of `Fixtures/azure-vm-escalation`: a user
/// who runs code on a VM whose user-assigned identity is Owner of the subscription.
final class AzureEscalationTests: BlastTestCase {
  private static let root = fixtures.appendingPathComponent("azure-vm-escalation")

  private let alice = "a11ce000-0000-4000-8000-000000000001"
  private let vm =
    "/subscriptions/2c7e9a1b-5d3f-4e8a-9b6c-0f1d2e3a4b5c/resourcegroups/rg-app/providers/"
    + "microsoft.compute/virtualmachines/vm-build-01"
  private let identity = "d3e10000-0000-4000-8000-00000000000d"
  private let owner = "azure:owner/subscriptions/2c7e9a1b-5d3f-4e8a-9b6c-0f1d2e3a4b5c"

  /// One hop as `blast paths --json` prints it, without the file of its provenance.
  private struct Hop: Equatable, CustomStringConvertible {
    let from: String
    let to: String
    let relation: String
    let actions: [String]
    let grant: String
    let technique: String?

    var description: String {
      "\(from) -\(relation)\(actions)-> \(to) via \(grant)" + (technique.map { " (\($0))" } ?? "")
    }
  }

  /// Runs `blast paths` from alice to admin on one estate and returns each path's hops,
  /// after checking that the run succeeded with nothing on standard error.
  private func paths(_ variant: String, line: UInt = #line) throws -> [[Hop]] {
    let result = try blast(
      "paths", Self.root.appendingPathComponent(variant).path, "--from",
      "alice@contoso.example", "--to", "admin", "--json")
    XCTAssertEqual(result.status, 0, "\(variant): \(result)", line: line)
    XCTAssertEqual(result.standardError, "", "\(variant) standard error", line: line)
    let document = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    let paths = try XCTUnwrap(document["paths"] as? [[String: Any]])
    return try paths.map { path in
      try XCTUnwrap(path["hops"] as? [[String: Any]]).map { hop in
        let via = try XCTUnwrap(hop["via"] as? [String: Any])
        return Hop(
          from: try XCTUnwrap(hop["from"] as? String), to: try XCTUnwrap(hop["to"] as? String),
          relation: try XCTUnwrap(hop["relation"] as? String),
          actions: try XCTUnwrap(hop["actions"] as? [String]),
          grant: try XCTUnwrap(via["grant"] as? String), technique: via["technique"] as? String)
      }
    }
  }

  func testVMContributorReachesSubscriptionOwner() throws {
    let expected = [
      Hop(
        from: alice, to: vm, relation: "controls",
        actions: ["Microsoft.Compute/virtualMachines/runCommand/action"],
        grant: "role assignment 0a000000-0000-4000-8000-000000000001: Virtual Machine "
          + "Contributor for alice@contoso.example at resource group rg-app",
        technique: "Run a command on a VM"),
      Hop(
        from: vm, to: identity, relation: "runsAs", actions: [],
        grant: "azure-vm vm-build-01 runs as user-assigned identity id-deploy", technique: nil),
      Hop(
        from: identity, to: owner, relation: "access", actions: ["*"],
        grant: "role assignment 0a000000-0000-4000-8000-000000000002: Owner for id-deploy at "
          + "subscription 2c7e9a1b-5d3f-4e8a-9b6c-0f1d2e3a4b5c",
        technique: nil),
    ]
    XCTAssertEqual(try paths("positive"), [expected])
  }

  func testNotActionsWithoutCodeExecutionLeaveNoPath() throws {
    XCTAssertEqual(try paths("negative-not-actions"), [])
  }
}
