import AccessGraph

/// Applies the resource policies of a run, as AWS evaluates a resource policy together with
/// the caller's identity policies.
///
/// - In the resource's own account, an Allow that names a user or role by ARN grants access
///   on its own, without an Allow of the principal's own. A Deny of the principal's own or
///   of its permissions boundary still removes what it covers, and a grant to a role's ARN
///   needs the role's boundary to allow it too. A grant to a role session
///   (`arn:aws:sts::<account>:assumed-role/<role>/<session>`) is not limited by the boundary,
///   so it gives the role an edge as well.
/// - Naming the account (its root ARN or bare id) leaves access to the identity policies.
/// - A key policy is needed for any access to a KMS key: identity policies grant access to
///   the key only as far as a key policy statement that names the account, or `*`, allows.
/// - Across accounts, both are needed: an identity policy Allow and a resource policy Allow
///   that names the caller, its account or `*`. The edge keeps the actions both allow.
/// - `*` gives an edge from the node for any AWS principal, and a service principal one
///   from the service's node. A principal or account that no export in the run lists gets an
///   edge from a node of its own, whose provenance states that its policies are not checked.
/// - A Deny removes what it covers from every grant of the principals it names, identity
///   grants included. With a condition, or when it names only some sessions of a role, it
///   marks them conditional instead. A Deny with `NotPrincipal` applies to everyone it does
///   not list and always to a principal with a permissions boundary, as AWS documents.
struct ResourcePolicyEvaluator {
  /// One resource policy of the run with its resource's node.
  struct Entry {
    let policy: ResourcePolicy
    let node: NodeID
    /// The 12-digit account that owns the resource, or empty when no input gives it.
    let account: String
    let allows: [StatementGrant]
    let denies: [StatementGrant]

    /// - Parameters:
    ///   - policy: A resource policy with a document.
    ///   - node: The node of the policy's resource.
    ///   - account: The resource's account, from the policy or from the node.
    init(policy: ResourcePolicy, node: NodeID, account: String) {
      self.policy = policy
      self.node = node
      self.account = account
      var allows: [StatementGrant] = []
      var denies: [StatementGrant] = []
      for statement in policy.document?.statements ?? [] {
        let grant = StatementGrant(
          statement: statement, file: policy.file,
          description: "\(policy.label), \(statement.label)")
        if statement.effect == .allow { allows.append(grant) } else { denies.append(grant) }
      }
      self.allows = allows
      self.denies = denies
    }

    private init(entry: Entry, allows: [StatementGrant], denies: [StatementGrant]) {
      self.policy = entry.policy
      self.node = entry.node
      self.account = entry.account
      self.allows = allows
      self.denies = denies
    }

    /// Returns the entry with each statement narrowed to one principal's requests, leaving
    /// out the statements that can never apply to it.
    ///
    /// - Complexity: O(s · c) for s statements of at most c condition clauses.
    func specialized(for context: RequestContext) -> Entry {
      func narrowed(_ grants: [StatementGrant]) -> [StatementGrant] {
        grants.compactMap { $0.specialized(for: context) }
      }
      return Entry(entry: self, allows: narrowed(allows), denies: narrowed(denies))
    }

    /// The pattern `<service>:*` for the resource's service.
    var service: WildcardPattern {
      WildcardPattern(policy.resource.arn.service + ":*", isCaseSensitive: false)
    }
  }

  /// One edge that a resource policy makes without the caller's own Allow.
  struct PolicyEdge {
    enum Source {
      /// A principal of an export in the run, by index into `principals`.
      case principal(Int)
      /// A node to reference, because no export defines it.
      case node(Node)
    }

    let source: Source
    let target: NodeID
    let actions: [String]
    let isConditional: Bool
    let provenance: Provenance
  }

  /// Whom a grant goes to, as a resource policy statement may name it. A subject with no
  /// field set is any AWS principal.
  private struct Subject {
    /// The user or role ARN.
    var arn: String?
    var isRole = false
    var account: String?
    var service: String?
    /// Whether a permissions boundary that the run lists limits the principal.
    var hasBoundary = false
  }

  /// How far a statement's principals include a subject.
  private enum Naming {
    case none
    case whole
    /// Only some of what the subject stands for, for the reason given.
    case part(String)
  }

  let principals: [EvaluatedPrincipal]
  let entries: [Entry]
  private let entryByNode: [NodeID: Int]
  private let principalIndexByARN: [String: Int]
  /// Roles of the run by `<account>/<role name>`, to resolve session ARNs.
  private let roleIndexByAccountAndName: [String: Int]
  private let exportedAccounts: Set<String>

