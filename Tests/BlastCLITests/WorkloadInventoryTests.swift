import Foundation
import XCTest

/// `blast` on a folder of AWS resource inventories and an authorization export of the same
/// account, copied from the importer tests' `Fixtures/aws-workloads`.
final class WorkloadInventoryTests: BlastTestCase {
  private static let inventories = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("ImportersTests/Fixtures/aws-workloads")

  /// The warning every run on the folder prints: one notebook instance has no describe
  /// output, so its role is unknown.
  private let notebookWarning =
    "blast: warning: inventories/sagemaker-list-notebook-instances.json:NotebookInstances[1]: "
    + "no output in the run gives the role of notebook instance Scratch-Pad; add the output "
    + "of `aws sagemaker describe-notebook-instance --notebook-instance-name Scratch-Pad`\n"

  override func setUpWithError() throws {
    try super.setUpWithError()
    try FileManager.default.copyItem(
      at: Self.inventories, to: folder.appendingPathComponent("inventories"))
  }

  func testImportCountsWorkloadsAndRunsAsEdges() throws {
    let expected = """
      Estate of 36 nodes and 24 edges from 1 input

      Nodes by kind
        workload         19
        serviceIdentity  13
        resource         1
        scope            2
        privilege        1

      Nodes by platform
        aws  36

      Edges by relation
        assumes   5
        runsAs    14
        access    4
        contains  1

      13 nodes named in grants but defined by no input.

      """
    assertResult(
      try blast("import", "inventories"), status: 0, output: expected, error: notebookWarning)
  }

  func testPathFromInstanceStartsWithRunsAs() throws {
    let expected = """
      1 path from i-0a1b2c3d4e5f60001 to admin, unconditional first, then shortest

      Path 1: i-0a1b2c3d4e5f60001 to AWS account admin, 3 hops
        1. i-0a1b2c3d4e5f60001 -[runsAs]-> instance profile web-server
           via instance i-0a1b2c3d4e5f60001 runs as instance profile web-server (inventories/ec2-describe-instances.json:Reservations[0].Instances[0].IamInstanceProfile.Arn)
        2. instance profile web-server -[assumes]-> web-role
           via instance profile web-server holds role web-role (inventories/authorization.json:RoleDetailList[1].InstanceProfileList[0])
        3. web-role -[access: *]-> AWS account admin
           via managed policy AdministratorAccess (arn:aws:iam::aws:policy/AdministratorAccess, v1), statement 0, attached to role web-role (inventories/authorization.json:RoleDetailList[1].AttachedManagedPolicies[0])

      Nodes on these paths
        i-0a1b2c3d4e5f60001          workload         aws/210987654321  arn:aws:ec2:us-east-1:210987654321:instance/i-0a1b2c3d4e5f60001
        instance profile web-server  serviceIdentity  aws/210987654321  arn:aws:iam::210987654321:instance-profile/web-server
        web-role                     serviceIdentity  aws/210987654321  arn:aws:iam::210987654321:role/web-role
        AWS account admin            privilege        aws/210987654321  aws:admin/210987654321

      """
    assertResult(
      try blast("paths", "inventories", "--from", "i-0a1b2c3d4e5f60001", "--to", "admin"),
      status: 0, output: expected, error: notebookWarning)
  }

  func testPathFromFunctionReachesItsBucket() throws {
    let expected = """
      1 path from billing-sync to northwind-ledger, unconditional first, then shortest

      Path 1: billing-sync to northwind-ledger, 2 hops
        1. billing-sync -[runsAs]-> billing-sync-role
           via function billing-sync runs as role billing-sync-role (inventories/lambda-list-functions.json:Functions[0].Role)
        2. billing-sync-role -[access: s3:PutObject]-> northwind-ledger
           via inline policy "write-ledger" of role billing-sync-role, statement 0 (inventories/authorization.json:RoleDetailList[0].RolePolicyList[0].PolicyDocument.Statement[0])

      Nodes on these paths
        billing-sync       workload         aws/210987654321  arn:aws:lambda:us-east-1:210987654321:function:billing-sync
        billing-sync-role  serviceIdentity  aws/210987654321  arn:aws:iam::210987654321:role/billing-sync-role
        northwind-ledger   resource         aws               arn:aws:s3:::northwind-ledger                                not defined by any input

      """
    assertResult(
      try blast(
        "paths", "inventories", "--from", "billing-sync", "--to", "arn:aws:s3:::northwind-ledger"),
      status: 0, output: expected, error: notebookWarning)
  }

  func testInvalidInventoryIsDataError() throws {
    try write(#"{"DevEndpoints": [{"EndpointName": "etl-dev"}]}"#, to: "glue.json")
    assertResult(
      try blast("import", "glue.json"), status: 65, output: "",
      error: #"blast: error: glue.json:DevEndpoints[0]: "RoleArn" is missing; add it, or "#
        + "export the file again\n")
  }
}
