import AccessGraph
import Foundation
import Importers
import XCTest

/// Warnings for inventory references to AWS identities that no export defines.
final class InventoryStubWarningTests: XCTestCase {
  private var folder: URL!

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("stub-warnings-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let export = #"""
      {"UserDetailList": [{"UserName": "grace.liu", "Path": "/", "GroupList": [],
        "Arn": "arn:aws:iam::111122223333:user/grace.liu", "AttachedManagedPolicies": [],
        "UserPolicyList": []}], "GroupDetailList": [], "RoleDetailList": [], "Policies": []}
      """#
    try Data(export.utf8).write(to: folder.appendingPathComponent("aws.json"))
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: folder)
  }

  private func warnings(authenticatingAs arns: [String]) throws -> [String] {
    let secrets = arns.enumerated().map { index, arn in
      #"{"id": "key-\#(index)", "authenticatesAs": "\#(arn)"}"#
    }
    let inventory = #"{"inventory": {"name": "t", "version": 1}, "secrets": ["#
      + secrets.joined(separator: ", ") + "]}"
    try Data(inventory.utf8).write(to: folder.appendingPathComponent("inventory.json"))
    var warnings: [String] = []
    _ = try EstateLoader { warnings.append($0.message) }.load([folder.path])
    return warnings
  }

  func testMisspeltCaseSuggestsDefinedUser() throws {
    XCTAssertEqual(
      try warnings(authenticatingAs: ["arn:aws:iam::111122223333:user/Grace.Liu"]),
      [
        "no input defines \"arn:aws:iam::111122223333:user/Grace.Liu\", so it is kept as a "
          + "stub (a person); the IAM export of account 111122223333 does not define it, did "
          + "you mean \"arn:aws:iam::111122223333:user/grace.liu\"?"
      ])
  }

  func testUnknownUserOfLoadedAccountAsksToCheckARN() throws {
    XCTAssertEqual(
      try warnings(authenticatingAs: ["arn:aws:iam::111122223333:user/nobody"]),
      [
        "no input defines \"arn:aws:iam::111122223333:user/nobody\", so it is kept as a stub "
          + "(a person); the IAM export of account 111122223333 does not define it, so check "
          + "the ARN"
      ])
  }

  func testUserOfMissingAccountAsksForExport() throws {
    XCTAssertEqual(
      try warnings(authenticatingAs: ["arn:aws:iam::444455556666:user/ci"]),
      [
        "no input defines \"arn:aws:iam::444455556666:user/ci\", so it is kept as a stub (a "
          + "person); add the IAM export of account 444455556666 to see its grants"
      ])
  }
}
