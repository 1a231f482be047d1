import Analysis

/// `blast chokepoints INPUT... [--from ID] [--to TARGET] [--top N]`: the edges and identities
/// that the most attack paths pass through.
struct ChokepointsCommand: BlastCommand {
  static var configuration: CommandConfiguration {
    CommandConfiguration(
      commandName: "chokepoints",
      abstract: "Rank the edges and identities that the most attack paths pass through.",
      discussion: """
        Scores each edge and each intermediate identity or group by the (source, target) \
        pairs whose shortest attack paths pass through it, each pair split evenly over its \
        shortest paths. The sources are --from, or every identity and public node that \
        holds a grant, except those privileged by construction and the holders of the \
        target, which reach it through their own grant, a group's or their identity's. A \
        path ends where it acts as a holder. Each edge is listed with the grant behind it.
        """,
      example: "blast chokepoints graphs/sample-estate --to admin --top 5")
  }

  static let from = ArgumentDefinition.option(
    "from", valueName: "ID",
    help: "Score only the paths from this identity, as a node id or a unique display name; "
      + "or from a group of identities, as blast paths takes it, such as kind:human. Holders "
      + "are then not kept.")
  static let to = ArgumentDefinition.option(
    "to", valueName: "TARGET",
    help: "Where the attack paths end: admin (the default) for any privilege node, "
      + "crown-jewels for any node marked sensitive, or a node id or display name.")
  static let top = ArgumentDefinition.option(
    "top", valueName: "N", help: "List the N highest-scoring edges and nodes (default 10).")

  static let includeHolders = ArgumentDefinition.flag(
    "include-holders",
    help: "Treat the holders of the target as sources too, so that the grants that make "
      + "them holders are scored. Not allowed with --from, which keeps no holders.")

  static var arguments: [ArgumentDefinition] {
    InputOptions.arguments + [from, to, top, includeHolders] + RevocationCostOptions.arguments
      + OutputFormatOptions.arguments + OutputFileOptions.arguments
  }

  var inputs: InputOptions
  var source: String?
  var target: String
  var top: Int
  var includesHolders: Bool
  var costs: RevocationCostOptions
  var format: OutputFormatOptions
  var output: OutputFileOptions

  init(parsing arguments: ParsedArguments) throws(UsageError) {
    inputs = try InputOptions(parsing: arguments)
    source = arguments.string(Self.from)
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
    if source != nil && includesHolders {
      throw .holdersWithSources()
    }
  }

  func run(console: Console) throws {
    try output.checkDestination(notReplacing: inputs.paths)
    let graph = try inputs.loadGraph(console: console)
    let sourceNodes = try source.map { try NodeLookup.sources($0, option: Self.from, in: graph) }
    let targetNodes = try NodeLookup.target(target, option: "--to", in: graph)
    console.progress("scoring attack paths to \(target)…")
    let keepsHolders = sourceNodes == nil && !includesHolders
    let chokepoints = Chokepoints(
      graph: graph, target: targetNodes, sources: sourceNodes, keepsHolders: keepsHolders,
      costs: costs.costs)
    let report = ChokepointsReport(
      chokepoints: chokepoints, top: top, keepsHolders: keepsHolders, graph: graph,
      sourcesGiven: sourceNodes != nil)
    try output.write(
      try format.encode(text: { report.text }, json: { report.document }), console: console)
  }
}