  /// Indexes the resource policies by node and the principals by ARN.
  ///
  /// - Complexity: O(r + s + p) for r policies of s statements in all and p principals.
  init(entries: [Entry], principals: [EvaluatedPrincipal], exportedAccounts: Set<String>) {
    self.entries = entries
    self.principals = principals
    self.exportedAccounts = exportedAccounts
    var byNode: [NodeID: Int] = [:]
    for (index, entry) in entries.enumerated() where byNode[entry.node] == nil {
      byNode[entry.node] = index
    }
    var byARN: [String: Int] = [:]
    var roles: [String: Int] = [:]
    for (index, principal) in principals.enumerated() {
      byARN[principal.arn] = byARN[principal.arn] ?? index
      if let arn = ARN(principal.arn), arn.resourceType == "role" {
        roles[principal.account + "/" + arn.resourceName] = index
      }
    }
    entryByNode = byNode
    principalIndexByARN = byARN
    roleIndexByAccountAndName = roles
  }

  /// The nodes of the resources whose policy the run includes.
  var resourceNodes: Set<NodeID> { Set(entryByNode.keys) }

  // MARK: Identity grants

  /// Returns an identity-policy grant of one principal after the target's resource policy,
  /// or nil when the policy leaves no action.
  ///
  /// A grant on a resource without a policy in the run, or on an account, is returned as it
  /// is. The resource policy must allow the grant too when the resource belongs to another
  /// account or is a KMS key, and its Deny statements that name the principal apply.
  ///
  /// - Complexity: O(s · q) for s statements in the resource policy and q the cost of one
  ///   `PrincipalPermissions.intersection(of:on:allowedBy:)` or `remainder(of:on:after:)`.
  func applying(to grant: AccessEvaluator.Grant, of index: Int) -> AccessEvaluator.Grant? {
    guard case .resource(let node) = grant.target, let slot = entryByNode[node] else {
      return grant
    }
    let principal = principals[index]
    let entry = entries[slot].specialized(for: principal.context)
    let isSameAccount = entry.account.isEmpty || entry.account == principal.account
    var result = grant
    if !isSameAccount || entry.policy.kind == .key {
      guard
        let allowed = allowedPart(
          of: grant, to: principal, by: entry, isSameAccount: isSameAccount)
      else { return nil }
      result = allowed
    }

    let denied = applyingDenies(
      of: entry, to: result.actionSet, on: grant.area, for: subject(of: principal), after: [])
    let actions = denied.actions.restricted(to: entry.service)
    guard !actions.isEmpty else { return nil }
    result.actionSet = actions
    result.isConditional = result.isConditional || denied.isConditional
    result.provenance.grant += denied.note
    return result
  }

  /// Keeps the part of an identity-policy grant that the resource policy allows too, with
  /// the resource policy statement named in the provenance, or returns nil when it allows
  /// none of it.
  private func allowedPart(
    of grant: AccessEvaluator.Grant, to principal: EvaluatedPrincipal, by entry: Entry,
    isSameAccount: Bool
  ) -> AccessEvaluator.Grant? {
    let enabling = entry.allows.filter {
      enables($0.statement, principal, isSameAccount: isSameAccount)
    }
    let allowed = PrincipalPermissions.intersection(
      of: grant.actionSet, on: grant.area, allowedBy: enabling)
    let actions = allowed.actions.restricted(to: entry.service)
    guard !actions.isEmpty else { return nil }

    var result = grant
    result.actionSet = actions
    let named =
      enabling.first {
        !$0.statement.isConditional && $0.statement.resources?.covers(grant.area) == true
          && actions.overlaps($0.statement.actions)
      } ?? allowed.conditionalAllow
    if let named {
      let verb = isSameAccount ? "enabled by" : "allowed too by"
      result.provenance.grant +=
        "; \(verb) \(named.description)\(namesClause(named.statement, principal)) "
        + "(\(named.file):\(named.statement.location))"
    }
    if let conditional = allowed.conditionalAllow {
      result.isConditional = true
      if conditional.key != named?.key {
        result.provenance.grant += "; \(conditional.description) allows it only under a condition"
      }
    }
    return result
  }

  /// Returns whether an Allow of the resource policy lets the identity policies of
  /// `principal` grant access, because it names `*` or the principal's account, or, across
  /// accounts, the principal itself or a session of it.
  private func enables(
    _ statement: PolicyStatement, _ principal: EvaluatedPrincipal, isSameAccount: Bool
  ) -> Bool {
    let names = statement.principals?.aws ?? []
    if names.contains("*") { return true }
    if names.contains(where: { TrustEvaluator.trustedAccount($0) == principal.account }) {
      return true
    }
    guard !isSameAccount else { return false }
    return names.contains { name in
      name == principal.arn || sessionRoleIndex(name).map { principals[$0].arn } == principal.arn
    }
  }

