import AccessGraph

/// Writes a `Diagram` as Graphviz DOT text.
///
/// The output depends only on the diagram, so the same diagram always gives the same bytes.
/// Nodes get synthetic ids (`n0`, `n1`, …) in the diagram's order, and clusters get
/// `cluster_p0`, `cluster_p0_a0`, …. Text from an input therefore appears only inside a
/// quoted, escaped string (see `DOTString.quoted`) or as escaped text in the legend's
/// HTML-like label (see `HTMLText.escaped`). Nodes are grouped in one cluster per platform with one
/// nested cluster per account. The graph runs left to right.
public struct DOTWriter: Sendable {
  /// Whether to add a legend of the shapes, colours and edge styles used.
  public var includesLegend: Bool

  public init(includesLegend: Bool = true) {
    self.includesLegend = includesLegend
  }

  /// Returns the DOT text of `diagram`.
  ///
  /// - Complexity: O(n + e) for n nodes and e edges, plus the length of their labels.
  public func write(_ diagram: Diagram) -> String {
    var output = DOTOutput()
    output.line("digraph \"blastradius\" {")
    output.indent += 1
    writeDefaults(title: diagram.title, to: &output)

    var dotIDs: [DiagramNode.ID: String] = [:]
    for (index, node) in diagram.nodes.enumerated() {
      dotIDs[node.id] = "n\(index)"
    }
    writeClusters(
      of: diagram.nodes, accountNames: diagram.accountNames, dotIDs: dotIDs, to: &output)
    for edge in diagram.edges {
      writeEdge(edge, dotIDs: dotIDs, to: &output)
    }

    let legend = diagram.legend
    if includesLegend && !legend.isEmpty {
      DOTLegendWriter(legend: legend).write(to: &output)
    }
    output.indent -= 1
    output.line("}")
    return output.text
  }

  /// Writes the graph, node and edge defaults. `newrank` ranks clusters together with the
  /// rest of the graph. Without it, Graphviz 2.43 fails with "trouble in init_rank" on many
  /// diagrams whose labelled edges cross clusters.
  private func writeDefaults(title: String, to output: inout DOTOutput) {
    output.statement(
      "graph",
      [
        ("rankdir", "LR"), ("newrank", "true"), ("label", title), ("labelloc", "t"),
        ("labeljust", "l"), ("fontname", DOTStyle.fontName), ("fontsize", "16"),
        ("nodesep", "0.25"), ("ranksep", "0.6"), ("pad", "0.25"), ("tooltip", title),
      ])
    output.statement(
      "node",
      [
        ("fontname", DOTStyle.fontName), ("fontsize", "10"), ("style", "filled"),
        ("margin", "0.12,0.05"),
      ])
    output.statement(
      "edge",
      [
        ("fontname", DOTStyle.fontName), ("fontsize", "9"), ("color", DOTStyle.edgeColor),
        ("fontcolor", DOTStyle.edgeFontColor), ("arrowsize", "0.7"),
      ])
  }

  /// Writes one cluster per platform and, inside it, one per account. Relies on the
  /// diagram's node order, which groups nodes by platform and then by account.
  private func writeClusters(
    of nodes: [DiagramNode], accountNames: [String: String], dotIDs: [DiagramNode.ID: String],
    to output: inout DOTOutput
  ) {
    var platformIndex = 0
    var start = nodes.startIndex
    while start < nodes.endIndex {
      let platform = nodes[start].platform
      let end = nodes[start...].firstIndex { $0.platform != platform } ?? nodes.endIndex
      let palette = DOTStyle.palette(of: platform)
      output.line("subgraph \"cluster_p\(platformIndex)\" {")
      output.indent += 1
      output.statement(
        "graph",
        [
          ("label", platform.rawValue), ("tooltip", "platform \(platform.rawValue)"),
          ("style", "rounded,filled"), ("color", palette.border),
          ("fillcolor", palette.clusterFill), ("fontsize", "13"), ("fontcolor", palette.border),
        ])
      writeAccounts(
        of: nodes[start..<end], platformIndex: platformIndex, accountNames: accountNames,
        dotIDs: dotIDs, to: &output)
      output.indent -= 1
      output.line("}")
      platformIndex += 1
      start = end
    }
  }

