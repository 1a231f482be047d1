import Analysis

/// `blast cut INPUT... --to TARGET [--from ID]`: grants to revoke, found by minimum cut.
struct CutCommand: BlastCommand {
  static var configuration: CommandConfiguration {
    CommandConfiguration(
      commandName: "cut",
      abstract: "Find grants to revoke, by minimum cut, that cut every path to a target.",
      discussion: """
        Computes a minimum cut of the attack paths from --from, or from every identity \
        and public node that is not privileged by construction, to the target, weighing \
        each grant by its \
        relation and by how many edges it gives. Without --from, the holders of the \
        target, which reach it through their own grant or a group's, are kept: the plan \
        cuts the other identities off from the target and from acting as any holder, and \
        lists the holders with the grant that makes each one a holder. Lists the grants \
        to revoke with the edges each cuts, the reach before and after, and checks with a \
        fresh search that no target is reached afterwards. Exits with status 1 when a \
        source reaches the target through edges that cannot be revoked.
        """,
      example: "blast cut graphs/sample-estate --from svc-telemetry --to admin")
  }

  static let from = ArgumentDefinition.option(
    "from", valueName: "ID",
    help: "The identity to cut off, as a node id or a unique display name; or a group of "
      + "identities, as blast paths takes it: kind:human, kind:workload, "
      + "kind:service-identity, platform:NAME, tag:KEY=VALUE or account:ID. Without it, every "
      + "identity and public node that holds a grant, except those privileged by construction.")
  static let to = ArgumentDefinition.option(
    "to", valueName: "TARGET",
    help: "What to cut off from: a node id or display name; admin for any privilege node; "
      + "or crown-jewels for any node marked sensitive.",
    isRequired: true)

  static let includeHolders = ArgumentDefinition.flag(
    "include-holders",
    help: "Treat the holders of the target as sources too, so that the plan may revoke the "
      + "grants that make them holders. Not allowed with --from, which keeps no holders.")

  static var arguments: [ArgumentDefinition] {
    InputOptions.arguments + [from, to, includeHolders] + RevocationCostOptions.arguments
      + OutputFormatOptions.arguments + OutputFileOptions.arguments
  }

  var inputs: InputOptions
  var source: String?
  var target: String
  var includesHolders: Bool
  var costs: RevocationCostOptions
  var format: OutputFormatOptions
  var output: OutputFileOptions

  init(parsing arguments: ParsedArguments) throws(UsageError) {
    inputs = try InputOptions(parsing: arguments)
    source = arguments.string(Self.from)
    target = arguments.requiredString(Self.to)
    includesHolders = arguments.isSet(Self.includeHolders)
    costs = try RevocationCostOptions(parsing: arguments)
    format = try OutputFormatOptions(parsing: arguments)
    output = try OutputFileOptions(parsing: arguments)
  }

  func validate() throws(UsageError) {
    if source != nil && includesHolders {
      throw .holdersWithSources()
    }
  }

  func run(console: Console) throws {
    try output.checkDestination(notReplacing: inputs.paths)
    let graph = try inputs.loadGraph(console: console)
    let sourceNodes = try source.map { try NodeLookup.sources($0, option: Self.from, in: graph) }
    let targetNodes = try NodeLookup.target(target, option: "--to", in: graph)
    console.progress("cutting paths to \(target)…")
    let plan = RevocationPlan(
      graph: graph, target: targetNodes, sources: sourceNodes, keepsHolders: !includesHolders,
      costs: costs.costs)
    guard plan.targetsReachedAfter.isEmpty else {
      throw CutCheckFailure(reached: plan.targetsReachedAfter.map { graph.node($0).id })
    }
    let report = CutReport(plan: plan, graph: graph, sourcesGiven: source != nil)
    try output.write(
      try format.encode(text: { report.text }, json: { report.document }), console: console)
    if let blocked = plan.unrevocablePath {
      throw UnrevocableAccessError(
        source: graph.node(blocked.source).name,
        target: CutReport.targetName(of: targetNodes, in: graph), isTarget: blocked.edges.isEmpty)
    }
  }
}

/// The check after a cut found a target still reached: a bug in `blast`, exit status 70.
struct CutCheckFailure: Error, CustomStringConvertible {
  var reached: [String]

  var description: String {
    "the revocation plan leaves \(reached.joined(separator: ", ")) reachable"
  }
}
