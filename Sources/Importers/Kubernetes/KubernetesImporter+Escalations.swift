import AccessGraph

/// One permission that a technique needs, as the API server checks it.
private struct KubernetesPermission {
  var verb: String
  var group: String = ""
  var resource: String
  /// The object the request names, or nil for a request that names none, such as a list
  /// or a create.
  var name: String?

  /// The permission as an edge action, in the form of `KubernetesRule.actions`.
  var action: String {
    let base = "\(verb) \(group.isEmpty ? "core" : group)/\(resource)"
    return name.map { "\(base):\($0)" } ?? base
  }

  /// Returns the first grant that allows the permission.
  func grant(in grants: [KubernetesGrant]) -> KubernetesGrant? {
    grants.first { $0.allows(verb, group: group, resource: resource, name: name) }
  }
}

private let rbacGroup = "rbac.authorization.k8s.io"

extension KubernetesImporter {
  /// Adds the escalation edges that each subject's grants allow, per namespace and at
  /// cluster scope. docs/kubernetes.md lists the techniques.
  ///
  /// Permissions of one subject combine across its bindings, as the API server unions
  /// them, but a subject's groups are checked on their own. Subjects that hold cluster-admin
  /// get no escalation edges.
  ///
  /// - Complexity: O(S · N · (A + P)) for S subjects, N namespaces, A service accounts and
  ///   P pods per namespace, times the rules of the subject's grants.
  func connectEscalations(
    _ cluster: KubernetesCluster, grants: KubernetesGrants, into builder: inout EstateBuilder
  ) {
    let accounts = Dictionary(grouping: cluster.serviceAccountNames, by: \.namespace)
    let pods = Dictionary(grouping: cluster.pods, by: \.namespace)
    for subject in grants.bySubject.keys.sorted() {
      // A subject that has cluster-admin gains nothing more through a technique.
      let clusterWide = grants.grants(of: subject, in: nil)
      if clusterWide.contains(where: { $0.rules.contains(where: \.isFullWildcard) }) {
        continue
      }
      let source = builder.nodeID(for: subject)!
      for namespace in cluster.namespaces {
        let inNamespace = grants.grants(of: subject, in: namespace)
        let writer = EscalationWriter(cluster: cluster.name, source: source, grants: inNamespace)
        writer.connectPodCreation(accounts: accounts[namespace] ?? [], into: &builder)
        writer.connectPodCommands(pods: pods[namespace] ?? [], into: &builder)
        writer.connectTokenSecrets(
          cluster, namespace: namespace, accounts: accounts[namespace] ?? [], into: &builder)
        writer.connectRoleRewrites(cluster, namespace: namespace, into: &builder)
        writer.connectServiceAccountImpersonation(
          accounts: accounts[namespace] ?? [], into: &builder)
      }
      let writer = EscalationWriter(
        cluster: cluster.name, source: source, grants: grants.grants(of: subject, in: nil))
      writer.connectImpersonation(cluster, into: &builder)
      writer.connectRoleRewrites(cluster, namespace: nil, into: &builder)
      writer.connectNodeProxy(cluster, into: &builder)
    }
  }
}

/// Writes the escalation edges of one subject's grants in one namespace, or at cluster
/// scope.
private struct EscalationWriter {
  var cluster: String
  var source: NodeID
  var grants: [KubernetesGrant]

  /// Returns the provenance of an edge that `needed` permissions give, each with the first
  /// grant that allows it, or nil when a permission is not granted.
  func evidence(_ needed: [KubernetesPermission], technique: String) -> Provenance? {
    var parts: [String] = []
    var first: KubernetesGrant?
    for permission in needed {
      guard let grant = permission.grant(in: grants) else { return nil }
      first = first ?? grant
      parts.append("\(permission.action) by \(grant.binding.label)")
    }
    guard let first else { return nil }
    return Provenance(
      file: first.binding.file, location: first.binding.location,
      grant: parts.joined(separator: "; "), technique: technique)
  }

  private func connect(
    _ target: Node, _ relation: Relation, _ needed: [KubernetesPermission], technique: String,
    into builder: inout EstateBuilder
  ) {
    guard let provenance = evidence(needed, technique: technique) else { return }
    let targetID = builder.reference(target)
    // A subject gains nothing by acting as itself.
    guard targetID != source else { return }
    builder.connect(
      source, targetID, relation, actions: needed.map(\.action), provenance: provenance)
  }

