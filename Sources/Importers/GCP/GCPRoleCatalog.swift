/// The permissions of the predefined roles that matter for access and escalation, and
/// the matching of permissions against them.
///
/// NOTE: the table is partial. It lists, for each role, the permissions that reach data,
/// identities or IAM policies, not every permission Google gives the role, and roles
/// outside it keep their edge with the role name and a warning. Google publishes the full
/// lists in the IAM roles and permissions index.
enum GCPRoleCatalog {
  /// Returns the permissions of a predefined role in the table, or nil for any other role.
  static func permissions(of role: String) -> [String]? {
    predefined[role]
  }

  /// Returns whether `patterns` grant `permission`. A pattern is a permission, `*` for
  /// every permission, or `<prefix>.*` for every permission that starts with the prefix.
  static func grants(_ patterns: [String], _ permission: String) -> Bool {
    patterns.contains { pattern in
      if pattern == "*" || pattern == permission { return true }
      guard pattern.hasSuffix(".*") else { return false }
      return permission.hasPrefix(pattern.dropLast())
    }
  }

  private static let serviceAccountRead = ["iam.serviceAccounts.get", "iam.serviceAccounts.list"]
  private static let tokenMinting = [
    "iam.serviceAccounts.getAccessToken", "iam.serviceAccounts.getOpenIdToken",
    "iam.serviceAccounts.implicitDelegation", "iam.serviceAccounts.signBlob",
    "iam.serviceAccounts.signJwt",
  ]

  private static let predefined: [String: [String]] = [
    "roles/owner": ["*"],
    "roles/editor": [
      "cloudbuild.builds.create", "cloudbuild.builds.get", "cloudfunctions.functions.call",
      "cloudfunctions.functions.create", "cloudfunctions.functions.sourceCodeSet",
      "cloudfunctions.functions.update", "compute.instances.create",
      "compute.instances.setMetadata", "compute.instances.setServiceAccount",
      "container.clusters.get", "iam.serviceAccountKeys.create", "iam.serviceAccounts.actAs",
      "iam.serviceAccounts.create", "iam.serviceAccounts.get", "iam.serviceAccounts.list",
      "resourcemanager.projects.get", "run.services.create", "run.services.update",
      "secretmanager.secrets.create", "storage.buckets.get", "storage.objects.create",
      "storage.objects.get", "storage.objects.list",
    ],
    "roles/viewer": [
      "compute.instances.get", "compute.instances.list", "iam.roles.get", "iam.roles.list",
      "iam.serviceAccounts.get", "iam.serviceAccounts.list", "resourcemanager.projects.get",
      "resourcemanager.projects.getIamPolicy", "storage.buckets.list",
    ],
    "roles/iam.securityAdmin": [
      "iam.roles.get", "iam.roles.list", "iam.serviceAccounts.getIamPolicy",
      "iam.serviceAccounts.setIamPolicy", "resourcemanager.folders.getIamPolicy",
      "resourcemanager.folders.setIamPolicy", "resourcemanager.organizations.getIamPolicy",
      "resourcemanager.organizations.setIamPolicy", "resourcemanager.projects.getIamPolicy",
      "resourcemanager.projects.setIamPolicy", "storage.buckets.setIamPolicy",
    ],
    "roles/iam.serviceAccountAdmin": serviceAccountRead + [
      "iam.serviceAccounts.create", "iam.serviceAccounts.delete",
      "iam.serviceAccounts.getIamPolicy", "iam.serviceAccounts.setIamPolicy",
      "iam.serviceAccounts.update",
    ],
    "roles/iam.serviceAccountUser": serviceAccountRead + ["iam.serviceAccounts.actAs"],
    "roles/iam.serviceAccountTokenCreator": serviceAccountRead + tokenMinting,
    "roles/iam.serviceAccountKeyAdmin": serviceAccountRead + [
      "iam.serviceAccountKeys.create", "iam.serviceAccountKeys.delete",
      "iam.serviceAccountKeys.get", "iam.serviceAccountKeys.list",
    ],
    "roles/iam.workloadIdentityUser": serviceAccountRead + [
      "iam.serviceAccounts.getAccessToken", "iam.serviceAccounts.getOpenIdToken",
    ],
    "roles/iam.roleAdmin": [
      "iam.roles.create", "iam.roles.delete", "iam.roles.get", "iam.roles.list",
      "iam.roles.undelete", "iam.roles.update",
    ],
    "roles/resourcemanager.organizationAdmin": [
      "resourcemanager.folders.getIamPolicy", "resourcemanager.folders.setIamPolicy",
      "resourcemanager.organizations.get", "resourcemanager.organizations.getIamPolicy",
      "resourcemanager.organizations.setIamPolicy", "resourcemanager.projects.getIamPolicy",
      "resourcemanager.projects.setIamPolicy",
    ],
    "roles/resourcemanager.folderAdmin": [
      "resourcemanager.folders.create", "resourcemanager.folders.delete",
      "resourcemanager.folders.get", "resourcemanager.folders.getIamPolicy",
      "resourcemanager.folders.move", "resourcemanager.folders.setIamPolicy",
      "resourcemanager.folders.update",
    ],
    "roles/resourcemanager.folderIamAdmin": [
      "resourcemanager.folders.get", "resourcemanager.folders.getIamPolicy",
      "resourcemanager.folders.setIamPolicy",
    ],
    "roles/resourcemanager.projectIamAdmin": [
      "resourcemanager.projects.get", "resourcemanager.projects.getIamPolicy",
      "resourcemanager.projects.setIamPolicy",
    ],
    "roles/compute.admin": ["compute.*"],
    "roles/compute.instanceAdmin.v1": [
      "compute.disks.create", "compute.instances.*", "compute.subnetworks.use",
    ],
    "roles/cloudfunctions.developer": [
      "cloudfunctions.functions.call", "cloudfunctions.functions.create",
      "cloudfunctions.functions.get", "cloudfunctions.functions.invoke",
      "cloudfunctions.functions.list", "cloudfunctions.functions.sourceCodeGet",
      "cloudfunctions.functions.sourceCodeSet", "cloudfunctions.functions.update",
    ],
    "roles/cloudfunctions.admin": ["cloudfunctions.*"],
    "roles/run.admin": ["run.*"],
    "roles/run.developer": [
      "run.services.create", "run.services.get", "run.services.list", "run.services.update",
    ],
    "roles/cloudbuild.builds.editor": [
      "cloudbuild.builds.create", "cloudbuild.builds.get", "cloudbuild.builds.list",
      "cloudbuild.builds.update",
    ],
    "roles/storage.admin": ["storage.*"],
    "roles/storage.objectViewer": ["storage.objects.get", "storage.objects.list"],
    "roles/storage.objectAdmin": ["storage.objects.*"],
    "roles/secretmanager.admin": ["secretmanager.*"],
    "roles/secretmanager.secretAccessor": ["secretmanager.versions.access"],
    "roles/container.admin": ["container.*"],
    "roles/container.developer": [
      "container.clusters.get", "container.clusters.getCredentials", "container.pods.exec",
      "container.secrets.get", "container.secrets.list",
    ],
  ]
}
