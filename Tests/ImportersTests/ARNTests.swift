import XCTest

@testable import Importers

final class ARNTests: XCTestCase {
  func testSplitsFiveFieldsAndKeepsColonsInResource() throws {
    let arn = try XCTUnwrap(ARN("arn:aws:lambda:eu-west-1:111111111111:function:pay:live"))
    XCTAssertEqual(arn.partition, "aws")
    XCTAssertEqual(arn.service, "lambda")
    XCTAssertEqual(arn.region, "eu-west-1")
    XCTAssertEqual(arn.account, "111111111111")
    XCTAssertEqual(arn.resource, "function:pay:live")
    XCTAssertEqual(arn.resourceType, "function")
    XCTAssertEqual(arn.description, "arn:aws:lambda:eu-west-1:111111111111:function:pay:live")
  }

  func testRejectsTextThatIsNotAnARN() {
    XCTAssertNil(ARN("*"))
    XCTAssertNil(ARN("arn:aws:s3"))
    XCTAssertNil(ARN("urn:aws:s3:::bucket:x"))
  }

  func testIAMNameIsLastPathSegment() {
    let role = ARN("arn:aws:iam::111111111111:role/service-role/level1")
    XCTAssertEqual(role?.resourceName, "level1")
    let table = ARN("arn:aws:dynamodb:us-east-1:111111111111:table/orders")
    XCTAssertEqual(table?.resourceName, "orders")
  }

  func testPrincipalsAreUsersGroupsRolesProfilesRootsAndSessions() {
    for text in [
      "arn:aws:iam::111111111111:user/a", "arn:aws:iam::111111111111:group/g",
      "arn:aws:iam::111111111111:role/r", "arn:aws:iam::111111111111:instance-profile/p",
      "arn:aws:iam::111111111111:root", "arn:aws:sts::111111111111:assumed-role/r/s",
    ] {
      XCTAssertEqual(ARN(text)?.isIAMPrincipal, true, text)
    }
    XCTAssertEqual(ARN("arn:aws:iam::111111111111:policy/p")?.isIAMPrincipal, false)
    XCTAssertEqual(ARN("arn:aws:s3:::bucket")?.isIAMPrincipal, false)
  }

  func testAccountIDIsTwelveDigits() {
    XCTAssertTrue(ARN.isAccountID("012345678901"))
    XCTAssertFalse(ARN.isAccountID("aws"))
    XCTAssertFalse(ARN.isAccountID("12345678901"))
    XCTAssertFalse(ARN.isAccountID("*"))
  }
}

final class AWSResourceTests: XCTestCase {
  func testObjectPatternsNameTheirBucket() {
    XCTAssertEqual(AWSResource(namedBy: "arn:aws:s3:::logs/*")?.id, "arn:aws:s3:::logs")
    XCTAssertEqual(AWSResource(namedBy: "arn:aws:s3:::logs/2024/a.csv")?.id, "arn:aws:s3:::logs")
    XCTAssertEqual(AWSResource(namedBy: "arn:aws:s3:::logs")?.nodeType, "s3-bucket")
    XCTAssertNil(AWSResource(namedBy: "arn:aws:s3:::logs-*/*"))
  }

  func testTableSubresourcesNameTheTable() {
    let table = AWSResource(namedBy: "arn:aws:dynamodb:us-east-1:111111111111:table/orders/index/*")
    XCTAssertEqual(table?.id, "arn:aws:dynamodb:us-east-1:111111111111:table/orders")
    XCTAssertEqual(table?.nodeType, "dynamodb-table")
    XCTAssertEqual(table?.name, "orders")
    XCTAssertEqual(table?.node.account, "111111111111")
  }

  func testTypesComeFromServiceAndResourceType() {
    let cases = [
      "arn:aws:rds:us-east-1:111111111111:db:customers": "rds-db",
      "arn:aws:secretsmanager:us-east-1:111111111111:secret:db-AbCdEf": "secretsmanager-secret",
      "arn:aws:kms:us-east-1:111111111111:key/1234abcd": "kms-key",
      "arn:aws:sqs:us-east-1:111111111111:jobs": "sqs-queue",
      "arn:aws:iam::111111111111:policy/Deploy": "iam-policy",
    ]
    for (text, type) in cases {
      XCTAssertEqual(AWSResource(namedBy: text)?.nodeType, type, text)
    }
    XCTAssertEqual(
      AWSResource(namedBy: "arn:aws:secretsmanager:us-east-1:111111111111:secret:prod/db-AbCdEf")?
        .name,
      "prod/db-AbCdEf")
  }

  func testWildcardsVariablesAndPrincipalsNameNothing() {
    XCTAssertNil(AWSResource(namedBy: "*"))
    XCTAssertNil(AWSResource(namedBy: "arn:aws:ecr:*:111111111111:repository/level2"))
    XCTAssertNil(AWSResource(namedBy: "arn:aws:iam::111111111111:mfa/${aws:username}"))
    XCTAssertNil(AWSResource(namedBy: "arn:aws:iam::111111111111:role/deploy"))
    XCTAssertNil(AWSResource(namedBy: "arn:aws:iam::111111111111:user/alice"))
  }

  func testAreaCoversObjectsOfBucketOnly() {
    let area = AWSResource(namedBy: "arn:aws:s3:::logs")!.area
    XCTAssertEqual(area.map(\.text), ["arn:aws:s3:::logs", "arn:aws:s3:::logs/*"])
    let key = AWSResource(namedBy: "arn:aws:kms:us-east-1:111111111111:key/k")!.area
    XCTAssertEqual(key.map(\.text), ["arn:aws:kms:us-east-1:111111111111:key/k"])
  }

  func testSpanningPatternsNameTheirAccount() {
    let own = "111111111111"
    XCTAssertEqual(AWSResource.accountSpanned(by: "*", ownAccount: own), own)
    XCTAssertEqual(AWSResource.accountSpanned(by: "arn:aws:s3:::*", ownAccount: own), own)
    XCTAssertEqual(AWSResource.accountSpanned(by: "arn:aws:s3:::*/*", ownAccount: own), own)
    XCTAssertEqual(
      AWSResource.accountSpanned(by: "arn:aws:dynamodb:*:*:table/*", ownAccount: own), own)
    XCTAssertEqual(
      AWSResource.accountSpanned(by: "arn:aws:iam::999999999999:role/*", ownAccount: own),
      "999999999999")
  }

  func testNarrowPatternsSpanNothing() {
    let own = "111111111111"
    XCTAssertNil(AWSResource.accountSpanned(by: "arn:aws:s3:::logs/*", ownAccount: own))
    XCTAssertNil(AWSResource.accountSpanned(by: "arn:aws:s3:::logs-*", ownAccount: own))
    XCTAssertNil(AWSResource.accountSpanned(by: "arn:aws:iam::*:role/deploy-*", ownAccount: own))
    XCTAssertNil(AWSResource.accountSpanned(by: "arn:aws:sns:*:*:codecommit*", ownAccount: own))
  }
}
