import AccessGraph

/// A user or role of an export in the run, with its node and identity permissions.
struct EvaluatedPrincipal {
  let arn: String
  let account: String
  /// The principal in words, such as `user alice`.
  let label: String
  let node: NodeID
  let permissions: PrincipalPermissions
  /// What is known of the principal's requests, for conditions that name the caller.
  var context: RequestContext = .unknown
}

/// Decides who can assume each role, as AWS decides it from the role's trust policy and the
/// caller's identity policies.
///
/// - A trust statement that names a user or role of the role's own account lets it assume
///   the role without an Allow of its own. A Deny of its own or of its permissions boundary
///   stops it, and so do its service control policies. AWS lets such a resource-based grant
///   to a user or a role session through the boundary, but a grant to a role's ARN needs the
///   role's boundary to allow it.
/// - A statement that names an account (its root ARN or bare id) lets each principal of that
///   account whose identity policies allow `sts:AssumeRole` on the role assume it.
/// - Across accounts both are needed: the trust names the caller or its account, and the
///   caller's identity policies allow `sts:AssumeRole` on the role.
/// - Wherever the caller's own Allow is needed, its permissions boundary and its service
///   control policies must allow `sts:AssumeRole` on the role too.
/// - A trusted account or principal outside the run cannot be checked, so it gets an edge
///   whose provenance says so. Service principals get a workload node per service and
///   account, and identity providers a node with a `federates` edge.
/// - A statement that names `*` gives an edge from a node for any AWS principal. It also lets
///   each principal of the run, in any account, whose identity policies allow
///   `sts:AssumeRole` on the role assume it, as a trusted account does.
/// - A Deny in the trust policy removes the principals it names; one with a condition marks
///   their edges conditional instead.
/// - A trust statement's conditions are narrowed to each caller of the run, so a clause on
///   the caller's tags or name is decided (see `PolicyStatement.specialized(for:)`).
struct TrustEvaluator {
  /// One edge from a trusted principal to a role.
  struct TrustEdge {
    enum Source {
      /// A principal of an export in the run, by index into `principals`.
      case principal(Int)
      /// A node to reference, because no export defines it.
      case node(Node)
    }

    let source: Source
    let relation: Relation
    let action: String
    var isConditional: Bool
    var provenance: Provenance
    /// The principal that a Deny statement must name to remove the edge.
    let subject: Subject
  }

  /// The trusted principal an edge stands for, as trust policies name it.
  struct Subject {
    var arn: String?
    var account: String?
    var service: String?
    var provider: String?
  }

  let principals: [EvaluatedPrincipal]
  private let principalIndexByARN: [String: Int]
  private let principalIndexesByAccount: [String: [Int]]
  private let exportedAccounts: Set<String>
  /// Each principal's statements that name `sts:AssumeRole`.
  private let assumePermissions: [PrincipalPermissions]
  /// Principals by the exact role ARNs their Allow statements name for `sts:AssumeRole`.
  private let assumersByRole: [String: [Int]]
  /// Principals, by account, that allow `sts:AssumeRole` on some pattern with a wildcard.
  private let patternAssumersByAccount: [String: [Int]]
  /// The groups of roles that trust their own account alike, with their edges, sorted by
  /// node id.
  let accountGroups: [AccountGroup]
  /// The index in `accountGroups` of each grouped role, by role ARN.
  private let accountGroupIndexByRole: [String: Int]
  /// Principals, by account, that `accountGroups` give an edge to each group of the account
  /// instead of one per role, because `sts:AssumeRole` is decided alike on every role there.
  private let uniformAssumersByAccount: [String: Set<Int>]

  static let assumeRole = "sts:AssumeRole"

