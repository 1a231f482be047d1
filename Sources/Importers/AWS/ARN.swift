/// An Amazon Resource Name: `arn:partition:service:region:account:resource`.
///
/// The resource part may itself contain `:` and `/`, as in `function:name:alias` or
/// `bucket/key`. Parsing only splits the first five fields off, so an ARN pattern with
/// wildcards parses too.
struct ARN: Hashable, Sendable, CustomStringConvertible {
  let partition: String
  let service: String
  let region: String
  let account: String
  let resource: String

  /// Parses `text`, or returns nil when it does not have six `:`-separated fields starting
  /// with `arn`.
  init?(_ text: String) {
    let fields = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
    guard fields.count == 6, fields[0] == "arn" else { return nil }
    partition = String(fields[1])
    service = String(fields[2])
    region = String(fields[3])
    account = String(fields[4])
    resource = String(fields[5])
  }

  init(partition: String, service: String, region: String, account: String, resource: String) {
    self.partition = partition
    self.service = service
    self.region = region
    self.account = account
    self.resource = resource
  }

  var description: String { "arn:\(partition):\(service):\(region):\(account):\(resource)" }

  /// The resource type: the resource part up to its first `/` or `:`, such as `role`,
  /// `table` or `secret`. It is empty when the part has neither, as for S3 and SQS.
  var resourceType: String {
    guard let end = resource.firstIndex(where: { $0 == "/" || $0 == ":" }) else { return "" }
    return String(resource[..<end])
  }

  /// The resource's own name: the text after the last `/` of an IAM ARN (whose path sits in
  /// between), else everything after the resource type.
  var resourceName: String {
    if service == "iam", let slash = resource.lastIndex(of: "/") {
      return String(resource[resource.index(after: slash)...])
    }
    guard let end = resource.firstIndex(where: { $0 == "/" || $0 == ":" }) else {
      return resource
    }
    return String(resource[resource.index(after: end)...])
  }

  /// Whether the ARN names something that acts in IAM rather than something acted on: a
  /// user, group, role, instance profile or account root, or an STS session.
  var isIAMPrincipal: Bool {
    switch service {
    case "iam": Self.iamPrincipalTypes.contains(resourceType) || resource == "root"
    case "sts": true
    default: false
    }
  }

  private static let iamPrincipalTypes: Set<String> = [
    "user", "group", "role", "instance-profile", "federated-user",
  ]

  /// Returns whether `text` is a 12-digit AWS account id.
  static func isAccountID(_ text: String) -> Bool {
    text.utf8.count == 12 && text.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
  }

  /// Returns the ARN of the account root, `arn:<partition>:iam::<account>:root`.
  static func accountRoot(_ account: String, partition: String = "aws") -> String {
    "arn:\(partition):iam::\(account):root"
  }
}
