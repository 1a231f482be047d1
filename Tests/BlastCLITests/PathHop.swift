import Foundation
import XCTest

/// One hop as `blast paths --json` prints it: from, relation, actions, to and technique.
struct PathHop: Equatable {
  let from: String
  let relation: String
  let actions: [String]
  let to: String
  let technique: String?
}

extension BlastTestCase {
  /// Runs `blast paths FOLDER --from SOURCE --to admin --json` and returns each path's hops,
  /// after checking that the run succeeded with nothing on standard error.
  func adminPaths(in folder: URL, from source: String, line: UInt = #line) throws
    -> [[PathHop]]
  {
    let result = try blast("paths", folder.path, "--from", source, "--to", "admin", "--json")
    XCTAssertEqual(result.status, 0, "\(folder.path): \(result)", line: line)
    XCTAssertEqual(result.standardError, "", line: line)
    let document = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    return try XCTUnwrap(document["paths"] as? [[String: Any]]).map { path in
      try XCTUnwrap(path["hops"] as? [[String: Any]]).map { hop in
        let via = try XCTUnwrap(hop["via"] as? [String: Any])
        return PathHop(
          from: try XCTUnwrap(hop["from"] as? String),
          relation: try XCTUnwrap(hop["relation"] as? String),
          actions: try XCTUnwrap(hop["actions"] as? [String]),
          to: try XCTUnwrap(hop["to"] as? String), technique: via["technique"] as? String)
      }
    }
  }
}
