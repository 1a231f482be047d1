/// One binding of an IAM policy: a role granted to members, perhaps under a condition.
struct GCPBinding: Sendable {
  let role: String
  let members: [GCPMember]
  /// The condition's title, or its expression when it has no title; nil without condition.
  let condition: String?
  let file: String
  /// The JSON path of the binding, such as `[2].policy.bindings[0]`.
  let location: String

  static func parse(_ object: JSONCursor) throws -> GCPBinding {
    let role = try object.requiredString("role")
    let members = try object.required("members").array().map { try $0.string() }
    if role.isEmpty {
      throw object.invalid("\"role\" is empty", remedy: "name a role such as roles/viewer")
    }
    var condition: String?
    if let block = object["condition"] {
      condition = try block.string("title") ?? block.string("expression") ?? "a condition"
    }
    return GCPBinding(
      role: role, members: members.map(GCPMember.init), condition: condition,
      file: object.file, location: object.path)
  }
}

/// An IAM policy and what it is attached to.
struct GCPPolicy: Sendable {
  let target: GCPPolicyTarget
  let bindings: [GCPBinding]
  /// The project number that `search-all-iam-policies` gives for a resource inside a project.
  let projectNumber: String?
  /// The asset type that `search-all-iam-policies` gives, such as
  /// `storage.googleapis.com/Bucket`.
  let assetType: String?
  let file: String
  let location: String
  /// Why a bare policy was placed where it is, reported once the import runs.
  let placementWarning: ImportWarning?

  /// Parses a result of `gcloud asset search-all-iam-policies`.
  static func parseSearchResult(_ object: JSONCursor) throws -> GCPPolicy {
    let resource = try object.requiredString("resource")
    let policy = try object.required("policy")
    var number: String?
    if let project = try object.string("project"), let scope = GCPScope(path: project) {
      number = scope.name
    }
    return GCPPolicy(
      target: GCPPolicyTarget(resourceName: resource),
      bindings: try policy.array("bindings").map(GCPBinding.parse), projectNumber: number,
      assetType: try object.string("assetType"), file: object.file, location: object.path,
      placementWarning: nil)
  }

  /// Parses a bare policy as `get-iam-policy` prints it, placing it at the project whose
  /// service accounts its members name most often, or at `gcp:unplaced/<file name>`.
  static func parseBare(_ object: JSONCursor) throws -> GCPPolicy {
    let bindings = try object.array("bindings").map(GCPBinding.parse)
    let fileName = object.file.split(separator: "/").last.map(String.init) ?? object.file
    var counts: [String: Int] = [:]
    for member in bindings.flatMap(\.members) {
      guard let email = member.serviceAccountEmail,
        let project = GCPServiceAccountEmail(email).projectID,
        email.hasSuffix(".iam.gserviceaccount.com")
      else {
        continue
      }
      counts[project, default: 0] += 1
    }
    let remedy =
      "give the output of `gcloud asset search-all-iam-policies`, whose results name each "
      + "policy's resource, to place it exactly"
    let target: GCPPolicyTarget
    let message: String
    if let best = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) {
      target = .scope(GCPScope(.project, best.key))
      message =
        "the IAM policy does not name its resource, so its scope was inferred: project "
        + "\(best.key), which \(best.value) service account member(s) of its bindings "
        + "name; \(remedy)"
    } else {
      target = .unplaced(fileName)
      message =
        "the IAM policy does not name its resource and no service account member names a "
        + "project, so its bindings go to the scope gcp:unplaced/\(fileName); \(remedy)"
    }
    let warning =
      bindings.isEmpty
      ? nil : ImportWarning(file: object.file, location: object.path, message: message)
    return GCPPolicy(
      target: target, bindings: bindings, projectNumber: nil, assetType: nil,
      file: object.file, location: object.path, placementWarning: warning)
  }
}

/// An organization, folder or project as the resource manager listings print it.
struct GCPScopeEntry: Sendable {
  let scope: GCPScope
  let displayName: String?
  let parent: GCPScope?
  /// The project number, for projects.
  let projectNumber: String?
  let file: String
  let location: String

  /// Parses an element of `gcloud organizations list`.
  static func parseOrganization(_ object: JSONCursor) throws -> GCPScopeEntry {
    let name = try object.requiredString("name")
    guard let scope = GCPScope(path: name), scope.level == .organization else {
      throw object.invalid(
        "\"name\" is \"\(name)\", not organizations/<number>",
        remedy: "give the output of `gcloud organizations list --format=json`")
    }
    return GCPScopeEntry(
      scope: scope, displayName: try object.string("displayName"), parent: nil,
      projectNumber: nil, file: object.file, location: object.path)
  }

  /// Parses an element of `gcloud resource-manager folders list`.
  static func parseFolder(_ object: JSONCursor) throws -> GCPScopeEntry {
    let name = try object.requiredString("name")
    let parentText = try object.requiredString("parent")
    guard let scope = GCPScope(path: name), scope.level == .folder else {
      throw object.invalid(
        "\"name\" is \"\(name)\", not folders/<number>",
        remedy: "give the output of `gcloud resource-manager folders list --format=json`")
    }
    guard let parent = GCPScope(path: parentText), parent.level != .project else {
      throw try object.required("parent").invalid(
        "\"\(parentText)\" is not organizations/<number> or folders/<number>",
        remedy: "give the output of `gcloud resource-manager folders list --format=json`")
    }
    return GCPScopeEntry(
      scope: scope, displayName: try object.string("displayName"), parent: parent,
      projectNumber: nil, file: object.file, location: object.path)
  }

