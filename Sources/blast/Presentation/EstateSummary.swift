import AccessGraph

/// The output of `blast import` without `-o`: counts of nodes and edges, and with
/// `--nodes` every node, as text or as a `blastradius/import/v1` JSON document.
struct EstateSummary {
  let inputs: [String]
  let graph: AccessGraph
  let listsNodes: Bool

  struct Document: JSONDocument, Equatable {
    static let schema = "blastradius/import/v1"

    var inputs: [String]
    var nodeCount: Int
    var edgeCount: Int
    var nodesByKind: [String: Int]
    var nodesByPlatform: [String: Int]
    var edgesByRelation: [String: Int]
    /// Nodes that grants name but no input defines.
    var undefinedNodeCount: Int
    /// Every node, present only with `--nodes`.
    var nodes: [String: NodeRecord]?
  }

  var document: Document {
    Document(
      inputs: inputs, nodeCount: graph.nodeCount, edgeCount: graph.edgeCount,
      nodesByKind: Dictionary(uniqueKeysWithValues: nodesByKind.map { ($0.rawValue, $1) }),
      nodesByPlatform: Dictionary(
        uniqueKeysWithValues: nodesByPlatform.map { ($0.rawValue, $1) }),
      edgesByRelation: Dictionary(
        uniqueKeysWithValues: edgesByRelation.map { ($0.rawValue, $1) }),
      undefinedNodeCount: undefinedNodeCount,
      nodes: listsNodes ? NodeRecord.section(for: graph.nodeIDs, in: graph) : nil)
  }

  var text: String {
    var lines = [
      "Estate of \(TextFormatting.count(graph.nodeCount, "node")) and "
        + "\(TextFormatting.count(graph.edgeCount, "edge")) from "
        + "\(TextFormatting.count(inputs.count, "input"))"
    ]
    let sections: [(String, [(String, Int)])] = [
      ("Nodes by kind", nodesByKind.map { ($0.rawValue, $1) }),
      ("Nodes by platform", nodesByPlatform.map { (TextFormatting.inline($0.rawValue), $1) }),
      ("Edges by relation", edgesByRelation.map { ($0.rawValue, $1) }),
    ]
    for (heading, counts) in sections where !counts.isEmpty {
      lines += ["", heading]
      lines += TextTable.format(counts.map { [$0.0, String($0.1)] }).map { "  " + $0 }
    }
    if undefinedNodeCount > 0 {
      lines += [
        "",
        "\(TextFormatting.count(undefinedNodeCount, "node")) named in grants but defined "
          + "by no input.",
      ]
    }
    if listsNodes && graph.nodeCount > 0 {
      lines += ["", "Nodes"]
      let nodes = graph.nodes.sorted { $0.id < $1.id }
      let rows = nodes.map { node in
        [
          TextFormatting.inline(node.id), node.kind.rawValue, TextFormatting.account(of: node),
          node.name == node.id ? "" : TextFormatting.inline(node.name),
          TextFormatting.remarks(on: node, isConditional: false),
        ]
      }
      lines += TextTable.format(rows).map { "  " + $0 }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Node counts per kind, in the order of `NodeKind.allCases`, without zeros.
  private var nodesByKind: [(NodeKind, Int)] {
    let counts = Dictionary(grouping: graph.nodes, by: \.kind).mapValues(\.count)
    return NodeKind.allCases.compactMap { kind in counts[kind].map { (kind, $0) } }
  }

  /// Node counts per platform, sorted by platform name.
  private var nodesByPlatform: [(Platform, Int)] {
    Dictionary(grouping: graph.nodes, by: \.platform).mapValues(\.count)
      .sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
  }

  /// Edge counts per relation, in the order of `Relation.allCases`, without zeros.
  private var edgesByRelation: [(Relation, Int)] {
    let counts = Dictionary(grouping: graph.edgeIDs, by: graph.relation(of:))
      .mapValues(\.count)
    return Relation.allCases.compactMap { relation in counts[relation].map { (relation, $0) } }
  }

  private var undefinedNodeCount: Int {
    graph.nodes.count { !$0.isDefined }
  }
}
