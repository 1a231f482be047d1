import XCTest

@testable import Importers

final class WildcardPatternTests: XCTestCase {
  private func action(_ text: String) -> WildcardPattern {
    WildcardPattern(text, isCaseSensitive: false)
  }

  private func arn(_ text: String) -> WildcardPattern {
    WildcardPattern(text, isCaseSensitive: true)
  }

  func testStarMatchesAnyRunIncludingNothing() {
    let pattern = action("s3:Get*")
    XCTAssertTrue(pattern.matches("s3:Get"))
    XCTAssertTrue(pattern.matches("s3:GetObject"))
    XCTAssertFalse(pattern.matches("s3:PutObject"))
    XCTAssertTrue(action("*").matches(""))
    XCTAssertTrue(action("*").matches("iam:PassRole"))
  }

  func testQuestionMarkMatchesExactlyOneCharacter() {
    let pattern = arn("arn:aws:s3:::log?")
    XCTAssertTrue(pattern.matches("arn:aws:s3:::logs"))
    XCTAssertFalse(pattern.matches("arn:aws:s3:::log"))
    XCTAssertFalse(pattern.matches("arn:aws:s3:::logss"))
  }

  func testSeveralStarsBacktrack() {
    let pattern = arn("arn:aws:s3:::*-prod-*/*.csv")
    XCTAssertTrue(pattern.matches("arn:aws:s3:::eu-prod-data/2024/a.csv"))
    XCTAssertFalse(pattern.matches("arn:aws:s3:::eu-prod-data/2024/a.json"))
  }

  func testActionsMatchIgnoringCase() {
    XCTAssertTrue(action("S3:getobject").matches("s3:GetObject"))
    XCTAssertTrue(action("iam:Pass*").matches("IAM:PASSROLE"))
  }

  func testARNsMatchRespectingCase() {
    XCTAssertFalse(arn("arn:aws:s3:::Logs/*").matches("arn:aws:s3:::logs/a"))
    XCTAssertTrue(arn("arn:aws:s3:::Logs/*").matches("arn:aws:s3:::Logs/a"))
  }

  func testPolicyVariableReadsAsStarAndIsRecorded() {
    let pattern = arn("arn:aws:s3:::home/${aws:username}/*")
    XCTAssertTrue(pattern.hasPolicyVariable)
    XCTAssertTrue(pattern.matches("arn:aws:s3:::home/alice/notes.txt"))
    XCTAssertFalse(pattern.isSpecific)
  }

  func testEscapedCharactersAreLiteral() {
    let pattern = arn("arn:aws:s3:::odd${*}name")
    XCTAssertFalse(pattern.hasPolicyVariable)
    XCTAssertTrue(pattern.matches("arn:aws:s3:::odd*name"))
    XCTAssertFalse(pattern.matches("arn:aws:s3:::oddXname"))
  }

  func testOldDocumentVersionTakesVariablesLiterally() {
    let pattern = WildcardPattern(
      "arn:aws:s3:::home/${aws:username}", isCaseSensitive: true, readsPolicyVariables: false)
    XCTAssertFalse(pattern.hasPolicyVariable)
    XCTAssertTrue(pattern.matches("arn:aws:s3:::home/${aws:username}"))
    XCTAssertFalse(pattern.matches("arn:aws:s3:::home/alice"))
  }

  func testLiteralPatternTreatsStarAsCharacter() {
    let pattern = WildcardPattern(literal: "arn:aws:s3:::a*b", followedByAnyRun: true)
    XCTAssertTrue(pattern.matches("arn:aws:s3:::a*b/key"))
    XCTAssertFalse(pattern.matches("arn:aws:s3:::axb/key"))
  }

  func testLiteralPrefixStopsAtFirstWildcard() {
    XCTAssertEqual(arn("arn:aws:s3:::logs-*/x").literalPrefix, "arn:aws:s3:::logs-")
    XCTAssertEqual(action("S3:Get?bject").literalPrefix, "s3:get")
    XCTAssertEqual(arn("*").literalPrefix, "")
  }

  func testOverlapsWhenSomeStringMatchesBoth() {
    XCTAssertTrue(action("s3:Get*").overlaps(action("*Object")))
    XCTAssertTrue(action("s3:*").overlaps(action("*")))
    XCTAssertTrue(arn("arn:aws:s3:::logs*").overlaps(arn("arn:aws:s3:::logs/*")))
    XCTAssertTrue(arn("a?c").overlaps(arn("*c")))
    XCTAssertFalse(action("s3:Get*").overlaps(action("s3:Put*")))
    XCTAssertFalse(action("ec2:*").overlaps(action("s3:*")))
    XCTAssertFalse(arn("arn:aws:s3:::orders-202?").overlaps(arn("arn:aws:s3:::orders-20245")))
  }

  func testCoversWhenEveryMatchOfOtherMatchesThis() {
    XCTAssertTrue(action("*").covers(action("s3:Get*")))
    XCTAssertTrue(action("s3:*").covers(action("s3:Get*")))
    XCTAssertTrue(action("s3:Get*").covers(action("s3:GetObject")))
    XCTAssertTrue(action("s3:Get?bject").covers(action("s3:GetObject")))
    XCTAssertFalse(action("s3:Get*").covers(action("s3:*")))
    XCTAssertFalse(action("s3:GetObject").covers(action("s3:Get?bject")))
    XCTAssertFalse(action("s3:Get?").covers(action("s3:Get*")))
  }

  func testCoversMissesOnlyUnusualEqualPatterns() {
    // Both match "a" and then two or more characters; the token alignment misses it.
    XCTAssertFalse(arn("a*?").covers(arn("a?*")))
    XCTAssertTrue(arn("a?*").covers(arn("a?*")))
  }

  func testExhaustiveAgreementWithMatchingOnShortStrings() {
    let patterns = ["*", "a*", "*a", "a?", "?b", "a*b", "ab", "?", "??", "*?*", "a"]
    let alphabet: [Character] = ["a", "b"]
    var strings = [""]
    for length in 1...4 {
      strings += (0..<(1 << length)).map { bits in
        String((0..<length).map { alphabet[(bits >> $0) & 1] })
      }
    }
    for left in patterns {
      for right in patterns {
        let outer = arn(left)
        let inner = arn(right)
        let shared = strings.contains { outer.matches($0) && inner.matches($0) }
        XCTAssertEqual(outer.overlaps(inner), shared, "\(left) overlaps \(right)")
        if outer.covers(inner) {
          XCTAssertTrue(
            strings.allSatisfy { !inner.matches($0) || outer.matches($0) },
            "\(left) covers \(right)")
        }
      }
    }
  }

  func testASCIIAndUnicodeValuesMatchAlike() {
    let action = WildcardPattern("s3:Get*", isCaseSensitive: false)
    XCTAssertTrue(action.matches("S3:GETOBJECT"))
    XCTAssertFalse(action.matches("s3:PutObject"))
    let oneScalar = WildcardPattern("arn:aws:s3:::caf?", isCaseSensitive: true)
    XCTAssertTrue(oneScalar.matches("arn:aws:s3:::café"))
    XCTAssertFalse(oneScalar.matches("arn:aws:s3:::cafés"))
    let unicodePattern = WildcardPattern("arn:aws:s3:::é*", isCaseSensitive: true)
    XCTAssertTrue(unicodePattern.matches("arn:aws:s3:::été"))
    XCTAssertFalse(unicodePattern.matches("arn:aws:s3:::ete"))
  }
}
