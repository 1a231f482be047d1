import Foundation
import XCTest

/// `blast paths --to admin --json` on the estates of `Fixtures/aws-escalation`.
///
/// `techniques.json` lists one entry per escalation technique and per chain of several
/// techniques. Each entry's `positive` folder and each `positive-<reason>` folder must give
/// exactly the path it lists, hop by hop, and each `negative-<reason>` folder must give no
/// path at all. The `-scp` folders add AWS Organizations outputs with service control
/// policies to the `positive` estate. The ImportersTests check that the list names every
/// technique of the catalog.
final class EscalationFixtureTests: BlastTestCase {
  /// One entry of `techniques.json`.
  private struct Entry: Decodable {
    let slug: String
    /// The technique's name as the catalog spells it; nil for a chain.
    let technique: String?
    let from: String
    /// The AWS CLI commands whose output the estate contains.
    let inputs: [String]
    let path: [Hop]
    /// The change each negative estate makes, by the reason in its folder name.
    let negatives: [String: String]
    /// The change each further positive estate makes, which keeps the path, by the reason in
    /// its folder name.
    let positives: [String: String]

    /// Whether the estate contains workload inventories besides the authorization export.
    var needsWorkloads: Bool {
      inputs.contains { $0 != "aws iam get-account-authorization-details" }
    }
  }

  /// One hop of a path, as `blast paths --json` prints it.
  private struct Hop: Decodable, Equatable, CustomStringConvertible {
    let from: String
    let to: String
    let relation: String
    let actions: [String]
    /// The technique named in the hop's `via`; nil for a plain grant.
    let technique: String?

    var description: String {
      "\(from) -\(relation)\(actions)-> \(to)" + (technique.map { " (\($0))" } ?? "")
    }
  }

  private struct Manifest: Decodable {
    let account: String
    let techniques: [Entry]
    let chains: [Entry]

    var entries: [Entry] { techniques + chains }
  }

  private static let root = fixtures.appendingPathComponent("aws-escalation")

  private func loadManifest() throws -> Manifest {
    let data = try Data(contentsOf: Self.root.appendingPathComponent("techniques.json"))
    return try JSONDecoder().decode(Manifest.self, from: data)
  }

  private func estate(_ entry: Entry, _ variant: String) -> String {
    Self.root.appendingPathComponent(entry.slug).appendingPathComponent(variant).path
  }

