import AccessGraph
import XCTest

@testable import Importers

final class InventoryARNStubTests: XCTestCase {
  func testStubKindAccountTypeAndName() throws {
    let cases: [(arn: String, kind: NodeKind, account: String, type: String, name: String)] = [
      ("arn:aws:iam::111122223333:user/ci-deploy", .human, "111122223333", "iam-user",
       "ci-deploy"),
      ("arn:aws:iam::111122223333:user/ci/ci-deploy", .human, "111122223333", "iam-user",
       "ci-deploy"),
      ("arn:aws:iam::111122223333:role/service-role/etl", .serviceIdentity, "111122223333",
       "iam-role", "etl"),
      ("arn:aws:iam::111122223333:group/Admins", .group, "111122223333", "iam-group", "Admins"),
      ("arn:aws:iam::444455556666:root", .human, "444455556666", "iam-root-user", "root"),
      ("arn:aws:sts::111122223333:assumed-role/deploy/session-1", .serviceIdentity,
       "111122223333", "sts-assumed-role", "session-1"),
      ("arn:aws:s3:::acme-payroll-exports", .resource, "", "s3-bucket", "acme-payroll-exports"),
      ("arn:aws:s3:::acme-payroll-exports/2024/*", .resource, "", "s3-object", "*"),
      ("arn:aws:dynamodb:eu-west-1:111122223333:table/shipments", .resource, "111122223333",
       "dynamodb-table", "shipments"),
      ("arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/stripe-Q7xYz1", .resource,
       "111122223333", "secretsmanager-secret", "stripe-Q7xYz1"),
      ("arn:aws:rds:eu-west-1:111122223333:db:billing-prod", .resource, "111122223333",
       "rds-db", "billing-prod"),
      ("arn:aws:sqs:eu-west-1:111122223333:shipment-events", .resource, "111122223333",
       "sqs", "shipment-events"),
      ("arn:aws-cn:iam::111122223333:role/deploy", .serviceIdentity, "111122223333",
       "iam-role", "deploy"),
    ]

    for expected in cases {
      let node = try XCTUnwrap(InventoryARNStub.node(for: expected.arn), expected.arn)
      XCTAssertEqual(node.id, expected.arn)
      XCTAssertEqual(node.kind, expected.kind, expected.arn)
      XCTAssertEqual(node.platform, .aws, expected.arn)
      XCTAssertEqual(node.account, expected.account, expected.arn)
      XCTAssertEqual(node.type, expected.type, expected.arn)
      XCTAssertEqual(node.name, expected.name, expected.arn)
      XCTAssertFalse(node.isDefined, expected.arn)
    }
  }

  func testMalformedARNHasNoStub() {
    let malformed = [
      "arn:aws:iam::111122223333", "arn:aws::::x", "arn:aws:iam::111122223333:",
      "arn:azure:iam::1:user/x",
    ]

    for arn in malformed {
      XCTAssertNil(InventoryARNStub.node(for: arn), arn)
    }
  }

  func testRecognizesAWSPartitionsOnly() {
    XCTAssertTrue(InventoryARNStub.isARN("arn:aws:s3:::bucket"))
    XCTAssertTrue(InventoryARNStub.isARN("arn:aws-us-gov:s3:::bucket"))
    XCTAssertFalse(InventoryARNStub.isARN("arn:partition:s3:::bucket"))
    XCTAssertFalse(InventoryARNStub.isARN("svc-jenkins"))
  }
}
