import AccessGraph
import Analysis

/// The output of `blast cut`, as text or as a `blastradius/cut/v1` JSON document.
struct CutReport {
  let plan: RevocationPlan
  let graph: AccessGraph

  struct Document: JSONDocument, Equatable {
    static let schema = "blastradius/cut/v1"

    var to: String
    var complete: Bool
    var unrevocablePath: Nullable<UnrevocablePathRecord>
    var cost: Int
    var flowValue: Int
    var sources: [String]
    var privilegedSources: [String]
    var grants: [GrantRecord]
    var before: CountsRecord
    var after: CountsRecord
    var exposedSources: [SourceRecord]
    var targetsReachedAfter: [String]
    var nodes: [String: NodeRecord]
  }

  struct UnrevocablePathRecord: Encodable, Equatable {
    var source: String
    var hops: [HopRecord]
  }

  struct GrantRecord: Encodable, Equatable {
    var via: Provenance
    var cost: Int
    var edgeCount: Int
    var cuts: [HopRecord]
  }

  struct CountsRecord: Encodable, Equatable {
    var reached: Int
    var privileges: Int
    var crownJewels: Int
    var platforms: Int
    var accounts: Int

    init(_ counts: ReachCounts) {
      reached = counts.reached
      privileges = counts.privileges
      crownJewels = counts.crownJewels
      platforms = counts.platforms
      accounts = counts.accounts
    }
  }

  struct SourceRecord: Encodable, Equatable {
    var source: String
    var before: CountsRecord
    var after: CountsRecord
  }

  var document: Document {
    let id = { (node: NodeID) in graph.node(node).id }
    var referenced = plan.exposedSources.map(\.source) + plan.privilegedSources
    for grant in plan.grants {
      for edge in grant.cutEdges {
        referenced += [graph.source(of: edge), graph.target(of: edge)]
      }
    }
    var blocked: UnrevocablePathRecord?
    if let path = plan.unrevocablePath {
      blocked = UnrevocablePathRecord(
        source: id(path.source), hops: HopRecord.path(path.edges, in: graph))
      referenced.append(path.source)
      referenced += path.edges.map(graph.target(of:))
    }
    return Document(
      to: WhoCanReport.name(of: plan.target, in: graph), complete: plan.isComplete,
      unrevocablePath: Nullable(blocked), cost: plan.cost, flowValue: plan.flowValue,
      sources: plan.sources.map(id), privilegedSources: plan.privilegedSources.map(id),
      grants: plan.grants.map { grant in
        GrantRecord(
          via: grant.provenance, cost: grant.cost, edgeCount: grant.edgeCount,
          cuts: HopRecord.path(grant.cutEdges, in: graph))
      },
      before: CountsRecord(plan.before), after: CountsRecord(plan.after),
      exposedSources: plan.exposedSources.map {
        SourceRecord(
          source: id($0.source), before: CountsRecord($0.before), after: CountsRecord($0.after))
      },
      targetsReachedAfter: plan.targetsReachedAfter.map(id),
      nodes: NodeRecord.section(for: referenced, in: graph))
  }

  var text: String {
    let targetName = Self.targetName(of: plan.target, in: graph)
    let sourcesText =
      plan.sources.count == 1
      ? graph.node(plan.sources[0]).name : "\(plan.sources.count) identities"
    if let blocked = plan.unrevocablePath {
      return unrevocableText(blocked, target: targetName)
    }

    var lines: [String] = []
    if plan.exposedSources.isEmpty {
      lines.append("Nothing to revoke: no path from \(sourcesText) to \(targetName).")
    } else {
      lines.append(
        "Revocation plan from \(sourcesText) to \(targetName): revoke "
          + "\(TextFormatting.count(plan.grants.count, "grant")), total cost \(plan.cost)")
      if plan.sources.count > 1 {
        lines.append(
          "\(plan.exposedSources.count) of the \(plan.sources.count) identities reach the "
            + "target before the revocations.")
      }
      if plan.flowValue != plan.cost {
        lines.append(
          "The flow network counted a cost of \(plan.flowValue), because a grant crossed it "
            + "more than once; a cheaper plan may exist.")
      }
    }
    if !plan.privilegedSources.isEmpty {
      let names = plan.privilegedSources.map { graph.node($0).name }
      lines.append(
        "Left out as privileged by construction: " + names.prefix(10).joined(separator: ", ")
          + (names.count > 10 ? " and \(names.count - 10) more" : ""))
    }
    for (index, grant) in plan.grants.enumerated() {
      lines.append("")
      lines.append(
        "\(index + 1). \(TextFormatting.origin(of: grant.provenance))")
      lines.append(
        "   cost \(grant.cost); removes \(TextFormatting.count(grant.edgeCount, "edge")), "
          + "of which \(grant.cutEdges.count) on attack paths:")
      for edge in grant.cutEdges {
        lines.append("     " + TextFormatting.chain([edge], in: graph))
      }
    }
    if !plan.exposedSources.isEmpty {
      lines += ["", "Reach of the \(plan.sources.count == 1 ? "source" : "sources"), before and after"]
      lines += TextTable.format(countRows()).map { "  " + $0 }
      lines += ["", "Check: a search without the removed edges reaches no target node."]
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private func countRows() -> [[String]] {
    let pairs: [(String, KeyPath<ReachCounts, Int>)] = [
      ("nodes", \.reached), ("privileges", \.privileges), ("crown jewels", \.crownJewels),
      ("platforms", \.platforms), ("accounts", \.accounts),
    ]
    var rows = [["", "before", "after"]]
    for (name, path) in pairs {
      rows.append([name, "\(plan.before[keyPath: path])", "\(plan.after[keyPath: path])"])
    }
    return rows
  }

  private func unrevocableText(
    _ blocked: (source: NodeID, edges: [EdgeID]), target: String
  ) -> String {
    let name = graph.node(blocked.source).name
    guard !blocked.edges.isEmpty else {
      return "No revocation plan: \(name) is itself a target node of \(target).\n"
    }
    var lines = [
      "No revocation plan: \(name) reaches \(target) through edges that cannot be revoked:"
    ]
    for edge in blocked.edges {
      lines.append("  " + TextFormatting.chain([edge], in: graph))
      lines.append("    via " + TextFormatting.origin(of: graph.provenance(of: edge)))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func targetName(of target: Target, in graph: AccessGraph) -> String {
    if case .node(let id) = target {
      return graph.node(id).name
    }
    return WhoCanReport.name(of: target, in: graph)
  }
}
