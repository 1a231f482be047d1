import XCTest

@testable import Importers

final class ActionSetTests: XCTestCase {
  private func patterns(_ texts: String...) -> [WildcardPattern] {
    texts.map { WildcardPattern($0, isCaseSensitive: false) }
  }

  func testNotActionStartsAsEverythingLessItsPatterns() {
    let set = ActionSet(.allExcept(patterns("iam:*")))
    XCTAssertEqual(set.edgeActions, ["*", "!iam:*"])
    XCTAssertTrue(set.contains("s3:GetObject"))
    XCTAssertFalse(set.contains("iam:PassRole"))
    XCTAssertFalse(set.isEveryAction)
  }

  func testDenyCoveringAPatternDropsIt() {
    let set = ActionSet(.only(patterns("s3:GetObject", "ec2:StartInstances")))
      .subtracting(.only(patterns("s3:*")))
    XCTAssertEqual(set.edgeActions, ["ec2:StartInstances"])
  }

  func testDenyInsideAPatternBecomesExclusion() {
    let set = ActionSet(.only(patterns("s3:*"))).subtracting(.only(patterns("s3:Delete*")))
    XCTAssertEqual(set.edgeActions, ["s3:*", "!s3:Delete*"])
    XCTAssertTrue(set.contains("s3:GetObject"))
    XCTAssertFalse(set.contains("s3:DeleteBucket"))
  }

  func testDenyCoveringEverythingLeavesNothing() {
    let set = ActionSet(.only(patterns("s3:Get*", "s3:Put*"))).subtracting(.only(patterns("*")))
    XCTAssertTrue(set.isEmpty)
    XCTAssertEqual(set.edgeActions, [])
  }

  func testUnrelatedDenyChangesNothing() {
    let set = ActionSet(.only(patterns("s3:*"))).subtracting(.only(patterns("iam:*")))
    XCTAssertEqual(set.edgeActions, ["s3:*"])
  }

  func testDenyWithNotActionKeepsOnlySparedActions() {
    let everything = ActionSet(.only(patterns("*")))
    XCTAssertEqual(everything.subtracting(.allExcept(patterns("s3:*"))).edgeActions, ["s3:*"])
    let reads = ActionSet(.only(patterns("s3:GetObject", "ec2:Describe*")))
    XCTAssertEqual(
      reads.subtracting(.allExcept(patterns("s3:*"))).edgeActions, ["s3:GetObject"])
  }

  func testPartlyOverlappingSparedPatternKeepsAllowWhole() {
    let set = ActionSet(.only(patterns("s3:Get*"))).subtracting(.allExcept(patterns("*Object")))
    XCTAssertEqual(set.edgeActions, ["s3:Get*"])
  }

  func testIncludesActionsOfServiceLikeRestriction() {
    let s3 = WildcardPattern("s3:*", isCaseSensitive: false)
    let sets = [
      ActionSet(included: patterns("*"), excluded: patterns("s3:*")),
      ActionSet(included: patterns("ec2:*", "iam:Pass*")),
      ActionSet(included: patterns("s3:Get*")),
      ActionSet(included: patterns("*:GetObject")),
      ActionSet(included: []),
    ]
    XCTAssertEqual(sets.map { $0.includesActions(of: s3) }, [true, false, true, true, false])
    for set in sets {
      XCTAssertEqual(set.includesActions(of: s3), !set.restricted(to: s3).isEmpty)
    }
  }

  func testRestrictingToServiceDropsOtherServicesAndExclusions() {
    let set = ActionSet(included: patterns("*", "ec2:*"), excluded: patterns("iam:*", "s3:Delete*"))
    let s3 = WildcardPattern("s3:*", isCaseSensitive: false)
    XCTAssertEqual(set.restricted(to: s3).edgeActions, ["*", "!s3:Delete*"])
  }

