import AccessGraph
import XCTest

@testable import Importers

/// Nodes and edges from each command's output, on its own and joined with an authorization
/// export.
final class AWSWorkloadImporterTests: XCTestCase {
  private typealias Fixtures = WorkloadFixtures

  private let billingSync = "arn:aws:lambda:us-east-1:210987654321:function:billing-sync"
  private let thumbnailer = "arn:aws:lambda:eu-west-1:210987654321:function:thumbnailer"
  private let web1 = "arn:aws:ec2:us-east-1:210987654321:instance/i-0a1b2c3d4e5f60001"
  private let bastion = "arn:aws:ec2:us-east-1:210987654321:instance/i-0a1b2c3d4e5f60002"
  private let batch = "arn:aws:ec2:us-east-1:210987654321:instance/i-0a1b2c3d4e5f60003"
  private let ssmOnly = "arn:aws:ec2:us-east-1:210987654321:instance/i-0a1b2c3d4e5f60009"
  private let fileServer =
    "arn:aws:ssm:us-east-1:210987654321:managed-instance/mi-0123456789abcdef0"
  private let etlDev = "arn:aws:glue:us-east-1:210987654321:devEndpoint/etl-dev"
  private let scratch = "arn:aws:glue:us-east-1:210987654321:devEndpoint/scratch"
  private let research = "arn:aws:sagemaker:eu-west-1:210987654321:notebook-instance/research"
  private let scratchPad =
    "arn:aws:sagemaker:eu-west-1:210987654321:notebook-instance/scratch-pad"
  private let apiBuild = "arn:aws:codebuild:us-east-1:210987654321:project/api-build"
  private let web7 = "arn:aws:ecs:us-east-1:210987654321:task-definition/web:7"
  private let worker3 = "arn:aws:ecs:us-east-1:210987654321:task-definition/worker:3"
  private let migrate1 = "arn:aws:ecs:us-east-1:210987654321:task-definition/migrate:1"

  private let billingSyncRole = Fixtures.iamARN("role/billing-sync-role")
  private let thumbnailerRole = Fixtures.iamARN("role/service-role/thumbnailer-role-k2x9")
  private let webServerProfile = Fixtures.iamARN("instance-profile/web-server")
  private let batchWorkerProfile = Fixtures.iamARN("instance-profile/batch/batch-worker")
  private let ssmServiceRole = Fixtures.iamARN("role/SSMServiceRole")
  private let glueETLRole = Fixtures.iamARN("role/service-role/AWSGlueServiceRole-etl")
  private let glueScratchRole = Fixtures.iamARN("role/glue-scratch")
  private let sageMakerRole = Fixtures.iamARN(
    "role/service-role/AmazonSageMaker-ExecutionRole-20240311T120041")
  private let codeBuildRole = Fixtures.iamARN("role/service-role/codebuild-api-build-service-role")
  private let webTaskRole = Fixtures.iamARN("role/web-task")
  private let workerTaskRole = Fixtures.iamARN("role/worker-task")
  private let executionRole = Fixtures.iamARN("role/ecsTaskExecutionRole")

  // MARK: Lambda

  func testLambdaFunctionsRunAsTheirRoles() throws {
    let run = try Fixtures.run("lambda-list-functions.json")
    XCTAssertEqual(run.ids, [billingSync, thumbnailer, billingSyncRole, thumbnailerRole])
    XCTAssertEqual(
      run.facts,
      [
        EdgeFact(billingSync, billingSyncRole, .runsAs),
        EdgeFact(thumbnailer, thumbnailerRole, .runsAs),
      ])
    XCTAssertEqual(run.warnings, [])
  }

  func testLambdaFunctionNode() throws {
    let function = try Fixtures.run("lambda-list-functions.json").node(thumbnailer)
    XCTAssertEqual(function?.kind, .workload)
    XCTAssertEqual(function?.platform, .aws)
    XCTAssertEqual(function?.type, "lambda-function")
    XCTAssertEqual(function?.name, "thumbnailer")
    XCTAssertEqual(function?.account, "210987654321")
    XCTAssertEqual(function?.tags, ["region": "eu-west-1"])
    XCTAssertEqual(function?.isDefined, true)
  }

  func testLambdaProvenanceNamesRoleField() throws {
    let run = try Fixtures.run("lambda-list-functions.json")
    XCTAssertEqual(
      run.provenance(of: EdgeFact(billingSync, billingSyncRole, .runsAs)),
      Provenance(
        file: Fixtures.path("lambda-list-functions.json"), location: "Functions[0].Role",
        grant: "function billing-sync runs as role billing-sync-role"))
  }

