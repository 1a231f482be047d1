/// The values that `ArgumentParser` found for one command, looked up by definition.
struct ParsedArguments: Sendable {
  /// Values by `ArgumentDefinition.key`, in the order given.
  private var values: [String: [String]] = [:]
  private var setFlags: Set<String> = []

  mutating func append(_ value: String, for definition: ArgumentDefinition) {
    values[definition.key, default: []].append(value)
  }

  mutating func set(_ flag: ArgumentDefinition) {
    setFlags.insert(flag.key)
  }

  /// Returns whether the command line gave the option, flag or positional at all.
  func contains(_ definition: ArgumentDefinition) -> Bool {
    definition.kind == .flag ? setFlags.contains(definition.key) : values[definition.key] != nil
  }

  /// Returns whether the flag was given.
  func isSet(_ flag: ArgumentDefinition) -> Bool {
    precondition(flag.kind == .flag, "\(flag.displayName) is not a flag")
    return setFlags.contains(flag.key)
  }

  /// Returns the value of an option or positional, or nil when it was not given.
  func string(_ definition: ArgumentDefinition) -> String? {
    values[definition.key]?.first
  }

  /// Returns the value of a required option or positional, which the parser guarantees
  /// is present.
  func requiredString(_ definition: ArgumentDefinition) -> String {
    precondition(definition.isRequired, "\(definition.displayName) is optional")
    guard let value = string(definition) else {
      preconditionFailure("The parser let \(definition.displayName) through without a value")
    }
    return value
  }

  /// Returns every value of a variadic positional or a repeatable option, in the order
  /// given.
  func strings(_ definition: ArgumentDefinition) -> [String] {
    values[definition.key] ?? []
  }

  /// Converts the value of an option to `Value`, returning nil when it was not given.
  ///
  /// - Throws: `UsageError.invalidValue` when the text is not a valid `Value`.
  func value<Value: ExpressibleByArgument>(
    _ definition: ArgumentDefinition, as type: Value.Type = Value.self
  ) throws(UsageError) -> Value? {
    guard let text = string(definition) else {
      return nil
    }
    guard let value = Value(argument: text) else {
      throw .invalidValue(text, for: definition, expected: Value.expectedValue)
    }
    return value
  }
}
