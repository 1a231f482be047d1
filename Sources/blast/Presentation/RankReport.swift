import AccessGraph
import Analysis
import Foundation

/// The output of `blast rank`, as text, as a `blastradius/rank/v1` JSON document or as CSV.
struct RankReport {
  /// The identities shown, highest score first.
  let risks: [IdentityRisk]
  /// How many identities were ranked, before `--top` cut the list.
  let total: Int
  let weights: RiskWeights
  let date: CalendarDate
  let graph: AccessGraph

  struct Document: JSONDocument, Equatable {
    static let schema = "blastradius/rank/v1"

    /// The date that ages count to, as YYYY-MM-DD.
    var date: String
    var weights: [String: Double]
    /// How many identities were ranked; `identities` may list fewer.
    var total: Int
    var identities: [IdentityRecord]
    var nodes: [String: NodeRecord]
  }

  struct IdentityRecord: Encodable, Equatable {
    var rank: Int
    var identity: String
    var score: Double
    var points: [String: Double]
    var reach: ReachRecords
    var exposure: ExposureRecord
    var use: UseRecord
  }

  struct ReachRecords: Encodable, Equatable {
    var all: ReachRecord
    var unconditional: ReachRecord
  }

  struct ReachRecord: Encodable, Equatable {
    var privileges: Int
    var crownJewels: Int
    var platforms: Int
    var accounts: Int
    var reached: Int

    init(_ counts: ReachCounts) {
      privileges = counts.privileges
      crownJewels = counts.crownJewels
      platforms = counts.platforms
      accounts = counts.accounts
      reached = counts.reached
    }
  }

  struct ExposureRecord: Encodable, Equatable {
    var publicBindings: Int
    var publicBindingsUnconditional: Int
    var staticCredentials: Int
    var oldestCredentialDays: Nullable<Int>
    var humans: Int
    var humansUnconditional: Int
    var externalTrust: Int
  }

  struct UseRecord: Encodable, Equatable {
    /// The last use as YYYY-MM-DD, or null when no input records it.
    var lastUsed: Nullable<String>
    var daysSinceUse: Nullable<Int>
  }

  var document: Document {
    let records = risks.enumerated().map { index, risk in
      let factors = risk.factors
      return IdentityRecord(
        rank: index + 1, identity: graph.node(risk.identity).id, score: Self.rounded(risk.score),
        points: Dictionary(
          uniqueKeysWithValues: risk.points.map { ($0.key.rawValue, Self.rounded($0.value)) }),
        reach: ReachRecords(
          all: ReachRecord(factors.all), unconditional: ReachRecord(factors.unconditional)),
        exposure: ExposureRecord(
          publicBindings: factors.publicBindings,
          publicBindingsUnconditional: factors.publicBindingsUnconditional,
          staticCredentials: factors.staticCredentials,
          oldestCredentialDays: Nullable(factors.oldestCredentialDays), humans: factors.humans,
          humansUnconditional: factors.humansUnconditional, externalTrust: factors.externalTrust),
        use: UseRecord(
          lastUsed: Nullable(factors.lastUsed?.description),
          daysSinceUse: Nullable(factors.daysSinceUse)))
    }
    return Document(
      date: date.description,
      weights: Dictionary(
        uniqueKeysWithValues: RiskWeights.Factor.allCases.map { ($0.rawValue, weights[$0]) }),
      total: total, identities: records,
      nodes: NodeRecord.section(for: risks.map(\.identity), in: graph))
  }

