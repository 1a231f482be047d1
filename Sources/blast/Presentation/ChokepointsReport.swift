import Foundation
import AccessGraph
import Analysis

/// The output of `blast chokepoints`, as text or as a `blastradius/chokepoints/v1` JSON
/// document.
struct ChokepointsReport {
  let chokepoints: Chokepoints
  /// How many edges and how many nodes to list.
  let top: Int
  /// Whether holders of the target were kept, as `Chokepoints` was asked.
  let keepsHolders: Bool
  let graph: AccessGraph
  /// Whether `--from` named the sources, rather than every identity being one.
  var sourcesGiven = true

  struct Document: JSONDocument, Equatable {
    static let schema = "blastradius/chokepoints/v1"

    var to: String
    var top: Int
    var sourceCount: Int
    var privilegedSources: [String]
    /// Privileged sources that act as a holder kept through unrevocable edges, rather than
    /// reach a target node, with the path to that holder.
    var sourcesBoundToHolders: [HolderBindingRecord]
    /// Whether holders of the target were kept: true unless --include-holders was given.
    var holdersKept: Bool
    /// The holders kept, with the hops that make each one a holder.
    var holders: [HolderRecord]
    var pairCount: Int
    var edges: [EdgeRecord]
    var identities: [NodeScoreRecord]
    var nodes: [String: NodeRecord]
  }

  struct EdgeRecord: Encodable, Equatable {
    var score: Double
    var hop: HopRecord
  }

  struct NodeScoreRecord: Encodable, Equatable {
    var node: String
    var score: Double
  }

  var edges: [Chokepoints.EdgeScore] { Array(chokepoints.edges.prefix(top)) }
  var nodes: [Chokepoints.NodeScore] { Array(chokepoints.nodes.prefix(top)) }

  var document: Document {
    let referenced =
      edges.flatMap { [graph.source(of: $0.edge), graph.target(of: $0.edge)] }
      + nodes.map(\.node) + chokepoints.privilegedSources
      + HolderRecord.referencedNodes(of: chokepoints.holders, in: graph)
      + HolderBindingRecord.referencedNodes(of: chokepoints.sourcesBoundToHolders, in: graph)
    return Document(
      to: WhoCanReport.name(of: chokepoints.target, in: graph), top: top,
      sourceCount: chokepoints.sources.count,
      privilegedSources: chokepoints.privilegedSources.map { graph.node($0).id },
      sourcesBoundToHolders: chokepoints.sourcesBoundToHolders.map {
        HolderBindingRecord($0, in: graph)
      },
      holdersKept: keepsHolders,
      holders: chokepoints.holders.map { HolderRecord($0, in: graph) },
      pairCount: chokepoints.pairCount,
      edges: edges.map {
        EdgeRecord(score: Self.rounded($0.score), hop: HopRecord(Hop($0.edge, in: graph), in: graph))
      },
      identities: nodes.map {
        NodeScoreRecord(node: graph.node($0.node).id, score: Self.rounded($0.score))
      },
      nodes: NodeRecord.section(for: referenced, in: graph))
  }

  /// Rounds a score to three decimals, so that sums of shares print without noise.
  static func rounded(_ score: Double) -> Double {
    (score * 1000).rounded() / 1000
  }

  /// Formats a score as a whole number when it is one, else with up to three decimals.
  static func formatted(_ score: Double) -> String {
    let value = rounded(score)
    if value == value.rounded() {
      return String(Int(value))
    }
    var text = String(format: "%.3f", value)
    while text.hasSuffix("0") { text.removeLast() }
    return text
  }

  var text: String {
    let targetName = CutReport.targetName(of: chokepoints.target, in: graph)
    var lines = [
      "Chokepoints on the shortest attack paths to \(targetName): "
        + TextFormatting.count(chokepoints.pairCount, "(source, target) pair") + " from "
        + TextFormatting.count(chokepoints.sources.count, "identity", plural: "identities")
    ]
    if !chokepoints.holders.isEmpty {
      let distinct = TextFormatting.distinctNames(of: chokepoints.holders.map(\.node), in: graph)
      let names = chokepoints.holders.map { distinct[$0.node]! }
      lines.append(
        "Kept as holders of \(targetName), where a path ends when it acts as one: "
          + names.prefix(10).joined(separator: ", ")
          + (names.count > 10 ? " and \(names.count - 10) more" : "")
          + ". blast cut lists them with their grants.")
    }
    lines += CutReport.privilegedLines(
      chokepoints.privilegedSources, bindings: chokepoints.sourcesBoundToHolders, in: graph)
    guard !edges.isEmpty else {
      let leftOut = CutReport.reachersLeftOut(
        holderCount: chokepoints.holders.count,
        privilegedCount: chokepoints.privilegedSources.count)
      if !sourcesGiven, chokepoints.pairCount == 0, let leftOut {
        lines.append(
          "No attack path to score: every identity that reaches \(targetName) is \(leftOut).")
      } else {
        lines.append("No identity reaches \(targetName).")
      }
      return lines.joined(separator: "\n") + "\n"
    }
    lines += ["", "Edges"]
    for (index, entry) in edges.enumerated() {
      lines.append(
        "  \(index + 1). score \(Self.formatted(entry.score)): "
          + TextFormatting.chain([entry.edge], in: graph))
      lines.append("     via " + TextFormatting.origin(of: graph.provenance(of: entry.edge)))
    }
    lines += ["", "Identities and groups on the paths"]
    if nodes.isEmpty {
      lines.append("  none: every path is one hop long")
    }
    let rows = nodes.enumerated().map { index, entry in
      let node = graph.node(entry.node)
      return [
        "\(index + 1).", "score \(Self.formatted(entry.score))", TextFormatting.inline(node.name),
        node.kind.rawValue, TextFormatting.account(of: node), TextFormatting.inline(node.id),
      ]
    }
    lines += TextTable.format(rows).map { "  " + $0 }
    return lines.joined(separator: "\n") + "\n"
  }
}
