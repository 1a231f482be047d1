import AccessGraph
import Foundation
import XCTest

@testable import Importers

final class AWSCredentialReportTests: XCTestCase {
  private let root = "arn:aws:iam::111111111111:root"
  private let admin = "aws:admin/111111111111"
  private let ciBot = "arn:aws:iam::111111111111:user/automation/ci-bot"
  private let ops = "arn:aws:iam::111111111111:user/ops"
  private let deploy = "arn:aws:iam::111111111111:user/deploy,eu"
  private let header =
    "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
    + "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
    + "access_key_1_last_used_date,access_key_1_last_used_region,"
    + "access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,"
    + "access_key_2_last_used_date,access_key_2_last_used_region,"
    + "access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,"
    + "cert_2_last_rotated"

  private var reportPath: String { AWSFixtures.url("credential-report.csv").path }

  private func reportRun() throws -> AWSImportRun {
    AWSImportRun(graph: try EstateLoader().load([reportPath]), warnings: [])
  }

  /// Creates an empty folder that is removed after the test.
  private func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("credential-report-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
    return folder
  }

  /// Writes `text` to `name` in a new folder and returns the file's path.
  private func write(_ text: String, to name: String) throws -> String {
    let file = try temporaryFolder().appendingPathComponent(name)
    try Data(text.utf8).write(to: file)
    return file.path
  }

  private func loadError(_ path: String) -> ImportError? {
    do {
      _ = try EstateLoader().load([path])
      XCTFail("loading \(path) did not throw")
      return nil
    } catch {
      return error as? ImportError
    }
  }

  // MARK: Recognition

  func testRecognizesHeaderNotFileName() {
    XCTAssertTrue(
      AWSCredentialReportImporter.recognizes(TextDocument(file: "x.txt", text: header + "\n")))
    XCTAssertTrue(
      AWSCredentialReportImporter.recognizes(TextDocument(file: "x", text: "\u{FEFF}" + header)))
    XCTAssertFalse(
      AWSCredentialReportImporter.recognizes(
        TextDocument(file: "credential-report.csv", text: "name,arn\nalice,x\n")))
  }

  // MARK: Nodes and edges

  func testDefinesExactNodeSet() throws {
    let run = try reportRun()
    let ids = Set(run.graph.nodeIDs.map { run.graph.node($0).id })
    XCTAssertEqual(
      ids,
      [
        root, "\(root)#access-key-1", ciBot, "\(ciBot)#access-key-1", ops, "\(ops)#password",
        deploy, "\(deploy)#access-key-1", admin,
      ])
  }

  func testAddsExactEdgeSet() throws {
    let run = try reportRun()
    XCTAssertEqual(
      run.facts,
      [
        EdgeFact("\(root)#access-key-1", root, .authenticatesAs),
        EdgeFact("\(ciBot)#access-key-1", ciBot, .authenticatesAs),
        EdgeFact("\(ops)#password", ops, .authenticatesAs),
        EdgeFact("\(deploy)#access-key-1", deploy, .authenticatesAs),
        EdgeFact(root, admin, .access, ["*"]),
      ])
  }

  func testActiveAccessKeyNode() throws {
    let key = try reportRun().node("\(ciBot)#access-key-1")
    XCTAssertEqual(key?.kind, .credential)
    XCTAssertEqual(key?.type, "aws-access-key")
    XCTAssertEqual(key?.name, "access key 1 of ci-bot")
    XCTAssertEqual(key?.platform, .aws)
    XCTAssertEqual(key?.account, "111111111111")
    XCTAssertEqual(key?.isDefined, true)
    XCTAssertEqual(
      key?.credential,
      CredentialDetails(
        type: .static, created: "2021-03-04T10:11:12+00:00",
        lastUsed: "2024-06-01T08:30:00+00:00"))
  }

  func testInactiveKeyMakesNoNode() throws {
    XCTAssertNil(try reportRun().node("\(ciBot)#access-key-2"))
  }

  func testUnusedKeyHasNoLastUsed() throws {
    let key = try reportRun().node("\(deploy)#access-key-1")
    XCTAssertEqual(key?.name, "access key 1 of deploy,eu")
    XCTAssertEqual(
      key?.credential, CredentialDetails(type: .static, created: "2022-07-08T09:10:11+00:00"))
  }

  func testConsolePasswordNode() throws {
    let password = try reportRun().node("\(ops)#password")
    XCTAssertEqual(password?.kind, .credential)
    XCTAssertEqual(password?.type, "console-password")
    XCTAssertEqual(password?.name, "console password of ops")
    XCTAssertEqual(
      password?.credential,
      CredentialDetails(
        type: .static, created: "2023-12-24T18:00:00+00:00",
        lastUsed: "2024-06-02T10:00:00+00:00"))
  }

  func testUndefinedUsersAreHumanStubs() throws {
    let run = try reportRun()
    for id in [ciBot, ops, deploy] {
      XCTAssertEqual(run.node(id)?.isDefined, false, id)
      XCTAssertEqual(run.node(id)?.kind, .human, id)
      XCTAssertEqual(run.node(id)?.type, "iam-user", id)
    }
    XCTAssertEqual(run.node(deploy)?.name, "deploy,eu")
  }

  func testTagsUsersWithMFA() throws {
    let run = try reportRun()
    XCTAssertEqual(run.node(ops)?.tags["mfa"], "true")
    XCTAssertEqual(run.node(ciBot)?.tags["mfa"], "false")
    XCTAssertEqual(run.node(root)?.tags["mfa"], "true")
  }

