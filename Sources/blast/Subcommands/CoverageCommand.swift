import Analysis

/// `blast coverage INPUT...`: how every workload authenticates, per platform.
struct CoverageCommand: BlastCommand {
  static var configuration: CommandConfiguration {
    CommandConfiguration(
      commandName: "coverage",
      abstract: "Show how each workload authenticates: managed identity, federation or a "
        + "static secret.",
      discussion: """
        Counts, per platform, the workloads that run as a platform-managed identity, \
        that obtain short-lived credentials through federation, and that use a static \
        secret, then lists every workload with each method, the credential behind it, \
        its age and expiry, and the edges that show it.
        """,
      example: "blast coverage estate.json --as-of 2025-01-15")
  }

  static let date = ArgumentDefinition.option(
    "as-of", valueName: "DATE",
    help: "Count credential ages and expiries to DATE, given as YYYY-MM-DD. Without it, "
      + "today's date in UTC is used.")

  static var arguments: [ArgumentDefinition] {
    InputOptions.arguments + [date] + OutputFormatOptions.arguments
      + OutputFileOptions.arguments
  }

  var inputs: InputOptions
  var date: CalendarDate
  var format: OutputFormatOptions
  var output: OutputFileOptions

  init(parsing arguments: ParsedArguments) throws(UsageError) {
    inputs = try InputOptions(parsing: arguments)
    format = try OutputFormatOptions(parsing: arguments)
    output = try OutputFileOptions(parsing: arguments)
    date = try AsOfDate.value(of: Self.date, in: arguments)
  }

  func run(console: Console) throws {
    try output.checkDestination(notReplacing: inputs.paths)
    let graph = try inputs.loadGraph(console: console)
    let coverage = AuthenticationCoverage(in: graph, date: date)
    let report = CoverageReport(coverage: coverage, graph: graph)
    try output.write(
      try format.encode(text: { report.text }, json: { report.document }), console: console)
  }
}
