import Foundation

/// The `blast` command: blast radius and attack paths across an estate of identities.
///
/// To add a subcommand, write a type that conforms to `BlastCommand` in its own file under
/// `Subcommands/` and list it in `subcommands` below.
@main
struct Blast {
  static var configuration: CommandConfiguration {
    CommandConfiguration(
      commandName: "blast",
      abstract:
        "Compute blast radius and attack paths across cloud, cluster and on-premises identities.",
      version: "0.1.0",
      subcommands: [
        ImportCommand.self,
        RadiusCommand.self,
        WhoCanCommand.self,
        PathsCommand.self,
        RankCommand.self,
        CutCommand.self,
        ChokepointsCommand.self,
        CoverageCommand.self,
        RenderCommand.self,
        ReportCommand.self,
      ])
  }

  static func main() {
    let runner = CommandRunner(root: configuration, console: Console())
    let status = runner.run(Array(CommandLine.arguments.dropFirst()))
    exit(status.rawValue)
  }
}
