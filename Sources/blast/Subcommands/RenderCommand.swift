import AccessGraph
import Analysis
import Foundation
import Rendering

/// `blast render radius|paths|estate|cut|chokepoints ...`: one diagram as DOT, SVG, PNG or
/// PDF.
struct RenderCommand: BlastCommand {
  static var configuration: CommandConfiguration {
    CommandConfiguration(
      commandName: "render",
      abstract:
        "Draw one diagram: an identity's blast radius, attack paths, the estate, a cut, or "
        + "chokepoints.",
      discussion: """
        The first argument names the diagram. `radius` takes the identity as the next \
        argument, then the inputs; `paths` takes --from and --to; `estate` draws every \
        input aggregated to stay readable; `cut` draws the attack paths through the \
        grants that blast cut would revoke, taking --to and optionally --from, \
        --include-holders and --cost; when a source reaches the target through edges \
        that cannot be revoked, it prints that path as blast cut does, writes no diagram \
        and exits with status 1. `chokepoints` draws the edges that blast chokepoints \
        ranks first, with shortest attack paths through them, taking --to (default admin), \
        --from, --top, --include-holders and --cost. The format comes from --format, else from the \
        extension of -o, else SVG. Diagrams are laid out by libgraphviz in this process.
        """,
      example: "blast render paths graphs/sample-estate --from svc-jenkins --to admin -o path.svg")
  }

  static let diagram = ArgumentDefinition.positional(
    "DIAGRAM", help: "Which diagram to draw: radius, paths, estate, cut or chokepoints.")
  static let inputs = ArgumentDefinition.positional(
    "INPUT",
    help: "For radius, the identity first; then estate files, provider exports or folders.",
    isVariadic: true, isRequired: false)
  static let format = ArgumentDefinition.option(
    "format", valueName: "FORMAT", help: "The output format: dot, svg, png or pdf.")
  static let from = ArgumentDefinition.option(
    "from", valueName: "ID",
    help: "For paths: the identity the paths start at, or a group of identities such as "
      + "kind:human, as blast paths takes it. For cut: the identity or group to cut off. "
      + "For chokepoints: score only the paths from it.")
  static let to = ArgumentDefinition.option(
    "to", valueName: "TARGET",
    help: "For paths, cut and chokepoints: a node id or display name, admin, or "
      + "crown-jewels. Chokepoints take admin when it is left out.")
  static let limit = ArgumentDefinition.option(
    "limit", short: "k", valueName: "N",
    help: "For paths: draw the N best loopless paths, as blast paths -k lists them.")
  static let top = ArgumentDefinition.option(
    "top", valueName: "N",
    help: "For chokepoints: draw the N highest-scoring edges (default "
      + "\(Diagram.defaultChokepointCount)).")

  static let includeHolders = ArgumentDefinition.flag(
    "include-holders",
    help: "For cut without --from, and for chokepoints: treat the holders of the target as "
      + "sources too, as blast cut --include-holders does.")

  static var arguments: [ArgumentDefinition] {
    [diagram, inputs, format, from, to, limit, top, includeHolders]
      + SearchDepthOptions.arguments
      + RevocationCostOptions.arguments + OutputFileOptions.arguments
  }

  enum Kind: String, CaseIterable {
    case radius, paths, estate, cut, chokepoints
  }

  var kind: Kind
  var identity: String?
  var inputs: InputOptions
  var format: RenderFormat
  var source: String?
  var target: String?
  var limit: Int?
  var top: Int?
  var includesHolders: Bool
  var depth: SearchDepthOptions
  var costs: RevocationCostOptions
  var output: OutputFileOptions

  init(parsing arguments: ParsedArguments) throws(UsageError) {
    let name = arguments.requiredString(Self.diagram)
    guard let kind = Kind(rawValue: name) else {
      throw .invalidValue(
        name, for: Self.diagram, expected: "radius, paths, estate, cut or chokepoints")
    }
    self.kind = kind
    var paths = arguments.strings(Self.inputs)
    if kind == .radius {
      guard paths.count >= 2 else {
        throw paths.isEmpty ? .missingArgument(Self.inputs) : .missingRadiusInput(paths[0])
      }
      identity = paths.removeFirst()
    } else if paths.isEmpty {
      throw .missingArgument(Self.inputs)
    }
    inputs = InputOptions(paths: paths)
    output = try OutputFileOptions(parsing: arguments)
    format = try Self.format(
      named: arguments.string(Self.format), output: output.path, option: Self.format)
    source = arguments.string(Self.from)
    target = arguments.string(Self.to)
    limit = try arguments.value(Self.limit, as: Int.self)
    top = try arguments.value(Self.top, as: Int.self)
    includesHolders = arguments.isSet(Self.includeHolders)
    depth = try SearchDepthOptions(parsing: arguments)
    costs = try RevocationCostOptions(parsing: arguments)
  }

