import AccessGraph
import Analysis

/// Pieces of the text reports that several commands share.
///
/// Text output is for people and may change between versions; scripts should use `--json`.
enum TextFormatting {
  /// The maximum number of actions a text report lists on one hop before it gives a count
  /// instead.
  static let listedActionLimit = 3

  /// "1 hop" or "3 hops".
  static func hops(_ count: Int) -> String {
    count == 1 ? "1 hop" : "\(count) hops"
  }

  /// "1 node" or "3 nodes", for any regular noun, or with the plural given.
  static func count(_ count: Int, _ noun: String, plural: String? = nil) -> String {
    count == 1 ? "1 \(noun)" : "\(count) \(plural ?? noun + "s")"
  }

  /// Returns text from an input for use inside one line: line breaks and tabs become
  /// escapes such as `\n`, as every other control character does when output is printed.
  static func inline(_ text: String) -> String {
    ControlCharacters.escaped(text, keepingLayout: false)
  }

  /// `platform/account`, or the platform alone when the node has no account.
  static func account(of node: Node) -> String {
    inline(
      node.account.isEmpty ? node.platform.rawValue : "\(node.platform.rawValue)/\(node.account)")
  }

  /// "alice (human, aws/111122223333)".
  static func title(of node: Node) -> String {
    "\(inline(node.name)) (\(node.kind.rawValue), \(account(of: node)))"
  }

  /// Returns a name for each of `nodes` that distinguishes it from the others: the display
  /// name alone when no other node of the list shares it, else `title(of:)`, and the id
  /// after that when even the titles repeat.
  ///
  /// - Complexity: O(n) expected for n nodes.
  static func distinctNames(of nodes: [NodeID], in graph: AccessGraph) -> [NodeID: String] {
    let unique = Array(Set(nodes))
    var nameCounts: [String: Int] = [:]
    var titleCounts: [String: Int] = [:]
    for id in unique {
      let node = graph.node(id)
      nameCounts[node.name, default: 0] += 1
      titleCounts[title(of: node), default: 0] += 1
    }
    var names: [NodeID: String] = [:]
    for id in unique {
      let node = graph.node(id)
      if nameCounts[node.name] == 1 {
        names[id] = inline(node.name)
      } else if titleCounts[title(of: node)] == 1 {
        names[id] = title(of: node)
      } else {
        names[id] =
          "\(inline(node.name)) (\(node.kind.rawValue), \(account(of: node)), \(inline(node.id)))"
      }
    }
    return names
  }

  /// Returns the relation of a hop with its actions, such as "assumes" or
  /// "access: s3:GetObject, s3:PutObject", on one line.
  static func relation(of hop: Hop) -> String {
    guard !hop.actions.isEmpty else {
      return hop.relation.rawValue
    }
    var listed = hop.actions.prefix(listedActionLimit).joined(separator: ", ")
    if hop.actions.count > listedActionLimit {
      listed += " and \(hop.actions.count - listedActionLimit) more"
    }
    return inline("\(hop.relation.rawValue): \(listed)")
  }

  /// Returns a grant and where it is written, such as
  /// "deployer trust policy (aws.json:RoleDetailList[0])", after the name of the escalation
  /// technique when the edge stands for one.
  static func origin(of provenance: Provenance) -> String {
    let place =
      provenance.location.isEmpty
      ? provenance.file : "\(provenance.file):\(provenance.location)"
    var origin = provenance.grant
    if origin.isEmpty {
      origin = place
    } else if !place.isEmpty {
      origin += " (\(place))"
    }
    guard let technique = provenance.technique else { return inline(origin) }
    return inline("technique \"\(technique)\": \(origin)")
  }

  /// Returns a path as one line of names, such as
  /// "alice -[assumes]-> deployer -[access: s3:*]-> data".
  static func chain(_ edges: [EdgeID], in graph: AccessGraph) -> String {
    guard let first = edges.first else {
      return ""
    }
    var text = graph.node(graph.source(of: first)).name
    for edge in edges {
      let hop = Hop(edge, in: graph)
      text += " -[\(relation(of: hop))]-> \(graph.node(hop.to).name)"
    }
    return inline(text)
  }

  /// Returns the remarks on a reached node: "crown jewel", "conditional" or
  /// "not defined by any input".
  static func remarks(on node: Node, isConditional: Bool, extra: String? = nil) -> String {
    var remarks: [String] = []
    if let extra { remarks.append(extra) }
    if node.isCrownJewel { remarks.append("crown jewel") }
    if isConditional { remarks.append("conditional") }
    if !node.isDefined { remarks.append("not defined by any input") }
    return remarks.joined(separator: ", ")
  }