  var text: String {
    guard !risks.isEmpty else {
      return "No identity to rank: no input defines a person, workload or service identity.\n"
    }
    let shown = risks.count < total ? "; the top \(risks.count) are shown" : ""
    let counted = TextFormatting.count(total, "identity", plural: "identities")
    var lines = [
      "\(counted) ranked by risk score, as of \(date)\(shown)",
      "Columns with a slash count over every edge / over edges without an unevaluated "
        + "condition.",
      "",
    ]
    var rows = [
      [
        "#", "score", "kind", "platform", "name", "admin", "jewels", "platforms", "accounts",
        "reached", "public", "static creds", "humans", "external", "last use", "id",
      ]
    ]
    for (index, risk) in risks.enumerated() {
      rows.append(factorRow(risk, rank: index + 1))
    }
    lines += TextTable.format(rows).map { "  " + $0 }
    lines += ["", "Points per factor (weight times figure); the score is their sum", ""]
    var pointRows = [["#"] + RiskWeights.Factor.scored.map(\.rawValue)]
    for (index, risk) in risks.enumerated() {
      pointRows.append(
        ["\(index + 1)"] + RiskWeights.Factor.scored.map { Self.decimal(risk.points[$0] ?? 0) })
    }
    lines += TextTable.format(pointRows).map { "  " + $0 }
    return lines.joined(separator: "\n") + "\n"
  }

  private func factorRow(_ risk: IdentityRisk, rank: Int) -> [String] {
    let node = graph.node(risk.identity)
    let factors = risk.factors
    func pair(_ figure: KeyPath<ReachCounts, Int>) -> String {
      "\(factors.all[keyPath: figure])/\(factors.unconditional[keyPath: figure])"
    }
    var credentials = "\(factors.staticCredentials)"
    if let days = factors.oldestCredentialDays {
      credentials += " (oldest \(days) d)"
    }
    let lastUse =
      factors.lastUsed.map { "\($0) (\(factors.daysSinceUse ?? 0) d ago)" } ?? "unknown"
    return [
      "\(rank)", Self.decimal(risk.score), node.kind.rawValue,
      Self.cell(node.platform.rawValue), Self.cell(node.name), pair(\.privileges),
      pair(\.crownJewels), pair(\.platforms), pair(\.accounts), pair(\.reached),
      "\(factors.publicBindings)/\(factors.publicBindingsUnconditional)", credentials,
      "\(factors.humans)/\(factors.humansUnconditional)", "\(factors.externalTrust)",
      lastUse, Self.cell(node.id),
    ]
  }

  var table: CSVTable {
    let header = [
      "rank", "score", "id", "name", "kind", "platform", "account", "privileges",
      "privilegesUnconditional", "crownJewels", "crownJewelsUnconditional", "platforms",
      "platformsUnconditional", "accounts", "accountsUnconditional", "reached",
      "reachedUnconditional", "publicBindings", "publicBindingsUnconditional",
      "staticCredentials", "oldestCredentialDays", "humans", "humansUnconditional",
      "externalTrust", "lastUsed", "daysSinceUse",
    ]
    let rows = risks.enumerated().map { index, risk -> [CSVCell] in
      let node = graph.node(risk.identity)
      let factors = risk.factors
      var row: [CSVCell] = [
        CSVCell(index + 1), .number(String(format: "%.4f", risk.score)), .text(node.id),
        .text(node.name), .text(node.kind.rawValue), .text(node.platform.rawValue),
        .text(node.account),
      ]
      for figure in [\ReachCounts.privileges, \.crownJewels, \.platforms, \.accounts, \.reached] {
        row += [CSVCell(factors.all[keyPath: figure]), CSVCell(factors.unconditional[keyPath: figure])]
      }
      row += [
        CSVCell(factors.publicBindings), CSVCell(factors.publicBindingsUnconditional),
        CSVCell(factors.staticCredentials), CSVCell(factors.oldestCredentialDays),
        CSVCell(factors.humans), CSVCell(factors.humansUnconditional),
        CSVCell(factors.externalTrust), factors.lastUsed.map { .text($0.description) } ?? .empty,
        CSVCell(factors.daysSinceUse),
      ]
      return row
    }
    return CSVTable(header: header, rows: rows)
  }

  /// Returns a name from an input on one line, so that it cannot break the table.
  private static func cell(_ text: String) -> String {
    ControlCharacters.escaped(text, keepingLayout: false)
  }

  /// "12.50": two decimal places.
  private static func decimal(_ value: Double) -> String {
    String(format: "%.2f", value)
  }

  /// Rounds to four decimal places, as JSON shows scores and points.
  private static func rounded(_ value: Double) -> Double {
    (value * 10_000).rounded() / 10_000
  }
}