  /// The format named by `--format`, else by the extension of the output file, else SVG.
  private static func format(
    named name: String?, output: String?, option: ArgumentDefinition
  ) throws(UsageError) -> RenderFormat {
    if let name {
      guard let format = RenderFormat(rawValue: name.lowercased()) else {
        throw .invalidValue(name, for: option, expected: "one of dot, svg, png, pdf")
      }
      return format
    }
    guard let output else { return .svg }
    let suffix = (output as NSString).pathExtension.lowercased()
    guard let format = RenderFormat(rawValue: suffix) else {
      throw .invalidValue(
        output, for: OutputFileOptions.output,
        expected: "a file ending in .dot, .svg, .png or .pdf, or --format to choose one")
    }
    return format
  }

  func validate() throws(UsageError) {
    if kind == .paths {
      if source == nil { throw .missingOption(Self.from) }
      if target == nil { throw .missingOption(Self.to) }
    }
    if kind == .cut && target == nil {
      throw .missingOption(Self.to)
    }
    if kind == .cut && source != nil && includesHolders {
      throw .holdersWithSources()
    }
    if let limit, !(1...PathsCommand.maximumLimit).contains(limit) {
      throw .invalidValue(String(limit), for: Self.limit, expected: "a number from 1 to 10000")
    }
    if kind == .chokepoints && source != nil && includesHolders {
      throw .holdersWithSources()
    }
    if let top {
      guard kind == .chokepoints else {
        throw UsageError("--top applies only to render chokepoints", remedy: "leave out --top")
      }
      if top < 1 {
        throw .invalidValue(String(top), for: Self.top, expected: "a number of at least 1")
      }
    }
  }

  func run(console: Console) throws {
    try output.checkDestination(notReplacing: inputs.paths)
    let graph = try inputs.loadGraph(console: console)
    let diagram = try makeDiagram(graph, console: console)
    let dot = DOTWriter().write(diagram)
    console.progress("laying out \(diagram.nodes.count) nodes…")
    let data = format == .dot ? Data(dot.utf8) : try GraphvizRenderer.render(dot: dot, format: format)
    try output.write(data, console: console)
  }

  private func makeDiagram(_ graph: AccessGraph, console: Console) throws -> Diagram {
    switch kind {
    case .radius:
      let node = try NodeLookup.node(identity!, in: graph)
      return Diagram.radius(BlastRadius(of: node, in: graph, maxDepth: depth.maxDepth), in: graph)
    case .paths:
      let sources = try NodeLookup.sources(source!, option: Self.from, in: graph)
      let goal = try NodeLookup.target(target!, option: "--to", in: graph)
      let paths =
        if let limit {
          PathsCommand.rankedPaths(
            from: sources, to: goal, limit: limit, in: graph, console: console)
        } else {
          graph.shortestPaths(from: sources, to: goal)
        }
      return Diagram.paths(paths, in: graph)
    case .estate:
      return Diagram.estate(graph)
    case .cut:
      let sources = try source.map { try NodeLookup.sources($0, option: Self.from, in: graph) }
      let goal = try NodeLookup.target(target!, option: "--to", in: graph)
      let plan = RevocationPlan(
        graph: graph, target: goal, sources: sources, keepsHolders: !includesHolders,
        costs: costs.costs)
      if let blocked = plan.unrevocablePath {
        // Print the path that no revocation cuts and write no diagram, as `blast cut` does.
        let report = CutReport(plan: plan, graph: graph, sourcesGiven: source != nil)
        console.output(ControlCharacters.escaped(report.text, keepingLayout: true))
        throw UnrevocableAccessError(
          source: graph.node(blocked.source).name,
          target: CutReport.targetName(of: goal, in: graph), isTarget: blocked.edges.isEmpty)
      }
      return Diagram.cut(plan, in: graph)
    case .chokepoints:
      let name = target ?? "admin"
      let goal = try NodeLookup.target(name, option: "--to", in: graph)
      let sources = try source.map { try NodeLookup.sources($0, option: Self.from, in: graph) }
      console.progress("scoring attack paths to \(name)…")
      let chokepoints = Chokepoints(
        graph: graph, target: goal, sources: sources,
        keepsHolders: sources == nil && !includesHolders, costs: costs.costs)
      return Diagram.chokepoints(
        chokepoints, in: graph, top: top ?? Diagram.defaultChokepointCount)
    }
  }
}
