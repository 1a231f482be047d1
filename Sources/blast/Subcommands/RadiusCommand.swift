import Analysis

/// `blast radius IDENTITY INPUT...`: everything one identity can reach.
struct RadiusCommand: BlastCommand {
  static var configuration: CommandConfiguration {
    CommandConfiguration(
      commandName: "radius",
      abstract: "Show everything an identity can reach if it is misused, and how.",
      discussion: """
        Follows grants from the identity across platforms and accounts, and lists every \
        node reached with its fewest hops. Privileges and crown jewels come first, each \
        with the path that reaches it.
        """,
      example: "blast radius arn:aws:iam::111122223333:role/deployer estate.json --depth 4")
  }

  static let identity = ArgumentDefinition.positional(
    "IDENTITY",
    help: "The identity to start from: a node id such as an ARN, or a unique display name.")
  static let showsPaths = ArgumentDefinition.flag(
    "paths",
    help: "Show the path to every node reached, not only to privileges and crown "
      + "jewels. JSON always has every path.")

  static var arguments: [ArgumentDefinition] {
    [identity] + InputOptions.arguments + SearchDepthOptions.arguments + [showsPaths]
      + OutputFormatOptions.arguments + OutputFileOptions.arguments
  }

  var identity: String
  var inputs: InputOptions
  var depth: SearchDepthOptions
  var showsPaths: Bool
  var format: OutputFormatOptions
  var output: OutputFileOptions

  init(parsing arguments: ParsedArguments) throws(UsageError) {
    identity = arguments.requiredString(Self.identity)
    inputs = try InputOptions(parsing: arguments)
    depth = try SearchDepthOptions(parsing: arguments)
    showsPaths = arguments.isSet(Self.showsPaths)
    format = try OutputFormatOptions(parsing: arguments)
    output = try OutputFileOptions(parsing: arguments)
  }

  func run(console: Console) throws {
    try output.checkDestination(notReplacing: inputs.paths)
    let graph = try inputs.loadGraph(console: console)
    let source = try NodeLookup.node(identity, in: graph)
    let radius = BlastRadius(of: source, in: graph, maxDepth: depth.maxDepth)
    let report = RadiusReport(radius: radius, graph: graph, showsPaths: showsPaths)
    try output.write(
      try format.encode(text: { report.text }, json: { report.document }), console: console)
  }
}
