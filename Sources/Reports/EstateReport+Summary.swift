import AccessGraph
import Analysis
import Foundation

extension EstateReport {
  /// Returns the Markdown summary: estate overview, riskiest identities, and every path with
  /// the grant behind each hop. Every name from an input is escaped.
  public func summary() -> String {
    var lines = ["# Blast radius report", ""]
    lines += ["Inputs: " + inputs.map(Markdown.code).joined(separator: ", "), ""]
    lines += overviewSection()
    lines += rankingSection()
    lines += pathSection(
      title: "Attack paths to admin", kind: "admin", paths: \.adminPaths,
      none: "No covered identity reaches an admin privilege.")
    lines += adminReachSection()
    lines += pathSection(
      title: "Attack paths to crown jewels", kind: "crown-jewels", paths: \.crownJewelPaths,
      none: "No covered identity reaches a crown jewel.")
    lines += chokepointSection()
    lines += revocationSection(adminRevocationPlan)
    return lines.joined(separator: "\n")
  }

  private func overviewSection() -> [String] {
    let kinds = NodeKind.allCases
    var lines = ["## Estate", ""]
    lines.append("| platform | " + kinds.map(\.rawValue).joined(separator: " | ") + " |")
    lines.append("|---|" + kinds.map { _ in "---:|" }.joined())
    let platforms = Set(graph.nodes.map(\.platform)).sorted()
    for platform in platforms {
      let nodes = graph.nodes.filter { $0.platform == platform }
      let counts = kinds.map { kind in String(nodes.filter { $0.kind == kind }.count) }
      lines.append("| \(Markdown.escape(platform.rawValue)) | \(counts.joined(separator: " | ")) |")
    }
    let jewels = graph.nodes.filter(\.isCrownJewel).count
    lines += [
      "",
      "\(graph.nodeCount) nodes, \(graph.edgeCount) edges, \(jewels) crown jewels. "
        + "[Overview diagram](estate.svg).",
      "",
    ]
    return lines
  }

  private func rankingSection() -> [String] {
    var lines = ["## Riskiest identities", ""]
    guard !findings.isEmpty else {
      return lines + ["No identity reaches anything.", ""]
    }
    lines += [
      "Ordered by risk score, highest first, with the default weights of `blast rank` "
        + "(docs/ranking.md). Columns with a slash count over every edge / over edges without "
        + "an unevaluated condition; ages count to \(date).",
      "",
      "| # | identity | kind | platform | score | admin | crown jewels | platforms | accounts "
        + "| reached | public | static credentials | humans | external trust | last use "
        + "| deepest hop | diagram |",
      "|---:|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---|---:|---|",
    ]
    for finding in findings {
      let factors = finding.risk.factors
      let node = graph.node(finding.risk.identity)
      func pair(_ figure: KeyPath<ReachCounts, Int>) -> String {
        "\(factors.all[keyPath: figure])/\(factors.unconditional[keyPath: figure])"
      }
      var credentials = "\(factors.staticCredentials)"
      if let days = factors.oldestCredentialDays {
        credentials += " (oldest \(days) days)"
      }
      let lastUse =
        factors.lastUsed.map { "\($0) (\(factors.daysSinceUse ?? 0) days before)" } ?? "unknown"
      let cells = [
        "\(finding.rank)", "\(Markdown.escape(node.name)) (\(Markdown.code(node.id)))",
        node.kind.rawValue, Markdown.escape(node.platform.rawValue),
        String(format: "%.2f", finding.risk.score), pair(\.privileges), pair(\.crownJewels),
        pair(\.platforms), pair(\.accounts), pair(\.reached),
        "\(factors.publicBindings)/\(factors.publicBindingsUnconditional)", credentials,
        "\(factors.humans)/\(factors.humansUnconditional)", "\(factors.externalTrust)", lastUse,
        "\(finding.exposure.deepestHop)", "[radius](radius/\(finding.fileStem).svg)",
      ]
      lines.append("| " + cells.joined(separator: " | ") + " |")
    }
    return lines + [""]
  }

