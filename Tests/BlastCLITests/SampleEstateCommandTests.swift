import Foundation
import XCTest

/// `blast` on the repository's sample estate, `graphs/sample-estate`.
final class SampleEstateCommandTests: BlastTestCase {
  private static let sampleEstate = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("graphs/sample-estate").path

  func testWhoCanMarksHoldersOfServiceAccount() throws {
    let account = "serviceAccount:bq-exporter@northwind-analytics.iam.gserviceaccount.com"
    let result = try blast("who-can", account, Self.sampleEstate, "--json")
    XCTAssertEqual(result.status, 0)
    let document = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    let results = try XCTUnwrap(document["results"] as? [[String: Any]])
    let reachers = try XCTUnwrap(results.first?["reachers"] as? [[String: Any]])
    let holders = reachers.filter { $0["actsAs"] as? Bool == false }.compactMap {
      $0["node"] as? String
    }
    // The Workload Identity member's binding is a grant on the account, not a way to act as
    // it (the Kubernetes service account federates instead), and the two Google groups
    // have read-only roles on the project that contains it.
    XCTAssertEqual(
      holders.sorted(),
      [
        "group:data-analysts@northwind.example", "group:data-platform@northwind.example",
        "serviceAccount:northwind-analytics.svc.id.goog[reporting/bq-exporter]",
      ])

    let text = try blast("who-can", account, Self.sampleEstate)
    XCTAssertTrue(
      text.standardOutput.contains(
        "5 of those identities can act as it; the others only hold it, which grants none of "
          + "its rights."), text.standardOutput)
    XCTAssertTrue(text.standardOutput.contains("holds it only"))
  }

  func testLimitListsLongerPathsToSameTarget() throws {
    let result = try blast(
      "paths", Self.sampleEstate, "--from", "svc-jenkins", "--to", "aws:admin/111122223333",
      "-k", "4", "--json")
    XCTAssertEqual(result.status, 0)
    XCTAssertEqual(result.standardError, "")

    let document = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    let paths = try XCTUnwrap(document["paths"] as? [[String: Any]])
    let hops = try paths.map { try XCTUnwrap($0["hops"] as? [[String: Any]]) }
    let account = "arn:aws:iam::111122223333:"
    // Two unconditional routes of 5 hops differ in how deploy becomes platform-admin. The
    // break-glass role adds a conditional sixth hop to each, so those two rank last.
    XCTAssertEqual(paths.map { $0["conditional"] as? Bool }, [false, false, true, true])
    XCTAssertEqual(hops.map(\.count), [5, 5, 6, 6])
    XCTAssertEqual(
      hops.map { $0[3]["actions"] as? [String] },
      [["sts:AssumeRole"], ["iam:PassRole", "cloudformation:CreateStack"],
        ["sts:AssumeRole"], ["iam:PassRole", "cloudformation:CreateStack"]])
    XCTAssertEqual(
      hops.map { $0.map { $0["to"] as? String }.last },
      Array(repeating: "aws:admin/111122223333", count: 4))
    XCTAssertEqual(hops[2][4]["to"] as? String, account + "role/BreakGlassAdmin")
  }

