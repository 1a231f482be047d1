import AccessGraph

/// Finds, for each user and role of the run, the catalogued privilege-escalation techniques
/// its own policies let it use, and the edge each one makes.
///
/// Every permission a technique needs is checked with `PrincipalPermissions` on the exact
/// target (a user's, role's, group's, policy's or workload's ARN), or, for a resource the
/// caller creates, on some ARN it may pick. Deny statements, the permissions boundary and the
/// service control policies therefore stop a technique exactly as they stop an access edge,
/// and a condition that is not evaluated marks the edge conditional. A principal that is
/// already allowed every action on every resource without a condition gets no escalation
/// edges, since it has the account admin privilege already.
///
/// Techniques act within one account: IAM changes and passing a role never reach into
/// another account.
struct EscalationFinder {
  /// One edge to make.
  struct Escalation {
    enum Target: Equatable {
      /// A node of the run, by id.
      case node(String)
      /// A node that `contains` each of `members`, node ids of the run, for a technique that
      /// reaches every one of them alike.
      case group(Node, members: [String])
      /// The admin privilege node of the account.
      case admin(account: String)
    }

    let source: NodeID
    let target: Target
    let technique: EscalationTechnique
    /// The permissions the edge lists: the technique's, and any checked beside them.
    let actions: [String]
    let isConditional: Bool
    var provenance: Provenance
  }

  /// A role that the caller can assume without any technique, from a trust edge.
  private struct AssumableRole {
    let role: IAMRole
    let isConditional: Bool
    let provenance: Provenance
  }

  /// A group of roles that the caller can assume without any technique, from a trust edge
  /// into the group.
  private struct AssumableGroup {
    let group: TrustEvaluator.AccountGroup
    let isConditional: Bool
    let provenance: Provenance
  }

  private let principals: [EvaluatedPrincipal]
  private let users: [String: IAMUser]
  private let roles: [String: IAMRole]
  private let groups: [IAMGroup]
  private let directory: PolicyDirectory
  private let trustEdges: [String: [TrustEvaluator.TrustEdge]]
  private let workloads: [String: [Node]]
  private let rolesByAccount: [String: [IAMRole]]
  private let usersByAccount: [String: [IAMUser]]
  private let groupsByAccount: [String: [IAMGroup]]
  /// The ARNs of `usersByAccount`, in the same order.
  private let userARNsByAccount: [String: [String]]
  /// The roles of `rolesByAccount` other than service-linked ones, whose trust policies a
  /// principal may rewrite, and their ARNs, in the same order.
  private let rewritableRolesByAccount: [String: [IAMRole]]
  private let rewritableRoleARNsByAccount: [String: [String]]
  /// The ARNs of the managed policies of each account, each once, sorted.
  private let policyARNsByAccount: [String: [String]]
  /// The managed policies attached to each role, by role ARN, as the account of the
  /// attachment's ARN and the ARN of the policy it resolves to. A role listed in several
  /// exports has the attachments of each copy.
  private let attachedPolicyARNsByRole: [String: [(account: String?, policy: String)]]
  /// For each principal, by index, the roles its trust edges let it assume.
  private let assumable: [Int: [AssumableRole]]
  /// For each principal, by index, the groups of roles its trust edges let it assume.
  private let assumableGroups: [Int: [AssumableGroup]]
  /// The roles other than service-linked ones, by `<account>/<service principal>`, that
  /// trust that service, each with its first trust edge from the service, sorted by ARN.
  private let rolesTrustingService: [String: [ServiceTrust]]

  /// A role with its first trust edge from one service, shared by reference because every
  /// pass-role technique of every principal of the account walks the same list.
  private final class ServiceTrust {
    let role: IAMRole
    let trust: TrustEvaluator.TrustEdge

    init(role: IAMRole, trust: TrustEvaluator.TrustEdge) {
      self.role = role
      self.trust = trust
    }
  }
  private let principalIndexByARN: [String: Int]

  /// - Parameters:
  ///   - principals: Every user and role of the run with its evaluated permissions.
  ///   - exports: The parsed exports, for users' groups, roles' trust and attachments.
  ///   - directory: Resolves groups and managed policies.
  ///   - trustEdges: Each role's trust edges by role ARN, as `TrustEvaluator` gives them.
  ///   - accountGroups: The groups of roles that trust their own account alike, whose edges
  ///     let a principal assume each role of the group.
  ///   - nodes: Every node defined so far, from which AWS workloads are taken.
  init(
    principals: [EvaluatedPrincipal], exports: [AuthorizationExport], directory: PolicyDirectory,
    trustEdges: [String: [TrustEvaluator.TrustEdge]],
    accountGroups: [TrustEvaluator.AccountGroup] = [], nodes: [Node]
  ) {
    self.directory = directory
    self.trustEdges = trustEdges
    var users: [String: IAMUser] = [:]
    var roles: [String: IAMRole] = [:]
    var groups: [IAMGroup] = []
    for export in exports {
      for user in export.users where users[user.arn] == nil { users[user.arn] = user }
      for role in export.roles where roles[role.arn] == nil { roles[role.arn] = role }
      groups += export.groups
    }
    self.users = users
    self.principals = principals
    self.roles = roles
    self.groups = groups
    rolesByAccount = Dictionary(grouping: roles.values.sorted { $0.arn < $1.arn }, by: \.account)
    usersByAccount = Dictionary(grouping: users.values.sorted { $0.arn < $1.arn }, by: \.account)
    userARNsByAccount = usersByAccount.mapValues { $0.map(\.arn) }
    let rewritableRoles = rolesByAccount.mapValues { $0.filter { !Self.isServiceLinked($0) } }
    rewritableRolesByAccount = rewritableRoles
    rewritableRoleARNsByAccount = rewritableRoles.mapValues { $0.map(\.arn) }
    var seenGroups: Set<String> = []
    groupsByAccount = Dictionary(
      grouping: groups.filter { seenGroups.insert($0.arn).inserted }, by: \.account)
    workloads = Dictionary(
      grouping: nodes.filter { $0.platform == .aws && $0.kind == .workload }, by: \.type)
    var policyARNs: [String: Set<String>] = [:]
    for export in exports {
      for policy in export.policies {
        guard let account = ARN(policy.arn)?.account else { continue }
        policyARNs[account, default: []].insert(policy.arn)
      }
    }
    policyARNsByAccount = policyARNs.mapValues { $0.sorted() }
    var attachedByRole: [String: [(account: String?, policy: String)]] = [:]
    for export in exports {
      for role in export.roles {
        for attachment in role.attachedPolicies {
          guard let policy = directory.policy(attachment.arn, listedIn: role.file) else {
            continue
          }
          attachedByRole[role.arn, default: []].append(
            (ARN(attachment.arn)?.account, policy.arn))
        }
      }
    }
    attachedPolicyARNsByRole = attachedByRole

    var trusting: [String: [ServiceTrust]] = [:]
    for role in roles.values.sorted(by: { $0.arn < $1.arn }) where !Self.isServiceLinked(role) {
      var seenServices: Set<String> = []
      for edge in trustEdges[role.arn] ?? [] where edge.relation == .assumes {
        guard let service = edge.subject.service, seenServices.insert(service).inserted else {
          continue
        }
        trusting[role.account + "/" + service, default: []].append(
          ServiceTrust(role: role, trust: edge))
      }
    }
    rolesTrustingService = trusting

    var assumable: [Int: [AssumableRole]] = [:]
    for (roleARN, edges) in trustEdges.sorted(by: { $0.key < $1.key }) {
      guard let role = roles[roleARN] else { continue }
      for edge in edges where edge.relation == .assumes {
        guard case .principal(let index) = edge.source else { continue }
        assumable[index, default: []].append(
          AssumableRole(
            role: role, isConditional: edge.isConditional, provenance: edge.provenance))
      }
    }
    self.assumable = assumable
    var assumableGroups: [Int: [AssumableGroup]] = [:]
    for group in accountGroups {
      for edge in group.edges {
        guard case .principal(let index) = edge.source else { continue }
        assumableGroups[index, default: []].append(
          AssumableGroup(
            group: group, isConditional: edge.isConditional, provenance: edge.provenance))
      }
    }
    self.assumableGroups = assumableGroups
    var indexByARN: [String: Int] = [:]
    for (index, principal) in principals.enumerated() where indexByARN[principal.arn] == nil {
      indexByARN[principal.arn] = index
    }
    principalIndexByARN = indexByARN
  }

