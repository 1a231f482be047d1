import AccessGraph

/// Reads AWS CLI inventories of resources that run code with an IAM identity: Lambda
/// functions, EC2 instances and their SSM state, Glue dev endpoints, SageMaker notebook
/// instances, CodeBuild projects and ECS task definitions.
///
/// `define` adds a `workload` node per resource, with its ARN as id. `connect` adds a
/// `runsAs` edge from each to the role or instance profile it runs with, referencing that
/// identity with the node an authorization export of the same run defines. Each output's
/// shape lives in one `WorkloadListing` type, and docs/aws.md lists the commands and ids.
struct AWSWorkloadImporter: SourceImporter {
  static let formatName = "AWS resource inventory"

  /// The outputs that list workloads, each recognized by its own top-level keys.
  static let listings: [any WorkloadListing.Type] = [
    LambdaFunctionList.self,
    EC2InstanceList.self,
    GlueDevEndpointList.self,
    SageMakerNotebookList.self,
    SageMakerNotebookDescription.self,
    CodeBuildProjectList.self,
    ECSTaskDefinitions.self,
  ]

  private var workloads: [Workload] = []
  private var ssmOutputs: [SSMInstanceInformation] = []
  private var parseWarnings: [ImportWarning] = []

  static func recognizes(_ document: JSONCursor) -> Bool {
    SSMInstanceInformation.recognizes(document) || listings.contains { $0.recognizes(document) }
  }

  mutating func add(_ document: JSONCursor) throws {
    if SSMInstanceInformation.recognizes(document) {
      ssmOutputs.append(try SSMInstanceInformation.parse(document, warnings: &parseWarnings))
      return
    }
    guard let listing = Self.listings.first(where: { $0.recognizes(document) }) else {
      throw document.invalid(
        "not the output of an AWS CLI command that lists workloads",
        remedy: "give the output of a command that docs/aws.md lists under resource inventories")
    }
    workloads += try listing.parse(document, warnings: &parseWarnings)
  }

  func define(into builder: inout EstateBuilder, warn: (ImportWarning) -> Void) throws {
    parseWarnings.forEach(warn)
    let catalog = WorkloadCatalog(workloads: workloads, ssmOutputs: ssmOutputs, warn: warn)
    for workload in catalog.workloads {
      builder.define(AWSNodes.workload(workload))
      if workload.type == .sageMakerNotebook, workload.identities.isEmpty {
        warn(
          ImportWarning(
            file: workload.file, location: workload.location,
            message: "no output in the run gives the role of \(workload.label); add the "
              + "output of `aws sagemaker describe-notebook-instance --notebook-instance-name "
              + "\(workload.name)`"))
      }
    }
  }

  func connect(into builder: inout EstateBuilder, warn: (ImportWarning) -> Void) throws {
    let catalog = WorkloadCatalog(workloads: workloads, ssmOutputs: ssmOutputs, warn: { _ in })
    let rolesByName = Self.definedRolesByName(in: builder)
    for workload in catalog.workloads {
      let source = builder.nodeID(for: workload.arn.description)!
      for identity in workload.identities {
        let target: NodeID
        let targetLabel: String
        switch identity.target {
        case .role(let arn):
          target = builder.reference(AWSNodes.role(arn: arn))
          targetLabel = "role \(arn.resourceName)"
        case .instanceProfile(let arn):
          target = builder.reference(AWSNodes.instanceProfile(arn: arn))
          targetLabel = "instance profile \(arn.resourceName)"
        case .roleNamed(let name):
          target = Self.role(
            named: name, of: workload, identity: identity, rolesByName: rolesByName,
            builder: &builder, warn: warn)
          targetLabel = "role \(name)"
        }
        builder.connect(
          source, target, .runsAs,
          provenance: Provenance(
            file: identity.file, location: identity.location,
            grant: Self.grant(workload, targetLabel, identity.purpose)))
      }
    }
  }

  /// Returns the grant in words, such as `function billing-sync runs as role billing-sync`.
  private static func grant(
    _ workload: Workload, _ target: String, _ purpose: WorkloadIdentity.Purpose
  ) -> String {
    switch purpose {
    case .runsAs:
      return "\(workload.label) runs as \(target)"
    case .executionRole:
      return "\(workload.label) has \(target) as its execution role, which ECS uses to pull "
        + "the task's images and read the secrets it names"
    }
  }

  /// Returns the defined `iam-role` nodes by `<account>/<role name>`.
  ///
  /// - Complexity: O(V) for V nodes in the builder.
  private static func definedRolesByName(in builder: EstateBuilder) -> [String: NodeID] {
    var roles: [String: NodeID] = [:]
    for (index, node) in builder.nodes.enumerated()
    where node.isDefined && node.platform == .aws && node.type == "iam-role" {
      roles["\(node.account)/\(node.name)"] = NodeID(index)
    }
    return roles
  }

  /// Returns the node of a role that SSM names without its path: the role of that name
  /// that an export of the workload's account defines, or else a reference to the ARN
  /// with no path, with a warning.
  private static func role(
    named name: String, of workload: Workload, identity: WorkloadIdentity,
    rolesByName: [String: NodeID], builder: inout EstateBuilder, warn: (ImportWarning) -> Void
  ) -> NodeID {
    if let defined = rolesByName["\(workload.arn.account)/\(name)"] {
      return defined
    }
    let arn = ARN(
      partition: workload.arn.partition, service: "iam", region: "",
      account: workload.arn.account, resource: "role/\(name)")
    warn(
      ImportWarning(
        file: identity.file, location: identity.location,
        message: "role \(name) is in no authorization export of account "
          + "\(workload.arn.account), so \(workload.label) runs as \(arn), which misses the "
          + "role's path if it has one; add the account's "
          + "`aws iam get-account-authorization-details` output"))
    return builder.reference(AWSNodes.role(arn: arn))
  }
}