  func testHeadlinePathAsJSONExplainsEveryHop() throws {
    let result = try blast(
      "paths", Self.sampleEstate, "--from", "svc-jenkins", "--to", "admin", "--json")
    XCTAssertEqual(result.status, 0)
    XCTAssertEqual(result.standardError, "")

    let document = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    XCTAssertEqual(document["schema"] as? String, "blastradius/paths/v1")
    let paths = try XCTUnwrap(document["paths"] as? [[String: Any]])
    XCTAssertEqual(paths.count, 1)
    let hops = try XCTUnwrap(paths[0]["hops"] as? [[String: Any]])
    let account = "arn:aws:iam::111122223333:"
    XCTAssertEqual(
      hops.map { $0["from"] as? String },
      ["svc-jenkins", "aws-deploy-key", account + "user/ci-deploy", account + "role/deploy",
        account + "role/platform-admin"])
    XCTAssertEqual(hops.last?["to"] as? String, "aws:admin/111122223333")
    XCTAssertEqual(
      hops.map { $0["relation"] as? String },
      ["reads", "authenticatesAs", "assumes", "assumes", "access"])
    XCTAssertEqual(
      hops.map { $0["actions"] as? [String] },
      [[], [], ["sts:AssumeRole"], ["sts:AssumeRole"], ["*"]])
    let via = hops.compactMap { $0["via"] as? [String: Any] }
    XCTAssertEqual(
      via.map { $0["location"] as? String },
      ["grants[2]", "secrets[0].authenticatesAs",
        "RoleDetailList[3].AssumeRolePolicyDocument.Statement[0]",
        "RoleDetailList[4].AssumeRolePolicyDocument.Statement[0]",
        "RoleDetailList[4].AttachedManagedPolicies[0]"])
    XCTAssertEqual(
      via.map { ($0["file"] as? NSString)?.lastPathComponent },
      ["inventory.json", "inventory.json", "aws-111122223333.json", "aws-111122223333.json",
        "aws-111122223333.json"])
    XCTAssertEqual(
      via.last?["grant"] as? String,
      "managed policy AdministratorAccess (arn:aws:iam::aws:policy/AdministratorAccess, v1), "
        + "statement 0, attached to role platform-admin")
  }

  func testAzurePathAsJSONExplainsEveryHop() throws {
    let subscription = "/subscriptions/c687d32e-d956-4d1d-82cc-1bfd2d73a73c"
    let owner = "azure:owner" + subscription
    let result = try blast(
      "paths", Self.sampleEstate, "--from", "svc-telemetry", "--to", owner, "--json")
    XCTAssertEqual(result.status, 0)
    XCTAssertEqual(result.standardError, "")

    let document = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    let paths = try XCTUnwrap(document["paths"] as? [[String: Any]])
    XCTAssertEqual(paths.count, 1)
    let hops = try XCTUnwrap(paths[0]["hops"] as? [[String: Any]])
    let secret =
      "app:afb358e7-cfb2-402a-86a3-b0cd5c8230b0/password/731c8438-2609-4a59-80e6-24b20c2a75fa"
    let servicePrincipal = "ffe04f97-9711-429c-af95-3488838d0971"
    let vm = subscription
      + "/resourcegroups/rg-ops/providers/microsoft.compute/virtualmachines/vm-ops-runner"
    let identity = "458df5d0-dfe6-494e-bc80-23158d17a50f"
    XCTAssertEqual(
      hops.map { $0["from"] as? String },
      ["svc-telemetry", secret, servicePrincipal, vm, identity])
    XCTAssertEqual(hops.last?["to"] as? String, owner)
    XCTAssertEqual(
      hops.map { $0["relation"] as? String },
      ["reads", "authenticatesAs", "controls", "runsAs", "access"])
    let via = hops.compactMap { $0["via"] as? [String: Any] }
    XCTAssertEqual(
      via.map { ($0["file"] as? NSString)?.lastPathComponent },
      ["inventory.json", "entra-applications.json", "azure-role-assignments.json",
        "azure-resource-list.json", "azure-role-assignments.json"])
    XCTAssertEqual(
      via.map { $0["location"] as? String },
      ["grants[17]", "[0].passwordCredentials[0]", "[3]",
        "[2].identity.userAssignedIdentities./subscriptions/c687d32e-d956-4d1d-82cc-1bfd2d73a73c"
          + "/resourcegroups/rg-identity/providers/Microsoft.ManagedIdentity/"
          + "userAssignedIdentities/id-ops-automation",
        "[0]"])
    XCTAssertEqual(via[2]["technique"] as? String, "Run a command on a VM")
  }

  func testSampleEstateLoadsWithoutWarnings() throws {
    let result = try blast("import", Self.sampleEstate)

    XCTAssertEqual(result.status, 0)
    XCTAssertEqual(result.standardError, "")
    XCTAssertTrue(result.standardOutput.hasPrefix("Estate of "), result.standardOutput)
  }
}