  /// Returns every escalation edge of the principal at `index`.
  ///
  /// - Complexity: O(T · (u + r + g + w) · q) for T techniques, u users, r roles, g groups and
  ///   w workloads of the principal's account, where q is the cost of one permission check.
  ///   A technique stops at the first permission the principal lacks, so most checks end
  ///   early.
  func escalations(of index: Int) -> [Escalation] {
    let full = principals[index]
    // Every check below looks at the same few actions, so the statements that name none of
    // them are set aside once.
    let relevant = relevance.limited(full.permissions)
    guard !relevant.allows.isEmpty else { return [] }
    // An Allow of every action on every resource names the checked actions, so `relevant`
    // keeps it. The full test, which also reads the Deny statements and limits, is needed
    // only when `relevant` has such an Allow.
    if relevant.allows.contains(where: PermissionsLimit.grantsEveryActionOnEveryResource),
      full.permissions.everyActionOnEveryResource().contains(where: { !$0.isConditional })
    {
      return []
    }
    let principal = EvaluatedPrincipal(
      arn: full.arn, account: full.account, label: full.label, node: full.node,
      permissions: relevant, context: full.context)
    namedStatements.removeAll()
    let passes = PassDecisions(relevant, sharing: passableRoles)
    // A principal that can make itself an admin without a condition reaches everything in
    // its account that way. Techniques aimed at single users, roles and workloads of the
    // account add nothing to that, so they are not looked for.
    var found: [Escalation] = []
    for technique in EscalationCatalog.techniques {
      switch technique.target {
      case .policyHolder(let kind):
        found += policyHolders(technique, index, principal, kind)
      case .attachedManagedPolicy(let needsAdminVersion):
        found += attachedPolicies(technique, index, principal, needsAdminVersion)
      case .groupToJoin:
        found += groupsToJoin(technique, principal)
      default:
        continue
      }
    }
    if found.contains(where: { $0.target == .admin(account: full.account) && !$0.isConditional })
    {
      return found.filter { $0.target == .admin(account: full.account) }
    }
    for technique in EscalationCatalog.techniques {
      switch technique.target {
      case .policyHolder, .attachedManagedPolicy, .groupToJoin:
        continue
      case .otherUser:
        found += otherUsers(technique, principal)
      case .roleTrustingService(let services, let needsInstanceProfile):
        found += passedRoles(technique, principal, services, needsInstanceProfile, passes)
      case .workload(let type, let tag):
        found += workloads(technique, principal, type, tag)
      case .roleTrustPolicy:
        found += rewrittenTrusts(technique, principal)
      }
    }
    return found
  }

  /// Returns the escalation edges of every principal, by principal index, worked out on one
  /// thread per processor.
  ///
  /// Principals are independent, so each thread takes its share of them with caches of its
  /// own. The result is the same as calling `escalations(of:)` for each index in turn.
  ///
  /// - Complexity: That of `escalations(of:)` for each principal, spread over the processors.
  func escalationsOfEveryPrincipal() -> [[Escalation]] {
    var finders = (0..<ParallelWork.threadCount).map { _ in
      var finder = self
      finder.relevance = Relevance()
      finder.adminCandidates = AdminCandidates()
      finder.patternMatches = PatternMatches()
      finder.passableRoles = PassableRoles()
      finder.namedStatements = NamedStatements()
      finder.adminLimitNotes = AdminLimitCache()
      finder.lastActingRoles = LastActingRoles()
      finder.newResourceAreas = NewResourceAreas()
      finder.rolesTrustingServices = RolesTrustingServices()
      return finder
    }
    return ParallelWork.map(principals.indices, states: &finders) { finder, index in
      finder.escalations(of: index)
    }
  }

  // MARK: - Permission checks

  /// The checks that let a technique through, each in words with what it was checked on.
  private struct Evidence {
    /// The checks in words, worked out when each is added so that evidence shared by many
    /// targets is written once.
    var clauses: [String] = []
    var notes: [String] = []
    var isConditional = false
    /// The Allow behind the first check, whose statement is the edge's location.
    var firstAllow: StatementGrant?

    mutating func add(_ action: String, on: String, _ decision: PrincipalPermissions.Decision) {
      var clause = "\(action) on \(on)"
      if let allow = decision.allow { clause += " by \(allow.description)" }
      if let deny = decision.conditionalDeny {
        clause += ", unless a Deny with a condition applies (\(deny.description))"
      }
      for limitAllow in decision.conditionalLimitAllows {
        clause +=
          ", if the condition of \(limitAllow.limit) holds (\(limitAllow.allow.description))"
      }
      if clauses.isEmpty { firstAllow = decision.allow }
      clauses.append(clause)
      if decision.isConditional { isConditional = true }
    }

    /// Adds the checks of `other` after these.
    mutating func append(_ other: Evidence) {
      if clauses.isEmpty { firstAllow = other.firstAllow }
      clauses += other.clauses
      notes += other.notes
      isConditional = isConditional || other.isConditional
    }

    /// Returns the provenance of the edge: the first permission's statement, or the
    /// attachment of its managed policy, and every check in words.
    func provenance(_ technique: EscalationTechnique) -> Provenance {
      Provenance(
        file: firstAllow?.provenanceFile ?? "", location: firstAllow?.provenanceLocation ?? "",
        grant: (clauses + notes).joined(separator: "; "), technique: technique.name)
    }
  }

  /// Checks every permission of `technique` for `principal`, those on the target against
  /// `targetARN`, and returns the evidence, or nil when one is not allowed.
  private func check(
    _ technique: EscalationTechnique, _ principal: EvaluatedPrincipal, targetARN: String?,
    into evidence: Evidence = Evidence()
  ) -> Evidence? {
    var evidence = evidence
    for permission in technique.permissions {
      if let area = newResourceAreas.area(of: permission, in: principal) {
        guard
          let decision = principal.permissions.decision(
            for: permission.action, withinSome: area)
        else { return nil }
        evidence.add(permission.action, on: "a new resource (\(area.text))", decision)
      } else {
        guard let targetARN else { return nil }
        let statements = namedStatements.statements(
          naming: permission.action, in: principal.permissions)
        guard let positions = principal.permissions.decisionPositions(of: statements, on: targetARN)
        else { return nil }
        evidence.add(permission.action, on: targetARN, principal.permissions.decision(at: positions))
      }
    }
    return evidence
  }

  /// The statements of the principal being looked at that name each action `check` reads,
  /// found once per principal, so that checking an action on many targets matches only
  /// their resource patterns. `escalations(of:)` empties it before each principal.
  private final class NamedStatements {
    private var byAction: [String: PrincipalPermissions.ActionStatements] = [:]

    func removeAll() {
      byAction.removeAll(keepingCapacity: true)
    }

    func statements(
      naming action: String, in permissions: PrincipalPermissions
    ) -> PrincipalPermissions.ActionStatements {
      if let known = byAction[action] { return known }
      let found = permissions.statements(naming: action)
      byAction[action] = found
      return found
    }
  }

  private var namedStatements = NamedStatements()

  /// The compiled areas of new resources (`EscalationTechnique.Permission.area(in:partition:)`)
  /// by template, for the account and partition of the last principal looked at, so that a
  /// check neither rewrites the template nor compiles the pattern again. The cache is emptied
  /// when the account changes, so it contains the few areas of one account.
  private final class NewResourceAreas {
    private var account = ""
    private var partition = ""
    private var areas: [String: WildcardPattern] = [:]

    /// Returns `permission.area(in:partition:)` for the principal's account and partition.
    func area(
      of permission: EscalationTechnique.Permission, in principal: EvaluatedPrincipal
    ) -> WildcardPattern? {
      guard let template = permission.newResourceArea else { return nil }
      let partition = EscalationFinder.partition(of: principal)
      if principal.account != account || partition != self.partition {
        account = principal.account
        self.partition = partition
        areas = [:]
      }
      if let known = areas[template] { return known }
      let area = permission.area(in: account, partition: partition)
      areas[template] = area
      return area
    }
  }

  private var newResourceAreas = NewResourceAreas()

  /// Returns whether `principal` is allowed `action` on anything at all. Every technique that
  /// needs the action requires this, so it is a quick test before looking at each target.
  private func mayUse(_ action: String, _ principal: EvaluatedPrincipal) -> Bool {
    principal.permissions.allows.contains { $0.statement.actions.contains(action) }
  }

  private func escalation(
    _ principal: EvaluatedPrincipal, to target: Escalation.Target,
    _ technique: EscalationTechnique, _ evidence: Evidence, alsoChecking extra: [String] = []
  ) -> Escalation {
    Escalation(
      source: principal.node, target: target, technique: technique,
      actions: technique.edgeActions + extra, isConditional: evidence.isConditional,
      provenance: evidence.provenance(technique))
  }

  /// Returns the partition that the principal's ARN names, such as `aws` or `aws-cn`.
  private static func partition(of principal: EvaluatedPrincipal) -> String {
    // Every check needs the partition, and nearly every ARN is in the `aws` one.
    if principal.arn.hasPrefix("arn:aws:") { return "aws" }
    let fields = principal.arn.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
    return fields.count > 1 && !fields[1].isEmpty ? String(fields[1]) : "aws"
  }

  /// The number of versions IAM keeps of one managed policy.
  private static let maxPolicyVersions = 5

  static func isServiceLinked(_ role: IAMRole) -> Bool {
    role.path.hasPrefix("/aws-service-role/")
  }

  // MARK: - Techniques by target

