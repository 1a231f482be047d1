import AccessGraph
import Analysis

/// The output of `blast cut`, as text or as a `blastradius/cut/v1` JSON document.
struct CutReport {
  let plan: RevocationPlan
  let graph: AccessGraph
  /// Whether `--from` named the sources, rather than every identity being one.
  var sourcesGiven = true

  struct Document: JSONDocument, Equatable {
    static let schema = "blastradius/cut/v1"

    var to: String
    var complete: Bool
    var unrevocablePath: Nullable<UnrevocablePathRecord>
    var cost: Int
    var flowValue: Int
    /// Whether `cost` is the least that any plan costs; false when the plan is a valid cut
    /// whose cost is an upper bound.
    var optimal: Bool
    var sources: [String]
    var privilegedSources: [String]
    /// Privileged sources that act as a holder kept through unrevocable edges, rather than
    /// reach a target node, with the path to that holder.
    var sourcesBoundToHolders: [HolderBindingRecord]
    /// Whether holders of the target were kept: true without --from unless
    /// --include-holders was given.
    var holdersKept: Bool
    /// The holders kept, with the hops that make each one a holder.
    var holders: [HolderRecord]
    /// With --from, the source when it is a holder itself, so that the plan revokes a
    /// grant that makes it one.
    var holdingSources: [HolderRecord]
    /// With --from, the given sources that act as a holder through unrevocable edges, so
    /// that the plan revokes grants that make that holder one.
    var sourcesActingAsHolders: [HolderBindingRecord]
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
    referenced += HolderRecord.referencedNodes(of: plan.holders + plan.holdingSources, in: graph)
    referenced += HolderBindingRecord.referencedNodes(
      of: plan.sourcesBoundToHolders + plan.sourcesActingAsHolders, in: graph)
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
      optimal: plan.isOptimal,
      sources: plan.sources.map(id), privilegedSources: plan.privilegedSources.map(id),
      sourcesBoundToHolders: plan.sourcesBoundToHolders.map { HolderBindingRecord($0, in: graph) },
      holdersKept: plan.keepsHolders,
      holders: plan.holders.map { HolderRecord($0, in: graph) },
      holdingSources: plan.holdingSources.map { HolderRecord($0, in: graph) },
      sourcesActingAsHolders: plan.sourcesActingAsHolders.map {
        HolderBindingRecord($0, in: graph)
      },
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
      ? TextFormatting.inline(graph.node(plan.sources[0]).name)
      : "\(plan.sources.count) identities"
    if let blocked = plan.unrevocablePath {
      return unrevocableText(blocked, target: targetName)
    }

