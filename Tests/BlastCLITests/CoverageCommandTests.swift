import Foundation
import XCTest

/// `blast coverage` on `Fixtures/coverage-estate`, copied as `coverage-estate`.
///
/// The estate has an AWS account with a Lambda function and two EC2 instances, and a
/// credential report with one access key. Its inventory adds an on-premises Jenkins server
/// that reads that key, a billing application that reads a dynamic lease, and a print server.
final class CoverageCommandTests: BlastTestCase {
  private static let sampleEstate = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("graphs/sample-estate").path

  override func setUpWithError() throws {
    try super.setUpWithError()
    try FileManager.default.copyItem(
      at: Self.fixtures.appendingPathComponent("coverage-estate"),
      to: folder.appendingPathComponent("coverage-estate"))
  }

  func testTextListsEveryWorkloadByPlatform() throws {
    let expected = """
      Authentication of 6 workloads on 2 platforms, as of 2025-01-15

        platform     workloads  managed  federated  static   none found
        aws          3          2 (67%)  0 (0%)     0 (0%)   1 (33%)
        on-premises  3          0 (0%)   1 (33%)    1 (33%)  1 (33%)
        all          6          2 (33%)  1 (17%)    1 (17%)  2 (33%)

      aws
        i-0c0c0c0c0c0c00001 (ec2-instance, aws/210987654321)
          id: arn:aws:ec2:us-east-1:210987654321:instance/i-0c0c0c0c0c0c00001
          managed: runs as instance profile web-server (aws/210987654321), whose credentials the platform issues
            i-0c0c0c0c0c0c00001 -[runsAs]-> instance profile web-server (coverage-estate/ec2-describe-instances.json:Reservations[0].Instances[0].IamInstanceProfile.Arn)
        i-0c0c0c0c0c0c00002 (ec2-instance, aws/210987654321)
          id: arn:aws:ec2:us-east-1:210987654321:instance/i-0c0c0c0c0c0c00002
          none found: the inputs show no credential, platform identity or federation for it
        billing-sync (lambda-function, aws/210987654321)
          id: arn:aws:lambda:us-east-1:210987654321:function:billing-sync
          managed: runs as billing-sync-role (aws/210987654321), whose credentials the platform issues
            billing-sync -[runsAs]-> billing-sync-role (coverage-estate/lambda-list-functions.json:Functions[0].Role)

      on-premises
        Billing service (application, on-premises/corp.example)
          id: billing-service
          federated: billing database lease, signs in as no identity of the inputs
            created 2025-01-15T08:00:00Z, 0 days old; expires 2025-01-15T09:00:00Z, 0 days left
            Billing service -[runsAs]-> CORP\\svc-billing (coverage-estate/inventory.json:applications[0].runsAs)
            CORP\\svc-billing -[reads]-> billing database lease (coverage-estate/inventory.json:grants[1])
        jenkins01 (ci-server, on-premises/corp.example)
          static: access key 1 of ci-deploy, signs in as ci-deploy (aws/210987654321)
            created 2021-03-02T10:00:00+00:00, 1415 days old; no expiry; last used 2024-11-30T22:16:00+00:00
            jenkins01 -[runsAs]-> CORP\\svc-jenkins (coverage-estate/inventory.json:workloads[0].runsAs)
            CORP\\svc-jenkins -[reads]-> access key 1 of ci-deploy (coverage-estate/inventory.json:grants[0])
            access key 1 of ci-deploy -[authenticatesAs]-> ci-deploy (coverage-estate/credential-report.csv:line 2 (access_key_1_active, access_key_1_last_rotated, access_key_1_last_used_date))
        print01 (print-server, on-premises/corp.example)
          none found: the inputs show no credential, platform identity or federation for it

      """
    assertResult(
      try blast("coverage", "coverage-estate", "--as-of", "2025-01-15"), status: 0,
      output: expected, error: "")
  }

