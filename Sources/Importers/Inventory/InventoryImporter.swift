import AccessGraph

/// Reads the project's own inventory format.
struct InventoryImporter: SourceImporter {
  static let formatName = "BlastRadius inventory"

  static func recognizes(_ document: JSONCursor) -> Bool {
    document["inventory"] != nil
  }

  mutating func add(_ document: JSONCursor) throws {}

  func define(into builder: inout EstateBuilder, warn: (ImportWarning) -> Void) throws {}

  func connect(into builder: inout EstateBuilder, warn: (ImportWarning) -> Void) throws {}
}
