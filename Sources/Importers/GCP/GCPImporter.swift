import AccessGraph

/// Reads gcloud outputs printed with `--format=json`: IAM policies, the resource hierarchy,
/// service accounts, their keys, and roles.
///
/// `define` adds organizations, folders and projects with their owner privileges, service
/// accounts, user-managed keys and the resources that policies are attached to. `connect`
/// adds `contains` edges down the hierarchy, `authenticatesAs` edges from keys, and the
/// edges each binding grants. docs/gcp.md lists the commands and the rules.
struct GCPImporter: SourceImporter {
  static let formatName = "gcloud output"

  /// The kinds of object the outputs print.
  enum Entry {
    case policy, searchResult, organization, folder, project, serviceAccount, key, role
  }

  private(set) var policies: [GCPPolicy] = []
  private var scopeEntries: [GCPScopeEntry] = []
  private var serviceAccounts: [GCPServiceAccountEntry] = []
  private var keys: [GCPKeyEntry] = []
  private var roles: [GCPRoleEntry] = []

  /// Returns the kind of one object, or nil when gcloud prints no such object here.
  static func entry(_ object: JSONCursor) -> Entry? {
    guard object.isObject else { return nil }
    if object["resource"]?.value is String, object["policy"]?.isObject == true {
      return .searchResult
    }
    if object["bindings"]?.isArray == true { return .policy }
    let keys = Set(object.keys)
    if keys.contains("etag"), keys.isSubset(of: ["etag", "version", "auditConfigs"]) {
      return .policy
    }
    if object["projectId"]?.value is String, object["projectNumber"] != nil { return .project }
    guard let name = object["name"]?.value as? String else { return nil }
    if name.contains("/keys/"), object["keyType"] != nil { return .key }
    if name.contains("/serviceAccounts/"), object["email"]?.value is String {
      return .serviceAccount
    }
    if GCPRoleEntry.isRoleName(name),
      object["includedPermissions"] != nil || object["title"] != nil || object["stage"] != nil
    {
      return .role
    }
    if name.hasPrefix("organizations/"), object["displayName"] != nil { return .organization }
    if name.hasPrefix("folders/"), object["parent"] != nil { return .folder }
    return nil
  }

  /// Returns the objects of a document: the elements of an array, the `accounts` or `keys`
  /// of the REST shapes, or the document itself.
  static func objects(of document: JSONCursor) throws -> [JSONCursor] {
    if document.isArray { return try document.array() }
    if document.keys == ["accounts"] { return try document.array("accounts") }
    if document.keys == ["keys"] { return try document.array("keys") }
    return [document]
  }

  /// Recognizes one object of a known kind, an array whose first element is one, or the
  /// REST shape `{"accounts": [...]}` of the service account list.
  static func recognizes(_ document: JSONCursor) -> Bool {
    guard let objects = try? objects(of: document) else { return false }
    guard let first = objects.first else { return document.isArray || document.isObject }
    return entry(first) != nil
  }

  mutating func add(_ document: JSONCursor) throws {
    for object in try Self.objects(of: document) {
      switch Self.entry(object) {
      case .searchResult: policies.append(try GCPPolicy.parseSearchResult(object))
      case .policy: policies.append(try GCPPolicy.parseBare(object))
      case .organization: scopeEntries.append(try GCPScopeEntry.parseOrganization(object))
      case .folder: scopeEntries.append(try GCPScopeEntry.parseFolder(object))
      case .project: scopeEntries.append(try GCPScopeEntry.parseProject(object))
      case .serviceAccount: serviceAccounts.append(try GCPServiceAccountEntry.parse(object))
      case .key: keys.append(try GCPKeyEntry.parse(object))
      case .role: roles.append(try GCPRoleEntry.parse(object))
      case nil:
        throw object.invalid(
          "not an IAM policy, search result, organization, folder, project, service account, "
            + "key or role as gcloud prints them",
          remedy: "give one gcloud command's `--format=json` output per file, as docs/gcp.md "
            + "lists")
      }
    }
  }

  /// The joined view of every output added.
  var estate: GCPEstate {
    GCPEstate(entries: scopeEntries, serviceAccounts: serviceAccounts, policies: policies)
  }

