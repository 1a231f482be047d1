import XCTest

/// Command lines that cannot run as written: status 64, an error line, the usage line and a
/// pointer to help, and nothing on standard output.
final class UsageErrorTests: BlastTestCase {
  static let radiusNotes = """
    blast: note: usage: blast radius IDENTITY INPUT... [--assume-mfa present|absent] [--depth N] [--paths] [--json] [-o FILE]
    blast: note: run `blast radius --help` for every option

    """
  static let pathsNotes = """
    blast: note: usage: blast paths INPUT... [--assume-mfa present|absent] --from ID --to TARGET [-k N] [--json] [-o FILE]
    blast: note: run `blast paths --help` for every option

    """
  static let rootNote = "blast: note: run `blast --help` for the list of commands\n"

  func testMissingCommandListsCommands() throws {
    assertResult(
      try blast(), status: 64, output: "",
      error: "blast: error: missing command; use one of import, radius, who-can, paths, "
        + "rank, cut, chokepoints, coverage, render, report\n" + Self.rootNote)
  }

  func testUnknownCommandSuggestsClosest() throws {
    assertResult(
      try blast("radious", "alice", "estate.json"), status: 64, output: "",
      error: "blast: error: unknown command \"radious\"; did you mean \"radius\"?\n"
        + Self.rootNote)
  }

  func testUnknownCommandWithoutCloseNameListsCommands() throws {
    assertResult(
      try blast("simulate", "estate.json"), status: 64, output: "",
      error: "blast: error: unknown command \"simulate\"; use one of import, radius, who-can, "
        + "paths, rank, cut, chokepoints, coverage, render, report\n" + Self.rootNote)
  }

  func testOptionBeforeCommandIsRejected() throws {
    assertResult(
      try blast("--json", "radius", "alice", "estate.json"), status: 64, output: "",
      error: "blast: error: unknown option \"--json\" before the command; give the command "
        + "first and its options after it\n" + Self.rootNote)
  }

  func testUnknownOptionSuggestsClosest() throws {
    assertResult(
      try blast("radius", "alice", "estate.json", "--dpth", "3"), status: 64, output: "",
      error: "blast: error: unknown option \"--dpth\"; did you mean \"--depth\"?\n"
        + Self.radiusNotes)
  }

  func testUnknownShortOptionAsksToCheckSpelling() throws {
    assertResult(
      try blast("radius", "alice", "estate.json", "-x"), status: 64, output: "",
      error: "blast: error: unknown option \"-x\"; check the spelling\n" + Self.radiusNotes)
  }

  func testLongOptionWithOneDashSuggestsTwo() throws {
    assertResult(
      try blast("paths", "estate.json", "-from", "alice", "--to", "admin"), status: 64,
      output: "",
      error: "blast: error: unknown option \"-from\"; did you mean \"--from\"?\n"
        + Self.pathsNotes)
  }

  func testMissingFromIsReported() throws {
    assertResult(
      try blast("paths", "estate.json", "--to", "admin"), status: 64, output: "",
      error: "blast: error: missing option \"--from\"; add --from ID to the command line\n"
        + Self.pathsNotes)
  }

  func testMissingInputIsReported() throws {
    assertResult(
      try blast("radius", "alice"), status: 64, output: "",
      error: "blast: error: missing INPUT; give at least one INPUT\n" + Self.radiusNotes)
  }

  func testMissingIdentityIsReported() throws {
    assertResult(
      try blast("radius"), status: 64, output: "",
      error: "blast: error: missing IDENTITY; add it to the command line\n" + Self.radiusNotes)
  }

  func testDepthWithoutValueIsReported() throws {
    assertResult(
      try blast("radius", "alice", "estate.json", "--depth"), status: 64, output: "",
      error: "blast: error: missing value for \"--depth\"; give it as --depth N\n"
        + Self.radiusNotes)
  }

  func testOptionFollowedByOptionLacksValue() throws {
    assertResult(
      try blast("paths", "estate.json", "--from", "--to", "admin"), status: 64, output: "",
      error: "blast: error: missing value for \"--from\"; give it as --from ID\n"
        + Self.pathsNotes)
  }

  func testDepthMustBeWholeNumber() throws {
    assertResult(
      try blast("radius", "alice", "estate.json", "--depth", "three"), status: 64, output: "",
      error: "blast: error: invalid value \"three\" for \"--depth\"; give a whole number, "
        + "such as 3\n" + Self.radiusNotes)
  }

  func testDepthMustBePositive() throws {
    assertResult(
      try blast("radius", "alice", "estate.json", "--depth=0"), status: 64, output: "",
      error: "blast: error: invalid value \"0\" for \"--depth\"; give a number of hops of at "
        + "least 1\n" + Self.radiusNotes)
  }

  func testNegativeDepthIsTakenAsValue() throws {
    assertResult(
      try blast("radius", "alice", "estate.json", "--depth", "-2"), status: 64, output: "",
      error: "blast: error: invalid value \"-2\" for \"--depth\"; give a number of hops of at "
        + "least 1\n" + Self.radiusNotes)
  }

  func testPathLimitMustBePositive() throws {
    assertResult(
      try blast("paths", "estate.json", "--from", "alice", "--to", "admin", "-k0"),
      status: 64, output: "",
      error: "blast: error: invalid value \"0\" for \"--limit\"; give a number of paths from 1 "
        + "to 10000\n" + Self.pathsNotes)
  }

  func testFlagRejectsValue() throws {
    assertResult(
      try blast("radius", "alice", "estate.json", "--json=yes"), status: 64, output: "",
      error: "blast: error: \"--json\" takes no value, but \"yes\" was given; write --json on "
        + "its own\n" + Self.radiusNotes)
  }

  func testRepeatedOptionIsRejected() throws {
    assertResult(
      try blast("radius", "alice", "estate.json", "--depth", "1", "--depth", "2"), status: 64,
      output: "",
      error: "blast: error: \"--depth\" is given more than once; give it once\n"
        + Self.radiusNotes)
  }

  func testImportRejectsJSONWithOutputFile() throws {
    assertResult(
      try blast("import", "estate.json", "-o", "copy.json", "--json"), status: 64, output: "",
      error: """
        blast: error: "--json" and "-o" cannot be combined; -o writes the estate, which is \
        JSON already; drop -o to print a JSON summary
        blast: note: usage: blast import INPUT... [--assume-mfa present|absent] [-o FILE] [--nodes] [--json]
        blast: note: run `blast import --help` for every option

        """)
    XCTAssertEqual(try folderContents(), ["estate.json"])
  }
}
