import XCTest

@testable import Importers

/// Condition clauses evaluated against what is known of a principal's requests.
final class ConditionClauseTests: XCTestCase {
  private let platformRole = RequestContext(
    principalARN: "arn:aws:iam::111111111111:role/deploy", name: "deploy",
    account: "111111111111", isUser: false, tags: ["Team": "platform"],
    multiFactorAuthentication: nil)

  private func clause(_ operatorName: String, _ key: String, _ values: String...)
    -> ConditionClause
  {
    ConditionClause(operatorName: operatorName, key: key, values: values)
  }

  func testStringEqualsOnPrincipalTag() {
    XCTAssertEqual(
      clause("StringEquals", "aws:PrincipalTag/team", "platform").evaluate(in: platformRole),
      .holds)
    XCTAssertEqual(
      clause("StringEquals", "aws:PrincipalTag/team", "finance").evaluate(in: platformRole),
      .fails)
  }

  func testAnyListedValueMatches() {
    XCTAssertEqual(
      clause("StringEquals", "aws:PrincipalTag/Team", "sre", "platform")
        .evaluate(in: platformRole), .holds)
  }

  func testNegatedOperatorOnAbsentTagHolds() {
    XCTAssertEqual(
      clause("StringNotEquals", "aws:PrincipalTag/owner", "alice").evaluate(in: platformRole),
      .holds)
    XCTAssertEqual(
      clause("StringEquals", "aws:PrincipalTag/owner", "alice").evaluate(in: platformRole),
      .fails)
    XCTAssertEqual(
      clause("StringEqualsIfExists", "aws:PrincipalTag/owner", "alice")
        .evaluate(in: platformRole), .holds)
  }

  func testNullOperator() {
    XCTAssertEqual(
      clause("Null", "aws:PrincipalTag/owner", "true").evaluate(in: platformRole), .holds)
    XCTAssertEqual(
      clause("Null", "aws:PrincipalTag/team", "true").evaluate(in: platformRole), .fails)
  }

  func testLikeAndArnOperators() {
    XCTAssertEqual(
      clause("StringLike", "aws:PrincipalTag/team", "plat*").evaluate(in: platformRole), .holds)
    XCTAssertEqual(
      clause("ArnLike", "aws:PrincipalArn", "arn:aws:iam::111111111111:role/dep*")
        .evaluate(in: platformRole), .holds)
    XCTAssertEqual(
      clause("ArnNotLike", "aws:PrincipalArn", "arn:aws:iam::*:role/deploy")
        .evaluate(in: platformRole), .fails)
  }

  func testUnknownKeysAndOperatorsStayUnknown() {
    XCTAssertEqual(
      clause("IpAddress", "aws:SourceIp", "10.0.0.0/8").evaluate(in: platformRole), .unknown)
    XCTAssertEqual(
      clause("StringEquals", "aws:ResourceTag/team", "platform").evaluate(in: platformRole),
      .unknown)
    XCTAssertEqual(
      clause("Bool", "aws:MultiFactorAuthPresent", "true").evaluate(in: platformRole), .unknown)
    XCTAssertEqual(
      clause("StringEquals", "aws:PrincipalTag/team", "${aws:username}")
        .evaluate(in: platformRole), .unknown)
  }

  func testStatedMultiFactorAssumption() {
    let withMFA = RequestContext(
      principalARN: "arn:aws:iam::111111111111:user/alice", name: "alice",
      account: "111111111111", isUser: true, tags: [:], multiFactorAuthentication: true)
    XCTAssertEqual(
      clause("Bool", "aws:MultiFactorAuthPresent", "true").evaluate(in: withMFA), .holds)
    XCTAssertEqual(
      clause("BoolIfExists", "aws:MultiFactorAuthPresent", "false").evaluate(in: withMFA),
      .fails)
  }

  func testAccessKeyRequestsCarryNoMultiFactorKey() {
    let withAccessKey = RequestContext(
      principalARN: "arn:aws:iam::111111111111:user/alice", name: "alice",
      account: "111111111111", isUser: true, tags: [:], multiFactorAuthentication: false)
    XCTAssertEqual(
      clause("Bool", "aws:MultiFactorAuthPresent", "false").evaluate(in: withAccessKey), .fails)
    XCTAssertEqual(
      clause("BoolIfExists", "aws:MultiFactorAuthPresent", "false").evaluate(in: withAccessKey),
      .holds)
    XCTAssertEqual(
      clause("Bool", "aws:MultiFactorAuthPresent", "true").evaluate(in: withAccessKey), .fails)
  }

  func testUsernameIsAbsentForRoles() {
    XCTAssertEqual(clause("Null", "aws:username", "true").evaluate(in: platformRole), .holds)
  }
}