  /// Creating a pod lets the creator name any service account of the namespace in
  /// `spec.serviceAccountName` and run code as it.
  func connectPodCreation(
    accounts: [KubernetesCluster.RoleKey], into builder: inout EstateBuilder
  ) {
    let create = KubernetesPermission(verb: "create", resource: "pods")
    guard create.grant(in: grants) != nil else { return }
    for account in accounts {
      connect(
        KubernetesNodes.serviceAccount(account.name, namespace: account.namespace, in: cluster),
        .assumes, [create], technique: "Create a pod that runs as a service account",
        into: &builder)
    }
  }

  /// `create` on `pods/exec`, or else on `pods/attach`, runs commands in the pods it covers:
  /// the namespace's pod set when it covers every pod of a namespace with several.
  func connectPodCommands(pods: [KubernetesPod], into builder: inout EstateBuilder) {
    guard let namespace = pods.first?.namespace else { return }
    let techniques = [
      ("pods/exec", "Run a command in a pod"), ("pods/attach", "Attach to a running pod"),
    ]
    for (resource, technique) in techniques {
      let covered = pods.filter { pod in
        grants.contains { $0.allows("create", resource: resource, name: pod.name) }
      }
      guard !covered.isEmpty else { continue }
      let whole = KubernetesPermission(verb: "create", resource: resource)
      if covered.count == pods.count, pods.count > 1, whole.grant(in: grants) != nil {
        connect(
          KubernetesNodes.podSet(namespace: namespace, in: cluster), .controls, [whole],
          technique: technique, into: &builder)
        return
      }
      for pod in covered {
        let named = KubernetesPermission(verb: "create", resource: resource, name: pod.name)
        let needed = whole.grant(in: grants) != nil ? whole : named
        connect(
          KubernetesNodes.pod(pod, in: cluster), .controls, [needed], technique: technique,
          into: &builder)
      }
      return
    }
  }

  /// `get` on a service account's token secret, or `list` on secrets, reads the token and
  /// so acts as the account. Token secrets are those of type
  /// `kubernetes.io/service-account-token` and those a service account's `secrets` lists.
  func connectTokenSecrets(
    _ cluster: KubernetesCluster, namespace: String, accounts: [KubernetesCluster.RoleKey],
    into builder: inout EstateBuilder
  ) {
    var tokens: [(secret: String, account: String)] = []
    for secret in cluster.secrets where secret.namespace == namespace {
      if let account = secret.serviceAccount { tokens.append((secret.name, account)) }
    }
    for account in cluster.serviceAccounts where account.namespace == namespace {
      tokens += account.secretNames.map { ($0, account.name) }
    }
    let list = KubernetesPermission(verb: "list", resource: "secrets")
    for token in tokens where accounts.contains(where: { $0.name == token.account }) {
      let get = KubernetesPermission(verb: "get", resource: "secrets", name: token.secret)
      connect(
        KubernetesNodes.serviceAccount(token.account, namespace: namespace, in: self.cluster),
        .assumes, [get.grant(in: grants) != nil ? get : list],
        technique: "Read a service account token from a secret", into: &builder)
    }
  }

  /// Adds `assumes` edges to the service accounts of one namespace that the grants let the
  /// subject impersonate. The grants are those of the namespace, with the cluster-wide ones,
  /// because a RoleBinding in their namespace may grant the impersonation.
  func connectServiceAccountImpersonation(
    accounts: [KubernetesCluster.RoleKey], into builder: inout EstateBuilder
  ) {
    for account in accounts {
      connect(
        KubernetesNodes.serviceAccount(
          account.name, namespace: account.namespace, in: self.cluster),
        .assumes,
        [
          KubernetesPermission(verb: "impersonate", resource: "serviceaccounts", name: account.name)
        ],
        technique: "Impersonate a service account", into: &builder)
    }
  }

