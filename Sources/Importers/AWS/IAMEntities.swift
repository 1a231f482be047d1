/// A policy embedded in one user, group or role.
struct InlinePolicy: Sendable {
  let name: String
  let document: PolicyDocument
}

/// A managed policy that a user, group or role attaches, by ARN.
struct PolicyAttachment: Sendable {
  let arn: String
  let name: String
  /// The JSON path of the entry in `AttachedManagedPolicies`.
  let location: String
}

/// A user, group or role: an entity that identity policies are attached to.
protocol PolicyHolder: Sendable {
  var arn: String { get }
  var name: String { get }
  var account: String { get }
  var file: String { get }
  /// The JSON path of the holder's entry, such as `RoleDetailList[3]`.
  var location: String { get }
  /// The holder in words for provenance, such as `role ci-deploy`.
  var label: String { get }
  var inlinePolicies: [InlinePolicy] { get }
  var attachedPolicies: [PolicyAttachment] { get }
}

/// A user from `UserDetailList`.
///
/// A class, so that the escalation search, which passes users around in nested loops,
/// copies one reference instead of every field.
final class IAMUser: PolicyHolder {
  let arn: String
  let name: String
  let path: String
  let account: String
  let file: String
  let location: String
  /// Group names from `GroupList`, with the JSON path of each entry.
  let groups: [(name: String, location: String)]
  let inlinePolicies: [InlinePolicy]
  let attachedPolicies: [PolicyAttachment]
  let tags: [String: String]
  /// The ARN of the user's permissions boundary, when it has one.
  let permissionsBoundary: String?

  var label: String { "user \(name)" }

  init(
    arn: String, name: String, path: String, account: String, file: String, location: String,
    groups: [(name: String, location: String)], inlinePolicies: [InlinePolicy],
    attachedPolicies: [PolicyAttachment], tags: [String: String], permissionsBoundary: String?
  ) {
    self.arn = arn
    self.name = name
    self.path = path
    self.account = account
    self.file = file
    self.location = location
    self.groups = groups
    self.inlinePolicies = inlinePolicies
    self.attachedPolicies = attachedPolicies
    self.tags = tags
    self.permissionsBoundary = permissionsBoundary
  }
}

/// A group from `GroupDetailList`.
struct IAMGroup: PolicyHolder {
  let arn: String
  let name: String
  let account: String
  let file: String
  let location: String
  let inlinePolicies: [InlinePolicy]
  let attachedPolicies: [PolicyAttachment]

  var label: String { "group \(name)" }
}

/// A role from `RoleDetailList`.
///
/// A class, so that the escalation search, which passes roles around in nested loops,
/// copies one reference instead of every field.
final class IAMRole: PolicyHolder {
  let arn: String
  let name: String
  let path: String
  let account: String
  let file: String
  let location: String
  /// The `AssumeRolePolicyDocument`; nil when the export has none for the role.
  let trustPolicy: PolicyDocument?
  let inlinePolicies: [InlinePolicy]
  let attachedPolicies: [PolicyAttachment]
  let tags: [String: String]
  /// `RoleLastUsed.LastUsedDate`, when the role was ever used.
  let lastUsed: String?
  let instanceProfiles: [InstanceProfile]
  let permissionsBoundary: String?

  var label: String { "role \(name)" }

  init(
    arn: String, name: String, path: String, account: String, file: String, location: String,
    trustPolicy: PolicyDocument?, inlinePolicies: [InlinePolicy],
    attachedPolicies: [PolicyAttachment], tags: [String: String], lastUsed: String?,
    instanceProfiles: [InstanceProfile], permissionsBoundary: String?
  ) {
    self.arn = arn
    self.name = name
    self.path = path
    self.account = account
    self.file = file
    self.location = location
    self.trustPolicy = trustPolicy
    self.inlinePolicies = inlinePolicies
    self.attachedPolicies = attachedPolicies
    self.tags = tags
    self.lastUsed = lastUsed
    self.instanceProfiles = instanceProfiles
    self.permissionsBoundary = permissionsBoundary
  }
}

/// An instance profile from a role's `InstanceProfileList`.
struct InstanceProfile: Sendable {
  let arn: String
  let name: String
  let location: String
}

/// A managed policy from `Policies`, with its default version and, for a customer managed
/// policy, its other versions.
struct ManagedPolicy: Sendable {
  let arn: String
  let name: String
  let versionID: String
  let document: PolicyDocument
  let file: String
  /// The versions other than the default, which `iam:SetDefaultPolicyVersion` can switch to;
  /// empty for AWS managed policies, whose versions no customer can choose.
  var otherVersions: [PolicyVersion] = []

  /// The policy in words for provenance:
  /// `managed policy ReadOnly (arn:aws:iam::aws:policy/ReadOnly, v3)`.
  var label: String { "managed policy \(name) (\(arn), \(versionID))" }
}

/// A version of a managed policy that is not its default one.
struct PolicyVersion: Sendable {
  let versionID: String
  let document: PolicyDocument

  /// Whether the version alone allows every action on every resource without a condition
  /// and denies nothing.
  var grantsEveryActionOnEveryResource: Bool {
    let everyARN = WildcardPattern("arn:*", isCaseSensitive: true)
    let statements = document.statements
    return !statements.contains { $0.effect == .deny }
      && statements.contains { statement in
        guard statement.effect == .allow, !statement.isConditional,
          case .only(let resources) = statement.resources
        else { return false }
        return ActionSet(statement.actions).isEveryAction
          && resources.contains { $0.covers(everyARN) }
      }
  }
}