  private func otherUsers(
    _ technique: EscalationTechnique, _ principal: EvaluatedPrincipal
  ) -> [Escalation] {
    guard technique.permissions.allSatisfy({ mayUse($0.action, principal) }) else { return [] }
    var found: [Escalation] = []
    let accountUsers = usersByAccount[principal.account] ?? []
    let members = userARNsByAccount[principal.account] ?? []
    // A role is in no list of users, so only a user's list is searched for it.
    let otherCount = accountUsers.count - (users[principal.arn] != nil
      && members.contains(principal.arn) ? 1 : 0)
    let group = AWSNodes.identityGroup(
      "users", account: principal.account, name: "IAM users of \(principal.account)")
    if otherCount >= Self.groupingThreshold,
      let whole = uniformEscalation(
        technique, principal, over: "user/*", to: group, members: members, "users")
    {
      return [whole]
    }
    for user in candidates(of: accountUsers, for: technique, principal, arn: \.arn)
    where user.arn != principal.arn {
      guard let evidence = check(technique, principal, targetARN: user.arn) else { continue }
      found.append(escalation(principal, to: .node(user.arn), technique, evidence))
    }
    return grouped(found, of: otherCount, into: group, members: members, "user")
  }

  /// Returns one edge to `group` when every permission of `technique` is decided alike for
  /// all IAM resources `arn:<partition>:iam::<account>:<kind>` of the principal's account.
  /// No identity then needs checking on its own. Returns nil otherwise.
  ///
  /// - Parameters:
  ///   - kind: The IAM resource pattern after the account, such as `user/*`.
  ///   - extra: Further actions to decide alike on the same area, such as `sts:AssumeRole`
  ///     after a trust rewrite.
  private func uniformEscalation(
    _ technique: EscalationTechnique, _ principal: EvaluatedPrincipal, over kind: String,
    to group: Node, members: [String], _ noun: String, extra: [String] = []
  ) -> Escalation? {
    let area = WildcardPattern(
      "arn:\(Self.partition(of: principal)):iam::\(principal.account):\(kind)",
      isCaseSensitive: true, readsPolicyVariables: false)
    var evidence = Evidence()
    for action in technique.permissions.map(\.action) + extra {
      guard let decision = principal.permissions.uniformDecision(for: action, over: area)
      else { return nil }
      evidence.add(action, on: "every one of the \(noun) (\(area.text))", decision)
    }
    var provenance = evidence.provenance(technique)
    provenance.grant += "; the group \(group.name) contains the \(members.count) \(noun)"
    return Escalation(
      source: principal.node, target: .group(group, members: members), technique: technique,
      actions: technique.edgeActions, isConditional: evidence.isConditional,
      provenance: provenance)
  }

  /// The number of identities from which one technique's edges to all of them become one
  /// edge to a node that groups them.
  static let groupingThreshold = 10

  /// Returns `found` as one edge to `group` when it reaches each of the `candidates`
  /// identities, at least `groupingThreshold` of them, all with a condition or all without.
  /// Otherwise it returns `found` unchanged.
  ///
  /// `members` are the node ids the group contains: the candidates and, when the principal
  /// is one of the kind grouped, the principal itself, so that every principal that
  /// reaches the group reaches the same identities.
  ///
  /// A principal allowed a technique on every user or role of a large account would
  /// otherwise get one edge per identity, and the edges would grow with the square of the
  /// account. The group node `contains` each identity, which keeps the principal acting as
  /// it, so what is reachable stays the same. The edge's provenance is that of the first
  /// identity, with a note that the same holds for the others.
  ///
  /// - Parameter reached: How many of the candidates `found` reaches. It is nil when each
  ///   edge reaches one candidate, and given when some edge reaches several through a group.
  private func grouped(
    _ found: [Escalation], of candidates: Int, into group: Node, members: [String],
    _ noun: String, reached: Int? = nil
  ) -> [Escalation] {
    let reachedCount = reached ?? found.count
    guard reachedCount >= Self.groupingThreshold, reachedCount == candidates,
      let first = found.first,
      !found.contains(where: { $0.isConditional != first.isConditional })
    else { return found }
    var provenance = first.provenance
    provenance.grant +=
      "; the same checks pass for each of the \(reachedCount) other \(noun)s that the group "
      + "\(group.name) contains" + (first.isConditional ? ", each under a condition" : "")
    return [
      Escalation(
        source: first.source, target: .group(group, members: members),
        technique: first.technique, actions: first.actions, isConditional: first.isConditional,
        provenance: provenance)
    ]
  }

  /// Remembers, for each list of action patterns, whether it names an action some technique
  /// checks. Principals share most statements through managed policies and groups, so each
  /// list is matched against the checked actions once.
  private final class Relevance {
    /// Keyed by the action patterns themselves, which hash their texts, so that no key text
    /// is built per statement.
    private var namesCheckedAction: [PatternSet: Bool] = [:]
    /// Whether each single action pattern matches a checked action. Lists of patterns that
    /// differ as a whole, as inline policies do, still share most of their patterns.
    private var patternMatchesCheckedAction: [WildcardPattern: Bool] = [:]
    /// The results of `namesCheckedAction` keyed by the address of the pattern array, which
    /// the statements of one managed policy or group share across principals, so that a
    /// repeated list is found without hashing its patterns. Each entry keeps its list, so
    /// the array stays allocated and its address is not reused while the entry exists, and
    /// a lookup still compares the lists.
    private var namesCheckedActionByAddress:
      [UnsafeRawPointer: (actions: PatternSet, names: Bool)] = [:]

    func limited(_ permissions: PrincipalPermissions) -> PrincipalPermissions {
      let keep = { (grant: StatementGrant) -> Bool in
        let actions = grant.statement.actions
        let address = Self.address(of: actions)
        if let address, let known = self.namesCheckedActionByAddress[address],
          known.actions == actions
        {
          return known.names
        }
        let names = self.namesCheckedAction(actions)
        if let address { self.namesCheckedActionByAddress[address] = (actions, names) }
        return names
      }
      return PrincipalPermissions(
        allows: permissions.allows.filter(keep), denies: permissions.denies.filter(keep),
        limits: permissions.limits.map { $0.keeping(keep) })
    }

    private static func address(of actions: PatternSet) -> UnsafeRawPointer? {
      switch actions {
      case .only(let patterns), .allExcept(let patterns):
        patterns.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
      }
    }

    private func namesCheckedAction(_ actions: PatternSet) -> Bool {
      if let known = self.namesCheckedAction[actions] { return known }
      let names: Bool
      switch actions {
      case .only(let patterns):
        names = patterns.contains(where: self.matchesCheckedAction)
      case .allExcept:
        names = EscalationCatalog.checkedActions.contains(where: actions.contains)
      }
      self.namesCheckedAction[actions] = names
      return names
    }

    private func matchesCheckedAction(_ pattern: WildcardPattern) -> Bool {
      if let known = patternMatchesCheckedAction[pattern] { return known }
      let matches = EscalationCatalog.checkedActions.contains(where: pattern.matches)
      patternMatchesCheckedAction[pattern] = matches
      return matches
    }
  }

  private var relevance = Relevance()

  /// The principal's `iam:PassRole` decisions, worked out once for all pass-role techniques.
  private final class PassDecisions {
    private let permissions: PrincipalPermissions
    /// The `iam:PassRole` statements narrowed to each service, so that a condition on
    /// `iam:PassedToService` is decided.
    private var byService: [String: PrincipalPermissions] = [:]
    /// The pass plans by services, and whether the technique needs an instance profile.
    var plans: [String: PassPlan] = [:]
    /// The lists of roles that principals with the same statements may pass, shared by the
    /// principals of one thread.
    private let passable: PassableRoles

    init(_ permissions: PrincipalPermissions, sharing passable: PassableRoles) {
      self.permissions = permissions.limited(to: "iam:PassRole")
      self.passable = passable
    }

    /// Returns the decision on passing every role of the account to `service` when it is the
    /// same for all of them, or nil when each role must be checked.
    func uniformDecision(
      to service: String, over area: WildcardPattern
    ) -> PrincipalPermissions.Decision? {
      narrowed(to: service).uniformDecision(for: "iam:PassRole", over: area)
    }

    private func narrowed(to service: String) -> PrincipalPermissions {
      if let known = byService[service] { return known }
      let narrowed = permissions.specialized(for: .passingRole(to: service))
      byService[service] = narrowed
      return narrowed
    }

    /// Returns the role patterns with a wildcard that the Allow statements name for passing
    /// a role to `service`, each once, in the order the statements give them.
    func rolePatterns(to service: String) -> [WildcardPattern] {
      var patterns: [WildcardPattern] = []
      for allow in narrowed(to: service).allows {
        guard case .only(let listed) = allow.statement.resources else { continue }
        for pattern in listed where !pattern.isSpecific && !pattern.hasPolicyVariable {
          guard ARN(pattern.text)?.resourceType == "role", !patterns.contains(pattern) else {
            continue
          }
          patterns.append(pattern)
        }
      }
      return patterns
    }

    /// Returns the literal starts of the role patterns that Allow statements name for passing
    /// a role to `service`, as `PrincipalPermissions.literalResourcePrefixes(of:)` gives them.
    func literalPrefixes(to service: String) -> [String]? {
      narrowed(to: service).literalResourcePrefixes(of: "iam:PassRole")
    }

    /// Returns whether some Allow statement lets the principal pass some role to `service`.
    func mayPass(to service: String) -> Bool {
      !narrowed(to: service).allows.isEmpty
    }

