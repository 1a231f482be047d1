/// Every privilege-escalation technique the AWS importer looks for.
///
/// The list has the widely catalogued IAM techniques in five classes, then further ones
/// from public catalogues for services that run code with a passed role. Each entry names
/// the exact permissions it uses. `EscalationFinder` checks every one of them with the same
/// evaluation as access edges, so a Deny, a permissions boundary or a narrower resource
/// stops the technique.
enum EscalationCatalog {
  typealias Technique = EscalationTechnique
  typealias Permission = EscalationTechnique.Permission

  /// ARN areas of resources that a technique creates, with `{account}` for the caller's.
  private enum Area {
    static let lambdaFunction = "arn:*:lambda:*:{account}:function:*"
    static let eventSourceMapping = "arn:*:lambda:*:{account}:event-source-mapping:*"
    static let ec2Instance = "arn:*:ec2:*:{account}:instance/*"
    static let instanceProfile = "arn:*:iam::{account}:instance-profile/*"
    static let glueDevEndpoint = "arn:*:glue:*:{account}:devEndpoint/*"
    static let glueJob = "arn:*:glue:*:{account}:job/*"
    static let stack = "arn:*:cloudformation:*:{account}:stack/*"
    static let pipeline = "arn:*:datapipeline:*:{account}:pipeline/*"
    static let codeBuildProject = "arn:*:codebuild:*:{account}:project/*"
    static let notebook = "arn:*:sagemaker:*:{account}:notebook-instance/*"
    static let trainingJob = "arn:*:sagemaker:*:{account}:training-job/*"
    static let processingJob = "arn:*:sagemaker:*:{account}:processing-job/*"
    static let taskDefinition = "arn:*:ecs:*:{account}:task-definition/*"
    static let stateMachine = "arn:*:states:*:{account}:stateMachine:*"
    static let appRunnerService = "arn:*:apprunner:*:{account}:service/*"
    static let codeInterpreter = "arn:*:bedrock-agentcore:*:{account}:code-interpreter/*"
    static let autoScaling = "arn:*:autoscaling:*:{account}:*"
    /// For actions that support no resource-level permissions, where only `*` grants them.
    static let any = "*"
  }

  static let techniques: [Technique] =
    credentials + passRole + policy + existingResources + trust + passRoleBeyondCore
    + existingResourcesBeyondCore

  /// Every action some technique checks, its own permissions and the ones checked beside
  /// them: passing a role, making an instance profile, deleting a policy version to make
  /// room, and assuming a role whose trust was rewritten.
  static let checkedActions: [String] = {
    var actions = [
      "iam:PassRole", "iam:CreateInstanceProfile", "iam:AddRoleToInstanceProfile",
      "iam:DeletePolicyVersion", "sts:AssumeRole",
    ]
    for technique in techniques {
      for permission in technique.permissions where !actions.contains(permission.action) {
        actions.append(permission.action)
      }
    }
    return actions
  }()

  private static let credentials: [Technique] = [
    Technique(
      name: "Create an access key for another user", category: .credentials,
      target: .otherUser, permissions: [.onTarget("iam:CreateAccessKey")]),
    Technique(
      name: "Create a console password for another user", category: .credentials,
      target: .otherUser, permissions: [.onTarget("iam:CreateLoginProfile")]),
    Technique(
      name: "Change another user's console password", category: .credentials,
      target: .otherUser, permissions: [.onTarget("iam:UpdateLoginProfile")]),
  ]

  private static func passing(
    _ name: String, to services: [String], needsInstanceProfile: Bool = false,
    _ permissions: [Permission]
  ) -> Technique {
    Technique(
      name: name, category: .passRole,
      target: .roleTrustingService(services: services, needsInstanceProfile: needsInstanceProfile),
      permissions: permissions)
  }

  private static let lambda = ["lambda.amazonaws.com"]
  private static let sageMaker = ["sagemaker.amazonaws.com"]