  /// Returns a table row for a reached node: hops, name, account, id and remarks. The id is
  /// left out when the name is the id.
  static func row(
    for reached: ReachedNode, in graph: AccessGraph, remark: RemarkRule
  ) -> [String] {
    let node = graph.node(reached.node)
    return [
      hops(reached.hops), inline(node.name), account(of: node), inline(node.id),
      remarks(on: node, isConditional: reached.isConditional, extra: remark(reached, graph)),
    ]
  }

  /// A remark a report adds to some reached nodes, such as "held only".
  typealias RemarkRule = @Sendable (ReachedNode, AccessGraph) -> String?

  /// For a blast radius: an actor that the identity reaches but cannot act as.
  static let heldActorRemark: RemarkRule = { reached, graph in
    graph.node(reached.node).kind.isActor && !reached.actsAs ? "held only" : nil
  }

  /// For who reaches an actor: a reacher that holds the target but cannot act as it.
  static func heldTargetRemark(target: NodeID) -> RemarkRule {
    { reached, graph in
      graph.node(target).kind.isActor && !reached.actsAs ? "holds it only" : nil
    }
  }

  /// Lines listing `reached`, with each one's path below it when `showsPaths` is set.
  static func reachedLines(
    _ reached: [ReachedNode], in graph: AccessGraph, indent: String, showsPaths: Bool,
    remark: RemarkRule
  ) -> [String] {
    let rows = TextTable.format(reached.map { row(for: $0, in: graph, remark: remark) })
    var lines: [String] = []
    for (entry, row) in zip(reached, rows) {
      lines.append(indent + row)
      if showsPaths {
        lines.append(indent + "    via " + chain(entry.path, in: graph))
      }
    }
    return lines
  }

  /// Reached nodes grouped under a heading per kind, in the order of `NodeKind.allCases`,
  /// with one table for all groups so that the columns line up.
  static func kindGroupLines(
    _ reached: [ReachedNode], in graph: AccessGraph, showsPaths: Bool, remark: RemarkRule
  ) -> [String] {
    let ordered = reached.enumerated().sorted { lhs, rhs in
      let left = graph.node(lhs.element.node).kind
      let right = graph.node(rhs.element.node).kind
      return left != right ? left < right : lhs.offset < rhs.offset
    }.map(\.element)
    let rows = TextTable.format(ordered.map { row(for: $0, in: graph, remark: remark) })
    var lines: [String] = []
    var currentKind: NodeKind?
    for (entry, row) in zip(ordered, rows) {
      let kind = graph.node(entry.node).kind
      if kind != currentKind {
        lines.append("  \(kind.rawValue)")
        currentKind = kind
      }
      lines.append("    " + row)
      if showsPaths {
        lines.append("        via " + chain(entry.path, in: graph))
      }
    }
    return lines
  }
}

/// Left-aligned text columns separated by two spaces.
enum TextTable {
  /// The maximum characters of a cell. A longer cell, such as a hostile 10,000-character id,
  /// keeps its first and last characters around an ellipsis, so that it cannot widen its
  /// column for every row. Real ids stay whole: the longest Azure resource ids of the test
  /// estates have 216 characters. JSON and CSV output always keep the whole text.
  static let maximumCellWidth = 256

  /// Pads every cell but the last of each row to its column's width, and trims the
  /// trailing spaces that empty cells leave. Cells longer than `maximumCellWidth` are
  /// shortened in the middle first.
  static func format(_ rows: [[String]]) -> [String] {
    let rows = rows.map { $0.map(shortened) }
    let columnCount = rows.map(\.count).max() ?? 0
    var widths = [Int](repeating: 0, count: columnCount)
    for row in rows {
      for (column, cell) in row.enumerated() {
        widths[column] = max(widths[column], cell.count)
      }
    }
    return rows.map { row in
      var line = ""
      for (column, cell) in row.enumerated() {
        let isLast = column == row.count - 1
        line += isLast ? cell : cell.padded(to: widths[column] + 2)
      }
      return String(line.reversed().drop { $0 == " " }.reversed())
    }
  }
}

extension TextTable {
  /// Returns `cell`, or when it is longer than `maximumCellWidth`, its start and end joined
  /// by an ellipsis to exactly that many characters.
  static func shortened(_ cell: String) -> String {
    guard cell.count > maximumCellWidth else { return cell }
    let keptCount = maximumCellWidth - 1
    return cell.prefix(keptCount - keptCount / 2) + "…" + cell.suffix(keptCount / 2)
  }
}

extension String {
  /// Returns the string followed by spaces up to `length` characters.
  fileprivate func padded(to length: Int) -> String {
    count >= length ? self : self + String(repeating: " ", count: length - count)
  }
}