    /// Returns the roles of `trusting`, the roles of `account` that trust `service` in ARN
    /// order, that the principal may pass to the service, whatever the technique.
    func passableRoles(
      to service: String, among trusting: [ServiceTrust], account: String
    ) -> [PassableRoles.Passable] {
      passable.roles(
        passableWith: narrowed(to: service), trusting: account + "/" + service, among: trusting,
        prefixes: { self.literalPrefixes(to: service) })
    }

    /// Returns the decision on passing a role to `service`, made of the principal's own
    /// statements at `positions`.
    func decision(
      at positions: PrincipalPermissions.DecisionPositions, to service: String
    ) -> PrincipalPermissions.Decision {
      narrowed(to: service).decision(at: positions)
    }
  }

  /// The roles that each set of `iam:PassRole` statements lets a principal pass to a
  /// service, worked out once per thread for every principal whose statements have the same
  /// content (see `PrincipalPermissions.Content`).
  ///
  /// Copies of one statement in several principals' inline policies, and managed policies
  /// attached to several principals, differ only in their descriptions. The decisions are
  /// therefore kept by statement position, and each principal's edge is put in words from
  /// its own statements.
  private final class PassableRoles {
    /// A role that the statements let a principal pass, with the statements that decide it.
    struct Passable {
      let entry: ServiceTrust
      let positions: PrincipalPermissions.DecisionPositions
      let isConditional: Bool
    }

    private struct Key: Hashable {
      let content: PrincipalPermissions.Content
      /// `<account>/<service principal>`.
      let trusting: String
    }

    private var lists: [Key: [Passable]] = [:]

    /// Returns the roles of `trusting` that `permissions`, the `iam:PassRole` statements
    /// narrowed to the service, let a principal pass, in the same order. The principal's
    /// own role is not left out.
    ///
    /// - Parameters:
    ///   - key: `<account>/<service principal>`, which names the list `trusting`.
    ///   - prefixes: Returns the literal starts of the role patterns the Allow statements
    ///     name, or nil when some statement may match a role no start names. Only the roles
    ///     that start with one are checked.
    func roles(
      passableWith permissions: PrincipalPermissions, trusting key: String,
      among trusting: [ServiceTrust], prefixes: () -> [String]?
    ) -> [Passable] {
      guard !permissions.allows.isEmpty else { return [] }
      let listKey = Key(content: permissions.content, trusting: key)
      if let known = lists[listKey] { return known }
      var candidates = trusting
      if let prefixes = prefixes() {
        // A role that starts with no pattern's literal text matches no Allow.
        candidates = EscalationFinder.elements(of: trusting, startingWith: prefixes) {
          $0.role.arn
        }
      }
      let passRole = permissions.statements(naming: "iam:PassRole")
      var passable: [Passable] = []
      for entry in candidates {
        guard let positions = permissions.decisionPositions(of: passRole, on: entry.role.arn)
        else { continue }
        passable.append(
          Passable(
            entry: entry, positions: positions,
            isConditional: permissions.isConditional(positions)))
      }
      lists[listKey] = passable
      return passable
    }
  }

  private func passedRoles(
    _ technique: EscalationTechnique, _ principal: EvaluatedPrincipal, _ services: [String],
    _ needsInstanceProfile: Bool, _ passes: PassDecisions
  ) -> [Escalation] {
    let passRole = "iam:PassRole"
    // Looking for an Allow that names each action is cheap, so it comes before narrowing
    // the statements to a service and checking the new resources.
    guard mayUse(passRole, principal),
      technique.permissions.allSatisfy({ mayUse($0.action, principal) }),
      services.contains(where: passes.mayPass(to:)),
      let created = check(technique, principal, targetARN: nil)
    else { return [] }
    let trusting = rolesTrustingServices.roles(
      of: principal.account, trusting: services, from: rolesTrustingService)
    if services.count == 1,
      let whole = uniformPass(
        technique, principal, to: services[0], trusting, created, needsInstanceProfile, passes)
    {
      return [whole]
    }
    let key = services.joined(separator: ",") + (needsInstanceProfile ? "+profile" : "")
    let plan =
      passes.plans[key]
      ?? passPlan(principal, services, trusting, needsInstanceProfile, passes)
    passes.plans[key] = plan
    var found = plan.patternGroups.map {
      patternEscalation(technique, principal, to: services[0], $0, created)
    }
    let passEdges = { (kept: ArraySlice<PassedRole>) -> [Escalation] in
      kept.map {
        self.passEscalation(
          technique, principal, $0, created, newProfile: plan.newProfile, passes)
      }
    }
    guard services.count == 1 else { return found + passEdges(plan.passed[...]) }
    let group = AWSNodes.identityGroup(
      "roles-trusting/\(services[0])", account: principal.account,
      name: "IAM roles of \(principal.account) that trust \(services[0])")
    let candidates = trusting.count - (trusting.contains { $0.role.arn == principal.arn } ? 1 : 0)
    // Each pattern edge reaches the roles its pattern covers, and each other edge one role.
    let reached = plan.passed.count + plan.coveredCount
    let isConditional =
      created.isConditional
      || (found.first?.isConditional ?? plan.passed.first?.isConditional ?? false)
    let isGrouped =
      reached >= Self.groupingThreshold && reached == candidates
      && !found.contains { $0.isConditional != isConditional }
      && !plan.passed.contains { ($0.isConditional || created.isConditional) != isConditional }
    // A group edge takes its provenance from the first edge alone.
    if !isGrouped {
      found += passEdges(plan.passed[...])
    } else if found.isEmpty {
      found += passEdges(plan.passed.prefix(1))
    }
    return grouped(
      found, of: candidates, into: group, members: trusting.map(\.role.arn), "role",
      reached: reached)
  }

  /// The roles of an account that trust one of several services, merged once per thread for
  /// each account and list of services. Every principal of the account with a pass-role
  /// technique for those services needs the same list.
  private final class RolesTrustingServices {
    private var lists: [String: [ServiceTrust]] = [:]

    /// Returns the roles of `account` that trust one of `services`, each once with its trust
    /// from the first of the services that it trusts, in role ARN order.
    func roles(
      of account: String, trusting services: [String],
      from byService: [String: [ServiceTrust]]
    ) -> [ServiceTrust] {
      if services.count == 1 { return byService[account + "/" + services[0]] ?? [] }
      let key = account + "/" + services.joined(separator: ",")
      if let known = lists[key] { return known }
      var trusting: [ServiceTrust] = []
      var seenRoles: Set<String> = []
      for service in services {
        for entry in byService[account + "/" + service] ?? []
        where seenRoles.insert(entry.role.arn).inserted {
          trusting.append(entry)
        }
      }
      trusting.sort { $0.role.arn < $1.role.arn }
      lists[key] = trusting
      return trusting
    }
  }

  private var rolesTrustingServices = RolesTrustingServices()

  /// The part of passing roles to some services that no other permission of the technique
  /// changes, worked out once per principal for all techniques that pass roles to them.
  private struct PassPlan {
    /// The groups of roles that a pattern of the principal's `iam:PassRole` statements
    /// covers alike, for a technique of one service.
    let patternGroups: [PatternGroup]
    /// The number of roles other than the principal that `patternGroups` reach together.
    let coveredCount: Int
    /// The other roles the principal may pass, in role ARN order.
    let passed: [PassedRole]
    /// The checks for a new instance profile, for the passed roles that need one.
    let newProfile: Evidence?
  }

  /// Works out which roles trusting `services` the principal may pass, by pattern group and
  /// one by one, leaving out the technique's own permissions.
  private func passPlan(
    _ principal: EvaluatedPrincipal, _ services: [String], _ trusting: [ServiceTrust],
    _ needsInstanceProfile: Bool, _ passes: PassDecisions
  ) -> PassPlan {
    var patternGroups: [PatternGroup] = []
    var covered: Set<String> = []
    var passable: [PassableRoles.Passable] = []
    if services.count == 1 {
      patternGroups = self.patternGroups(
        principal, to: services[0], trusting, needsInstanceProfile, passes)
      for group in patternGroups {
        covered.formUnion(group.matching.lazy.map(\.role.arn).filter { $0 != principal.arn })
      }
      passable = passes.passableRoles(to: services[0], among: trusting, account: principal.account)
    } else {
      // Each role counts for the first of the services that it trusts, as `trusting` gives it.
      var byService: [String: [ObjectIdentifier: PassableRoles.Passable]] = [:]
      for service in services {
        let list = rolesTrustingService[principal.account + "/" + service] ?? []
        let roles = passes.passableRoles(to: service, among: list, account: principal.account)
        byService[service] = Dictionary(
          roles.map { (ObjectIdentifier($0.entry.role), $0) }, uniquingKeysWith: { first, _ in first })
      }
      passable = trusting.compactMap {
        byService[$0.trust.subject.service ?? ""]?[ObjectIdentifier($0.role)]
      }
    }
    // The checks of each role are put in words only for the edges that are kept, because a
    // principal that reaches every role gets one edge to their group instead.
    var passed: [PassedRole] = []
    passed.reserveCapacity(passable.count)
    var newProfile: Evidence??
    for role in passable
    where role.entry.role.arn != principal.arn && !covered.contains(role.entry.role.arn) {
      let entry = role.entry
      var needsNewProfile = false
      var isConditional = role.isConditional || entry.trust.isConditional
      if needsInstanceProfile, entry.role.instanceProfiles.isEmpty {
        if newProfile == nil { newProfile = .some(newInstanceProfile(for: principal)) }
        guard let made = newProfile ?? nil else { continue }
        needsNewProfile = true
        isConditional = isConditional || made.isConditional
      }
      passed.append(
        PassedRole(
          entry: entry, positions: role.positions, needsNewProfile: needsNewProfile,
          isConditional: isConditional))
    }
    return PassPlan(
      patternGroups: patternGroups, coveredCount: covered.count, passed: passed,
      newProfile: newProfile ?? nil)
  }

