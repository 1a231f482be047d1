import Foundation
import XCTest

/// `blast paths` on the Entra ID estates of `Fixtures/azure-entra`: an application owner
/// reaches Global Administrator through a service principal that holds Privileged Role
/// Administrator, and no privilege when it holds Application Administrator instead.
final class EntraPathsTests: BlastTestCase {
  private static let root = fixtures.appendingPathComponent("azure-entra")
  private static let tenant = "7f3e0c9a-1b2d-4c5e-8f90-a1b2c3d4e5f6"
  private static let alice = "11111111-aaaa-4aaa-8aaa-000000000001"
  private static let automation = "55555555-eeee-4eee-8eee-000000000002"
  private static let privilegedRoleAdministrator = "entra:privileged-role-administrator/\(tenant)"
  private static let globalAdministrator = "entra:global-administrator/\(tenant)"

  /// Runs `blast paths --json` on one estate and returns its `paths`, after checking that
  /// the run succeeded with nothing on standard error.
  private func paths(_ estate: String, to target: String) throws -> [[String: Any]] {
    let folder = Self.root.appendingPathComponent(estate).path
    let result = try blast("paths", folder, "--from", "Alice Moreno", "--to", target, "--json")
    XCTAssertEqual(result.status, 0, "\(result)")
    XCTAssertEqual(result.standardError, "")
    let document = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    return try XCTUnwrap(document["paths"] as? [[String: Any]])
  }

  /// Returns each hop as `from -relation-> to`, with the technique in brackets.
  private func hops(_ path: [String: Any]) throws -> [String] {
    let hops = try XCTUnwrap(path["hops"] as? [[String: Any]])
    return try hops.map { hop in
      let via = try XCTUnwrap(hop["via"] as? [String: Any])
      let from = try XCTUnwrap(hop["from"] as? String)
      let to = try XCTUnwrap(hop["to"] as? String)
      let relation = try XCTUnwrap(hop["relation"] as? String)
      let technique = (via["technique"] as? String).map { " [\($0)]" } ?? ""
      return "\(from) -\(relation)-> \(to)\(technique)"
    }
  }

  func testOwnerReachesGlobalAdministrator() throws {
    let found = try paths("positive", to: Self.globalAdministrator)
    XCTAssertEqual(found.count, 1)
    let path = try XCTUnwrap(found.first)
    XCTAssertEqual(path["source"] as? String, Self.alice)
    XCTAssertEqual(path["target"] as? String, Self.globalAdministrator)
    XCTAssertEqual(path["conditional"] as? Bool, false)
    XCTAssertEqual(
      try hops(path),
      [
        "\(Self.alice) -assumes-> \(Self.automation) [Add a secret to an owned application]",
        "\(Self.automation) -access-> \(Self.privilegedRoleAdministrator)",
        "\(Self.privilegedRoleAdministrator) -escalates-> \(Self.globalAdministrator) "
          + "[Assign Global Administrator as Privileged Role Administrator]",
      ])
  }

  func testOwnerReachesBothPrivileges() throws {
    let targets = try paths("positive", to: "admin").map { $0["target"] as? String }
    XCTAssertEqual(targets, [Self.privilegedRoleAdministrator, Self.globalAdministrator])
  }

  func testApplicationAdministratorReachesNoPrivilege() throws {
    XCTAssertEqual(try paths("negative-application-administrator", to: "admin").count, 0)
  }
}
