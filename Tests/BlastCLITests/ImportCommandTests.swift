import Foundation
import XCTest

/// `blast import`: a summary on standard output, or an estate file written in one step.
final class ImportCommandTests: BlastTestCase {
  func testSummaryCountsNodesAndEdges() throws {
    let expected = """
      Estate of 13 nodes and 11 edges from 1 input

      Nodes by kind
        human            1
        workload         1
        serviceIdentity  5
        group            1
        resource         2
        scope            1
        privilege        2

      Nodes by platform
        aws          11
        kubernetes   1
        on-premises  1

      Edges by relation
        memberOf   1
        assumes    3
        runsAs     1
        access     4
        escalates  1
        federates  1

      1 node named in grants but defined by no input.

      """
    assertResult(try blast("import", "estate.json"), status: 0, output: expected, error: "")
  }

  func testStatedMFAOnEstateFileWarns() throws {
    let result = try blast("import", "estate.json", "--assume-mfa", "absent")
    XCTAssertEqual(result.status, 0)
    XCTAssertEqual(
      result.standardError,
      "blast: warning: estate.json: the stated MFA assumption changes nothing, because no "
        + "input is an AWS policy export; an estate file keeps the evaluation of the import "
        + "that wrote it, so import the AWS exports again with the assumption\n")
  }

  func testSummaryWithNodesListsEveryNode() throws {
    let expected = """
      Estate of 13 nodes and 11 edges from 1 input

      Nodes by kind
        human            1
        workload         1
        serviceIdentity  5
        group            1
        resource         2
        scope            1
        privilege        2

      Nodes by platform
        aws          11
        kubernetes   1
        on-premises  1

      Edges by relation
        memberOf   1
        assumes    3
        runsAs     1
        access     4
        escalates  1
        federates  1

      1 node named in grants but defined by no input.

      Nodes
        arn:aws:iam::111122223333:group/ops        group            aws/111122223333          ops
        arn:aws:iam::111122223333:role/deployer    serviceIdentity  aws/111122223333          deployer
        arn:aws:iam::111122223333:role/reader      serviceIdentity  aws/111122223333          reader
        arn:aws:iam::111122223333:user/alice       human            aws/111122223333          alice
        arn:aws:iam::444455556666:role/prod-admin  serviceIdentity  aws/444455556666          prod-admin
        arn:aws:iam::444455556666:role/reader      serviceIdentity  aws/444455556666          reader
        arn:aws:iam::999988887777:root             scope            aws/999988887777                         not defined by any input
        arn:aws:s3:::build-logs                    resource         aws/111122223333          build-logs
        arn:aws:s3:::customer-data                 resource         aws/444455556666          customer-data  crown jewel
        aws:111122223333:iam-admin                 privilege        aws/111122223333          iam admin
        aws:444455556666:account-admin             privilege        aws/444455556666          account admin
        inventory:host/ci-runner-01                workload         on-premises/datacenter-1  ci-runner-01
        prod/system:serviceaccount:ci:builder      serviceIdentity  kubernetes/prod           ci:builder

      """
    assertResult(
      try blast("import", "estate.json", "--nodes"), status: 0, output: expected, error: "")
  }

  func testJSONSummaryHasSchemaFirst() throws {
    let expected = """
      {
        "schema" : "blastradius/import/v1",
        "edgeCount" : 11,
        "edgesByRelation" : {
          "access" : 4,
          "assumes" : 3,
          "escalates" : 1,
          "federates" : 1,
          "memberOf" : 1,
          "runsAs" : 1
        },
        "inputs" : [
          "estate.json"
        ],
        "nodeCount" : 13,
        "nodesByKind" : {
          "group" : 1,
          "human" : 1,
          "privilege" : 2,
          "resource" : 2,
          "scope" : 1,
          "serviceIdentity" : 5,
          "workload" : 1
        },
        "nodesByPlatform" : {
          "aws" : 11,
          "kubernetes" : 1,
          "on-premises" : 1
        },
        "undefinedNodeCount" : 1
      }

      """
    assertResult(
      try blast("import", "estate.json", "--json"), status: 0, output: expected, error: "")
  }

  func testFolderInputReadsOnlyJSONFiles() throws {
    let exports = folder.appendingPathComponent("exports")
    try FileManager.default.createDirectory(at: exports, withIntermediateDirectories: false)
    try FileManager.default.moveItem(
      at: folder.appendingPathComponent("estate.json"),
      to: exports.appendingPathComponent("estate.json"))
    try write("not JSON and not read", to: "exports/notes.txt")

    let result = try blast("import", "exports", "--json")
    XCTAssertEqual(result.status, 0)
    XCTAssertEqual(result.standardError, "")
    XCTAssertTrue(result.standardOutput.contains("\"nodeCount\" : 13,"))
  }

  func testOutputFileIsReadBackByRadius() throws {
    assertResult(
      try blast("import", "estate.json", "-o", "copy.json"), status: 0, output: "", error: "")
    XCTAssertEqual(try folderContents(), ["copy.json", "estate.json"])

    let fromCopy = try blast("radius", "alice", "copy.json", "--json")
    let fromOriginal = try blast("radius", "alice", "estate.json", "--json")
    XCTAssertEqual(fromCopy.status, 0)
    XCTAssertEqual(fromCopy.standardError, "")
    XCTAssertEqual(fromCopy.standardOutput, fromOriginal.standardOutput)
  }