  func define(into builder: inout EstateBuilder, warn: (ImportWarning) -> Void) throws {
    let estate = self.estate
    for scope in estate.sortedScopes {
      builder.define(GCPNodes.scope(scope, in: estate))
      builder.define(GCPNodes.owner(of: scope, in: estate))
      if scope.level == .organization {
        builder.define(GCPNodes.organizationAdmin(of: scope, in: estate))
      }
    }
    for email in estate.serviceAccounts.keys.sorted() {
      builder.define(GCPNodes.serviceAccount(estate.serviceAccounts[email]!))
    }
    for key in keys where key.isUserManaged && !key.isDisabled {
      builder.define(GCPNodes.key(key, email: estate.email(of: key.serviceAccount)))
    }
    for policy in policies {
      switch policy.target {
      case .unplaced(let fileName):
        if !policy.bindings.isEmpty { builder.define(GCPNodes.unplaced(fileName)) }
      case .resource(let name):
        builder.define(
          GCPNodes.resource(
            name, assetType: policy.assetType, project: project(of: policy, in: estate)))
      case .scope, .serviceAccount:
        break
      }
    }
  }

  func connect(into builder: inout EstateBuilder, warn: (ImportWarning) -> Void) throws {
    let estate = self.estate
    connectHierarchy(estate, into: &builder)
    connectKeys(estate, into: &builder)
    for warning in policies.compactMap(\.placementWarning) {
      warn(warning)
    }
    let writer = GCPGrantWriter(estate: estate, describedRoles: describedRoles)
    let grants = writer.connect(policies, into: &builder, warn: warn)
    GCPEscalationWriter(estate: estate).connect(grants, into: &builder)
    for policy in policies {
      if case .resource(let name) = policy.target, let project = project(of: policy, in: estate) {
        builder.connect(
          builder.nodeID(for: project.nodeID)!, builder.nodeID(for: name)!, .contains,
          provenance: Provenance(
            file: policy.file, location: policy.location,
            grant: "\(name) is in \(estate.label(of: project))"))
      }
    }
  }

  /// The permissions of each role that a `gcloud iam roles describe` output gives, by name.
  /// A role printed without `includedPermissions`, as `gcloud iam roles list` prints it, is
  /// left out.
  var describedRoles: [String: [String]] {
    var described: [String: [String]] = [:]
    for role in roles {
      guard let permissions = role.permissions, described[role.name] == nil else { continue }
      described[role.name] = permissions
    }
    return described
  }

  /// Returns the project of a resource's policy when an input lists that project.
  private func project(of policy: GCPPolicy, in estate: GCPEstate) -> GCPScope? {
    guard let number = policy.projectNumber else { return nil }
    let project = estate.resolve(GCPScope(.project, number))
    return estate.scopes[project] == nil ? nil : project
  }

  /// Adds `contains` edges from each organization or folder to the folders and projects
  /// inside it, between their owner privileges, and from each project to its listed
  /// service accounts.
  ///
  /// - Complexity: O(s + a) for s scopes and a service accounts.
  private func connectHierarchy(_ estate: GCPEstate, into builder: inout EstateBuilder) {
    for scope in estate.sortedScopes {
      guard let entry = estate.scopes[scope] ?? nil, let parent = entry.parent else { continue }
      let provenance = Provenance(
        file: entry.file, location: entry.location,
        grant: "\(estate.label(of: scope)) is in \(estate.label(of: parent))")
      builder.connect(
        builder.nodeID(for: parent.nodeID)!, builder.nodeID(for: scope.nodeID)!, .contains,
        provenance: provenance)
      // Owner of a folder or organization is owner of everything inside it.
      builder.connect(
        builder.nodeID(for: parent.ownerID)!, builder.nodeID(for: scope.ownerID)!, .contains,
        provenance: provenance)
    }
    for email in estate.serviceAccounts.keys.sorted() {
      let account = estate.serviceAccounts[email]!
      let project = GCPScope(.project, account.projectID)
      builder.connect(
        builder.nodeID(for: project.nodeID)!, builder.nodeID(for: account.member.id)!,
        .contains,
        provenance: Provenance(
          file: account.file, location: account.location,
          grant: "service account \(email) is in \(estate.label(of: project))"))
    }
  }

  /// Adds an `authenticatesAs` edge from each enabled user-managed key to its service
  /// account. System-managed keys are Google's own and never leave it, so they get no node.
  private func connectKeys(_ estate: GCPEstate, into builder: inout EstateBuilder) {
    for key in keys where key.isUserManaged && !key.isDisabled {
      let email = estate.email(of: key.serviceAccount)
      let account = builder.reference(GCPMember("serviceAccount:" + email).node())
      builder.connect(
        builder.nodeID(for: key.name)!, account, .authenticatesAs,
        provenance: Provenance(
          file: key.file, location: key.location,
          grant: "user-managed key \(key.name.split(separator: "/").last ?? "") of \(email)"))
    }
  }
}
