import AccessGraph
import Analysis
import Foundation
import Rendering

extension EstateReport {
  /// The number of edges and of nodes the Chokepoints section lists.
  static let listedChokepointCount = 10

  /// The file name of the revocation plan's diagram, relative to the report folder.
  static let revocationDiagramName = "paths/revocation-plan.svg"

  /// The file name of the chokepoint diagram, relative to the report folder.
  static let chokepointDiagramName = "paths/chokepoints.svg"

  /// Returns the diagram of the chokepoints to admin that the section lists first, or
  /// nothing when no chokepoint has a positive score.
  func chokepointDiagrams() -> [(name: String, diagram: Diagram)] {
    guard !adminChokepoints.edges.isEmpty else { return [] }
    return [(Self.chokepointDiagramName, Diagram.chokepoints(adminChokepoints, in: graph))]
  }

  /// Returns the diagram of the revocation plan, or nothing when there is nothing to revoke.
  func revocationDiagrams(_ plan: RevocationPlan) -> [(name: String, diagram: Diagram)] {
    guard !plan.grants.isEmpty else { return [] }
    return [(Self.revocationDiagramName, Diagram.cut(plan, in: graph))]
  }

  /// Returns the Chokepoints section: the edges and identities on the most shortest attack
  /// paths to admin, each edge with its grant, and the diagram of the first edges.
  func chokepointSection() -> [String] {
    let chokepoints = adminChokepoints
    var lines = ["## Chokepoints", ""]
    if !chokepoints.holders.isEmpty {
      lines += [
        "The holders of admin, listed under the revocation plan, are not sources, and a path "
          + "ends where it acts as one.",
        "",
      ]
    }
    guard !chokepoints.edges.isEmpty else {
      return lines + ["No identity reaches an admin privilege through a grant that can be revoked.", ""]
    }
    let drawnCount = min(chokepoints.edges.count, Diagram.defaultChokepointCount)
    lines += [
      "Edges and identities that the most shortest attack paths to admin pass through, from "
        + "\(chokepoints.sources.count) identities over \(chokepoints.pairCount) (identity, "
        + "privilege) pairs. A score adds, for each pair, the share of its shortest paths "
        + "that use the edge or pass the node.",
      "",
      "![Chokepoints](\(Self.chokepointDiagramName))",
      "",
      "The diagram draws "
        + (drawnCount == 1 ? "the first edge" : "the first \(drawnCount) edges")
        + " of the table below, labelled with rank and score, with shortest attack paths "
        + "through them.",
      "",
      "| # | score | from | relation | to | grant | where |",
      "|---:|---:|---|---|---|---|---|",
    ]
    for (index, entry) in chokepoints.edges.prefix(Self.listedChokepointCount).enumerated() {
      let hop = Hop(entry.edge, in: graph)
      let cells = [
        "\(index + 1)", Self.formatted(entry.score), Markdown.escape(graph.node(hop.from).name),
        hop.relation.rawValue, Markdown.escape(graph.node(hop.to).name),
        grantText(of: hop.provenance), place(of: hop.provenance),
      ]
      lines.append("| " + cells.joined(separator: " | ") + " |")
    }
    guard !chokepoints.nodes.isEmpty else {
      return lines + [
        "",
        "No identity or group lies between the ends of a path, because every shortest attack "
          + "path is one hop long.",
        "",
      ]
    }
    lines += ["", "| # | score | identity or group | kind | platform |", "|---:|---:|---|---|---|"]
    for (index, entry) in chokepoints.nodes.prefix(Self.listedChokepointCount).enumerated() {
      let node = graph.node(entry.node)
      let cells = [
        "\(index + 1)", Self.formatted(entry.score),
        "\(Markdown.escape(node.name)) (\(Markdown.code(node.id)))", node.kind.rawValue,
        Markdown.escape(node.platform.rawValue),
      ]
      lines.append("| " + cells.joined(separator: " | ") + " |")
    }
    return lines + [""]
  }

