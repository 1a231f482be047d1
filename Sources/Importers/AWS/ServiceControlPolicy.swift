/// A service control policy (SCP) with the roots, OUs and accounts it is attached to, read
/// from `aws organizations describe-policy` output merged with `list-targets-for-policy`
/// output.
struct ServiceControlPolicy: Sendable {
  /// The policy id, such as `p-FullAWSAccess` or `p-denyiam1`.
  let id: String
  let name: String
  let document: PolicyDocument
  let targets: [OrganizationEntity]
  let file: String

  /// The policy in words for provenance: `service control policy DenyIAM (p-denyiam1)`.
  var label: String { "service control policy \(name) (\(id))" }

  static let remedy =
    "export the policy again as docs/aws.md shows, with `jq -s add` over the output of "
    + "`aws organizations describe-policy` and `aws organizations list-targets-for-policy`"

  /// Parses the `Policy` member of `describe-policy` output and the `Targets` member of
  /// `list-targets-for-policy` output.
  ///
  /// - Parameter warnings: Receives a policy of another type than SCP, which is skipped.
  /// - Returns: The policy, or nil when `PolicySummary.Type` is not `SERVICE_CONTROL_POLICY`.
  /// - Throws: `ImportError` at the JSON path of the first invalid element, including a
  ///   `Content` string that is not a valid policy document.
  static func parse(
    policy: JSONCursor, targets: JSONCursor, warnings: inout [ImportWarning]
  ) throws -> ServiceControlPolicy? {
    let summary = try policy.required("PolicySummary")
    let idCursor = try summary.required("Id")
    let id = try idCursor.string()
    guard id.hasPrefix("p-"), id.count > 2 else {
      throw idCursor.invalid(
        "\"\(id)\" is not a policy id, which starts with \"p-\"", remedy: remedy)
    }
    let name = try summary.string("Name") ?? id
    let type = try summary.requiredString("Type")
    guard type == "SERVICE_CONTROL_POLICY" else {
      warnings.append(
        ImportWarning(
          file: policy.file, location: summary.path + ".Type",
          message: "policy \(name) (\(id)) is a \(type), not a service control policy; it is "
            + "skipped"))
      return nil
    }
    let document = try PolicyDocument.parse(
      policy.required("Content"), kind: .serviceControl, warnings: &warnings)
    let entities = try targets.array().map {
      try OrganizationEntity.parse(typed: $0, idKey: "TargetId", remedy: remedy)
    }
    return ServiceControlPolicy(
      id: id, name: name, document: document, targets: entities, file: policy.file)
  }
}