  private static let passRole: [Technique] = [
    passing(
      "Pass a role to a new EC2 instance", to: ["ec2.amazonaws.com"], needsInstanceProfile: true,
      [.onNew("ec2:RunInstances", in: Area.ec2Instance)]),
    passing(
      "Pass a role to a new Lambda function and invoke it", to: lambda,
      [
        .onNew("lambda:CreateFunction", in: Area.lambdaFunction),
        .onNew("lambda:InvokeFunction", in: Area.lambdaFunction),
      ]),
    passing(
      "Pass a role to a new Lambda function triggered by an event source", to: lambda,
      [
        .onNew("lambda:CreateFunction", in: Area.lambdaFunction),
        .onNew("lambda:CreateEventSourceMapping", in: Area.eventSourceMapping),
      ]),
    passing(
      "Pass a role to a new Lambda function and allow its invocation", to: lambda,
      [
        .onNew("lambda:CreateFunction", in: Area.lambdaFunction),
        .onNew("lambda:AddPermission", in: Area.lambdaFunction),
      ]),
    passing(
      "Pass a role to a new Glue development endpoint", to: ["glue.amazonaws.com"],
      [.onNew("glue:CreateDevEndpoint", in: Area.glueDevEndpoint)]),
    passing(
      "Pass a role to a new CloudFormation stack", to: ["cloudformation.amazonaws.com"],
      [.onNew("cloudformation:CreateStack", in: Area.stack)]),
    passing(
      "Pass a role to a new Data Pipeline", to: ["datapipeline.amazonaws.com"],
      [
        .onNew("datapipeline:CreatePipeline", in: Area.any),
        .onNew("datapipeline:PutPipelineDefinition", in: Area.pipeline),
      ]),
    passing(
      "Pass a role to a new CodeBuild project and start a build", to: ["codebuild.amazonaws.com"],
      [
        .onNew("codebuild:CreateProject", in: Area.codeBuildProject),
        .onNew("codebuild:StartBuild", in: Area.codeBuildProject),
      ]),
    passing(
      "Pass a role to a new SageMaker notebook instance", to: sageMaker,
      [
        .onNew("sagemaker:CreateNotebookInstance", in: Area.notebook),
        .onNew("sagemaker:CreatePresignedNotebookInstanceUrl", in: Area.notebook),
      ]),
    passing(
      "Pass a role to a new SageMaker training job", to: sageMaker,
      [.onNew("sagemaker:CreateTrainingJob", in: Area.trainingJob)]),
    passing(
      "Pass a role to a new SageMaker processing job", to: sageMaker,
      [.onNew("sagemaker:CreateProcessingJob", in: Area.processingJob)]),
  ]

  private static func changing(
    _ name: String, _ target: Technique.Target, _ action: String
  ) -> Technique {
    Technique(name: name, category: .policy, target: target, permissions: [.onTarget(action)])
  }

  private static let policy: [Technique] = [
    changing(
      "Create a new default version of an attached managed policy",
      .attachedManagedPolicy(needsAdminVersion: false), "iam:CreatePolicyVersion"),
    changing(
      "Make another version of an attached managed policy the default",
      .attachedManagedPolicy(needsAdminVersion: true), "iam:SetDefaultPolicyVersion"),
    changing("Attach a managed policy to itself", .policyHolder(.user), "iam:AttachUserPolicy"),
    changing(
      "Attach a managed policy to one of its groups", .policyHolder(.group),
      "iam:AttachGroupPolicy"),
    changing(
      "Attach a managed policy to a role it can assume", .policyHolder(.role),
      "iam:AttachRolePolicy"),
    changing("Put an inline policy on itself", .policyHolder(.user), "iam:PutUserPolicy"),
    changing(
      "Put an inline policy on one of its groups", .policyHolder(.group), "iam:PutGroupPolicy"),
    changing(
      "Put an inline policy on a role it can assume", .policyHolder(.role), "iam:PutRolePolicy"),
    changing("Add itself to a group", .groupToJoin, "iam:AddUserToGroup"),
  ]

  private static func takingOver(
    _ name: String, _ type: String, tag: (key: String, value: String)? = nil,
    _ actions: [String]
  ) -> Technique {
    Technique(
      name: name, category: .existingResource, target: .workload(type: type, tag: tag),
      permissions: actions.map(Permission.onTarget))
  }