  func testEveryActionNeedsStarWithoutExclusions() {
    XCTAssertTrue(ActionSet(.only(patterns("*"))).isEveryAction)
    XCTAssertTrue(ActionSet(.only(patterns("*:*"))).isEveryAction)
    XCTAssertFalse(ActionSet(.only(patterns("s3:*", "ec2:*"))).isEveryAction)
    XCTAssertFalse(
      ActionSet(.only(patterns("*"))).subtracting(.only(patterns("iam:DeleteRole"))).isEveryAction)
  }

  func testIntersectionNarrowsToBoundaryPattern() {
    let set = ActionSet(.only(patterns("*"))).intersection(with: .only(patterns("s3:*")))
    XCTAssertEqual(set.edgeActions, ["s3:*"])
  }

  func testIntersectionKeepsCoveredPattern() {
    let set = ActionSet(.only(patterns("s3:GetObject", "ec2:StartInstances")))
      .intersection(with: .only(patterns("s3:*")))
    XCTAssertEqual(set.edgeActions, ["s3:GetObject"])
  }

  func testIntersectionDropsPartialOverlap() {
    let set = ActionSet(.only(patterns("s3:Get*")))
      .intersection(with: .only(patterns("s3:*Object")))
    XCTAssertTrue(set.isEmpty)
  }

  func testIntersectionDropsExcludedBoundaryPattern() {
    let set = ActionSet(.allExcept(patterns("iam:*")))
      .intersection(with: .only(patterns("iam:PassRole", "s3:*")))
    XCTAssertEqual(set.edgeActions, ["s3:*"])
  }

  func testIntersectionWithNotActionSubtracts() {
    let set = ActionSet(.only(patterns("s3:*")))
      .intersection(with: .allExcept(patterns("s3:Delete*")))
    XCTAssertEqual(set.edgeActions, ["s3:*", "!s3:Delete*"])
  }

  func testUnionDropsCoveredPatterns() {
    let set = ActionSet(.only(patterns("s3:GetObject")))
      .union(ActionSet(.only(patterns("s3:*"))))
    XCTAssertEqual(set.edgeActions, ["s3:*"])
  }
}

final class PatternSetTests: XCTestCase {
  private func arns(_ texts: String...) -> [WildcardPattern] {
    texts.map { WildcardPattern($0, isCaseSensitive: true) }
  }

  func testNotResourceContainsWhatItDoesNotList() {
    let set = PatternSet.allExcept(arns("arn:aws:s3:::secret*"))
    XCTAssertTrue(set.contains("arn:aws:s3:::public"))
    XCTAssertFalse(set.contains("arn:aws:s3:::secret-data"))
  }

  func testCoversNeedsEveryPartOfArea() {
    let bucket = arns("arn:aws:s3:::logs", "arn:aws:s3:::logs/*")
    XCTAssertFalse(PatternSet.only(arns("arn:aws:s3:::logs")).covers(bucket))
    XCTAssertTrue(PatternSet.only(arns("arn:aws:s3:::logs", "arn:aws:s3:::logs/*")).covers(bucket))
    XCTAssertTrue(PatternSet.only(arns("arn:aws:s3:::logs*")).covers(bucket))
    XCTAssertTrue(PatternSet.allExcept(arns("arn:aws:s3:::other*")).covers(bucket))
    XCTAssertFalse(PatternSet.allExcept(arns("arn:aws:s3:::logs/private/*")).covers(bucket))
  }

  func testIntersectionKeepsTheNarrowerPattern() {
    let bucket = arns("arn:aws:s3:::logs", "arn:aws:s3:::logs/*")
    XCTAssertEqual(
      PatternSet.only(arns("arn:aws:s3:::logs/2024/*")).intersection(with: bucket).map(\.text),
      ["arn:aws:s3:::logs/2024/*"])
    XCTAssertEqual(
      PatternSet.only(arns("*")).intersection(with: bucket).map(\.text),
      ["arn:aws:s3:::logs", "arn:aws:s3:::logs/*"])
    XCTAssertEqual(PatternSet.only(arns("arn:aws:s3:::other")).intersection(with: bucket), [])
  }
}
