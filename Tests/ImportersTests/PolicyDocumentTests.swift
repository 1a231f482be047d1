import Foundation
import XCTest

@testable import Importers

final class PolicyDocumentTests: XCTestCase {
  private func parse(
    _ json: String, kind: PolicyDocument.Kind = .identity
  ) throws -> (document: PolicyDocument, warnings: [ImportWarning]) {
    let cursor = try AWSFixtures.document(json: json)
    var warnings: [ImportWarning] = []
    let document = try PolicyDocument.parse(cursor, kind: kind, warnings: &warnings)
    return (document, warnings)
  }

  private func parseError(_ json: String, kind: PolicyDocument.Kind = .identity) -> String? {
    do {
      _ = try parse(json, kind: kind)
      return nil
    } catch {
      return "\(error)"
    }
  }

  func testReadsStringsOrArraysAndSid() throws {
    let (document, _) = try parse(
      """
      {"Version": "2012-10-17", "Statement": [
        {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject",
         "Resource": ["arn:aws:s3:::a/*", "arn:aws:s3:::b/*"]}]}
      """)
    let statement = try XCTUnwrap(document.statements.first)
    XCTAssertEqual(statement.effect, .allow)
    XCTAssertEqual(statement.label, "statement 0 (Sid Read)")
    XCTAssertEqual(statement.location, "Statement[0]")
    XCTAssertEqual(
      statement.actions, .only([WildcardPattern("s3:GetObject", isCaseSensitive: false)]))
    XCTAssertEqual(
      statement.resources?.patterns.map(\.text), ["arn:aws:s3:::a/*", "arn:aws:s3:::b/*"])
    XCTAssertFalse(statement.isConditional)
  }

  func testSingleStatementObjectKeepsItsPath() throws {
    let (document, _) = try parse(
      #"{"Statement": {"Effect": "Deny", "NotAction": "iam:*", "NotResource": "*"}}"#)
    let statement = try XCTUnwrap(document.statements.first)
    XCTAssertEqual(statement.location, "Statement")
    XCTAssertEqual(statement.label, "statement 0")
    guard case .allExcept = statement.actions, case .allExcept = statement.resources else {
      return XCTFail("NotAction and NotResource should read as exclusions")
    }
  }

  func testEmptyConditionDoesNotMakeStatementConditional() throws {
    let (document, _) = try parse(
      """
      {"Statement": [
        {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {}},
        {"Effect": "Allow", "Action": "*", "Resource": "*",
         "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}]}
      """)
    XCTAssertEqual(document.statements.map(\.isConditional), [false, true])
  }

  func testPolicyVariableMakesAllowAndDenyConditional() throws {
    let (document, _) = try parse(
      """
      {"Version": "2012-10-17", "Statement": [
        {"Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::home/${aws:username}/*"},
        {"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::home/${aws:username}/*"},
        {"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::home/shared/*"}]}
      """)
    XCTAssertEqual(document.statements.map(\.isConditional), [true, true, false])
  }

  func testURLEncodedDocumentIsDecodedAndKeepsPath() throws {
    let text = #"{"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}"#
    let encoded = text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
    let cursor = JSONCursor(file: "f.json", path: "Policies[0].Document", value: encoded)
    var warnings: [ImportWarning] = []
    let document = try PolicyDocument.parse(cursor, kind: .identity, warnings: &warnings)
    XCTAssertEqual(document.statements.first?.location, "Policies[0].Document.Statement[0]")
  }

  func testNumberAsDocumentIsInvalid() {
    XCTAssertEqual(
      parseError("42"),
      "test.json: expected a policy document object, found a number; export the file again "
        + "with `aws iam get-account-authorization-details`")
  }

  func testMissingStatementIsInvalid() {
    XCTAssertEqual(
      parseError(#"{"Version": "2012-10-17"}"#),
      "test.json: \"Statement\" is missing; add a \"Statement\" array to the policy document")
  }

  func testMissingActionIsInvalid() {
    XCTAssertEqual(
      parseError(#"{"Statement": [{"Effect": "Allow", "Resource": "*"}]}"#),
      "test.json:Statement[0]: \"Action\" is missing; add \"Action\" or \"NotAction\"")
  }

  func testNumberInActionListNamesItsElement() {
    XCTAssertEqual(
      parseError(
        #"{"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", 3], "Resource": "*"}]}"#),
      "test.json:Statement[0].Action[1]: expected a string, found a number; write it as a JSON "
        + "string")
  }

  func testNumericActionIsInvalid() {
    XCTAssertEqual(
      parseError(#"{"Statement": [{"Effect": "Allow", "Action": 3, "Resource": "*"}]}"#),
      "test.json:Statement[0].Action: expected a string or an array of strings, found a number; "
        + "write a string or an array of strings")
  }

  func testConditionThatIsNotObjectIsInvalid() {
    XCTAssertEqual(
      parseError(
        #"{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": "x"}]}"#),
      "test.json:Statement[0].Condition: expected a \"Condition\" object, found a string; write "
        + "the condition as an object of operators")
  }

  func testTrustStatementWithoutPrincipalIsInvalid() {
    XCTAssertEqual(
      parseError(
        #"{"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole"}]}"#, kind: .trust),
      "test.json:Statement[0]: \"Principal\" is missing; name who may assume the role in "
        + "\"Principal\"")
  }

  func testTrustPrincipalsReadByKind() throws {
    let (document, warnings) = try parse(
      """
      {"Statement": [{"Effect": "Allow", "Action": ["sts:AssumeRole", "sts:TagSession"],
        "Principal": {"AWS": ["111111111111", "arn:aws:iam::222222222222:root"],
          "Service": "ec2.amazonaws.com", "Federated": "accounts.google.com",
          "CanonicalUser": "abc"}}]}
      """, kind: .trust)
    let principals = try XCTUnwrap(document.statements.first?.principals)
    XCTAssertEqual(principals.aws, ["111111111111", "arn:aws:iam::222222222222:root"])
    XCTAssertEqual(principals.services, ["ec2.amazonaws.com"])
    XCTAssertEqual(principals.federated, ["accounts.google.com"])
    XCTAssertEqual(
      warnings.map(\.description),
      ["test.json:Statement[0].Principal.CanonicalUser: principals of kind \"CanonicalUser\" "
        + "cannot assume a role; they are ignored"])
  }

  func testStarPrincipalStringMeansAnyAWSPrincipal() throws {
    let (document, _) = try parse(
      #"{"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": "*"}]}"#,
      kind: .trust)
    XCTAssertEqual(document.statements.first?.principals?.aws, ["*"])
  }

  func testIdentityPolicyWithPrincipalWarns() throws {
    let (_, warnings) = try parse(
      """
      {"Statement": [{"Effect": "Allow", "Action": "s3GetObject", "Resource": "*",
        "Principal": {"AWS": "*"}}]}
      """)
    XCTAssertEqual(
      warnings.map(\.message),
      [
        "action \"s3GetObject\" has no service prefix, so it matches no action",
        "an identity policy takes no \"Principal\"; it is ignored",
      ])
  }
}