  /// Parses an element of `gcloud projects list`, whose `parent` is `{"type", "id"}` in
  /// the v1 API that gcloud uses, or `organizations/<n>` or `folders/<n>` in v3.
  static func parseProject(_ object: JSONCursor) throws -> GCPScopeEntry {
    let id = try object.requiredString("projectId")
    let number = try object.required("projectNumber")
    guard let numberText = number.scalarText else {
      throw number.invalid(
        "expected a number, found \(number.typeName)", remedy: "write the project number")
    }
    var parent: GCPScope?
    if let block = object["parent"] {
      if block.isObject {
        let type = try block.requiredString("type")
        let parentID = try block.requiredString("id")
        switch type {
        case "organization": parent = GCPScope(.organization, parentID)
        case "folder": parent = GCPScope(.folder, parentID)
        default:
          throw try block.required("type").invalid(
            "\"\(type)\" is not organization or folder",
            remedy: "give the output of `gcloud projects list --format=json`")
        }
      } else {
        let text = try block.string()
        guard let scope = GCPScope(path: text), scope.level != .project else {
          throw block.invalid(
            "\"\(text)\" is not organizations/<number> or folders/<number>",
            remedy: "give the output of `gcloud projects list --format=json`")
        }
        parent = scope
      }
    }
    return GCPScopeEntry(
      scope: GCPScope(.project, id), displayName: try object.string("name"), parent: parent,
      projectNumber: numberText, file: object.file, location: object.path)
  }
}

/// A service account as `gcloud iam service-accounts list` prints it.
struct GCPServiceAccountEntry: Sendable {
  /// The email, lowercased.
  let email: String
  let uniqueID: String?
  let projectID: String
  let displayName: String?
  let isDisabled: Bool
  let file: String
  let location: String

  static func parse(_ object: JSONCursor) throws -> GCPServiceAccountEntry {
    let email = try object.requiredString("email").lowercased()
    let name = try object.requiredString("name")
    let project =
      try object.string("projectId")
      ?? name.split(separator: "/").dropFirst().first.map(String.init)
    guard let project else {
      throw object.invalid(
        "neither \"projectId\" nor \"name\" names the project",
        remedy: "give the output of `gcloud iam service-accounts list --format=json`")
    }
    return GCPServiceAccountEntry(
      email: email, uniqueID: try object.string("uniqueId"), projectID: project,
      displayName: try object.string("displayName"),
      isDisabled: try object.bool("disabled") ?? false, file: object.file,
      location: object.path)
  }

  /// The member string of the account, which is its node id.
  var member: GCPMember { GCPMember("serviceAccount:" + email) }
}

/// A service account key as `gcloud iam service-accounts keys list` prints it.
struct GCPKeyEntry: Sendable {
  /// The key's resource name, `projects/<p>/serviceAccounts/<email>/keys/<key id>`.
  let name: String
  /// The email or unique id of the service account, lowercased.
  let serviceAccount: String
  let isUserManaged: Bool
  let isDisabled: Bool
  let validAfter: String?
  let validBefore: String?
  let file: String
  let location: String

  static func parse(_ object: JSONCursor) throws -> GCPKeyEntry {
    let name = try object.requiredString("name")
    let parts = name.split(separator: "/")
    guard parts.count == 6, parts[0] == "projects", parts[2] == "serviceAccounts",
      parts[4] == "keys"
    else {
      throw try object.required("name").invalid(
        "\"\(name)\" is not projects/<project>/serviceAccounts/<email>/keys/<key id>",
        remedy: "give the output of `gcloud iam service-accounts keys list --format=json`")
    }
    let type = try object.requiredString("keyType")
    return GCPKeyEntry(
      name: name, serviceAccount: parts[3].lowercased(), isUserManaged: type == "USER_MANAGED",
      isDisabled: try object.bool("disabled") ?? false,
      validAfter: try object.string("validAfterTime"),
      validBefore: try object.string("validBeforeTime"), file: object.file,
      location: object.path)
  }
}

/// A role as `gcloud iam roles describe` or `list` prints it.
struct GCPRoleEntry: Sendable {
  /// The role's name, such as `projects/acme-app/roles/deployer` or `roles/viewer`.
  let name: String
  let title: String?
  /// The permissions, or nil when the output leaves them out, as `gcloud iam roles list`
  /// does.
  let permissions: [String]?
  let file: String
  let location: String

  static func parse(_ object: JSONCursor) throws -> GCPRoleEntry {
    GCPRoleEntry(
      name: try object.requiredString("name"), title: try object.string("title"),
      permissions: try object["includedPermissions"].map { try $0.strings() },
      file: object.file, location: object.path)
  }

  /// Returns whether `name` is a role name: `roles/<r>`, `projects/<p>/roles/<r>` or
  /// `organizations/<n>/roles/<r>`.
  static func isRoleName(_ name: String) -> Bool {
    let parts = name.split(separator: "/", omittingEmptySubsequences: false)
    if parts.count == 2 { return parts[0] == "roles" && !parts[1].isEmpty }
    return parts.count == 4 && (parts[0] == "projects" || parts[0] == "organizations")
      && parts[2] == "roles" && !parts[3].isEmpty
  }

  /// The project or organization that defines a custom role, from its name; nil for a
  /// predefined role.
  static func owningScope(of role: String) -> GCPScope? {
    let parts = role.split(separator: "/")
    guard parts.count == 4, parts[2] == "roles" else { return nil }
    return GCPScope(path: "\(parts[0])/\(parts[1])")
  }
}
