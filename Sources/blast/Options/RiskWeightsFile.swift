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
  ///   cannot be read. It is `.invalidData` for invalid JSON, a document that is not an
  ///   object, an unknown factor, or a weight that is not a number in the factor's range.
  static func read(_ path: String) throws -> RiskWeights {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw ImportError(
        .unreadable, file: path, problem: "cannot read the weights file",
        remedy: "check the path given to --weights")
    }
    let document = try JSONCursor.parse(data, file: path)
    guard document.isObject else {
      throw document.invalid(
        "expected an object of factor names and weights, found \(document.typeName)",
        remedy: "write it as {\"privileges\": 10, ...}")
    }
    var weights = RiskWeights.defaults
    for key in document.keys {
      let location = JSONCursor(file: path, path: key, value: NSNull())
      guard let factor = RiskWeights.Factor(rawValue: key) else {
        let names = RiskWeights.Factor.allCases.map(\.rawValue).joined(separator: ", ")
        throw location.invalid("unknown factor \"\(key)\"", remedy: "use one of \(names)")
      }
      guard let member = document[key], let number = member.value as? NSNumber,
        member.typeName == "a number"
      else {
        let found = document[key]?.typeName ?? "null"
        throw location.invalid(
          "the weight of \(key) is \(found), not a number",
          remedy: "write a number such as \(RiskWeights.defaults[factor])")
      }
      let value = number.doubleValue
      if let expected = RiskWeights.rejection(of: value, for: factor) {
        throw location.invalid(
          "the weight of \(key) is \(number), out of range", remedy: "give \(expected)")
      }
      weights[factor] = value
    }
    return weights
  }
}
