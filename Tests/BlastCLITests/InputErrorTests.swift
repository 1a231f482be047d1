import XCTest

/// Inputs that cannot be loaded: 66 when missing or unreadable, 65 when their content is
/// invalid, with `file:location: problem; remedy` on standard error.
final class InputErrorTests: BlastTestCase {
  func testMissingInputExitsNoInput() throws {
    assertResult(
      try blast("radius", "alice", "estate.json", "missing.json"), status: 66, output: "",
      error: "blast: error: missing.json: no such file or folder; check the path\n")
  }

  func testFolderWithoutJSONExitsNoInput() throws {
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("empty"), withIntermediateDirectories: false)
    assertResult(
      try blast("import", "empty"), status: 66, output: "",
      error: "blast: error: empty: the folder holds no .json or .csv file; point at a folder "
        + "of exports or name the files\n")
  }

  func testTruncatedJSONGivesLineAndColumn() throws {
    try write("{\n  \"format\": \"blastradius-estate\",\n  \"nodes\": [", to: "truncated.json")
    assertResult(
      try blast("radius", "alice", "truncated.json"), status: 65, output: "",
      error: "blast: error: truncated.json:line 3, column 13: the JSON ends early (truncated "
        + "file?); export the file again or fix the JSON at that place\n")
  }

  func testInvalidJSONGivesLineAndColumn() throws {
    try write("{\n  \"nodes\": [1,, 2]\n}\n", to: "invalid.json")
    assertResult(
      try blast("import", "invalid.json"), status: 65, output: "",
      error: "blast: error: invalid.json:line 2, column 15: invalid JSON (expected a value); "
        + "export the file again or fix the JSON at that place\n")
  }

  func testEmptyFileIsInvalidData() throws {
    try write("", to: "empty.json")
    assertResult(
      try blast("import", "empty.json"), status: 65, output: "",
      error: "blast: error: empty.json:line 1, column 1: the file is empty; export the file "
        + "again or fix the JSON at that place\n")
  }

  func testUnknownFormatIsInvalidData() throws {
    try write("{\"hello\": \"world\"}\n", to: "greeting.json")
    assertResult(
      try blast("import", "greeting.json"), status: 65, output: "",
      error: "blast: error: greeting.json: not a format blast reads; give an AWS "
        + "`get-account-authorization-details` export, an AWS resource policy, AWS "
        + "Organizations output, an AWS credential report, an AWS resource inventory (see "
        + "docs/aws.md), Azure CLI output (see docs/azure.md), gcloud output (see "
        + "docs/gcp.md), `kubectl get -o json` output (see docs/kubernetes.md), an inventory "
        + "(see docs/inventory-format.md), a BloodHound OpenGraph file (see docs/opengraph.md) "
        + "or an estate written by `blast import`\n")
  }

  func testUnsupportedEstateVersionIsInvalidData() throws {
    try write(
      "{\"format\": \"blastradius-estate\", \"version\": 2, \"nodes\": [], \"edges\": []}\n",
      to: "future.json")
    assertResult(
      try blast("import", "future.json"), status: 65, output: "",
      error: "blast: error: future.json: estate file version 2 is not supported; write it "
        + "again with this version of `blast import`\n")
  }

  func testFirstBadInputStopsTheRun() throws {
    try write("{}", to: "blank.json")
    let result = try blast("import", "estate.json", "nowhere.json", "blank.json")
    XCTAssertEqual(result.status, 66)
    XCTAssertEqual(result.standardOutput, "")
    XCTAssertEqual(
      result.standardError, "blast: error: nowhere.json: no such file or folder; check the path\n")
  }
}
