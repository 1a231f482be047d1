import AccessGraph

/// The shapes and colours that DOT output uses: shape marks the node kind, colour marks
/// the platform, and a red double border or red shape marks what matters most.
enum DOTStyle {
  /// The colours of one platform: the node fill and border, and the cluster background.
  struct Palette: Equatable {
    var fill: String
    var border: String
    var clusterFill: String
  }

  /// How one node is drawn, apart from its shape: the platform's colours, changed by the
  /// node's markings. A privilege is red and bold, a crown jewel has a double red border,
  /// the source has a thick black border, and an aggregate a dashed one.
  struct NodeAppearance: Equatable {
    var styles = ["filled"]
    var fill: String
    var border: String
    var penWidth = "1"
    var peripheries = 1

    init(of node: DiagramNode) {
      let palette = DOTStyle.palette(of: node.platform)
      fill = palette.fill
      border = palette.border
      if node.kind == .privilege {
        fill = DOTStyle.privilegeFill
        border = DOTStyle.privilegeBorder
        penWidth = "2"
        styles.append("bold")
      }
      if node.isCrownJewel {
        border = DOTStyle.crownJewelBorder
        penWidth = "2"
        peripheries = 2
      }
      if node.isSource {
        border = DOTStyle.sourceBorder
        penWidth = "3"
        if !styles.contains("bold") { styles.append("bold") }
      }
      if node.isAggregate {
        styles.append("dashed")
      }
    }
  }

  static let fontName = "Helvetica"
  static let edgeColor = "#616161"
  static let edgeFontColor = "#424242"
  static let pathColor = "#D32F2F"
  static let pathFontColor = "#B71C1C"
  static let cutColor = "#1565C0"
  static let chokepointColor = "#6A1B9A"
  static let crownJewelBorder = "#B71C1C"
  static let sourceBorder = "#000000"
  static let privilegeFill = "#FFCDD2"
  static let privilegeBorder = "#C62828"
  static let legendBorder = "#9E9E9E"

  /// Returns the Graphviz shape of `kind`.
  static func shape(of kind: NodeKind) -> String {
    switch kind {
    case .human: "ellipse"
    case .workload: "component"
    case .serviceIdentity: "hexagon"
    case .group: "folder"
    case .resource: "cylinder"
    case .credential: "note"
    case .scope: "box3d"
    case .privilege: "doubleoctagon"
    }
  }

  private static let knownPalettes: [Platform: Palette] = [
    .aws: Palette(fill: "#FFE9C7", border: "#E07B00", clusterFill: "#FFF9F0"),
    .azure: Palette(fill: "#D9ECFA", border: "#0078D4", clusterFill: "#F4F9FE"),
    .gcp: Palette(fill: "#DDF3E2", border: "#1E8E3E", clusterFill: "#F5FBF6"),
    .kubernetes: Palette(fill: "#E1E4F7", border: "#3949AB", clusterFill: "#F6F7FC"),
    .onPremises: Palette(fill: "#E8E8E8", border: "#616161", clusterFill: "#F8F8F8"),
    .application: Palette(fill: "#F2E1F7", border: "#8E24AA", clusterFill: "#FCF6FD"),
  ]

  /// Colours for platforms without a palette of their own: teal, brown, pink, olive, cyan
  /// and slate.
  private static let fallbackPalettes: [Palette] = [
    Palette(fill: "#D7F0EE", border: "#00897B", clusterFill: "#F4FBFA"),
    Palette(fill: "#EDE3DF", border: "#6D4C41", clusterFill: "#FAF7F6"),
    Palette(fill: "#F9DDE8", border: "#C2185B", clusterFill: "#FDF5F8"),
    Palette(fill: "#F0EFD2", border: "#827717", clusterFill: "#FBFBF3"),
    Palette(fill: "#D5F1F4", border: "#0097A7", clusterFill: "#F3FBFC"),
    Palette(fill: "#E0E7EA", border: "#455A64", clusterFill: "#F6F8F9"),
  ]

  /// Returns the colours of `platform`. A platform without its own palette gets a fallback chosen
  /// by a hash of its name that is the same in every run, unlike `Hasher`.
  static func palette(of platform: Platform) -> Palette {
    if let palette = knownPalettes[platform] {
      return palette
    }
    let index = Int(fnv1a(platform.rawValue) % UInt32(fallbackPalettes.count))
    return fallbackPalettes[index]
  }

  /// Returns the 32-bit FNV-1a hash of the UTF-8 bytes of `text`.
  static func fnv1a(_ text: String) -> UInt32 {
    var hash: UInt32 = 2_166_136_261
    for byte in text.utf8 {
      hash ^= UInt32(byte)
      hash = hash &* 16_777_619
    }
    return hash
  }
}
