import AccessGraph

/// A principal as an IAM policy binding names it, such as `user:ana@example.com`.
///
/// The node id is the member string as printed, with the email or domain part lowercased,
/// because Google compares emails without regard to case.
struct GCPMember: Hashable, Comparable, Sendable {
  /// The normalized member string, which is the node id.
  let id: String

  init(_ text: String) {
    if let colon = text.firstIndex(of: ":"), !text.hasPrefix("principal") {
      let prefix = text[..<colon]
      let rest = text[text.index(after: colon)...]
      id = "\(prefix):\(rest.lowercased())"
    } else {
      id = text
    }
  }

  static func < (lhs: GCPMember, rhs: GCPMember) -> Bool { lhs.id < rhs.id }

  /// The part before the first colon, such as `user` or `serviceAccount`; the whole string
  /// for `allUsers` and `allAuthenticatedUsers`.
  var prefix: String {
    if id.hasPrefix("principalSet://") { return "principalSet" }
    if id.hasPrefix("principal://") { return "principal" }
    guard let colon = id.firstIndex(of: ":") else { return id }
    return String(id[..<colon])
  }

  /// The text after the prefix: an email, a domain, or a workload identity path.
  var value: String {
    guard let colon = id.firstIndex(of: ":") else { return "" }
    return String(id[id.index(after: colon)...])
  }

  /// The email of a service account member; nil for other members and for Kubernetes
  /// service accounts of workload identity federation for GKE.
  var serviceAccountEmail: String? {
    prefix == "serviceAccount" && kubernetesServiceAccount == nil ? value : nil
  }

  /// The pool, namespace and name of a member such as
  /// `serviceAccount:acme-app.svc.id.goog[ci/builder]`.
  var kubernetesServiceAccount: (pool: String, namespace: String, name: String)? {
    guard prefix == "serviceAccount", let open = value.firstIndex(of: "["),
      value.hasSuffix("]")
    else {
      return nil
    }
    let pool = String(value[..<open])
    let inside = value[value.index(after: open)..<value.index(before: value.endIndex)]
    let parts = inside.split(separator: "/", omittingEmptySubsequences: false)
    guard pool.hasSuffix(".svc.id.goog"), parts.count == 2 else { return nil }
    return (pool, String(parts[0]), String(parts[1]))
  }

  /// Whether the member is outside Google Cloud: a Kubernetes service account or a
  /// workload identity pool principal, which obtains a service account's token by
  /// federation rather than by acting inside Google Cloud.
  var isFederated: Bool {
    kubernetesServiceAccount != nil || prefix == "principal" || prefix == "principalSet"
  }

  /// Whether the member is anyone on the internet or any Google account.
  var isPublic: Bool {
    id == "allUsers" || id == "allAuthenticatedUsers"
  }

  /// The node of the member. Public members are defined, because no other input defines
  /// them; the others are references that a service account list may complete.
  func node() -> Node {
    switch prefix {
    case "allUsers":
      return Node(
        id: id, kind: .group, platform: .gcp, name: "public: anyone on the internet (allUsers)",
        type: "gcp-public", tags: ["publicExposure": "true"])
    case "allAuthenticatedUsers":
      return Node(
        id: id, kind: .group, platform: .gcp,
        name: "public: any Google account (allAuthenticatedUsers)", type: "gcp-public",
        tags: ["publicExposure": "true"])
    case "user":
      return stub(.human, type: "google-user", name: value)
    case "group":
      return stub(.group, type: "google-group", name: value)
    case "domain":
      return stub(.group, type: "google-domain", name: "every account of \(value)")
    case "serviceAccount":
      if let federated = kubernetesServiceAccount {
        return Node(
          id: id, kind: .serviceIdentity, platform: .kubernetes,
          name: "\(federated.namespace)/\(federated.name)", type: "kubernetes-service-account",
          tags: [
            "namespace": federated.namespace, "name": federated.name,
            "workloadIdentityPool": federated.pool,
          ],
          isDefined: false)
      }
      let email = GCPServiceAccountEmail(value)
      return Node(
        id: id, kind: .serviceIdentity, platform: .gcp, account: email.projectID ?? "",
        name: value, type: email.isServiceAgent ? "gcp-service-agent" : "gcp-service-account",
        isDefined: false)
    case "principal":
      return stub(.serviceIdentity, type: "gcp-workload-identity-principal", name: id)
    case "principalSet":
      return stub(.group, type: "gcp-workload-identity-principal-set", name: id)
    default:
      return stub(.serviceIdentity, type: "gcp-member", name: id)
    }
  }

  private func stub(_ kind: NodeKind, type: String, name: String) -> Node {
    Node(id: id, kind: kind, platform: .gcp, name: name, type: type, isDefined: false)
  }

  /// The prefixes this importer gives a node kind of its own; any other member, such as
  /// `deleted:user:...`, becomes a `gcp-member` node with a warning.
  static let knownPrefixes: Set<String> = [
    "allUsers", "allAuthenticatedUsers", "user", "group", "domain", "serviceAccount",
    "principal", "principalSet",
  ]
}

/// The project that a service account's email names, when it names one.
struct GCPServiceAccountEmail: Sendable {
  /// The project id from `<name>@<project>.iam.gserviceaccount.com` or
  /// `<project>@appspot.gserviceaccount.com`.
  let projectID: String?
  /// The project number from `<number>-compute@developer.gserviceaccount.com` or
  /// `<number>@cloudbuild.gserviceaccount.com`.
  let projectNumber: String?
  /// Whether the account is a Google-managed service agent, such as
  /// `service-<number>@gcp-sa-aiplatform.iam.gserviceaccount.com`, which lives in a project
  /// of Google's and which customers cannot act as.
  let isServiceAgent: Bool

  init(_ email: String) {
    let parts = email.split(separator: "@", maxSplits: 1).map(String.init)
    guard parts.count == 2 else {
      (projectID, projectNumber, isServiceAgent) = (nil, nil, false)
      return
    }
    let (local, domain) = (parts[0], parts[1])
    let agent =
      (local.hasPrefix("service-") && local.dropFirst("service-".count).allSatisfy(\.isNumber))
      || domain == "cloudservices.gserviceaccount.com"
    isServiceAgent = agent
    let iamSuffix = ".iam.gserviceaccount.com"
    if !agent, domain.hasSuffix(iamSuffix) {
      projectID = String(domain.dropLast(iamSuffix.count))
      projectNumber = nil
    } else if domain == "appspot.gserviceaccount.com" {
      projectID = local
      projectNumber = nil
    } else if domain == "developer.gserviceaccount.com", local.hasSuffix("-compute") {
      projectID = nil
      projectNumber = String(local.dropLast("-compute".count))
    } else if domain == "cloudbuild.gserviceaccount.com", local.allSatisfy(\.isNumber) {
      projectID = nil
      projectNumber = local
    } else {
      projectID = nil
      projectNumber = nil
    }
  }
}