  /// A role that a pass-role technique reaches, with the checks that let it through.
  private struct PassedRole {
    let entry: ServiceTrust
    /// The `iam:PassRole` statements that let the role be passed.
    let positions: PrincipalPermissions.DecisionPositions
    /// Whether the role has no instance profile, so that the edge adds the checks of
    /// `PassPlan.newProfile`. The plan keeps them once, because they are the same for every
    /// role and a `PassedRole` per role stays small.
    let needsNewProfile: Bool
    /// Whether a condition limits passing the role, apart from the technique's other
    /// permissions.
    let isConditional: Bool
  }

  /// Builds the edge of a pass-role technique to one role, with its checks in words.
  private func passEscalation(
    _ technique: EscalationTechnique, _ principal: EvaluatedPrincipal, _ passed: PassedRole,
    _ created: Evidence, newProfile: Evidence?, _ passes: PassDecisions
  ) -> Escalation {
    let role = passed.entry.role
    let trust = passed.entry.trust
    var evidence = Evidence()
    let pass = passes.decision(at: passed.positions, to: trust.subject.service ?? "")
    evidence.add("iam:PassRole", on: role.arn, pass)
    evidence.append(created)
    if passed.needsNewProfile, let newProfile { evidence.append(newProfile) }
    evidence.notes.append("role \(role.name) trusts \(trust.subject.service ?? "")"
      + " (\(trust.provenance.grant))")
    if trust.isConditional { evidence.isConditional = true }
    return escalation(principal, to: .node(role.arn), technique, evidence)
  }

  /// Returns the elements of `sorted`, which is in ARN order, whose ARN starts with one of
  /// `prefixes`, in the same order.
  ///
  /// - Complexity: O(p · log n + p log p + m) for p prefixes, n elements and m matches.
  private static func elements<Element>(
    of sorted: [Element], startingWith prefixes: [String], arn: (Element) -> String
  ) -> [Element] {
    // Every ARN starts with the empty text of a pattern such as `*`.
    if prefixes.contains("") { return sorted }
    var ranges: [Range<Int>] = []
    for prefix in prefixes {
      var low = 0
      var high = sorted.count
      while low < high {
        let middle = (low + high) / 2
        if arn(sorted[middle]) < prefix {
          low = middle + 1
        } else {
          high = middle
        }
      }
      var end = low
      while end < sorted.count, arn(sorted[end]).hasPrefix(prefix) {
        end += 1
      }
      if low < end { ranges.append(low..<end) }
    }
    // The ranges of prefixes such as `role/ci-` and `role/ci-deploy` overlap.
    var matched: [Element] = []
    var next = 0
    for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where range.upperBound > next {
      matched += sorted[max(range.lowerBound, next)..<range.upperBound]
      next = range.upperBound
    }
    return matched
  }

  /// Returns the elements of `sorted`, which is in ARN order, on which the principal may be
  /// allowed every permission of `technique` that is checked on the target. An element whose
  /// ARN starts with no literal start of the Allow statements for one such permission is
  /// left out, because `check` fails on it.
  private func candidates<Element>(
    of sorted: [Element], for technique: EscalationTechnique, _ principal: EvaluatedPrincipal,
    arn: (Element) -> String
  ) -> [Element] {
    guard
      let permission = technique.permissions.first(where: { $0.newResourceArea == nil }),
      let prefixes = principal.permissions.literalResourcePrefixes(of: permission.action)
    else { return sorted }
    return Self.elements(of: sorted, startingWith: prefixes, arn: arn)
  }

  /// Returns one edge to the group of roles that trust `service`, or nil unless three things
  /// hold. There are at least `groupingThreshold` such roles besides the principal, passing
  /// any of them is decided alike, and their trusts are all conditional or all not.
  private func uniformPass(
    _ technique: EscalationTechnique, _ principal: EvaluatedPrincipal, to service: String,
    _ trusting: [ServiceTrust], _ created: Evidence, _ needsInstanceProfile: Bool,
    _ passes: PassDecisions
  ) -> Escalation? {
    // The statements are checked before the roles, because that needs no copy of the list.
    let area = WildcardPattern(
      "arn:\(Self.partition(of: principal)):iam::\(principal.account):role/*",
      isCaseSensitive: true, readsPolicyVariables: false)
    guard trusting.count >= Self.groupingThreshold,
      let pass = passes.uniformDecision(to: service, over: area)
    else { return nil }
    // The roles other than the principal are looked at in place, without a copy of the list.
    let others = trusting.lazy.filter { $0.role.arn != principal.arn }
    let otherCount = trusting.count - (trusting.contains { $0.role.arn == principal.arn } ? 1 : 0)
    guard otherCount >= Self.groupingThreshold, let firstTrust = others.first?.trust,
      !others.contains(where: { $0.trust.isConditional != firstTrust.isConditional })
    else { return nil }
    var evidence = Evidence()
    evidence.add("iam:PassRole", on: "every role of the account (\(area.text))", pass)
    evidence.append(created)
    if needsInstanceProfile, others.contains(where: { $0.role.instanceProfiles.isEmpty }) {
      guard let profile = newInstanceProfile(for: principal) else { return nil }
      evidence.append(profile)
    }
    evidence.notes.append("each of the \(otherCount) roles trusts \(service)")
    if firstTrust.isConditional { evidence.isConditional = true }
    let group = AWSNodes.identityGroup(
      "roles-trusting/\(service)", account: principal.account,
      name: "IAM roles of \(principal.account) that trust \(service)")
    return Escalation(
      source: principal.node, target: .group(group, members: trusting.map(\.role.arn)),
      technique: technique, actions: technique.edgeActions,
      isConditional: evidence.isConditional, provenance: evidence.provenance(technique))
  }

  /// A group of roles that one `iam:PassRole` pattern of the principal covers alike.
  private struct PatternGroup {
    let pattern: WildcardPattern
    let pass: PrincipalPermissions.Decision
    /// The roles that trust the service and match the pattern, in role ARN order.
    let matching: [ServiceTrust]
    /// The number of `matching` roles other than the principal.
    let otherCount: Int
    let isTrustConditional: Bool
    /// The checks for a new instance profile, when some of the roles need one.
    let profile: Evidence?
  }

  /// Returns the groups of roles that trust `service` and that one `iam:PassRole` pattern
  /// of the principal covers alike, such as `arn:aws:iam::111122223333:role/*-instance`.
  ///
  /// A pattern gets a group when at least `groupingThreshold` roles other than the principal
  /// match it and passing any of them is decided alike (see
  /// `PrincipalPermissions.uniformDecision(for:over:)`). Their trusts must also be all
  /// conditional or all not, and for EC2 all or none of them must have an instance profile.
  ///
  /// - Complexity: O(a · r · n) for a patterns of the principal's Allow statements, r roles
  ///   that trust the service and patterns of length n, the first time a pattern is seen.
  private func patternGroups(
    _ principal: EvaluatedPrincipal, to service: String, _ trusting: [ServiceTrust],
    _ needsInstanceProfile: Bool, _ passes: PassDecisions
  ) -> [PatternGroup] {
    guard trusting.count >= Self.groupingThreshold else { return [] }
    var groups: [PatternGroup] = []
    for pattern in passes.rolePatterns(to: service) {
      guard let pass = passes.uniformDecision(to: service, over: pattern) else { continue }
      let matching = patternMatches.entries(
        of: trusting, trusting: principal.account + "/" + service, matching: pattern)
      // The roles other than the principal are looked at in place, without a copy.
      let others = matching.lazy.filter { $0.role.arn != principal.arn }
      let otherCount =
        matching.count - (matching.contains { $0.role.arn == principal.arn } ? 1 : 0)
      guard otherCount >= Self.groupingThreshold, let first = others.first,
        !others.contains(where: { $0.trust.isConditional != first.trust.isConditional }),
        !needsInstanceProfile
          || !others.contains(where: {
            $0.role.instanceProfiles.isEmpty != first.role.instanceProfiles.isEmpty
          })
      else { continue }
      let firstTrust = first.trust
      var profile: Evidence?
      if needsInstanceProfile, others.contains(where: { $0.role.instanceProfiles.isEmpty }) {
        guard let made = newInstanceProfile(for: principal) else { continue }
        profile = made
      }
      groups.append(
        PatternGroup(
          pattern: pattern, pass: pass, matching: matching, otherCount: otherCount,
          isTrustConditional: firstTrust.isConditional, profile: profile))
    }
    return groups
  }

