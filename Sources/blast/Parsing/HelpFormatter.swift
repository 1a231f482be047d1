import Foundation

/// Builds the help and usage text of `blast` and its subcommands.
///
/// Help goes to standard output. Lines wrap at 80 columns, and descriptions start in
/// column 27 so that they line up across sections.
enum HelpFormatter {
  static let width = 80
  static let labelWidth = 24
  static let helpFlag = ArgumentDefinition.flag("help", short: "h", help: "Show this help.")
  static let versionFlag = ArgumentDefinition.flag("version", help: "Show the version.")

  /// Returns the help of the root command: its subcommands and the options it takes.
  static func rootHelp(_ configuration: CommandConfiguration) -> String {
    let name = configuration.commandName
    var lines = overview(configuration)
    lines += ["USAGE: \(name) COMMAND ...", ""]
    lines.append("COMMANDS:")
    for command in configuration.subcommands {
      let subcommand = command.configuration
      lines += entry(subcommand.commandName, subcommand.abstract)
    }
    lines += ["", "OPTIONS:"]
    lines += entry(versionFlag.helpLabel, versionFlag.help)
    lines += entry(helpFlag.helpLabel, helpFlag.help)
    lines += ["", "Run `\(name) COMMAND --help` for the arguments and options of a command."]
    return lines.joined(separator: "\n") + "\n"
  }

  /// Returns the help of one subcommand, called as `commandPath` (such as `blast radius`).
  static func help(for command: any BlastCommand.Type, commandPath: String) -> String {
    let configuration = command.configuration
    var lines = overview(configuration)
    lines += wrap(words: ["USAGE:"] + usageParts(for: command, commandPath: commandPath), indent: 7)
    let positionals = command.arguments.filter { $0.kind == .positional }
    if !positionals.isEmpty {
      lines += ["", "ARGUMENTS:"]
      for definition in positionals {
        lines += entry(definition.helpLabel, definition.help)
      }
    }
    lines += ["", "OPTIONS:"]
    for definition in command.arguments where definition.kind != .positional {
      lines += entry(definition.helpLabel, definition.help)
    }
    lines += entry(helpFlag.helpLabel, helpFlag.help)
    if !configuration.example.isEmpty {
      lines += ["", "EXAMPLE:", "  \(configuration.example)"]
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Returns the synopsis of a subcommand, such as
  /// `blast radius IDENTITY INPUT... [--depth N] [--json]`.
  static func usage(for command: any BlastCommand.Type, commandPath: String) -> String {
    usageParts(for: command, commandPath: commandPath).joined(separator: " ")
  }

  /// Returns the words of the synopsis, each option with its value kept together for
  /// wrapping.
  private static func usageParts(
    for command: any BlastCommand.Type, commandPath: String
  ) -> [String] {
    let parts = command.arguments.map { definition in
      definition.isRequired ? definition.synopsis : "[\(definition.synopsis)]"
    }
    return [commandPath] + parts
  }

  private static func overview(_ configuration: CommandConfiguration) -> [String] {
    var lines = wrap("OVERVIEW: \(configuration.abstract)", indent: 0) + [""]
    for paragraph in configuration.discussion.components(separatedBy: "\n\n")
    where !paragraph.isEmpty {
      let paragraphLines = paragraph.split(separator: "\n").map(String.init)
      if paragraphLines.contains(where: { $0.hasPrefix(" ") }) {
        lines += paragraphLines
      } else {
        lines += wrap(paragraphLines.joined(separator: " "), indent: 0)
      }
      lines.append("")
    }
    return lines
  }

  /// Formats one row of a two-column list: the label, then the description wrapped beside
  /// it, or on the lines below when the label is too wide.
  private static func entry(_ label: String, _ description: String) -> [String] {
    let column = labelWidth + 2
    let paddedLabel = "  " + label
    var lines = wrap(description, firstIndent: column, indent: column)
    if paddedLabel.count + 2 <= column {
      lines[0] = paddedLabel + lines[0].dropFirst(paddedLabel.count)
      return lines
    }
    return [paddedLabel] + lines
  }

  /// Wraps `text` at spaces into lines of at most `width` columns. The first line starts
  /// with `firstIndent` spaces and the others with `indent`; a word longer than a line
  /// stays whole.
  static func wrap(
    _ text: String, firstIndent: Int = 0, indent: Int, width: Int = width
  ) -> [String] {
    wrap(
      words: text.split(separator: " ").map(String.init), firstIndent: firstIndent,
      indent: indent, width: width)
  }

  /// Wraps `words`, each kept whole, as `wrap(_:firstIndent:indent:width:)` does.
  static func wrap(
    words: [String], firstIndent: Int = 0, indent: Int, width: Int = width
  ) -> [String] {
    var lines: [String] = []
    var line = String(repeating: " ", count: firstIndent)
    var lineHasWords = false
    for word in words {
      if lineHasWords && line.count + 1 + word.count > width {
        lines.append(line)
        line = String(repeating: " ", count: indent)
        lineHasWords = false
      }
      line += (lineHasWords ? " " : "") + word
      lineHasWords = true
    }
    lines.append(line)
    return lines
  }
}
