/// One AWS CLI command whose JSON output lists workloads, with the output's shape.
///
/// Each conforming type reads one command's output and keeps every field name of that
/// service in its own file.
protocol WorkloadListing: Sendable {
  /// The command that prints the output, for messages, such as `aws lambda list-functions`.
  static var command: String { get }

  /// Returns whether a document has this output's top-level shape, judged by its keys.
  static func recognizes(_ document: JSONCursor) -> Bool

  /// Reads every workload of the output.
  ///
  /// - Parameter warnings: Receives oddities that do not stop the import.
  /// - Throws: `ImportError` at the JSON path of the first invalid field.
  static func parse(_ document: JSONCursor, warnings: inout [ImportWarning]) throws -> [Workload]
}

/// Readers for the fields that several AWS inventories share: ARNs, tags, regions, paging.
enum WorkloadFields {
  /// Reads an ARN of `service` whose resource type is `resourceType` and whose account is a
  /// 12-digit id, such as a Lambda function's `FunctionArn`.
  ///
  /// - Parameters:
  ///   - what: The resource in words for the message, such as `a Lambda function`.
  ///   - command: The command to export again with.
  static func resourceARN(
    _ field: JSONCursor, service: String, resourceType: String, what: String, command: String
  ) throws -> ARN {
    let text = try field.string()
    guard let arn = ARN(text), arn.service == service, arn.resourceType == resourceType,
      ARN.isAccountID(arn.account)
    else {
      throw field.invalid(
        "\"\(text)\" is not the ARN of \(what) with a 12-digit account id",
        remedy: "export the output again with `\(command) --output json`")
    }
    return arn
  }

  /// Returns `cursor` when its value is an object, so that a missing member is reported as
  /// missing only where the object exists.
  static func object(_ cursor: JSONCursor, command: String) throws -> JSONCursor {
    guard cursor.isObject else {
      throw cursor.invalid(
        "expected an object, found \(cursor.typeName)",
        remedy: "export the output again with `\(command) --output json`")
    }
    return cursor
  }

  /// Reads an IAM role ARN, such as a function's `Role`.
  static func roleARN(_ field: JSONCursor, command: String) throws -> ARN {
    try resourceARN(
      field, service: "iam", resourceType: "role", what: "an IAM role", command: command)
  }

  /// Reads an IAM instance profile ARN, such as an instance's `IamInstanceProfile.Arn`.
  static func instanceProfileARN(_ field: JSONCursor, command: String) throws -> ARN {
    try resourceARN(
      field, service: "iam", resourceType: "instance-profile", what: "an IAM instance profile",
      command: command)
  }

  /// Reads `key` as tags. AWS services print tags in three shapes: an array of `Key` and
  /// `Value` objects (EC2), an array of `key` and `value` objects (CodeBuild, ECS), or an
  /// object of strings (Lambda). A tag without a value gets the empty string.
  static func tags(_ entry: JSONCursor, key: String) throws -> [String: String] {
    guard let field = entry[key] else { return [:] }
    var tags: [String: String] = [:]
    if field.isObject {
      for (name, value) in try field.members() {
        tags[name] = try value.string()
      }
      return tags
    }
    for tag in try field.array() {
      let keyName = tag["Key"] != nil ? "Key" : "key"
      let valueName = keyName == "Key" ? "Value" : "value"
      tags[try tag.requiredString(keyName)] = try tag.string(valueName) ?? ""
    }
    return tags
  }

  /// Returns the region of an availability zone: the zone's name up to and including the
  /// number that ends the region's name. `us-east-1a` gives `us-east-1`, and the Local Zone
  /// `us-west-2-lax-1a` gives `us-west-2`. Returns nil for a name without such a number.
  static func region(ofAvailabilityZone zone: String) -> String? {
    var parts: [Substring] = []
    for part in zone.split(separator: "-", omittingEmptySubsequences: false) {
      let digits = part.prefix { $0.isASCII && $0.isNumber }
      if !digits.isEmpty {
        guard !parts.isEmpty else { return nil }
        return (parts + [digits]).joined(separator: "-")
      }
      guard !part.isEmpty else { return nil }
      parts.append(part)
    }
    return nil
  }

  /// Returns the partition of a region: `aws-cn` for `cn-…`, `aws-us-gov` for `us-gov-…`,
  /// `aws-iso` for `us-iso-…`, `aws-iso-b` for `us-isob-…`, and `aws` for every other region.
  static func partition(ofRegion region: String) -> String {
    if region.hasPrefix("cn-") { return "aws-cn" }
    if region.hasPrefix("us-gov-") { return "aws-us-gov" }
    if region.hasPrefix("us-isob-") { return "aws-iso-b" }
    if region.hasPrefix("us-iso-") { return "aws-iso" }
    return "aws"
  }

  /// Appends a warning to `warnings` when the output contains a token for a next page,
  /// which the AWS CLI prints only when `--max-items` or `--no-paginate` stopped it after
  /// one page.
  static func appendPagingWarning(
    _ document: JSONCursor, tokenKey: String = "NextToken", command: String,
    to warnings: inout [ImportWarning]
  ) {
    guard document[tokenKey] != nil else { return }
    warnings.append(
      ImportWarning(
        file: document.file, location: tokenKey,
        message: "the output is one page of several, so later resources are missing; run "
          + "`\(command)` again without `--max-items` or `--no-paginate`, which fetches "
          + "every page"))
  }
}
