import AccessGraph
import Foundation
import XCTest

@testable import Importers

/// Invalid resource inventories: each error names the file, the JSON path and a remedy.
final class AWSWorkloadErrorTests: XCTestCase {
  private typealias Fixtures = WorkloadFixtures

  private func assertError(
    _ json: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line
  ) {
    let error = Fixtures.addError(json, line: line)
    XCTAssertEqual(error?.reason, .invalidData, file: file, line: line)
    XCTAssertEqual(error?.description, expected, file: file, line: line)
  }

  func testMissingFunctionArn() {
    assertError(
      #"{"Functions": [{"FunctionName": "billing-sync"}]}"#,
      #"output.json:Functions[0]: "FunctionArn" is missing; add it, or export the file again"#)
  }

  func testFunctionRoleThatIsNoRoleARN() {
    assertError(
      #"""
      {"Functions": [{"FunctionArn": "arn:aws:lambda:us-east-1:210987654321:function:f",
        "Role": "billing-sync-role"}]}
      """#,
      #"output.json:Functions[0].Role: "billing-sync-role" is not the ARN of an IAM role "#
        + "with a 12-digit account id; export the output again with "
        + "`aws lambda list-functions --output json`")
  }

  func testFunctionArnOfAnotherService() {
    assertError(
      #"{"Functions": [{"FunctionArn": "arn:aws:iam::210987654321:role/f"}]}"#,
      #"output.json:Functions[0].FunctionArn: "arn:aws:iam::210987654321:role/f" is not the "#
        + "ARN of a Lambda function with a 12-digit account id; export the output again with "
        + "`aws lambda list-functions --output json`")
  }

  func testFunctionsThatIsNoArray() {
    assertError(
      #"{"Functions": {"FunctionArn": "x"}}"#,
      "output.json:Functions: expected an array, found an object; write it as a JSON array")
  }

  func testFunctionEntryThatIsNoObject() {
    assertError(
      #"{"Functions": ["billing-sync"]}"#,
      "output.json:Functions[0]: expected an object, found a string; export the output "
        + "again with `aws lambda list-functions --output json`")
  }

  func testOwnerIdThatIsNoAccount() {
    assertError(
      #"{"Reservations": [{"OwnerId": "21098765432", "Instances": []}]}"#,
      #"output.json:Reservations[0].OwnerId: "21098765432" is not a 12-digit account id; "#
        + "export the output again with `aws ec2 describe-instances --output json`")
  }

  func testInstanceWithoutPlacement() {
    assertError(
      #"{"Reservations": [{"OwnerId": "210987654321", "Instances": [{"InstanceId": "i-1"}]}]}"#,
      #"output.json:Reservations[0].Instances[0]: "Placement" is missing; add it, or export "#
        + "the file again")
  }

  func testInstanceZoneWithoutRegion() {
    assertError(
      #"""
      {"Reservations": [{"OwnerId": "210987654321", "Instances": [
        {"InstanceId": "i-1", "Placement": {"AvailabilityZone": "east"}}]}]}
      """#,
      #"output.json:Reservations[0].Instances[0].Placement.AvailabilityZone: "east" is not "#
        + "an availability zone name such as us-east-1a; export the output again with "
        + "`aws ec2 describe-instances --output json`")
  }

  func testInstanceProfileThatIsARole() {
    assertError(
      #"""
      {"Reservations": [{"OwnerId": "210987654321", "Instances": [
        {"InstanceId": "i-1", "Placement": {"AvailabilityZone": "us-east-1a"},
         "IamInstanceProfile": {"Arn": "arn:aws:iam::210987654321:role/web"}}]}]}
      """#,
      #"output.json:Reservations[0].Instances[0].IamInstanceProfile.Arn: "#
        + #""arn:aws:iam::210987654321:role/web" is not the ARN of an IAM instance profile "#
        + "with a 12-digit account id; export the output again with "
        + "`aws ec2 describe-instances --output json`")
  }

  func testManagedNodeIdThatIsNoString() {
    assertError(
      #"{"InstanceInformationList": [{"InstanceId": 7}]}"#,
      "output.json:InstanceInformationList[0].InstanceId: expected a string, found a number; "
        + "write it as a JSON string")
  }

  func testDevEndpointWithoutRole() {
    assertError(
      #"{"DevEndpoints": [{"EndpointName": "etl-dev", "AvailabilityZone": "us-east-1a"}]}"#,
      #"output.json:DevEndpoints[0]: "RoleArn" is missing; add it, or export the file again"#)
  }

  func testNotebookDescriptionWithoutRole() {
    assertError(
      #"""
      {"NotebookInstanceArn": "arn:aws:sagemaker:eu-west-1:210987654321:notebook-instance/r",
       "NotebookInstanceName": "r"}
      """#,
      #"output.json: "RoleArn" is missing; add it, or export the file again"#)
  }

  func testProjectArnOfABuild() {
    assertError(
      #"""
      {"projects": [{"arn": "arn:aws:codebuild:us-east-1:210987654321:build/api:0f1e"}],
       "projectsNotFound": []}
      """#,
      #"output.json:projects[0].arn: "arn:aws:codebuild:us-east-1:210987654321:build/api:0f1e" "#
        + "is not the ARN of a CodeBuild project with a 12-digit account id; export the "
        + "output again with `aws codebuild batch-get-projects --output json`")
  }

  func testTaskDefinitionThatIsNoObject() {
    assertError(
      #"{"taskDefinition": "web:7"}"#,
      "output.json:taskDefinition: expected an object, found a string; export the output "
        + "again with `aws ecs describe-task-definition --output json`")
  }

  func testTaskDefinitionListEntryWithoutArn() {
    assertError(
      #"""
      [{"taskDefinition": {"taskDefinitionArn":
          "arn:aws:ecs:us-east-1:210987654321:task-definition/web:7"}},
       {"taskDefinition": {"family": "worker"}}]
      """#,
      #"output.json:[1].taskDefinition: "taskDefinitionArn" is missing; add it, or export the "#
        + "file again")
  }

  func testLoaderReportsErrorWithFilePath() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("workload-errors-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("functions.json")
    try Data(#"{"Functions": [{"Role": "arn:aws:iam::210987654321:role/r"}]}"#.utf8)
      .write(to: file)

    XCTAssertThrowsError(try EstateLoader().load([file.path])) { error in
      XCTAssertEqual(
        (error as? ImportError)?.description,
        #"\#(file.path):Functions[0]: "FunctionArn" is missing; add it, or export the file again"#
      )
    }
  }
}
