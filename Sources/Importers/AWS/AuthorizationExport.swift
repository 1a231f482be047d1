/// One file of `aws iam get-account-authorization-details` output, parsed and checked.
///
/// A file covers one account, or one page of it when the API was called page by page. The
/// account is the 12-digit id that most user, group, role and customer managed policy ARNs
/// name. A principal whose ARN names no valid account id is given the file's account.
struct AuthorizationExport: Sendable {
  let file: String
  /// The account the file describes; nil for a file that lists only AWS managed policies.
  let account: String?
  let users: [IAMUser]
  let groups: [IAMGroup]
  let roles: [IAMRole]
  let policies: [ManagedPolicy]

  /// Parses a whole export.
  ///
  /// - Parameter warnings: Receives oddities that do not stop the import.
  /// - Throws: `ImportError` at the JSON path of the first invalid element.
  /// - Complexity: O(n) in the size of the document.
  static func parse(
    _ document: JSONCursor, warnings: inout [ImportWarning]
  ) throws -> AuthorizationExport {
    guard document.isObject else {
      throw document.invalid(
        "expected an object with \"UserDetailList\", \"RoleDetailList\" and others, found "
          + document.typeName,
        remedy: "export the file again with `aws iam get-account-authorization-details`")
    }
    if try document.bool("IsTruncated") == true {
      warnings.append(
        ImportWarning(
          file: document.file, location: "IsTruncated",
          message: "the export is one page of several; give every page, or export again "
            + "with the AWS CLI, which fetches all pages"))
    }

    let userList = try document.array("UserDetailList")
    let groupList = try document.array("GroupDetailList")
    let roleList = try document.array("RoleDetailList")
    let policyList = try document.array("Policies")
    let account = try mostNamedAccount(in: [userList, groupList, roleList, policyList])
    if account == nil, !(userList.isEmpty && groupList.isEmpty && roleList.isEmpty) {
      throw document.invalid(
        "no user, group or role ARN names a 12-digit account id",
        remedy: "export the file again with `aws iam get-account-authorization-details`")
    }

    let fileAccount = account ?? ""
    // One cache of compiled patterns per thread, kept from one list of entries to the next.
    var caches = (0..<ParallelWork.threadCount).map { _ in WildcardPatternCache() }
    let users = try read(userList, in: fileAccount, caches: &caches, warnings: &warnings) {
      try $0.user($1)
    }
    let groups = try read(groupList, in: fileAccount, caches: &caches, warnings: &warnings) {
      try $0.group($1)
    }
    let roles = try read(roleList, in: fileAccount, caches: &caches, warnings: &warnings) {
      try $0.role($1)
    }
    let policies = try read(policyList, in: fileAccount, caches: &caches, warnings: &warnings) {
      try $0.managedPolicy($1)
    }
    return AuthorizationExport(
      file: document.file, account: account, users: users, groups: groups, roles: roles,
      policies: policies)
  }

  /// Reads every entry with `entity`, spread over the processors, and appends the warnings
  /// of the entries in their order, as reading them one by one would.
  ///
  /// - Throws: The error of the first entry, in order, that cannot be read.
  /// - Complexity: O(n) in the size of the entries, spread over the processors.
  private static func read<Entity>(
    _ entries: [JSONCursor], in fileAccount: String, caches: inout [WildcardPatternCache],
    warnings: inout [ImportWarning], _ entity: (inout EntityReader, JSONCursor) throws -> Entity
  ) throws -> [Entity] {
    let outcomes = ParallelWork.map(entries.indices, states: &caches) { patterns, index in
      var reader = EntityReader(fileAccount: fileAccount, patterns: patterns, warnings: [])
      let result = Result { try entity(&reader, entries[index]) }
      return (result, reader.warnings)
    }
    var entities: [Entity] = []
    entities.reserveCapacity(outcomes.count)
    for (result, entryWarnings) in outcomes {
      entities.append(try result.get())
      warnings += entryWarnings
    }
    return entities
  }

  /// Returns the 12-digit account that the most entries' `Arn` members name. Ties go to the
  /// smaller id, so the choice does not depend on order.
  ///
  /// - Throws: `ImportError` for the first entry, in list order, whose `Arn` is not a string.
  private static func mostNamedAccount(in lists: [[JSONCursor]]) throws -> String? {
    // The lists are counted on all processors, because this runs before anything else of
    // the export can start.
    let listCounts = ParallelWork.concurrentMap(count: lists.count) { index in
      Result { () throws -> [String: Int] in
        var counts: [String: Int] = [:]
        for entry in lists[index] {
          guard let text = try entry.string("Arn"), let arn = ARN(text),
            ARN.isAccountID(arn.account)
          else { continue }
          counts[arn.account, default: 0] += 1
        }
        return counts
      }
    }
    var counts: [String: Int] = [:]
    for listCount in listCounts {
      counts.merge(try listCount.get(), uniquingKeysWith: +)
    }
    return counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
  }
}

/// Reads the entries of one export, collecting warnings on the way.
private struct EntityReader {
  let fileAccount: String
  /// The cache of the thread that reads the entry.
  let patterns: WildcardPatternCache
  var warnings: [ImportWarning]

  mutating func user(_ entry: JSONCursor) throws -> IAMUser {
    let (arn, account) = try identity(entry, nameKey: "UserName")
    let groups = try entry.array("GroupList").map { (name: try $0.string(), location: $0.path) }
    return IAMUser(
      arn: arn, name: try entry.requiredString("UserName"), path: try entry.string("Path") ?? "/",
      account: account, file: entry.file, location: entry.path, groups: groups,
      inlinePolicies: try inlinePolicies(entry, key: "UserPolicyList"),
      attachedPolicies: try attachments(entry), tags: try tags(entry),
      permissionsBoundary: try permissionsBoundary(entry))
  }

