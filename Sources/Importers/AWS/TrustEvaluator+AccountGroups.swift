import AccessGraph

extension TrustEvaluator {
  /// Roles of one account whose trust policies let the account's principals assume them
  /// alike, with one `assumes` edge to the group from each principal whose own policies
  /// decide `sts:AssumeRole` alike on every role of the account.
  ///
  /// A role belongs to such a group when exactly one Allow statement of its trust policy
  /// names its own account, by root ARN or bare id, for `sts:AssumeRole`. No statement may
  /// name `*` or a user, role or session of the account, and no Deny statement may name
  /// `*`, the account or one of its principals. The roles of one group have the same
  /// conditions in that statement, so `PolicyStatement.specialized(for:)` narrows the
  /// statement alike for each caller.
  struct AccountGroup {
    /// The group node, kind `scope` and type `aws-identity-group`.
    let node: Node
    let account: String
    /// The roles, sorted by ARN.
    let roles: [IAMRole]
    /// The statement of the first role that names the account.
    let statement: PolicyStatement
    /// The edges into the group, from principals of the account by index.
    var edges: [TrustEdge] = []
  }

  /// The account, partition and conditions that two roles share when they trust their own
  /// account alike.
  private struct AccountTrustKey: Hashable {
    let account: String
    let partition: String
    let conditions: [ConditionClause]
    let actionsHavePolicyVariable: Bool
  }

  /// Returns the groups of at least `threshold` roles that trust their own account alike,
  /// sorted by node id, without edges.
  ///
  /// - Complexity: O(r · s) for r roles of at most s trust statements each.
  static func accountGroups(of roles: [IAMRole], threshold: Int) -> [AccountGroup] {
    var membersByKey: [AccountTrustKey: [(role: IAMRole, statement: PolicyStatement)]] = [:]
    for role in roles {
      guard let (key, statement) = accountTrust(of: role) else { continue }
      membersByKey[key, default: []].append((role, statement))
    }
    var groups: [AccountGroup] = []
    for (key, members) in membersByKey where members.count >= threshold {
      let sorted = members.sorted { $0.role.arn < $1.role.arn }
      groups.append(
        AccountGroup(
          node: groupNode(for: key), account: key.account, roles: sorted.map(\.role),
          statement: sorted[0].statement))
    }
    return groups.sorted { $0.node.id < $1.node.id }
  }

  /// Returns the key and the statement by which `role` trusts its own account, or nil when
  /// its trust policy does not qualify it for a group, as `AccountGroup` describes.
  private static func accountTrust(of role: IAMRole) -> (AccountTrustKey, PolicyStatement)? {
    guard let trust = role.trustPolicy, let roleARN = ARN(role.arn) else { return nil }
    var found: PolicyStatement?
    for statement in trust.statements where statement.actions.contains(assumeRole) {
      for name in statement.principals?.aws ?? [] {
        let namesAccount = trustedAccount(name) == role.account
        let namesPrincipalOfAccount = ARN(name)?.account == role.account && !namesAccount
        if name == "*" || namesPrincipalOfAccount { return nil }
        guard namesAccount else { continue }
        if statement.effect == .deny || found != nil { return nil }
        found = statement
      }
    }
    guard let found else { return nil }
    let key = AccountTrustKey(
      account: role.account, partition: roleARN.partition, conditions: found.conditions,
      actionsHavePolicyVariable: found.actions.hasPolicyVariable)
    return (key, found)
  }

  /// Returns the group node for roles that trust `key.account` with `key.conditions`:
  /// `aws:account/<account>/roles-trusting/<account>`, followed by `/if/` and the
  /// conditions when there are any, such as
  /// `.../if/Bool:aws:MultiFactorAuthPresent=true`.
  private static func groupNode(for key: AccountTrustKey) -> Node {
    var kind = "roles-trusting/\(key.account)"
    var name = "IAM roles of \(key.account) that trust the account"
    let clauses = key.conditions.map {
      "\($0.operatorName):\($0.key)=\($0.values.joined(separator: ","))"
    }
    if !clauses.isEmpty {
      kind += "/if/" + clauses.joined(separator: "&")
      name += " if " + clauses.joined(separator: " and ")
    }
    if key.actionsHavePolicyVariable {
      kind += "/with-policy-variable"
      name += ", for actions with a policy variable"
    }
    return AWSNodes.identityGroup(kind, account: key.account, name: name)
  }

  /// Returns the ARN pattern of every role of `account`: `arn:<partition>:iam::<account>:role/*`.
  static func everyRole(of account: String, partition: String) -> WildcardPattern {
    WildcardPattern(
      "arn:\(partition):iam::\(account):role/*", isCaseSensitive: true,
      readsPolicyVariables: false)
  }

  /// Returns the edges into `group` from the principals of its account whose decision on
  /// `sts:AssumeRole`, in `uniformDecisions`, is the same for every role of the account.
  ///
  /// Each edge is what `callerAllowedEdges` would give for every role of the group. The
  /// trust statement is narrowed to the caller, and the edge is conditional when the
  /// statement or the caller's decision still has a condition.
  ///
  /// - Complexity: O(u · c) for u such principals and c conditions of the statement.
  static func edges(
    into group: AccountGroup, uniformDecisions: [Int: PrincipalPermissions.Decision],
    principals: [EvaluatedPrincipal]
  ) -> [TrustEdge] {
    let first = group.roles[0]
    let area = everyRole(of: group.account, partition: ARN(first.arn)?.partition ?? "aws")
    var edges: [TrustEdge] = []
    for (index, decision) in uniformDecisions.sorted(by: { $0.key < $1.key }) {
      let caller = principals[index]
      guard let trust = group.statement.specialized(for: caller.context),
        let allow = decision.allow
      else { continue }
      let grant =
        "trust policy of role \(first.name), \(group.statement.label), which trusts account "
        + "\(group.account) as the trust policies of all \(group.roles.count) roles of the "
        + "group \(group.node.name) do; sts:AssumeRole allowed on every role of the account "
        + "(\(area.text)) by \(allow.description)" + decision.conditionNote
      edges.append(
        TrustEdge(
          source: .principal(index), relation: .assumes, action: assumeRole,
          isConditional: trust.isConditional || decision.isConditional,
          provenance: Provenance(
            file: first.file, location: group.statement.location, grant: grant),
          subject: Subject(arn: caller.arn, account: caller.account)))
    }
    return edges
  }
}
