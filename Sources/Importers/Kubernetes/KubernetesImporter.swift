import Foundation
import AccessGraph

/// Reads `kubectl get ... -o json` output of service accounts, roles, bindings, pods and
/// secrets, from one or several clusters.
///
/// `define` adds each cluster, its namespaces, service accounts, pods, nodes, secrets, the
/// users and groups that bindings name, and the cluster-admin privilege. `connect` adds the
/// `contains` tree, group membership, `runsAs` from pods, one `access` edge per binding and
/// subject, and the escalation edges that the granted permissions allow. docs/kubernetes.md
/// lists the commands and the rules.
struct KubernetesImporter: SourceImporter {
  static let formatName = "Kubernetes objects from kubectl"

  /// The clusters read so far, by name.
  private(set) var clusters: [String: KubernetesCluster] = [:]
  /// The file, or the folder of single-kind lists, that each cluster's name comes from.
  private var origins: [String: String] = [:]

  /// Returns the kind of the items of a list, or of the object itself, that the document
  /// holds, or nil when it is not a Kubernetes object or list. A `List` may mix kinds, so
  /// its items' kinds come from the items.
  static func itemKinds(_ document: JSONCursor) -> [String]? {
    guard let kind = try? document.string("kind"), (try? document.string("apiVersion")) != nil
    else {
      return nil
    }
    if KubernetesCluster.kinds.contains(kind) {
      return document["metadata"] == nil ? nil : [kind]
    }
    guard kind.hasSuffix("List"), let items = try? document.array("items") else { return nil }
    let listed = String(kind.dropLast(4))
    if !listed.isEmpty, !KubernetesCluster.kinds.contains(listed) { return nil }
    return items.map { item in
      (try? item.string("kind")) ?? (listed.isEmpty ? "" : listed)
    }
  }

  /// Recognizes a `List`, a typed list such as `ClusterRoleList`, or one object, when it is
  /// empty or holds an object of a kind this importer reads.
  static func recognizes(_ document: JSONCursor) -> Bool {
    guard let kinds = itemKinds(document) else { return false }
    return kinds.isEmpty || kinds.contains(where: KubernetesCluster.kinds.contains)
  }

  mutating func add(_ document: JSONCursor) throws {
    guard let kinds = Self.itemKinds(document) else {
      throw document.invalid(
        "not a Kubernetes object or list", remedy: "give the output of `kubectl get -o json`")
    }
    let name = KubernetesCluster.name(ofFile: document.file, kinds: Set(kinds))
    // Single-kind lists of one folder are one cluster; anything else of the same name is
    // another cluster, which must not be merged into it.
    let url = URL(fileURLWithPath: document.file)
    let origin = Set(kinds).count <= 1 ? url.deletingLastPathComponent().path : url.path
    if let known = origins[name], known != origin {
      throw ImportError(
        .invalidData, file: document.file, location: "",
        problem: "another input, \(known), also names Kubernetes cluster \"\(name)\"",
        remedy: "rename the file or folder of one cluster, since a cluster is named after its "
          + "file, or its folder for single-kind lists (see docs/kubernetes.md)")
    }
    origins[name] = origin
    var cluster = clusters[name] ?? KubernetesCluster(name: name)
    let objects = document["items"] == nil ? [document] : try document.array("items")
    for (object, kind) in zip(objects, kinds) {
      guard !kind.isEmpty else {
        throw object.invalid("\"kind\" is missing", remedy: "export the list again with kubectl")
      }
      try cluster.add(object, kind: kind)
    }
    clusters[name] = cluster
  }

  func define(into builder: inout EstateBuilder, warn: (ImportWarning) -> Void) throws {
    for name in clusters.keys.sorted() {
      let cluster = clusters[name]!
      builder.define(KubernetesNodes.cluster(name))
      builder.define(KubernetesNodes.clusterAdmin(name))
      for namespace in cluster.namespaces {
        builder.define(KubernetesNodes.namespace(namespace, in: name))
      }
      for account in cluster.serviceAccounts {
        builder.define(
          KubernetesNodes.serviceAccount(
            account.name, namespace: account.namespace, in: name,
            annotations: account.annotations))
      }
      for pod in cluster.pods {
        builder.define(KubernetesNodes.pod(pod, in: name))
        if let node = pod.nodeName {
          builder.define(KubernetesNodes.node(node, in: name))
        }
      }
      for secret in cluster.secrets {
        builder.define(KubernetesNodes.secret(secret, in: name))
      }
      for binding in cluster.bindings {
        for subject in binding.subjects {
          builder.define(KubernetesNodes.subject(subject, in: name))
        }
      }
      for object in cluster.skipped {
        warn(
          ImportWarning(
            file: object.file, location: object.location,
            message: "objects of kind \(object.kind) are not read, so it is skipped"))
      }
    }
  }

  func connect(into builder: inout EstateBuilder, warn: (ImportWarning) -> Void) throws {
    for name in clusters.keys.sorted() {
      let cluster = clusters[name]!
      connectTree(cluster, into: &builder)
      connectMembership(cluster, into: &builder)
      connectPods(cluster, into: &builder)
      let grants = connectBindings(cluster, into: &builder, warn: warn)
      connectEscalations(cluster, grants: grants, into: &builder)
    }
  }