  /// Describes what a statement names that covers `principal`, such as
  /// `, which names account 111122223333`.
  private func namesClause(_ statement: PolicyStatement, _ principal: EvaluatedPrincipal) -> String
  {
    let names = statement.principals?.aws ?? []
    if names.contains("*") { return ", which allows any AWS principal (\"*\")" }
    if names.contains(where: { TrustEvaluator.trustedAccount($0) == principal.account }) {
      return ", which names account \(principal.account)"
    }
    return ", which names \(principal.label)"
  }

  // MARK: Grants of the resource policies themselves

  /// Returns the edges that the resource policies make without the caller's own Allow.
  ///
  /// - Parameter warn: Receives public resources and principals that cannot be resolved.
  /// - Complexity: O(s · n · q) for s statements naming n principals each, where q is the
  ///   cost of applying one principal's Deny statements and the policy's.
  func edges(warn: (ImportWarning) -> Void) -> [PolicyEdge] {
    var edges: [PolicyEdge] = []
    for entry in entries {
      for allow in entry.allows {
        let statement = allow.statement
        let actions = ActionSet(statement.actions).restricted(to: entry.service)
        let area = statement.resources?.intersection(with: entry.policy.resource.area) ?? []
        guard !actions.isEmpty, !area.isEmpty, let named = statement.principals else { continue }
        let context = StatementContext(entry: entry, allow: allow, actions: actions, area: area)
        for name in named.aws {
          edges += awsEdges(naming: name, context, warn: warn)
        }
        for service in named.services {
          let source = AWSNodes.serviceWorkload(service, account: entry.account)
          let edge = context.edge(
            from: .node(source), subject: Subject(service: service),
            detail: ", which trusts the service \(service)", evaluator: self)
          if let edge { edges.append(edge) }
        }
        for provider in named.federated {
          warn(
            context.warning(
              "federated principal \"\(provider)\" in a resource policy is not resolved to a "
                + "node; it is skipped"))
        }
      }
    }
    return edges
  }

  /// One Allow of a resource policy being read, with what it grants on the resource.
  private struct StatementContext {
    let entry: Entry
    let allow: StatementGrant
    /// The statement's actions that apply to the resource's service.
    let actions: ActionSet
    /// The part of the resource that the statement's resources reach.
    let area: [WildcardPattern]

    func warning(_ message: String) -> ImportWarning {
      ImportWarning(file: allow.file, location: allow.statement.location, message: message)
    }

    /// Returns the context narrowed to one principal's requests, or nil when the statement
    /// can never apply to it or grants nothing on the resource then.
    func specialized(for context: RequestContext) -> StatementContext? {
      guard let narrowed = allow.specialized(for: context) else { return nil }
      let area = narrowed.statement.resources?.intersection(with: entry.policy.resource.area)
      guard let area, !area.isEmpty else { return nil }
      return StatementContext(
        entry: entry.specialized(for: context), allow: narrowed, actions: actions, area: area)
    }

    /// Returns the edge from `source` after the Deny statements that name `subject`, or nil
    /// when they leave no action.
    func edge(
      from source: PolicyEdge.Source, subject: Subject, detail: String,
      evaluator: ResourcePolicyEvaluator, actions: ActionSet? = nil,
      ownDenies: [StatementGrant] = [], conditionalAllow: StatementGrant? = nil
    ) -> PolicyEdge? {
      let denied = evaluator.applyingDenies(
        of: entry, to: actions ?? self.actions, on: area, for: subject, after: ownDenies)
      let left = denied.actions.restricted(to: entry.service)
      guard !left.isEmpty else { return nil }
      var note = denied.note
      if let conditionalAllow {
        note +=
          "; the permissions boundary allows it only under a condition "
          + "(\(conditionalAllow.description))"
      }
      return PolicyEdge(
        source: source, target: entry.node, actions: left.edgeActions,
        isConditional: allow.statement.isConditional || denied.isConditional
          || conditionalAllow != nil,
        provenance: allow.provenance(adding: detail + note))
    }
  }

