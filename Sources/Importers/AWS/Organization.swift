/// The service control policies in effect for the IAM users and roles of one account.
struct ServiceControl: Sendable {
  /// One limit per level of the organization path, root first, each the union of the SCPs
  /// attached there. A level whose SCPs allow every action on every resource without a
  /// condition removes nothing and is left out.
  let limits: [PermissionsLimit]
  /// The Deny statements of the SCPs of every level.
  let denies: [StatementGrant]
}

/// The AWS organizations that the run's Organizations outputs describe, joined across files:
/// the management accounts, the parent of each account and OU, and the SCPs attached to each
/// root, OU and account.
///
/// AWS allows an action to an IAM user or role of a member account only when some SCP allows
/// it at every level of the path from the root down to the account. Any SCP on that path
/// that denies the action removes it. SCPs do not apply to the management account.
struct Organization {
  private var managementAccounts: Set<String> = []
  private var parentByChild: [String: OrganizationExport.Placement] = [:]
  /// The file of each placement, for messages.
  private var placementFileByChild: [String: String] = [:]
  private var namesByID: [String: String] = [:]
  /// The first file that names each entity, where warnings about it point.
  private var fileByID: [String: String] = [:]
  private var rootIDs: Set<String> = []
  private var memberAccounts: Set<String> = []
  private var policiesByTarget: [String: [ServiceControlPolicy]] = [:]
  /// The file of the first SCP, where warnings about the whole organization point.
  private var firstPolicyFile: String?

  /// Joins the parsed Organizations files.
  ///
  /// - Throws: `ImportError` when two files give an account or OU different parents.
  /// - Complexity: O(n) in the number of entities, placements and attachments.
  init(exports: [OrganizationExport]) throws {
    for export in exports {
      if let management = export.managementAccount {
        managementAccounts.insert(management.id)
      }
      for root in export.roots {
        rootIDs.insert(root.id)
        record(root, in: export.file)
      }
      for account in export.accounts {
        memberAccounts.insert(account.id)
        record(account, in: export.file)
      }
      for placement in export.placements {
        try place(placement, from: export.file)
      }
      for policy in export.policies {
        firstPolicyFile = firstPolicyFile ?? policy.file
        for target in policy.targets {
          record(target, in: export.file)
          let attached = policiesByTarget[target.id] ?? []
          guard !attached.contains(where: { $0.id == policy.id }) else { continue }
          policiesByTarget[target.id] = attached + [policy]
          if target.kind == .root { rootIDs.insert(target.id) }
          if target.kind == .account { memberAccounts.insert(target.id) }
        }
      }
    }
  }

  private mutating func record(_ entity: OrganizationEntity, in file: String) {
    if fileByID[entity.id] == nil { fileByID[entity.id] = file }
    if let name = entity.name, !name.isEmpty, namesByID[entity.id] == nil {
      namesByID[entity.id] = name
    }
  }

  private mutating func place(
    _ placement: OrganizationExport.Placement, from file: String
  ) throws {
    record(placement.child, in: file)
    record(placement.parent, in: file)
    if placement.child.kind == .account { memberAccounts.insert(placement.child.id) }
    if placement.parent.kind == .root { rootIDs.insert(placement.parent.id) }
    if let earlier = parentByChild[placement.child.id] {
      guard earlier.parent.id == placement.parent.id else {
        throw ImportError(
          .invalidData, file: file, location: placement.location,
          problem: "\(placement.child.label) is placed under \(placement.parent.label) here "
            + "but under \(earlier.parent.label) in \(placementFileByChild[placement.child.id]!)",
          remedy: "export the organization again, so that every file is from the same moment")
      }
      return
    }
    parentByChild[placement.child.id] = placement
    placementFileByChild[placement.child.id] = file
  }

  /// Returns the entity with the name that some file of the run gives it.
  private func named(_ entity: OrganizationEntity) -> OrganizationEntity {
    var named = entity
    named.name = namesByID[entity.id] ?? entity.name
    return named
  }

