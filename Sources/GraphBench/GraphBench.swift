import AccessGraph
import Analysis
import Foundation
import Importers

/// `blast-graph-bench`: times the graph algorithms of `blast` in process, after loading an
/// estate file once, and prints the timings and results as JSON on standard output.
///
/// `bench/graph_bench.py` runs it beside networkx, igraph and rustworkx on the same graph
/// and compares the results. Loading is timed apart, so that only the algorithms are
/// compared. Each algorithm runs `--runs` times and the fastest run counts.
@main
struct GraphBench {
  static func main() {
    let arguments: GraphBenchOptions
    do {
      arguments = try GraphBenchOptions(parsing: Array(CommandLine.arguments.dropFirst()))
    } catch {
      fail("\(error.message)", note: GraphBenchOptions.usage, status: 64)
    }
    if arguments.isHelp {
      print(GraphBenchOptions.usage)
      exit(0)
    }

    let clock = ContinuousClock()
    let loadStart = clock.now
    let graph: AccessGraph
    do {
      graph = try EstateLoader().load([arguments.estate])
    } catch let error as ImportError {
      fail("\(error)", status: error.reason == .unreadable ? 66 : 65)
    } catch {
      fail("\(error)", status: 70)
    }
    let loadSeconds = seconds(clock.now - loadStart)
    let reachSource = node(arguments.reachSource, in: graph, option: "--reach-source")
    let pathSource = node(arguments.pathSource, in: graph, option: "--path-from")
    let pathTarget = node(arguments.pathTarget, in: graph, option: "--path-to")
    let identities = graph.nodes { $0.kind.isIdentity }

    var counts: [Int] = []
    let countSeconds = best(of: arguments.runs) {
      counts = EstateReach.reachedNodeCounts(graph: graph, identities: identities)
    }
    let estateReachSeconds = best(of: arguments.runs) {
      _ = EstateReach(graph: graph, identities: identities)
    }
    var reached = 0
    let singleSourceSeconds = best(of: arguments.runs) {
      reached = graph.reachability(from: [reachSource]).reachedNodes.count
    }
    var paths: [AttackPath] = []
    let pathSeconds = best(of: arguments.runs) {
      paths = graph.rankedPaths(from: pathSource, to: .node(pathTarget), limit: 10)
    }

    if let countsFile = arguments.countsFile {
      let lines = counts.map { "\($0)\n" }.joined()
      do {
        try Data(lines.utf8).write(to: URL(fileURLWithPath: countsFile), options: .atomic)
      } catch {
        fail("cannot write \(countsFile): \(error.localizedDescription)", status: 73)
      }
    }
    let result: [String: Any] = [
      "nodes": graph.nodeCount,
      "edges": graph.edgeCount,
      "identities": identities.count,
      "runs": arguments.runs,
      "loadSeconds": loadSeconds,
      "reachCounts": [
        "seconds": countSeconds, "total": counts.reduce(0, +),
        "maximum": counts.max() ?? 0,
      ],
      "estateReach": ["seconds": estateReachSeconds],
      "singleSource": ["seconds": singleSourceSeconds, "reached": reached],
      "paths": [
        "seconds": pathSeconds,
        "paths": paths.map { path in
          [graph.node(pathSource).id] + path.hops.map { graph.node($0.to).id }
        },
      ],
    ]
    do {
      let data = try JSONSerialization.data(
        withJSONObject: result, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
      FileHandle.standardOutput.write(data + Data("\n".utf8))
    } catch {
      fail("cannot encode the results: \(error)", status: 70)
    }
  }

  /// Runs `body` `runs` times and returns the fastest run in seconds.
  static func best(of runs: Int, _ body: () -> Void) -> Double {
    let clock = ContinuousClock()
    var fastest = Double.infinity
    for _ in 0..<runs {
      fastest = min(fastest, seconds(clock.measure(body)))
    }
    return fastest
  }

  static func seconds(_ duration: Duration) -> Double {
    let parts = duration.components
    return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
  }

  /// Returns the node whose id is exactly `id`, or exits with status 65.
  static func node(_ id: String, in graph: AccessGraph, option: String) -> NodeID {
    guard let node = graph.nodeID(for: id) else {
      fail("\(option): no node has the id \(quoted(id)); give an id from the estate file", status: 65)
    }
    return node
  }

  /// Writes `blast-graph-bench: error: MESSAGE` to standard error and exits with `status`.
  static func fail(_ message: String, note: String? = nil, status: Int32) -> Never {
    var text = "blast-graph-bench: error: \(message)\n"
    if let note {
      text += note.split(separator: "\n").map { "blast-graph-bench: note: \($0)\n" }.joined()
    }
    FileHandle.standardError.write(Data(text.utf8))
    exit(status)
  }

  /// Returns `text` in double quotes with control characters and quotes escaped, so that a
  /// hostile id cannot break the error line.
  static func quoted(_ text: String) -> String {
    var escaped = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": escaped += "\\\""
      case "\\": escaped += "\\\\"
      case _ where scalar.value < 0x20 || scalar.value == 0x7F:
        escaped += "\\u{\(String(scalar.value, radix: 16))}"
      default: escaped.unicodeScalars.append(scalar)
      }
    }
    return escaped + "\""
  }
}
