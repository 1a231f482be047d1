import AccessGraph

/// The stub node for an AWS ARN that an inventory names but does not define.
///
/// The AWS importer defines the same ids from the account's export, and the estate
/// builder then replaces the stub with its node. Without that export the stub keeps the
/// kind, account and name read from the ARN, so paths through it still show.
enum InventoryARNStub {
  /// Returns whether `id` is written as an AWS ARN, in any partition (`arn:aws:`, `arn:aws-cn:`).
  static func isARN(_ id: String) -> Bool {
    id.hasPrefix("arn:aws:") || id.hasPrefix("arn:aws-")
  }

  /// Returns the stub for `arn`, or nil when it does not have the ARN form
  /// `arn:partition:service:region:account:resource` with a 12-digit account, or no account
  /// where the service allows it (S3 buckets name none; IAM and STS always do).
  ///
  /// IAM users become people, IAM roles and STS assumed roles service identities, IAM
  /// groups groups, and the account's root user a person. Every other ARN becomes a
  /// resource whose type joins the service and the resource type, such as `dynamodb-table`,
  /// or is the service alone when the ARN names no resource type, such as `sqs`. S3 ARNs
  /// are `s3-bucket` or `s3-object`.
  static func node(for arn: String) -> Node? {
    let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
    guard parts.count == 6, parts[0] == "arn", parts[1].hasPrefix("aws"), !parts[2].isEmpty,
      !parts[5].isEmpty
    else {
      return nil
    }
    let service = String(parts[2])
    let account = String(parts[4])
    let isAccountValid = account.count == 12 && account.allSatisfy { $0.isASCII && $0.isNumber }
    guard isAccountValid || (account.isEmpty && service != "iam" && service != "sts") else {
      return nil
    }
    let resource = String(parts[5])
    let (kind, type) = classify(service: service, resource: resource)
    return Node(
      id: arn, kind: kind, platform: .aws, account: account, name: name(of: resource),
      type: type, isDefined: false)
  }

  private static func classify(service: String, resource: String) -> (NodeKind, String) {
    if service == "iam" {
      if resource.hasPrefix("user/") { return (.human, "iam-user") }
      if resource.hasPrefix("role/") { return (.serviceIdentity, "iam-role") }
      if resource.hasPrefix("group/") { return (.group, "iam-group") }
      if resource == "root" { return (.human, "iam-root-user") }
    }
    if service == "sts" && resource.hasPrefix("assumed-role/") {
      return (.serviceIdentity, "sts-assumed-role")
    }
    if service == "s3" {
      return (.resource, resource.contains("/") ? "s3-object" : "s3-bucket")
    }
    guard let end = resource.firstIndex(where: { $0 == "/" || $0 == ":" }) else {
      return (.resource, service)
    }
    return (.resource, "\(service)-\(resource[..<end])")
  }

  /// Returns the last part of the resource: `ci-deploy` for `user/ci/ci-deploy`.
  private static func name(of resource: String) -> String {
    let last = resource.split(whereSeparator: { $0 == "/" || $0 == ":" }).last
    return last.map(String.init) ?? resource
  }
}
