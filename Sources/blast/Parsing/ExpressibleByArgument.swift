/// A type whose values can be read from one command-line token.
protocol ExpressibleByArgument {
  /// Parses `argument`, returning nil when it is not a valid value.
  init?(argument: String)

  /// The values the type accepts, in words for error messages: "a whole number, such as 3".
  static var expectedValue: String { get }
}

extension String: ExpressibleByArgument {
  init?(argument: String) {
    self = argument
  }

  static var expectedValue: String { "a text value" }
}

extension Int: ExpressibleByArgument {
  init?(argument: String) {
    self.init(argument, radix: 10)
  }

  static var expectedValue: String { "a whole number, such as 3" }
}
