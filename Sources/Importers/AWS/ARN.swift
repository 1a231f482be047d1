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
    // The colons are found in the UTF-8 bytes, because splitting by `Character` cost
    // thousands of instructions per ARN. A colon byte never occurs inside a multi-byte
    // character.
    var text = text
    let fields = text.withUTF8 { bytes -> [String]? in
      guard bytes.starts(with: "arn:".utf8) else { return nil }
      var fields: [String] = []
      fields.reserveCapacity(5)
      var start = 4
      for index in 4..<bytes.count where bytes[index] == UInt8(ascii: ":") {
        fields.append(
          String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
        start = index + 1
        if fields.count == 4 { break }
      }
      guard fields.count == 4 else { return nil }
      fields.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
      return fields
    }
    guard let fields else { return nil }
    partition = fields[0]
    service = fields[1]
    region = fields[2]
    account = fields[3]
    resource = fields[4]
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
    guard let end = typeEnd else { return "" }
    return String(decoding: resource.utf8[..<end], as: UTF8.self)
  }

  /// The resource's own name: the text after the last `/` of an IAM ARN (whose path sits in
  /// between), else everything after the resource type.
  var resourceName: String {
    let bytes = resource.utf8
    if service == "iam", let slash = bytes.lastIndex(of: UInt8(ascii: "/")) {
      return String(decoding: bytes[bytes.index(after: slash)...], as: UTF8.self)
    }
    guard let end = typeEnd else { return resource }
    return String(decoding: bytes[bytes.index(after: end)...], as: UTF8.self)
  }

  /// The position of the first `/` or `:` in the resource part, found in its UTF-8 bytes
  /// rather than its characters, which take much longer to go through.
  private var typeEnd: String.Index? {
    resource.utf8.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: ":") }
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