  func testReferencedRoleHasShapeOfDefinedRole() throws {
    let role = try Fixtures.run("lambda-list-functions.json").node(thumbnailerRole)
    XCTAssertEqual(role?.kind, .serviceIdentity)
    XCTAssertEqual(role?.type, "iam-role")
    XCTAssertEqual(role?.name, "thumbnailer-role-k2x9")
    XCTAssertEqual(role?.account, "210987654321")
    XCTAssertEqual(role?.isDefined, false)
  }

  // MARK: EC2 and SSM

  func testInstancesRunAsInstanceProfiles() throws {
    let run = try Fixtures.run("ec2-describe-instances.json")
    XCTAssertEqual(run.ids, [web1, bastion, batch, webServerProfile, batchWorkerProfile])
    XCTAssertEqual(
      run.facts,
      [
        EdgeFact(web1, webServerProfile, .runsAs),
        EdgeFact(batch, batchWorkerProfile, .runsAs),
      ])
    XCTAssertEqual(
      run.provenance(of: EdgeFact(batch, batchWorkerProfile, .runsAs)),
      Provenance(
        file: Fixtures.path("ec2-describe-instances.json"),
        location: "Reservations[1].Instances[0].IamInstanceProfile.Arn",
        grant: "instance i-0a1b2c3d4e5f60003 runs as instance profile batch-worker"))
  }

  func testInstanceNodeKeepsTagsAndRegion() throws {
    let run = try Fixtures.run("ec2-describe-instances.json")
    let instance = run.node(web1)
    XCTAssertEqual(instance?.type, "ec2-instance")
    XCTAssertEqual(instance?.name, "i-0a1b2c3d4e5f60001")
    XCTAssertEqual(instance?.kind, .workload)
    XCTAssertEqual(instance?.tags, ["Name": "web-1", "env": "prod", "region": "us-east-1"])
    XCTAssertEqual(run.node(batch)?.tags, ["region": "us-east-1"])
  }

  func testReferencedInstanceProfileHasShapeOfDefinedProfile() throws {
    let profile = try Fixtures.run("ec2-describe-instances.json").node(batchWorkerProfile)
    XCTAssertEqual(profile?.kind, .serviceIdentity)
    XCTAssertEqual(profile?.type, "iam-instance-profile")
    XCTAssertEqual(profile?.name, "instance profile batch-worker")
    XCTAssertEqual(profile?.account, "210987654321")
  }

  func testSSMMarksInstancesItManages() throws {
    let run = try Fixtures.run(
      "ec2-describe-instances.json", "ssm-describe-instance-information.json")
    XCTAssertEqual(
      run.node(web1)?.tags,
      [
        "Name": "web-1", "env": "prod", "region": "us-east-1", "ssm": "managed",
        "PingStatus": "Online", "PlatformType": "Linux",
      ])
    XCTAssertEqual(run.node(bastion)?.tags, ["Name": "bastion", "region": "us-east-1"])
  }

  func testSSMOnlyEntriesTakePlacementOfJoinedInstances() throws {
    let run = try Fixtures.run(
      "ec2-describe-instances.json", "ssm-describe-instance-information.json")
    XCTAssertEqual(
      run.ids,
      [
        web1, bastion, batch, ssmOnly, fileServer, webServerProfile, batchWorkerProfile,
        "arn:aws:iam::210987654321:role/SSMServiceRole",
      ])
    let instance = run.node(ssmOnly)
    XCTAssertEqual(instance?.type, "ec2-instance")
    XCTAssertEqual(instance?.name, "i-0a1b2c3d4e5f60009")
    XCTAssertEqual(
      instance?.tags,
      [
        "region": "us-east-1", "ssm": "managed", "PingStatus": "ConnectionLost",
        "PlatformType": "Windows",
      ])
    let managed = run.node(fileServer)
    XCTAssertEqual(managed?.type, "ssm-managed-instance")
    XCTAssertEqual(managed?.kind, .workload)
    XCTAssertEqual(managed?.account, "210987654321")
  }

