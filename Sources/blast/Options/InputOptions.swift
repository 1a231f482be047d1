import AccessGraph
import Importers

/// The input files and folders that make up the estate: `INPUT...`.
struct InputOptions: OptionGroup {
  static let inputs = ArgumentDefinition.positional(
    "INPUT",
    help: "An estate file, a provider export or a folder of them; give one or more. "
      + "Each file's format is detected from its content.",
    isVariadic: true)

  static var arguments: [ArgumentDefinition] { [inputs] }

  var paths: [String]

  init(paths: [String]) {
    self.paths = paths
  }

  init(parsing arguments: ParsedArguments) throws(UsageError) {
    paths = arguments.strings(Self.inputs)
  }

  /// Loads every input into one graph, printing the loader's warnings and, on a terminal,
  /// progress.
  ///
  /// - Throws: `ImportError` for a missing, unreadable or invalid input.
  func loadGraph(console: Console) throws -> AccessGraph {
    let count = paths.count == 1 ? "1 input" : "\(paths.count) inputs"
    console.progress("reading \(count)…")
    let loader = EstateLoader { warning in
      console.warning(warning.description)
    }
    let graph = try loader.load(paths)
    console.progress("read \(graph.nodeCount) nodes and \(graph.edgeCount) edges")
    return graph
  }
}