  func testOutputFileJoinsSeveralInputs() throws {
    try write(
      """
      {"format": "blastradius-estate", "version": 1, "edges": [], "nodes": [
        {"id": "arn:aws:iam::111122223333:user/bob", "kind": "human", "platform": "aws",
         "account": "111122223333", "name": "bob", "type": "iam-user", "tags": {},
         "isCrownJewel": false, "isDefined": true}]}
      """, to: "bob.json")
    assertResult(
      try blast("import", "estate.json", "bob.json", "--output=joined.json"), status: 0,
      output: "", error: "")
    let summary = try blast("import", "joined.json", "--json")
    XCTAssertEqual(summary.status, 0)
    XCTAssertTrue(summary.standardOutput.contains("\"nodeCount\" : 14,"))
  }

  func testOutputFileReplacesExistingFile() throws {
    try write("old content", to: "copy.json")
    assertResult(
      try blast("import", "estate.json", "-o", "copy.json"), status: 0, output: "", error: "")
    let written = try String(
      contentsOf: folder.appendingPathComponent("copy.json"), encoding: .utf8)
    XCTAssertTrue(written.hasPrefix("{"))
    XCTAssertTrue(written.contains("\"format\" : \"blastradius-estate\""))
    XCTAssertEqual(try folderContents(), ["copy.json", "estate.json"])
  }

  func testOutputFileReadsBackToSameBytes() throws {
    let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("graphs/sample-estate").path
    assertResult(
      try blast("import", sample, "-o", "first.json"), status: 0, output: "", error: "")
    assertResult(
      try blast("import", "first.json", "-o", "second.json"), status: 0, output: "", error: "")

    let first = try Data(contentsOf: folder.appendingPathComponent("first.json"))
    let second = try Data(contentsOf: folder.appendingPathComponent("second.json"))
    XCTAssertGreaterThan(first.count, 100_000)
    XCTAssertEqual(first, second)
  }

  func testFailedWriteKeepsOldFile() throws {
    try write("old content", to: "copy.json")
    let result = try blast(fileSizeLimit: 1, "import", "estate.json", "-o", "copy.json")

    XCTAssertEqual(result.status, 73)
    XCTAssertEqual(result.standardOutput, "")
    XCTAssertEqual(
      result.standardError,
      "blast: error: copy.json: cannot write the file (File too large); choose another path\n")
    XCTAssertEqual(try folderContents(), ["copy.json", "estate.json"])
    XCTAssertEqual(
      try String(contentsOf: folder.appendingPathComponent("copy.json"), encoding: .utf8),
      "old content")
  }

  func testOutputFileKeepsModeOfReplacedFile() throws {
    let path = folder.appendingPathComponent("copy.json").path
    XCTAssertTrue(
      FileManager.default.createFile(
        atPath: path, contents: Data("old".utf8), attributes: [.posixPermissions: 0o640]))
    assertResult(
      try blast("import", "estate.json", "-o", "copy.json"), status: 0, output: "", error: "")

    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]
    XCTAssertEqual((mode as? NSNumber)?.intValue, 0o640)
    XCTAssertTrue(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("{\n  \"edges\""))
  }

  func testOutputOntoSymbolicLinkIsRejected() throws {
    try FileManager.default.createSymbolicLink(
      atPath: folder.appendingPathComponent("link.json").path, withDestinationPath: "estate.json")
    let before = try Data(contentsOf: folder.appendingPathComponent("estate.json"))

    assertResult(
      try blast("import", "estate.json", "-o", "link.json"), status: 73, output: "",
      error: "blast: error: link.json: is a symbolic link; name the file it points to, or "
        + "remove the link\n")
    XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent("estate.json")), before)
    XCTAssertEqual(try folderContents(), ["estate.json", "link.json"])
  }

  func testMissingOutputFolderExitsCannotCreate() throws {
    assertResult(
      try blast("import", "estate.json", "-o", "missing/estate-copy.json"), status: 73,
      output: "",
      error: "blast: error: missing/estate-copy.json: cannot use the folder \"missing\" (No "
        + "such file or directory); create the folder first or choose another path\n")
    XCTAssertEqual(try folderContents(), ["estate.json"])
  }

  func testFileAsOutputFolderExitsCannotCreate() throws {
    assertResult(
      try blast("import", "estate.json", "-o", "estate.json/copy.json"), status: 73,
      output: "",
      error: "blast: error: estate.json/copy.json: cannot use the folder \"estate.json\" (Not "
        + "a directory); create the folder first or choose another path\n")
    XCTAssertEqual(try folderContents(), ["estate.json"])
  }

  func testOutputOntoFolderLeavesNoTemporaryFile() throws {
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("taken"), withIntermediateDirectories: false)
    assertResult(
      try blast("import", "estate.json", "-o", "taken"), status: 73, output: "",
      error: "blast: error: taken: is a folder; name a file, not a folder\n")
    XCTAssertEqual(try folderContents(), ["estate.json", "taken"])
    XCTAssertEqual(try folderContents("taken"), [])
  }

  func testReadOnlyFolderExitsCannotCreate() throws {
    try XCTSkipIf(geteuid() == 0, "root writes to read-only folders")
    let locked = folder.appendingPathComponent("locked")
    try FileManager.default.createDirectory(
      at: locked, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o555])
    defer {
      try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: locked.path)
    }
    assertResult(
      try blast("import", "estate.json", "-o", "locked/copy.json"), status: 73, output: "",
      error: "blast: error: locked/copy.json: cannot write to \"locked\" (Permission denied); "
        + "choose a folder you can write to\n")
    XCTAssertEqual(try folderContents("locked"), [])
  }
}
