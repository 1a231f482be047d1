import AccessGraph

/// Writes a diagram's legend as one node, `legend`, whose HTML-like label is a table of the
/// shapes, markings, platform colours and edge styles that the diagram uses.
///
/// A single node keeps the legend compact: sample nodes and edges would take part in the
/// layout and stretch across the diagram's ranks.
struct DOTLegendWriter {
  var legend: DiagramLegend

  static let fontSize = "9"

  func write(to output: inout DOTOutput) {
    output.line(
      #""legend" [tooltip="Legend", shape="plain", style="", fontsize="\#(Self.fontSize)", label=<"#
    )
    output.indent += 1
    output.line(
      #"<TABLE BORDER="1" COLOR="\#(DOTStyle.legendBorder)" CELLBORDER="0" CELLSPACING="0" "#
        + #"CELLPADDING="3" STYLE="ROUNDED">"#)
    output.indent += 1
    for row in rows() {
      output.line(row)
    }
    output.indent -= 1
    output.line("</TABLE>")
    output.indent -= 1
    output.line(">];")
  }

  /// Returns the table rows: a heading, then shapes, markings, platforms and edge styles.
  private func rows() -> [String] {
    var rows = [#"<TR><TD COLSPAN="2" ALIGN="LEFT"><B>Legend</B></TD></TR>"#]
    for kind in legend.kinds {
      rows.append(row(symbol: Self.shapeDescription(of: kind), text: kind.displayName))
    }
    if legend.hasSource {
      rows.append(row(symbol: "thick black border", text: "source"))
    }
    if legend.hasCrownJewels {
      rows.append(row(symbol: "double red border", text: "crown jewel"))
    }
    if legend.hasAggregates {
      rows.append(row(symbol: "dashed border", text: "N × type: aggregated nodes"))
    }
    for platform in legend.platforms {
      rows.append(platformRow(platform))
    }
    for style in legend.edgeStyles {
      rows.append(edgeRow(style))
    }
    return rows
  }

  /// Returns the plain words for the Graphviz shape of `kind`.
  static func shapeDescription(of kind: NodeKind) -> String {
    switch kind {
    case .human: "ellipse"
    case .workload: "box with tabs"
    case .serviceIdentity: "hexagon"
    case .group: "folder"
    case .resource: "cylinder"
    case .credential: "note"
    case .scope: "3-D box"
    case .privilege: "red double octagon"
    }
  }

  private func row(symbol: String, text: String) -> String {
    let symbol = HTMLText.escaped(symbol)
    return #"<TR><TD ALIGN="LEFT"><FONT COLOR="\#(DOTStyle.edgeFontColor)">\#(symbol)</FONT></TD>"#
      + #"<TD ALIGN="LEFT">\#(HTMLText.escaped(text))</TD></TR>"#
  }

  private func platformRow(_ platform: Platform) -> String {
    let palette = DOTStyle.palette(of: platform)
    let name = HTMLText.escaped(Abbreviation.middle(platform.rawValue, maximumLength: 24))
    return #"<TR><TD BGCOLOR="\#(palette.fill)" BORDER="1" COLOR="\#(palette.border)">"#
      + #"<FONT COLOR="\#(palette.border)">platform</FONT></TD>"#
      + #"<TD ALIGN="LEFT">\#(name)</TD></TR>"#
  }

  private func edgeRow(_ style: DiagramLegend.EdgeStyle) -> String {
    let (arrow, color, text): (String, String, String) =
      switch style {
      case .grant: ("────▶", DOTStyle.edgeColor, "grant")
      case .conditional: ("- - - ▶", DOTStyle.edgeColor, "condition not evaluated")
      case .merged: ("────▶", DOTStyle.edgeColor, "N × relation: merged grants")
      case .pathHop: ("<B>━━━━▶</B>", DOTStyle.pathColor, "1. relation: attack path hop")
      case .cut: ("<B>━━━━▶</B>", DOTStyle.cutColor, "[cut] relation: grant to revoke")
      case .chokepoint:
        (
          "<B>━━━━▶</B>", DOTStyle.chokepointColor,
          "[chokepoint rank · score] relation: chokepoint"
        )
      }
    return #"<TR><TD ALIGN="LEFT"><FONT COLOR="\#(color)" POINT-SIZE="12">\#(arrow)</FONT></TD>"#
      + #"<TD ALIGN="LEFT">\#(HTMLText.escaped(text))</TD></TR>"#
  }
}

/// Escaping for text inside Graphviz HTML-like labels, which Graphviz parses as XML.
enum HTMLText {
  /// Returns `text` with `&`, `<`, `>` and `"` as character entities, line breaks and tabs
  /// as spaces, and other control characters dropped.
  static func escaped(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "\n", "\r", "\t": result += " "
      default:
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0xFFFE, 0xFFFF: break
        default: result.unicodeScalars.append(scalar)
        }
      }
    }
    return result
  }
}
