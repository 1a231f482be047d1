/// An organization, folder or project of the Google Cloud resource hierarchy.
///
/// Node ids use the short form `gcp:<path>`, such as `gcp:projects/acme-app` or
/// `gcp:folders/300000000001`, where a project is named by its project id and an
/// organization or folder by its number.
struct GCPScope: Hashable, Comparable, Sendable {
  enum Level: Int, Comparable, Sendable {
    case organization, folder, project

    /// The collection name in resource names: `organizations`, `folders`, `projects`.
    var collection: String {
      switch self {
      case .organization: "organizations"
      case .folder: "folders"
      case .project: "projects"
      }
    }

    /// The word for messages and node names.
    var word: String {
      switch self {
      case .organization: "organization"
      case .folder: "folder"
      case .project: "project"
      }
    }

    /// The permission that lets its holder change the IAM policy of a scope of this level.
    var setIamPolicyPermission: String {
      "resourcemanager.\(collection).setIamPolicy"
    }

    static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
  }

  let level: Level
  /// The organization or folder number, or the project id (or number, when no input gives
  /// the project's id).
  let name: String

  /// The relative resource name, such as `projects/acme-app`.
  var path: String { "\(level.collection)/\(name)" }
  /// The scope's node id.
  var nodeID: String { "gcp:" + path }
  /// The node id of the owner privilege of the scope.
  var ownerID: String { "gcp:owner/" + path }
  /// The node id of the organization administrator privilege; used for organizations only.
  var organizationAdminID: String { "gcp:organization-admin/" + path }

  /// Parses a relative name such as `folders/300000000001`; nil for any other collection.
  init?(path: String) {
    let parts = path.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[1].isEmpty else { return nil }
    switch parts[0] {
    case "organizations": level = .organization
    case "folders": level = .folder
    case "projects": level = .project
    default: return nil
    }
    name = String(parts[1])
  }

  init(_ level: Level, _ name: String) {
    self.level = level
    self.name = name
  }

  static func < (lhs: GCPScope, rhs: GCPScope) -> Bool {
    (lhs.level, lhs.name) < (rhs.level, rhs.name)
  }

  /// The prefix of full resource names of organizations, folders and projects.
  static let resourceManagerPrefix = "//cloudresourcemanager.googleapis.com/"
}

/// What an IAM policy is attached to, from the full resource name that
/// `gcloud asset search-all-iam-policies` prints or from the placement of a bare policy.
enum GCPPolicyTarget: Hashable, Sendable {
  /// An organization, folder or project.
  case scope(GCPScope)
  /// A service account, by email or unique id as the resource name gives it.
  case serviceAccount(String)
  /// Any other resource, such as a bucket, by full resource name.
  case resource(String)
  /// A bare policy that names no service account of a project, kept at
  /// `gcp:unplaced/<file name>`.
  case unplaced(String)

  /// Parses a full resource name such as `//cloudresourcemanager.googleapis.com/projects/p`
  /// or `//iam.googleapis.com/projects/p/serviceAccounts/sa@p.iam.gserviceaccount.com`.
  init(resourceName: String) {
    if resourceName.hasPrefix(GCPScope.resourceManagerPrefix),
      let scope = GCPScope(path: String(resourceName.dropFirst(GCPScope.resourceManagerPrefix.count)))
    {
      self = .scope(scope)
      return
    }
    let iamPrefix = "//iam.googleapis.com/projects/"
    if resourceName.hasPrefix(iamPrefix) {
      let parts = resourceName.dropFirst(iamPrefix.count).split(separator: "/")
      if parts.count == 3, parts[1] == "serviceAccounts" {
        self = .serviceAccount(parts[2].lowercased())
        return
      }
    }
    self = .resource(resourceName)
  }
}
