import AccessGraph
import Foundation

/// Reads input files and folders, detects each file's format, and joins them into one estate.
public struct EstateLoader {
  /// The importers in the order they run; a node that two inputs define keeps the kind
  /// and name from the earlier one.
  nonisolated(unsafe) public static let importerTypes: [any SourceImporter.Type] = [
    EstateFileImporter.self,
    AWSAuthorizationImporter.self,
    AWSWorkloadImporter.self,
    ClusterDescriptionImporter.self,
    EntraImporter.self,
    AzureResourceManagerImporter.self,
    KubernetesImporter.self,
    GCPImporter.self,
    InventoryImporter.self,
    OpenGraphImporter.self,
  ]

  /// The importers of files that do not start as JSON, in the order they run, after the
  /// JSON importers.
  nonisolated(unsafe) public static let textImporterTypes: [any TextSourceImporter.Type] = [
    AWSCredentialReportImporter.self
  ]

  /// Receives problems that do not stop the import.
  public var warn: (ImportWarning) -> Void
  /// The user's stated assumptions, given to every importer.
  public var options: ImportOptions

  public init(
    options: ImportOptions = ImportOptions(), warn: @escaping (ImportWarning) -> Void = { _ in }
  ) {
    self.options = options
    self.warn = warn
  }

  /// Loads every input into one frozen graph.
  ///
  /// A folder contributes every `.json` and `.csv` file below it, in sorted order; hidden
  /// files are skipped. Each file's format is judged from its content, never from its name.
  /// A file whose first character other than whitespace is `{` or `[`, or that has none, is
  /// parsed as JSON. Any other file is offered as text to the text importers. Files are
  /// read and parsed in batches on several threads (see `prefetch(_:)`), the next batch
  /// while the importers take the files of the one before, one by one in sorted order, so
  /// the result does not depend on the threads.
  ///
  /// - Throws: `ImportError` for a missing or unreadable input, invalid JSON, a file of no
  ///   known format, or invalid content. When several files are bad, the first in order is
  ///   reported.
  public func load(_ inputs: [String]) throws -> AccessGraph {
    try build(inputs).freeze()
  }

  /// Loads every input into a builder, for callers that add more before freezing.
  public func build(_ inputs: [String]) throws -> EstateBuilder {
    var importers: [any SourceImporter] = Self.importerTypes.map { $0.init() }
    for index in importers.indices {
      importers[index].configure(options)
    }
    var textImporters: [any TextSourceImporter] = Self.textImporterTypes.map { $0.init() }
    var evaluatesAWSPolicies = false
    let batches = Self.prefetchBatches(try Self.files(in: inputs))
    // Each batch is prefetched in the background while the importers take the one before.
    var pending = batches.first.map { batch in BackgroundResult { Self.prefetch(batch) } }
    for (index, batch) in batches.enumerated() {
      let fetched = pending!.wait()
      pending =
        index + 1 < batches.count
        ? BackgroundResult { [next = batches[index + 1]] in Self.prefetch(next) } : nil
      for (file, prefetched) in zip(batch, fetched) {
        var content = prefetched
        if case .deferred = content {
          if try Self.addStreamed(file, to: &importers) {
            continue
          }
          let data = try Self.read(file)
          content =
            Self.startsAsJSON(data) ? .json(try JSONCursor.parse(data, file: file)) : .text(data)
        }
        switch content {
        case .failed(let error):
          throw error
        case .json(let document):
          guard let slot = Self.importerTypes.firstIndex(where: { $0.recognizes(document) })
          else {
            throw Self.unknownFormat(file)
          }
          try importers[slot].add(document)
          if Self.importerTypes[slot] == AWSAuthorizationImporter.self {
            evaluatesAWSPolicies = true
          }
        case .text(let data):
          guard let text = String(data: data, encoding: .utf8) else {
            throw Self.unknownFormat(file)
          }
          let document = TextDocument(file: file, text: text)
          guard
            let slot = Self.textImporterTypes.firstIndex(where: { $0.recognizes(document) })
          else {
            throw Self.unknownFormat(file)
          }
          try textImporters[slot].add(document)
        case .deferred:
          preconditionFailure("a deferred file is read above")
        }
      }
      // Freeing the tree of a large export takes milliseconds that the importers can use.
      ParallelWork.releaseInBackground(consume fetched)
    }
    if options.multiFactorAuthentication != nil, !evaluatesAWSPolicies, let first = inputs.first {
      warn(
        ImportWarning(
          file: first, location: "",
          message: "the stated MFA assumption changes nothing, because no input is an AWS "
            + "policy export; an estate file keeps the evaluation of the import that wrote it, "
            + "so import the AWS exports again with the assumption"))
    }
    var builder = EstateBuilder()
    for importer in importers {
      try importer.define(into: &builder, warn: warn)
    }
    for importer in textImporters {
      try importer.define(into: &builder, warn: warn)
    }
    for importer in importers {
      try importer.connect(into: &builder, warn: warn)
    }
    for importer in textImporters {
      try importer.connect(into: &builder, warn: warn)
    }
    WorkloadIdentityFederation(importers: importers).connect(into: &builder, warn: warn)
    ParallelWork.releaseInBackground(consume importers)
    ParallelWork.releaseInBackground(consume textImporters)
    return builder
  }