  /// Returns a table of every identity that reaches a privilege, with its path in one line.
  private func adminReachSection() -> [String] {
    var lines = ["## Every identity that reaches admin", ""]
    guard !adminPaths.isEmpty else {
      return lines + ["No identity reaches an admin privilege.", ""]
    }
    let crossing = crossPlatformAdminPaths.count
    lines += [
      "\(adminPaths.count) identities reach an admin privilege, \(crossing) of them across "
        + "platforms. Each row shows one shortest path to the nearest privilege; paths that "
        + "cross platforms come first.",
      "",
    ]
    if crossing > 0 {
      lines += ["![Attack paths to admin that cross platforms](paths/cross-platform-admin.svg)", ""]
    }
    lines += [
      "| identity | kind | platform | hops | privilege | platforms crossed | path |",
      "|---|---|---|---:|---|---|---|",
    ]
    for path in crossPlatformAdminPaths + adminPaths.filter({ platformsCrossed(by: $0).count == 1 }) {
      let source = graph.node(path.source)
      let route = path.nodes.map { Markdown.escape(graph.node($0).name) }
        .joined(separator: " → ")
      let conditional = path.isConditional ? " (conditional)" : ""
      let cells = [
        "\(Markdown.escape(source.name)) (\(Markdown.code(source.id)))", source.kind.rawValue,
        Markdown.escape(source.platform.rawValue), "\(path.hops.count)",
        Markdown.escape(graph.node(path.target).name) + conditional,
        platformsCrossed(by: path).map(Markdown.escape).joined(separator: " → "), route,
      ]
      lines.append("| " + cells.joined(separator: " | ") + " |")
    }
    return lines + [""]
  }

  /// The paths of `adminPaths` that pass through more than one platform.
  var crossPlatformAdminPaths: [AttackPath] {
    adminPaths.filter { platformsCrossed(by: $0).count > 1 }
  }

  /// Returns the platforms a path passes through, in order, each run of one platform
  /// named once.
  func platformsCrossed(by path: AttackPath) -> [String] {
    var crossed: [String] = []
    for node in path.nodes {
      let platform = graph.node(node).platform.rawValue
      if crossed.last != platform { crossed.append(platform) }
    }
    return crossed
  }

  private func pathSection(
    title: String, kind: String, paths: KeyPath<Finding, [AttackPath]>, none: String
  ) -> [String] {
    var lines = ["## \(title)", ""]
    let covered = findings.filter { !$0[keyPath: paths].isEmpty }
    guard !covered.isEmpty else {
      return lines + [none, ""]
    }
    for finding in covered {
      let name = Markdown.escape(graph.node(finding.exposure.identity).name)
      let found = finding[keyPath: paths]
      let count = found.count == 1 ? "1 path" : "\(found.count) paths"
      lines += [
        "### \(finding.rank). From \(name): \(count)", "",
        "![Attack paths from \(name)](paths/\(finding.fileStem)-\(kind).svg)", "",
      ]
      for path in found {
        lines += pathTable(path)
      }
    }
    return lines
  }

  private func pathTable(_ path: AttackPath) -> [String] {
    let target = graph.node(path.target)
    let crossed = platformsCrossed(by: path)
    var heading = "To \(Markdown.escape(target.name)) (\(Markdown.code(target.id))), "
    heading += path.hops.count == 1 ? "1 hop" : "\(path.hops.count) hops"
    if Set(crossed).count > 1 {
      heading += ", across " + crossed.map(Markdown.escape).joined(separator: " → ")
    }
    if path.isConditional {
      heading += ", needs a condition that was not evaluated"
    }
    var lines = [
      "**\(heading)**", "",
      "| hop | from | relation | to | actions | grant | where |",
      "|---:|---|---|---|---|---|---|",
    ]
    for (index, hop) in path.hops.enumerated() {
      let relation = hop.isConditional ? "\(hop.relation.rawValue) (conditional)" : hop.relation.rawValue
      let actions = hop.actions.isEmpty ? "" : hop.actions.map(Markdown.code).joined(separator: ", ")
      let place = "\(hop.provenance.file):\(hop.provenance.location)"
      let cells = [
        "\(index + 1)", Markdown.escape(graph.node(hop.from).name), relation,
        Markdown.escape(graph.node(hop.to).name), actions,
        Markdown.escape(hop.provenance.grant), place == ":" ? "" : Markdown.code(place),
      ]
      lines.append("| " + cells.joined(separator: " | ") + " |")
    }
    return lines + [""]
  }
}
