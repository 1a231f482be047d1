import AccessGraph
import Analysis

/// The output of `blast coverage`, as text or as a `blastradius/coverage/v1` JSON document.
struct CoverageReport {
  let coverage: AuthenticationCoverage
  let graph: AccessGraph

  struct Document: JSONDocument, Equatable {
    static let schema = "blastradius/coverage/v1"

    /// The date that ages and expiries are counted to, as YYYY-MM-DD.
    var date: String
    var platforms: [PlatformRecord]
    var workloads: [WorkloadRecord]
    var nodes: [String: NodeRecord]
  }

  /// A count of workloads with its share of the platform's workloads.
  struct Share: Encodable, Equatable {
    var count: Int
    /// `count` divided by the platform's workloads, rounded to four decimal places.
    var share: Double

    init(_ count: Int, of total: Int) {
      self.count = count
      share = total == 0 ? 0 : (Double(count) / Double(total) * 10_000).rounded() / 10_000
    }
  }

  struct PlatformRecord: Encodable, Equatable {
    var platform: String
    var workloads: Int
    var managed: Share
    var federated: Share
    var `static`: Share
    /// Workloads for which the inputs show no method.
    var unknown: Share
  }

  struct WorkloadRecord: Encodable, Equatable {
    var workload: String
    var platform: String
    var methods: [MethodRecord]
  }

  struct MethodRecord: Encodable, Equatable {
    var method: String
    var credential: Nullable<String>
    var identities: [String]
    var created: Nullable<String>
    var expires: Nullable<String>
    var lastUsed: Nullable<String>
    var ageDays: Nullable<Int>
    var daysUntilExpiry: Nullable<Int>
    var evidence: [HopRecord]
  }

  var document: Document {
    var referenced: [NodeID] = []
    let workloads = coverage.workloads.map { entry in
      referenced.append(entry.workload)
      let methods = entry.methods.map { evidence in
        referenced += evidence.identities
        if let credential = evidence.credential {
          referenced.append(credential)
        }
        referenced += evidence.edges.flatMap { [graph.source(of: $0), graph.target(of: $0)] }
        return methodRecord(evidence)
      }
      let workload = graph.node(entry.workload)
      return WorkloadRecord(
        workload: workload.id, platform: workload.platform.rawValue, methods: methods)
    }
    let platforms = coverage.platforms.map { summary in
      let total = summary.workloadCount
      return PlatformRecord(
        platform: summary.platform.rawValue, workloads: total,
        managed: Share(summary.count(of: .managed), of: total),
        federated: Share(summary.count(of: .federated), of: total),
        static: Share(summary.count(of: .static), of: total),
        unknown: Share(summary.unknownCount, of: total))
    }
    return Document(
      date: coverage.date.description, platforms: platforms, workloads: workloads,
      nodes: NodeRecord.section(for: referenced, in: graph))
  }

  private func methodRecord(_ evidence: AuthenticationEvidence) -> MethodRecord {
    let details = evidence.credential.flatMap { graph.node($0).credential }
    return MethodRecord(
      method: evidence.method.rawValue,
      credential: Nullable(evidence.credential.map { graph.node($0).id }),
      identities: evidence.identities.map { graph.node($0).id },
      created: Nullable(details?.created), expires: Nullable(details?.expires),
      lastUsed: Nullable(details?.lastUsed), ageDays: Nullable(evidence.ageInDays),
      daysUntilExpiry: Nullable(evidence.daysUntilExpiry),
      evidence: evidence.edges.map { HopRecord(Hop($0, in: graph), in: graph) })
  }