  private func writeAccounts(
    of nodes: ArraySlice<DiagramNode>, platformIndex: Int, accountNames: [String: String],
    dotIDs: [DiagramNode.ID: String], to output: inout DOTOutput
  ) {
    var accountIndex = 0
    var start = nodes.startIndex
    while start < nodes.endIndex {
      let account = nodes[start].account
      let end = nodes[start...].firstIndex { $0.account != account } ?? nodes.endIndex
      if account.isEmpty {
        for node in nodes[start..<end] {
          writeNode(node, dotID: dotIDs[node.id]!, to: &output)
        }
      } else {
        output.line("subgraph \"cluster_p\(platformIndex)_a\(accountIndex)\" {")
        output.indent += 1
        let key = Diagram.accountKey(platform: nodes[start].platform, account: account)
        let name = accountNames[key]
        output.statement(
          "graph",
          [
            ("label", Abbreviation.middle(name ?? account)),
            ("tooltip", "account \(account)" + (name.map { ": \($0)" } ?? "")),
            ("style", "rounded,dashed"),
            ("color", DOTStyle.palette(of: nodes[start].platform).border),
            ("fontsize", "11"),
          ])
        for node in nodes[start..<end] {
          writeNode(node, dotID: dotIDs[node.id]!, to: &output)
        }
        output.indent -= 1
        output.line("}")
        accountIndex += 1
      }
      start = end
    }
  }

  private func writeNode(_ node: DiagramNode, dotID: String, to output: inout DOTOutput) {
    let appearance = DOTStyle.NodeAppearance(of: node)
    var attributes: [(String, String)] = [
      ("label", DOTLabel.label(of: node)), ("tooltip", DOTLabel.tooltip(of: node)),
      ("shape", DOTStyle.shape(of: node.kind)),
    ]
    if appearance.peripheries > 1 {
      attributes.append(("peripheries", String(appearance.peripheries)))
    }
    if node.kind == .resource {
      // A cylinder's top rim is drawn inside the node's box, so the label needs room above it.
      attributes.append(("margin", "0.12,0.24"))
    }
    attributes += [
      ("style", appearance.styles.joined(separator: ",")), ("fillcolor", appearance.fill),
      ("color", appearance.border), ("penwidth", appearance.penWidth),
    ]
    output.statement("\"\(dotID)\"", attributes)
  }

  private func writeEdge(
    _ edge: DiagramEdge, dotIDs: [DiagramNode.ID: String], to output: inout DOTOutput
  ) {
    var attributes: [(String, String)] = [
      ("label", DOTLabel.label(of: edge)), ("tooltip", DOTLabel.tooltip(of: edge)),
    ]
    if edge.isConditional {
      attributes.append(("style", "dashed"))
    }
    if edge.chokepoint != nil {
      attributes += [
        ("color", DOTStyle.chokepointColor), ("fontcolor", DOTStyle.chokepointColor),
        ("penwidth", "4.5"), ("arrowsize", "1"),
      ]
    } else if edge.isCut {
      attributes += [
        ("color", DOTStyle.cutColor), ("fontcolor", DOTStyle.cutColor), ("penwidth", "3.5"),
        ("arrowsize", "0.9"),
      ]
    } else if edge.isHighlighted {
      attributes += [
        ("color", DOTStyle.pathColor), ("fontcolor", DOTStyle.pathFontColor),
        ("penwidth", "2.5"), ("arrowsize", "0.9"),
      ]
    } else if edge.memberCount > 1 {
      attributes.append(("penwidth", "1.6"))
    }
    let source = dotIDs[edge.source]!
    let target = dotIDs[edge.target]!
    output.statement("\"\(source)\" -> \"\(target)\"", attributes)
  }
}

/// DOT text under construction, with the current indentation.
struct DOTOutput {
  private(set) var text = ""
  var indent = 0

  mutating func line(_ line: String) {
    text += String(repeating: "  ", count: indent) + line + "\n"
  }

  /// Writes `head [name="value", …];` with every value quoted and escaped.
  mutating func statement(_ head: String, _ attributes: [(String, String)]) {
    let list = attributes.map { "\($0.0)=\(DOTString.quoted($0.1))" }
    line("\(head) [\(list.joined(separator: ", "))];")
  }
}
