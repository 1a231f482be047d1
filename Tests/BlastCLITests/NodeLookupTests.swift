import XCTest

/// Identity and target arguments that match no node or several: status 65, because the
/// command line is well formed but does not fit the estate.
final class NodeLookupTests: BlastTestCase {
  func testUnknownIdentityGivesHint() throws {
    assertResult(
      try blast("radius", "mallory", "estate.json"), status: 65, output: "",
      error: "blast: error: \"mallory\" matches no node; give a node id or display name from "
        + "the estate (`blast import --nodes` lists them)\n")
  }

  func testUnknownIdentitySuggestsCloseNames() throws {
    assertResult(
      try blast("radius", "deploy", "estate.json"), status: 65, output: "",
      error: "blast: error: \"deploy\" matches no node; did you mean "
        + "\"arn:aws:iam::111122223333:role/deployer\"?\n")
  }

  func testAmbiguousNameListsCandidates() throws {
    assertResult(
      try blast("radius", "reader", "estate.json"), status: 65, output: "",
      error: "blast: error: \"reader\" names 2 nodes; give one id: "
        + "\"arn:aws:iam::111122223333:role/reader\", \"arn:aws:iam::444455556666:role/reader\"\n")
  }

  func testUnknownFromNamesTheOption() throws {
    assertResult(
      try blast("paths", "estate.json", "--from", "mallory", "--to", "admin"), status: 65,
      output: "",
      error: "blast: error: --from: \"mallory\" matches no node; give a node id or display "
        + "name from the estate (`blast import --nodes` lists them)\n")
  }

  func testAmbiguousTargetNamesTheOption() throws {
    assertResult(
      try blast("paths", "estate.json", "--from", "alice", "--to", "reader"), status: 65,
      output: "",
      error: "blast: error: --to: \"reader\" names 2 nodes; give one id: "
        + "\"arn:aws:iam::111122223333:role/reader\", \"arn:aws:iam::444455556666:role/reader\"\n")
  }

  func testUnknownWhoCanTargetIsInvalidData() throws {
    let result = try blast("who-can", "vault", "estate.json")
    XCTAssertEqual(result.status, 65)
    XCTAssertEqual(result.standardOutput, "")
    XCTAssertEqual(
      result.standardError,
      "blast: error: \"vault\" matches no node; give a node id or display name from the "
        + "estate (`blast import --nodes` lists them)\n")
  }

  func testExactIdentifierWinsOverName() throws {
    let byID = try blast("radius", "arn:aws:iam::444455556666:role/reader", "estate.json")
    XCTAssertEqual(byID.status, 0)
    XCTAssertEqual(byID.standardError, "")
    XCTAssertTrue(byID.standardOutput.hasPrefix("Blast radius of reader (serviceIdentity, "))
  }
}
