import AccessGraph

/// The nodes the Kubernetes importer adds. Every id starts with `k8s:<cluster>`, and the
/// node's account is the cluster name.
enum KubernetesNodes {
  static func clusterID(_ cluster: String) -> String { "k8s:\(cluster)" }

  static func cluster(_ cluster: String) -> Node {
    Node(
      id: clusterID(cluster), kind: .scope, platform: .kubernetes, account: cluster,
      name: "cluster \(cluster)", type: "kubernetes-cluster")
  }

  static func namespaceID(_ namespace: String, in cluster: String) -> String {
    "k8s:\(cluster)/namespaces/\(namespace)"
  }

  static func namespace(_ namespace: String, in cluster: String) -> Node {
    Node(
      id: namespaceID(namespace, in: cluster), kind: .scope, platform: .kubernetes,
      account: cluster, name: "namespace \(namespace) in \(cluster)",
      type: "kubernetes-namespace")
  }

  static func clusterAdminID(_ cluster: String) -> String { "k8s:\(cluster)/cluster-admin" }

  static func clusterAdmin(_ cluster: String) -> Node {
    Node(
      id: clusterAdminID(cluster), kind: .privilege, platform: .kubernetes, account: cluster,
      name: "cluster-admin of \(cluster)", type: "kubernetes-privilege")
  }

  static func serviceAccountID(_ name: String, namespace: String, in cluster: String)
    -> String
  {
    "k8s:\(cluster)/system:serviceaccount:\(namespace):\(name)"
  }

  /// Returns a service account's node, with its federation annotations as tags.
  static func serviceAccount(
    _ name: String, namespace: String, in cluster: String, annotations: [String: String] = [:]
  ) -> Node {
    var tags: [String: String] = [:]
    for key in KubernetesServiceAccount.federationAnnotations {
      if let value = annotations[key] { tags[key] = value }
    }
    return Node(
      id: serviceAccountID(name, namespace: namespace, in: cluster), kind: .serviceIdentity,
      platform: .kubernetes, account: cluster,
      name: "system:serviceaccount:\(namespace):\(name)", type: "kubernetes-service-account",
      tags: tags)
  }

  /// Returns the node of a user, or of the service account a user name such as
  /// `system:serviceaccount:dev:ci` stands for, as the API server authenticates it.
  static func user(_ name: String, in cluster: String) -> Node {
    let parts = name.split(separator: ":", omittingEmptySubsequences: false)
    if parts.count == 4, parts[0] == "system", parts[1] == "serviceaccount" {
      return serviceAccount(String(parts[3]), namespace: String(parts[2]), in: cluster)
    }
    return Node(
      id: "k8s:\(cluster)/user:\(name)", kind: .human, platform: .kubernetes, account: cluster,
      name: name, type: "kubernetes-user")
  }

  static func group(_ name: String, in cluster: String) -> Node {
    Node(
      id: "k8s:\(cluster)/group:\(name)", kind: .group, platform: .kubernetes, account: cluster,
      name: name, type: "kubernetes-group")
  }

  /// Returns the node of a binding's subject.
  static func subject(_ subject: KubernetesSubject, in cluster: String) -> Node {
    switch subject.kind {
    case .user: user(subject.name, in: cluster)
    case .group: group(subject.name, in: cluster)
    case .serviceAccount:
      serviceAccount(subject.name, namespace: subject.namespace, in: cluster)
    }
  }

  static func podID(_ name: String, namespace: String, in cluster: String) -> String {
    "k8s:\(cluster)/pods/\(namespace)/\(name)"
  }

  /// Returns a pod's node, tagged `privileged` or `hostPath` when it can reach its node.
  static func pod(_ pod: KubernetesPod, in cluster: String) -> Node {
    var tags: [String: String] = [:]
    if pod.isPrivileged { tags["privileged"] = "true" }
    if !pod.hostPaths.isEmpty { tags["hostPath"] = pod.hostPaths.joined(separator: ",") }
    return Node(
      id: podID(pod.name, namespace: pod.namespace, in: cluster), kind: .workload,
      platform: .kubernetes, account: cluster, name: "pod \(pod.namespace)/\(pod.name)",
      type: "kubernetes-pod", tags: tags)
  }

  static func podSetID(namespace: String, in cluster: String) -> String {
    "k8s:\(cluster)/namespaces/\(namespace)/pods"
  }

  /// Returns the node that stands for every pod of a namespace with two or more, which
  /// technique edges go to. It is a `scope` that `contains` each pod, so control of it
  /// passes on to every pod.
  static func podSet(namespace: String, in cluster: String) -> Node {
    Node(
      id: podSetID(namespace: namespace, in: cluster), kind: .scope, platform: .kubernetes,
      account: cluster, name: "pods in namespace \(namespace) of \(cluster)",
      type: "kubernetes-pod-set")
  }

  static func nodeID(_ name: String, in cluster: String) -> String {
    "k8s:\(cluster)/nodes/\(name)"
  }

  /// Returns the node of a cluster node, a `workload` because its kubelet runs the pods.
  static func node(_ name: String, in cluster: String) -> Node {
    Node(
      id: nodeID(name, in: cluster), kind: .workload, platform: .kubernetes, account: cluster,
      name: "node \(name) of \(cluster)", type: "kubernetes-node")
  }

  static func secret(_ secret: KubernetesSecret, in cluster: String) -> Node {
    Node(
      id: "k8s:\(cluster)/secrets/\(secret.namespace)/\(secret.name)", kind: .resource,
      platform: .kubernetes, account: cluster,
      name: "secret \(secret.namespace)/\(secret.name)", type: "kubernetes-secret")
  }
}
