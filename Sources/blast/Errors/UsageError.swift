/// A command line that `blast` cannot run as written: an unknown option, a missing value,
/// a value of the wrong type or a combination of options that does not make sense.
///
/// Every usage error exits with status 64. The runner prints the message after
/// `blast: error: ` and follows it with the command's usage line.
struct UsageError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The problem, quoting what the user typed.
  var problem: String
  /// The next step for the user.
  var remedy: String

  init(_ problem: String, remedy: String) {
    self.problem = problem
    self.remedy = remedy
  }

  var description: String { "\(problem); \(remedy)" }

  static func unknownOption(_ spelling: String, suggestion: String?) -> UsageError {
    UsageError(
      "unknown option \"\(spelling)\"",
      remedy: suggestion.map { "did you mean \"\($0)\"?" } ?? "check the spelling")
  }

  /// Returns the error for an option at the end of the command line, or followed by
  /// another option.
  ///
  /// - Parameter spelling: The option as typed, such as `-o`.
  static func missingValue(for spelling: String, valueName: String) -> UsageError {
    UsageError(
      "missing value for \"\(spelling)\"", remedy: "give it as \(spelling) \(valueName)")
  }

  static func unexpectedValue(_ value: String, for spelling: String) -> UsageError {
    UsageError(
      "\"\(spelling)\" takes no value, but \"\(value)\" was given",
      remedy: "write \(spelling) on its own")
  }

  static func invalidValue(
    _ value: String, for definition: ArgumentDefinition, expected: String
  ) -> UsageError {
    UsageError(
      "invalid value \"\(value)\" for \"\(definition.displayName)\"", remedy: "give \(expected)")
  }

  static func repeatedOption(_ spelling: String) -> UsageError {
    UsageError("\"\(spelling)\" is given more than once", remedy: "give it once")
  }

  static func missingOption(_ definition: ArgumentDefinition) -> UsageError {
    UsageError(
      "missing option \"\(definition.displayName)\"",
      remedy: "add \(definition.synopsis) to the command line")
  }

  static func missingArgument(_ definition: ArgumentDefinition) -> UsageError {
    if definition.isVariadic {
      return UsageError(
        "missing \(definition.valueName)", remedy: "give at least one \(definition.valueName)")
    }
    return UsageError(
      "missing \(definition.valueName)", remedy: "add it to the command line")
  }

  /// `blast render radius` with one argument: the identity or the inputs are missing.
  static func missingRadiusInput(_ value: String) -> UsageError {
    UsageError(
      "render radius needs an identity and then inputs, but only \"\(value)\" was given",
      remedy: "write blast render radius IDENTITY INPUT...")
  }

  /// `--include-holders` with `--from`: holders are kept only without given sources, so the
  /// flag would change nothing.
  static func holdersWithSources() -> UsageError {
    UsageError(
      "\"--include-holders\" has no effect with \"--from\", because a plan from given "
        + "identities keeps no holders",
      remedy: "drop --include-holders, or drop --from to plan for every identity")
  }

  static func unexpectedArgument(_ value: String) -> UsageError {
    UsageError("unexpected argument \"\(value)\"", remedy: "remove it")
  }

  static func unknownCommand(
    _ name: String, suggestion: String?, commands: [String]
  ) -> UsageError {
    let remedy =
      suggestion.map { "did you mean \"\($0)\"?" }
      ?? "use one of \(commands.joined(separator: ", "))"
    return UsageError("unknown command \"\(name)\"", remedy: remedy)
  }

  static func missingCommand(_ commands: [String]) -> UsageError {
    UsageError("missing command", remedy: "use one of \(commands.joined(separator: ", "))")
  }
}
