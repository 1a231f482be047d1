import AccessGraph
import Analysis

/// The output of `blast who-can`, as text or as a `blastradius/who-can/v1` JSON document.
///
/// A target of `admin` or `crown-jewels` stands for several nodes; the report then has one
/// result per target node, in order of node id.
struct WhoCanReport {
  /// The target as the document names it: a node id, `admin` or `crown-jewels`.
  let target: Target
  let action: String?
  let maxDepth: Int?
  /// One search per target node.
  let results: [WhoCan]
  let graph: AccessGraph
  /// Whether the text shows the path from every reacher, not only from identities.
  let showsPaths: Bool

  struct Document: JSONDocument, Equatable {
    static let schema = "blastradius/who-can/v1"

    var target: String
    var action: Nullable<String>
    var maxDepth: Nullable<Int>
    var results: [Result]
    var nodes: [String: NodeRecord]
  }

  struct Result: Encodable, Equatable {
    var target: String
    /// Everything that reaches the target, with a shortest path from it to the target.
    var reachers: [ReachedRecord]
  }

  var document: Document {
    var referenced: [NodeID] = []
    let records = results.map { result in
      referenced.append(result.target)
      for reacher in result.reachers {
        referenced += [reacher.node] + reacher.path.map(graph.target(of:))
      }
      return Result(
        target: graph.node(result.target).id,
        reachers: result.reachers.map { ReachedRecord($0, in: graph) })
    }
    return Document(
      target: Self.name(of: target, in: graph), action: Nullable(action),
      maxDepth: Nullable(maxDepth), results: records,
      nodes: NodeRecord.section(for: referenced, in: graph))
  }

  /// Returns the target's node id, or `admin` or `crown-jewels` for those keywords.
  static func name(of target: Target, in graph: AccessGraph) -> String {
    switch target {
    case .admin: "admin"
    case .crownJewels: "crown-jewels"
    case .node(let id): graph.node(id).id
    }
  }

  var text: String {
    var lines: [String] = []
    if results.isEmpty {
      lines.append(
        target == .admin
          ? "No node in the estate is a privilege, so nothing can reach admin."
          : "No node in the estate is a crown jewel, so nothing can reach crown-jewels.")
    }
    for (index, result) in results.enumerated() {
      if index > 0 {
        lines.append("")
      }
      lines += resultLines(result)
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private func resultLines(_ result: WhoCan) -> [String] {
    let target = graph.node(result.target)
    var lines = [
      "Who can reach \(TextFormatting.title(of: target))",
      "id: \(TextFormatting.inline(target.id))",
    ]
    if let action {
      lines.append("action: \(TextFormatting.inline(action))")
    }
    if let maxDepth {
      lines.append("depth: at most \(TextFormatting.hops(maxDepth))")
    }
    lines.append("")
    guard let deepest = result.reachers.last?.hops else {
      lines.append("Nothing reaches it.")
      return lines
    }

    let identities = result.identities(in: graph)
    lines.append(
      "\(TextFormatting.count(result.reachers.count, "node")) "
        + "\(result.reachers.count == 1 ? "reaches" : "reach") it within "
        + "\(TextFormatting.hops(deepest)), \(identities.count) of them "
        + "\(identities.count == 1 ? "an identity" : "identities").")
    if target.kind.isActor && !identities.isEmpty {
      let acting = identities.filter(\.actsAs).count
      lines.append(
        acting == identities.count
          ? "Every one of those identities can act as it."
          : "\(acting) of those identities can act as it; the others only hold it, which "
            + "grants none of its rights.")
    }
    if !identities.isEmpty {
      lines += ["", "Identities"]
      lines += TextFormatting.reachedLines(
        identities, in: graph, indent: "  ", showsPaths: true,
        remark: TextFormatting.heldTargetRemark(target: result.target))
    }
    lines += ["", "Everything that reaches it, by kind"]
    lines += TextFormatting.kindGroupLines(
      result.reachers, in: graph, showsPaths: showsPaths,
      remark: TextFormatting.heldTargetRemark(target: result.target))
    return lines
  }
}