  /// The number of bytes at the start of a file that `StreamingSourceImporter`s judge it by.
  static let prefixLength = 4_096

  /// Offers `file` to each importer that reads its files itself and whose test its first
  /// bytes pass, and returns whether one of them took it.
  ///
  /// - Throws: `ImportError` from the importer that took the file.
  static func addStreamed(_ file: String, to importers: inout [any SourceImporter]) throws
    -> Bool
  {
    guard let prefix = readPrefix(of: file) else { return false }
    for index in importers.indices {
      guard var importer = importers[index] as? any StreamingSourceImporter,
        type(of: importer).mayRecognize(prefix: prefix)
      else {
        continue
      }
      if try importer.add(contentsOf: file) {
        importers[index] = importer
        return true
      }
    }
    return false
  }

  /// Returns up to `prefixLength` bytes from the start of `file`, or nil when it cannot be
  /// read, which `read(_:)` then reports.
  static func readPrefix(of file: String) -> [UInt8]? {
    guard let handle = FileHandle(forReadingAtPath: file) else { return nil }
    defer { try? handle.close() }
    guard let data = try? handle.read(upToCount: prefixLength) else { return nil }
    return Array(data)
  }

  /// Returns whether the first character after an optional UTF-8 byte order mark and
  /// whitespace is `{` or `[`, or there is none, so that an empty file gets the JSON
  /// parser's message.
  static func startsAsJSON(_ data: Data) -> Bool {
    var bytes = data[...]
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      bytes = bytes.dropFirst(3)
    }
    let whitespace: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]
    guard let first = bytes.first(where: { !whitespace.contains($0) }) else { return true }
    return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
  }

  static func unknownFormat(_ file: String) -> ImportError {
    ImportError(
      .unknownFormat, file: file, problem: "not a format blast reads",
      remedy: "give an AWS `get-account-authorization-details` export, an AWS resource "
        + "policy, AWS Organizations output, an AWS credential report, an AWS resource "
        + "inventory (see docs/aws.md), Azure CLI output (see docs/azure.md), gcloud output "
        + "(see docs/gcp.md), `kubectl get -o json` output (see docs/kubernetes.md), an "
        + "inventory (see docs/inventory-format.md), a BloodHound OpenGraph file (see "
        + "docs/opengraph.md) or an estate written by `blast import`")
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
        let lowercased = name.lowercased()
        if lowercased.hasSuffix(".json") || lowercased.hasSuffix(".csv") {
          found.append((input as NSString).appendingPathComponent(relative))
        }
      }
      if found.isEmpty {
        throw ImportError(
          .unreadable, file: input, problem: "the folder holds no .json or .csv file",
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
