import XCTest

@testable import Importers

/// Recognition of resource inventories, and the field readers they share.
final class WorkloadFieldsTests: XCTestCase {
  private func document(_ json: String) throws -> JSONCursor {
    try AWSFixtures.document(json: json)
  }

  func testRecognizesEveryFixture() throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: WorkloadFixtures.folder.path)
      .filter { $0.hasSuffix(".json") && $0 != "authorization.json" }
    XCTAssertEqual(names.count, 9)
    for name in names {
      let document = try JSONCursor.parse(
        Data(contentsOf: WorkloadFixtures.folder.appendingPathComponent(name)), file: name)
      XCTAssertTrue(AWSWorkloadImporter.recognizes(document), name)
      XCTAssertFalse(AWSAuthorizationImporter.recognizes(document), name)
      XCTAssertFalse(InventoryImporter.recognizes(document), name)
    }
  }

  func testLeavesOtherFormatsAlone() throws {
    let others = [
      #"{"UserDetailList": [], "RoleDetailList": [], "Policies": []}"#,
      #"{"Policy": {"PolicySummary": {"Id": "p-1"}, "Content": "{}"}}"#,
      #"{"Targets": [{"TargetId": "210987654321", "Type": "ACCOUNT"}]}"#,
      #"{"Organization": {"Id": "o-1"}}"#,
      #"{"Accounts": [{"Id": "210987654321"}]}"#,
      #"{"Policy": "{\"Version\": \"2012-10-17\"}"}"#,
      #"{"Attributes": {"Policy": "{}"}}"#,
      #"{"ResourcePolicy": "{}"}"#,
      #"{"inventory": {}}"#,
      #"{"projects": [{"name": "billing", "projectId": "billing-1234"}]}"#,
      #"{"projects": []}"#,
      #"[{"name": "web"}]"#,
      #"[]"#,
    ]
    for json in others {
      XCTAssertFalse(AWSWorkloadImporter.recognizes(try document(json)), json)
    }
  }

  func testCodeBuildArnAloneIsRecognized() throws {
    let json = #"{"projects": [{"arn": "arn:aws:codebuild:us-east-1:210987654321:project/a"}]}"#
    XCTAssertTrue(AWSWorkloadImporter.recognizes(try document(json)))
  }

  func testRegionOfAvailabilityZone() {
    let cases: [(zone: String, region: String?)] = [
      ("us-east-1a", "us-east-1"),
      ("ap-southeast-2c", "ap-southeast-2"),
      ("us-gov-west-1b", "us-gov-west-1"),
      ("cn-north-1a", "cn-north-1"),
      ("us-west-2-lax-1a", "us-west-2"),
      ("us-east-1-wl1-bos-wlz-1", "us-east-1"),
      ("east", nil),
      ("1a", nil),
      ("us--1a", nil),
      ("", nil),
    ]
    for (zone, region) in cases {
      XCTAssertEqual(WorkloadFields.region(ofAvailabilityZone: zone), region, zone)
    }
  }

  func testPartitionOfRegion() {
    let cases = [
      ("us-east-1", "aws"), ("eu-central-2", "aws"), ("cn-northwest-1", "aws-cn"),
      ("us-gov-east-1", "aws-us-gov"), ("us-iso-east-1", "aws-iso"),
      ("us-isob-east-1", "aws-iso-b"),
    ]
    for (region, partition) in cases {
      XCTAssertEqual(WorkloadFields.partition(ofRegion: region), partition, region)
    }
  }

  func testTagsInEachShape() throws {
    let shapes = [
      #"{"Tags": [{"Key": "team", "Value": "ops"}, {"Key": "empty"}]}"#,
      #"{"Tags": [{"key": "team", "value": "ops"}, {"key": "empty"}]}"#,
      #"{"Tags": {"team": "ops", "empty": ""}}"#,
    ]
    for json in shapes {
      XCTAssertEqual(
        try WorkloadFields.tags(try document(json), key: "Tags"), ["team": "ops", "empty": ""],
        json)
    }
    XCTAssertEqual(try WorkloadFields.tags(try document("{}"), key: "Tags"), [:])
  }

  func testTagWithoutKeyIsInvalid() throws {
    XCTAssertThrowsError(
      try WorkloadFields.tags(try document(#"{"tags": [{"value": "ops"}]}"#), key: "tags")
    ) { error in
      XCTAssertEqual((error as? ImportError)?.location, "tags[0]")
    }
  }
}
