import Analysis
import XCTest

final class ActionPatternTests: XCTestCase {
  func testWildcardsMatchAndCaseIsIgnored() {
    let cases: [(String, String, Bool)] = [
      ("*", "s3:GetObject", true),
      ("s3:*", "S3:GETOBJECT", true),
      ("s3:Get*", "s3:GetObject", true),
      ("s3:Get*", "s3:PutObject", false),
      ("iam:?assRole", "iam:PassRole", true),
      ("iam:?assRole", "iam:PassRoles", false),
      ("s3:*Object*", "s3:GetObjectAcl", true),
      ("s3:GetObject", "s3:GetObjectAcl", false),
      ("", "", true),
      ("*a*b", "xaxxb", true),
      ("*a*b", "xaxxbc", false),
    ]
    for (pattern, action, expected) in cases {
      XCTAssertEqual(ActionPattern.matches(pattern, action), expected, "\(pattern) ~ \(action)")
    }
  }

  func testExcludedPatternsOverrideIncludedOnes() {
    XCTAssertTrue(ActionPattern.allows(["*", "!iam:*"], "s3:GetObject"))
    XCTAssertFalse(ActionPattern.allows(["*", "!iam:*"], "iam:PassRole"))
    XCTAssertFalse(ActionPattern.allows(["s3:*", "!s3:Delete*"], "s3:DeleteObject"))
    XCTAssertFalse(ActionPattern.allows(["s3:Get*"], "s3:PutObject"))
    XCTAssertTrue(ActionPattern.allows([], "anything"))
    XCTAssertFalse(ActionPattern.allows(["!iam:*"], "s3:GetObject"))
  }

  func testDataActionsMatchOnlyDataPatterns() {
    let secret = "data:Microsoft.KeyVault/vaults/secrets/getSecret/action"
    XCTAssertFalse(ActionPattern.allows(["*"], secret))
    XCTAssertTrue(ActionPattern.allows(["data:*"], secret))
    XCTAssertTrue(ActionPattern.allows(["data:microsoft.keyvault/vaults/secrets/*"], secret))
    XCTAssertFalse(
      ActionPattern.allows(["data:*"], "Microsoft.Authorization/roleAssignments/write"))
    XCTAssertFalse(ActionPattern.allows(["*", "!data:*"], "data:Microsoft.Storage/x"))
    XCTAssertTrue(ActionPattern.allows(["*", "!data:*"], "Microsoft.Storage/x"))
  }
}