  /// Adds `contains` from the cluster to each namespace, and from each namespace to its
  /// service accounts, secrets and pods, through a pod set when it has two or more pods.
  private func connectTree(_ cluster: KubernetesCluster, into builder: inout EstateBuilder) {
    let name = cluster.name
    let root = builder.nodeID(for: KubernetesNodes.clusterID(name))!
    let tree = Provenance(file: "", location: "", grant: "cluster \(name) contains it")
    var namespaceIDs: [String: NodeID] = [:]
    for namespace in cluster.namespaces {
      let id = builder.nodeID(for: KubernetesNodes.namespaceID(namespace, in: name))!
      namespaceIDs[namespace] = id
      builder.connect(root, id, .contains, provenance: tree)
    }
    for account in cluster.serviceAccounts {
      let id = builder.reference(
        KubernetesNodes.serviceAccount(account.name, namespace: account.namespace, in: name))
      builder.connect(
        namespaceIDs[account.namespace]!, id, .contains,
        provenance: Provenance(
          file: account.file, location: account.location,
          grant: "namespace \(account.namespace) contains service account \(account.name)"))
    }
    for secret in cluster.secrets {
      builder.connect(
        namespaceIDs[secret.namespace]!,
        builder.reference(KubernetesNodes.secret(secret, in: name)),
        .contains,
        provenance: Provenance(
          file: secret.file, location: secret.location,
          grant: "namespace \(secret.namespace) contains secret \(secret.name)"))
    }
    // Namespaces in name order, because a dictionary's order changes from run to run and the
    // estate must not.
    let podsByNamespace = Dictionary(grouping: cluster.pods, by: \.namespace)
    for namespace in cluster.namespaces {
      guard let pods = podsByNamespace[namespace] else { continue }
      var holder = namespaceIDs[namespace]!
      if pods.count > 1 {
        let set = builder.define(KubernetesNodes.podSet(namespace: namespace, in: name))
        builder.connect(
          holder, set, .contains,
          provenance: Provenance(
            file: "", location: "", grant: "namespace \(namespace) contains its pods"))
        holder = set
      }
      for pod in pods {
        let id = builder.nodeID(
          for: KubernetesNodes.podID(pod.name, namespace: namespace, in: name))!
        builder.connect(
          holder, id, .contains,
          provenance: Provenance(
            file: pod.file, location: pod.location,
            grant: "namespace \(namespace) contains pod \(pod.name)"))
      }
    }
  }

  /// Adds `memberOf` from each service account that the cluster's objects name to
  /// `system:serviceaccounts`, `system:serviceaccounts:<namespace>` and
  /// `system:authenticated`, and from each user to `system:authenticated`, the groups the
  /// API server puts them in.
  private func connectMembership(
    _ cluster: KubernetesCluster, into builder: inout EstateBuilder
  ) {
    let name = cluster.name
    let authenticated = builder.define(KubernetesNodes.group("system:authenticated", in: name))
    let allAccounts = builder.define(KubernetesNodes.group("system:serviceaccounts", in: name))
    let provenance = Provenance(
      file: "", location: "", grant: "the API server adds this group to every request it makes")
    for account in cluster.serviceAccountNames {
      let id = builder.reference(
        KubernetesNodes.serviceAccount(account.name, namespace: account.namespace, in: name))
      let namespaceGroup = builder.define(
        KubernetesNodes.group("system:serviceaccounts:\(account.namespace)", in: name))
      for group in [allAccounts, namespaceGroup, authenticated] {
        builder.connect(id, group, .memberOf, provenance: provenance)
      }
    }
    for binding in cluster.bindings {
      for subject in binding.subjects where subject.kind == .user {
        let node = KubernetesNodes.user(subject.name, in: name)
        guard node.kind == .human else { continue }
        builder.connect(
          builder.reference(node), authenticated, .memberOf, provenance: provenance)
      }
    }
  }

  /// Adds `runsAs` from each pod that mounts a token to its service account, and, for each
  /// scheduled pod, `controls` from its node to it and, when the pod reaches its node,
  /// `controls` from the pod to the node.
  private func connectPods(_ cluster: KubernetesCluster, into builder: inout EstateBuilder) {
    let name = cluster.name
    let automount = Dictionary(
      cluster.serviceAccounts.map { ("\($0.namespace)/\($0.name)", $0.automountsToken) },
      uniquingKeysWith: { first, _ in first })
    for pod in cluster.pods {
      let podID = builder.nodeID(
        for: KubernetesNodes.podID(pod.name, namespace: pod.namespace, in: name))!
      let accountDefault = automount["\(pod.namespace)/\(pod.serviceAccount)"] ?? nil
      if pod.automountsToken ?? accountDefault ?? true {
        let account = builder.reference(
          KubernetesNodes.serviceAccount(pod.serviceAccount, namespace: pod.namespace, in: name))
        builder.connect(
          podID, account, .runsAs,
          provenance: Provenance(
            file: pod.file, location: pod.location + ".spec",
            grant: "pod \(pod.namespace)/\(pod.name) mounts the token of service account "
              + pod.serviceAccount))
      }
      guard let nodeName = pod.nodeName else { continue }
      let node = builder.nodeID(for: KubernetesNodes.nodeID(nodeName, in: name))!
      builder.connect(
        node, podID, .controls,
        provenance: Provenance(
          file: pod.file, location: pod.location + ".spec.nodeName",
          grant: "the kubelet of node \(nodeName) runs pod \(pod.namespace)/\(pod.name)"))
      if pod.reachesNode {
        let reason =
          pod.isPrivileged
          ? "runs a privileged container" : "mounts host path \(pod.hostPaths[0])"
        builder.connect(
          podID, node, .controls,
          provenance: Provenance(
            file: pod.file, location: pod.location + ".spec",
            grant: "pod \(pod.namespace)/\(pod.name) \(reason) on node \(nodeName)",
            technique: "Escape from a pod to its node"))
      }
    }
  }
}
