import Foundation
import XCTest

@testable import Importers

/// The catalog against `techniques.json`, the list of fixture estates that the CLI tests
/// run, so that a technique added to the catalog without fixtures fails here.
final class EscalationCatalogTests: XCTestCase {
  /// One technique entry of `techniques.json`.
  private struct Entry: Decodable {
    let slug: String
    let technique: String
    let `class`: String
  }

  private struct Manifest: Decodable {
    let techniques: [Entry]
  }

  private func loadEntries() throws -> [Entry] {
    let url = EscalationFixtures.folder.appendingPathComponent("techniques.json")
    return try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: url)).techniques
  }

  func testTechniqueNamesAreUnique() {
    let names = EscalationCatalog.techniques.map(\.name)
    XCTAssertEqual(Set(names).count, names.count)
  }

  func testEveryTechniqueHasFixtures() throws {
    let listed = try loadEntries().map(\.technique)
    for technique in EscalationCatalog.techniques {
      XCTAssertTrue(listed.contains(technique.name), "no fixtures for \"\(technique.name)\"")
    }
    XCTAssertEqual(listed, EscalationCatalog.techniques.map(\.name), "catalog order")
  }

  func testFixtureClassesMatchCatalog() throws {
    let entries = try loadEntries()
    for technique in EscalationCatalog.techniques {
      guard let entry = entries.first(where: { $0.technique == technique.name }) else {
        continue
      }
      XCTAssertEqual(entry.class, "\(technique.category)", entry.slug)
    }
  }
}
