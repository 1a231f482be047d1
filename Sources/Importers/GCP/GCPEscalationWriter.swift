import AccessGraph

/// Adds the escalation edges of policy bindings: `assumes` to each service account that a
/// member may act as, and `escalates` to the owner privilege of each scope whose IAM policy
/// or custom role it may change.
///
/// A binding at an organization, folder or project covers every service account of the
/// projects below it. A binding in a service account's own IAM policy covers that account
/// only, and gives only the `iam.serviceAccounts.*` and `iam.serviceAccountKeys.*`
/// permissions there. Members outside Google Cloud (Kubernetes service accounts and workload
/// identity pool principals) get no edges here, because they obtain a service account's
/// token by federation, not by calling IAM.
struct GCPEscalationWriter {
  let estate: GCPEstate

  /// The number of service accounts in one project from which a member that the same
  /// bindings let act as all of them gets one edge to the project's group node, in place of
  /// one edge per account.
  static let groupingThreshold = 10

  /// A technique that a member's grants give, with the grant chosen for each permission.
  struct Decision {
    let technique: GCPTechnique
    /// One grant per permission of the technique, in the same order.
    let grants: [GCPGrant]

    var isConditional: Bool { grants.contains(where: \.isConditional) }

    /// Returns whether two decisions make the same edge apart from provenance.
    func matches(_ other: Decision) -> Bool {
      technique == other.technique && isConditional == other.isConditional
    }
  }

  /// Returns the technique to act as a service account that `grants` give. It is the first
  /// one in `GCPTechnique.serviceAccount` whose permissions need no condition, else the
  /// first one at all, or nil when they give none.
  ///
  /// - Complexity: O(t · p · g) for t techniques of p permissions each and g grants.
  static func decide(_ grants: [GCPGrant]) -> Decision? {
    var conditional: Decision?
    for technique in GCPTechnique.serviceAccount {
      guard let chosen = choose(technique.permissions, from: grants) else { continue }
      let decision = Decision(technique: technique, grants: chosen)
      if !decision.isConditional { return decision }
      if conditional == nil { conditional = decision }
    }
    return conditional
  }

  /// Returns, for each permission, the first grant that gives it without a condition, else
  /// the first that gives it. Returns nil when no grant gives one of them.
  static func choose(_ permissions: [String], from grants: [GCPGrant]) -> [GCPGrant]? {
    var chosen: [GCPGrant] = []
    for permission in permissions {
      let giving = grants.filter { $0.grants(permission) }
      guard let best = giving.first(where: { !$0.isConditional }) ?? giving.first else {
        return nil
      }
      chosen.append(best)
    }
    return chosen
  }

  /// Returns the provenance of a technique edge: that of the grant of the first
  /// permission, followed by each other grant with the permissions it gives.
  static func provenance(of decision: Decision) -> Provenance {
    let first = decision.grants[0].provenance
    var others: [(provenance: Provenance, permissions: [String])] = []
    for (permission, grant) in zip(decision.technique.permissions, decision.grants)
    where grant.provenance != first {
      if let index = others.firstIndex(where: { $0.provenance == grant.provenance }) {
        others[index].permissions.append(permission)
      } else {
        others.append((grant.provenance, [permission]))
      }
    }
    var provenance = first
    for other in others {
      provenance.grant +=
        "; \(other.permissions.joined(separator: ", ")) from \(other.provenance.grant)"
    }
    provenance.technique = decision.technique.name
    return provenance
  }

  /// Adds every escalation edge of `grants`.
  func connect(_ grants: [GCPGrant], into builder: inout EstateBuilder) {
    let inside = grants.filter { !$0.member.isFederated }
    connectServiceAccounts(inside, into: &builder)
    connectPolicyWrites(inside, into: &builder)
    connectRoleUpdates(inside, into: &builder)
  }

  /// Returns the organization, folder or project that a grant is attached to, if any.
  func scope(of grant: GCPGrant) -> GCPScope? {
    guard case .scope(let named) = grant.target else { return nil }
    return estate.resolve(named)
  }
}

