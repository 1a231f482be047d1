import Analysis
import Foundation
import Importers

/// A weights file for `blast rank --weights FILE`: one JSON object whose members set the
/// weight of a factor, such as `{"privileges": 20, "humans": 0}`. Factors the file leaves
/// out keep their default weight.
enum RiskWeightsFile {
  /// Reads `path` and returns the default weights with the file's values set.
  ///
  /// - Throws: `ImportError` naming the file and the key. It is `.unreadable` when the file
  ///   cannot be read. It is `.invalidData` for an empty file, invalid JSON, a document that
  ///   is not an object, a factor given twice, an unknown factor, or a weight that is not a
  ///   number in the factor's range.
  static func read(_ path: String) throws -> RiskWeights {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw ImportError(
        .unreadable, file: path, problem: "cannot read the weights file",
        remedy: "check the path given to --weights")
    }
    let members = try FlatJSONObject.parse(
      data, file: path, expected: "an object of factor names and weights",
      example: "{\"privileges\": 10, ...}")
    var weights = RiskWeights.defaults
    for member in members {
      let key = member.key
      let location = JSONCursor(file: path, path: key, value: NSNull())
      guard let factor = RiskWeights.Factor(rawValue: key) else {
        let names = RiskWeights.Factor.allCases.map(\.rawValue).joined(separator: ", ")
        throw location.invalid("unknown factor \"\(key)\"", remedy: "use one of \(names)")
      }
      guard case .number(let text) = member.value, let value = Double(text) else {
        let found = if case .other(let kind) = member.value { kind } else { "a number" }
        throw location.invalid(
          "the weight of \(key) is \(found), not a number",
          remedy: "write a number such as \(RiskWeights.defaults[factor])")
      }
      // `Double` reads a number beyond its range, such as 1e400, as infinity.
      if let expected = RiskWeights.rejection(of: value, for: factor) {
        throw location.invalid(
          "the weight of \(key) is \(text), out of range", remedy: "give \(expected)")
      }
      // `-0` is stored as 0, so that no point total prints as -0.00.
      weights[factor] = value == 0 ? 0 : value
    }
    return weights
  }
}
