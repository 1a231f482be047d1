import AccessGraph
import Analysis

/// `--cost RELATION=N`, repeatable: the base cost of revoking one edge of a relation.
struct RevocationCostOptions: OptionGroup {
  static let cost = ArgumentDefinition.repeatableOption(
    "cost", valueName: "RELATION=N",
    help: "Set the cost of revoking one edge of RELATION to N, a whole number from 1 to 1000, "
      + "or to never, so that its grants are never revoked. A grant costs the largest base "
      + "cost among its edges times the number of its edges. May be given once per relation.")

  static var arguments: [ArgumentDefinition] { [cost] }

  var costs: RevocationCosts

  init(parsing arguments: ParsedArguments) throws(UsageError) {
    costs = RevocationCosts()
    var textByRelation: [Relation: String] = [:]
    for text in arguments.strings(Self.cost) {
      let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
      let relations = Relation.allCases.map(\.rawValue).joined(separator: ", ")
      guard parts.count == 2, let relation = Relation(rawValue: parts[0]) else {
        throw .invalidValue(
          text, for: Self.cost, expected: "RELATION=N with RELATION one of \(relations)")
      }
      if let earlier = textByRelation.updateValue(text, forKey: relation) {
        throw UsageError(
          "--cost sets the cost of \(relation.rawValue) twice, as \"\(earlier)\" and "
            + "\"\(text)\"",
          remedy: "give one --cost for each relation")
      }
      if parts[1] == "never" {
        costs.baseCosts[relation] = .some(nil)
      } else if let value = Int(parts[1]), value >= 1, value <= 1_000 {
        costs.baseCosts[relation] = value
      } else {
        throw .invalidValue(
          text, for: Self.cost,
          expected: "a cost N from 1 to 1000, or never, after \(parts[0])=")
      }
    }
  }
}