extension GCPEscalationWriter {
  /// Adds an `assumes` edge from each member to each service account that its grants let it
  /// act as, named after the first technique they give (see `decide`). When a project contains
  /// `groupingThreshold` or more service accounts and a member's bindings on the project or
  /// above give a technique, the edge goes to the project's group node, which `contains`
  /// them. An account whose own policy gives the member a different technique, or the same
  /// one without a condition where the group edge has one, also gets its own edge.
  ///
  /// - Complexity: O(m · (p · g + a · t · g)) for m members, p projects with service
  ///   accounts, a service accounts that a member's grants cover, t techniques and g grants
  ///   of one member.
  private func connectServiceAccounts(_ grants: [GCPGrant], into builder: inout EstateBuilder)
  {
    let accounts = serviceAccounts(named: grants)
    var byProject: [GCPScope: [String]] = [:]
    for email in accounts.keys.sorted() {
      if let project = accounts[email]! { byProject[project, default: []].append(email) }
    }
    var lineages: [GCPScope: Set<GCPScope>] = [:]
    for project in byProject.keys { lineages[project] = Set(estate.lineage(of: project)) }

    let byMember = Dictionary(grouping: grants, by: \.member)
    for member in byMember.keys.sorted() {
      let own = byMember[member]!
      let onScopes = own.filter { scope(of: $0) != nil }
      var onAccounts: [String: [GCPGrant]] = [:]
      for grant in own {
        if case .serviceAccount(let name) = grant.target {
          onAccounts[estate.email(of: name), default: []].append(grant)
        }
      }
      func covering(_ project: GCPScope?) -> [GCPGrant] {
        guard let project, let lineage = lineages[project] else { return [] }
        return onScopes.filter { lineage.contains(scope(of: $0)!) }
      }

      var projectDecisions: [GCPScope: Decision] = [:]
      var grouped: Set<GCPScope> = []
      var candidates = Set(onAccounts.keys)
      for project in byProject.keys.sorted() {
        guard let decision = Self.decide(covering(project)) else { continue }
        projectDecisions[project] = decision
        let emails = byProject[project]!
        if emails.count >= Self.groupingThreshold {
          grouped.insert(project)
          let group = groupNode(of: project, emails: emails, into: &builder)
          connect(member, to: group, decision, into: &builder)
        } else {
          candidates.formUnion(emails)
        }
      }

      for email in candidates.sorted() where "serviceAccount:" + email != member.id {
        guard let project = accounts[email] else { continue }
        let scopeDecision = project.flatMap { projectDecisions[$0] }
        let ownGrants = onAccounts[email] ?? []
        let decision =
          ownGrants.isEmpty ? scopeDecision : Self.decide(ownGrants + covering(project))
        guard let decision else { continue }
        if let project, grouped.contains(project), let scopeDecision,
          scopeDecision.matches(decision)
        {
          continue
        }
        let account = builder.reference(GCPMember("serviceAccount:" + email).node())
        connect(member, to: account, decision, into: &builder)
      }
    }
  }

  /// Returns the service accounts that a technique may act on, with the project of each
  /// when it is known: those listed and those whose own policy is in the run. Google's
  /// service agents are left out, because customers cannot act as them.
  private func serviceAccounts(named grants: [GCPGrant]) -> [String: GCPScope?] {
    var accounts: [String: GCPScope?] = [:]
    for (email, entry) in estate.serviceAccounts {
      accounts[email] = GCPScope(.project, entry.projectID)
    }
    for grant in grants {
      guard case .serviceAccount(let name) = grant.target else { continue }
      let email = estate.email(of: name)
      if accounts[email] == nil {
        accounts[email] = .some(estate.project(ofServiceAccount: email))
      }
    }
    return accounts.filter { !GCPServiceAccountEmail($0.key).isServiceAgent }
  }

  private func connect(
    _ member: GCPMember, to target: NodeID, _ decision: Decision,
    into builder: inout EstateBuilder
  ) {
    builder.connect(
      builder.nodeID(for: member.id)!, target, .assumes,
      actions: decision.technique.permissions, provenance: Self.provenance(of: decision),
      isConditional: decision.isConditional)
  }

  /// Returns the group node of a project's service accounts, adding it with a `contains`
  /// edge to each account on first use.
  private func groupNode(
    of project: GCPScope, emails: [String], into builder: inout EstateBuilder
  ) -> NodeID {
    let group = GCPNodes.serviceAccountGroup(of: project, count: emails.count, in: estate)
    if let known = builder.nodeID(for: group.id) { return known }
    let node = builder.define(group)
    let provenance = Provenance(
      file: "", location: "", grant: "\(group.name), as the inputs list them")
    for email in emails {
      let account = builder.reference(GCPMember("serviceAccount:" + email).node())
      builder.connect(node, account, .contains, provenance: provenance)
    }
    return node
  }
}