  /// Returns the Revocation plan section: the grants whose revocation cuts every path to
  /// admin, the reach before and after, the diagram of the cut, and the holders kept.
  func revocationSection(_ plan: RevocationPlan) -> [String] {
    var lines = ["## Revocation plan", ""]
    if !plan.privilegedSources.isEmpty {
      let names = plan.privilegedSources.map { Markdown.escape(graph.node($0).name) }
      lines += [
        "Left out as privileged by construction, because no revocation can separate them "
          + "from admin: " + names.joined(separator: ", ") + ".",
        "",
      ]
    }
    guard !plan.grants.isEmpty else {
      return lines + ["No other identity reaches an admin privilege.", ""] + holderLines(plan)
    }
    let holderClause = plan.holders.isEmpty ? "" : " and that no source acts as a holder"
    let exposed = plan.exposedSources.count
    lines += [
      "Revoking \(plan.grants.count == 1 ? "1 grant" : "these \(plan.grants.count) grants"), "
        + "at a total cost of \(plan.cost), cuts every attack path to admin from the "
        + (exposed == 1 ? "1 identity that reaches one" : "\(exposed) identities that reach one")
        + ". A fresh search without the removed edges confirms that none is reached"
        + "\(holderClause).",
      "",
      "![Revocation plan](\(Self.revocationDiagramName))",
      "",
      "| # | grant | where | cost | edges removed | edges on attack paths |",
      "|---:|---|---|---:|---:|---|",
    ]
    for (index, grant) in plan.grants.enumerated() {
      let cut = grant.cutEdges.map { edge in
        Markdown.escape(graph.node(graph.source(of: edge)).name) + " → "
          + Markdown.escape(graph.node(graph.target(of: edge)).name)
      }
      let cells = [
        "\(index + 1)", grantText(of: grant.provenance), place(of: grant.provenance), "\(grant.cost)",
        "\(grant.edgeCount)", cut.joined(separator: "; "),
      ]
      lines.append("| " + cells.joined(separator: " | ") + " |")
    }
    lines += [
      "", "| what the \(plan.sources.count) identities reach together | before | after |",
      "|---|---:|---:|",
    ]
    let rows: [(String, KeyPath<ReachCounts, Int>)] = [
      ("nodes", \.reached), ("privileges", \.privileges), ("crown jewels", \.crownJewels),
      ("platforms", \.platforms), ("accounts", \.accounts),
    ]
    for (name, path) in rows {
      lines.append("| \(name) | \(plan.before[keyPath: path]) | \(plan.after[keyPath: path]) |")
    }
    return lines + [""] + holderLines(plan)
  }

  /// Returns the list of holders kept, each with the grants that make it a holder.
  private func holderLines(_ plan: RevocationPlan) -> [String] {
    guard !plan.holders.isEmpty else { return [] }
    let count = plan.holders.count
    var lines = [
      "### Holders of admin kept", "",
      (count == 1
        ? "The holder of admin below reaches it through its own grant or a group's, and "
          + "stays as it is"
        : "The \(count) holders of admin below reach it through their own grant or a "
          + "group's, and stay as they are")
        + ": the plan cuts the other identities off from admin and from acting as any "
        + "holder, and revokes none of these grants. Check that each one is meant to be an "
        + "admin.",
      "",
      "| holder | kind | platform | grants that make it a holder |",
      "|---|---|---|---|",
    ]
    for holder in plan.holders {
      let node = graph.node(holder.node)
      let grants = holder.edges.map { edge in
        Markdown.escape(graph.node(graph.source(of: edge)).name) + " → "
          + Markdown.escape(graph.node(graph.target(of: edge)).name) + ": "
          + [grantText(of: graph.provenance(of: edge)), place(of: graph.provenance(of: edge))]
          .filter { !$0.isEmpty }.joined(separator: " ")
      }
      let cells = [
        "\(Markdown.escape(node.name)) (\(Markdown.code(node.id)))", node.kind.rawValue,
        Markdown.escape(node.platform.rawValue), grants.joined(separator: "; "),
      ]
      lines.append("| " + cells.joined(separator: " | ") + " |")
    }
    return lines + [""]
  }

  /// Returns the grant in words, after the escalation technique's name when the edge is one.
  private func grantText(of provenance: Provenance) -> String {
    let grant = Markdown.escape(provenance.grant)
    guard let technique = provenance.technique else { return grant }
    return "technique \(Markdown.escape(technique)): \(grant)"
  }

  private func place(of provenance: Provenance) -> String {
    let place = "\(provenance.file):\(provenance.location)"
    return place == ":" ? "" : Markdown.code(place)
  }

  /// Formats a score with at most three decimals and no trailing zeros.
  static func formatted(_ score: Double) -> String {
    let rounded = (score * 1000).rounded() / 1000
    if rounded == rounded.rounded() { return String(Int(rounded)) }
    var text = String(format: "%.3f", rounded)
    while text.hasSuffix("0") { text.removeLast() }
    return text
  }
}
