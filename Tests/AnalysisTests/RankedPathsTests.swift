import AccessGraph
import Analysis
import Foundation
import Importers
import XCTest

/// `rankedPaths(from:to:limit:)` on the Northwind Freight sample estate in
/// `graphs/sample-estate`, checked against the one-path-per-target search.
final class RankedPathsTests: XCTestCase {
  private static let folder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("graphs/sample-estate").path

  private static let graph: AccessGraph = {
    do {
      return try EstateLoader().load([folder])
    } catch {
      fatalError("the sample estate does not load: \(error)")
    }
  }()

  private var actors: [NodeID] {
    Self.graph.nodes { $0.kind.isActor }
  }

  func testFirstPathMatchesShortestPaths() {
    let graph = Self.graph
    for source in actors {
      for target in [Target.admin, .crownJewels] {
        let expected = graph.shortestPaths(from: [source], to: target).first.map { [$0] } ?? []
        XCTAssertEqual(
          graph.rankedPaths(from: source, to: target, limit: 1), expected,
          "\(graph.node(source).id) to \(target)")
      }
    }
  }

  func testSmallerLimitIsPrefix() {
    let graph = Self.graph
    for source in actors {
      let longer = graph.rankedPaths(from: source, to: .admin, limit: 8)
      let shorter = graph.rankedPaths(from: source, to: .admin, limit: 3)
      XCTAssertEqual(shorter, Array(longer.prefix(3)), graph.node(source).id)
    }
  }

  func testPathsAreLooplessAndDistinct() {
    let graph = Self.graph
    for source in actors {
      let paths = graph.rankedPaths(from: source, to: .admin, limit: 8)
      for path in paths {
        XCTAssertEqual(Set(path.nodes).count, path.nodes.count, graph.node(source).id)
      }
      let edgeLists = paths.map { $0.hops.map(\.edge) }
      XCTAssertEqual(Set(edgeLists).count, paths.count, graph.node(source).id)
    }
  }

  func testSampleEstateHasSecondPathsToAdmin() {
    // The prefix and loopless checks above test nothing unless some identity has two paths.
    let graph = Self.graph
    let counts = actors.map { graph.rankedPaths(from: $0, to: .admin, limit: 2).count }
    XCTAssertTrue(counts.contains(2))
  }
}
