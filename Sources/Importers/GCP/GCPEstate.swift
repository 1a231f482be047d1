import AccessGraph

/// The joined view of every gcloud output of a run: the resource hierarchy, the service
/// accounts and where each policy applies.
struct GCPEstate {
  /// Every organization, folder and project that an input lists or a policy names.
  private(set) var scopes: [GCPScope: GCPScopeEntry?] = [:]
  /// Project ids by project number, from `gcloud projects list`.
  private(set) var projectIDs: [String: String] = [:]
  /// Service accounts listed, by email.
  let serviceAccounts: [String: GCPServiceAccountEntry]
  /// Service account emails by unique id.
  private(set) var emailsByUniqueID: [String: String] = [:]
  /// The scopes directly inside each scope, sorted.
  private(set) var children: [GCPScope: [GCPScope]] = [:]

  init(
    entries: [GCPScopeEntry], serviceAccounts: [GCPServiceAccountEntry], policies: [GCPPolicy]
  ) {
    var accounts: [String: GCPServiceAccountEntry] = [:]
    for account in serviceAccounts where accounts[account.email] == nil {
      accounts[account.email] = account
      if let id = account.uniqueID { emailsByUniqueID[id] = account.email }
    }
    self.serviceAccounts = accounts
    for entry in entries {
      if let number = entry.projectNumber { projectIDs[number] = entry.scope.name }
    }
    for entry in entries where (scopes[entry.scope] ?? nil) == nil {
      scopes[entry.scope] = entry
    }
    for policy in policies {
      if case .scope(let scope) = policy.target {
        let resolved = resolve(scope)
        if scopes[resolved] == nil { scopes[resolved] = .some(nil) }
      }
    }
    for account in accounts.values {
      let project = GCPScope(.project, account.projectID)
      if scopes[project] == nil { scopes[project] = .some(nil) }
    }
    for (scope, entry) in scopes {
      guard let parent = entry?.parent else { continue }
      if scopes[parent] == nil { scopes[parent] = .some(nil) }
      children[parent, default: []].append(scope)
    }
    for key in children.keys { children[key]!.sort() }
  }

  /// The scopes, sorted.
  var sortedScopes: [GCPScope] { scopes.keys.sorted() }

  /// Returns a project named by number as the project of that id, when an input gives it.
  func resolve(_ scope: GCPScope) -> GCPScope {
    guard scope.level == .project, let id = projectIDs[scope.name] else { return scope }
    return GCPScope(.project, id)
  }

  func parent(of scope: GCPScope) -> GCPScope? {
    scopes[scope].flatMap { $0?.parent }
  }

  /// The scope and every scope above it, nearest first.
  ///
  /// - Complexity: O(d) for a hierarchy d levels deep; a cycle, which Google does not
  ///   allow, stops at the first repeat.
  func lineage(of scope: GCPScope) -> [GCPScope] {
    var result = [scope]
    var current = scope
    while let parent = parent(of: current), !result.contains(parent) {
      result.append(parent)
      current = parent
    }
    return result
  }

  /// The scope's name for node names and messages, such as `project acme-app` or
  /// `folder Engineering`.
  func label(of scope: GCPScope) -> String {
    if scope.level != .project, let name = scopes[scope].flatMap({ $0?.displayName }) {
      return "\(scope.level.word) \(name)"
    }
    return "\(scope.level.word) \(scope.name)"
  }

  /// Returns the email of a service account that a resource name gives by email or by
  /// unique id.
  func email(of serviceAccount: String) -> String {
    emailsByUniqueID[serviceAccount] ?? serviceAccount
  }

  /// Returns the project that holds a service account: the project of its listing, else
  /// the one its email names when an input lists or names that project.
  func project(ofServiceAccount email: String) -> GCPScope? {
    if let listed = serviceAccounts[email] { return GCPScope(.project, listed.projectID) }
    let parsed = GCPServiceAccountEmail(email)
    let project: GCPScope
    if let id = parsed.projectID {
      project = GCPScope(.project, id)
    } else if let number = parsed.projectNumber, let id = projectIDs[number] {
      project = GCPScope(.project, id)
    } else {
      return nil
    }
    return scopes[project] == nil ? nil : project
  }
}
