import AccessGraph

/// The nodes of scopes and privileges that the GCP importer adds.
enum GCPNodes {
  static func scope(_ scope: GCPScope, in estate: GCPEstate) -> Node {
    Node(
      id: scope.nodeID, kind: .scope, platform: .gcp,
      account: scope.level == .project ? scope.name : "", name: estate.label(of: scope),
      type: "gcp-\(scope.level.word)")
  }

  static func owner(of scope: GCPScope, in estate: GCPEstate) -> Node {
    Node(
      id: scope.ownerID, kind: .privilege, platform: .gcp,
      account: scope.level == .project ? scope.name : "",
      name: "Owner of \(estate.label(of: scope))", type: "gcp-privilege")
  }

  static func organizationAdmin(of scope: GCPScope, in estate: GCPEstate) -> Node {
    Node(
      id: scope.organizationAdminID, kind: .privilege, platform: .gcp,
      name: "Organization Administrator of \(estate.label(of: scope))", type: "gcp-privilege")
  }

  /// The service accounts of one project, which `assumes` edges point to when a member
  /// may act as every one of them alike.
  static func serviceAccountGroup(of project: GCPScope, count: Int, in estate: GCPEstate)
    -> Node
  {
    Node(
      id: "gcp:service-accounts/" + project.path, kind: .scope, platform: .gcp,
      account: project.name, name: "the \(count) service accounts of \(estate.label(of: project))",
      type: "gcp-service-account-group")
  }

  /// The scope of a bare policy whose resource the importer cannot infer.
  static func unplaced(_ fileName: String) -> Node {
    Node(
      id: "gcp:unplaced/\(fileName)", kind: .scope, platform: .gcp,
      name: "resource of the IAM policy in \(fileName), not known", type: "gcp-unplaced-policy")
  }

  static func serviceAccount(_ account: GCPServiceAccountEntry) -> Node {
    var tags = ["projectId": account.projectID]
    if let id = account.uniqueID { tags["uniqueId"] = id }
    if let name = account.displayName { tags["displayName"] = name }
    if account.isDisabled { tags["disabled"] = "true" }
    return Node(
      id: account.member.id, kind: .serviceIdentity, platform: .gcp,
      account: account.projectID, name: account.email, type: "gcp-service-account", tags: tags)
  }

  /// A resource other than a scope or service account that a policy is attached to, such
  /// as a bucket, by its full resource name.
  static func resource(_ name: String, assetType: String?, project: GCPScope?) -> Node {
    let type =
      assetType ?? name.dropFirst(2).split(separator: "/").first.map(String.init) ?? "gcp-resource"
    return Node(
      id: name, kind: .resource, platform: .gcp, account: project?.name ?? "",
      name: name.split(separator: "/").last.map(String.init) ?? name, type: type)
  }

  /// A user-managed key, a static credential that signs in as its service account.
  static func key(_ key: GCPKeyEntry, email: String) -> Node {
    // Google prints 9999-12-31T23:59:59Z for a key that never expires.
    let expires = key.validBefore?.hasPrefix("9999-") == true ? nil : key.validBefore
    return Node(
      id: key.name, kind: .credential, platform: .gcp,
      account: GCPServiceAccountEmail(email).projectID ?? "",
      name: "key \(key.name.split(separator: "/").last ?? "") of \(email)",
      type: "gcp-service-account-key",
      credential: CredentialDetails(type: .static, created: key.validAfter, expires: expires))
  }
}
