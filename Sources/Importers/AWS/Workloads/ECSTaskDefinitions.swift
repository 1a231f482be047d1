/// `aws ecs describe-task-definition` output, `{"taskDefinition": {...}, "tags": [...]}`, or
/// a JSON array of such outputs.
///
/// Each task definition becomes an `ecs-task-definition` workload with its
/// `taskDefinitionArn` as id and `<family>:<revision>` as name. Its tasks run as the role
/// that `taskRoleArn` names. The role that `executionRoleArn` names gets a separate edge,
/// because ECS uses it to pull the task's images and read the secrets the task names. The
/// output's `tags`, printed with `--include TAGS`, are kept.
enum ECSTaskDefinitions: WorkloadListing {
  static let command = "aws ecs describe-task-definition"

  /// Recognizes one output, or a non-empty array whose every element is an object with
  /// `taskDefinition`.
  static func recognizes(_ document: JSONCursor) -> Bool {
    if document["taskDefinition"] != nil { return true }
    guard let outputs = document.value as? [Any], !outputs.isEmpty else { return false }
    return outputs.allSatisfy { ($0 as? [String: Any])?["taskDefinition"] != nil }
  }

  static func parse(
    _ document: JSONCursor, warnings: inout [ImportWarning]
  ) throws -> [Workload] {
    let outputs = document.isArray ? try document.array() : [document]
    return try outputs.map(taskDefinition)
  }

  private static func taskDefinition(_ output: JSONCursor) throws -> Workload {
    let output = try WorkloadFields.object(output, command: command)
    let definition = try WorkloadFields.object(output.required("taskDefinition"), command: command)
    let arn = try WorkloadFields.resourceARN(
      definition.required("taskDefinitionArn"), service: "ecs", resourceType: "task-definition",
      what: "an ECS task definition", command: command)
    var identities: [WorkloadIdentity] = []
    var taskRole: ARN?
    if let role = definition["taskRoleArn"] {
      let arn = try WorkloadFields.roleARN(role, command: command)
      taskRole = arn
      identities.append(WorkloadIdentity(.role(arn), field: role))
    }
    if let role = definition["executionRoleArn"] {
      identities.append(
        WorkloadIdentity(
          .role(try WorkloadFields.roleARN(role, command: command)), purpose: .executionRole,
          field: role))
    }
    var workload = Workload(
      type: .ecsTaskDefinition, arn: arn, name: arn.resourceName,
      tags: try WorkloadFields.tags(output, key: "tags"), entry: definition,
      identities: identities)
    // Running the definition needs iam:PassRole on its task role, which the escalation
    // checks read from this tag.
    if let taskRole { workload.tags["taskRole"] = taskRole.description }
    return workload
  }
}