  mutating func group(_ entry: JSONCursor) throws -> IAMGroup {
    let (arn, account) = try identity(entry, nameKey: "GroupName")
    return IAMGroup(
      arn: arn, name: try entry.requiredString("GroupName"), account: account, file: entry.file,
      location: entry.path, inlinePolicies: try inlinePolicies(entry, key: "GroupPolicyList"),
      attachedPolicies: try attachments(entry))
  }

  mutating func role(_ entry: JSONCursor) throws -> IAMRole {
    let (arn, account) = try identity(entry, nameKey: "RoleName")
    var trustPolicy: PolicyDocument?
    if let trust = entry["AssumeRolePolicyDocument"] {
      trustPolicy = try PolicyDocument.parse(
        trust, kind: .trust, patterns: patterns, warnings: &warnings)
    } else {
      warn(entry, "the role has no \"AssumeRolePolicyDocument\", so nobody is shown to assume it")
    }
    let profiles = try entry.array("InstanceProfileList").map { profile in
      InstanceProfile(
        arn: try profile.requiredString("Arn"),
        name: try profile.requiredString("InstanceProfileName"), location: profile.path)
    }
    return IAMRole(
      arn: arn, name: try entry.requiredString("RoleName"), path: try entry.string("Path") ?? "/",
      account: account, file: entry.file, location: entry.path, trustPolicy: trustPolicy,
      inlinePolicies: try inlinePolicies(entry, key: "RolePolicyList"),
      attachedPolicies: try attachments(entry), tags: try tags(entry),
      lastUsed: try entry["RoleLastUsed"]?.string("LastUsedDate"), instanceProfiles: profiles,
      permissionsBoundary: try permissionsBoundary(entry))
  }

  /// Reads a managed policy and the document of its default version.
  mutating func managedPolicy(_ entry: JSONCursor) throws -> ManagedPolicy {
    let arn = try entry.requiredString("Arn")
    let defaultID = try entry.string("DefaultVersionId")
    let versions = try entry.required("PolicyVersionList").array()
    var chosen: JSONCursor?
    for version in versions {
      if try version.bool("IsDefaultVersion") == true {
        chosen = version
        break
      }
      if chosen == nil, let defaultID, try version.string("VersionId") == defaultID {
        chosen = version
      }
    }
    guard let chosen else {
      throw entry.invalid(
        "no entry of \"PolicyVersionList\" is the default version",
        remedy: "export the file again; the AWS CLI lists every policy's default version")
    }
    let document = try PolicyDocument.parse(
      chosen.required("Document"), kind: .identity, patterns: patterns, warnings: &warnings)
    var policy = ManagedPolicy(
      arn: arn, name: try entry.requiredString("PolicyName"),
      versionID: try chosen.string("VersionId") ?? defaultID ?? "default version",
      document: document, file: entry.file)
    if ARN(arn)?.account != "aws" {
      for version in versions where version.path != chosen.path {
        guard let other = version["Document"] else { continue }
        policy.otherVersions.append(
          PolicyVersion(
            versionID: try version.string("VersionId") ?? version.path,
            document: try PolicyDocument.parse(
              other, kind: .identity, patterns: patterns, warnings: &warnings)))
      }
    }
    return policy
  }

  /// Returns the entry's ARN and account, checking that `Arn` is an IAM ARN.
  private mutating func identity(
    _ entry: JSONCursor, nameKey: String
  ) throws -> (arn: String, account: String) {
    let arnCursor = try entry.required("Arn")
    let text = try arnCursor.string()
    guard let arn = ARN(text), arn.service == "iam" else {
      throw arnCursor.invalid(
        "\"\(text)\" is not an IAM ARN", remedy: "export the file again")
    }
    if ARN.isAccountID(arn.account) {
      return (text, arn.account)
    }
    warn(
      arnCursor,
      "the ARN names the account \"\(arn.account)\", which is not a 12-digit account id; "
        + "the entry is placed in account \(fileAccount), which the file's other ARNs name")
    return (text, fileAccount)
  }

  private mutating func inlinePolicies(_ entry: JSONCursor, key: String) throws -> [InlinePolicy] {
    try entry.array(key).map { policy in
      InlinePolicy(
        name: try policy.requiredString("PolicyName"),
        document: try PolicyDocument.parse(
          policy.required("PolicyDocument"), kind: .identity, patterns: patterns,
          warnings: &warnings))
    }
  }

  private func attachments(_ entry: JSONCursor) throws -> [PolicyAttachment] {
    try entry.array("AttachedManagedPolicies").map { attachment in
      PolicyAttachment(
        arn: try attachment.requiredString("PolicyArn"),
        name: try attachment.string("PolicyName") ?? "", location: attachment.path)
    }
  }

  private func tags(_ entry: JSONCursor) throws -> [String: String] {
    var tags: [String: String] = [:]
    for tag in try entry.array("Tags") {
      tags[try tag.requiredString("Key")] = try tag.string("Value") ?? ""
    }
    return tags
  }

  private func permissionsBoundary(_ entry: JSONCursor) throws -> String? {
    try entry["PermissionsBoundary"]?.string("PermissionsBoundaryArn")
  }

  private mutating func warn(_ cursor: JSONCursor, _ message: String) {
    warnings.append(ImportWarning(file: cursor.file, location: cursor.path, message: message))
  }
}