  /// Adds `assumes` edges to the users and groups that the grants let the subject
  /// impersonate. Users and groups are not namespaced, so only a ClusterRoleBinding grants
  /// their impersonation. A grant without resource names covers every user and group that a
  /// binding of the cluster names. A user name of the form `system:serviceaccount:NS:NAME`
  /// is left out, because the API server checks the impersonation of a service account
  /// instead (see `connectServiceAccountImpersonation`).
  func connectImpersonation(_ cluster: KubernetesCluster, into builder: inout EstateBuilder) {
    var users = Set<String>()
    var groups = Set<String>()
    for binding in cluster.bindings {
      for subject in binding.subjects {
        if subject.kind == .user { users.insert(subject.name) }
        if subject.kind == .group { groups.insert(subject.name) }
      }
    }
    for grant in grants {
      users.formUnion(grant.names("impersonate", resource: "users") ?? [])
      groups.formUnion(grant.names("impersonate", resource: "groups") ?? [])
    }
    for user in users.sorted() where !user.hasPrefix("system:serviceaccount:") {
      connect(
        KubernetesNodes.user(user, in: self.cluster), .assumes,
        [KubernetesPermission(verb: "impersonate", resource: "users", name: user)],
        technique: "Impersonate a user", into: &builder)
    }
    for group in groups.sorted() {
      connect(
        KubernetesNodes.group(group, in: self.cluster), .assumes,
        [KubernetesPermission(verb: "impersonate", resource: "groups", name: group)],
        technique: "Impersonate a group", into: &builder)
    }
  }

  /// Adds the two ways past the API server's check that a binding or role grants no more
  /// than its writer has. They are `bind` on a role with every permission together with
  /// writing bindings, and `escalate` together with writing a role bound to the writer.
  /// In a namespace they escalate to the namespace, which then `contains` what the writer
  /// gains. At cluster scope, with ClusterRoleBindings and ClusterRoles, they escalate to
  /// cluster-admin.
  func connectRoleRewrites(
    _ cluster: KubernetesCluster, namespace: String?, into builder: inout EstateBuilder
  ) {
    let target =
      namespace.map { KubernetesNodes.namespace($0, in: self.cluster) }
      ?? KubernetesNodes.clusterAdmin(self.cluster)
    let bindings = namespace == nil ? "clusterrolebindings" : "rolebindings"
    let roles = namespace == nil ? "clusterroles" : "roles"
    let scopeWord = namespace == nil ? "cluster" : "namespace"
    let allPowerful = cluster.roles.values.filter { role in
      (role.namespace == nil || role.namespace == namespace)
        && cluster.aggregatedRules(of: role).contains(where: \.isFullWildcard)
    }
    for writeVerb in ["create", "update", "patch"] {
      let write = KubernetesPermission(verb: writeVerb, group: rbacGroup, resource: bindings)
      guard write.grant(in: grants) != nil else { continue }
      for role in allPowerful.sorted(by: { $0.name < $1.name }) {
        let bind = KubernetesPermission(
          verb: "bind", group: rbacGroup,
          resource: role.namespace == nil ? "clusterroles" : "roles", name: role.name)
        guard bind.grant(in: grants) != nil else { continue }
        connect(
          target, .escalates, [write, bind],
          technique: "Bind a role with every permission in the \(scopeWord)", into: &builder)
        break
      }
      break
    }
    // A Role can be rewritten only by a subject bound to it, and a RoleBinding cannot
    // grant writes to the cluster-scoped ClusterRoles.
    let boundToRewritableRole =
      namespace == nil
      || grants.contains {
        !$0.binding.refersToClusterRole
      }
    let escalate = KubernetesPermission(verb: "escalate", group: rbacGroup, resource: roles)
    guard boundToRewritableRole else { return }
    for writeVerb in ["update", "patch"] {
      let write = KubernetesPermission(verb: writeVerb, group: rbacGroup, resource: roles)
      guard write.grant(in: grants) != nil, escalate.grant(in: grants) != nil else { continue }
      connect(
        target, .escalates, [escalate, write],
        technique: "Rewrite a role with the escalate verb in the \(scopeWord)", into: &builder)
      break
    }
  }

  /// `get` or `create` on `nodes/proxy` reaches the kubelet API of the nodes it covers,
  /// which runs commands in every pod of the node.
  func connectNodeProxy(_ cluster: KubernetesCluster, into builder: inout EstateBuilder) {
    let nodes = Set(cluster.pods.compactMap(\.nodeName)).sorted()
    for node in nodes {
      for verb in ["get", "create"] {
        let proxy = KubernetesPermission(verb: verb, resource: "nodes/proxy", name: node)
        guard let grant = proxy.grant(in: grants) else { continue }
        let whole = KubernetesPermission(verb: verb, resource: "nodes/proxy")
        let needed = grant.allows(verb, resource: "nodes/proxy") ? whole : proxy
        connect(
          KubernetesNodes.node(node, in: self.cluster), .controls, [needed],
          technique: "Run commands in pods through the kubelet API", into: &builder)
        break
      }
    }
  }
}