  private func awsEdges(
    naming name: String, _ context: StatementContext, warn: (ImportWarning) -> Void
  ) -> [PolicyEdge] {
    let entry = context.entry
    let statement = context.allow.statement
    if name == "*" {
      if !statement.isConditional {
        warn(
          context.warning(
            "\(context.allow.description) allows any AWS principal (\"*\") without a "
              + "condition, so the \(entry.policy.kind.resourceWord) "
              + "\(entry.policy.resource.name) is public"))
      }
      let edge = context.edge(
        from: .node(AWSNodes.anyPrincipal), subject: Subject(),
        detail: ", which allows any AWS principal (\"*\")", evaluator: self)
      return edge.map { [$0] } ?? []
    }
    if let account = TrustEvaluator.trustedAccount(name) {
      guard account != entry.account, !exportedAccounts.contains(account) else { return [] }
      let edge = context.edge(
        from: .node(AWSNodes.accountScope(account)), subject: Subject(account: account),
        detail: ", which names account \(account); the account is not in the run, so which of "
          + "its principals may use it is not checked",
        evaluator: self)
      return edge.map { [$0] } ?? []
    }
    if name.contains(utf8: "*") || name.contains(utf8: "?") {
      warn(
        context.warning(
          "principal \"\(name)\" has a wildcard, which AWS accepts in a principal only as \"*\" "
            + "alone; it is skipped"))
      return []
    }
    guard let arn = ARN(name), arn.service == "iam" || arn.service == "sts" else {
      let reason =
        name.hasPrefix("AROA") || name.hasPrefix("AIDA")
        ? "a unique id, which AWS shows when the principal was deleted"
        : "neither an account nor a user or role ARN"
      warn(context.warning("principal \"\(name)\" is \(reason); it is skipped"))
      return []
    }
    let sessionRole = sessionRoleIndex(name)
    if let index = sessionRole ?? principalIndexByARN[name] {
      let edge = principalEdge(index, namesSession: sessionRole != nil, name: name, context)
      return edge.map { [$0] } ?? []
    }
    if exportedAccounts.contains(arn.account) {
      warn(
        context.warning(
          "principal \(name) is not in the export of account \(arn.account); the edge from it "
            + "is not checked against its own policies"))
    }
    let edge = context.edge(
      from: .node(AWSNodes.outsidePrincipal(arn)),
      subject: Subject(
        arn: name, isRole: arn.resourceType == "role",
        account: ARN.isAccountID(arn.account) ? arn.account : nil),
      detail: ", which names \(name); its own policies are not checked because no export "
        + "in the run lists it",
      evaluator: self)
    return edge.map { [$0] } ?? []
  }

  /// Returns the edge from a principal of the run that a statement names, when the
  /// principal is in the resource's account. Across accounts the principal's identity
  /// policies must allow the access too, which `applying(to:of:)` checks.
  private func principalEdge(
    _ index: Int, namesSession: Bool, name: String, _ statementContext: StatementContext
  ) -> PolicyEdge? {
    let principal = principals[index]
    let entry = statementContext.entry
    guard entry.account.isEmpty || entry.account == principal.account,
      let context = statementContext.specialized(for: principal.context)
    else { return nil }
    let permissions = principal.permissions
    var actions = context.actions
    var conditionalAllow: StatementGrant?
    // A grant to a role's ARN is limited like the role's own policies; a grant to a user or
    // a session only by the service control policies.
    let isRole = ARN(principal.arn)?.resourceType == "role"
    let source: PrincipalPermissions.GrantSource =
      isRole && !namesSession ? .identityPolicy : .resourcePolicy
    let bounded = permissions.bounded(actions, on: context.area, grantedBy: source)
    actions = bounded.actions
    conditionalAllow = bounded.conditions.first?.allow
    let detail =
      namesSession
      ? ", which names \(name), a session of \(principal.label)"
      : ", which names \(principal.label)"
    return context.edge(
      from: .principal(index), subject: subject(of: principal), detail: detail,
      evaluator: self, actions: actions, ownDenies: permissions.denies,
      conditionalAllow: conditionalAllow)
  }

  /// Returns the role of the run behind a session ARN such as
  /// `arn:aws:sts::123456789012:assumed-role/deploy/session`, or nil for any other name.
  private func sessionRoleIndex(_ name: String) -> Int? {
    guard let arn = ARN(name), arn.service == "sts", arn.resourceType == "assumed-role" else {
      return nil
    }
    let parts = arn.resource.split(separator: "/")
    guard parts.count >= 2 else { return nil }
    return roleIndexByAccountAndName[arn.account + "/" + parts[1]]
  }

  // MARK: Deny statements

  private func subject(of principal: EvaluatedPrincipal) -> Subject {
    Subject(
      arn: principal.arn, isRole: ARN(principal.arn)?.resourceType == "role",
      account: principal.account, hasBoundary: principal.permissions.hasPermissionsBoundary)
  }

