import XCTest

/// `--help`, `-h` and `--version`: printed to standard output with status 0.
final class HelpTests: BlastTestCase {
  func testRootHelpListsCommands() throws {
    let expected = """
      OVERVIEW: Compute blast radius and attack paths across cloud, cluster and
      on-premises identities.

      USAGE: blast COMMAND ...

      COMMANDS:
        import                  Read exports and inventories into one estate, and
                                write or summarize it.
        radius                  Show everything an identity can reach if it is
                                misused, and how.
        who-can                 Show who or what can reach a target, and along which
                                chain of grants.
        paths                   Show the shortest attack paths from an identity to a
                                node, admin or crown jewels.
        rank                    Rank every identity by a risk score and show the
                                factors behind it.
        cut                     Find grants to revoke, by minimum cut, that cut every
                                path to a target.
        chokepoints             Rank the edges and identities that the most attack
                                paths pass through.
        coverage                Show how each workload authenticates: managed
                                identity, federation or a static secret.
        render                  Draw one diagram: an identity's blast radius, attack
                                paths, the estate, a cut, or chokepoints.
        report                  Write a report folder: estate overview, riskiest
                                identities and attack paths.

      OPTIONS:
        --version               Show the version.
        -h, --help              Show this help.

      Run `blast COMMAND --help` for the arguments and options of a command.

      """
    assertResult(try blast("--help"), status: 0, output: expected, error: "")
    assertResult(try blast("-h"), status: 0, output: expected, error: "")
  }

  func testPathsHelpListsEveryOption() throws {
    let expected = """
      OVERVIEW: Show the shortest attack paths from an identity to a node, admin or
      crown jewels.

      Lists one shortest path to each target node the identity reaches, or with -k the
      N best paths, several of which may end at the same node. Paths that need no
      unevaluated condition come first, then shorter ones. Every hop shows the grant
      behind it and where that grant is written. With a group of identities in --from,
      each path starts at the member nearest to its target, and -k ranks the paths of
      all members together.

      USAGE: blast paths INPUT... [--assume-mfa present|absent] --from ID --to TARGET
             [-k N] [--json] [-o FILE]

      ARGUMENTS:
        INPUT                   An estate file, a provider export or a folder of them;
                                give one or more. Each file's format is detected from
                                its content.

      OPTIONS:
        --assume-mfa present|absent
                                Evaluate AWS conditions on aws:MultiFactorAuthPresent
                                as if requests were made with multi-factor
                                authentication (present) or with long-term access
                                keys, which carry no such key (absent). Without it,
                                grants that test it are kept and marked conditional.
        --from ID               The identity the paths start at, as a node id or a
                                unique display name; or a group of the identities an
                                input defines: kind:human, kind:workload,
                                kind:service-identity, platform:NAME, tag:KEY=VALUE or
                                account:ID.
        --to TARGET             Where the paths end: a node id or display name; admin
                                for any privilege node; or crown-jewels for any node
                                marked sensitive.
        -k, --limit N           List the N best loopless paths, unconditional first,
                                then by hops, for N from 1 to 10000. Several may end
                                at the same target node.
        --json                  Print JSON in the documented, versioned schema instead
                                of text.
        -o, --output FILE       Write the result to FILE instead of standard output.
                                The file is replaced in one step, never left
                                half-written.
        -h, --help              Show this help.

      EXAMPLE:
        blast paths estate.json --from alice --to admin

      """
    assertResult(try blast("paths", "--help"), status: 0, output: expected, error: "")
  }

  func testRenderHelpListsChokepointsOptions() throws {
    let expected = """
      OVERVIEW: Draw one diagram: an identity's blast radius, attack paths, the
      estate, a cut, or chokepoints.

      The first argument names the diagram. `radius` takes the identity as the next
      argument, then the inputs; `paths` takes --from and --to; `estate` draws every
      input aggregated to stay readable; `cut` draws the attack paths through the
      grants that blast cut would revoke, taking --to and optionally --from,
      --include-holders and --cost; when a source reaches the target through edges
      that cannot be revoked, it prints that path as blast cut does, writes no diagram
      and exits with status 1. `chokepoints` draws the edges that blast chokepoints
      ranks first, with shortest attack paths through them, taking --to (default
      admin), --from, --top, --include-holders and --cost. The format comes from
      --format, else from the extension of -o, else SVG. Diagrams are laid out by
      libgraphviz in this process.

      USAGE: blast render DIAGRAM [INPUT...] [--format FORMAT] [--from ID]
             [--to TARGET] [-k N] [--top N] [--include-holders] [--depth N]
             [--cost RELATION=N] [-o FILE]

      ARGUMENTS:
        DIAGRAM                 Which diagram to draw: radius, paths, estate, cut or
                                chokepoints.
        INPUT                   For radius, the identity first; then estate files,
                                provider exports or folders.

      OPTIONS:
        --format FORMAT         The output format: dot, svg, png or pdf.
        --from ID               For paths: the identity the paths start at, or a group
                                of identities such as kind:human, as blast paths takes
                                it. For cut: the identity or group to cut off. For
                                chokepoints: score only the paths from it.
        --to TARGET             For paths, cut and chokepoints: a node id or display
                                name, admin, or crown-jewels. Chokepoints take admin
                                when it is left out.
        -k, --limit N           For paths: draw the N best loopless paths, as blast
                                paths -k lists them.
        --top N                 For chokepoints: draw the N highest-scoring edges
                                (default 5).
        --include-holders       For cut without --from, and for chokepoints: treat the
                                holders of the target as sources too, as blast cut
                                --include-holders does.
        --depth N               Follow paths of at most N hops, where N is at least 1.
                                Without it, paths of any length are followed.
        --cost RELATION=N       Set the cost of revoking one edge of RELATION to N, a
                                whole number from 1 to 1000, or to never, so that its
                                grants are never revoked. A grant costs the largest
                                base cost among its edges times the number of its
                                edges. May be given once per relation.
        -o, --output FILE       Write the result to FILE instead of standard output.
                                The file is replaced in one step, never left
                                half-written.
        -h, --help              Show this help.

      EXAMPLE:
        blast render paths graphs/sample-estate --from svc-jenkins --to admin -o path.svg

      """
    assertResult(try blast("render", "--help"), status: 0, output: expected, error: "")
    assertResult(
      try blast("render", "chokepoints", "--help"), status: 0, output: expected, error: "")
  }

  func testEverySubcommandAcceptsHelpFlags() throws {
    for command in ["import", "radius", "who-can", "paths", "rank", "coverage"] {
      for flag in ["--help", "-h"] {
        let result = try blast(command, flag)
        XCTAssertEqual(result.status, 0, "\(command) \(flag)")
        XCTAssertEqual(result.standardError, "", "\(command) \(flag)")
        XCTAssertTrue(
          result.standardOutput.contains("USAGE: blast \(command) "), "\(command) \(flag)")
      }
    }
  }

  func testHelpWinsOverOtherErrors() throws {
    let result = try blast("radius", "--no-such-option", "--help")
    XCTAssertEqual(result.status, 0)
    XCTAssertEqual(result.standardError, "")
    XCTAssertTrue(result.standardOutput.hasPrefix("OVERVIEW: Show everything an identity"))
  }

  func testHelpAfterDoubleDashIsAnInput() throws {
    assertResult(
      try blast("radius", "alice", "--", "--help"), status: 66, output: "",
      error: "blast: error: --help: no such file or folder; check the path\n")
  }

  func testVersionPrintsVersion() throws {
    assertResult(try blast("--version"), status: 0, output: "0.1.0\n", error: "")
  }
}
