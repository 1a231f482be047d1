import Foundation
import XCTest

/// The allocator of `blast`: jemalloc with transparent huge pages and one arena, set by the
/// built-in `malloc_conf` string.
final class AllocatorTests: BlastTestCase {
  /// Makes jemalloc print its settings at exit (`MALLOC_CONF=stats_print:true`, which
  /// merges with the built-in string) and reads the two options the build sets.
  func testJemallocUsesHugePages() throws {
    guard let executable = BlastProcess.executable else { throw MissingExecutableError() }
    let result = try run(
      "/usr/bin/env", "MALLOC_CONF=stats_print:true", executable.path, "--version")

    XCTAssertEqual(result.status, 0, "\(result)")
    XCTAssertEqual(result.standardOutput, "0.1.0\n")
    let settings = result.standardError.split(separator: "\n").map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    // jemalloc turns the option off without a message where the kernel does not report
    // its transparent huge page setting in one of the three forms that jemalloc reads.
    let systemSetting = try? String(
      contentsOfFile: "/sys/kernel/mm/transparent_hugepage/enabled", encoding: .utf8)
    let knownSettings = [
      "always [madvise] never\n", "[always] madvise never\n", "always madvise [never]\n",
    ]
    let hugePages = knownSettings.contains(systemSetting ?? "") ? "always" : "not supported"
    XCTAssertTrue(settings.contains(#"opt.thp: ""# + hugePages + #"""#), "\(result)")
    XCTAssertTrue(settings.contains("opt.narenas: 1"), "\(result)")
    XCTAssertFalse(result.standardError.contains("<jemalloc>:"), "\(result)")
  }

  /// Runs `blast --version` allowed on the first processor only, as a container pinned to
  /// some processors runs it. jemalloc's per-processor arenas would print a line then.
  func testPinnedRunWritesNothingToStandardError() throws {
    guard let executable = BlastProcess.executable else { throw MissingExecutableError() }
    let taskset = "/usr/bin/taskset"
    guard FileManager.default.isExecutableFile(atPath: taskset) else {
      throw XCTSkip("\(taskset) is not installed")
    }
    let result = try run(taskset, "-c", "0", executable.path, "--version")

    assertResult(result, status: 0, output: "0.1.0\n", error: "")
  }
}
