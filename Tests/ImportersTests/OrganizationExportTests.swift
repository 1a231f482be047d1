import AccessGraph
import XCTest

@testable import Importers

/// Reading AWS Organizations output: recognition next to the other AWS formats, the parts of
/// a file, and the errors for outputs that are invalid or useless alone.
final class OrganizationExportTests: XCTestCase {
  private let policySummary = #"""
    "PolicySummary": {
      "Id": "p-denyiam01", "Name": "DenyIAMChanges", "Type": "SERVICE_CONTROL_POLICY",
      "Arn": "arn:aws:organizations::111111111111:policy/o-a1b2c3d4e5/service_control_policy/p-denyiam01",
      "Description": "", "AwsManaged": false
    }
    """#
  private let content =
    #""Content": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"iam:*\",\"Resource\":\"*\"}]}""#
  private let workloadsTarget = #"""
    {"TargetId": "ou-a1b2-workload", "Name": "Workloads", "Type": "ORGANIZATIONAL_UNIT",
     "Arn": "arn:aws:organizations::111111111111:ou/o-a1b2c3d4e5/ou-a1b2-workload"}
    """#

  private func parse(_ json: String) throws -> (OrganizationExport, [ImportWarning]) {
    var warnings: [ImportWarning] = []
    let document = try AWSFixtures.document(json: json, file: "org.json")
    return (try OrganizationExport.parse(document, warnings: &warnings), warnings)
  }

  func testRecognizesOnlyOrganizationShapes() throws {
    // Each document, whether it is Organizations output, and whether the AWS importer takes
    // it at all.
    let cases: [(json: String, isOrganization: Bool, isAWS: Bool)] = [
      (#"{"Policy": {"PolicySummary": {}}, "Targets": []}"#, true, true),
      // A policy string is a bucket policy, which the same importer reads.
      (#"{"Policy": "{\"Version\": \"2012-10-17\", \"Statement\": []}"}"#, false, true),
      (#"{"Policy": {"PolicyName": "ReadOnly", "DefaultVersionId": "v1"}}"#, false, false),
      (#"{"Targets": [{"TargetId": "r-a1b2", "Type": "ROOT"}]}"#, true, true),
      (
        #"{"Targets": [{"Id": "1", "Arn": "arn:aws:lambda:eu-west-1:1:function:f"}]}"#, false, false
      ),
      (#"{"Organization": {"MasterAccountId": "111111111111"}}"#, true, true),
      (
        #"{"UserId": "AIDAEXAMPLE", "Account": "111111111111", "Arn": "arn:aws:iam::1"}"#, false,
        false
      ),
      (#"{"Account": {"Id": "222222222222"}, "Parents": []}"#, true, true),
      (#"{"Roots": []}"#, true, true),
      (#"{"Accounts": []}"#, true, true),
      (#"{"Policies": [{"Id": "p-FullAWSAccess", "Type": "SERVICE_CONTROL_POLICY"}]}"#, true, true),
      (
        #"{"Policies": [{"PolicyName": "ReadOnly", "Arn": "arn:aws:iam::aws:policy/R"}]}"#, false,
        true
      ),
      (#"{"UserDetailList": [], "Policies": []}"#, false, true),
    ]
    for (json, isOrganization, isAWS) in cases {
      let document = try AWSFixtures.document(json: json)
      XCTAssertEqual(OrganizationExport.recognizes(document), isOrganization, json)
      XCTAssertEqual(AWSAuthorizationImporter.recognizes(document), isAWS, json)
    }
  }

  func testPolicyWithTargetsIsRead() throws {
    let (export, warnings) = try parse(
      "{\"Policy\": {\(policySummary), \(content)}, \"Targets\": [\(workloadsTarget)]}")
    XCTAssertEqual(warnings, [])
    XCTAssertEqual(export.policies.count, 1)
    let policy = try XCTUnwrap(export.policies.first)
    XCTAssertEqual(policy.label, "service control policy DenyIAMChanges (p-denyiam01)")
    XCTAssertEqual(
      policy.targets,
      [OrganizationEntity(kind: .organizationalUnit, id: "ou-a1b2-workload", name: "Workloads")])
    XCTAssertEqual(policy.document.statements.map(\.location), ["Policy.Content.Statement[0]"])
    XCTAssertEqual(policy.document.statements.map(\.effect), [.deny])
  }

  func testMergedFileIsReadWhole() throws {
    let (export, _) = try parse(
      """
      {"Organization": {"Id": "o-a1b2c3d4e5", "MasterAccountId": "111111111111"},
       "Roots": [{"Id": "r-a1b2", "Name": "Root", "Arn": "arn:aws:organizations::111111111111:root/o-a1b2c3d4e5/r-a1b2"}],
       "Account": {"Id": "222222222222", "Name": "workloads-prod"},
       "Parents": [{"Id": "ou-a1b2-workload", "Type": "ORGANIZATIONAL_UNIT"}]}
      """)
    XCTAssertEqual(export.managementAccount?.id, "111111111111")
    XCTAssertEqual(export.managementAccount?.location, "Organization.MasterAccountId")
    XCTAssertEqual(export.roots, [OrganizationEntity(kind: .root, id: "r-a1b2", name: "Root")])
    XCTAssertEqual(
      export.accounts,
      [OrganizationEntity(kind: .account, id: "222222222222", name: "workloads-prod")])
    XCTAssertEqual(export.placements.map(\.parent.id), ["ou-a1b2-workload"])
    XCTAssertEqual(export.placements.map(\.location), ["Parents[0]"])
  }

  func testOtherPolicyTypeIsSkippedWithWarning() throws {
    let (export, warnings) = try parse(
      #"""
      {"Policy": {"PolicySummary": {"Id": "p-tags0001", "Name": "CostCenterTags",
         "Type": "TAG_POLICY", "AwsManaged": false},
         "Content": "{\"tags\": {}}"},
       "Targets": []}
      """#)
    XCTAssertTrue(export.policies.isEmpty)
    XCTAssertEqual(
      warnings,
      [
        ImportWarning(
          file: "org.json", location: "Policy.PolicySummary.Type",
          message: "policy CostCenterTags (p-tags0001) is a TAG_POLICY, not a service control "
            + "policy; it is skipped")
      ])
  }

  func testStatementWithoutResourceCoversEveryResource() throws {
    let (export, _) = try parse(
      #"""
      {"Policy": {"PolicySummary": {"Id": "p-allowec2", "Name": "EC2",
         "Type": "SERVICE_CONTROL_POLICY"},
         "Content": "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"ec2:*\"}}"},
       "Targets": []}
      """#)
    let statement = try XCTUnwrap(export.policies.first?.document.statements.first)
    XCTAssertEqual(statement.resources, .only([WildcardPattern("*", isCaseSensitive: true)]))
  }

  func testInvalidInputsNameLocationAndRemedy() throws {
    let cases: [(name: String, json: String, location: String, problem: String)] = [
      (
        "policy without targets", "{\"Policy\": {\(policySummary), \(content)}}", "Policy",
        "`describe-policy` output without \"Targets\" does not say where the policy is attached"
      ),
      (
        "targets alone", "{\"Targets\": [\(workloadsTarget)]}", "Targets",
        "`list-targets-for-policy` output does not name the policy it was asked about"
      ),
      (
        "parents alone", #"{"Parents": [{"Id": "r-a1b2", "Type": "ROOT"}]}"#, "Parents",
        "`list-parents` output does not name the account or OU it was asked about"
      ),
      (
        "policy list",
        #"{"Policies": [{"Id": "p-FullAWSAccess", "Type": "SERVICE_CONTROL_POLICY"}]}"#,
        "Policies",
        "this is `aws organizations list-policies` output, which names policies without their "
          + "content or targets"
      ),
      (
        "content not JSON",
        "{\"Policy\": {\(policySummary), \"Content\": \"{\\\"Version\\\": \"}, \"Targets\": []}",
        "Policy.Content", "the policy document is not valid JSON after URL decoding"
      ),
      (
        "two parents",
        #"""
        {"OrganizationalUnit": {"Id": "ou-a1b2-workload", "Name": "Workloads"},
         "Parents": [{"Id": "r-a1b2", "Type": "ROOT"}, {"Id": "r-c3d4", "Type": "ROOT"}]}
        """#,
        "Parents", "\"Parents\" has 2 entries, but an account or OU has exactly one parent"
      ),
      (
        "account without parents", #"{"Account": {"Id": "222222222222"}, "Roots": []}"#, "",
        "account 222222222222 has no \"Parents\", so its place in the organization is not known"
      ),
      (
        "unknown target type",
        "{\"Policy\": {\(policySummary), \(content)}, "
          + #""Targets": [{"TargetId": "r-a1b2", "Type": "ORGANIZATION"}]}"#,
        "Targets[0].Type",
        "\"Type\" is \"ORGANIZATION\", which is none of ROOT, ORGANIZATIONAL_UNIT and ACCOUNT"
      ),
      (
        "target id of another type",
        "{\"Policy\": {\(policySummary), \(content)}, "
          + #""Targets": [{"TargetId": "r-a1b2", "Type": "ACCOUNT"}]}"#,
        "Targets[0].TargetId", "\"r-a1b2\" is not the id of an account"
      ),
      (
        "invalid OU id",
        #"{"OrganizationalUnit": {"Id": "ou-A1"}, "Parents": [{"Id": "r-a1b2", "Type": "ROOT"}]}"#,
        "OrganizationalUnit.Id", "\"ou-A1\" is not the id of an OU"
      ),
      (
        "account as parent",
        #"{"Account": {"Id": "222222222222"}, "Parents": [{"Id": "111111111111", "Type": "ACCOUNT"}]}"#,
        "Parents[0]", "the parent is an account, but only a root or OU can be one"
      ),
      (
        "management account not an id", #"{"Organization": {"MasterAccountId": "1111"}}"#,
        "Organization.MasterAccountId", "\"1111\" is not a 12-digit account id"
      ),
    ]
    for (name, json, location, problem) in cases {
      XCTAssertThrowsError(try parse(json), name) { error in
        guard let error = error as? ImportError else {
          return XCTFail("\(name): \(error) is not an ImportError")
        }
        XCTAssertEqual(error.reason, .invalidData, name)
        XCTAssertEqual(error.file, "org.json", name)
        XCTAssertEqual(error.location, location, name)
        XCTAssertTrue(error.problem.hasPrefix(problem), "\(name): \(error.problem)")
        XCTAssertFalse(error.remedy.isEmpty, name)
      }
    }
  }

  func testConflictingParentsAcrossFilesFail() throws {
    let first = try AWSFixtures.document(
      json: #"{"Account": {"Id": "222222222222"}, "Parents": [{"Id": "r-a1b2", "Type": "ROOT"}]}"#,
      file: "a.json")
    let second = try AWSFixtures.document(
      json: #"""
        {"Account": {"Id": "222222222222"},
         "Parents": [{"Id": "ou-a1b2-workload", "Type": "ORGANIZATIONAL_UNIT"}]}
        """#,
      file: "b.json")
    var warnings: [ImportWarning] = []
    let exports = try [first, second].map { try OrganizationExport.parse($0, warnings: &warnings) }
    XCTAssertThrowsError(try Organization(exports: exports)) { error in
      XCTAssertEqual(
        error as? ImportError,
        ImportError(
          .invalidData, file: "b.json", location: "Parents[0]",
          problem: "account 222222222222 is placed under OU ou-a1b2-workload here but under "
            + "root r-a1b2 in a.json",
          remedy: "export the organization again, so that every file is from the same moment"))
    }
  }

  func testParentCycleFails() throws {
    let documents = try [
      #"{"OrganizationalUnit": {"Id": "ou-a1b2-aaaaaaaa"}, "Parents": [{"Id": "ou-a1b2-bbbbbbbb", "Type": "ORGANIZATIONAL_UNIT"}]}"#,
      #"{"OrganizationalUnit": {"Id": "ou-a1b2-bbbbbbbb"}, "Parents": [{"Id": "ou-a1b2-aaaaaaaa", "Type": "ORGANIZATIONAL_UNIT"}]}"#,
      #"{"Account": {"Id": "222222222222"}, "Parents": [{"Id": "ou-a1b2-aaaaaaaa", "Type": "ORGANIZATIONAL_UNIT"}]}"#,
      "{\"Policy\": {\(policySummary), \(content)}, \"Targets\": [\(workloadsTarget)]}",
    ].enumerated().map { try AWSFixtures.document(json: $1, file: "org-\($0).json") }
    var warnings: [ImportWarning] = []
    let exports = try documents.map { try OrganizationExport.parse($0, warnings: &warnings) }
    let organization = try Organization(exports: exports)
    XCTAssertThrowsError(
      try organization.serviceControl(for: [("222222222222", "aws.json")], warn: { _ in })
    ) { error in
      XCTAssertEqual(
        error as? ImportError,
        ImportError(
          .invalidData, file: "org-1.json", location: "Parents[0]",
          problem: "the parents of account 222222222222 form a cycle at OU ou-a1b2-aaaaaaaa",
          remedy: "export the organization again"))
    }
  }
}