  /// Indexes the principals by ARN, by account, and by the roles they may assume, and groups
  /// the roles that trust their own account alike.
  ///
  /// - Parameters:
  ///   - roles: The roles of the run, from which groups of at least `groupingThreshold`
  ///     roles that trust their own account alike are formed (see `AccountGroup`).
  ///   - groupingThreshold: The number of roles from which a group is formed.
  /// - Complexity: O(s + r · t + a · g) for s statements of all principals, r roles of at
  ///   most t trust statements, a principals that may assume roles by pattern and g groups.
  init(
    principals: [EvaluatedPrincipal], exportedAccounts: Set<String>, roles: [IAMRole] = [],
    groupingThreshold: Int = EscalationFinder.groupingThreshold
  ) {
    self.principals = principals
    self.exportedAccounts = exportedAccounts
    var byARN: [String: Int] = [:]
    var byAccount: [String: [Int]] = [:]
    var byRole: [String: [Int]] = [:]
    var byPattern: [String: [Int]] = [:]
    var limited: [PrincipalPermissions] = []

    for (index, principal) in principals.enumerated() {
      byARN[principal.arn] = byARN[principal.arn] ?? index
      byAccount[principal.account, default: []].append(index)
      let permissions = principal.permissions.limited(to: Self.assumeRole)
      limited.append(permissions)
      let (roles, namesPattern) = Self.assumableRoles(in: permissions)
      for role in roles {
        byRole[role, default: []].append(index)
      }
      if namesPattern { byPattern[principal.account, default: []].append(index) }
    }

    principalIndexByARN = byARN
    principalIndexesByAccount = byAccount
    assumePermissions = limited
    assumersByRole = byRole
    patternAssumersByAccount = byPattern

    var groups = Self.accountGroups(of: roles, threshold: groupingThreshold)
    var groupIndexByRole: [String: Int] = [:]
    var uniformByArea: [String: [Int: PrincipalPermissions.Decision]] = [:]
    var uniformByAccount: [String: Set<Int>] = [:]
    for (groupIndex, group) in groups.enumerated() {
      for role in group.roles {
        groupIndexByRole[role.arn] = groupIndex
      }
      let area = Self.everyRole(
        of: group.account, partition: ARN(group.roles[0].arn)?.partition ?? "aws")
      if uniformByArea[area.text] == nil {
        var decisions: [Int: PrincipalPermissions.Decision] = [:]
        for index in byPattern[group.account] ?? [] {
          guard let decision = limited[index].uniformDecision(for: Self.assumeRole, over: area)
          else { continue }
          decisions[index] = decision
        }
        uniformByArea[area.text] = decisions
        uniformByAccount[group.account, default: []].formUnion(decisions.keys)
      }
      groups[groupIndex].edges = Self.edges(
        into: group, uniformDecisions: uniformByArea[area.text] ?? [:], principals: principals)
    }
    accountGroups = groups
    accountGroupIndexByRole = groupIndexByRole
    uniformAssumersByAccount = uniformByAccount
  }

  /// Returns the exact role ARNs that Allow statements name, and whether any of them names
  /// a pattern with a wildcard or uses `NotResource`.
  private static func assumableRoles(
    in permissions: PrincipalPermissions
  ) -> (roles: Set<String>, namesPattern: Bool) {
    var roles: Set<String> = []
    var namesPattern = false
    for allow in permissions.allows {
      guard case .only(let patterns) = allow.statement.resources else {
        namesPattern = true
        continue
      }
      for pattern in patterns {
        if pattern.isSpecific {
          roles.insert(pattern.text)
        } else {
          namesPattern = true
        }
      }
    }
    return (roles, namesPattern)
  }

  /// Returns the edges into `role` that its trust policy and the callers' policies allow.
  ///
  /// - Parameter warn: Receives principals that cannot be resolved and trusts in anyone.
  /// - Complexity: O(t · (a + q)) for t trusted principals, where a counts the principals of a
  ///   trusted account (of every account for `*`) that may call `sts:AssumeRole` at all and q
  ///   is the cost of one `PrincipalPermissions.decision(for:on:)`.
  func edges(into role: IAMRole, warn: (ImportWarning) -> Void) -> [TrustEdge] {
    guard let trust = role.trustPolicy else { return [] }
    var edges: [TrustEdge] = []
    for statement in trust.statements where statement.effect == .allow {
      let principals = statement.principals ?? StatementPrincipals()
      let context = StatementContext(role: role, statement: statement)
      if statement.actions.contains(Self.assumeRole) {
        for name in principals.aws {
          edges += awsEdges(trusting: name, context, warn: warn)
        }
        for service in principals.services {
          edges.append(serviceEdge(service, context))
        }
      }
      for provider in principals.federated {
        if let edge = federatedEdge(provider, context, warn: warn) { edges.append(edge) }
      }
    }
    return applyingDenies(in: trust, to: edges, role: role)
  }

