/// The fields that SageMaker notebook instance outputs share.
///
/// `aws sagemaker list-notebook-instances` prints `{"NotebookInstances": [...]}` without
/// roles, and `aws sagemaker describe-notebook-instance` prints one notebook instance with
/// its `RoleArn`. Both give `sagemaker-notebook` workloads with `NotebookInstanceArn` as id,
/// and the importer merges the two by that ARN.
private enum SageMakerNotebook {
  static func notebook(
    _ entry: JSONCursor, command: String, identities: [WorkloadIdentity] = []
  ) throws -> Workload {
    let entry = try WorkloadFields.object(entry, command: command)
    let arn = try WorkloadFields.resourceARN(
      entry.required("NotebookInstanceArn"), service: "sagemaker",
      resourceType: "notebook-instance", what: "a SageMaker notebook instance",
      command: command)
    return Workload(
      type: .sageMakerNotebook, arn: arn,
      name: try entry.string("NotebookInstanceName") ?? arn.resourceName, entry: entry,
      identities: identities)
  }
}

/// `aws sagemaker list-notebook-instances` output: every notebook instance, without roles.
enum SageMakerNotebookList: WorkloadListing {
  static let command = "aws sagemaker list-notebook-instances"

  static func recognizes(_ document: JSONCursor) -> Bool {
    document["NotebookInstances"] != nil
  }

  static func parse(
    _ document: JSONCursor, warnings: inout [ImportWarning]
  ) throws -> [Workload] {
    WorkloadFields.appendPagingWarning(document, command: command, to: &warnings)
    return try document.required("NotebookInstances").array().map {
      try SageMakerNotebook.notebook($0, command: command)
    }
  }
}

/// `aws sagemaker describe-notebook-instance` output: one notebook instance, which runs as
/// the role that `RoleArn` names.
enum SageMakerNotebookDescription: WorkloadListing {
  static let command = "aws sagemaker describe-notebook-instance"

  static func recognizes(_ document: JSONCursor) -> Bool {
    document["NotebookInstanceArn"] != nil
  }

  static func parse(
    _ document: JSONCursor, warnings: inout [ImportWarning]
  ) throws -> [Workload] {
    let roleField = try document.required("RoleArn")
    let role = try WorkloadFields.roleARN(roleField, command: command)
    let identity = WorkloadIdentity(.role(role), field: roleField)
    return [try SageMakerNotebook.notebook(document, command: command, identities: [identity])]
  }
}