  func testHybridNodeRunsAsRoleByName() throws {
    let run = try Fixtures.run(
      "ec2-describe-instances.json", "ssm-describe-instance-information.json")
    let ssmFile = Fixtures.path("ssm-describe-instance-information.json")
    XCTAssertEqual(
      run.facts,
      [
        EdgeFact(web1, webServerProfile, .runsAs),
        EdgeFact(batch, batchWorkerProfile, .runsAs),
        EdgeFact(fileServer, ssmServiceRole, .runsAs),
      ])
    XCTAssertEqual(
      run.provenance(of: EdgeFact(fileServer, ssmServiceRole, .runsAs)),
      Provenance(
        file: ssmFile, location: "InstanceInformationList[2].IamRole",
        grant: "managed instance mi-0123456789abcdef0 runs as role SSMServiceRole"))
    XCTAssertEqual(
      run.warnings,
      [
        ImportWarning(
          file: ssmFile, location: "InstanceInformationList[2].IamRole",
          message: "role SSMServiceRole is in no authorization export of account "
            + "210987654321, so managed instance mi-0123456789abcdef0 runs as "
            + "arn:aws:iam::210987654321:role/SSMServiceRole, which misses the role's path if "
            + "it has one; add the account's `aws iam get-account-authorization-details` output")
      ])
  }

  func testSSMAloneLeavesEveryEntryOut() throws {
    let run = try Fixtures.run("ssm-describe-instance-information.json")
    let ssmFile = Fixtures.path("ssm-describe-instance-information.json")
    XCTAssertEqual(run.ids, [])
    XCTAssertEqual(run.warnings.map(\.location), (0..<3).map { "InstanceInformationList[\($0)]" })
    XCTAssertEqual(
      run.warnings.last,
      ImportWarning(
        file: ssmFile, location: "InstanceInformationList[2]",
        message: "managed instance mi-0123456789abcdef0 is left out, because no instance of "
          + "this file is in a `describe-instances` output of the run, so its account and "
          + "region are not known; add the `aws ec2 describe-instances` output of the same "
          + "account and region"))
  }

  func testSSMEntriesOfTwoPlacementsAreLeftOut() throws {
    let instances = try AWSFixtures.document(
      json: """
        {"Reservations": [
          {"OwnerId": "210987654321", "Instances": [
            {"InstanceId": "i-1", "Placement": {"AvailabilityZone": "us-east-1a"}}]},
          {"OwnerId": "310987654321", "Instances": [
            {"InstanceId": "i-2", "Placement": {"AvailabilityZone": "us-east-1a"}}]}]}
        """, file: "instances.json")
    let managed = try AWSFixtures.document(
      json: """
        {"InstanceInformationList": [
          {"InstanceId": "i-1"}, {"InstanceId": "i-2"}, {"InstanceId": "i-3"}]}
        """, file: "ssm.json")
    var importer = AWSWorkloadImporter()
    try importer.add(instances)
    try importer.add(managed)
    var builder = EstateBuilder()
    var warnings: [ImportWarning] = []
    try importer.define(into: &builder) { warnings.append($0) }

    XCTAssertNil(builder.nodeID(for: "arn:aws:ec2:us-east-1:210987654321:instance/i-3"))
    XCTAssertEqual(builder.nodeCount, 2)
    XCTAssertEqual(
      warnings,
      [
        ImportWarning(
          file: "ssm.json", location: "InstanceInformationList[2]",
          message: "instance i-3 is left out, because the instances of this file that "
            + "`describe-instances` lists are in more than one account or region, so its "
            + "account and region are not known; add the `aws ec2 describe-instances` output "
            + "of the same account and region")
      ])
  }

  // MARK: Glue

  func testGlueEndpointsRunAsTheirRoles() throws {
    let run = try Fixtures.run("glue-get-dev-endpoints.json")
    XCTAssertEqual(run.ids, [etlDev, scratch, glueETLRole, glueScratchRole])
    XCTAssertEqual(
      run.facts,
      [EdgeFact(etlDev, glueETLRole, .runsAs), EdgeFact(scratch, glueScratchRole, .runsAs)])
    XCTAssertEqual(run.node(etlDev)?.type, "glue-dev-endpoint")
    XCTAssertEqual(run.node(etlDev)?.name, "etl-dev")
    XCTAssertEqual(run.warnings, [])
  }

  func testGlueEndpointWithoutZoneTakesRegionOfFile() throws {
    let endpoint = try Fixtures.run("glue-get-dev-endpoints.json").node(scratch)
    XCTAssertEqual(endpoint?.tags, ["region": "us-east-1"])
  }

