import Analysis
import Reports

/// `blast report INPUT... -o DIR`: the main job, a report folder of diagrams and a summary.
struct ReportCommand: BlastCommand {
  static var configuration: CommandConfiguration {
    CommandConfiguration(
      commandName: "report",
      abstract: "Write a report folder: estate overview, riskiest identities and attack paths.",
      discussion: """
        Ranks identities by the risk score of blast rank, draws the blast radius of the riskiest ones \
        and their shortest attack paths to admin and to crown jewels as SVG diagrams, and \
        writes README.md, a Markdown summary that links them with the grant behind every \
        hop. The folder is replaced in one step once everything is written; an existing \
        folder is replaced only if it is empty or holds an earlier report.
        """,
      example: "blast report graphs/sample-estate -o out/report")
  }

  static let output = ArgumentDefinition.option(
    "output", short: "o", valueName: "DIR", help: "The folder to write the report to.",
    isRequired: true)
  static let top = ArgumentDefinition.option(
    "top", valueName: "N", help: "Cover the N riskiest identities (default 5).")

  static let date = ArgumentDefinition.option(
    "as-of", valueName: "DATE",
    help: "Count credential ages and time since last use to DATE, given as YYYY-MM-DD. "
      + "Without it, today's date in UTC is used.")

  static var arguments: [ArgumentDefinition] {
    InputOptions.arguments + [output, top, date]
  }

  var inputs: InputOptions
  var folder: String
  var top: Int
  var date: CalendarDate

  init(parsing arguments: ParsedArguments) throws(UsageError) {
    inputs = try InputOptions(parsing: arguments)
    folder = arguments.requiredString(Self.output)
    top = try arguments.value(Self.top, as: Int.self) ?? 5
    date = try AsOfDate.value(of: Self.date, in: arguments)
  }

  func validate() throws(UsageError) {
    if top < 1 {
      throw .invalidValue(String(top), for: Self.top, expected: "a number of at least 1")
    }
  }

  func run(console: Console) throws {
    let graph = try inputs.loadGraph(console: console)
    console.progress("ranking identities…")
    let report = EstateReport(graph: graph, inputs: inputs.paths, topCount: top, date: date)
    let files = try report.write(to: folder) { console.progress($0) }
    console.progress("wrote \(files.count) files to \(folder)")
  }
}
