/// The facts of a cloud provider's description of a managed Kubernetes cluster that decide
/// which cloud identities its service accounts can federate to.
struct ClusterDescription: Sendable {
  /// The service that runs the cluster.
  enum Provider: String, Sendable {
    /// Amazon EKS, from `aws eks describe-cluster`.
    case eks
    /// Google Kubernetes Engine, from `gcloud container clusters describe`.
    case gke
    /// Azure Kubernetes Service, from `az aks show`.
    case aks
  }

  let provider: Provider
  /// The cluster's name, which joins it to the Kubernetes inputs of the same cluster name.
  let name: String
  /// The URL of the cluster's OIDC issuer for EKS and AKS; nil when the output gives none.
  let issuer: String?
  /// The workload identity pool of a GKE cluster, `<project>.svc.id.goog`; nil when workload
  /// identity is off.
  let workloadPool: String?
  let file: String
  /// The JSON path of the cluster object in the file.
  let location: String

  /// The command that prints the description, for messages.
  var command: String {
    switch provider {
    case .eks: "aws eks describe-cluster --name \(name) --output json"
    case .gke: "gcloud container clusters describe \(name) --format=json"
    case .aks: "az aks show --name \(name) --resource-group GROUP --output json"
    }
  }

  /// The issuer without its scheme and trailing slash, as IAM names OIDC providers and
  /// their condition keys: `oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE`.
  var issuerHostAndPath: String? {
    guard var text = issuer else { return nil }
    if let scheme = text.range(of: "://") { text = String(text[scheme.upperBound...]) }
    while text.hasSuffix("/") { text.removeLast() }
    return text
  }
}

/// An EKS Pod Identity association: EKS gives the pods of one service account the
/// credentials of an IAM role.
struct PodIdentityAssociation: Sendable {
  let clusterName: String
  let namespace: String
  let serviceAccount: String
  /// The role, which `describe-pod-identity-association` prints and the list does not.
  let roleARN: String?
  let associationID: String
  let file: String
  let location: String
}
