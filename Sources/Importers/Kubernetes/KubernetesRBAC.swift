/// One rule of a Role or ClusterRole: the verbs it allows on resources of API groups, or on
/// non-resource URLs.
struct KubernetesRule: Hashable, Sendable {
  var verbs: [String]
  var apiGroups: [String]
  var resources: [String]
  /// The object names the rule is limited to; empty for every object.
  var resourceNames: [String]
  var nonResourceURLs: [String]

  static func parse(_ object: JSONCursor) throws -> KubernetesRule {
    KubernetesRule(
      verbs: try object.strings("verbs"), apiGroups: try object.strings("apiGroups"),
      resources: try object.strings("resources"),
      resourceNames: try object.strings("resourceNames"),
      nonResourceURLs: try object.strings("nonResourceURLs"))
  }

  /// Returns whether the rule allows `verb` on `resource` (such as `pods` or `pods/exec`) of
  /// the API group `group` (empty for the core group), for the object `name`, or for a
  /// request that names no object when `name` is nil.
  ///
  /// The match follows the RBAC authorizer of the API server: `*` matches any verb, group
  /// or resource, `*/<subresource>` matches that subresource of any resource, and a rule
  /// with resource names allows only requests for one of those names.
  func allows(_ verb: String, group: String, resource: String, name: String?) -> Bool {
    guard verbs.contains(verb) || verbs.contains("*") else { return false }
    guard apiGroups.contains(group) || apiGroups.contains("*") else { return false }
    guard matchesResource(resource) else { return false }
    if resourceNames.isEmpty { return true }
    guard let name else { return false }
    return resourceNames.contains(name)
  }

  /// Returns whether the rule's resources include `resource`, without regard to names.
  func matchesResource(_ resource: String) -> Bool {
    if resources.contains("*") || resources.contains(resource) { return true }
    guard let slash = resource.firstIndex(of: "/") else { return false }
    return resources.contains("*" + resource[slash...])
  }

  /// Returns whether the rule allows every verb on every resource of every group, with no
  /// limit on names: the rule of the built-in cluster-admin role.
  var isFullWildcard: Bool {
    verbs.contains("*") && apiGroups.contains("*") && resources.contains("*")
      && resourceNames.isEmpty
  }

  /// The rule as action strings: `<verb> <group>/<resource>` for each combination, with the
  /// core group written `core`, followed by `:<name>` for each resource name. A non-resource
  /// URL is written `<verb> <url>`, such as `get /healthz`.
  var actions: [String] {
    var result: [String] = []
    for verb in verbs {
      for group in apiGroups {
        for resource in resources {
          let base = "\(verb) \(group.isEmpty ? "core" : group)/\(resource)"
          if resourceNames.isEmpty {
            result.append(base)
          } else {
            result += resourceNames.map { "\(base):\($0)" }
          }
        }
      }
      result += nonResourceURLs.map { "\(verb) \($0)" }
    }
    return result
  }
}

/// A Role or ClusterRole.
struct KubernetesRole: Sendable {
  var name: String
  /// The namespace of a Role; nil for a ClusterRole.
  var namespace: String?
  var labels: [String: String]
  var rules: [KubernetesRule]
  /// The `matchLabels` of each `aggregationRule.clusterRoleSelectors` entry, for an
  /// aggregated ClusterRole; empty for other roles.
  var aggregationSelectors: [[String: String]]
  var file: String
  var location: String

  static func parse(_ object: JSONCursor, namespace: String?) throws -> KubernetesRole {
    let metadata = try object.required("metadata")
    var selectors: [[String: String]] = []
    for selector in try object["aggregationRule"]?.array("clusterRoleSelectors") ?? [] {
      if selector["matchExpressions"] != nil {
        throw selector.invalid(
          "label selectors with \"matchExpressions\" are not supported",
          remedy: "export the aggregated ClusterRole after the API server filled in its rules")
      }
      selectors.append(try stringMap(selector["matchLabels"]))
    }
    return KubernetesRole(
      name: try metadata.requiredString("name"), namespace: namespace,
      labels: try stringMap(metadata["labels"]),
      rules: try object.array("rules").map(KubernetesRule.parse),
      aggregationSelectors: selectors, file: object.file, location: object.path)
  }

  /// Parses a JSON object of string values, such as `metadata.labels`; nil gives an empty
  /// map.
  static func stringMap(_ object: JSONCursor?) throws -> [String: String] {
    guard let object else { return [:] }
    var result: [String: String] = [:]
    for (key, value) in try object.members() {
      result[key] = try value.string()
    }
    return result
  }

  /// Returns whether the role's labels include every label of `selector`.
  func matches(_ selector: [String: String]) -> Bool {
    selector.allSatisfy { labels[$0.key] == $0.value }
  }
}

/// A user, group or service account that a binding names.
struct KubernetesSubject: Hashable, Sendable {
  enum Kind: String, Sendable {
    case user = "User"
    case group = "Group"
    case serviceAccount = "ServiceAccount"
  }

  var kind: Kind
  var name: String
  /// The namespace of a service account; empty for users and groups.
  var namespace: String
}

/// A RoleBinding or ClusterRoleBinding.
struct KubernetesBinding: Sendable {
  var name: String
  /// The namespace of a RoleBinding; nil for a ClusterRoleBinding.
  var namespace: String?
  /// Whether `roleRef` names a ClusterRole rather than a Role.
  var refersToClusterRole: Bool
  var roleName: String
  var subjects: [KubernetesSubject]
  var file: String
  var location: String

  static func parse(_ object: JSONCursor, namespace: String?) throws -> KubernetesBinding {
    let metadata = try object.required("metadata")
    let roleRef = try object.required("roleRef")
    let roleKind = try roleRef.requiredString("kind")
    guard roleKind == "ClusterRole" || (roleKind == "Role" && namespace != nil) else {
      throw try roleRef.required("kind").invalid(
        "\"\(roleKind)\" is not a role kind this binding can refer to",
        remedy: "use ClusterRole, or Role in a RoleBinding")
    }
    var subjects: [KubernetesSubject] = []
    for subject in try object.array("subjects") {
      let kindText = try subject.requiredString("kind")
      guard let kind = KubernetesSubject.Kind(rawValue: kindText) else {
        throw try subject.required("kind").invalid(
          "unknown subject kind \"\(kindText)\"", remedy: "use User, Group or ServiceAccount")
      }
      var subjectNamespace = ""
      if kind == .serviceAccount {
        // A RoleBinding's service account without a namespace, or with an empty one, is in
        // the binding's namespace.
        let written = try subject.string("namespace").flatMap { $0.isEmpty ? nil : $0 }
        guard let resolved = written ?? namespace else {
          throw subject.invalid(
            "the service account has no namespace",
            remedy: "add \"namespace\" to the subject")
        }
        subjectNamespace = resolved
      }
      subjects.append(
        KubernetesSubject(
          kind: kind, name: try subject.requiredString("name"), namespace: subjectNamespace))
    }
    return KubernetesBinding(
      name: try metadata.requiredString("name"), namespace: namespace,
      refersToClusterRole: roleKind == "ClusterRole",
      roleName: try roleRef.requiredString("name"), subjects: subjects, file: object.file,
      location: object.path)
  }

  /// The binding in words for provenance, such as
  /// `RoleBinding dev/pod-runners binds Role pod-runner`.
  var label: String {
    let kind = namespace == nil ? "ClusterRoleBinding \(name)" : "RoleBinding \(namespace!)/\(name)"
    return "\(kind) binds \(refersToClusterRole ? "ClusterRole" : "Role") \(roleName)"
  }
}
