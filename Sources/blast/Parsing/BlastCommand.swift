/// The name, help text and subcommands of a command.
struct CommandConfiguration {
  var commandName: String
  /// One sentence for the command list and the top of help.
  var abstract: String
  /// Paragraphs shown after the usage line in help; may be empty.
  var discussion: String = ""
  /// One invocation shown at the end of help, without the leading `$`.
  var example: String = ""
  /// The version `--version` prints; set on the root command only.
  var version: String = ""
  /// The commands under this one, in the order help lists them.
  var subcommands: [any BlastCommand.Type] = []
}

/// A subcommand of `blast`, such as `blast radius`.
///
/// The runner parses the command line against `arguments`, builds the command with
/// `init(parsing:)`, calls `validate()` and then `run(console:)`. Keep `run` thin: load the
/// inputs, call an `Analysis` type and print what it returns.
protocol BlastCommand {
  static var configuration: CommandConfiguration { get }

  /// The positionals, options and flags, in the order usage and help list them.
  static var arguments: [ArgumentDefinition] { get }

  /// Reads the parsed values, converting and checking each one on its own.
  init(parsing arguments: ParsedArguments) throws(UsageError)

  /// Rejects values and combinations that parse but make no sense together.
  func validate() throws(UsageError)

  /// Does the work, writing results to standard output or the `-o` file.
  ///
  /// - Throws: Any error; `ExitStatus` decides the exit status and message.
  func run(console: Console) throws
}

extension BlastCommand {
  func validate() throws(UsageError) {}
}

/// Options that several commands share, such as the inputs or `--json`.
///
/// A command adds a group's `arguments` to its own and keeps the group as a property, built
/// from the same `ParsedArguments`.
protocol OptionGroup {
  static var arguments: [ArgumentDefinition] { get }

  init(parsing arguments: ParsedArguments) throws(UsageError)
}
