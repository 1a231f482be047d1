/// One way that IAM permissions let a member gain more than its roles name: acting as a
/// service account, or changing an IAM policy or a custom role.
struct GCPTechnique: Sendable, Equatable {
  /// The technique's name, which escalation edges carry as their `technique`.
  let name: String
  /// The permissions it needs, all of them, which escalation edges list as their actions.
  let permissions: [String]

  /// The ways to act as a service account, in the order tried: the first one that a member's
  /// grants covering the account give names the `assumes` edge. The first five act on the
  /// account alone. The last four attach the account to a new workload, so they also need a
  /// permission in a project, which a binding on the account itself cannot give.
  static let serviceAccount: [GCPTechnique] = [
    GCPTechnique(
      name: "Mint an access token for a service account",
      permissions: ["iam.serviceAccounts.getAccessToken"]),
    GCPTechnique(
      name: "Sign a JWT as a service account", permissions: ["iam.serviceAccounts.signJwt"]),
    GCPTechnique(
      name: "Sign a blob as a service account", permissions: ["iam.serviceAccounts.signBlob"]),
    // NOTE: implicit delegation lets the caller mint tokens only for the accounts that this
    // account may mint tokens for, so the edge to the account overstates what it gives.
    GCPTechnique(
      name: "Mint tokens through a service account as a delegate",
      permissions: ["iam.serviceAccounts.implicitDelegation"]),
    GCPTechnique(
      name: "Create a key for a service account",
      permissions: ["iam.serviceAccountKeys.create"]),
    GCPTechnique(
      name: "Grant itself a role on a service account",
      permissions: ["iam.serviceAccounts.setIamPolicy"]),
    GCPTechnique(
      name: "Attach a service account to a new Compute Engine instance",
      permissions: [
        "iam.serviceAccounts.actAs", "compute.instances.create",
        "compute.instances.setServiceAccount",
      ]),
    GCPTechnique(
      name: "Deploy a Cloud Function that runs as a service account",
      permissions: ["iam.serviceAccounts.actAs", "cloudfunctions.functions.create"]),
    GCPTechnique(
      name: "Deploy a Cloud Run service that runs as a service account",
      permissions: ["iam.serviceAccounts.actAs", "run.services.create"]),
    GCPTechnique(
      name: "Run a Cloud Build build as a service account",
      permissions: ["iam.serviceAccounts.actAs", "cloudbuild.builds.create"]),
  ]

  /// Setting the IAM policy of an organization, folder or project, which lets the member
  /// grant itself `roles/owner` there.
  static func setIamPolicy(of level: GCPScope.Level) -> GCPTechnique {
    GCPTechnique(
      name: "Grant itself a role on the \(level.word)",
      permissions: [level.setIamPolicyPermission])
  }

  /// Updating a custom role that the member holds, which lets it add any permission to the
  /// role where it holds it.
  static let updateOwnRole = GCPTechnique(
    name: "Update a custom role it holds", permissions: ["iam.roles.update"])
}