  func testJSONGivesStaticKeyWithAge() throws {
    let result = try blast("coverage", "coverage-estate", "--as-of", "2025-01-15", "--json")
    XCTAssertEqual(result.status, 0)
    XCTAssertEqual(result.standardError, "")
    let document = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    XCTAssertEqual(document["schema"] as? String, "blastradius/coverage/v1")
    XCTAssertEqual(document["date"] as? String, "2025-01-15")

    let workloads = try XCTUnwrap(document["workloads"] as? [[String: Any]])
    XCTAssertEqual(
      workloads.map { $0["workload"] as? String },
      [
        "arn:aws:ec2:us-east-1:210987654321:instance/i-0c0c0c0c0c0c00001",
        "arn:aws:ec2:us-east-1:210987654321:instance/i-0c0c0c0c0c0c00002",
        "arn:aws:lambda:us-east-1:210987654321:function:billing-sync", "billing-service",
        "jenkins01", "print01",
      ])
    let jenkins = try XCTUnwrap(workloads[4]["methods"] as? [[String: Any]])
    XCTAssertEqual(jenkins.count, 1)
    XCTAssertEqual(jenkins[0]["method"] as? String, "static")
    XCTAssertEqual(
      jenkins[0]["credential"] as? String, "arn:aws:iam::210987654321:user/ci-deploy#access-key-1")
    XCTAssertEqual(
      jenkins[0]["identities"] as? [String], ["arn:aws:iam::210987654321:user/ci-deploy"])
    XCTAssertEqual(jenkins[0]["created"] as? String, "2021-03-02T10:00:00+00:00")
    XCTAssertTrue(jenkins[0]["expires"] is NSNull)
    XCTAssertEqual(jenkins[0]["lastUsed"] as? String, "2024-11-30T22:16:00+00:00")
    XCTAssertEqual(jenkins[0]["ageDays"] as? Int, 1415)
    XCTAssertTrue(jenkins[0]["daysUntilExpiry"] is NSNull)
    let evidence = try XCTUnwrap(jenkins[0]["evidence"] as? [[String: Any]])
    XCTAssertEqual(
      evidence.map { $0["relation"] as? String }, ["runsAs", "reads", "authenticatesAs"])
    XCTAssertEqual((workloads[5]["methods"] as? [Any])?.count, 0)

    let platforms = try XCTUnwrap(document["platforms"] as? [[String: Any]])
    XCTAssertEqual(platforms.map { $0["platform"] as? String }, ["aws", "on-premises"])
    XCTAssertEqual(platforms.map { $0["workloads"] as? Int }, [3, 3])
    let managed = platforms.map { $0["managed"] as? [String: Any] }
    XCTAssertEqual(managed.map { $0?["count"] as? Int }, [2, 0])
    XCTAssertEqual(managed.map { $0?["share"] as? Double }, [0.6667, 0])
    let unknown = platforms.map { $0["unknown"] as? [String: Any] }
    XCTAssertEqual(unknown.map { $0?["count"] as? Int }, [1, 1])
    XCTAssertEqual(unknown.map { $0?["share"] as? Double }, [0.3333, 0.3333])

    let nodes = try XCTUnwrap(document["nodes"] as? [String: Any])
    XCTAssertEqual(
      nodes.keys.sorted(),
      [
        "arn:aws:ec2:us-east-1:210987654321:instance/i-0c0c0c0c0c0c00001",
        "arn:aws:ec2:us-east-1:210987654321:instance/i-0c0c0c0c0c0c00002",
        "arn:aws:iam::210987654321:instance-profile/web-server",
        "arn:aws:iam::210987654321:role/billing-sync-role",
        "arn:aws:iam::210987654321:user/ci-deploy",
        "arn:aws:iam::210987654321:user/ci-deploy#access-key-1",
        "arn:aws:lambda:us-east-1:210987654321:function:billing-sync", "billing-db-lease",
        "billing-service", "jenkins01", "print01", "svc-billing", "svc-jenkins",
      ])
  }

