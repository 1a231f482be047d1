import Analysis

/// `blast rank INPUT...`: every identity ordered by a risk score, with the factors behind it.
struct RankCommand: BlastCommand {
  static var configuration: CommandConfiguration {
    CommandConfiguration(
      commandName: "rank",
      abstract: "Rank every identity by a risk score and show the factors behind it.",
      discussion: """
        Scores people, workloads and service identities side by side from what each one \
        reaches (privileges, crown jewels, platforms, accounts, nodes; over every edge and \
        without unevaluated conditions), who and what can act as it (public bindings, \
        static credentials and their age, people, trust from other accounts, platforms \
        or identity providers), and how long ago it was last used. docs/ranking.md gives \
        the formula and the default weights.
        """,
      example: "blast rank estate.json --top 10 --as-of 2025-01-15")
  }

  static let top = ArgumentDefinition.option(
    "top", valueName: "N",
    help: "Show only the N identities with the highest scores. Without it, every identity "
      + "is shown.")
  static let weights = ArgumentDefinition.option(
    "weights", valueName: "FILE",
    help: "Read factor weights from FILE, a JSON object such as {\"privileges\": 20}. "
      + "Factors it leaves out keep their default weight.")
  static let date = ArgumentDefinition.option(
    "as-of", valueName: "DATE",
    help: "Count credential ages and time since last use to DATE, given as YYYY-MM-DD. "
      + "Without it, today's date in UTC is used.")

  static var arguments: [ArgumentDefinition] {
    InputOptions.arguments + [top, weights, date] + TableFormatOptions.arguments
      + OutputFileOptions.arguments
  }

  var inputs: InputOptions
  var top: Int?
  var weightsFile: String?
  var date: CalendarDate
  var format: TableFormatOptions
  var output: OutputFileOptions

  init(parsing arguments: ParsedArguments) throws(UsageError) {
    inputs = try InputOptions(parsing: arguments)
    top = try arguments.value(Self.top, as: Int.self)
    weightsFile = arguments.string(Self.weights)
    date = try AsOfDate.value(of: Self.date, in: arguments)
    format = try TableFormatOptions(parsing: arguments)
    output = try OutputFileOptions(parsing: arguments)
  }

  func validate() throws(UsageError) {
    if let top, top < 1 {
      throw .invalidValue(String(top), for: Self.top, expected: "a number of at least 1")
    }
  }

  func run(console: Console) throws {
    try output.checkDestination(notReplacing: inputs.paths)
    let weights = try weightsFile.map(RiskWeightsFile.read) ?? .defaults
    let graph = try inputs.loadGraph(console: console)
    console.progress("ranking identities…")
    let ranking = IdentityRisk.rank(in: graph, weights: weights, date: date)
    let report = RankReport(
      risks: Array(ranking.prefix(top ?? ranking.count)), total: ranking.count,
      weights: weights, date: date, graph: graph)
    try output.write(
      try format.encode(
        text: { report.text }, json: { report.document }, csv: { report.table }),
      console: console)
  }
}
