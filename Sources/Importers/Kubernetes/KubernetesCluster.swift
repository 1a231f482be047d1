import Foundation

/// The objects of one cluster that the inputs list, joined across files.
struct KubernetesCluster: Sendable {
  var name: String
  var serviceAccounts: [KubernetesServiceAccount] = []
  /// Roles by namespace and name, ClusterRoles by name with an empty namespace.
  var roles: [RoleKey: KubernetesRole] = [:]
  var bindings: [KubernetesBinding] = []
  var pods: [KubernetesPod] = []
  var secrets: [KubernetesSecret] = []
  /// Objects of other kinds, skipped with a warning: file, JSON path and kind.
  var skipped: [(file: String, location: String, kind: String)] = []
  /// Every object added, by kind, namespace and name, so that one listed twice counts once.
  private var seen: Set<String> = []

  /// A namespace and a name, which identify a Role or a service account; a ClusterRole
  /// has an empty namespace.
  struct RoleKey: Hashable, Sendable {
    var namespace: String
    var name: String
  }

  init(name: String) {
    self.name = name
  }

  /// The kinds of object read.
  static let kinds: Set<String> = [
    "ServiceAccount", "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "Pod",
    "Secret",
  ]

  /// Adds one object of kind `kind`, unless an object of that kind, namespace and name was
  /// added before.
  mutating func add(_ object: JSONCursor, kind: String) throws {
    let metadata = try object.required("metadata")
    let namespace = try metadata.string("namespace")
    let key = "\(kind)/\(namespace ?? "")/\(try metadata.requiredString("name"))"
    guard seen.insert(key).inserted else { return }
    switch kind {
    case "ServiceAccount": serviceAccounts.append(try .parse(object))
    case "Role", "ClusterRole":
      let role = try KubernetesRole.parse(object, namespace: kind == "Role" ? namespace : nil)
      if kind == "Role", namespace == nil {
        throw metadata.invalid("the Role has no namespace", remedy: "add \"namespace\"")
      }
      roles[RoleKey(namespace: role.namespace ?? "", name: role.name)] = role
    case "RoleBinding", "ClusterRoleBinding":
      if kind == "RoleBinding", namespace == nil {
        throw metadata.invalid("the RoleBinding has no namespace", remedy: "add \"namespace\"")
      }
      bindings.append(
        try .parse(object, namespace: kind == "RoleBinding" ? namespace : nil))
    case "Pod": pods.append(try .parse(object))
    case "Secret": secrets.append(try .parse(object))
    default: skipped.append((object.file, object.path, kind))
    }
  }

  /// Returns the rules that `binding` grants, with those of every ClusterRole an aggregated
  /// ClusterRole selects, or nil when the role it names is not in the inputs.
  ///
  /// The API server's controller writes an aggregated role's rules into the role itself.
  /// Joining them here also gives them when the export predates the controller's update.
  ///
  /// - Complexity: O(R) for R roles, when the binding names an aggregated ClusterRole.
  func rules(of binding: KubernetesBinding) -> [KubernetesRule]? {
    let key = RoleKey(
      namespace: binding.refersToClusterRole ? "" : binding.namespace ?? "",
      name: binding.roleName)
    guard let role = roles[key] else { return nil }
    return aggregatedRules(of: role)
  }

  /// Returns the role's rules followed by those of the ClusterRoles its aggregation rule
  /// selects, and of those they select in turn, without repeats. A loop of selections ends
  /// at the first role seen twice.
  ///
  /// - Complexity: O(A · R) for A aggregated roles reached and R ClusterRoles.
  func aggregatedRules(of role: KubernetesRole) -> [KubernetesRule] {
    var rules = role.rules
    var known = Set(rules)
    var visited: Set<String> = [role.name]
    var pending = [role]
    while !pending.isEmpty {
      let aggregating = pending.removeFirst()
      guard !aggregating.aggregationSelectors.isEmpty else { continue }
      let selected = roles.values.filter { other in
        other.namespace == nil && !visited.contains(other.name)
          && aggregating.aggregationSelectors.contains(where: other.matches)
      }
      for other in selected.sorted(by: { $0.name < $1.name }) {
        visited.insert(other.name)
        pending.append(other)
        for rule in other.rules where known.insert(rule).inserted {
          rules.append(rule)
        }
      }
    }
    return rules
  }

  /// Every service account that an object defines, a pod runs as or a binding names, as
  /// namespace and name, sorted.
  var serviceAccountNames: [RoleKey] {
    var names = Set(serviceAccounts.map { RoleKey(namespace: $0.namespace, name: $0.name) })
    names.formUnion(pods.map { RoleKey(namespace: $0.namespace, name: $0.serviceAccount) })
    for binding in bindings {
      for subject in binding.subjects where subject.kind == .serviceAccount {
        names.insert(RoleKey(namespace: subject.namespace, name: subject.name))
      }
    }
    return names.sorted { ($0.namespace, $0.name) < ($1.namespace, $1.name) }
  }

  /// Every namespace an object of the cluster is in or names, sorted.
  var namespaces: [String] {
    var names = Set<String>()
    names.formUnion(serviceAccounts.map(\.namespace))
    names.formUnion(pods.map(\.namespace))
    names.formUnion(secrets.map(\.namespace))
    names.formUnion(roles.keys.map(\.namespace).filter { !$0.isEmpty })
    for binding in bindings {
      if let namespace = binding.namespace { names.insert(namespace) }
      for subject in binding.subjects where subject.kind == .serviceAccount {
        names.insert(subject.namespace)
      }
    }
    return names.sorted()
  }

  /// Returns the cluster name of a file: the name of the folder that holds it when the
  /// document lists objects of one kind only, as one of several per-kind exports of a
  /// cluster, and otherwise the file's name without its extension.
  static func name(ofFile file: String, kinds: Set<String>) -> String {
    let url = URL(fileURLWithPath: file)
    if kinds.count <= 1 {
      return url.deletingLastPathComponent().lastPathComponent
    }
    return url.deletingPathExtension().lastPathComponent
  }
}