  /// Builds the edge of a pass-role technique to the group of roles that `group.pattern`
  /// matches.
  ///
  /// The group node is `aws:account/<account>/roles-trusting/<service>/matching/<pattern>`,
  /// and it contains every role that trusts the service and matches the pattern, for every
  /// principal that reaches it.
  private func patternEscalation(
    _ technique: EscalationTechnique, _ principal: EvaluatedPrincipal, to service: String,
    _ group: PatternGroup, _ created: Evidence
  ) -> Escalation {
    let pattern = group.pattern
    var evidence = Evidence()
    evidence.add("iam:PassRole", on: "every role that \(pattern.text) matches", group.pass)
    evidence.append(created)
    if let profile = group.profile { evidence.append(profile) }
    evidence.notes.append("each of the \(group.otherCount) roles trusts \(service)")
    if group.isTrustConditional { evidence.isConditional = true }
    let node = AWSNodes.identityGroup(
      "roles-trusting/\(service)/matching/\(pattern.text)", account: principal.account,
      name: "IAM roles of \(principal.account) that trust \(service) and match \(pattern.text)")
    return Escalation(
      source: principal.node, target: .group(node, members: group.matching.map(\.role.arn)),
      technique: technique, actions: technique.edgeActions,
      isConditional: evidence.isConditional, provenance: evidence.provenance(technique))
  }

  /// The roles trusting a service that each role pattern matches, worked out once per thread
  /// because principals share patterns through managed policies and groups.
  private final class PatternMatches {
    private struct Key: Hashable {
      let trusting: String
      let pattern: WildcardPattern
    }

    private var entries: [Key: [ServiceTrust]] = [:]

    /// Returns the entries of `list`, the roles of `trusting` (`<account>/<service>`) in role
    /// ARN order, whose role ARN `pattern` matches, in the same order.
    func entries(
      of list: [ServiceTrust], trusting: String, matching pattern: WildcardPattern
    ) -> [ServiceTrust] {
      let key = Key(trusting: trusting, pattern: pattern)
      if let known = entries[key] { return known }
      var candidates = list
      if pattern.isCaseSensitive {
        // An ARN that the pattern matches starts with the text before its first wildcard,
        // so a binary search in the sorted list finds the only roles to match.
        let text = pattern.text
        let end = text.firstIndex { $0 == "*" || $0 == "?" || $0 == "$" } ?? text.endIndex
        candidates = EscalationFinder.elements(of: list, startingWith: [String(text[..<end])]) {
          $0.role.arn
        }
      }
      let matching = candidates.filter { pattern.matches($0.role.arn) }
      entries[key] = matching
      return matching
    }
  }

  private var patternMatches = PatternMatches()

  private var passableRoles = PassableRoles()

  /// Returns the checks for creating an instance profile and adding a role to it, for a role
  /// that has none.
  private func newInstanceProfile(for principal: EvaluatedPrincipal) -> Evidence? {
    let area = WildcardPattern(
      "arn:\(Self.partition(of: principal)):iam::\(principal.account):instance-profile/*",
      isCaseSensitive: true,
      readsPolicyVariables: false)
    var evidence = Evidence()
    for action in ["iam:CreateInstanceProfile", "iam:AddRoleToInstanceProfile"] {
      guard let decision = principal.permissions.decision(for: action, withinSome: area) else {
        return nil
      }
      evidence.add(action, on: "a new instance profile (\(area.text))", decision)
    }
    return evidence
  }

  private func policyHolders(
    _ technique: EscalationTechnique, _ index: Int, _ principal: EvaluatedPrincipal,
    _ kind: EscalationTechnique.PolicyHolderKind
  ) -> [Escalation] {
    guard technique.permissions.allSatisfy({ mayUse($0.action, principal) }) else { return [] }
    var found: [Escalation] = []
    let admin = Escalation.Target.admin(account: principal.account)
    switch kind {
    case .user:
      guard users[principal.arn] != nil,
        let limited = adminLimits(of: principal.arn, Evidence()),
        let evidence = check(technique, principal, targetARN: principal.arn, into: limited)
      else { return [] }
      found.append(escalation(principal, to: admin, technique, evidence))
    case .group:
      guard let limited = adminLimits(of: principal.arn, Evidence()) else { return [] }
      for group in groups(of: principal) {
        guard let evidence = check(technique, principal, targetARN: group.arn, into: limited)
        else { continue }
        found.append(escalation(principal, to: admin, technique, evidence))
      }
    case .role:
      found += changedRoles(technique, index, principal)
    }
    return found
  }

  /// Returns at most one edge to the admin privilege for a technique that changes the
  /// policies of a role the principal can assume or is.
  ///
  /// Every such edge points to the same node, so one is enough for reachability. A group of
  /// roles on which the technique's permissions are decided alike is checked once (see
  /// `uniformChange`). The other roles are checked one by one in ARN order, and the search
  /// stops at the first that passes without a condition. When none does, the edge is the
  /// first conditional one, and its provenance counts the other roles that passed.
  ///
  /// NOTE: One edge stands for every role that passes, so a minimum cut over these edges
  /// undercounts the grants to revoke.
  ///
  /// - Complexity: O(g · m + r · q) for g groups of at most m roles, where r counts the other
  ///   roles the principal can assume and q is the cost of one permission check.
  private func changedRoles(
    _ technique: EscalationTechnique, _ index: Int, _ principal: EvaluatedPrincipal
  ) -> [Escalation] {
    var firstConditional: Escalation?
    var conditionalPasses = 0
    var decidedGroups: Set<String> = []
    for entry in assumableGroups[index] ?? [] where entry.group.account == principal.account {
      guard let outcome = uniformChange(technique, principal, entry) else { continue }
      decidedGroups.insert(entry.group.node.id)
      guard let found = outcome.escalation else { continue }
      if !found.isConditional { return [found] }
      firstConditional = firstConditional ?? found
      conditionalPasses += 1
    }
    for target in actingRoles(of: index, except: decidedGroups)
    where !Self.isServiceLinked(target.role) {
      // The permission checks come first, because they rule out most roles.
      guard let checked = check(technique, principal, targetARN: target.role.arn),
        var evidence = adminLimits(of: target.role.arn, target.evidence)
      else { continue }
      evidence.append(checked)
      let found = escalation(principal, to: .admin(account: principal.account), technique, evidence)
      if !found.isConditional { return [found] }
      firstConditional = firstConditional ?? found
      conditionalPasses += 1
    }
    guard var first = firstConditional else { return [] }
    if conditionalPasses > 1 {
      first.provenance.grant +=
        "; the same technique passes under a condition through \(conditionalPasses - 1) "
        + "other roles or groups of roles it can assume"
    }
    return [first]
  }

  /// The result of checking a technique once for a whole group of roles.
  private struct GroupOutcome {
    /// The edge to the admin privilege, or nil when no role of the group can become an admin.
    let escalation: Escalation?
  }

  /// Checks a technique that changes a role's policies once for every role of a group that
  /// the principal can assume, or returns nil when its permissions are not decided alike on
  /// every role of the account, as `PrincipalPermissions.uniformDecision(for:over:)` decides.
  ///
  /// The edge goes through the first role of the group, by ARN, whose limits let new
  /// policies make it an admin without a condition, or else the first whose limits let them
  /// at all (see `adminLimits`). The principal's own role is left to `changedRoles`.
  ///
  /// - Complexity: O(p · s + m) for p permissions of s statements each and m roles of the
  ///   group, whose limits are worked out once per run.
  private func uniformChange(
    _ technique: EscalationTechnique, _ principal: EvaluatedPrincipal, _ entry: AssumableGroup
  ) -> GroupOutcome? {
    let group = entry.group
    let area = TrustEvaluator.everyRole(
      of: principal.account, partition: Self.partition(of: principal))
    var evidence = Evidence()
    for permission in technique.permissions {
      guard permission.newResourceArea == nil,
        let decision = principal.permissions.uniformDecision(for: permission.action, over: area)
      else { return nil }
      evidence.add(permission.action, on: "every role of the account (\(area.text))", decision)
    }
    let summary = adminCandidates.summary(of: group) { adminLimits(of: $0.arn, Evidence()) }
    guard let (role, limits) = summary.first(except: principal.arn) else {
      return GroupOutcome(escalation: nil)
    }
    evidence.notes.append(
      "it can then assume each of the \(group.roles.count) roles of the group "
        + "\(group.node.name) (\(entry.provenance.grant))")
    evidence.isConditional = evidence.isConditional || entry.isConditional
    evidence.notes.append(
      "role \(role.name) is the first of them by ARN whose limits let new policies make it an "
        + "admin, and \(summary.count) of the roles qualify")
    evidence.append(limits)
    let admin = Escalation.Target.admin(account: principal.account)
    return GroupOutcome(escalation: escalation(principal, to: admin, technique, evidence))
  }

