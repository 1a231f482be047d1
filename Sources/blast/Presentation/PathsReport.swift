import AccessGraph
import Analysis

/// The output of `blast paths`, as text or as a `blastradius/paths/v1` JSON document.
struct PathsReport {
  /// The `--from` argument as given.
  let sourceText: String
  /// The nodes `--from` names: one node, or the members of a group in id order.
  let sources: [NodeID]
  let target: Target
  /// The `-k` limit, or nil when every path found is listed.
  let limit: Int?
  /// Unconditional paths first, then by hops, then by the target's id.
  let paths: [AttackPath]
  let graph: AccessGraph

  struct Document: JSONDocument, Equatable {
    static let schema = "blastradius/paths/v1"

    /// The source's node id, or for a group such as `kind:human` the group as given.
    var from: String
    /// The node ids of every source: the one node, or each member of the group.
    var sources: [String]
    var to: String
    var limit: Nullable<Int>
    var paths: [PathRecord]
    var nodes: [String: NodeRecord]
  }

  /// Whether `--from` named a group of identities rather than one node.
  var isGroup: Bool {
    graph.nodeID(for: sourceText) == nil && (try? IdentityGroup(parsing: sourceText)) != nil
  }

  var document: Document {
    let referenced = (isGroup ? [] : sources) + paths.flatMap(\.nodes)
    return Document(
      from: isGroup ? sourceText : graph.node(sources[0]).id,
      sources: sources.map { graph.node($0).id }, to: WhoCanReport.name(of: target, in: graph),
      limit: Nullable(limit), paths: paths.map { PathRecord($0, in: graph) },
      nodes: NodeRecord.section(for: referenced, in: graph))
  }

  var text: String {
    let sourceName =
      isGroup
      ? "\(sourceText) (\(TextFormatting.count(sources.count, "identity", plural: "identities")))"
      : TextFormatting.inline(graph.node(sources[0]).name)
    let targetName: String
    if case .node(let id) = target {
      targetName = TextFormatting.inline(graph.node(id).name)
    } else {
      targetName = TextFormatting.inline(WhoCanReport.name(of: target, in: graph))
    }
    guard !paths.isEmpty else {
      return "No path from \(sourceName) to \(targetName).\n" + sourceTargetNote(targetName)
    }

    var lines = [
      "\(TextFormatting.count(paths.count, "path")) from \(sourceName) to \(targetName), "
        + "unconditional first, then shortest"
    ]
    let endNames = TextFormatting.distinctNames(
      of: paths.flatMap { [$0.source, $0.target] }, in: graph)
    for (index, path) in paths.enumerated() {
      lines.append("")
      lines += pathLines(path, number: index + 1, endNames: endNames)
    }
    lines += ["", "Nodes on these paths"]
    var seen: Set<NodeID> = []
    let nodes = paths.flatMap(\.nodes).filter { seen.insert($0).inserted }
    let rows = nodes.map { id in
      let node = graph.node(id)
      return [
        TextFormatting.inline(node.name), node.kind.rawValue, TextFormatting.account(of: node),
        TextFormatting.inline(node.id),
        TextFormatting.remarks(on: node, isConditional: false),
      ]
    }
    lines += TextTable.format(rows).map { "  " + $0 }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Returns a line for a search that found no path when some target nodes are sources too:
  /// paths to those nodes are left out, which can be why no path was found.
  private func sourceTargetNote(_ targetName: String) -> String {
    let sourceSet = Set(sources)
    let overlap = target.nodes(in: graph).filter(sourceSet.contains)
    guard !overlap.isEmpty else { return "" }
    guard isGroup else {
      let sourceName = TextFormatting.inline(graph.node(sources[0]).name)
      let relation: String
      if case .node = target {
        relation = "the target itself"
      } else {
        relation = "one of \(targetName) itself"
      }
      return "\(sourceName) is \(relation), and no path is listed from a node to itself.\n"
    }
    let group = TextFormatting.inline(sourceText)
    let members: String
    if case .node = target {
      members = "\(targetName) is a member of \(group)"
    } else if overlap.count == 1 {
      members = "1 node of \(targetName) is a member of \(group)"
    } else {
      members = "\(overlap.count) nodes of \(targetName) are members of \(group)"
    }
    return "\(members), and no path is listed to a node that is one of the sources.\n"
  }

  /// Lines of one path: a heading with its ends, named by `endNames` so that ends with the
  /// same display name differ, then one line per hop.
  private func pathLines(
    _ path: AttackPath, number: Int, endNames: [NodeID: String]
  ) -> [String] {
    var heading =
      "Path \(number): \(endNames[path.source]!) to \(endNames[path.target]!), "
      + TextFormatting.hops(path.hops.count)
    if path.isConditional {
      heading += ", conditional"
    }
    var lines = [heading]
    for (index, hop) in path.hops.enumerated() {
      let from = TextFormatting.inline(graph.node(hop.from).name)
      let to = TextFormatting.inline(graph.node(hop.to).name)
      var line = "  \(index + 1). \(from) -[\(TextFormatting.relation(of: hop))]-> \(to)"
      if hop.isConditional {
        line += " (conditional)"
      }
      lines.append(line)
      lines.append("     via \(TextFormatting.origin(of: hop.provenance))")
    }
    return lines
  }
}