  var text: String {
    let count = coverage.workloads.count
    var lines = [
      "Authentication of \(TextFormatting.count(count, "workload")) on "
        + "\(TextFormatting.count(coverage.platforms.count, "platform")), as of "
        + "\(coverage.date)"
    ]
    guard count > 0 else {
      lines += ["", "The estate has no workloads."]
      return lines.joined(separator: "\n") + "\n"
    }
    lines += [""] + summaryLines()

    var currentPlatform: Platform?
    for entry in coverage.workloads {
      let workload = graph.node(entry.workload)
      if workload.platform != currentPlatform {
        lines += ["", TextFormatting.inline(workload.platform.rawValue)]
        currentPlatform = workload.platform
      }
      lines += workloadLines(entry)
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Formats the table of counts and shares, one row per platform and a total row when there
  /// are several platforms.
  private func summaryLines() -> [String] {
    var rows = [
      ["platform", "workloads", "managed", "federated", "static", "none found"]
    ]
    var summaries = coverage.platforms
    if summaries.count > 1 {
      var total = PlatformAuthenticationSummary(
        platform: Platform("all"), workloadCount: 0, methodCounts: [:], unknownCount: 0)
      for summary in summaries {
        total.workloadCount += summary.workloadCount
        total.unknownCount += summary.unknownCount
        for method in AuthenticationMethod.allCases {
          total.methodCounts[method, default: 0] += summary.count(of: method)
        }
      }
      summaries.append(total)
    }
    for summary in summaries {
      let total = summary.workloadCount
      rows.append(
        [TextFormatting.inline(summary.platform.rawValue), String(total)]
          + AuthenticationMethod.allCases.map { Self.share(summary.count(of: $0), of: total) }
          + [Self.share(summary.unknownCount, of: total)])
    }
    return TextTable.format(rows).map { "  " + $0 }
  }

  /// "3 (38%)": a count with its share of `total`, rounded to a whole percent.
  private static func share(_ count: Int, of total: Int) -> String {
    let percent = total == 0 ? 0 : Int((Double(count) * 100 / Double(total)).rounded())
    return "\(count) (\(percent)%)"
  }

  private func workloadLines(_ entry: WorkloadAuthentication) -> [String] {
    let workload = graph.node(entry.workload)
    let type = workload.type.isEmpty ? workload.kind.rawValue : workload.type
    let name = TextFormatting.inline(workload.name)
    let account = TextFormatting.account(of: workload)
    var lines = ["  \(name) (\(TextFormatting.inline(type)), \(account))"]
    if workload.name != workload.id {
      lines.append("    id: \(TextFormatting.inline(workload.id))")
    }
    if entry.methods.isEmpty {
      lines.append(
        "    none found: the inputs show no credential, platform identity or federation for it")
    }
    for evidence in entry.methods {
      lines += methodLines(evidence)
    }
    return lines
  }

  /// The method with what it signs in as, the credential's dates, and one line per edge.
  private func methodLines(_ evidence: AuthenticationEvidence) -> [String] {
    let identities = evidence.identities.map {
      let node = graph.node($0)
      return "\(TextFormatting.inline(node.name)) (\(TextFormatting.account(of: node)))"
    }
    .joined(separator: ", ")
    var line = "    \(evidence.method.rawValue): "
    if let credential = evidence.credential {
      line += TextFormatting.inline(graph.node(credential).name)
      line += identities.isEmpty ? ", signs in as no identity of the inputs" : ", signs in as "
      line += identities
    } else if evidence.method == .managed {
      line += "runs as \(identities), whose credentials the platform issues"
    } else {
      line += "obtains \(identities) through a federation trust"
    }

    var lines = [line]
    if let dates = datesLine(evidence) {
      lines.append("      " + dates)
    }
    for edge in evidence.edges {
      let hop = Hop(edge, in: graph)
      let place =
        hop.provenance.location.isEmpty
        ? hop.provenance.file : "\(hop.provenance.file):\(hop.provenance.location)"
      var text =
        "      \(TextFormatting.inline(graph.node(hop.from).name)) "
        + "-[\(hop.relation.rawValue)]-> \(TextFormatting.inline(graph.node(hop.to).name))"
      let remarks =
        (place.isEmpty ? [] : [TextFormatting.inline(place)])
        + (hop.isConditional ? ["conditional"] : [])
      if !remarks.isEmpty {
        text += " (\(remarks.joined(separator: "; ")))"
      }
      lines.append(text)
    }
    return lines
  }

  /// Returns "created 2021-03-02, 1415 days old; expires 2025-01-10, expired 5 days ago;
  /// last used 2024-11-30", with the parts the credential has, or nil when it has none.
  private func datesLine(_ evidence: AuthenticationEvidence) -> String? {
    guard let credential = evidence.credential.flatMap({ graph.node($0).credential }) else {
      return nil
    }
    var parts: [String] = []
    if let created = credential.created {
      var part = "created \(created)"
      if let age = evidence.ageInDays {
        part +=
          age < 0
          ? ", \(TextFormatting.count(-age, "day")) after the date counted to"
          : ", \(TextFormatting.count(age, "day")) old"
      }
      parts.append(part)
    }
    if let expires = credential.expires {
      var part = "expires \(expires)"
      if let days = evidence.daysUntilExpiry {
        part +=
          days < 0
          ? ", expired \(TextFormatting.count(-days, "day")) ago"
          : ", \(TextFormatting.count(days, "day")) left"
      }
      parts.append(part)
    } else if credential.type == .static {
      parts.append("no expiry")
    }
    if let lastUsed = credential.lastUsed {
      parts.append("last used \(lastUsed)")
    }
    return parts.isEmpty ? nil : parts.joined(separator: "; ")
  }
}