  /// The trust statement being read, with the words every edge's provenance starts with.
  private struct StatementContext {
    let role: IAMRole
    let statement: PolicyStatement

    func provenance(_ detail: String) -> Provenance {
      Provenance(
        file: role.file, location: statement.location,
        grant: "trust policy of role \(role.name), \(statement.label)\(detail)")
    }

    func warning(_ message: String) -> ImportWarning {
      ImportWarning(file: role.file, location: statement.location, message: message)
    }
  }

  private func awsEdges(
    trusting name: String, _ context: StatementContext, warn: (ImportWarning) -> Void
  ) -> [TrustEdge] {
    let role = context.role
    let conditional = context.statement.isConditional
    if name == "*" {
      warn(
        context.warning(
          "role \(role.name) trusts any AWS principal (\"*\")"
            + (conditional ? ", limited only by a condition" : "")))
      let anyPrincipalEdge = TrustEdge(
        source: .node(AWSNodes.anyPrincipal), relation: .assumes, action: Self.assumeRole,
        isConditional: conditional,
        provenance: context.provenance(", which trusts any AWS principal (\"*\")"),
        subject: Subject())
      return [anyPrincipalEdge] + anyPrincipalCallerEdges(context)
    }
    if let account = Self.trustedAccount(name) {
      return accountEdges(account, context)
    }
    if name.contains(utf8: "*") || name.contains(utf8: "?") {
      warn(
        context.warning(
          "trusted principal \"\(name)\" has a wildcard, which IAM accepts in a principal only "
            + "as \"*\" alone; it is skipped"))
      return []
    }
    guard let arn = ARN(name), arn.service == "iam" || arn.service == "sts" else {
      let reason =
        name.hasPrefix("AROA") || name.hasPrefix("AIDA")
        ? "a unique id, which IAM shows when the principal was deleted"
        : "neither an account nor a user or role ARN"
      warn(context.warning("trusted principal \"\(name)\" is \(reason); it is skipped"))
      return []
    }
    let sessionRoleARN = resolvedCallerARN(arn)
    let callerARN = sessionRoleARN ?? name
    if let index = principalIndexByARN[callerARN] {
      guard callerARN != role.arn,
        let edge = principalEdge(index, context, namesSession: sessionRoleARN != nil)
      else { return [] }
      return [edge]
    }
    if exportedAccounts.contains(arn.account) {
      warn(
        context.warning(
          "trusted principal \(name) is not in the export of account \(arn.account); the edge "
            + "from it is not checked against its own policies"))
    }
    return [
      TrustEdge(
        source: .node(AWSNodes.outsidePrincipal(arn)), relation: .assumes,
        action: Self.assumeRole, isConditional: conditional,
        provenance: context.provenance(
          ", which names \(name); its own permission to call sts:AssumeRole is not checked "
            + "because no export in the run lists it"),
        subject: Subject(arn: name, account: arn.account))
    ]
  }

  /// Returns the account that a trusted AWS principal names as a whole, given as a bare
  /// 12-digit id or an account root ARN.
  static func trustedAccount(_ name: String) -> String? {
    if ARN.isAccountID(name) { return name }
    guard let arn = ARN(name), arn.service == "iam", arn.resource == "root",
      ARN.isAccountID(arn.account)
    else {
      return nil
    }
    return arn.account
  }

  /// Returns the ARN of the exported role behind a session ARN such as
  /// `arn:aws:sts::123456789012:assumed-role/deploy/session`, or nil for any other ARN.
  func resolvedCallerARN(_ arn: ARN) -> String? {
    guard arn.service == "sts", arn.resourceType == "assumed-role" else { return nil }
    let parts = arn.resource.split(separator: "/")
    guard parts.count >= 2 else { return nil }
    let roleName = String(parts[1])
    return principalIndexesByAccount[arn.account]?
      .map { principals[$0].arn }
      .first { ARN($0)?.resourceType == "role" && ARN($0)?.resourceName == roleName }
  }

