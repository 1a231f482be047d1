import AccessGraph
import Analysis
import Foundation
import Rendering

/// The main report on an estate: an overview, the riskiest identities with their blast
/// radius, and their attack paths to admin and to crown jewels, as a Markdown summary that
/// links one SVG diagram per finding.
public struct EstateReport {
  /// One identity the report covers, with its shortest paths to what matters.
  public struct Finding: Sendable {
    public var rank: Int
    /// The identity's risk score and the factors behind it.
    public var risk: IdentityRisk
    public var exposure: IdentityExposure
    /// One shortest path to each privilege node the identity reaches.
    public var adminPaths: [AttackPath]
    /// One shortest path to each crown jewel the identity reaches.
    public var crownJewelPaths: [AttackPath]
    /// The stem of this finding's diagram file names, such as `01-svc-jenkins`.
    public var fileStem: String
  }

  public let graph: AccessGraph
  public let inputs: [String]
  /// The date that credential ages and time since last use count to.
  public let date: CalendarDate
  /// The identities covered, highest risk score first.
  public let findings: [Finding]
  /// For every identity that reaches a privilege, a shortest path to the nearest one, by hop
  /// count, then identity id.
  public let adminPaths: [AttackPath]
  /// The cut to admin from every identity that is neither a holder of admin nor privileged
  /// by construction, which the summary lists and one diagram draws.
  public let adminRevocationPlan: RevocationPlan
  /// The chokepoints of the attack paths to admin from the same identities, which the
  /// summary lists and one diagram draws.
  public let adminChokepoints: Chokepoints

  /// Chooses what the report covers.
  ///
  /// - Parameters:
  ///   - inputs: The inputs as the user named them, listed in the summary.
  ///   - topCount: How many of the riskiest identities to cover, by the risk score of
  ///     `IdentityRisk` with default weights. Identities that reach nothing are never
  ///     covered.
  ///   - date: The date that credential ages and time since last use count to.
  /// - Complexity: O(V + E) and the bitset propagation of `EstateReach` to rank every
  ///   identity, plus O(A·(V + E)) for the A identities that reach a privilege and the
  ///   covered ones, a few searches each, plus one `RevocationPlan` and one `Chokepoints`
  ///   to admin.
  public init(graph: AccessGraph, inputs: [String], topCount: Int = 5, date: CalendarDate) {
    self.graph = graph
    self.inputs = inputs
    self.date = date
    let reach = EstateReach(
      graph: graph, identities: IdentityExposure.identities(in: graph),
      originSets: [
        graph.nodes(where: RiskFactors.isPublic),
        graph.nodes { $0.kind == .human && !RiskFactors.isPublic($0) },
      ])
    let ranking = IdentityRisk.rank(reach, in: graph, weights: .defaults, date: date)
      .filter { $0.factors.all.reached > 0 }
      .prefix(topCount)
    findings = ranking.enumerated().map { index, risk in
      let source = [risk.identity]
      let counts = risk.factors.all
      let exposure = IdentityExposure(
        identity: risk.identity, privileges: counts.privileges, crownJewels: counts.crownJewels,
        platforms: counts.platforms, accounts: counts.accounts, reached: counts.reached,
        deepestHop: BlastRadius(of: risk.identity, in: graph).deepestHop)
      return Finding(
        rank: index + 1, risk: risk, exposure: exposure,
        adminPaths: graph.shortestPaths(from: source, to: .admin),
        crownJewelPaths: graph.shortestPaths(from: source, to: .crownJewels),
        fileStem: Self.fileStem(rank: index + 1, name: graph.node(risk.identity).name))
    }
    // Only identities whose counts show a privilege can have a path to one.
    adminPaths = zip(reach.identities, reach.all)
      .filter { $0.1.privileges > 0 }
      .compactMap { graph.shortestPaths(from: [$0.0], to: .admin).first }
      .sorted { lhs, rhs in
        if lhs.hops.count != rhs.hops.count { return lhs.hops.count < rhs.hops.count }
        return graph.node(lhs.source).id < graph.node(rhs.source).id
      }
    adminRevocationPlan = RevocationPlan(graph: graph, target: .admin)
    adminChokepoints = Chokepoints(graph: graph, target: .admin)
  }

  /// Writes the summary and every diagram into `directory`, replacing an earlier report
  /// there. Nothing appears at `directory` unless every file was written.
  ///
  /// - Parameter progress: Receives a line before each diagram is rendered.
  /// - Returns: The files written, relative to `directory`, in the order written.
  /// - Throws: `ReportError`.
  @discardableResult
  public func write(
    to directory: String, progress: (String) -> Void = { _ in }
  ) throws(ReportError) -> [String] {
    let folder = try ReportFolder(destination: directory, protecting: inputs)
    do {
      var written: [String] = []
      for (name, diagram) in diagrams() {
        progress("rendering \(name)")
        try render(diagram, to: name, in: folder)
        written.append(name)
      }
      try folder.write(Data(summary().utf8), to: "README.md")
      try folder.write(Data(), to: ReportFolder.marker)
      written.append("README.md")
      try folder.commit()
      return written
    } catch {
      folder.discard()
      throw error
    }
  }

  /// Returns every diagram of the report with its file name, in the order the summary
  /// shows them.
  func diagrams() -> [(name: String, diagram: Diagram)] {
    var diagrams: [(String, Diagram)] = [("estate.svg", Diagram.estate(graph))]
    let crossing = crossPlatformAdminPaths
    if !crossing.isEmpty {
      let title = "Attack paths to admin that cross platforms"
      diagrams.append(
        ("paths/cross-platform-admin.svg", Diagram.paths(crossing, in: graph, title: title)))
    }
    for finding in findings {
      let radius = BlastRadius(of: finding.exposure.identity, in: graph)
      diagrams.append(("radius/\(finding.fileStem).svg", Diagram.radius(radius, in: graph)))
      if !finding.adminPaths.isEmpty {
        diagrams.append(
          ("paths/\(finding.fileStem)-admin.svg", Diagram.paths(finding.adminPaths, in: graph)))
      }
      if !finding.crownJewelPaths.isEmpty {
        diagrams.append(
          (
            "paths/\(finding.fileStem)-crown-jewels.svg",
            Diagram.paths(finding.crownJewelPaths, in: graph)
          ))
      }
    }
    diagrams += chokepointDiagrams()
    diagrams += revocationDiagrams(adminRevocationPlan)
    return diagrams
  }

  private func render(_ diagram: Diagram, to name: String, in folder: ReportFolder)
    throws(ReportError)
  {
    let dot = DOTWriter().write(diagram)
    let svg: Data
    do {
      svg = try GraphvizRenderer.render(dot: dot, format: .svg)
    } catch {
      throw .diagramFailed(name: name, reason: error.description)
    }
    try folder.write(svg, to: name)
  }

  /// Returns a file name stem from a rank and a display name: lower-case letters, digits and
  /// hyphens, at most 40 characters of the name.
  static func fileStem(rank: Int, name: String) -> String {
    var slug = ""
    for scalar in name.lowercased().unicodeScalars {
      let isPlain = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
      if isPlain {
        slug.unicodeScalars.append(scalar)
      } else if !slug.isEmpty && !slug.hasSuffix("-") {
        slug += "-"
      }
    }
    while slug.hasSuffix("-") { slug.removeLast() }
    let short = String(slug.prefix(40))
    let number = rank < 10 ? "0\(rank)" : "\(rank)"
    return short.isEmpty ? number : "\(number)-\(short)"
  }
}
