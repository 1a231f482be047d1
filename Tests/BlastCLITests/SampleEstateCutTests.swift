import Foundation
import XCTest

/// `blast cut`, `chokepoints`, `paths`, `rank` and `render cut` on the sample estate,
/// `graphs/sample-estate`, where names repeat across accounts and some identities are
/// named only by grants.
final class SampleEstateCutTests: BlastTestCase {
  private static let sampleEstate = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("graphs/sample-estate").path

  /// Two IAM users named maria.lindqvist, in two accounts, each reach their account's admin;
  /// Maria Lindqvist is both an Entra and an on-premises person. The Google user, whom only
  /// an IAM binding names, is in the group too.
  func testGroupPathHeadingsTellNamesApart() throws {
    let result = try blast("paths", Self.sampleEstate, "--from", "kind:human", "--to", "admin")
    XCTAssertEqual(result.status, 0, result.standardError)

    let headings: [String] = result.standardOutput.split(separator: "\n")
      .filter { $0.hasPrefix("Path ") }.map(String.init)
    let expected: [String] = [
      "Path 1: maria.lindqvist (human, aws/111122223333) to AWS account admin (privilege, "
        + "aws/111122223333), 1 hop",
      "Path 2: maria.lindqvist (human, aws/444455556666) to AWS account admin (privilege, "
        + "aws/444455556666), 1 hop",
      "Path 3: Maria Lindqvist (human, azure/bf43c9f6-7f9f-4e94-8fbd-b65d00194620) to Entra "
        + "Global Administrator, 1 hop",
      "Path 4: maria.lindqvist@northwind.example to Owner of project northwind-analytics, 1 hop",
      "Path 5: Maria Lindqvist (human, on-premises/corp.northwind.example) to Active Directory "
        + "domain admin of CORP, 3 hops",
      "Path 6: Tom Okafor to Owner of subscription Northwind Production, 3 hops",
    ]

    XCTAssertEqual(headings, expected)
  }

  /// The plan revokes 10 grants; the role deploy reaches platform-admin through a trust and
  /// through a CloudFormation pass-role technique, two parallel edges that both show.
  func testCutDiagramDrawsParallelRevokedEdges() throws {
    let result = try blast(
      "render", "cut", Self.sampleEstate, "--to", "admin", "--format", "dot")
    XCTAssertEqual(result.status, 0, result.standardError)
    let cutLines = result.standardOutput.split(separator: "\n").filter {
      $0.contains("[label=\"[cut]")
    }

    XCTAssertEqual(cutLines.count, 10)
    XCTAssertEqual(
      cutLines.filter {
        $0.contains("assumes [iam:PassRole, cloudformation:CreateStack]")
          || $0.contains("assumes [sts:AssumeRole]\", tooltip=\"assumes [sts:AssumeRole]\\nvia "
            + "trust policy of role platform-admin")
      }.count, 2)
  }

  /// The Terraform runner pod runs as a service account whose IRSA role is admin, so the
  /// plan keeps it and cuts Priya's exec into its namespace instead.
  func testCutKeepsRunnerPodAndCutsExec() throws {
    let result = try blast("cut", Self.sampleEstate, "--to", "admin", "--json")
    XCTAssertEqual(result.status, 0, result.standardError)
    let document = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    let holders = try XCTUnwrap(document["holders"] as? [[String: Any]])
    let grants = try XCTUnwrap(document["grants"] as? [[String: Any]])
    let cutHops = grants.flatMap { ($0["cuts"] as? [[String: Any]]) ?? [] }

    XCTAssertTrue(
      holders.contains {
        $0["node"] as? String
          == "k8s:northwind-prod-eks/pods/platform-tools/terraform-runner-6d8f7c9b54-k2x7q"
      })
    XCTAssertTrue(
      cutHops.contains {
        $0["from"] as? String == "k8s:northwind-prod-eks/user:priya.natarajan"
          && $0["relation"] as? String == "controls"
      })
    XCTAssertEqual(document["cost"] as? Int, 33)
    XCTAssertEqual(document["privilegedSources"] as? [String], [])
  }

  /// platform-admin holds admin by AdministratorAccess, which three other roles share, so
  /// the plan detaches the policy from platform-admin alone, at the cost of its 12 edges.
  func testCutFromRoleDetachesItsOwnPolicy() throws {
    let result = try blast(
      "cut", Self.sampleEstate, "--from", "platform-admin", "--to", "admin", "--json")
    XCTAssertEqual(result.status, 0, result.standardError)
    let document = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    let grants = try XCTUnwrap(document["grants"] as? [[String: Any]])
    let vias = grants.compactMap { $0["via"] as? [String: Any] }

    XCTAssertEqual(
      vias.map { $0["location"] as? String },
      [
        "RoleDetailList[1].AssumeRolePolicyDocument.Statement[0]",
        "RoleDetailList[4].AttachedManagedPolicies[0]",
      ])
    XCTAssertEqual(
      vias.last?["grant"] as? String,
      "managed policy AdministratorAccess (arn:aws:iam::aws:policy/AdministratorAccess, v1), "
        + "statement 0, attached to role platform-admin")
    XCTAssertEqual(grants.map { $0["cost"] as? Int }, [3, 48])
    XCTAssertEqual(grants.map { $0["edgeCount"] as? Int }, [1, 12])
    XCTAssertEqual(document["cost"] as? Int, 51)
    XCTAssertEqual(document["flowValue"] as? Int, 51)
  }

