/// The command line of `blast-graph-bench`.
struct GraphBenchOptions {
  static let usage = """
    usage: blast-graph-bench ESTATE --reach-source ID --path-from ID --path-to ID \
    [--runs N] [--counts FILE]
      ESTATE             an estate file written by `blast import -o` or the generator
      --reach-source ID  the identity whose single-source reach is timed
      --path-from ID     where the 10 ranked loopless paths start
      --path-to ID       where they end
      --runs N           timed runs of each algorithm; the fastest counts (default: 3)
      --counts FILE      writes every identity's reached-node count, one per line
    """

  /// A command line that cannot be run, with the reason.
  struct Invalid: Error {
    var message: String
  }

  var estate = ""
  var reachSource = ""
  var pathSource = ""
  var pathTarget = ""
  var runs = 3
  var countsFile: String?
  var isHelp = false

  init(parsing arguments: [String]) throws(Invalid) {
    var index = 0
    func value(of option: String) throws(Invalid) -> String {
      index += 1
      guard index < arguments.count else {
        throw Invalid(message: "\(option) needs a value")
      }
      return arguments[index]
    }

    var estates: [String] = []
    while index < arguments.count {
      let argument = arguments[index]
      switch argument {
      case "-h", "--help": isHelp = true
      case "--reach-source": reachSource = try value(of: argument)
      case "--path-from": pathSource = try value(of: argument)
      case "--path-to": pathTarget = try value(of: argument)
      case "--counts": countsFile = try value(of: argument)
      case "--runs":
        let text = try value(of: argument)
        guard let number = Int(text), number >= 1 else {
          throw Invalid(
            message: "--runs takes a whole number of at least 1, got \(GraphBench.quoted(text))")
        }
        runs = number
      case _ where argument.hasPrefix("-"):
        throw Invalid(message: "unknown option \(GraphBench.quoted(argument)); see --help")
      default: estates.append(argument)
      }
      index += 1
    }
    if isHelp { return }
    guard estates.count == 1 else {
      throw Invalid(message: "give exactly one estate file, got \(estates.count)")
    }
    estate = estates[0]
    for (option, text) in [
      ("--reach-source", reachSource), ("--path-from", pathSource), ("--path-to", pathTarget),
    ] where text.isEmpty {
      throw Invalid(message: "\(option) is missing; give a node id of the estate")
    }
  }
}
