import AccessGraph

/// Workload Identity Federation for GKE.
extension WorkloadIdentityFederation {
  static let gcpServiceAccountAnnotation = "iam.gke.io/gcp-service-account"
  static let workloadIdentityUser = "roles/iam.workloadIdentityUser"

  /// Adds `federates` edges from each service account of a GKE cluster with a workload
  /// identity pool. One goes to the member `serviceAccount:<pool>[<namespace>/<name>]` that
  /// IAM policies name it by. Another goes to the Google service account its annotation
  /// names, when a `roles/iam.workloadIdentityUser` binding for that member is on the
  /// service account or a scope above it.
  ///
  /// Without the annotation the GKE metadata server gives a pod the member's own token, not
  /// the service account's, so the binding alone gives no edge to the service account.
  ///
  /// - Complexity: O(c · a · b) for c clusters, a service accounts and b bindings.
  func connectGKEWorkloadIdentity(
    into builder: inout EstateBuilder, warn: (ImportWarning) -> Void
  ) {
    for name in clusters.keys.sorted() {
      let accounts = serviceAccounts(of: clusters[name]!)
      guard let description = descriptions[.gke]?[name], let pool = description.workloadPool
      else {
        let reason =
          descriptions[.gke]?[name] == nil
          ? "no `gcloud container clusters describe` output in the run describes cluster "
            + "\(name), which gives its workload identity pool"
          : "cluster \(name) has no workload identity pool"
        for account in accounts
        where account.annotation(Self.gcpServiceAccountAnnotation) != nil {
          warn(
            account.warning(
              "\(account.describe(annotation: Self.gcpServiceAccountAnnotation)), but "
                + "\(reason), so no edge is made; add the output of `gcloud container "
                + "clusters describe \(name) --format=json`"))
        }
        continue
      }
      for account in accounts {
        connect(account, pool: pool, description: description, into: &builder, warn: warn)
      }
    }
  }

  private func connect(
    _ account: FederatedServiceAccount, pool: String, description: ClusterDescription,
    into builder: inout EstateBuilder, warn: (ImportWarning) -> Void
  ) {
    let member = GCPMember("serviceAccount:\(pool)[\(account.namespace)/\(account.name)]")
    let source = node(of: account, in: &builder)
    if let stub = builder.nodeID(for: member.id) {
      builder.connect(
        source, stub, .federates,
        provenance: Provenance(
          file: description.file, location: description.location,
          grant: "cluster \(account.cluster) uses workload identity pool \(pool), so IAM "
            + "policies name its service account \(account.namespace)/\(account.name) "
            + member.id))
    }
    guard let email = account.annotation(Self.gcpServiceAccountAnnotation)?.lowercased() else {
      return
    }
    guard let (binding, label) = workloadIdentityBinding(for: member, on: email) else {
      warn(
        account.warning(
          "\(account.describe(annotation: Self.gcpServiceAccountAnnotation)), but no "
            + "\(Self.workloadIdentityUser) binding for \(member.id) is on that service "
            + "account or a scope above it, so no edge is made; add the binding with `gcloud "
            + "iam service-accounts add-iam-policy-binding \(email) --role "
            + "\(Self.workloadIdentityUser) --member \"\(member.id)\"`, or give the output of "
            + "`gcloud asset search-all-iam-policies` that has it"))
      return
    }
    var grant = account.describe(annotation: Self.gcpServiceAccountAnnotation)
      + account.annotationPlace + ", and \(label) grants \(Self.workloadIdentityUser) to "
      + member.id
    if let condition = binding.condition { grant += " under condition \"\(condition)\"" }
    builder.connect(
      source, builder.reference(GCPMember("serviceAccount:" + email).node()), .federates,
      actions: [Self.workloadIdentityUser],
      provenance: Provenance(file: binding.file, location: binding.location, grant: grant),
      isConditional: binding.condition != nil)
  }

  /// Returns the first `roles/iam.workloadIdentityUser` binding for `member` on the service
  /// account `email` or on a scope above it, with the policy's place in words, such as
  /// `binding 0 of the IAM policy of service account app@acme-app.iam.gserviceaccount.com`.
  private func workloadIdentityBinding(for member: GCPMember, on email: String)
    -> (GCPBinding, String)?
  {
    let lineage = gcpEstate?.project(ofServiceAccount: email).map { gcpEstate!.lineage(of: $0) }
    for policy in gcpPolicies {
      let label: String
      switch policy.target {
      case .serviceAccount(let name):
        let policyEmail = gcpEstate?.email(of: name) ?? name
        guard policyEmail.lowercased() == email else { continue }
        label = "service account \(email)"
      case .scope(let scope):
        guard let estate = gcpEstate, let lineage,
          lineage.contains(estate.resolve(scope))
        else {
          continue
        }
        label = estate.label(of: estate.resolve(scope))
      case .resource, .unplaced:
        continue
      }
      for (index, binding) in policy.bindings.enumerated()
      where binding.role == Self.workloadIdentityUser && binding.members.contains(member) {
        return (binding, "binding \(index) of the IAM policy of \(label)")
      }
    }
    return nil
  }
}
