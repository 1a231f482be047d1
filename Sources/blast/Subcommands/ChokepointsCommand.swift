import Analysis

/// `blast chokepoints INPUT... [--to TARGET] [--top N]`: the edges and identities that the
/// most attack paths pass through.
struct ChokepointsCommand: BlastCommand {
  static var configuration: CommandConfiguration {
    CommandConfiguration(
      commandName: "chokepoints",
      abstract: "Rank the edges and identities that the most attack paths pass through.",
      discussion: """
        Scores each edge and each intermediate identity or group by the (source, target) \
        pairs whose shortest attack paths pass through it, each pair split evenly over its \
        shortest paths. The sources are every identity an input defines, except those \
        privileged by construction and the holders of the target, which reach it through \
        their own grant or a group's. A path ends where it acts as a holder. Each edge is \
        listed with the grant behind it.
        """,
      example: "blast chokepoints graphs/sample-estate --to admin --top 5")
  }

  static let to = ArgumentDefinition.option(
    "to", valueName: "TARGET",
    help: "Where the attack paths end: admin (the default) for any privilege node, "
      + "crown-jewels for any node marked sensitive, or a node id or display name.")
  static let top = ArgumentDefinition.option(
    "top", valueName: "N", help: "List the N highest-scoring edges and nodes (default 10).")

  static let includeHolders = ArgumentDefinition.flag(
    "include-holders",
    help: "Treat the holders of the target as sources too, so that the grants that make "
      + "them holders are scored.")

  static var arguments: [ArgumentDefinition] {
    InputOptions.arguments + [to, top, includeHolders] + RevocationCostOptions.arguments
      + OutputFormatOptions.arguments + OutputFileOptions.arguments
  }

  var inputs: InputOptions
  var target: String
  var top: Int
  var includesHolders: Bool
  var costs: RevocationCostOptions
  var format: OutputFormatOptions
  var output: OutputFileOptions

  init(parsing arguments: ParsedArguments) throws(UsageError) {
    inputs = try InputOptions(parsing: arguments)
    target = arguments.string(Self.to) ?? "admin"
    top = try arguments.value(Self.top, as: Int.self) ?? 10
    includesHolders = arguments.isSet(Self.includeHolders)
    costs = try RevocationCostOptions(parsing: arguments)
    format = try OutputFormatOptions(parsing: arguments)
    output = try OutputFileOptions(parsing: arguments)
  }

  func validate() throws(UsageError) {
    if top < 1 {
      throw .invalidValue(String(top), for: Self.top, expected: "a number of at least 1")
    }
  }

  func run(console: Console) throws {
    try output.checkDestination()
    let graph = try inputs.loadGraph(console: console)
    let targetNodes = try NodeLookup.target(target, option: "--to", in: graph)
    console.progress("scoring attack paths to \(target)…")
    let chokepoints = Chokepoints(
      graph: graph, target: targetNodes, keepsHolders: !includesHolders, costs: costs.costs)
    let report = ChokepointsReport(
      chokepoints: chokepoints, top: top, keepsHolders: !includesHolders, graph: graph)
    try output.write(
      try format.encode(text: { report.text }, json: { report.document }), console: console)
  }
}
