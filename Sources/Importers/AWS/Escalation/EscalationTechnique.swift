import AccessGraph

/// One catalogued way for an IAM principal to gain more than its policies grant, with the
/// exact permissions it uses.
///
/// `EscalationCatalog.techniques` lists them all; docs/aws.md has the same list as a table.
struct EscalationTechnique: Sendable {
  /// The five classes of the public catalogues.
  enum Category: String, CaseIterable, Sendable {
    case credentials = "changing another user's credentials"
    case passRole = "passing a role to a service that runs code"
    case policy = "changing policies"
    case existingResource = "taking over a resource that runs with a role"
    case trust = "rewriting a role's trust policy"
  }

  /// The target of the technique, which decides where its edge points.
  enum Target: Sendable {
    /// Another IAM user of the same account; the edge `assumes` that user.
    case otherUser
    /// A role of the same account that trusts one of `services`; the edge `assumes` the role.
    /// `iam:PassRole` on the role is checked in addition to `permissions`. With
    /// `needsInstanceProfile`, the role must have an instance profile, or the caller must be
    /// allowed to create one and add the role to it.
    case roleTrustingService(services: [String], needsInstanceProfile: Bool = false)
    /// The caller itself, a group it is in, or a role it can assume, whose policies the
    /// permission changes. The edge `escalates` to the account admin privilege. The user or
    /// role whose policies change keeps its Deny statements and permissions boundary, so it
    /// must meet the rule of admin edges: no unconditional Deny of IAM actions on IAM as a
    /// whole, and no limit that fails to allow every action on every resource.
    case policyHolder(PolicyHolderKind)
    /// A customer managed policy attached to the caller, one of its groups, or a role it can
    /// assume. The edge `escalates` to the account admin privilege, and the rule of
    /// `policyHolder` applies to the user or role that gains.
    case attachedManagedPolicy(needsAdminVersion: Bool)
    /// A group of the same account that the caller, a user, is not in. The edge `escalates`
    /// to the account admin privilege when the group's policies allow every action on every
    /// resource and the caller as a member meets the rule of `policyHolder`, and to the group
    /// otherwise.
    case groupToJoin
    /// A workload node of `type` in the same account, optionally only those with the tag
    /// `tag`; the edge `controls` the workload, which `runsAs` its role.
    case workload(type: String, tag: (key: String, value: String)? = nil)
    /// A role of the same account other than the caller; the edge `assumes` the role.
    case roleTrustPolicy
  }

  enum PolicyHolderKind: String, Sendable {
    case user, group, role
  }

  /// One permission the technique needs.
  struct Permission: Sendable {
    let action: String
    /// For an action that creates a resource, the ARNs the new resource can have, with
    /// `{account}` for the caller's account. Nil when the action is checked on the target.
    let newResourceArea: String?

    /// Returns the area in the caller's partition and account, since a caller creates
    /// resources only there.
    func area(in account: String, partition: String) -> WildcardPattern? {
      guard let newResourceArea else { return nil }
      let text = newResourceArea.replacingOccurrences(of: "{account}", with: account)
        .replacingOccurrences(of: "arn:*:", with: "arn:\(partition):")
      return WildcardPattern(text, isCaseSensitive: true, readsPolicyVariables: false)
    }
  }

  let name: String
  let category: Category
  let target: Target
  let permissions: [Permission]

  /// The permissions as an edge lists them, `iam:PassRole` first for a pass-role technique.
  var edgeActions: [String] {
    let own = permissions.map(\.action)
    if case .roleTrustingService = target { return ["iam:PassRole"] + own }
    return own
  }

  var relation: Relation {
    switch target {
    case .otherUser, .roleTrustingService, .roleTrustPolicy: .assumes
    case .policyHolder, .attachedManagedPolicy, .groupToJoin: .escalates
    case .workload: .controls
    }
  }
}

extension EscalationTechnique.Permission {
  /// Returns a permission checked on the technique's target.
  static func onTarget(_ action: String) -> Self {
    Self(action: action, newResourceArea: nil)
  }

  /// Returns a permission checked on some resource in `area`, one the caller creates and
  /// names.
  static func onNew(_ action: String, in area: String) -> Self {
    Self(action: action, newResourceArea: area)
  }
}
