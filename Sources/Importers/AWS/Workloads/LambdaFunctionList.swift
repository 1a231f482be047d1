/// `aws lambda list-functions` output: `{"Functions": [...]}`, one entry per function.
///
/// Each function becomes a `lambda-function` workload with its `FunctionArn` as id. It runs
/// as the role that `Role` names. `list-functions` prints no tags, but an entry's `Tags`
/// object is kept when it has one.
enum LambdaFunctionList: WorkloadListing {
  static let command = "aws lambda list-functions"

  static func recognizes(_ document: JSONCursor) -> Bool {
    document["Functions"] != nil
  }

  static func parse(
    _ document: JSONCursor, warnings: inout [ImportWarning]
  ) throws -> [Workload] {
    WorkloadFields.appendPagingWarning(
      document, tokenKey: "NextMarker", command: command, to: &warnings)
    return try document.required("Functions").array().map(function)
  }

  private static func function(_ entry: JSONCursor) throws -> Workload {
    let entry = try WorkloadFields.object(entry, command: command)
    let arn = try WorkloadFields.resourceARN(
      entry.required("FunctionArn"), service: "lambda", resourceType: "function",
      what: "a Lambda function", command: command)
    var identities: [WorkloadIdentity] = []
    if let role = entry["Role"] {
      identities.append(
        WorkloadIdentity(.role(try WorkloadFields.roleARN(role, command: command)), field: role))
    }
    return Workload(
      type: .lambdaFunction, arn: arn,
      name: try entry.string("FunctionName") ?? arn.resourceName,
      tags: try WorkloadFields.tags(entry, key: "Tags"), entry: entry, identities: identities)
  }
}
