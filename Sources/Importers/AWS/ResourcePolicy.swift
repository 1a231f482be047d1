import AccessGraph
import Foundation

/// The resource policy of one AWS resource, such as a bucket policy or a key policy, read from
/// the output of the AWS CLI command that prints it.
///
/// Each command prints the policy document as a string of JSON inside a wrapper of its own.
/// `Kind` lists the wrappers this type reads and where each one names the resource.
struct ResourcePolicy: Sendable {
  /// The service and output shape of a resource policy file.
  enum Kind: Sendable {
    /// `aws s3api get-bucket-policy`: `{"Policy": "..."}`.
    case bucket
    /// `aws lambda get-policy`: `{"Policy": "...", "RevisionId": "..."}`.
    case function
    /// `aws kms get-key-policy`, merged with `aws kms describe-key`:
    /// `{"KeyMetadata": {"Arn": ...}, "Policy": "...", "PolicyName": "default"}`.
    case key
    /// `aws sqs get-queue-attributes`: `{"Attributes": {"Policy": "...", "QueueArn": ...}}`.
    case queue
    /// `aws sns get-topic-attributes`: `{"Attributes": {"Policy": "...", "TopicArn": ...}}`.
    case topic
    /// `aws secretsmanager get-resource-policy`:
    /// `{"ARN": ..., "Name": ..., "ResourcePolicy": "..."}`.
    case secret

    /// The name AWS gives the policy, such as `bucket policy`.
    var policyName: String {
      switch self {
      case .bucket: "bucket policy"
      case .key: "key policy"
      case .queue, .topic: "access policy"
      case .function, .secret: "resource policy"
      }
    }

    /// The resource in one word, such as `queue`.
    var resourceWord: String {
      switch self {
      case .bucket: "bucket"
      case .function: "function"
      case .key: "key"
      case .queue: "queue"
      case .topic: "topic"
      case .secret: "secret"
      }
    }

    /// The AWS CLI command that prints the file, for remedies.
    var command: String {
      switch self {
      case .bucket: "aws s3api get-bucket-policy --bucket NAME"
      case .function: "aws lambda get-policy --function-name NAME"
      case .key: ResourcePolicy.mergedKeyPolicyCommand
      case .queue: "aws sqs get-queue-attributes --queue-url URL --attribute-names Policy QueueArn"
      case .topic: "aws sns get-topic-attributes --topic-arn ARN"
      case .secret: "aws secretsmanager get-resource-policy --secret-id NAME"
      }
    }
  }

  /// The command that prints a key policy together with the key's ARN, which
  /// `aws kms get-key-policy` alone leaves out.
  static let mergedKeyPolicyCommand =
    "jq -s add <(aws kms describe-key --key-id KEY) "
    + "<(aws kms get-key-policy --key-id KEY --policy-name default)"

  let kind: Kind
  let file: String
  let resource: AWSResource
  /// The 12-digit account that owns the resource, or empty when it is not known, as for a
  /// bucket whose file has no `Account` member.
  let account: String
  /// The policy, or nil when the output has none, as for a queue or secret without a policy.
  let document: PolicyDocument?

  /// The policy in words for provenance, such as `bucket policy of logs` or
  /// `key policy of key 1234abcd-12ab-34cd-56ef-1234567890ab`.
  var label: String {
    kind == .bucket
      ? "bucket policy of \(resource.name)"
      : "\(kind.policyName) of \(kind.resourceWord) \(resource.name)"
  }

  /// The resource's node, with the account from the file when its ARN names none.
  var node: Node {
    var node = resource.node
    if node.account.isEmpty { node.account = account }
    return node
  }

  /// Returns the kind of resource policy file `document` is, or nil when it is no resource
  /// policy file.
  ///
  /// The wrappers are told apart by their members: `Attributes` with `TopicArn` is a topic,
  /// any other `Attributes` with `QueueArn` or a `Policy` string is a queue, and a Secrets
  /// Manager `ARN` is a secret. A `Policy` string goes with `KeyMetadata` or `PolicyName` for
  /// a key and `RevisionId` for a function, and stands alone for a bucket. A `Policy` object
  /// is not a resource policy file.
  static func kind(of document: JSONCursor) -> Kind? {
    if let attributes = document["Attributes"] {
      guard attributes.isObject else { return nil }
      if attributes["TopicArn"] != nil { return .topic }
      if attributes["QueueArn"] != nil || attributes["Policy"]?.value is String { return .queue }
      return nil
    }
    if document["ResourcePolicy"]?.value is String { return .secret }
    if let text = document["ARN"]?.value as? String, ARN(text)?.service == "secretsmanager" {
      return .secret
    }
    guard document["Policy"]?.value is String else { return nil }
    if document["KeyMetadata"] != nil || document["PolicyName"] != nil { return .key }
    if document["RevisionId"] != nil { return .function }
    return .bucket
  }