  func testRootUserReachesAccountAdmin() throws {
    let run = try reportRun()
    let rootNode = run.node(root)
    XCTAssertEqual(rootNode?.kind, .human)
    XCTAssertEqual(rootNode?.type, "aws-root-user")
    XCTAssertEqual(rootNode?.name, "root user of 111111111111")
    XCTAssertEqual(rootNode?.isDefined, true)
    let adminNode = run.node(admin)
    XCTAssertEqual(adminNode?.kind, .privilege)
    XCTAssertEqual(adminNode?.name, "AWS account admin")
    XCTAssertEqual(adminNode?.type, "aws-account-admin")
    XCTAssertEqual(
      run.provenance(of: EdgeFact(root, admin, .access, ["*"])),
      Provenance(
        file: reportPath, location: "line 2 (arn)",
        grant: "credential report: the root user of account 111111111111 can use every "
          + "action on every resource of the account"))
    XCTAssertEqual(
      run.node("\(root)#access-key-1")?.name, "access key 1 of root user of 111111111111")
  }

  func testProvenanceNamesLineAndColumns() throws {
    let run = try reportRun()
    XCTAssertEqual(
      run.provenance(of: EdgeFact("\(ciBot)#access-key-1", ciBot, .authenticatesAs)),
      Provenance(
        file: reportPath,
        location: "line 3 (access_key_1_active, access_key_1_last_rotated, "
          + "access_key_1_last_used_date)",
        grant: "credential report: access key 1 of ci-bot, active, last rotated 2021-03-04"))
    XCTAssertEqual(
      run.provenance(of: EdgeFact("\(ops)#password", ops, .authenticatesAs)),
      Provenance(
        file: reportPath,
        location: "line 4 (password_enabled, password_last_changed, password_last_used)",
        grant: "credential report: console password of ops, enabled, last changed 2023-12-24"))
  }

  // MARK: Errors

  func testShortRowGivesLine() throws {
    let path = try write(
      header + "\nops,arn:aws:iam::111111111111:user/ops,2020-05-05T05:05:05+00:00,true\n",
      to: "report.csv")
    let error = loadError(path)
    XCTAssertEqual(error?.reason, .invalidData)
    XCTAssertEqual(
      error?.description,
      "\(path):line 2: the row has 4 fields, but the header has 22; quote values that "
        + "contain commas, or export the report again")
  }

  func testMissingArnColumnGivesLine() throws {
    let path = try write(
      "user,user_creation_time,mfa_active\nops,2020-05-05T05:05:05+00:00,true\n",
      to: "report.csv")
    XCTAssertEqual(
      loadError(path)?.description,
      "\(path):line 1: the header has no `arn` column; export the report again with "
        + "`aws iam get-credential-report`")
  }

  func testNonUserArnIsInvalid() throws {
    let row = "ops,arn:aws:iam::111111111111:role/ops" + String(repeating: ",N/A", count: 20)
    let path = try write(header + "\n" + row + "\n", to: "report.csv")
    XCTAssertEqual(
      loadError(path)?.description,
      "\(path):line 2: the arn \"arn:aws:iam::111111111111:role/ops\" is not the ARN of an "
        + "IAM user or account root; export the report again; the `arn` column must hold "
        + "user ARNs")
  }

  func testInvalidFlagNamesColumn() throws {
    let row =
      "ops,arn:aws:iam::111111111111:user/ops,N/A,yes" + String(repeating: ",N/A", count: 18)
    let path = try write(header + "\n" + row + "\n", to: "report.csv")
    XCTAssertEqual(
      loadError(path)?.description,
      "\(path):line 2: password_enabled is \"yes\", not true or false; export the report "
        + "again or set the value to true or false")
  }

  func testUnknownCSVIsUnknownFormat() throws {
    let path = try write("name,owner\nlogs,ops\n", to: "buckets.csv")
    let error = loadError(path)
    XCTAssertEqual(error?.reason, .unknownFormat)
    XCTAssertEqual(error?.file, path)
  }

  func testEmptyFileStaysInvalidJSON() throws {
    let path = try write("", to: "empty.csv")
    XCTAssertEqual(loadError(path)?.reason, .invalidData)
    XCTAssertEqual(loadError(path)?.problem, "the file is empty")
  }

  // MARK: Joining with an authorization export

  func testFolderJoinsExportAndReport() throws {
    let folder = try temporaryFolder()
    for name in ["permissions.json", "credential-report.csv"] {
      try FileManager.default.copyItem(
        at: AWSFixtures.url(name), to: folder.appendingPathComponent(name))
    }
    let run = AWSImportRun(graph: try EstateLoader().load([folder.path]), warnings: [])

    XCTAssertTrue(
      run.facts.contains(EdgeFact("\(ciBot)#access-key-1", ciBot, .authenticatesAs)))
    XCTAssertEqual(run.node(ciBot)?.isDefined, true)
    XCTAssertEqual(run.node(ciBot)?.kind, .serviceIdentity)
    XCTAssertEqual(run.node(ciBot)?.tags["mfa"], "false")
    XCTAssertEqual(run.node(ops)?.isDefined, true)
    XCTAssertEqual(run.node(ops)?.tags["mfa"], "true")
    XCTAssertTrue(run.facts.contains(EdgeFact(root, admin, .access, ["*"])))
    XCTAssertEqual(run.node(admin)?.isDefined, true)
  }
}