    var lines: [String] = []
    if plan.exposedSources.isEmpty {
      let leftOut =
        sourcesGiven
        ? nil
        : Self.reachersLeftOut(
          holderCount: plan.holders.count, privilegedCount: plan.privilegedSources.count)
      if plan.sources.isEmpty, let leftOut {
        lines.append(
          "Nothing to revoke: every identity that reaches \(targetName) is \(leftOut), so no "
            + "source is left to cut off.")
      } else {
        lines.append("Nothing to revoke: no path from \(sourcesText) to \(targetName).")
        if let leftOut {
          lines.append("Every identity that reaches it is \(leftOut).")
        }
      }
      if leftOut != nil && !plan.holders.isEmpty {
        lines.append(
          "--include-holders makes the holders sources, so that their grants may be revoked.")
      }
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
      } else if !plan.isOptimal {
        lines.append(
          "A grant on the attack paths spans several arcs of the flow network, so this plan "
            + "cuts every path but a cheaper plan may exist.")
      }
    }
    lines += holdingSourceLines(target: targetName)
    if !plan.holders.isEmpty {
      let count = plan.holders.count
      lines.append(
        "Kept as holders of \(targetName), and listed at the end: \(count) "
          + (count == 1 ? "identity or group" : "identities and groups")
          + ". Acting as one counts as reaching the target.")
    }
    lines += Self.privilegedLines(
      plan.privilegedSources, bindings: plan.sourcesBoundToHolders, in: graph)
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
      lines += [
        "",
        plan.holders.isEmpty
          ? "Check: a search without the removed edges reaches no target node."
          : "Check: a search without the removed edges reaches no target node and acts as "
            + "no holder.",
      ]
    }
    lines += holderLines(target: targetName)
    return lines.joined(separator: "\n") + "\n"
  }

  /// Returns why the identities that reach the target are no sources, such as "kept as a
  /// holder of it", or nil when no identity is a holder kept or privileged by construction.
  /// It holds for every identity only when `--from` was not given.
  static func reachersLeftOut(holderCount: Int, privilegedCount: Int) -> String? {
    switch (holderCount > 0, privilegedCount > 0) {
    case (true, true): "kept as a holder of it or left out as privileged by construction"
    case (true, false): "kept as a holder of it"
    case (false, true): "left out as privileged by construction"
    case (false, false): nil
    }
  }

  /// Lines that name each given source that is a holder itself, or that acts as a holder
  /// through unrevocable edges, with the chain behind it.
  private func holdingSourceLines(target: String) -> [String] {
    let nodes = plan.holdingSources.map(\.node) + plan.sourcesActingAsHolders.map(\.source)
    guard !nodes.isEmpty else { return [] }
    let names = TextFormatting.distinctNames(of: nodes, in: graph)
    var lines: [String] = []
    if plan.holdingSources.count == 1, let holder = plan.holdingSources.first {
      lines.append(
        "Note: \(names[holder.node]!) holds \(target) itself, so this plan may revoke a grant "
          + "that makes it a holder; without --from, holders are kept:")
      lines.append("  " + TextFormatting.chain(holder.edges, in: graph))
    } else if !plan.holdingSources.isEmpty {
      lines.append(
        "Note: \(plan.holdingSources.count) of the identities hold \(target) themselves, so "
          + "this plan may revoke grants that make them holders; without --from, holders are "
          + "kept:")
      for holder in plan.holdingSources {
        lines.append("  \(names[holder.node]!): " + TextFormatting.chain(holder.edges, in: graph))
      }
    }
    for binding in plan.sourcesActingAsHolders {
      let holder = TextFormatting.inline(graph.node(binding.holder).name)
      lines.append(
        "Note: \(names[binding.source]!) acts as the holder \(holder) through edges that "
          + "cannot be revoked, so without --from it is left out as privileged by "
          + "construction; this plan revokes grants that make \(holder) a holder instead:")
      lines.append("  " + TextFormatting.chain(binding.edges, in: graph))
    }
    return lines
  }

  /// Lines that name the identities left out as privileged by construction, and for each
  /// one that acts as a holder kept, the unrevocable path to that holder.
  static func privilegedLines(
    _ privileged: [NodeID], bindings: [HolderBinding], in graph: AccessGraph
  ) -> [String] {
    guard !privileged.isEmpty else { return [] }
    let names = TextFormatting.distinctNames(of: privileged, in: graph)
    let listed = privileged.prefix(10).map { names[$0]! }
    var lines = [
      "Left out as privileged by construction: " + listed.joined(separator: ", ")
        + (privileged.count > 10 ? " and \(privileged.count - 10) more" : "")
    ]
    for binding in bindings.prefix(10) {
      lines.append(
        "  \(names[binding.source]!) acts as a holder through edges that cannot be revoked: "
          + TextFormatting.chain(binding.edges, in: graph))
    }
    return lines
  }

  /// The list of holders kept, each with its chain of grants and where each is written.
  private func holderLines(target: String) -> [String] {
    guard !plan.holders.isEmpty else { return [] }
    var lines = ["", "Holders of \(target) kept, with the grants that make them holders"]
    let rows = plan.holders.map { holder in
      let node = graph.node(holder.node)
      return [
        TextFormatting.inline(node.name), node.kind.rawValue, TextFormatting.account(of: node),
        TextFormatting.inline(node.id),
      ]
    }
    for (holder, row) in zip(plan.holders, TextTable.format(rows)) {
      lines.append("  " + row)
      lines.append("    " + TextFormatting.chain(holder.edges, in: graph))
      for edge in holder.edges {
        lines.append("      via " + TextFormatting.origin(of: graph.provenance(of: edge)))
      }
    }
    return lines
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
    let name = TextFormatting.inline(graph.node(blocked.source).name)
    guard !blocked.edges.isEmpty else {
      if case .node = plan.target {
        return "No revocation plan: \(name) is the target itself.\n"
      }
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
      return TextFormatting.inline(graph.node(id).name)
    }
    return TextFormatting.inline(WhoCanReport.name(of: target, in: graph))
  }
}
