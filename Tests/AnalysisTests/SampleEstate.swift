import AccessGraph
import Foundation
import Importers

/// The Northwind Freight sample estate in `graphs/sample-estate`, loaded once for every
/// test that checks its expected results.
enum SampleEstate {
  static let folder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("graphs/sample-estate").path

  static let graph: AccessGraph = {
    do {
      return try EstateLoader().load([folder])
    } catch {
      fatalError("the sample estate does not load: \(error)")
    }
  }()
}

extension AccessGraph {
  /// Returns the ids of `nodes`, in order.
  func ids(_ nodes: [NodeID]) -> [String] {
    nodes.map { node($0).id }
  }
}
