import AccessGraph

/// The rules one binding grants one subject, in the binding's namespace or, for a
/// ClusterRoleBinding, in every namespace and at cluster scope.
struct KubernetesGrant: Sendable {
  var binding: KubernetesBinding
  var rules: [KubernetesRule]

  /// Returns whether a rule of the grant allows `verb` on `resource` of `group` for the
  /// object `name`, or for a request that names no object when `name` is nil.
  func allows(_ verb: String, group: String = "", resource: String, name: String? = nil)
    -> Bool
  {
    rules.contains { $0.allows(verb, group: group, resource: resource, name: name) }
  }

  /// The names of the `resource` objects of `group` on which the grant allows `verb`, or
  /// nil when it allows the verb on every object.
  func names(_ verb: String, group: String = "", resource: String) -> Set<String>? {
    if rules.contains(where: { $0.allows(verb, group: group, resource: resource, name: nil) }) {
      return nil
    }
    var names = Set<String>()
    for rule in rules where !rule.resourceNames.isEmpty {
      for name in rule.resourceNames
      where rule.allows(verb, group: group, resource: resource, name: name) {
        names.insert(name)
      }
    }
    return names
  }
}

/// Every grant of one cluster, by the node id of the subject it is granted to.
struct KubernetesGrants: Sendable {
  var bySubject: [String: [KubernetesGrant]] = [:]

  /// Returns the grants of `subject` that apply in `namespace`: its ClusterRoleBindings and
  /// its RoleBindings in that namespace. A nil namespace gives the ClusterRoleBindings
  /// alone, which are the only grants on cluster-scoped resources.
  func grants(of subject: String, in namespace: String?) -> [KubernetesGrant] {
    (bySubject[subject] ?? []).filter {
      $0.binding.namespace == nil || $0.binding.namespace == namespace
    }
  }
}

extension KubernetesImporter {
  /// Adds one `access` edge per binding and subject, to the binding's namespace or to the
  /// cluster, and an `access` edge to cluster-admin for a ClusterRoleBinding whose role
  /// allows every verb on every resource. A binding to a role that no input gives grants
  /// nothing, as in the API server, and is reported.
  ///
  /// - Returns: The grants, by subject, for the escalation checks.
  /// - Complexity: O(B · R) for B bindings and R rules per role, plus O(R) per binding of
  ///   an aggregated ClusterRole.
  func connectBindings(
    _ cluster: KubernetesCluster, into builder: inout EstateBuilder,
    warn: (ImportWarning) -> Void
  ) -> KubernetesGrants {
    let name = cluster.name
    let clusterID = builder.nodeID(for: KubernetesNodes.clusterID(name))!
    let admin = builder.nodeID(for: KubernetesNodes.clusterAdminID(name))!
    var grants = KubernetesGrants()
    for binding in cluster.bindings {
      guard let rules = cluster.rules(of: binding) else {
        let kind = binding.refersToClusterRole ? "ClusterRole" : "Role"
        warn(
          ImportWarning(
            file: binding.file, location: binding.location + ".roleRef",
            message: "\(kind) \(binding.roleName) is not in the inputs, so the binding grants "
              + "nothing; export it with `kubectl get \(kind.lowercased())s -A -o json`"))
        continue
      }
      // A role without rules grants nothing, like a missing one, but without a warning.
      guard !rules.isEmpty else { continue }
      let target =
        binding.namespace.map {
          builder.nodeID(for: KubernetesNodes.namespaceID($0, in: name))!
        } ?? clusterID
      var actions: [String] = []
      var seen = Set<String>()
      for action in rules.flatMap(\.actions) where seen.insert(action).inserted {
        actions.append(action)
      }
      let isClusterAdmin = binding.namespace == nil && rules.contains(where: \.isFullWildcard)
      for subject in binding.subjects {
        let node = KubernetesNodes.subject(subject, in: name)
        let source = builder.reference(node)
        let provenance = Provenance(
          file: binding.file, location: binding.location,
          grant: "\(binding.label) to \(subject.kind.rawValue) \(node.name)")
        builder.connect(source, target, .access, actions: actions, provenance: provenance)
        if isClusterAdmin {
          builder.connect(source, admin, .access, actions: ["* */*"], provenance: provenance)
        }
        grants.bySubject[node.id, default: []].append(
          KubernetesGrant(binding: binding, rules: rules))
      }
    }
    return grants
  }
}
