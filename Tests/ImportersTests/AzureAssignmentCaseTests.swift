import AccessGraph
import Foundation
import XCTest

@testable import Importers

/// Role assignments in corner cases: an empty principal, the same assignment in two outputs,
/// and a custom role that may rewrite role definitions.
final class AzureAssignmentCaseTests: XCTestCase {
  private let subscription = "/subscriptions/7d1c0000-0000-4000-8000-000000000009"
  private let principal = "0be70000-0000-4000-8000-000000000009"

  private func definition(_ guid: String, type: String, actions: [String]) -> String {
    let list = actions.map { "\"\($0)\"" }.joined(separator: ", ")
    return """
      {"id": "/providers/Microsoft.Authorization/roleDefinitions/\(guid)", "name": "\(guid)",
       "permissions": [{"actions": [\(list)], "notActions": [], "dataActions": [],
                        "notDataActions": []}],
       "roleName": "Role \(guid)", "roleType": "\(type)",
       "type": "Microsoft.Authorization/roleDefinitions"}
      """
  }

  private func assignment(_ guid: String) -> String {
    """
    {"id": "\(subscription)/providers/Microsoft.Authorization/roleAssignments/a\(guid)",
     "name": "a\(guid)", "principalId": "\(principal)", "principalType": "User",
     "roleDefinitionId": "\(subscription)/providers/Microsoft.Authorization/roleDefinitions/\
    \(guid)", "scope": "\(subscription)", "type": "Microsoft.Authorization/roleAssignments"}
    """
  }

  private func load(_ files: [String: String]) throws -> AWSImportRun {
    try AzureFixtures.run(paths: [try writeTemporaryFolder(files)])
  }

  func testEmptyPrincipalIsInvalid() throws {
    let error = try XCTUnwrap(
      AzureFixtures.addError(
        """
        [{"principalId": "", "roleDefinitionId": "/x/roleDefinitions/r1",
          "scope": "\(subscription)"}]
        """))
    XCTAssertEqual(error.location, "[0].principalId")
    XCTAssertEqual(error.problem, "the principal id is empty")
  }

  func testRepeatedAssignmentGivesEdgesOnce() throws {
    let role = definition("c0de0001", type: "CustomRole", actions: ["Microsoft.Compute/*/read"])
    let once = try load([
      "definitions.json": "[\(role)]", "assignments.json": "[\(assignment("c0de0001"))]",
    ])
    let twice = try load([
      "definitions.json": "[\(role)]", "assignments-1.json": "[\(assignment("c0de0001"))]",
      "assignments-2.json": "[\(assignment("c0de0001"))]",
    ])
    XCTAssertEqual(twice.graph.edgeCount, once.graph.edgeCount)
    XCTAssertEqual(
      twice.facts(from: principal),
      [EdgeFact(principal, subscription, .access, ["Microsoft.Compute/*/read"])])
  }

  func testCustomRoleThatRewritesRolesEscalatesToOwner() throws {
    let actions = ["Microsoft.Authorization/roleDefinitions/write"]
    let run = try load([
      "definitions.json": "[\(definition("c0de0002", type: "CustomRole", actions: actions))]",
      "assignments.json": "[\(assignment("c0de0002"))]",
    ])
    XCTAssertEqual(
      run.facts(from: principal),
      [
        EdgeFact(principal, subscription, .access, actions),
        EdgeFact(principal, AzureNodes.ownerPrefix + subscription, .escalates, actions),
      ])
  }

  func testBuiltInRoleThatRewritesRolesGivesNoEscalation() throws {
    let actions = ["Microsoft.Authorization/roleDefinitions/write"]
    let run = try load([
      "definitions.json": "[\(definition("c0de0003", type: "BuiltInRole", actions: actions))]",
      "assignments.json": "[\(assignment("c0de0003"))]",
    ])
    XCTAssertEqual(
      run.facts(from: principal), [EdgeFact(principal, subscription, .access, actions)])
  }
}
