import AccessGraph
import Analysis

/// `blast who-can TARGET INPUT...`: everyone and everything that can reach a target.
struct WhoCanCommand: BlastCommand {
  static var configuration: CommandConfiguration {
    CommandConfiguration(
      commandName: "who-can",
      abstract: "Show who or what can reach a target, and along which chain of grants.",
      discussion: """
        TARGET is a node, or admin for every privilege node, or crown-jewels for every \
        node marked sensitive; those two give one result per target node. Identities come \
        first, each with the path from it to the target.
        """,
      example: "blast who-can arn:aws:s3:::customer-data estate.json --action s3:GetObject")
  }

  static let target = ArgumentDefinition.positional(
    "TARGET",
    help: "The node to reach, as a node id or a unique display name; or admin, or "
      + "crown-jewels.")
  static let action = ArgumentDefinition.option(
    "action", valueName: "ACTION",
    help: "Count only grants into the target that allow ACTION, such as s3:GetObject. "
      + "Patterns in grants (* and ?) match it, ignoring case.")
  static let showsPaths = ArgumentDefinition.flag(
    "paths",
    help: "Show the path from every node found, not only from identities. JSON "
      + "always has every path.")

  static var arguments: [ArgumentDefinition] {
    [target] + InputOptions.arguments + [action] + SearchDepthOptions.arguments
      + [showsPaths] + OutputFormatOptions.arguments + OutputFileOptions.arguments
  }

  var target: String
  var inputs: InputOptions
  var action: String?
  var depth: SearchDepthOptions
  var showsPaths: Bool
  var format: OutputFormatOptions
  var output: OutputFileOptions

  init(parsing arguments: ParsedArguments) throws(UsageError) {
    target = arguments.requiredString(Self.target)
    inputs = try InputOptions(parsing: arguments)
    action = arguments.string(Self.action)
    depth = try SearchDepthOptions(parsing: arguments)
    showsPaths = arguments.isSet(Self.showsPaths)
    format = try OutputFormatOptions(parsing: arguments)
    output = try OutputFileOptions(parsing: arguments)
  }

  func validate() throws(UsageError) {
    if action?.isEmpty == true {
      throw .invalidValue("", for: Self.action, expected: "an action such as s3:GetObject")
    }
  }

  func run(console: Console) throws {
    try output.checkDestination(notReplacing: inputs.paths)
    let graph = try inputs.loadGraph(console: console)
    let resolved = try NodeLookup.target(target, in: graph)
    let targetNodes = resolved.nodes(in: graph).sorted { graph.node($0).id < graph.node($1).id }
    let results = targetNodes.map {
      WhoCan(target: $0, in: graph, action: action, maxDepth: depth.maxDepth)
    }
    let report = WhoCanReport(
      target: resolved, action: action, maxDepth: depth.maxDepth, results: results,
      graph: graph, showsPaths: showsPaths)
    try output.write(
      try format.encode(text: { report.text }, json: { report.document }), console: console)
  }
}