  /// Applies `ownDenies` and the Deny statements of the resource policy that name `subject`
  /// to what one grant allows on the resource.
  ///
  /// - Returns: The actions left, whether a Deny may still remove them, and a note for the
  ///   provenance that names that Deny.
  private func applyingDenies(
    of entry: Entry, to actions: ActionSet, on area: [WildcardPattern], for subject: Subject,
    after ownDenies: [StatementGrant]
  ) -> (actions: ActionSet, isConditional: Bool, note: String) {
    var whole: [StatementGrant] = []
    var partial: [(deny: StatementGrant, reason: String)] = []
    for deny in entry.denies {
      switch naming(of: subject, by: deny.statement) {
      case .none: continue
      case .whole: whole.append(deny)
      case .part(let reason): partial.append((deny, reason))
      }
    }
    let remainder = PrincipalPermissions.remainder(
      of: actions, on: area, after: ownDenies + whole)
    var note = ""
    var isConditional = false
    if let deny = remainder.conditionalDeny {
      note += "; a Deny with a condition may remove it (\(deny.description))"
      isConditional = true
    }
    let mayApply = partial.first { deny, _ in
      remainder.actions.overlaps(deny.statement.actions)
        && deny.statement.resources?.overlaps(area) == true
    }
    if let (deny, reason) = mayApply {
      note += "; a Deny may remove it, because \(reason) (\(deny.description))"
      isConditional = true
    }
    return (remainder.actions, isConditional, note)
  }

  /// Returns how far a Deny statement's `Principal` or `NotPrincipal` covers `subject`.
  private func naming(of subject: Subject, by statement: PolicyStatement) -> Naming {
    if let excluded = statement.excludedPrincipals {
      return naming(of: subject, exceptFor: excluded)
    }
    guard let named = statement.principals else { return .none }
    if named.aws.contains("*") { return .whole }
    if let arn = subject.arn, named.aws.contains(arn) { return .whole }
    if let account = subject.account,
      named.aws.contains(where: { TrustEvaluator.trustedAccount($0) == account })
    {
      return .whole
    }
    if let service = subject.service, named.services.contains(service) { return .whole }
    if let arn = subject.arn, subject.isRole,
      let session = named.aws.first(where: { names(session: $0, of: arn) })
    {
      return .part("it names only the session \(session)")
    }
    if subject.arn == nil, subject.service == nil, let account = subject.account,
      named.aws.contains(where: { ARN($0)?.account == account })
    {
      return .part("it names some principals of account \(account)")
    }
    return .none
  }

  /// Returns how far a Deny with `NotPrincipal` covers `subject`, which is everyone it does
  /// not list.
  ///
  /// AWS checks the account before the user or role, so a principal is left out only when
  /// both its account and its ARN are listed, and listing the account alone leaves out only
  /// the account's root user. AWS documents that listing the ARN without the account may
  /// deny the whole account, so that case marks the edge conditional. A Deny with
  /// `NotPrincipal` always applies to a principal with a permissions boundary.
  private func naming(of subject: Subject, exceptFor excluded: StatementPrincipals) -> Naming {
    if excluded.aws.contains("*") { return .none }
    if let service = subject.service {
      return excluded.services.contains(service) ? .none : .whole
    }
    guard let account = subject.account else { return .whole }
    let listsAccount = excluded.aws.contains { TrustEvaluator.trustedAccount($0) == account }
    guard let arn = subject.arn else {
      return listsAccount ? .part("it leaves out the root user of account \(account)") : .whole
    }
    if subject.hasBoundary { return .whole }
    let listsARN = excluded.aws.contains(arn)
    let listedSession = subject.isRole ? excluded.aws.first { names(session: $0, of: arn) } : nil
    switch (listsAccount, listsARN || listedSession != nil) {
    case (true, true):
      if !listsARN, let listedSession {
        return .part("it leaves out only the session \(listedSession)")
      }
      return .none
    case (false, true):
      return .part("\"NotPrincipal\" lists \(arn) but not account \(account)")
    case (_, false):
      return .whole
    }
  }

  /// Returns whether `name` is a session ARN of the role `roleARN`.
  private func names(session name: String, of roleARN: String) -> Bool {
    guard let session = ARN(name), session.service == "sts",
      session.resourceType == "assumed-role", let role = ARN(roleARN)
    else { return false }
    let parts = session.resource.split(separator: "/")
    return parts.count >= 2 && session.account == role.account
      && String(parts[1]) == role.resourceName
  }
}
