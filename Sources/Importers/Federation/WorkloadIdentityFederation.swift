import AccessGraph

/// Joins Kubernetes service accounts to the cloud identities they can obtain, with
/// `federates` edges, after every importer has connected its own nodes.
///
/// Each platform's trust decides the edge, and a service account annotation alone never
/// makes one: an annotation whose trust is missing gives a warning that names what is
/// missing. The clusters are joined to their cloud descriptions by cluster name, the name
/// the Kubernetes importer gives them (see docs/kubernetes.md). The rules of each platform
/// are in the extensions of this type.
struct WorkloadIdentityFederation {
  /// The Kubernetes clusters of the run, by name.
  let clusters: [String: KubernetesCluster]
  /// The cloud descriptions of clusters, by provider and cluster name; the first one given
  /// wins.
  let descriptions: [ClusterDescription.Provider: [String: ClusterDescription]]
  let associations: [PodIdentityAssociation]
  /// The IAM roles of the run, each once.
  let roles: [IAMRole]
  /// The IAM policies of the gcloud outputs of the run.
  let gcpPolicies: [GCPPolicy]
  /// The resource hierarchy and service accounts of the gcloud outputs of the run.
  let gcpEstate: GCPEstate?
  /// The Entra ID exports of the run, with their federated identity credentials.
  let entra: EntraImporter?

  /// Collects what the federation rules need from the importers of a run.
  init(importers: [any SourceImporter]) {
    var clusters: [String: KubernetesCluster] = [:]
    var descriptions: [ClusterDescription.Provider: [String: ClusterDescription]] = [:]
    var associations: [PodIdentityAssociation] = []
    var roles: [IAMRole] = []
    var seenRoles: Set<String> = []
    var gcpPolicies: [GCPPolicy] = []
    var gcpEstate: GCPEstate?
    var entra: EntraImporter?
    for importer in importers {
      switch importer {
      case let kubernetes as KubernetesImporter:
        clusters.merge(kubernetes.clusters) { first, _ in first }
      case let clusterDescriptions as ClusterDescriptionImporter:
        for description in clusterDescriptions.descriptions
        where descriptions[description.provider]?[description.name] == nil {
          descriptions[description.provider, default: [:]][description.name] = description
        }
        associations += clusterDescriptions.associations
      case let aws as AWSAuthorizationImporter:
        for role in aws.exports.flatMap(\.roles) where seenRoles.insert(role.arn).inserted {
          roles.append(role)
        }
      case let gcp as GCPImporter:
        gcpPolicies = gcp.policies
        gcpEstate = gcp.estate
      case let entraImporter as EntraImporter:
        entra = entraImporter
      default:
        break
      }
    }
    self.clusters = clusters
    self.descriptions = descriptions
    // The list prints no role, so a described association replaces its list entry.
    var described: Set<String> = []
    for association in associations where association.roleARN != nil {
      described.insert(association.associationID)
    }
    var seenAssociations: Set<String> = []
    self.associations = associations.filter { association in
      guard association.roleARN != nil || !described.contains(association.associationID) else {
        return false
      }
      return seenAssociations.insert(association.associationID).inserted
    }
    self.roles = roles
    self.gcpPolicies = gcpPolicies
    self.gcpEstate = gcpEstate
    self.entra = entra
  }

  /// Adds the `federates` edges of every platform.
  ///
  /// - Parameter warn: Receives annotations whose trust is missing, and descriptions or
  ///   associations that cannot be joined.
  func connect(into builder: inout EstateBuilder, warn: (ImportWarning) -> Void) {
    warnUnmatchedDescriptions(warn: warn)
    connectRolesForServiceAccounts(into: &builder, warn: warn)
    connectPodIdentityAssociations(into: &builder, warn: warn)
    connectGKEWorkloadIdentity(into: &builder, warn: warn)
    connectAKSWorkloadIdentity(into: &builder, warn: warn)
  }

  /// Warns about each cluster description whose name no Kubernetes input gives, because
  /// then the cluster's file is most likely named otherwise and nothing joins the two.
  func warnUnmatchedDescriptions(warn: (ImportWarning) -> Void) {
    guard !clusters.isEmpty else { return }
    let known = clusters.keys.sorted()
    for provider in descriptions.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
      for (name, description) in descriptions[provider]!.sorted(by: { $0.key < $1.key })
      where clusters[name] == nil {
        warn(
          ImportWarning(
            file: description.file, location: description.location,
            message: "this describes cluster \(name), but no Kubernetes input is named so "
              + "(the clusters are \(known.joined(separator: ", "))); name the kubectl "
              + "export \(name).json, or its folder \(name), as docs/kubernetes.md says"))
      }
    }
  }

  /// Returns the service accounts of a cluster that an object defines, a pod runs as or a
  /// binding names, with the annotations of those that an object defines.
  func serviceAccounts(of cluster: KubernetesCluster) -> [FederatedServiceAccount] {
    let defined = Dictionary(
      cluster.serviceAccounts.map { ("\($0.namespace)/\($0.name)", $0) },
      uniquingKeysWith: { first, _ in first })
    return cluster.serviceAccountNames.map { key in
      FederatedServiceAccount(
        cluster: cluster.name, namespace: key.namespace, name: key.name,
        object: defined["\(key.namespace)/\(key.name)"])
    }
  }

  /// Returns the node of a service account, as the Kubernetes importer defines it.
  func node(of account: FederatedServiceAccount, in builder: inout EstateBuilder) -> NodeID {
    builder.reference(
      KubernetesNodes.serviceAccount(account.name, namespace: account.namespace, in: account.cluster))
  }
}

/// A Kubernetes service account as the federation rules see it.
struct FederatedServiceAccount {
  let cluster: String
  let namespace: String
  let name: String
  /// The object that defines it, with its annotations; nil when only a pod or binding
  /// names it.
  let object: KubernetesServiceAccount?

  /// The name the API server authenticates it as, which is the `sub` claim of its tokens.
  var username: String { "system:serviceaccount:\(namespace):\(name)" }

  /// Returns the annotation `key`, when the defining object has it.
  func annotation(_ key: String) -> String? {
    object?.annotations[key]
  }

  /// The annotation in words, for provenance and warnings.
  func describe(annotation key: String) -> String {
    "service account \(namespace)/\(name) of cluster \(cluster) is annotated "
      + "\(key)=\(annotation(key) ?? "")"
  }

  /// The place of the annotations in the input, for provenance that names another file.
  var annotationPlace: String {
    object.map { " (\($0.file):\($0.location).metadata.annotations)" } ?? ""
  }

  /// Returns a warning at the annotation.
  func warning(_ message: String) -> ImportWarning {
    ImportWarning(
      file: object?.file ?? "",
      location: object.map { $0.location + ".metadata.annotations" } ?? "", message: message)
  }
}
