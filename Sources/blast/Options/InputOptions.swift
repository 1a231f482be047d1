import AccessGraph
import Importers

/// The input files and folders that make up the estate: `INPUT...`.
struct InputOptions: OptionGroup {
  static let inputs = ArgumentDefinition.positional(
    "INPUT",
    help: "An estate file, a provider export or a folder of them; give one or more. "
      + "Each file's format is detected from its content.",
    isVariadic: true)

  static let assumeMFA = ArgumentDefinition.option(
    "assume-mfa", valueName: "present|absent",
    help: "Evaluate AWS conditions on aws:MultiFactorAuthPresent as if requests were made "
      + "with multi-factor authentication (present) or with long-term access keys, which "
      + "carry no such key (absent). Without it, grants that test it are kept and marked "
      + "conditional.")

  static var arguments: [ArgumentDefinition] { [inputs, assumeMFA] }

  var paths: [String]
  var options: ImportOptions

  init(paths: [String], options: ImportOptions = ImportOptions()) {
    self.paths = paths
    self.options = options
  }

  init(parsing arguments: ParsedArguments) throws(UsageError) {
    paths = arguments.strings(Self.inputs)
    options = ImportOptions()
    switch arguments.string(Self.assumeMFA) {
    case nil: break
    case "present": options.multiFactorAuthentication = true
    case "absent": options.multiFactorAuthentication = false
    case let other?:
      throw .invalidValue(other, for: Self.assumeMFA, expected: "present or absent")
    }
  }

  /// Loads every input into one graph, printing the loader's warnings and, on a terminal,
  /// progress.
  ///
  /// - Throws: `ImportError` for a missing, unreadable or invalid input.
  func loadGraph(console: Console) throws -> AccessGraph {
    let count = paths.count == 1 ? "1 input" : "\(paths.count) inputs"
    console.progress("reading \(count)…")
    let loader = EstateLoader(options: options) { warning in
      console.warning(warning.description)
    }
    let graph = try loader.load(paths)
    console.progress("read \(graph.nodeCount) nodes and \(graph.edgeCount) edges")
    return graph
  }
}