  func testGlueFileWithoutZonesGivesNoRegion() throws {
    var importer = AWSWorkloadImporter()
    try importer.add(
      try AWSFixtures.document(
        json: """
          {"DevEndpoints": [{"EndpointName": "public",
            "RoleArn": "arn:aws-cn:iam::210987654321:role/glue"}]}
          """, file: "glue.json"))
    var builder = EstateBuilder()
    var warnings: [ImportWarning] = []
    try importer.define(into: &builder) { warnings.append($0) }

    let id = "arn:aws-cn:glue::210987654321:devEndpoint/public"
    XCTAssertEqual(builder.nodeID(for: id).map { builder.node($0).tags }, [:])
    XCTAssertEqual(
      warnings,
      [
        ImportWarning(
          file: "glue.json", location: "DevEndpoints[0]",
          message: "the dev endpoint has no \"AvailabilityZone\" and the file names no region, "
            + "so its ARN has no region and grants that name a region do not match it; run "
            + "`aws glue get-dev-endpoints` once per region")
      ])
  }

  // MARK: SageMaker

  func testNotebookListAloneHasNoRoles() throws {
    let run = try Fixtures.run("sagemaker-list-notebook-instances.json")
    XCTAssertEqual(run.ids, [research, scratchPad])
    XCTAssertEqual(run.facts, [])
    XCTAssertEqual(run.node(scratchPad)?.name, "Scratch-Pad")
    XCTAssertEqual(run.node(scratchPad)?.type, "sagemaker-notebook")
    XCTAssertEqual(run.warnings.map(\.location), ["NotebookInstances[0]", "NotebookInstances[1]"])
  }

  func testNotebookDescriptionGivesRole() throws {
    let run = try Fixtures.run(
      "sagemaker-list-notebook-instances.json", "sagemaker-describe-notebook-instance.json")
    XCTAssertEqual(run.ids, [research, scratchPad, sageMakerRole])
    XCTAssertEqual(run.facts, [EdgeFact(research, sageMakerRole, .runsAs)])
    XCTAssertEqual(
      run.provenance(of: EdgeFact(research, sageMakerRole, .runsAs)),
      Provenance(
        file: Fixtures.path("sagemaker-describe-notebook-instance.json"), location: "RoleArn",
        grant: "notebook instance research runs as role "
          + "AmazonSageMaker-ExecutionRole-20240311T120041"))
    XCTAssertEqual(
      run.warnings,
      [
        ImportWarning(
          file: Fixtures.path("sagemaker-list-notebook-instances.json"),
          location: "NotebookInstances[1]",
          message: "no output in the run gives the role of notebook instance Scratch-Pad; add "
            + "the output of `aws sagemaker describe-notebook-instance "
            + "--notebook-instance-name Scratch-Pad`")
      ])
  }

  func testNotebookListAndDescriptionMergeIntoOneNode() throws {
    let run = try Fixtures.run(
      "sagemaker-describe-notebook-instance.json", "sagemaker-list-notebook-instances.json")
    XCTAssertEqual(run.graph.nodeIDs.filter { run.graph.node($0).id == research }.count, 1)
    XCTAssertEqual(run.node(research)?.tags, ["region": "eu-west-1"])
    XCTAssertEqual(run.facts, [EdgeFact(research, sageMakerRole, .runsAs)])
  }

  // MARK: CodeBuild

  func testCodeBuildProjectRunsAsServiceRole() throws {
    let run = try Fixtures.run("codebuild-batch-get-projects.json")
    XCTAssertEqual(run.ids, [apiBuild, codeBuildRole])
    XCTAssertEqual(run.facts, [EdgeFact(apiBuild, codeBuildRole, .runsAs)])
    let project = run.node(apiBuild)
    XCTAssertEqual(project?.type, "codebuild-project")
    XCTAssertEqual(project?.name, "api-build")
    XCTAssertEqual(project?.tags, ["team": "platform", "region": "us-east-1"])
    XCTAssertEqual(
      run.provenance(of: EdgeFact(apiBuild, codeBuildRole, .runsAs))?.grant,
      "build project api-build runs as role codebuild-api-build-service-role")
  }

  // MARK: ECS

  func testTaskDefinitionRunsAsTaskAndExecutionRoles() throws {
    let run = try Fixtures.run("ecs-describe-task-definition.json")
    XCTAssertEqual(run.ids, [web7, webTaskRole, executionRole])
    XCTAssertEqual(
      run.facts,
      [EdgeFact(web7, webTaskRole, .runsAs), EdgeFact(web7, executionRole, .runsAs)])
    let definition = run.node(web7)
    XCTAssertEqual(definition?.type, "ecs-task-definition")
    XCTAssertEqual(definition?.name, "web:7")
    XCTAssertEqual(
      definition?.tags, ["service": "web", "region": "us-east-1", "taskRole": webTaskRole])
  }

