import AccessGraph

/// An AWS resource that access edges can point to, such as an S3 bucket, a DynamoDB table or
/// a KMS key, identified by its ARN.
struct AWSResource: Hashable, Sendable {
  let arn: ARN

  init(arn: ARN) {
    self.arn = arn
  }

  /// The one resource that an Allow statement's resource pattern names, or nil when the
  /// pattern has a wildcard or names an IAM principal.
  ///
  /// A pattern inside an S3 bucket, such as `arn:aws:s3:::logs/*` or
  /// `arn:aws:s3:::logs/2024/report.csv`, names the bucket `arn:aws:s3:::logs`, and one
  /// inside a DynamoDB table, such as `table/Orders/index/*`, names the table.
  init?(namedBy pattern: String) {
    guard let arn = ARN(pattern), !arn.isIAMPrincipal, !arn.resource.isEmpty else { return nil }
    if Self.isBucketARN(service: arn.service, region: arn.region, account: arn.account) {
      let bucket = String(arn.resource.prefix { $0 != "/" })
      guard !bucket.isEmpty, Self.isSpecific(bucket) else { return nil }
      self.arn = ARN(
        partition: arn.partition, service: "s3", region: "", account: "", resource: bucket)
      return
    }
    if arn.service == "dynamodb", arn.resourceType == "table" {
      let parts = arn.resource.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
      guard parts.count >= 2, !parts[1].isEmpty else { return nil }
      let table = ARN(
        partition: arn.partition, service: arn.service, region: arn.region,
        account: arn.account, resource: "table/" + parts[1])
      guard Self.isSpecific(table.description) else { return nil }
      self.arn = table
      return
    }
    guard Self.isSpecific(pattern) else { return nil }
    self.arn = arn
  }

  var id: String { arn.description }

  /// The node's type, `<service>-<resource type>` in lower case, such as `s3-bucket`,
  /// `dynamodb-table`, `rds-db`, `secretsmanager-secret` or `kms-key`.
  var nodeType: String {
    if isBucket { return "s3-bucket" }
    let type = arn.resourceType.isEmpty ? Self.untypedResources[arn.service] : arn.resourceType
    guard let type, !type.isEmpty else { return arn.service.lowercased() }
    return "\(arn.service)-\(type)".lowercased()
  }

  /// Resource types of services whose ARNs name the resource without a type.
  private static let untypedResources = ["sqs": "queue", "sns": "topic", "s3": "bucket"]

  var name: String { isBucket ? arn.resource : arn.resourceName }

  /// Patterns for the resource itself and for what lies inside it, which a grant on the
  /// resource also reaches: a bucket's objects, a table's indexes and streams, a function's
  /// versions and aliases.
  var area: [WildcardPattern] {
    let itself = WildcardPattern(literal: id)
    if isBucket || (arn.service == "dynamodb" && arn.resourceType == "table") {
      return [itself, WildcardPattern(literal: id + "/", followedByAnyRun: true)]
    }
    if arn.service == "lambda", arn.resourceType == "function",
      arn.resource.split(separator: ":").count == 2
    {
      return [itself, WildcardPattern(literal: id + ":", followedByAnyRun: true)]
    }
    return [itself]
  }

  /// The node for the resource; its account is empty for S3, whose ARNs name none.
  var node: Node {
    Node(
      id: id, kind: .resource, platform: .aws,
      account: ARN.isAccountID(arn.account) ? arn.account : "", name: name, type: nodeType)
  }

  private var isBucket: Bool {
    Self.isBucketARN(service: arn.service, region: arn.region, account: arn.account)
      && !arn.resource.contains(utf8: "/")
  }

  private static func isBucketARN(service: String, region: String, account: String) -> Bool {
    service == "s3" && region.isEmpty && account.isEmpty
  }

  /// Returns whether `text` names one thing, having no wildcard and no policy variable.
  private static func isSpecific<Text: StringProtocol>(_ text: Text) -> Bool {
    !text.contains(utf8: "*") && !text.contains(utf8: "?") && !text.contains(utf8: "${")
  }

  /// The account whose resources `pattern` spans, or nil when it names fewer.
  ///
  /// A pattern spans an account when it is `*`, or an ARN pattern whose resource part is
  /// `*`, `*/*`, or a resource type followed by `/*` or `:*`, such as `arn:aws:s3:::*` or
  /// `arn:aws:dynamodb:*:*:table/*`. S3 bucket ARNs have no resource type, so
  /// `arn:aws:s3:::logs/*` names the objects of one bucket and spans nothing. The account is
  /// the one the ARN names when it names a single 12-digit account, else `ownAccount`.
  ///
  /// - Parameter ownAccount: The account of the principal whose policy has the pattern.
  static func accountSpanned(by pattern: String, ownAccount: String) -> String? {
    if pattern == "*" { return ownAccount }
    guard let arn = ARN(pattern) else { return nil }
    let resource = arn.resource
    let spans: Bool
    if resource == "*" || resource == "*/*" {
      spans = true
    } else if isBucketARN(service: arn.service, region: arn.region, account: arn.account) {
      spans = false
    } else if resource.hasSuffix("/*") || resource.hasSuffix(":*") {
      let type = resource.dropLast(2)
      spans = !type.isEmpty && type.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
    } else {
      spans = false
    }
    guard spans else { return nil }
    return ARN.isAccountID(arn.account) ? arn.account : ownAccount
  }
}