  /// Returns the service control policies in effect for each of `accounts` that they apply
  /// to. An account without an entry has none, because the run contains no SCP or it is a
  /// management account.
  ///
  /// - Parameters:
  ///   - accounts: The accounts of the run, each with the file of its IAM export, where
  ///     warnings about it point.
  ///   - warn: Receives an account whose place in the organization is not known, a level of a
  ///     known path with no SCP in the run, and a missing management account.
  /// - Throws: `ImportError` when the parents form a cycle.
  /// - Complexity: O(a · (h + s)) for a accounts, paths of h levels and s SCP statements
  ///   attached along one path.
  func serviceControl(
    for accounts: [(id: String, file: String)], warn: (ImportWarning) -> Void
  ) throws -> [String: ServiceControl] {
    guard let firstPolicyFile else { return [:] }
    if managementAccounts.isEmpty {
      warn(
        ImportWarning(
          file: firstPolicyFile, location: "",
          message: "no `aws organizations describe-organization` output is in the run, so the "
            + "management account is not known and service control policies are applied to "
            + "it as to a member account; add that output"))
    }
    var warnedLevels: Set<String> = []
    var result: [String: ServiceControl] = [:]
    for (account, file) in accounts where !managementAccounts.contains(account) {
      guard let levels = try levels(of: account, file: file, warn: warn) else { continue }
      var limits: [PermissionsLimit] = []
      var denies: [StatementGrant] = []
      for (entity, isPathKnown) in levels {
        let policies = policiesByTarget[entity.id] ?? []
        if policies.isEmpty {
          if isPathKnown, warnedLevels.insert(entity.id).inserted {
            warnMissingPolicies(at: entity, warn: warn)
          }
          continue
        }
        let level = Self.limit(of: policies, at: entity)
        denies += level.denies
        if !level.limit.allowsEverything { limits.append(level.limit) }
      }
      result[account] = ServiceControl(limits: limits, denies: denies)
    }
    return result
  }

  /// Returns the levels whose SCPs apply to `account`, root first, each with whether the
  /// account's whole path is known. Returns nil when no SCP can be applied.
  ///
  /// When the parents from the account up to a root are known, every level of that path is
  /// returned. Otherwise a warning names the account, and the levels known to lie above it
  /// are returned. These are the account itself and the OUs that its known parents name. The
  /// root is among them when the run names exactly one root and the account is a member of
  /// the organization.
  private func levels(
    of account: String, file: String, warn: (ImportWarning) -> Void
  ) throws -> [(entity: OrganizationEntity, isPathKnown: Bool)]? {
    var path = [named(OrganizationEntity(kind: .account, id: account))]
    var seen: Set<String> = [account]
    while let placement = parentByChild[path.last!.id] {
      guard seen.insert(placement.parent.id).inserted else {
        throw ImportError(
          .invalidData, file: placementFileByChild[placement.child.id]!,
          location: placement.location,
          problem: "the parents of \(path[0].label) form a cycle at \(placement.parent.label)",
          remedy: "export the organization again")
      }
      path.append(named(placement.parent))
      if placement.parent.kind == .root {
        return path.reversed().map { ($0, true) }
      }
    }

    let isMember = memberAccounts.contains(account) || path.count > 1
    if isMember, rootIDs.count == 1, let root = rootIDs.first {
      path.append(named(OrganizationEntity(kind: .root, id: root)))
    }
    let applied = path.filter { policiesByTarget[$0.id] != nil }
    let message: String
    if applied.isEmpty {
      message =
        "account \(account) is in the run, but no organization input places it under a "
        + "root and no service control policy is known to apply to it, so none is applied; if "
        + "it belongs to the organization, add its `describe-account` output merged with "
        + "`list-parents`, as docs/aws.md shows"
    } else {
      message =
        "account \(account) is in the run, but no organization input places it under a "
        + "root, so only the service control policies attached to "
        + applied.reversed().map(\.label).joined(separator: ", ")
        + " are applied and access may be overstated; add its `describe-account` output merged "
        + "with `list-parents`, as docs/aws.md shows"
    }
    warn(ImportWarning(file: file, location: "", message: message))
    return applied.isEmpty ? nil : path.reversed().map { ($0, false) }
  }

  private func warnMissingPolicies(
    at entity: OrganizationEntity, warn: (ImportWarning) -> Void
  ) {
    warn(
      ImportWarning(
        file: fileByID[entity.id] ?? "", location: "",
        message: "no service control policy in the run is attached to \(entity.label), though "
          + "AWS keeps at least one attached to every root, OU and account; this level is not "
          + "applied, so access may be overstated; give every SCP of the organization, as "
          + "docs/aws.md shows"))
  }

  /// Builds the limit and the Deny statements of the SCPs attached at one level.
  private static func limit(
    of policies: [ServiceControlPolicy], at entity: OrganizationEntity
  ) -> (limit: PermissionsLimit, denies: [StatementGrant]) {
    var allows: [StatementGrant] = []
    var denies: [StatementGrant] = []
    for policy in policies {
      for statement in policy.document.statements {
        let grant = StatementGrant(
          statement: statement, file: policy.file,
          description: "\(policy.label), \(statement.label), attached to \(entity.label)")
        if statement.effect == .allow { allows.append(grant) } else { denies.append(grant) }
      }
    }
    let limit = PermissionsLimit(
      kind: .serviceControlPolicies, allows: allows,
      name: "the service control policies attached to \(entity.label)")
    return (limit, denies)
  }
}