  func testJSONOfFederatedWorkload() throws {
    let expected = """
      {
        "schema": "blastradius/coverage/v1",
        "date": "2025-01-15",
        "nodes": {
          "arn:aws:iam::111122223333:role/deployer": {
            "account": "111122223333", "crownJewel": false, "defined": true,
            "kind": "serviceIdentity", "name": "deployer", "platform": "aws", "type": "iam-role"
          },
          "inventory:host/ci-runner-01": {
            "account": "datacenter-1", "crownJewel": false, "defined": true, "kind": "workload",
            "name": "ci-runner-01", "platform": "on-premises", "type": "server"
          },
          "prod/system:serviceaccount:ci:builder": {
            "account": "prod", "crownJewel": false, "defined": true, "kind": "serviceIdentity",
            "name": "ci:builder", "platform": "kubernetes", "type": "service-account"
          }
        },
        "platforms": [
          {
            "platform": "on-premises", "workloads": 1,
            "managed": { "count": 0, "share": 0 }, "federated": { "count": 1, "share": 1 },
            "static": { "count": 0, "share": 0 }, "unknown": { "count": 0, "share": 0 }
          }
        ],
        "workloads": [
          {
            "workload": "inventory:host/ci-runner-01", "platform": "on-premises",
            "methods": [
              {
                "method": "federated", "credential": null,
                "identities": ["arn:aws:iam::111122223333:role/deployer"],
                "created": null, "expires": null, "lastUsed": null, "ageDays": null,
                "daysUntilExpiry": null,
                "evidence": [
                  {
                    "from": "inventory:host/ci-runner-01", "relation": "runsAs",
                    "to": "prod/system:serviceaccount:ci:builder", "actions": [],
                    "conditional": false,
                    "via": {
                      "file": "exports/inventory.json", "location": "workloads[0]",
                      "grant": "ci-runner-01 runs as ci:builder"
                    }
                  },
                  {
                    "from": "prod/system:serviceaccount:ci:builder", "relation": "federates",
                    "to": "arn:aws:iam::111122223333:role/deployer",
                    "actions": ["sts:AssumeRoleWithWebIdentity"], "conditional": false,
                    "via": {
                      "file": "exports/aws-111122223333.json",
                      "location": "RoleDetailList[0].AssumeRolePolicyDocument.Statement[1]",
                      "grant": "deployer trust policy"
                    }
                  }
                ]
              }
            ]
          }
        ]
      }
      """
    let result = try blast("coverage", "estate.json", "--as-of", "2025-01-15", "--json")
    XCTAssertEqual(result.status, 0)
    XCTAssertEqual(result.standardError, "")
    let actual = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))
    let expectedDocument = try JSONSerialization.jsonObject(with: Data(expected.utf8))
    XCTAssertEqual(actual as? NSDictionary, expectedDocument as? NSDictionary)
  }

  func testSampleEstateSummary() throws {
    let result = try blast("coverage", Self.sampleEstate, "--as-of", "2025-01-15")
    XCTAssertEqual(result.status, 0)
    XCTAssertEqual(result.standardError, "")
    let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
    XCTAssertEqual(
      lines.prefix(8).joined(separator: "\n"),
      """
      Authentication of 20 workloads on 3 platforms, as of 2025-01-15

        platform     workloads  managed   federated  static   none found
        azure        2          2 (100%)  0 (0%)     0 (0%)   0 (0%)
        kubernetes   9          0 (0%)    2 (22%)    0 (0%)   7 (78%)
        on-premises  9          0 (0%)    1 (11%)    6 (67%)  2 (22%)
        all          20         2 (10%)   3 (15%)    6 (30%)  9 (45%)

      """)
    XCTAssertTrue(
      lines.contains(
        "    static: AWS access key of ci-deploy, signs in as ci-deploy (aws/111122223333)"))
    XCTAssertTrue(
      lines.contains(
        "      created 2022-01-10, 1101 days old; expires 2025-01-10, expired 5 days ago"))
  }

  func testCredentialCreatedAfterTheDateSaysSo() throws {
    let result = try blast("coverage", Self.sampleEstate, "--as-of", "2020-01-01")
    XCTAssertEqual(result.status, 0)
    let lines = result.standardOutput.split(separator: "\n").map(String.init)
    XCTAssertTrue(
      lines.contains(
        "      created 2020-06-29, 180 days after the date counted to; no expiry; "
          + "last used 2024-12-01T02:12:44Z"))
    XCTAssertFalse(result.standardOutput.contains("-180"))
  }

  func testInvalidDateIsUsageError() throws {
    let notes = """
      blast: note: usage: blast coverage INPUT... [--assume-mfa present|absent] [--as-of DATE] [--json] [-o FILE]
      blast: note: run `blast coverage --help` for every option

      """
    for value in ["2025-02-30", "2025-01-15T10:00:00Z", "yesterday"] {
      assertResult(
        try blast("coverage", "estate.json", "--as-of", value), status: 64, output: "",
        error: "blast: error: invalid value \"\(value)\" for \"--as-of\"; give a date such "
          + "as 2025-01-15\n" + notes)
    }
  }

  func testEstateWithoutWorkloads() throws {
    try write(
      #"{"inventory": {"name": "people only", "version": 1}, "people": [{"id": "alice"}]}"#,
      to: "people.json")
    assertResult(
      try blast("coverage", "people.json", "--as-of", "2025-01-15"), status: 0,
      output: """
        Authentication of 0 workloads on 0 platforms, as of 2025-01-15

        The estate has no workloads.

        """, error: "")
  }

  func testOutputFileGetsReport() throws {
    let result = try blast("coverage", "estate.json", "--as-of", "2025-01-15", "-o", "out.txt")
    assertResult(result, status: 0, output: "", error: "")
    let written = try String(
      contentsOf: folder.appendingPathComponent("out.txt"), encoding: .utf8)
    XCTAssertTrue(
      written.hasPrefix("Authentication of 1 workload on 1 platform, as of 2025-01-15\n"))
  }
}
