import AccessGraph
import Foundation

/// Reads input files and folders, detects each file's format, and joins them into one estate.
public struct EstateLoader {
  /// The importers in the order they run; a node that two inputs define keeps the kind
  /// and name from the earlier one.
  nonisolated(unsafe) public static let importerTypes: [any SourceImporter.Type] = [
    EstateFileImporter.self,
    AWSAuthorizationImporter.self,
    InventoryImporter.self,
  ]

  /// Receives problems that do not stop the import.
  public var warn: (ImportWarning) -> Void

  public init(warn: @escaping (ImportWarning) -> Void = { _ in }) {
    self.warn = warn
  }

  /// Loads every input into one frozen graph.
  ///
  /// A folder contributes every `.json` file below it, in sorted order; hidden files are
  /// skipped. Each file's format is judged from its content, never from its name.
  ///
  /// - Throws: `ImportError` for a missing or unreadable input, invalid JSON, a file of no
  ///   known format, or invalid content.
  public func load(_ inputs: [String]) throws -> AccessGraph {
    try build(inputs).freeze()
  }

  /// Loads every input into a builder, for callers that add more before freezing.
  public func build(_ inputs: [String]) throws -> EstateBuilder {
    var importers: [any SourceImporter] = Self.importerTypes.map { $0.init() }
    for file in try Self.files(in: inputs) {
      let document = try JSONCursor.parse(try Self.read(file), file: file)
      guard let slot = Self.importerTypes.firstIndex(where: { $0.recognizes(document) }) else {
        throw ImportError(
          .unknownFormat, file: file, problem: "not a format blast reads",
          remedy: "give an AWS `get-account-authorization-details` export, an inventory "
            + "(see docs/inventory-format.md) or an estate written by `blast import`")
      }
      try importers[slot].add(document)
    }
    var builder = EstateBuilder()
    for importer in importers {
      try importer.define(into: &builder, warn: warn)
    }
    for importer in importers {
      try importer.connect(into: &builder, warn: warn)
    }
    return builder
  }

  /// Expands folders into the files below them.
  static func files(in inputs: [String]) throws -> [String] {
    let manager = FileManager.default
    var files: [String] = []
    for input in inputs {
      var isFolder: ObjCBool = false
      guard manager.fileExists(atPath: input, isDirectory: &isFolder) else {
        throw ImportError(
          .unreadable, file: input, problem: "no such file or folder",
          remedy: "check the path")
      }
      guard isFolder.boolValue else {
        files.append(input)
        continue
      }
      guard let enumerator = manager.enumerator(atPath: input) else {
        throw ImportError(
          .unreadable, file: input, problem: "cannot list the folder",
          remedy: "check its permissions")
      }
      var found: [String] = []
      for case let relative as String in enumerator {
        let name = (relative as NSString).lastPathComponent
        if name.hasPrefix(".") {
          enumerator.skipDescendants()
          continue
        }
        if name.lowercased().hasSuffix(".json") {
          found.append((input as NSString).appendingPathComponent(relative))
        }
      }
      if found.isEmpty {
        throw ImportError(
          .unreadable, file: input, problem: "the folder holds no .json file",
          remedy: "point at a folder of exports or name the files")
      }
      files += found.sorted()
    }
    return files
  }

  static func read(_ file: String) throws -> Data {
    guard let data = FileManager.default.contents(atPath: file) else {
      throw ImportError(
        .unreadable, file: file, problem: "cannot read the file",
        remedy: "check that it is a readable file")
    }
    return data
  }
}
