/// Splits one command's tokens into positionals, options and flags.
///
/// Options and flags may appear anywhere among the positionals. An option's value follows
/// it as the next token (`--depth 3`, `-k 3`), after `=` (`--depth=3`), or right after a
/// short name (`-k3`). A token `--` ends option parsing, so later tokens are positionals
/// even when they begin with `-`. A lone `-` and negative numbers are positionals or values.
/// `--help` and `-h` are handled by `CommandRunner` before parsing.
struct ArgumentParser {
  let definitions: [ArgumentDefinition]

  /// Parses `tokens` and checks that every required positional and option is present.
  ///
  /// - Throws: `UsageError` naming the first token or definition that does not fit.
  func parse(_ tokens: [String]) throws(UsageError) -> ParsedArguments {
    var parsed = ParsedArguments()
    var positionals: [String] = []
    var index = 0
    var isParsingOptions = true

    while index < tokens.count {
      let token = tokens[index]
      index += 1
      if isParsingOptions && token == "--" {
        isParsingOptions = false
      } else if isParsingOptions && Self.isOptionLike(token) {
        try parseOption(token, tokens: tokens, index: &index, into: &parsed)
      } else {
        positionals.append(token)
      }
    }

    try assign(positionals, into: &parsed)
    for definition in definitions where definition.kind == .option && definition.isRequired {
      if !parsed.contains(definition) {
        throw .missingOption(definition)
      }
    }
    return parsed
  }

  /// Returns whether `token` names an option rather than being a value. It does when it
  /// begins with `-` and is neither `-` alone nor a negative number.
  static func isOptionLike(_ token: String) -> Bool {
    token.hasPrefix("-") && token != "-" && Int(token) == nil
  }

  private func parseOption(
    _ token: String, tokens: [String], index: inout Int, into parsed: inout ParsedArguments
  ) throws(UsageError) {
    let definition: ArgumentDefinition
    let spelling: String
    var attachedValue: String?

    if token.hasPrefix("--") {
      let parts = token.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      spelling = String(parts[0])
      attachedValue = parts.count > 1 ? String(parts[1]) : nil
      definition = try lookUp(.long(String(spelling.dropFirst(2))), spelling: spelling)
    } else {
      let letter = token.dropFirst().first!
      spelling = "-\(letter)"
      // When no short option matches, `-from` is compared with the long names, because it
      // is likely `--from` typed with one dash.
      definition = try lookUp(.short(letter), spelling: token, longForm: "-\(token)")
      let rest = token.dropFirst(2)
      if !rest.isEmpty {
        guard definition.kind == .option else {
          throw .unknownOption(token, suggestion: nil)
        }
        attachedValue = String(rest.hasPrefix("=") ? rest.dropFirst() : rest)
      }
    }

    if definition.kind == .flag {
      if let attachedValue {
        throw .unexpectedValue(attachedValue, for: spelling)
      }
      parsed.set(definition)
      return
    }
    if parsed.contains(definition) && !definition.isRepeatable {
      throw .repeatedOption(spelling)
    }
    if let attachedValue {
      parsed.append(attachedValue, for: definition)
      return
    }
    guard index < tokens.count, !Self.isOptionLike(tokens[index]) else {
      throw .missingValue(for: spelling, valueName: definition.valueName)
    }
    parsed.append(tokens[index], for: definition)
    index += 1
  }

  /// Finds the definition spelled `name`.
  ///
  /// - Parameters:
  ///   - spelling: The text to quote when no definition matches.
  ///   - longForm: The text to compare with the known long names for a "did you mean" hint.
  private func lookUp(
    _ name: OptionName, spelling: String, longForm: String? = nil
  ) throws(UsageError) -> ArgumentDefinition {
    if let definition = definitions.first(where: { $0.names.contains(name) }) {
      return definition
    }
    let longNames = definitions.flatMap(\.names).compactMap { name -> String? in
      if case .long = name { name.description } else { nil }
    }
    let compared = longForm ?? spelling
    let suggestion =
      compared.hasPrefix("--")
      ? Suggestion.closest(to: compared, among: longNames + ["--help"]) : nil
    throw .unknownOption(spelling, suggestion: suggestion)
  }

  /// Hands positionals to the positional definitions in order; a variadic one takes the rest.
  private func assign(
    _ positionals: [String], into parsed: inout ParsedArguments
  ) throws(UsageError) {
    var remaining = positionals[...]
    for definition in definitions where definition.kind == .positional {
      if definition.isVariadic {
        for value in remaining {
          parsed.append(value, for: definition)
        }
        remaining = []
      } else if let value = remaining.popFirst() {
        parsed.append(value, for: definition)
      }
      if definition.isRequired && !parsed.contains(definition) {
        throw .missingArgument(definition)
      }
    }
    if let extra = remaining.first {
      throw .unexpectedArgument(extra)
    }
  }
}
