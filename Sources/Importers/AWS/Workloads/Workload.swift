/// The kinds of AWS resource that run code with an IAM identity, with the node type of each.
enum WorkloadType: String, CaseIterable, Sendable {
  case lambdaFunction = "lambda-function"
  case ec2Instance = "ec2-instance"
  case ssmManagedInstance = "ssm-managed-instance"
  case glueDevEndpoint = "glue-dev-endpoint"
  case sageMakerNotebook = "sagemaker-notebook"
  case codeBuildProject = "codebuild-project"
  case ecsTaskDefinition = "ecs-task-definition"

  /// The resource in words for provenance, such as `function` or `task definition`.
  var noun: String {
    switch self {
    case .lambdaFunction: "function"
    case .ec2Instance: "instance"
    case .ssmManagedInstance: "managed instance"
    case .glueDevEndpoint: "dev endpoint"
    case .sageMakerNotebook: "notebook instance"
    case .codeBuildProject: "build project"
    case .ecsTaskDefinition: "task definition"
    }
  }
}

/// One resource from an AWS CLI inventory that runs code with an IAM identity.
struct Workload: Sendable {
  let type: WorkloadType
  /// The resource's ARN, which is the node id.
  let arn: ARN
  /// The resource's own name, such as the function name or the instance id.
  let name: String
  /// Node tags: `region`, the resource's own tags, and for instances the SSM tags.
  var tags: [String: String]
  let file: String
  /// The JSON path of the resource's entry, such as `Functions[2]`.
  let location: String
  /// The identities the resource runs with, in the order the output lists them.
  var identities: [WorkloadIdentity]

  /// Creates a workload whose tags are `tags` plus `region`, when the ARN names one.
  init(
    type: WorkloadType, arn: ARN, name: String, tags: [String: String] = [:], file: String,
    location: String, identities: [WorkloadIdentity] = []
  ) {
    self.type = type
    self.arn = arn
    self.name = name
    self.tags = tags
    if !arn.region.isEmpty {
      self.tags["region"] = arn.region
    }
    self.file = file
    self.location = location
    self.identities = identities
  }

  /// Creates a workload from the entry at `entry`.
  init(
    type: WorkloadType, arn: ARN, name: String, tags: [String: String] = [:],
    entry: JSONCursor, identities: [WorkloadIdentity] = []
  ) {
    self.init(
      type: type, arn: arn, name: name, tags: tags, file: entry.file, location: entry.path,
      identities: identities)
  }

  /// The resource in words for provenance, such as `function billing-sync`.
  var label: String { "\(type.noun) \(name)" }
}

/// An IAM identity that a workload runs with, and the field of the output that names it.
struct WorkloadIdentity: Sendable {
  /// The identity as the output names it: by ARN, or by role name alone as SSM gives it.
  enum Target: Sendable, Equatable {
    case role(ARN)
    case instanceProfile(ARN)
    /// A role of the workload's account, known by name only, so its path is unknown.
    case roleNamed(String)
  }

  /// The use the workload makes of the identity.
  enum Purpose: Sendable {
    /// The workload's code runs with the identity's permissions.
    case runsAs
    /// ECS uses the role on the task's behalf to pull its images and read the secrets it
    /// names.
    case executionRole
  }

  let target: Target
  let purpose: Purpose
  let file: String
  /// The JSON path of the field, such as `Functions[2].Role`.
  let location: String

  init(_ target: Target, purpose: Purpose = .runsAs, file: String, location: String) {
    self.target = target
    self.purpose = purpose
    self.file = file
    self.location = location
  }

  /// Creates the identity that `field` names.
  init(_ target: Target, purpose: Purpose = .runsAs, field: JSONCursor) {
    self.init(target, purpose: purpose, file: field.file, location: field.path)
  }
}