  /// Parses a resource policy file.
  ///
  /// - Parameter warnings: Receives oddities that do not stop the import.
  /// - Throws: `ImportError` when the file is of no kind that `kind(of:)` recognizes, the
  ///   policy string is not valid JSON, the policy is invalid, or the resource cannot be
  ///   named: a bucket policy whose statements name no bucket or several, a function policy
  ///   that names no function, or a key policy without the key's ARN.
  static func parse(
    _ document: JSONCursor, warnings: inout [ImportWarning]
  ) throws -> ResourcePolicy {
    guard let kind = kind(of: document) else {
      throw document.invalid(
        "not the output of a command that prints a resource policy",
        remedy: "give the output of `aws s3api get-bucket-policy` or another command listed "
          + "in docs/aws.md")
    }
    let policyCursor: JSONCursor?
    switch kind {
    case .bucket, .function, .key: policyCursor = document["Policy"]
    case .queue, .topic: policyCursor = document["Attributes"]?["Policy"]
    case .secret: policyCursor = document["ResourcePolicy"]
    }
    var policy: PolicyDocument?
    if let policyCursor {
      let embedded = try embeddedDocument(policyCursor, kind: kind)
      policy = try PolicyDocument.parse(embedded, kind: .resource, warnings: &warnings)
    }

    let resource: AWSResource
    var account = ""
    switch kind {
    case .bucket:
      resource = try bucket(of: document, policy: policy, at: policyCursor)
      if let accountCursor = document["Account"] {
        account = try accountCursor.string()
        guard ARN.isAccountID(account) else {
          throw accountCursor.invalid(
            "\"Account\" is \"\(account)\", which is not a 12-digit account id",
            remedy: "set it to the id of the account that owns the bucket")
        }
      }
    case .function:
      resource = try function(in: policy, at: policyCursor ?? document)
    case .key:
      resource = try namedResource(
        document["KeyMetadata"]?["Arn"], in: document, kind: kind, service: "kms",
        missing: "the key's ARN (\"KeyMetadata.Arn\") is missing, because "
          + "`aws kms get-key-policy` does not print it",
        remedy: "merge its output with that of `aws kms describe-key`: "
          + "`\(mergedKeyPolicyCommand)`")
    case .queue:
      resource = try namedResource(
        document["Attributes"]?["QueueArn"], in: document, kind: kind, service: "sqs",
        missing: "\"Attributes.QueueArn\" is missing, so the queue is not known")
    case .topic:
      resource = try namedResource(
        document["Attributes"]?["TopicArn"], in: document, kind: kind, service: "sns",
        missing: "\"Attributes.TopicArn\" is missing, so the topic is not known")
    case .secret:
      resource = try namedResource(
        document["ARN"], in: document, kind: kind, service: "secretsmanager",
        missing: "\"ARN\" is missing, so the secret is not known")
    }
    if account.isEmpty, ARN.isAccountID(resource.arn.account) {
      account = resource.arn.account
    }
    return ResourcePolicy(
      kind: kind, file: document.file, resource: resource, account: account, document: policy)
  }

  /// Parses the policy document that a member contains as a string of JSON.
  private static func embeddedDocument(_ cursor: JSONCursor, kind: Kind) throws -> JSONCursor {
    let text = try cursor.string()
    let data = Data(text.utf8)
    let value: Any
    do {
      value = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    } catch let error as NSError {
      let detail = error.userInfo["NSDebugDescription"] as? String ?? error.localizedDescription
      let place = JSONCursor.location(describedBy: detail, in: data)
      let trimmed = detail.trimmingCharacters(in: CharacterSet(charactersIn: "."))
      throw cursor.invalid(
        "the policy string is not valid JSON"
          + (place.isEmpty ? "" : " at \(place) of the string") + " (\(trimmed))",
        remedy: "export it again with `\(kind.command)`, or fix the JSON inside the string")
    }
    let embedded = JSONCursor(file: cursor.file, path: cursor.path, value: value)
    guard embedded.isObject else {
      throw cursor.invalid(
        "the policy string contains \(embedded.typeName), not a policy document object",
        remedy: "export it again with `\(kind.command)`")
    }
    return embedded
  }

