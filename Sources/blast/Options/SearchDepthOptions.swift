/// The limit on hops for searches: `--depth N`.
struct SearchDepthOptions: OptionGroup {
  static let depth = ArgumentDefinition.option(
    "depth", valueName: "N",
    help: "Follow paths of at most N hops, where N is at least 1. Without it, paths of any "
      + "length are followed.")

  static var arguments: [ArgumentDefinition] { [depth] }

  /// The maximum number of hops, or nil for no limit.
  var maxDepth: Int?

  init(parsing arguments: ParsedArguments) throws(UsageError) {
    maxDepth = try arguments.value(Self.depth, as: Int.self)
    if let maxDepth, maxDepth < 1 {
      throw .invalidValue(
        String(maxDepth), for: Self.depth, expected: "a number of hops of at least 1")
    }
  }
}
