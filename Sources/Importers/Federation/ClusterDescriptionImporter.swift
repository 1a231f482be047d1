import AccessGraph

/// Reads the outputs that describe managed Kubernetes clusters and the cloud identities
/// their service accounts are given: `aws eks describe-cluster`, `aws eks
/// list-pod-identity-associations`, `aws eks describe-pod-identity-association`, `gcloud
/// container clusters describe` and `az aks show`.
///
/// The importer adds no nodes or edges itself. `WorkloadIdentityFederation` reads what it
/// collected after every importer has connected, and joins service accounts to cloud
/// identities.
struct ClusterDescriptionImporter: SourceImporter {
  static let formatName = "managed Kubernetes cluster description"

  private(set) var descriptions: [ClusterDescription] = []
  private(set) var associations: [PodIdentityAssociation] = []

  /// The kinds of document read.
  enum Entry {
    case eksCluster, podIdentityAssociationList, podIdentityAssociation, gkeCluster,
      aksCluster
  }

  /// Returns the kind of a document, judged from the members that only these outputs have.
  static func entry(_ document: JSONCursor) -> Entry? {
    guard document.isObject else { return nil }
    if let cluster = document["cluster"], cluster["name"]?.value is String,
      let arn = cluster["arn"]?.value as? String, arn.contains(":eks:")
    {
      return .eksCluster
    }
    if document["associations"]?.isArray == true,
      Set(document.keys).isSubset(of: ["associations", "nextToken"])
    {
      return .podIdentityAssociationList
    }
    if document.keys == ["association"], document["association"]?["associationId"] != nil {
      return .podIdentityAssociation
    }
    if document["name"]?.value is String,
      document["workloadIdentityConfig"] != nil
        || (document["selfLink"]?.value as? String)?.contains("container.googleapis.com/")
          == true
    {
      return .gkeCluster
    }
    if document["name"]?.value is String,
      document["oidcIssuerProfile"] != nil
        || (document["type"]?.value as? String)?.lowercased()
          == "microsoft.containerservice/managedclusters"
    {
      return .aksCluster
    }
    return nil
  }

  static func recognizes(_ document: JSONCursor) -> Bool {
    entry(document) != nil
  }

  mutating func add(_ document: JSONCursor) throws {
    switch Self.entry(document) {
    case .eksCluster:
      let cluster = try document.required("cluster")
      let issuer = try cluster["identity"]?["oidc"]?.string("issuer")
      descriptions.append(
        ClusterDescription(
          provider: .eks, name: try cluster.requiredString("name"), issuer: issuer,
          workloadPool: nil, file: document.file, location: cluster.path))
    case .podIdentityAssociationList:
      for item in try document.array("associations") {
        associations.append(try Self.association(item))
      }
    case .podIdentityAssociation:
      associations.append(try Self.association(try document.required("association")))
    case .gkeCluster:
      let pool = try document["workloadIdentityConfig"]?.string("workloadPool")
      descriptions.append(
        ClusterDescription(
          provider: .gke, name: try document.requiredString("name"), issuer: nil,
          workloadPool: pool, file: document.file, location: document.path))
    case .aksCluster:
      let profile = document["oidcIssuerProfile"]
      let isEnabled = try profile?.bool("enabled") ?? false
      let issuer = isEnabled ? try profile?.string("issuerUrl") : nil
      descriptions.append(
        ClusterDescription(
          provider: .aks, name: try document.requiredString("name"), issuer: issuer,
          workloadPool: nil, file: document.file, location: document.path))
    case nil:
      throw document.invalid(
        "not a cluster description or Pod Identity association",
        remedy: "give the output of `aws eks describe-cluster`, `gcloud container clusters "
          + "describe` or `az aks show`, as docs/kubernetes.md lists")
    }
  }

  private static func association(_ item: JSONCursor) throws -> PodIdentityAssociation {
    PodIdentityAssociation(
      clusterName: try item.requiredString("clusterName"),
      namespace: try item.requiredString("namespace"),
      serviceAccount: try item.requiredString("serviceAccount"),
      roleARN: try item.string("roleArn"),
      associationID: try item.requiredString("associationId"), file: item.file,
      location: item.path)
  }

  func define(into builder: inout EstateBuilder, warn: (ImportWarning) -> Void) throws {}

  func connect(into builder: inout EstateBuilder, warn: (ImportWarning) -> Void) throws {}
}
