import AccessGraph

/// The resources of one AWS service in one account that the estate has, such as the DynamoDB
/// tables of account 111122223333.
///
/// Each scope is a node, `aws:account/<account id>/<service>`, with a `contains` edge to
/// each of its resources. An Allow that reaches every resource of the service in the account
/// gets one `access` edge to the scope in place of one per resource, and the `contains`
/// edges carry that access down to each resource. Resources whose account no input gives,
/// such as buckets that no inventory places, share one scope per service with an empty
/// account, `aws:account/unknown/<service>`, which every account reaches as its own.
struct ServiceScope: Sendable {
  /// The 12-digit account id, or "" for resources of no known account.
  let account: String
  /// The service prefix of the resources' ARNs, such as `s3` or `dynamodb`.
  let service: String
  /// The resources, as indexes into `ResourceCatalog.entries`, in catalog order.
  private(set) var members: [Int] = []
  /// Patterns that together match every ARN that a resource of the service in the account
  /// can have, one for each shape of its members' ARNs. The shape is
  /// `arn:aws:dynamodb:*:<account>:*` for resources in a region and
  /// `arn:aws:iam::<account>:*` for resources without one. Buckets, whose ARNs name no
  /// account, have `arn:aws:s3:::*`.
  private(set) var area: [WildcardPattern] = []

  init(account: String, service: String) {
    self.account = account
    self.service = service
  }

  /// The scope's node.
  var node: Node { AWSNodes.serviceScope(service, account: account) }

  /// Adds the catalog entry `index`, whose resource has the ARN `arn`, and the shape of that
  /// ARN to the area.
  mutating func add(_ index: Int, arn: ARN) {
    members.append(index)
    let region = arn.region.isEmpty ? "" : "*"
    let shape = WildcardPattern(
      "arn:\(arn.partition):\(arn.service):\(region):\(arn.account):*", isCaseSensitive: true,
      readsPolicyVariables: false)
    if !area.contains(shape) { area.append(shape) }
  }
}
