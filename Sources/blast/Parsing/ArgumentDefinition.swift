/// A name that an option is spelled with on the command line: `--depth` or `-k`.
enum OptionName: Hashable, Sendable, CustomStringConvertible {
  case long(String)
  case short(Character)

  var description: String {
    switch self {
    case .long(let name): "--\(name)"
    case .short(let letter): "-\(letter)"
    }
  }
}

/// One positional argument, option or flag that a command accepts, with its help text.
///
/// Commands declare their definitions as static properties and read the parsed values back
/// through `ParsedArguments`, passing the same definition.
struct ArgumentDefinition: Sendable {
  enum Kind: Sendable {
    /// A value given by its position, such as `IDENTITY` or `INPUT...`.
    case positional
    /// A named option that takes a value: `--depth 3`, `--depth=3`, `-k 3` or `-k3`.
    case option
    /// A named switch without a value, such as `--json`.
    case flag
  }

  var kind: Kind
  /// The names the option is spelled with, long name first; empty for a positional.
  var names: [OptionName]
  /// The placeholder for the value in usage and help, such as `N` or `FILE`; empty for a flag.
  var valueName: String
  /// One or more sentences, each ending with a period.
  var help: String
  var isRequired: Bool
  /// Whether a positional takes every remaining value, as `INPUT...` does.
  var isVariadic: Bool
  /// Whether an option may be given more than once, each time with one value.
  var isRepeatable = false

  /// Creates a positional argument. A variadic one must come last and needs at least one
  /// value.
  ///
  /// A command that checks a positional itself, after reading an earlier one, passes
  /// `isRequired: false` so that the parser does not report it missing first.
  static func positional(
    _ valueName: String, help: String, isVariadic: Bool = false, isRequired: Bool = true
  ) -> Self {
    ArgumentDefinition(
      kind: .positional, names: [], valueName: valueName, help: help, isRequired: isRequired,
      isVariadic: isVariadic)
  }

  /// Creates an option that takes one value and may be given at most once.
  static func option(
    _ long: String, short: Character? = nil, valueName: String, help: String,
    isRequired: Bool = false
  ) -> Self {
    ArgumentDefinition(
      kind: .option, names: names(long, short), valueName: valueName, help: help,
      isRequired: isRequired, isVariadic: false)
  }

  /// Creates an option that takes one value and may be given any number of times, such as
  /// `--cost memberOf=1 --cost access=5`.
  static func repeatableOption(_ long: String, valueName: String, help: String) -> Self {
    ArgumentDefinition(
      kind: .option, names: names(long, nil), valueName: valueName, help: help,
      isRequired: false, isVariadic: false, isRepeatable: true)
  }

  /// Creates a flag: a switch that is off unless given.
  static func flag(_ long: String, short: Character? = nil, help: String) -> Self {
    ArgumentDefinition(
      kind: .flag, names: names(long, short), valueName: "", help: help, isRequired: false,
      isVariadic: false)
  }

  private static func names(_ long: String, _ short: Character?) -> [OptionName] {
    [.long(long)] + (short.map { [.short($0)] } ?? [])
  }

  /// The key that parsed values are stored under: the long name, or the placeholder.
  var key: String {
    for case .long(let name) in names {
      return name
    }
    return valueName
  }

  /// The spelling messages use: `--depth` for an option, `IDENTITY` for a positional.
  var displayName: String {
    kind == .positional ? valueName : names.first.map(\.description) ?? valueName
  }

  /// The definition as the usage line shows it: `--depth N`, `-o FILE`, `--json`,
  /// `IDENTITY` or `INPUT...`. Options with a short name use it.
  var synopsis: String {
    let shortest = names.last.map(\.description) ?? valueName
    switch kind {
    case .positional: return isVariadic ? "\(valueName)..." : valueName
    case .option: return "\(shortest) \(valueName)"
    case .flag: return shortest
    }
  }

  /// The left column of help: `-o, --output FILE`, with the short name first.
  var helpLabel: String {
    if kind == .positional {
      return valueName
    }
    let shortNames = names.filter { if case .short = $0 { true } else { false } }
    let longNames = names.filter { if case .long = $0 { true } else { false } }
    let spelled = (shortNames + longNames).map(\.description).joined(separator: ", ")
    return kind == .option ? "\(spelled) \(valueName)" : spelled
  }
}