  /// Returns the bucket that a bucket policy belongs to, which is the file's `Bucket` member
  /// or else the one bucket that the statements' `Resource` ARNs name, as `arn:aws:s3:::NAME`
  /// or `arn:aws:s3:::NAME/...`.
  private static func bucket(
    of document: JSONCursor, policy: PolicyDocument?, at policyCursor: JSONCursor?
  ) throws -> AWSResource {
    let remedy =
      "add the bucket's name to the file as \"Bucket\", for example with "
      + "`jq '. + {\"Bucket\": \"NAME\"}'`"
    if let named = document["Bucket"] {
      let name = try named.string()
      guard let resource = AWSResource(namedBy: "arn:aws:s3:::\(name)"), !name.contains(utf8: "/")
      else {
        throw named.invalid("\"Bucket\" is \"\(name)\", which is not a bucket name", remedy: remedy)
      }
      return resource
    }
    var buckets: [AWSResource] = []
    for statement in policy?.statements ?? [] {
      guard case .only(let patterns) = statement.resources else { continue }
      for pattern in patterns {
        guard let arn = ARN(pattern.text), arn.service == "s3", arn.region.isEmpty,
          arn.account.isEmpty, let bucket = AWSResource(namedBy: pattern.text),
          !buckets.contains(bucket)
        else { continue }
        buckets.append(bucket)
      }
    }
    let place = policyCursor ?? document
    guard buckets.count == 1, let bucket = buckets.first else {
      let problem =
        buckets.isEmpty
        ? "no statement's \"Resource\" names a bucket, such as arn:aws:s3:::NAME/*, so the "
          + "bucket is not known"
        : "the statements name several buckets ("
          + buckets.map(\.name).joined(separator: ", ") + "), so the bucket is not known"
      throw place.invalid(problem, remedy: remedy)
    }
    return bucket
  }

  /// Returns the function that a function policy's statements name in `Resource`.
  ///
  /// NOTE: A policy of a version or alias, printed with `--qualifier`, is read as the policy
  /// of the function itself.
  private static func function(
    in policy: PolicyDocument?, at place: JSONCursor
  ) throws -> AWSResource {
    var functions: [AWSResource] = []
    for statement in policy?.statements ?? [] {
      guard case .only(let patterns) = statement.resources else { continue }
      for pattern in patterns where pattern.isSpecific {
        let fields = pattern.text.split(separator: ":", omittingEmptySubsequences: false)
        guard let arn = ARN(pattern.text), arn.service == "lambda", fields.count >= 7,
          fields[5] == "function"
        else { continue }
        let name = fields[6]
        let function = AWSResource(
          arn: ARN(
            partition: arn.partition, service: arn.service, region: arn.region,
            account: arn.account, resource: "function:\(name)"))
        if !name.isEmpty, !functions.contains(function) { functions.append(function) }
      }
    }
    guard functions.count == 1, let function = functions.first else {
      let problem =
        functions.isEmpty
        ? "no statement's \"Resource\" names a function ARN, so the function is not known"
        : "the statements name several functions ("
          + functions.map(\.id).joined(separator: ", ") + "), so the function is not known"
      throw place.invalid(
        problem,
        remedy: "export it again with `\(Kind.function.command)`, whose statements name the "
          + "function's ARN")
    }
    return function
  }

  /// Returns the resource whose ARN `member` contains, checking that the ARN belongs to
  /// `service`.
  private static func namedResource(
    _ member: JSONCursor?, in document: JSONCursor, kind: Kind, service: String,
    missing: String, remedy: String? = nil
  ) throws -> AWSResource {
    guard let member else {
      throw document.invalid(missing, remedy: remedy ?? "export it with `\(kind.command)`")
    }
    let text = try member.string()
    guard let arn = ARN(text), arn.service == service, !arn.resource.isEmpty,
      ARN.isAccountID(arn.account), !text.contains(utf8: "*"), !text.contains(utf8: "?")
    else {
      throw member.invalid(
        "\"\(text)\" is not the ARN of a \(kind.resourceWord)",
        remedy: "export it again with `\(kind.command)`")
    }
    return AWSResource(arn: arn)
  }
}
