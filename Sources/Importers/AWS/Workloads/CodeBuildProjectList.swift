/// `aws codebuild batch-get-projects` output: `{"projects": [...], "projectsNotFound": [...]}`.
///
/// Each project becomes a `codebuild-project` workload with its `arn` as id. Its builds run
/// as the role that `serviceRole` names. `tags` are kept.
enum CodeBuildProjectList: WorkloadListing {
  static let command = "aws codebuild batch-get-projects"

  /// Recognizes `projectsNotFound`, or else a `projects` array with a CodeBuild project ARN
  /// in it, because `projects` alone is too common a key to claim.
  static func recognizes(_ document: JSONCursor) -> Bool {
    if document["projectsNotFound"] != nil { return true }
    guard let projects = document["projects"]?.value as? [Any] else { return false }
    return projects.contains { project in
      let arn = (project as? [String: Any])?["arn"] as? String
      return arn.flatMap(ARN.init)?.service == "codebuild"
    }
  }

  static func parse(
    _ document: JSONCursor, warnings: inout [ImportWarning]
  ) throws -> [Workload] {
    try document.array("projects").map(project)
  }

  private static func project(_ entry: JSONCursor) throws -> Workload {
    let entry = try WorkloadFields.object(entry, command: command)
    let arn = try WorkloadFields.resourceARN(
      entry.required("arn"), service: "codebuild", resourceType: "project",
      what: "a CodeBuild project", command: command)
    var identities: [WorkloadIdentity] = []
    if let role = entry["serviceRole"] {
      identities.append(
        WorkloadIdentity(.role(try WorkloadFields.roleARN(role, command: command)), field: role))
    }
    return Workload(
      type: .codeBuildProject, arn: arn, name: try entry.string("name") ?? arn.resourceName,
      tags: try WorkloadFields.tags(entry, key: "tags"), entry: entry, identities: identities)
  }
}
