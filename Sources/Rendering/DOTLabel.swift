import AccessGraph

/// The text of node and edge labels and tooltips, before DOT quoting.
///
/// Labels are short: names, types and action lists are abbreviated. Tooltips, which SVG
/// viewers show on hover, carry the full platform id.
enum DOTLabel {
  /// Maximum length in characters of a node type in a label.
  static let typeLength = 32
  /// Maximum number of actions an edge tooltip lists.
  static let tooltipActionLimit = 20

  /// Returns the node's name, then a line with its type, hop count and markings, such as
  /// `deploy-role` / `iam-role · 1 hop`, or `12 × s3-bucket` / `2–3 hops` for an aggregate.
  static func label(of node: DiagramNode) -> String {
    var details: [String] = []
    let firstLine: String
    if node.isAggregate {
      firstLine = "\(node.memberCount) × \(Abbreviation.middle(node.name))"
      if node.isCrownJewel { details.append("crown jewels") }
    } else {
      firstLine = Abbreviation.middle(node.name)
      if !node.type.isEmpty {
        details.append(Abbreviation.end(node.type, maximumLength: typeLength))
      }
      if node.isCrownJewel { details.append("crown jewel") }
    }
    if node.isSource {
      details.insert("source", at: 0)
    } else if let hops = node.hops {
      details.append(hopText(hops))
    }
    return details.isEmpty ? firstLine : firstLine + "\n" + details.joined(separator: " · ")
  }

  /// Returns the node's full id, name and place. For an aggregate, returns what it groups
  /// and the ids of its first members.
  static func tooltip(of node: DiagramNode) -> String {
    let place =
      node.account.isEmpty ? node.platform.rawValue : "\(node.platform.rawValue)/\(node.account)"
    guard node.isAggregate else {
      let id = node.graphID ?? node.name
      let type = node.type.isEmpty ? "" : " (\(node.type))"
      let name = node.name == id ? "" : "\n\(node.name)"
      return "\(id)\(name)\n\(node.kind.displayName)\(type) in \(place)"
    }
    var lines = [
      "\(node.memberCount) \(node.kind.displayName) nodes of type \(node.name) in \(place)"
    ]
    if node.type.isEmpty {
      lines[0] = "\(node.memberCount) \(node.kind.displayName) nodes in \(place)"
    }
    lines += node.memberIDs.map { Abbreviation.middle($0, maximumLength: 120) }
    if node.memberCount > node.memberIDs.count {
      lines.append("+\(node.memberCount - node.memberIDs.count) more")
    }
    return lines.joined(separator: "\n")
  }

  /// Returns the relation with abbreviated actions, such as `access [s3:GetObject]`. A path edge
  /// starts with its hop numbers (`2. access`), a merged edge with its count (`3 × access`),
  /// and a chokepoint with its rank and score (`[chokepoint 1 · 5.667] 2. access`).
  static func label(of edge: DiagramEdge) -> String {
    var text = edge.relation.rawValue
    if edge.memberCount > 1 {
      text = "\(edge.memberCount) × \(text)"
    }
    if edge.isHighlighted {
      text = edge.hopNumbers.map(String.init).joined(separator: ", ") + ". " + text
    }
    if edge.isCut {
      text = "[cut] " + text
    }
    if let chokepoint = edge.chokepoint {
      text = "[chokepoint \(chokepoint.rank) · \(scoreText(chokepoint.score))] " + text
    }
    if !edge.actions.isEmpty {
      text += " [\(Abbreviation.actions(edge.actions))]"
    }
    return text
  }

  /// Formats a chokepoint score as `blast chokepoints` prints it: rounded to three decimals,
  /// without trailing zeros.
  static func scoreText(_ score: Double) -> String {
    let thousandths = Int((score * 1000).rounded())
    let fraction = thousandths % 1000
    guard fraction != 0 else { return String(thousandths / 1000) }
    var digits = String(fraction)
    digits = String(repeating: "0", count: 3 - digits.count) + digits
    while digits.hasSuffix("0") { digits.removeLast() }
    return "\(thousandths / 1000).\(digits)"
  }

  /// Returns the relation, up to `tooltipActionLimit` actions, and the grants behind the
  /// edge.
  static func tooltip(of edge: DiagramEdge) -> String {
    var lines = [edge.relation.rawValue]
    if !edge.actions.isEmpty {
      lines[0] += " [\(Abbreviation.actions(edge.actions, listed: tooltipActionLimit))]"
    }
    if let chokepoint = edge.chokepoint {
      lines.append("chokepoint \(chokepoint.rank), score \(scoreText(chokepoint.score))")
    }
    if edge.isConditional {
      lines.append("condition not evaluated")
    }
    lines += edge.grants.map { "via \($0)" }
    if edge.memberCount > edge.grants.count {
      lines.append("\(edge.memberCount) grants in all")
    }
    return lines.joined(separator: "\n")
  }

  static func hopText(_ hops: ClosedRange<Int>) -> String {
    if hops.lowerBound == hops.upperBound {
      return hops.lowerBound == 1 ? "1 hop" : "\(hops.lowerBound) hops"
    }
    return "\(hops.lowerBound)–\(hops.upperBound) hops"
  }
}