  /// cron01 and fs01 keep the access keys of holders of crown jewels, which no revocation
  /// removes, so both are named with the path to the holder.
  func testChokepointsNamePrivilegedIdentities() throws {
    let result = try blast(
      "chokepoints", Self.sampleEstate, "--to", "crown-jewels", "--top", "1")
    XCTAssertEqual(result.status, 0, result.standardError)
    let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)

    XCTAssertEqual(
      lines[2],
      "Left out as privileged by construction: cron01.corp.northwind.example, "
        + "fs01.corp.northwind.example")
    XCTAssertEqual(
      lines[3],
      "  cron01.corp.northwind.example acts as a holder through edges that cannot be revoked: "
        + "cron01.corp.northwind.example -[contains]-> AWS access key of payroll-export "
        + "-[authenticatesAs]-> payroll-export")
  }

  /// backup01 runs as CORP\svc-backup, a member of Domain Admins, so it is kept as a holder
  /// without --from, and with --from the plan revokes that membership and says why.
  func testBackupHostIsHolderEitherWay() throws {
    let everyone = try blast("cut", Self.sampleEstate, "--to", "admin", "--json")
    let alone = try blast("cut", Self.sampleEstate, "--from", "backup01", "--to", "admin")
    XCTAssertEqual(everyone.status, 0, everyone.standardError)
    let document = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(everyone.standardOutput.utf8)) as? [String: Any])
    let holders = try XCTUnwrap(document["holders"] as? [[String: Any]])

    XCTAssertTrue(holders.contains { $0["node"] as? String == "backup01" })
    XCTAssertEqual(alone.status, 0, alone.standardError)
    XCTAssertEqual(
      alone.standardOutput.split(separator: "\n").prefix(3),
      [
        "Revocation plan from backup01.corp.northwind.example to admin: revoke 1 grant, total "
          + "cost 1",
        "Note: backup01.corp.northwind.example holds admin itself, so this plan may revoke a "
          + "grant that makes it a holder; without --from, holders are kept:",
        "  backup01.corp.northwind.example -[runsAs]-> CORP\\svc-backup -[memberOf]-> "
          + "CORP\\Domain Admins -[access]-> Active Directory domain admin of CORP",
      ])
  }

  /// The Google user maria.lindqvist holds project Owner through a binding, though no input
  /// defines her.
  func testRankScoresUndefinedGoogleUser() throws {
    let result = try blast("rank", Self.sampleEstate, "--as-of", "2025-01-15", "--json")
    XCTAssertEqual(result.status, 0, result.standardError)
    let document = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    let identities = try XCTUnwrap(document["identities"] as? [[String: Any]])
    let nodes = try XCTUnwrap(document["nodes"] as? [String: [String: Any]])
    let maria = try XCTUnwrap(
      identities.first { $0["identity"] as? String == "user:maria.lindqvist@northwind.example" })

    XCTAssertEqual(document["total"] as? Int, 115)
    XCTAssertEqual(
      ((maria["reach"] as? [String: Any])?["all"] as? [String: Any])?["privileges"] as? Int, 1)
    XCTAssertEqual(nodes["user:maria.lindqvist@northwind.example"]?["defined"] as? Bool, false)
    XCTAssertFalse(
      identities.contains { ($0["identity"] as? String)?.hasPrefix("aws:service/") == true })
  }

  /// cron01 keeps the access key of payroll-export, a holder of a crown jewel; given alone,
  /// the plan cuts payroll-export's grants and says why.
  func testGivenHostNamesHolderItActsAs() throws {
    let result = try blast(
      "cut", Self.sampleEstate, "--from", "cron01", "--to", "crown-jewels", "--json")
    XCTAssertEqual(result.status, 0, result.standardError)
    let document = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    let bindings = try XCTUnwrap(document["sourcesActingAsHolders"] as? [[String: Any]])

    XCTAssertEqual(bindings.map { $0["source"] as? String }, ["cron01"])
    XCTAssertEqual(
      bindings.map { $0["holder"] as? String }, ["arn:aws:iam::111122223333:user/payroll-export"])
    XCTAssertEqual(
      bindings.first.flatMap { ($0["hops"] as? [[String: Any]])?.map { $0["relation"] as? String } },
      ["contains", "authenticatesAs"])
    XCTAssertEqual(document["cost"] as? Int, 12)
  }
}
