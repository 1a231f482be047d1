import Foundation
import Importers

/// `blast import INPUT... [-o FILE]`: joins inputs into one estate file, or summarizes them.
struct ImportCommand: BlastCommand {
  static var configuration: CommandConfiguration {
    CommandConfiguration(
      commandName: "import",
      abstract: "Read exports and inventories into one estate, and write or summarize it.",
      discussion: """
        With -o, writes one estate file that the other commands can read in place of the \
        exports. Without -o, prints how many nodes and edges of each kind the inputs hold; \
        add --nodes to list every node id and display name.
        """,
      example: "blast import exports/aws exports/inventory.json -o estate.json")
  }

  static let estateFile = ArgumentDefinition.option(
    "output", short: "o", valueName: "FILE",
    help: "Write the estate to FILE instead of printing a summary. The file is replaced in "
      + "one step, never left half-written.")
  static let listsNodes = ArgumentDefinition.flag(
    "nodes", help: "List every node with its kind, account and display name in the summary.")

  static var arguments: [ArgumentDefinition] {
    InputOptions.arguments + [estateFile, listsNodes] + OutputFormatOptions.arguments
  }

  var inputs: InputOptions
  var format: OutputFormatOptions
  var estatePath: String?
  var listsNodes: Bool

  init(parsing arguments: ParsedArguments) throws(UsageError) {
    inputs = try InputOptions(parsing: arguments)
    format = try OutputFormatOptions(parsing: arguments)
    estatePath = arguments.string(Self.estateFile)
    listsNodes = arguments.isSet(Self.listsNodes)
  }

  func validate() throws(UsageError) {
    guard estatePath != nil else {
      return
    }
    if format.isJSON {
      throw UsageError(
        "\"--json\" and \"-o\" cannot be combined",
        remedy: "-o writes the estate, which is JSON already; drop -o to print a JSON summary")
    }
    if listsNodes {
      throw UsageError(
        "\"--nodes\" and \"-o\" cannot be combined",
        remedy: "-o writes the estate; drop -o to print the summary with every node")
    }
  }

  func run(console: Console) throws {
    if let estatePath {
      try AtomicFile.checkDestination(estatePath, notReplacing: inputs.paths)
    }
    let graph = try inputs.loadGraph(console: console)
    guard let estatePath else {
      let summary = EstateSummary(inputs: inputs.paths, graph: graph, listsNodes: listsNodes)
      console.output(try format.encode(text: { summary.text }, json: { summary.document }))
      return
    }
    try AtomicFile.write(to: estatePath) { (file) throws(OutputError) in
      try EstateFile.write(graph, to: file.write)
    }
    console.progress(
      "wrote \(estatePath) with \(TextFormatting.count(graph.nodeCount, "node")) and "
        + TextFormatting.count(graph.edgeCount, "edge"))
    ParallelWork.releaseInBackground(consume graph)
  }
}
