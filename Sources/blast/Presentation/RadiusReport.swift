import AccessGraph
import Analysis

/// The output of `blast radius`, as text or as a `blastradius/radius/v1` JSON document.
struct RadiusReport {
  let radius: BlastRadius
  let graph: AccessGraph
  /// Whether the text shows the path to every reached node, not only to privileges and
  /// crown jewels.
  let showsPaths: Bool

  struct Document: JSONDocument, Equatable {
    static let schema = "blastradius/radius/v1"

    var source: String
    var maxDepth: Nullable<Int>
    var summary: Summary
    /// Every reached node with a shortest path from the source, by hops, then kind, then id.
    var reached: [ReachedRecord]
    var nodes: [String: NodeRecord]
  }

  struct Summary: Encodable, Equatable {
    var reachedCount: Int
    var deepestHop: Int
    var platforms: [String]
    var accounts: [String]
    var privileges: [String]
    var crownJewels: [String]
  }

  var document: Document {
    let ids = { (entries: [ReachedNode]) in entries.map { graph.node($0.node).id } }
    let summary = Summary(
      reachedCount: radius.reached.count, deepestHop: radius.deepestHop,
      platforms: radius.platforms(in: graph).map(\.rawValue),
      accounts: radius.accounts(in: graph),
      privileges: ids(radius.privileges(in: graph)),
      crownJewels: ids(radius.crownJewels(in: graph)))
    let referenced =
      [radius.source]
      + radius.reached.flatMap { entry in
        [entry.node] + entry.path.map(graph.source(of:))
      }
    return Document(
      source: graph.node(radius.source).id, maxDepth: Nullable(radius.maxDepth),
      summary: summary, reached: radius.reached.map { ReachedRecord($0, in: graph) },
      nodes: NodeRecord.section(for: referenced, in: graph))
  }

  var text: String {
    let source = graph.node(radius.source)
    var lines = [
      "Blast radius of \(TextFormatting.title(of: source))",
      "id: \(TextFormatting.inline(source.id))",
    ]
    if let maxDepth = radius.maxDepth {
      lines.append("depth: at most \(TextFormatting.hops(maxDepth))")
    }
    lines.append("")
    guard !radius.reached.isEmpty else {
      lines.append("Reaches nothing.")
      return lines.joined(separator: "\n") + "\n"
    }

    let platforms = radius.platforms(in: graph).map { TextFormatting.inline($0.rawValue) }
    let accounts = radius.accounts(in: graph).map(TextFormatting.inline)
    let privileges = radius.privileges(in: graph)
    let crownJewels = radius.crownJewels(in: graph)
    lines += [
      "Reaches \(TextFormatting.count(radius.reached.count, "node")) within "
        + "\(TextFormatting.hops(radius.deepestHop)). Counting its own, that spans "
        + "\(TextFormatting.count(platforms.count, "platform")) and "
        + "\(TextFormatting.count(accounts.count, "account")).",
      "Platforms: \(platforms.joined(separator: ", "))",
      "Accounts: \(accounts.isEmpty ? "none" : accounts.joined(separator: ", "))",
      "Privileges reached: \(privileges.count)",
      "Crown jewels reached: \(crownJewels.count)",
    ]
    for (heading, entries) in [("Privileges", privileges), ("Crown jewels", crownJewels)]
    where !entries.isEmpty {
      lines += ["", heading]
      lines += TextFormatting.reachedLines(
        entries, in: graph, indent: "  ", showsPaths: true,
        remark: TextFormatting.heldActorRemark)
    }
    lines += ["", "Everything reached, by kind"]
    lines += TextFormatting.kindGroupLines(
      radius.reached, in: graph, showsPaths: showsPaths,
      remark: TextFormatting.heldActorRemark)
    return lines.joined(separator: "\n") + "\n"
  }
}
