import Foundation
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

  func testLiteralEndsDecideComparisons() {
    XCTAssertTrue(arn("arn:aws:s3:::logs").overlaps(arn("arn:aws:s3:::logs")))
    XCTAssertFalse(arn("arn:aws:s3:::logs").overlaps(arn("arn:aws:s3:::log")))
    XCTAssertFalse(arn("arn:aws:s3:::a*x").overlaps(arn("arn:aws:s3:::*y")))
    XCTAssertFalse(arn("arn:aws:s3:::a*").overlaps(arn("arn:aws:s3:::b*")))
    XCTAssertTrue(arn("arn:aws:s3:::a*").overlaps(arn("arn:aws:s3:::*b")))
    XCTAssertTrue(arn("arn:aws:s3:::logs").covers(arn("arn:aws:s3:::logs")))
    XCTAssertFalse(arn("arn:aws:s3:::logs").covers(arn("arn:aws:s3:::log?")))
    XCTAssertFalse(arn("arn:aws:s3:::logs/*.csv").covers(arn("arn:aws:s3:::logs/*")))
    XCTAssertFalse(arn("arn:aws:s3:::logs/*").covers(arn("arn:aws:s3:::log*")))
    XCTAssertTrue(arn("arn:aws:s3:::logs/*.csv").covers(arn("arn:aws:s3:::logs/2024/*.csv")))
  }

  /// Patterns with a character outside ASCII skip the shortcut on literal ends, so the same
  /// pairs spelled with `é` in place of `b` compare with the dynamic programming alone.
  func testLiteralEndsAgreeWithDynamicProgramming() {
    let patterns = ["*", "a*", "*a", "a?", "?b", "a*b", "ab", "b*a", "ab*ba", "a*?b", "bb", "a"]
    for left in patterns {
      for right in patterns {
        let spelledAlike = { (text: String) in text.replacingOccurrences(of: "b", with: "é") }
        let asciiLeft = arn(left)
        let asciiRight = arn(right)
        let unicodeLeft = arn(spelledAlike(left))
        let unicodeRight = arn(spelledAlike(right))
        XCTAssertEqual(
          asciiLeft.overlaps(asciiRight), unicodeLeft.overlaps(unicodeRight),
          "\(left) overlaps \(right)")
        XCTAssertEqual(
          asciiLeft.covers(asciiRight), unicodeLeft.covers(unicodeRight),
          "\(left) covers \(right)")
      }
    }
  }

  func testARNSegmentWildcardMatchesNoColon() {
    let pattern = arn("arn:aws:dynamodb:*:111111111111:table/orders")
    XCTAssertTrue(pattern.matches("arn:aws:dynamodb:us-east-1:111111111111:table/orders"))
    XCTAssertFalse(
      pattern.matches("arn:aws:dynamodb:us-east-1:222222222222:table/x:111111111111:table/orders"))
    XCTAssertTrue(arn("arn:aws:s3:::logs/*").matches("arn:aws:s3:::logs/a:b"))
  }

  func testPatternOfFewerSegmentsSpansColons() {
    XCTAssertTrue(arn("arn:aws:glue:*").matches("arn:aws:glue:eu-west-1:111111111111:table/a/b"))
    XCTAssertTrue(arn("arn:aws:glue:*").overlaps(arn("arn:aws:glue:eu-west-1:*:table/*")))
    XCTAssertTrue(arn("arn:aws:glue:*").covers(arn("arn:aws:glue:eu-west-1:*:table/*")))
  }

  func testARNSegmentsOverlapOneByOne() {
    let orders = arn("arn:aws:dynamodb:*:111111111111:table/identity-prod-orders")
    let locksIndexes = WildcardPattern(
      literal: "arn:aws:dynamodb:us-east-1:111111111111:table/terraform-locks/",
      followedByAnyRun: true)
    XCTAssertFalse(orders.overlaps(locksIndexes))
    XCTAssertFalse(locksIndexes.overlaps(orders))
    XCTAssertTrue(
      orders.overlaps(arn("arn:aws:dynamodb:eu-west-1:111111111111:table/identity-prod-*")))
    XCTAssertFalse(
      arn("arn:aws:sagemaker:us-east-1:444455556666:training-job/*").overlaps(
        arn("arn:*:sagemaker:*:111122223333:training-job/*")))
  }

  func testARNSegmentsCoverOneByOne() {
    let prod = arn("arn:aws:lambda:*:111111111111:function:prod")
    let foreignAlias = "arn:aws:lambda:us-east-1:222222222222:function:x:111111111111:function:prod"
    XCTAssertFalse(prod.covers(arn(foreignAlias)))
    XCTAssertTrue(prod.covers(arn("arn:aws:lambda:us-east-1:111111111111:function:prod")))
    XCTAssertTrue(arn("arn:aws:s3:::*").covers(arn("arn:aws:s3:::logs/*")))
    XCTAssertFalse(arn("arn:aws:s3:::*").covers(arn("arn:aws:s3:*:*:*")))
    XCTAssertTrue(
      arn("arn:*:dynamodb:*:111111111111:*").covers(arn("arn:aws:dynamodb::111111111111:*")))
  }

  func testPolicyVariableInEarlySegmentSpansColons() {
    // The value of a variable is not known, so it may hold a colon.
    let pattern = arn("arn:aws:dynamodb:${aws:PrincipalTag/region}:111111111111:table/orders")
    XCTAssertTrue(pattern.matches("arn:aws:dynamodb:a:b:111111111111:table/orders"))
    let inResource = arn("arn:aws:dynamodb:*:111111111111:table/${aws:username}")
    XCTAssertTrue(inResource.matches("arn:aws:dynamodb:eu-west-1:111111111111:table/a:b"))
    XCTAssertFalse(inResource.matches("arn:aws:dynamodb:a:b:111111111111:table/x"))
  }

  func testStringLikeComparesWholeString() {
    let pattern = WildcardPattern(
      "arn:aws:iam::*:role/admin", isCaseSensitive: true, readsPolicyVariables: false,
      comparesARNSegments: false)
    XCTAssertTrue(pattern.matches("arn:aws:iam::111111111111:role/x:222222222222:role/admin"))
  }

  func testExhaustiveARNSegmentsAgreeWithRegularExpressions() throws {
    let patterns = [
      "arn:*::::*", "arn:::*::", "arn:a::*:a:*", "arn:*:::a:a", "arn:?::::*", "arn:::::*",
      "arn:*:*:*:*:*", "arn:::::a*", "arn:*", "*", "arn:*a", "*:a", "arn:a:*:a", "arn:::*:a",
    ]
    var strings: [String] = []
    for length in 0...8 {
      strings += (0..<(1 << length)).map { bits in
        "arn:" + String((0..<length).map { (bits >> $0) & 1 == 0 ? "a" : ":" as Character })
      }
    }
    let expressions = try Dictionary(
      uniqueKeysWithValues: patterns.map { ($0, try Self.regularExpression(for: $0)) })
    func expected(_ pattern: String, _ value: String) -> Bool {
      let range = NSRange(value.startIndex..., in: value)
      return expressions[pattern]!.firstMatch(in: value, range: range) != nil
    }

    for left in patterns {
      for value in strings {
        XCTAssertEqual(arn(left).matches(value), expected(left, value), "\(left) matches \(value)")
      }
      for right in patterns {
        let shared = strings.contains { expected(left, $0) && expected(right, $0) }
        XCTAssertEqual(arn(left).overlaps(arn(right)), shared, "\(left) overlaps \(right)")
        if arn(left).covers(arn(right)) {
          XCTAssertTrue(
            strings.allSatisfy { !expected(right, $0) || expected(left, $0) },
            "\(left) covers \(right)")
        }
      }
    }
  }

  /// Returns an anchored regular expression for an ARN pattern as IAM reads it: when the
  /// pattern has six colon-separated segments, `*` and `?` match no colon in the first five.
  private static func regularExpression(for pattern: String) throws -> NSRegularExpression {
    let segments = pattern.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
    let isSegmented = pattern.hasPrefix("arn:") && segments.count == 6
    let translated = segments.enumerated().map { index, segment in
      let bounded = isSegmented && index < 5
      return segment.map { character -> String in
        switch character {
        case "*": bounded ? "[^:]*" : ".*"
        case "?": bounded ? "[^:]" : "."
        default: NSRegularExpression.escapedPattern(for: String(character))
        }
      }.joined()
    }
    return try NSRegularExpression(pattern: "^" + translated.joined(separator: ":") + "$")
  }

  func testFirstCharacterDecidesEarlyMismatches() {
    XCTAssertTrue(action("S3:Get*").matches("s3:GetObject"))
    XCTAssertTrue(action("s3:Get*").matches("S3:GetObject"))
    XCTAssertFalse(action("s3:Get*").matches("ec2:GetConsoleOutput"))
    XCTAssertFalse(action("s3:*").matches(""))
    XCTAssertFalse(action("e*").matches("\u{E9}c2:Run"))
    XCTAssertFalse(arn("Arn:*").matches("arn:aws:s3:::logs"))
    XCTAssertTrue(action("?3:*").matches("s3:GetObject"))
    XCTAssertTrue(action("*:GetObject").matches("s3:GetObject"))
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
    let segmented = WildcardPattern("arn:aws:dynamodb:*:1:table/a", isCaseSensitive: true)
    XCTAssertTrue(segmented.matches("arn:aws:dynamodb:eu-west-1:1:table/a"))
    XCTAssertFalse(segmented.matches("arn:aws:dynamodb:eu:9:table/b:1:table/a"))
  }

  func testAnyResourceIntersectionKeepsAreaOnce() {
    let bucket = arn("arn:aws:s3:::logs")
    let objects = arn("arn:aws:s3:::logs/*")
    let area = [bucket, objects, bucket]
    XCTAssertEqual(PatternSet.only([arn("*")]).intersection(with: area), [bucket, objects])
    let twice = PatternSet.only([arn("*"), arn("*")])
    XCTAssertEqual(twice.intersection(with: area), [bucket, objects])
  }

  func testEmptyResourceListIntersectsNothing() {
    XCTAssertEqual(PatternSet.only([]).intersection(with: [arn("arn:aws:s3:::logs")]), [])
  }
}
