/// Runs `blast` for one command line: picks the subcommand, parses its arguments, runs it,
/// and turns whatever it throws into a message and an exit status.
struct CommandRunner {
  let root: CommandConfiguration
  let console: Console

  /// Runs the command line `arguments`, without the program name.
  ///
  /// - Returns: The exit status; `ExitStatus` describes the values.
  func run(_ arguments: [String]) -> ExitStatus {
    guard let first = arguments.first else {
      return fail(UsageError.missingCommand(commandNames), usage: nil)
    }
    switch first {
    case "--help", "-h":
      console.output(HelpFormatter.rootHelp(root))
      return .success
    case "--version":
      console.output(root.version + "\n")
      return .success
    default:
      break
    }
    if ArgumentParser.isOptionLike(first) {
      let error =
        Suggestion.closest(to: first, among: ["--help", "--version"])
        .map { UsageError.unknownOption(first, suggestion: $0) }
        ?? UsageError(
          "unknown option \"\(first)\" before the command",
          remedy: "give the command first and its options after it")
      return fail(error, usage: nil)
    }
    guard let command = root.subcommands.first(where: { $0.configuration.commandName == first })
    else {
      let suggestion = Suggestion.closest(to: first, among: commandNames)
      let error = UsageError.unknownCommand(first, suggestion: suggestion, commands: commandNames)
      return fail(error, usage: nil)
    }
    return run(command, Array(arguments.dropFirst()))
  }

  private var commandNames: [String] {
    // A key path on the existential metatype crashes the Swift 6.3.1 compiler, so this
    // uses a closure.
    root.subcommands.map { $0.configuration.commandName }
  }

  private func run<Command: BlastCommand>(
    _ command: Command.Type, _ arguments: [String]
  ) -> ExitStatus {
    let commandPath = "\(root.commandName) \(command.configuration.commandName)"
    let options = arguments.prefix { $0 != "--" }
    if options.contains("--help") || options.contains("-h") {
      console.output(HelpFormatter.help(for: command, commandPath: commandPath))
      return .success
    }

    do {
      let parsed = try ArgumentParser(definitions: command.arguments).parse(arguments)
      let instance = try Command(parsing: parsed)
      try instance.validate()
      try instance.run(console: console)
      return .success
    } catch {
      return fail(error, usage: (command, commandPath))
    }
  }

  /// Prints `error`, and for a usage error the usage line and where to find help.
  private func fail(
    _ error: any Error, usage: (command: any BlastCommand.Type, path: String)?
  ) -> ExitStatus {
    console.error(ExitStatus.message(for: error))
    if error is UsageError {
      if let usage {
        console.note("usage: \(HelpFormatter.usage(for: usage.command, commandPath: usage.path))")
        console.note("run `\(usage.path) --help` for every option")
      } else {
        console.note("run `\(root.commandName) --help` for the list of commands")
      }
    }
    return ExitStatus(for: error)
  }
}
