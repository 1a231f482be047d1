import AccessGraph
import Analysis

/// `blast paths INPUT... --from ID --to TARGET`: attack paths from one identity.
struct PathsCommand: BlastCommand {
  static var configuration: CommandConfiguration {
    CommandConfiguration(
      commandName: "paths",
      abstract: "Show the shortest attack paths from an identity to a node, admin or crown jewels.",
      discussion: """
        Lists one shortest path to each target node the identity reaches, or with -k the N \
        best paths, several of which may end at the same node. Paths that need no \
        unevaluated condition come first, then shorter ones. Every hop shows the grant \
        behind it and where that grant is written. With a group of identities in --from, \
        each path starts at the member nearest to its target, and -k ranks the paths of \
        all members together.
        """,
      example: "blast paths estate.json --from alice --to admin")
  }

  static let from = ArgumentDefinition.option(
    "from", valueName: "ID",
    help: "The identity the paths start at, as a node id or a unique display name; or a "
      + "group of the identities an input defines: kind:human, kind:workload, "
      + "kind:service-identity, platform:NAME, tag:KEY=VALUE or account:ID.",
    isRequired: true)
  static let to = ArgumentDefinition.option(
    "to", valueName: "TARGET",
    help: "Where the paths end: a node id or display name; admin for any privilege node; "
      + "or crown-jewels for any node marked sensitive.",
    isRequired: true)
  static let limit = ArgumentDefinition.option(
    "limit", short: "k", valueName: "N",
    help: "List the N best loopless paths, unconditional first, then by hops, for N from 1 "
      + "to 10000. Several may end at the same target node.")

  /// The largest `-k`. Each path costs up to one or two breadth-first searches per hop, so
  /// a limit in the millions would run for hours on a large estate without finishing.
  static let maximumLimit = 10_000

  static var arguments: [ArgumentDefinition] {
    InputOptions.arguments + [from, to, limit] + OutputFormatOptions.arguments
      + OutputFileOptions.arguments
  }

  var inputs: InputOptions
  var source: String
  var target: String
  var limit: Int?
  var format: OutputFormatOptions
  var output: OutputFileOptions

  init(parsing arguments: ParsedArguments) throws(UsageError) {
    inputs = try InputOptions(parsing: arguments)
    source = arguments.requiredString(Self.from)
    target = arguments.requiredString(Self.to)
    limit = try arguments.value(Self.limit, as: Int.self)
    format = try OutputFormatOptions(parsing: arguments)
    output = try OutputFileOptions(parsing: arguments)
  }

  func validate() throws(UsageError) {
    if let limit, !(1...Self.maximumLimit).contains(limit) {
      throw .invalidValue(
        String(limit), for: Self.limit, expected: "a number of paths from 1 to 10000")
    }
  }

  func run(console: Console) throws {
    try output.checkDestination(notReplacing: inputs.paths)
    let graph = try inputs.loadGraph(console: console)
    let sourceNodes = try NodeLookup.sources(source, option: Self.from, in: graph)
    let targetNodes = try NodeLookup.target(target, option: "--to", in: graph)
    let paths =
      if let limit {
        Self.rankedPaths(
          from: sourceNodes, to: targetNodes, limit: limit, in: graph, console: console)
      } else {
        graph.shortestPaths(from: sourceNodes, to: targetNodes)
      }
    let report = PathsReport(
      sourceText: source, sources: sourceNodes, target: targetNodes, limit: limit,
      paths: paths, graph: graph)
    try output.write(
      try format.encode(text: { report.text }, json: { report.document }), console: console)
  }

  /// Runs `rankedPaths(from:to:limit:progress:)`, with a progress note every two seconds
  /// once the search has run for two seconds, on a terminal only.
  static func rankedPaths(
    from sources: [NodeID], to target: Target, limit: Int, in graph: AccessGraph,
    console: Console
  ) -> [AttackPath] {
    let clock = ContinuousClock()
    var nextNote = clock.now + .seconds(2)
    return graph.rankedPaths(from: sources, to: target, limit: limit) { found in
      guard clock.now >= nextNote else { return }
      nextNote = clock.now + .seconds(2)
      console.progress("found \(found) of at most \(limit) paths…")
    }
  }
}