  /// The roles of each group whose limits let new policies make them an admin, worked out
  /// once per group because they do not depend on who changes the policies.
  private final class AdminCandidates {
    struct Summary {
      /// The qualifying roles with the notes their limits add, those without a condition
      /// first, each part in ARN order.
      let roles: [(role: IAMRole, limits: Evidence)]
      var count: Int { roles.count }

      /// Returns the first qualifying role other than `arn`.
      func first(except arn: String) -> (IAMRole, Evidence)? {
        roles.first { $0.role.arn != arn }.map { ($0.role, $0.limits) }
      }
    }

    private var summaries: [String: Summary] = [:]

    func summary(
      of group: TrustEvaluator.AccountGroup, limits: (IAMRole) -> Evidence?
    ) -> Summary {
      if let known = summaries[group.node.id] { return known }
      var unconditional: [(role: IAMRole, limits: Evidence)] = []
      var conditional: [(role: IAMRole, limits: Evidence)] = []
      for role in group.roles where !EscalationFinder.isServiceLinked(role) {
        guard let evidence = limits(role) else { continue }
        if evidence.isConditional {
          conditional.append((role, evidence))
        } else {
          unconditional.append((role, evidence))
        }
      }
      let summary = Summary(roles: unconditional + conditional)
      summaries[group.node.id] = summary
      return summary
    }
  }

  private var adminCandidates = AdminCandidates()

  /// Checks whether new policies on the user or role `holderARN` can make it an admin, and
  /// adds what limits that to `evidence`.
  ///
  /// A permissions boundary or service control policies cap every policy added later, so a
  /// holder with a limit that does not itself allow every action on every resource cannot
  /// become an admin this way. Deny statements stay in force too, so, as for admin edges,
  /// an unconditional Deny rules it out. A Deny with a condition, or a limit that allows
  /// this only under a condition, makes the edge conditional.
  ///
  /// - Returns: The evidence with notes added, or nil when a limit rules it out.
  private func adminLimits(of holderARN: String, _ evidence: Evidence) -> Evidence? {
    guard let limits = adminLimitNotes.notes(of: holderARN, computedBy: adminLimitNotes(of:))
    else { return nil }
    var evidence = evidence
    evidence.isConditional = evidence.isConditional || limits.isConditional
    evidence.notes += limits.notes
    return evidence
  }

  /// The notes and condition that the limits of one user or role add to the evidence of
  /// making it an admin.
  private struct AdminLimitNotes {
    let notes: [String]
    let isConditional: Bool
  }

  /// The notes of `adminLimits` by holder ARN, worked out once per thread because they
  /// depend on the holder alone and many principals can change the same roles.
  private final class AdminLimitCache {
    private var byHolder: [String: AdminLimitNotes?] = [:]

    func notes(
      of holderARN: String, computedBy compute: (String) -> AdminLimitNotes?
    ) -> AdminLimitNotes? {
      if let known = byHolder[holderARN] { return known }
      let notes = compute(holderARN)
      byHolder[holderARN] = notes
      return notes
    }
  }

  private var adminLimitNotes = AdminLimitCache()

  /// Works out what `adminLimits` adds for the user or role `holderARN`, or nil when a
  /// limit rules it out.
  private func adminLimitNotes(of holderARN: String) -> AdminLimitNotes? {
    guard let index = principalIndexByARN[holderARN] else {
      return AdminLimitNotes(notes: [], isConditional: false)
    }
    let permissions = principals[index].permissions
    var notes: [String] = []
    var isConditional = false
    for limit in permissions.limits {
      guard let conditions = limit.conditionsForEveryActionOnEveryResource() else { return nil }
      for limitAllow in conditions {
        isConditional = true
        notes.append(
          "every action on every resource passes \(limitAllow.limit) only under a condition "
            + "(\(limitAllow.allow.description))")
      }
    }
    if permissions.isKeptFromAdmin { return nil }
    if let deny = permissions.denies.first(where: \.statement.isConditional) {
      isConditional = true
      notes.append(
        "a Deny with a condition may still apply to \(principals[index].label) "
          + "(\(deny.description))")
    }
    for guardrail in permissions.guardrailDenies {
      notes.append("\(guardrail.description) still denies what it names")
    }
    return AdminLimitNotes(notes: notes, isConditional: isConditional)
  }

  /// Returns the groups of a principal that is a user, as exports in the run list them.
  private func groups(of principal: EvaluatedPrincipal) -> [IAMGroup] {
    guard let user = users[principal.arn] else { return [] }
    return user.groups.compactMap { directory.group(named: $0.name, account: user.account) }
  }

  /// A role whose policies, once changed, the principal gets, and how it gets them.
  private struct ActingRole {
    enum Route {
      /// The principal is the role.
      case itself
      /// A trust edge lets the principal assume the role.
      case trust(AssumableRole)
      /// A trust edge into a group of roles lets the principal assume the role.
      case group(AssumableGroup)
    }

    let role: IAMRole
    let route: Route

    /// The evidence that the principal acts as the role: none for its own role, and the
    /// trust it assumes the role by otherwise.
    var evidence: Evidence {
      var evidence = Evidence()
      switch route {
      case .itself:
        break
      case .trust(let assumable):
        evidence.notes.append(
          "it can then assume role \(role.name) (\(assumable.provenance.grant))")
        evidence.isConditional = assumable.isConditional
      case .group(let entry):
        evidence.notes.append(
          "it can then assume role \(role.name), one of the \(entry.group.node.name) "
            + "(\(entry.provenance.grant))")
        evidence.isConditional = entry.isConditional
      }
      return evidence
    }
  }

  /// Returns the roles whose policies, once changed, the principal gets: the role it is, and
  /// each role of its account it can assume through a trust edge. IAM changes the policies
  /// of the caller's own account only, so a role of another account is left out even when
  /// the principal can assume it.
  ///
  /// The evidence of each role is put in words only for the edges that are made, through
  /// `ActingRole.evidence`.
  ///
  /// - Parameters:
  ///   - decided: Ids of groups whose roles are left out, because a technique was decided
  ///     for the whole group.
  ///   - including: Leaves out the roles for which it returns false, before their routes are
  ///     put together and sorted. The order of the others stays the same.
  private func actingRoles(
    of index: Int, except decided: Set<String> = [], including: ((IAMRole) -> Bool)? = nil
  ) -> [ActingRole] {
    if decided.isEmpty, let known = lastActingRoles.roles(of: index) {
      guard let including else { return known }
      return known.filter { including($0.role) }
    }
    let principal = principals[index]
    var result: [ActingRole] = []
    if let own = roles[principal.arn], including?(own) ?? true {
      result.append(ActingRole(role: own, route: .itself))
    }
    var others: [ActingRole] = []
    for assumable in assumable[index] ?? []
    where assumable.role.arn != principal.arn && assumable.role.account == principal.account
      && including?(assumable.role) ?? true
    {
      others.append(ActingRole(role: assumable.role, route: .trust(assumable)))
    }
    let groups = (assumableGroups[index] ?? []).filter {
      $0.group.account == principal.account && !decided.contains($0.group.node.id)
    }
    if !groups.isEmpty {
      for entry in groups {
        for role in entry.group.roles
        where role.arn != principal.arn && including?(role) ?? true {
          others.append(ActingRole(role: role, route: .group(entry)))
        }
      }
      // The roles come in ARN order, as the trust edges give them, whether or not a group
      // contains them.
      others = others.enumerated().sorted {
        ($0.element.role.arn, $0.offset) < ($1.element.role.arn, $1.offset)
      }.map(\.element)
    }
    result += others
    if decided.isEmpty, including == nil { lastActingRoles.keep(result, of: index) }
    return result
  }

  /// The acting roles of the last principal looked at, because the four techniques that
  /// change policies use them one after another.
  private final class LastActingRoles {
    private var index: Int?
    private var acting: [ActingRole] = []

    func roles(of index: Int) -> [ActingRole]? {
      self.index == index ? acting : nil
    }

    func keep(_ acting: [ActingRole], of index: Int) {
      self.index = index
      self.acting = acting
    }
  }

  private var lastActingRoles = LastActingRoles()