  /// Runs `blast paths` from the entry's principal to admin on one of its estates and
  /// returns the `paths` array, after checking that the run succeeded without output on
  /// standard error.
  private func paths(
    _ entry: Entry, _ variant: String, file: StaticString = #filePath, line: UInt = #line
  ) throws -> [[String: Any]] {
    let result = try blast(
      "paths", estate(entry, variant), "--from", entry.from, "--to", "admin", "--json")
    XCTAssertEqual(result.status, 0, "\(entry.slug)/\(variant): \(result)", file: file, line: line)
    XCTAssertEqual(
      result.standardError, "", "\(entry.slug)/\(variant) standard error", file: file,
      line: line)
    let document = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any],
      "\(entry.slug)/\(variant): \(result)", file: file, line: line)
    return try XCTUnwrap(
      document["paths"] as? [[String: Any]], "\(entry.slug)/\(variant)", file: file, line: line)
  }

  private func hops(of path: [String: Any]) throws -> [Hop] {
    let hops = try XCTUnwrap(path["hops"] as? [[String: Any]])
    return try hops.map { hop in
      let via = try XCTUnwrap(hop["via"] as? [String: Any])
      return Hop(
        from: try XCTUnwrap(hop["from"] as? String), to: try XCTUnwrap(hop["to"] as? String),
        relation: try XCTUnwrap(hop["relation"] as? String),
        actions: try XCTUnwrap(hop["actions"] as? [String]),
        technique: via["technique"] as? String)
    }
  }

  /// Checks that each positive estate gives one path to admin, the one the entry lists.
  private func assertExactPath(_ entry: Entry, admin: String) throws {
    let variants = ["positive"] + entry.positives.keys.sorted().map { "positive-\($0)" }
    for variant in variants {
      let estate = "\(entry.slug)/\(variant)"
      let found = try paths(entry, variant)
      XCTAssertEqual(found.count, 1, "\(estate): paths to admin")
      guard let first = found.first else { continue }
      XCTAssertEqual(first["source"] as? String, entry.from, "\(estate): source")
      XCTAssertEqual(first["target"] as? String, admin, "\(estate): target")
      XCTAssertEqual(first["conditional"] as? Bool, false, "\(estate): conditional")
      XCTAssertEqual(try hops(of: first), entry.path, "\(estate): hops")
    }
  }

  private func assertNoPath(_ entry: Entry) throws {
    XCTAssertFalse(entry.negatives.isEmpty, "\(entry.slug) has no negative estate")
    for reason in entry.negatives.keys.sorted() {
      let found = try paths(entry, "negative-\(reason)")
      XCTAssertEqual(found.count, 0, "\(entry.slug)/negative-\(reason): \(found)")
    }
  }

  /// Skips the test when `blast` does not read the workload inventories yet, which their
  /// own importers add.
  private func skipUnlessWorkloadsAreRead(_ entries: [Entry]) throws {
    guard let entry = entries.first else { return }
    let result = try blast(
      "paths", estate(entry, "positive"), "--from", entry.from, "--to", "admin", "--json")
    if result.status == 65, result.standardError.contains("not a format blast reads") {
      throw XCTSkip("needs the workload importers")
    }
  }

  func testEntriesMatchFolders() throws {
    let manifest = try loadManifest()
    let slugs = manifest.entries.map(\.slug)
    XCTAssertEqual(Set(slugs).count, slugs.count, "slugs are unique")

    let folders = try FileManager.default.contentsOfDirectory(atPath: Self.root.path)
      .filter { $0 != "techniques.json" }
    XCTAssertEqual(folders.sorted(), slugs.sorted())

    for entry in manifest.entries {
      let variants = try FileManager.default.contentsOfDirectory(
        atPath: Self.root.appendingPathComponent(entry.slug).path)
      let negatives = entry.negatives.keys.map { "negative-\($0)" }
      let positives = entry.positives.keys.map { "positive-\($0)" }
      XCTAssertEqual(
        variants.sorted(), (["positive"] + positives + negatives).sorted(), entry.slug)
      XCTAssertFalse(entry.path.isEmpty, "\(entry.slug) lists no path")
      XCTAssertEqual(entry.path.first?.from, entry.from, "\(entry.slug) starts elsewhere")
      XCTAssertEqual(entry.path.last?.to, "aws:admin/\(manifest.account)", entry.slug)
    }
  }

  /// Returns the entry's folders whose reason is `scp` or starts with `scp-`: the estates
  /// that add service control policies.
  private func serviceControlVariants(_ entry: Entry) -> [String] {
    let negatives = entry.negatives.keys.map { "negative-\($0)" }
    let positives = entry.positives.keys.map { "positive-\($0)" }
    return (negatives + positives).filter { $0.hasSuffix("-scp") || $0.contains("-scp-") }
      .sorted()
  }

  func testSCPEstatesExtendPositive() throws {
    let files = FileManager.default
    for entry in try loadManifest().entries {
      let positive = URL(fileURLWithPath: estate(entry, "positive"))
      let positiveNames = try files.contentsOfDirectory(atPath: positive.path)
      for variant in serviceControlVariants(entry) {
        let folder = URL(fileURLWithPath: estate(entry, variant))
        let names = try files.contentsOfDirectory(atPath: folder.path)
        let label = "\(entry.slug)/\(variant)"
        XCTAssertTrue(names.contains("organization.json"), "\(label) lacks organization.json")
        for name in positiveNames {
          let original = try Data(contentsOf: positive.appendingPathComponent(name))
          let copy = try? Data(contentsOf: folder.appendingPathComponent(name))
          XCTAssertEqual(copy, original, "\(label)/\(name) differs from the positive estate")
        }
      }
    }
  }

  func testEachTechniqueHopIsNamed() throws {
    for entry in try loadManifest().techniques {
      let named = entry.path.compactMap(\.technique)
      XCTAssertEqual(named, [entry.technique].compactMap { $0 }, entry.slug)
    }
  }

  /// dev-olga's permission to switch versions comes from a customer managed policy attached
  /// to her, so the escalation edge points at that attachment.
  func testTechniqueFromAttachedPolicyNamesAttachment() throws {
    let entry = try XCTUnwrap(
      try loadManifest().entries.first { $0.slug == "set-default-policy-version" })
    let hop = try XCTUnwrap(paths(entry, "positive").first?["hops"] as? [[String: Any]]).first
    let via = try XCTUnwrap(hop?["via"] as? [String: Any])

    XCTAssertEqual(via["location"] as? String, "UserDetailList[0].AttachedManagedPolicies[0]")
    XCTAssertEqual(
      (via["grant"] as? String)?.hasPrefix(
        "iam:SetDefaultPolicyVersion on arn:aws:iam::111122223333:policy/olga-tools by managed "
          + "policy olga-tools (arn:aws:iam::111122223333:policy/olga-tools, v2), statement 0 "
          + "(Sid SwitchVersions), attached to user dev-olga;"),
      true)
  }

  func testExportPositivesGiveExactPath() throws {
    let manifest = try loadManifest()
    for entry in manifest.entries where !entry.needsWorkloads {
      try assertExactPath(entry, admin: "aws:admin/\(manifest.account)")
    }
  }

  func testExportNegativesGiveNoPath() throws {
    for entry in try loadManifest().entries where !entry.needsWorkloads {
      try assertNoPath(entry)
    }
  }

  func testWorkloadPositivesGiveExactPath() throws {
    let manifest = try loadManifest()
    let entries = manifest.entries.filter(\.needsWorkloads)
    try skipUnlessWorkloadsAreRead(entries)
    for entry in entries {
      try assertExactPath(entry, admin: "aws:admin/\(manifest.account)")
    }
  }

  func testWorkloadNegativesGiveNoPath() throws {
    let entries = try loadManifest().entries.filter(\.needsWorkloads)
    try skipUnlessWorkloadsAreRead(entries)
    for entry in entries {
      try assertNoPath(entry)
    }
  }
}
