/// A service account, with the annotations that federate it to a cloud identity.
struct KubernetesServiceAccount: Sendable {
  var name: String
  var namespace: String
  var annotations: [String: String]
  /// The names of the token secrets that `secrets` lists, as clusters before Kubernetes 1.24
  /// created them.
  var secretNames: [String]
  /// `automountServiceAccountToken`, or nil when the object does not set it.
  var automountsToken: Bool?
  var file: String
  var location: String

  /// The annotations kept as node tags, for joining the account to cloud identities.
  static let federationAnnotations = [
    "eks.amazonaws.com/role-arn", "iam.gke.io/gcp-service-account",
    "azure.workload.identity/client-id",
  ]

  static func parse(_ object: JSONCursor) throws -> KubernetesServiceAccount {
    let metadata = try object.required("metadata")
    return KubernetesServiceAccount(
      name: try metadata.requiredString("name"),
      namespace: try metadata.requiredString("namespace"),
      annotations: try KubernetesRole.stringMap(metadata["annotations"]),
      secretNames: try object.array("secrets").compactMap { try $0.string("name") },
      automountsToken: try object.bool("automountServiceAccountToken"), file: object.file,
      location: object.path)
  }
}

/// A pod: the service account it runs as, the node it runs on, and whether it can reach
/// that node.
struct KubernetesPod: Sendable {
  var name: String
  var namespace: String
  var serviceAccount: String
  /// The pod's `automountServiceAccountToken`, or nil when the pod does not set it.
  var automountsToken: Bool?
  /// `spec.nodeName`, or nil while the pod is not scheduled.
  var nodeName: String?
  /// Whether a container or init container runs privileged.
  var isPrivileged: Bool
  /// The host paths that the pod's volumes mount.
  var hostPaths: [String]
  var file: String
  var location: String

  /// Whether the pod can act as its node: a privileged container or a host path volume
  /// gives access to the node's file system.
  var reachesNode: Bool { isPrivileged || !hostPaths.isEmpty }

  static func parse(_ object: JSONCursor) throws -> KubernetesPod {
    let metadata = try object.required("metadata")
    let spec = try object.required("spec")
    var isPrivileged = false
    for container in try spec.array("containers") + spec.array("initContainers") {
      if try container["securityContext"]?.bool("privileged") == true {
        isPrivileged = true
      }
    }
    var hostPaths: [String] = []
    for volume in try spec.array("volumes") {
      if let path = try volume["hostPath"]?.requiredString("path") {
        hostPaths.append(path)
      }
    }
    return KubernetesPod(
      name: try metadata.requiredString("name"),
      namespace: try metadata.requiredString("namespace"),
      serviceAccount: try spec.string("serviceAccountName") ?? spec.string("serviceAccount")
        ?? "default",
      automountsToken: try spec.bool("automountServiceAccountToken"),
      nodeName: try spec.string("nodeName"), isPrivileged: isPrivileged,
      hostPaths: hostPaths, file: object.file, location: object.path)
  }
}

/// A secret; only its name and, for a service account token, the account are read.
struct KubernetesSecret: Sendable {
  var name: String
  var namespace: String
  /// The account of a `kubernetes.io/service-account-token` secret, from the annotation
  /// `kubernetes.io/service-account.name`; nil for other secrets.
  var serviceAccount: String?
  var file: String
  var location: String

  static func parse(_ object: JSONCursor) throws -> KubernetesSecret {
    let metadata = try object.required("metadata")
    var account: String?
    if try object.string("type") == "kubernetes.io/service-account-token" {
      account = try KubernetesRole.stringMap(metadata["annotations"])[
        "kubernetes.io/service-account.name"]
    }
    return KubernetesSecret(
      name: try metadata.requiredString("name"),
      namespace: try metadata.requiredString("namespace"), serviceAccount: account,
      file: object.file, location: object.path)
  }
}