  private func attachedPolicies(
    _ technique: EscalationTechnique, _ index: Int, _ principal: EvaluatedPrincipal,
    _ needsAdminVersion: Bool
  ) -> [Escalation] {
    guard technique.permissions.allSatisfy({ mayUse($0.action, principal) }) else { return [] }
    // Every edge needs the checks to pass on a managed policy of the principal's account,
    // and for most principals they pass on none, so the holders are not looked at.
    let accountPolicies = candidates(
      of: policyARNsByAccount[principal.account] ?? [], for: technique, principal, arn: { $0 })
    guard accountPolicies.contains(where: { check(technique, principal, targetARN: $0) != nil })
    else { return [] }
    // The holders come in order: the user and its groups, with the user's limits, then the
    // roles it acts as. A holder's limits and evidence are worked out only when one of its
    // policies passes the checks, which do not depend on the holder.
    var holders: [(holder: any PolicyHolder, acting: ActingRole?)] = []
    if let user = users[principal.arn] {
      holders.append((user, nil))
      for group in groups(of: principal) {
        holders.append((group, nil))
      }
    }
    // A role none of whose policies passes the checks adds no edge, so the roles are
    // filtered before their routes are put together.
    var passesByPolicy: [String: Bool] = [:]
    let holdsPassingPolicy = { (role: IAMRole) -> Bool in
      for attached in self.attachedPolicyARNsByRole[role.arn] ?? []
      where attached.account == principal.account {
        if let passes = passesByPolicy[attached.policy] {
          if passes { return true }
          continue
        }
        let passes = self.check(technique, principal, targetARN: attached.policy) != nil
        passesByPolicy[attached.policy] = passes
        if passes { return true }
      }
      return false
    }
    for acting in actingRoles(of: index, including: holdsPassingPolicy) {
      holders.append((acting.role, acting))
    }
    var checks: [String: PolicyCheck?] = [:]
    var found: [Escalation] = []
    var seen: Set<String> = []
    for (holder, acting) in holders {
      var base: Evidence??
      // One edge per policy, through the first holder for which every check passes.
      for attachment in holder.attachedPolicies
      where ARN(attachment.arn)?.account == principal.account && !seen.contains(attachment.arn) {
        guard let policy = directory.policy(attachment.arn, listedIn: holder.file) else { continue }
        let key = policy.file + "\u{0}" + policy.arn
        if checks[key] == nil {
          checks[key] = .some(policyCheck(technique, principal, policy, needsAdminVersion))
        }
        guard let passed = checks[key] ?? nil else { continue }
        if base == nil {
          base = .some(
            acting.map { adminLimits(of: $0.role.arn, $0.evidence) }
              ?? adminLimits(of: principal.arn, Evidence()))
        }
        guard var evidence = base ?? nil else { break }
        evidence.notes += passed.leadingNotes
        evidence.notes.append("\(policy.name) is attached to \(holder.label)")
        evidence.append(passed.checks)
        seen.insert(attachment.arn)
        found.append(
          escalation(principal, to: .admin(account: principal.account), technique, evidence))
      }
    }
    return found
  }

  /// The checks of a technique on one attached managed policy, which are the same whichever
  /// holder the policy is attached to.
  private struct PolicyCheck {
    /// The notes that come before the one naming the holder.
    let leadingNotes: [String]
    /// The permission checks, and the notes that come after the one naming the holder.
    let checks: Evidence
  }

  /// Checks a technique that changes the versions of `policy`, or returns nil when it does
  /// not pass.
  private func policyCheck(
    _ technique: EscalationTechnique, _ principal: EvaluatedPrincipal, _ policy: ManagedPolicy,
    _ needsAdminVersion: Bool
  ) -> PolicyCheck? {
    var leadingNotes: [String] = []
    if needsAdminVersion {
      guard let version = policy.otherVersions.first(where: \.grantsEveryActionOnEveryResource)
      else { return nil }
      leadingNotes.append(
        "version \(version.versionID) of \(policy.name) allows every action on every resource")
    }
    guard var checked = check(technique, principal, targetARN: policy.arn) else { return nil }
    // A managed policy keeps at most five versions, so a sixth needs one deleted first.
    if !needsAdminVersion, policy.otherVersions.count >= Self.maxPolicyVersions - 1 {
      let delete = "iam:DeletePolicyVersion"
      guard let decision = principal.permissions.decision(for: delete, on: policy.arn)
      else { return nil }
      checked.add(delete, on: policy.arn, decision)
      checked.notes.append(
        "\(policy.name) has \(Self.maxPolicyVersions) versions already, so one is deleted first")
    }
    return PolicyCheck(leadingNotes: leadingNotes, checks: checked)
  }

  private func groupsToJoin(
    _ technique: EscalationTechnique, _ principal: EvaluatedPrincipal
  ) -> [Escalation] {
    guard let user = users[principal.arn],
      technique.permissions.allSatisfy({ mayUse($0.action, principal) })
    else { return [] }
    let current = Set(user.groups.map(\.name))
    var found: [Escalation] = []
    for group in groupsByAccount[principal.account] ?? [] where !current.contains(group.name) {
      guard var evidence = check(technique, principal, targetARN: group.arn) else { continue }
      // NOTE: Joining a group that grants less than admin ends at the group node, so what
      // the membership would grant is not traced further.
      var target = Escalation.Target.node(group.arn)
      if let grant = everyActionGrant(of: group) {
        var admitted = evidence
        admitted.notes.append(
          "group \(group.name) allows every action on every resource by \(grant.description)")
        admitted.isConditional = admitted.isConditional || grant.statement.isConditional
        if let limited = adminLimits(of: principal.arn, admitted) {
          evidence = limited
          target = .admin(account: principal.account)
        }
      }
      found.append(escalation(principal, to: target, technique, evidence))
    }
    return found
  }

  /// Returns a statement of the group's own policies that allows every action on every
  /// resource, preferring one without a condition. Returns nil when there is none, or when
  /// an unconditional Deny of the group's policies takes some action away.
  ///
  /// A member's grants are edges from the member, never from the group, so a path that
  /// ends at a group node goes no further. Joining a group that has this is therefore an
  /// edge to the account admin privilege instead.
  private func everyActionGrant(of group: IAMGroup) -> StatementGrant? {
    let permissions = PrincipalPermissions(
      holders: [group], policy: directory.policy(_:listedIn:))
    if permissions.denies.contains(where: { !$0.statement.isConditional }) { return nil }
    let grants = permissions.allows.filter(PermissionsLimit.grantsEveryActionOnEveryResource)
    return grants.first { !$0.statement.isConditional } ?? grants.first
  }

  private func workloads(
    _ technique: EscalationTechnique, _ principal: EvaluatedPrincipal, _ type: String,
    _ tag: (key: String, value: String)?
  ) -> [Escalation] {
    guard technique.permissions.allSatisfy({ mayUse($0.action, principal) }) else { return [] }
    // Running a task definition that names a task role needs iam:PassRole on that role, which
    // ECS passes to ecs-tasks.amazonaws.com, so a condition on iam:PassedToService is decided.
    var taskRolePass: PrincipalPermissions?
    if type == "ecs-task-definition" {
      taskRolePass = principal.permissions.limited(to: "iam:PassRole")
        .specialized(for: .passingRole(to: "ecs-tasks.amazonaws.com"))
    }
    var found: [Escalation] = []
    for workload in workloads[type] ?? [] where workload.account == principal.account {
      if let tag, workload.tags[tag.key] != tag.value { continue }
      guard var checked = check(technique, principal, targetARN: workload.id) else { continue }
      var extra: [String] = []
      if let taskRole = workload.tags["taskRole"], let taskRolePass {
        guard let pass = taskRolePass.decision(for: "iam:PassRole", on: taskRole) else {
          continue
        }
        checked.add("iam:PassRole", on: taskRole, pass)
        extra.append("iam:PassRole")
      }
      found.append(
        escalation(principal, to: .node(workload.id), technique, checked, alsoChecking: extra))
    }
    return found
  }

  private func rewrittenTrusts(
    _ technique: EscalationTechnique, _ principal: EvaluatedPrincipal
  ) -> [Escalation] {
    guard technique.permissions.allSatisfy({ mayUse($0.action, principal) }) else { return [] }
    var found: [Escalation] = []
    let roles = rewritableRolesByAccount[principal.account] ?? []
    let roleARNs = rewritableRoleARNsByAccount[principal.account] ?? []
    let group = AWSNodes.identityGroup(
      "roles", account: principal.account,
      name: "IAM roles of \(principal.account) other than service-linked roles")
    let candidates = roles.count - (roleARNs.contains(principal.arn) ? 1 : 0)
    // After the rewrite the role trusts the principal, so only a Deny or an SCP of
    // sts:AssumeRole can stop it. The uniform check also requires an Allow of it, which is
    // stricter, so without one each role is checked on its own.
    if candidates >= Self.groupingThreshold,
      let whole = uniformEscalation(
        technique, principal, over: "role/*", to: group, members: roleARNs, "roles",
        extra: [TrustEvaluator.assumeRole])
    {
      return [whole]
    }
    for role in self.candidates(of: roles, for: technique, principal, arn: \.arn)
    where role.arn != principal.arn {
      // A trust policy that names the caller lets it assume the role with no Allow of its
      // own, but a Deny of sts:AssumeRole in its policies or boundary still stops it, and so
      // do its service control policies.
      guard var evidence = check(technique, principal, targetARN: role.arn),
        let assume = principal.permissions.decision(
          for: TrustEvaluator.assumeRole, on: role.arn, grantedBy: .resourcePolicy)
      else { continue }
      if assume.isConditional {
        evidence.isConditional = true
        if let deny = assume.conditionalDeny {
          evidence.notes.append(
            "a Deny with a condition may stop it assuming the role (\(deny.description))")
        }
        for limitAllow in assume.conditionalLimitAllows {
          evidence.notes.append(
            "assuming the role passes \(limitAllow.limit) only under a condition "
              + "(\(limitAllow.allow.description))")
        }
      }
      found.append(escalation(principal, to: .node(role.arn), technique, evidence))
    }
    return grouped(found, of: candidates, into: group, members: roleARNs, "role")
  }
}