  private func accountEdges(_ account: String, _ context: StatementContext) -> [TrustEdge] {
    let role = context.role
    let subject = Subject(account: account)
    guard exportedAccounts.contains(account) else {
      return [
        TrustEdge(
          source: .node(AWSNodes.accountScope(account)), relation: .assumes,
          action: Self.assumeRole, isConditional: context.statement.isConditional,
          provenance: context.provenance(
            ", which trusts account \(account); the account is not in the run, so which of "
              + "its principals may call sts:AssumeRole is not checked"),
          subject: subject)
      ]
    }
    var candidates = Set(patternAssumersByAccount[account] ?? [])
    for index in assumersByRole[role.arn] ?? [] where principals[index].account == account {
      candidates.insert(index)
    }
    // These principals reach the role through the edge to its group instead.
    if account == role.account, accountGroupIndexByRole[role.arn] != nil {
      candidates.subtract(uniformAssumersByAccount[account] ?? [])
    }
    return callerAllowedEdges(from: candidates, trusting: "account \(account)", context)
  }

  /// Returns the edges from the principals of the run, in every account, that a trust in any
  /// AWS principal (`*`) lets assume the role because their own policies allow it.
  private func anyPrincipalCallerEdges(_ context: StatementContext) -> [TrustEdge] {
    var candidates = Set(patternAssumersByAccount.values.joined())
    candidates.formUnion(assumersByRole[context.role.arn] ?? [])
    return callerAllowedEdges(
      from: candidates, trusting: "any AWS principal (\"*\")", context)
  }

  /// Returns an edge from each of `candidates` whose identity policies allow `sts:AssumeRole`
  /// on the role after their Deny statements, naming `trusted` as what the statement trusts.
  private func callerAllowedEdges(
    from candidates: Set<Int>, trusting trusted: String, _ context: StatementContext
  ) -> [TrustEdge] {
    let role = context.role
    var edges: [TrustEdge] = []
    for index in candidates.sorted() {
      let caller = principals[index]
      guard caller.arn != role.arn,
        let trust = context.statement.specialized(for: caller.context),
        let decision = assumePermissions[index].decision(for: Self.assumeRole, on: role.arn),
        let allow = decision.allow
      else { continue }
      edges.append(
        TrustEdge(
          source: .principal(index), relation: .assumes, action: Self.assumeRole,
          isConditional: trust.isConditional || decision.isConditional,
          provenance: context.provenance(
            ", which trusts \(trusted); sts:AssumeRole allowed by \(allow.description)"
              + decision.conditionNote),
          subject: Subject(arn: caller.arn, account: caller.account)))
    }
    return edges
  }

  /// Returns the edge from a principal of the run that the trust names by ARN, unless a
  /// Deny of the principal's own, its service control policies, its permissions boundary or
  /// a missing Allow stops it.
  ///
  /// - Parameter namesSession: Whether the trust names a session of the principal, which is
  ///   a role, rather than its own ARN.
  private func principalEdge(
    _ index: Int, _ context: StatementContext, namesSession: Bool
  ) -> TrustEdge? {
    let caller = principals[index]
    let role = context.role
    let decision: PrincipalPermissions.Decision?
    var detail = ", which names \(caller.label)"
    let permissions = assumePermissions[index]
    if caller.account == role.account {
      let namesRoleARN = !namesSession && ARN(caller.arn)?.resourceType == "role"
      decision = permissions.directGrantDecision(
        for: Self.assumeRole, on: role.arn, isBoundaryApplied: namesRoleARN)
    } else {
      decision = permissions.decision(for: Self.assumeRole, on: role.arn)
      if let allow = decision?.allow {
        detail += " in account \(caller.account); sts:AssumeRole allowed by \(allow.description)"
      }
    }
    guard let decision, let trust = context.statement.specialized(for: caller.context) else {
      return nil
    }
    return TrustEdge(
      source: .principal(index), relation: .assumes, action: Self.assumeRole,
      isConditional: trust.isConditional || decision.isConditional,
      provenance: context.provenance(detail + decision.conditionNote),
      subject: Subject(arn: caller.arn, account: caller.account))
  }