  private static let ssmManaged = (key: "ssm", value: "managed")

  private static let existingResources: [Technique] = [
    takingOver(
      "Replace the code of an existing Lambda function", "lambda-function",
      ["lambda:UpdateFunctionCode"]),
    takingOver(
      "Update an existing Glue development endpoint's SSH key", "glue-dev-endpoint",
      ["glue:UpdateDevEndpoint"]),
    takingOver(
      "Run a command on an instance through SSM", "ec2-instance", tag: ssmManaged,
      ["ssm:SendCommand"]),
    takingOver(
      "Open an SSM session on an instance", "ec2-instance", tag: ssmManaged,
      ["ssm:StartSession"]),
    takingOver(
      "Push an SSH key with EC2 Instance Connect", "ec2-instance",
      ["ec2-instance-connect:SendSSHPublicKey"]),
    takingOver(
      "Open an existing SageMaker notebook instance", "sagemaker-notebook",
      ["sagemaker:CreatePresignedNotebookInstanceUrl"]),
    takingOver(
      "Start a build of an existing CodeBuild project with a new buildspec",
      "codebuild-project", ["codebuild:StartBuild"]),
    takingOver(
      "Start a batch build of an existing CodeBuild project with a new buildspec",
      "codebuild-project", ["codebuild:StartBuildBatch"]),
  ]

  private static let trust: [Technique] = [
    Technique(
      name: "Rewrite a role's trust policy", category: .trust, target: .roleTrustPolicy,
      permissions: [.onTarget("iam:UpdateAssumeRolePolicy")])
  ]

  private static let passRoleBeyondCore: [Technique] = [
    passing(
      "Pass a role to a new Glue job and run it", to: ["glue.amazonaws.com"],
      [
        .onNew("glue:CreateJob", in: Area.glueJob),
        .onNew("glue:StartJobRun", in: Area.glueJob),
      ]),
    passing(
      "Pass a role to a new ECS task definition and run it", to: ["ecs-tasks.amazonaws.com"],
      [
        .onNew("ecs:RegisterTaskDefinition", in: Area.any),
        .onNew("ecs:RunTask", in: Area.taskDefinition),
      ]),
    passing(
      "Pass a role to a new Step Functions state machine and start it",
      to: ["states.amazonaws.com"],
      [
        .onNew("states:CreateStateMachine", in: Area.stateMachine),
        .onNew("states:StartExecution", in: Area.stateMachine),
      ]),
    passing(
      "Pass a role to a new App Runner service", to: ["tasks.apprunner.amazonaws.com"],
      [.onNew("apprunner:CreateService", in: Area.appRunnerService)]),
    passing(
      "Pass a role to a new Bedrock AgentCore code interpreter and run code in it",
      to: ["bedrock-agentcore.amazonaws.com"],
      [
        .onNew("bedrock-agentcore:CreateCodeInterpreter", in: Area.codeInterpreter),
        .onNew("bedrock-agentcore:StartCodeInterpreterSession", in: Area.codeInterpreter),
        .onNew("bedrock-agentcore:InvokeCodeInterpreter", in: Area.codeInterpreter),
      ]),
    passing(
      "Pass a role to instances of a new Auto Scaling group", to: ["ec2.amazonaws.com"],
      needsInstanceProfile: true,
      [
        .onNew("autoscaling:CreateLaunchConfiguration", in: Area.autoScaling),
        .onNew("autoscaling:CreateAutoScalingGroup", in: Area.autoScaling),
      ]),
  ]

  private static let existingResourcesBeyondCore: [Technique] = [
    takingOver(
      "Change the configuration of an existing Lambda function", "lambda-function",
      ["lambda:UpdateFunctionConfiguration"]),
    takingOver(
      "Replace an instance's user data and restart it", "ec2-instance",
      ["ec2:ModifyInstanceAttribute", "ec2:StopInstances", "ec2:StartInstances"]),
    takingOver(
      "Run an existing ECS task definition with a new command", "ecs-task-definition",
      ["ecs:RunTask"]),
  ]
}