  func testExecutionRoleEdgeSaysSo() throws {
    let run = try Fixtures.run("ecs-describe-task-definition.json")
    let file = Fixtures.path("ecs-describe-task-definition.json")
    XCTAssertEqual(
      run.provenance(of: EdgeFact(web7, webTaskRole, .runsAs)),
      Provenance(
        file: file, location: "taskDefinition.taskRoleArn",
        grant: "task definition web:7 runs as role web-task"))
    XCTAssertEqual(
      run.provenance(of: EdgeFact(web7, executionRole, .runsAs)),
      Provenance(
        file: file, location: "taskDefinition.executionRoleArn",
        grant: "task definition web:7 has role ecsTaskExecutionRole as its execution role, "
          + "which ECS uses to pull the task's images and read the secrets it names"))
  }

  func testArrayOfTaskDefinitionOutputs() throws {
    let run = try Fixtures.run("ecs-task-definitions.json")
    XCTAssertEqual(run.ids, [worker3, migrate1, workerTaskRole, executionRole])
    XCTAssertEqual(
      run.facts,
      [
        EdgeFact(worker3, workerTaskRole, .runsAs),
        EdgeFact(worker3, executionRole, .runsAs),
        EdgeFact(migrate1, executionRole, .runsAs),
      ])
    XCTAssertEqual(
      run.provenance(of: EdgeFact(migrate1, executionRole, .runsAs))?.location,
      "[1].taskDefinition.executionRoleArn")
  }

  // MARK: Joined with an authorization export

  func testFolderJoinsWorkloadsToDefinedRoles() throws {
    let run = try Fixtures.run(paths: [Fixtures.folder.path])
    let runsAs = run.facts.filter { $0.relation == .runsAs }
    XCTAssertEqual(
      runsAs,
      [
        EdgeFact(billingSync, billingSyncRole, .runsAs),
        EdgeFact(thumbnailer, thumbnailerRole, .runsAs),
        EdgeFact(web1, webServerProfile, .runsAs),
        EdgeFact(batch, batchWorkerProfile, .runsAs),
        EdgeFact(fileServer, ssmServiceRole, .runsAs),
        EdgeFact(etlDev, glueETLRole, .runsAs),
        EdgeFact(scratch, glueScratchRole, .runsAs),
        EdgeFact(research, sageMakerRole, .runsAs),
        EdgeFact(apiBuild, codeBuildRole, .runsAs),
        EdgeFact(web7, webTaskRole, .runsAs),
        EdgeFact(web7, executionRole, .runsAs),
        EdgeFact(worker3, workerTaskRole, .runsAs),
        EdgeFact(worker3, executionRole, .runsAs),
        EdgeFact(migrate1, executionRole, .runsAs),
      ])
    for defined in [billingSyncRole, webServerProfile, ssmServiceRole, sageMakerRole] {
      XCTAssertEqual(run.node(defined)?.isDefined, true, defined)
    }
    for stub in [thumbnailerRole, batchWorkerProfile, glueETLRole, codeBuildRole, executionRole] {
      XCTAssertEqual(run.node(stub)?.isDefined, false, stub)
    }
    XCTAssertEqual(run.node(sageMakerRole)?.tags, ["team": "research"])
    XCTAssertEqual(run.warnings.map(\.location), ["NotebookInstances[1]"])
  }

  func testInstanceReachesAdminThroughProfileAndRole() throws {
    let run = try Fixtures.run(paths: [Fixtures.folder.path])
    let webRole = Fixtures.iamARN("role/web-role")
    XCTAssertEqual(
      run.facts(from: webServerProfile), [EdgeFact(webServerProfile, webRole, .assumes)])
    XCTAssertTrue(
      run.facts(from: webRole).contains(EdgeFact(webRole, "aws:admin/210987654321", .access, ["*"]))
    )
    XCTAssertEqual(run.facts(from: web1), [EdgeFact(web1, webServerProfile, .runsAs)])
  }

  // MARK: Paging

  func testNextPageTokenWarns() throws {
    var importer = AWSWorkloadImporter()
    try importer.add(
      try AWSFixtures.document(
        json: """
          {"Functions": [], "NextMarker": "eyJNYXJrZXIiOiBudWxsfQ=="}
          """, file: "functions.json"))
    var builder = EstateBuilder()
    var warnings: [ImportWarning] = []
    try importer.define(into: &builder) { warnings.append($0) }
    XCTAssertEqual(
      warnings,
      [
        ImportWarning(
          file: "functions.json", location: "NextMarker",
          message: "the output is one page of several, so later resources are missing; run "
            + "`aws lambda list-functions` again without `--max-items` or `--no-paginate`, "
            + "which fetches every page")
      ])
  }
}