  private func serviceEdge(_ service: String, _ context: StatementContext) -> TrustEdge {
    TrustEdge(
      source: .node(AWSNodes.serviceWorkload(service, account: context.role.account)),
      relation: .assumes, action: Self.assumeRole,
      isConditional: context.statement.isConditional,
      provenance: context.provenance(", which trusts the service \(service)"),
      subject: Subject(service: service))
  }

  private func federatedEdge(
    _ provider: String, _ context: StatementContext, warn: (ImportWarning) -> Void
  ) -> TrustEdge? {
    let action =
      provider.contains(utf8: ":saml-provider/")
      ? "sts:AssumeRoleWithSAML" : "sts:AssumeRoleWithWebIdentity"
    guard context.statement.actions.contains(action) else { return nil }
    if !context.statement.hasCondition {
      warn(
        context.warning(
          "role \(context.role.name) trusts the identity provider \(provider) without a "
            + "condition, so every identity the provider issues tokens for can assume it"))
    }
    return TrustEdge(
      source: .node(AWSNodes.identityProvider(provider)), relation: .federates,
      action: action, isConditional: context.statement.isConditional,
      provenance: context.provenance(", which trusts the identity provider \(provider)"),
      subject: Subject(provider: provider))
  }

  /// One edge from a principal of the run to a role in an account outside the run.
  struct OutsideRoleEdge {
    let role: Node
    let isConditional: Bool
    let provenance: Provenance
  }

  /// Returns the edges from a principal to the roles of accounts outside the run that its
  /// policies allow it to assume by exact ARN.
  ///
  /// The role's trust policy is not in the run, so it is not checked, and the provenance
  /// states that.
  /// A wildcard role pattern makes no such edge: it reaches the account as a whole through
  /// `AccessEvaluator`.
  func edgesToOutsideRoles(from index: Int) -> [OutsideRoleEdge] {
    let permissions = assumePermissions[index]
    var edges: [OutsideRoleEdge] = []
    for allow in permissions.allows where allow.statement.actions.contains(Self.assumeRole) {
      guard case .only(let patterns) = allow.statement.resources else { continue }
      for pattern in patterns where pattern.isSpecific {
        guard let arn = ARN(pattern.text), arn.service == "iam", arn.resourceType == "role",
          ARN.isAccountID(arn.account), !exportedAccounts.contains(arn.account),
          let decision = permissions.decision(
            for: Self.assumeRole, on: pattern.text, grantedBy: .identityPolicy)
        else { continue }
        edges.append(
          OutsideRoleEdge(
            role: AWSNodes.outsidePrincipal(arn),
            isConditional: allow.statement.isConditional || decision.isConditional,
            provenance: allow.provenance(
              adding: "; account \(arn.account) is not in the run, so the role's trust policy "
                + "is not checked" + decision.conditionNote)))
      }
    }
    return edges
  }

  /// Removes the edges that an unconditional Deny of the trust policy names, and marks
  /// those that a conditional Deny names.
  private func applyingDenies(
    in trust: PolicyDocument, to edges: [TrustEdge], role: IAMRole
  ) -> [TrustEdge] {
    let denies = trust.statements.filter { $0.effect == .deny }
    guard !denies.isEmpty else { return edges }
    return edges.compactMap { edge in
      var edge = edge
      var isDenyNoted = false
      for deny in denies where deny.actions.contains(edge.action) {
        guard Self.names(deny.principals ?? StatementPrincipals(), edge.subject) else { continue }
        guard deny.isConditional else { return nil }
        guard !isDenyNoted else { continue }
        edge.isConditional = true
        edge.provenance.grant +=
          "; a Deny with a condition may remove it (trust policy of role \(role.name), "
          + "\(deny.label))"
        isDenyNoted = true
      }
      return edge
    }
  }

  /// Returns whether a Deny statement's principals include `subject`.
  private static func names(_ principals: StatementPrincipals, _ subject: Subject) -> Bool {
    if principals.aws.contains("*") { return true }
    if let arn = subject.arn, principals.aws.contains(arn) { return true }
    if let account = subject.account,
      principals.aws.contains(where: { trustedAccount($0) == account })
    {
      return true
    }
    if let service = subject.service, principals.services.contains(service) { return true }
    if let provider = subject.provider, principals.federated.contains(provider) { return true }
    return false
  }
}
