import AccessGraph

/// Microsoft Entra Workload ID on AKS.
extension WorkloadIdentityFederation {
  static let clientIDAnnotation = "azure.workload.identity/client-id"
  /// The audience that Entra ID expects in the tokens it exchanges, and the default audience
  /// of a federated identity credential.
  static let tokenExchangeAudience = "api://AzureADTokenExchange"

  /// Adds a `federates` edge from each service account of an AKS cluster to each managed
  /// identity or application service principal with a federated identity credential whose
  /// issuer is the cluster's OIDC issuer URL and whose subject is
  /// `system:serviceaccount:NS:NAME`.
  ///
  /// Issuer and subject are compared exactly, as Entra ID compares them with the `iss` and
  /// `sub` claims of the token. A trailing slash therefore matters: AKS prints its issuer URL
  /// with one and signs its tokens with that same string, so a credential whose issuer lacks
  /// the slash accepts none of them. The token's audience is not checked, because a pod
  /// chooses the audience of a projected token itself.
  ///
  /// An account whose `azure.workload.identity/client-id` annotation names the client id of
  /// the identity gets a plain edge. Any other account with a matching credential gets a
  /// conditional edge, because a pod that runs as it can mount a projected token with the
  /// credential's audience and send it with the identity's client id itself. The
  /// annotation only makes the workload identity webhook do so.
  ///
  /// - Complexity: O(V + f + c · a) for V nodes of the estate, f federated credentials, c
  ///   clusters and a service accounts, when few credentials match each account.
  func connectAKSWorkloadIdentity(
    into builder: inout EstateBuilder, warn: (ImportWarning) -> Void
  ) {
    let trusts = (entra?.federatedTrusts(in: builder) ?? []).filter { $0.identity != nil }
    let trustsByKey = Dictionary(grouping: trusts) {
      EntraImporter.federationKey($0.credential.issuer, $0.credential.subject)
    }
    let identities = identitiesByClientID(in: builder)
    for name in clusters.keys.sorted() {
      let accounts = serviceAccounts(of: clusters[name]!)
      guard let description = descriptions[.aks]?[name], let issuer = description.issuer else {
        let reason =
          descriptions[.aks]?[name] == nil
          ? "no `az aks show` output in the run describes cluster \(name), which gives its "
            + "OIDC issuer, so no federated identity credential is checked and no edge is "
            + "made; add the output of `az aks show --name \(name) --resource-group GROUP "
            + "--output json`"
          : "the `az aks show` output of cluster \(name) shows its OIDC issuer disabled, so "
            + "Entra ID cannot verify the cluster's tokens and no edge is made"
        for account in accounts where account.annotation(Self.clientIDAnnotation) != nil {
          warn(
            account.warning(
              "\(account.describe(annotation: Self.clientIDAnnotation)), but \(reason)"))
        }
        continue
      }
      for account in accounts {
        let key = EntraImporter.federationKey(issuer, account.username)
        connect(
          account, to: trustsByKey[key] ?? [], issuer: issuer, allTrusts: trusts,
          identities: identities, into: &builder, warn: warn)
      }
    }
  }

  /// Adds the edges of one service account to the identities whose credentials `matching`
  /// accept its tokens, and warns when its annotation names an identity that none of them
  /// signs in as.
  private func connect(
    _ account: FederatedServiceAccount, to matching: [EntraImporter.FederatedTrust],
    issuer: String, allTrusts: [EntraImporter.FederatedTrust],
    identities: [String: NodeID], into builder: inout EstateBuilder,
    warn: (ImportWarning) -> Void
  ) {
    let clientID = account.annotation(Self.clientIDAnnotation)
    let annotatedIdentity = clientID.flatMap { identities[Self.normalized(clientID: $0)] }
    for trust in matching {
      let identity = trust.identity!
      let credential = trust.credential
      let identityName = builder.node(identity).name
      let isAnnotated = identity == annotatedIdentity
      var grant = ""
      if isAnnotated {
        grant = account.describe(annotation: Self.clientIDAnnotation) + account.annotationPlace
          + ", and "
      } else {
        let audience = credential.audiences.first ?? Self.tokenExchangeAudience
        grant = "no \(Self.clientIDAnnotation) annotation of service account "
          + "\(account.namespace)/\(account.name) of cluster \(account.cluster) names the "
          + "client id of \(identityName), but a pod that runs as it can mount a token with "
          + "audience \(audience) itself, because "
      }
      grant += "federated identity credential \(credential.name) of "
        + "\(trust.target.ownerName) accepts tokens of issuer \(credential.issuer) with "
        + "subject \(credential.subject), which sign in as \(identityName)"
      builder.connect(
        node(of: account, in: &builder), identity, .federates,
        provenance: Provenance(
          file: credential.source.file, location: credential.source.location, grant: grant),
        isConditional: !isAnnotated)
    }
    guard let clientID, !matching.contains(where: { $0.identity == annotatedIdentity }) else {
      return
    }
    let message: String
    if let annotatedIdentity {
      let identityName = builder.node(annotatedIdentity).name
      message = "no federated identity credential of \(identityName) accepts tokens of issuer "
        + "\(issuer) with subject \(account.username), so no edge is made; add one to the "
        + "identity, or give the output of `az identity federated-credential list` or of "
        + "Microsoft Graph's `federatedIdentityCredentials` that has it"
        + slashMismatch(of: annotatedIdentity, issuer: issuer, account: account, in: allTrusts)
    } else {
      message = "no input of the run lists an identity with client id \(clientID), so its "
        + "federated identity credentials are not checked and no edge is made; add the output "
        + "of `az identity list` or `az ad sp list --all`"
    }
    warn(
      account.warning("\(account.describe(annotation: Self.clientIDAnnotation)), but \(message)"))
  }

  /// Returns a clause naming a credential of `identity` for the account that misses the
  /// cluster's issuer only by a trailing slash, or an empty string when there is none.
  private func slashMismatch(
    of identity: NodeID, issuer: String, account: FederatedServiceAccount,
    in trusts: [EntraImporter.FederatedTrust]
  ) -> String {
    let near = trusts.first {
      $0.identity == identity && $0.credential.subject == account.username
        && Self.withoutTrailingSlashes($0.credential.issuer) == Self.withoutTrailingSlashes(issuer)
    }
    guard let near else { return "" }
    return "; credential \(near.credential.name) has issuer \(near.credential.issuer), which "
      + "differs from the cluster's in the trailing slash, and Entra ID compares issuers exactly"
  }

  private static func withoutTrailingSlashes(_ text: String) -> String {
    var text = text
    while text.hasSuffix("/") { text.removeLast() }
    return text
  }

  /// Returns a client id in lowercase without surrounding spaces, since client ids are GUIDs,
  /// which compare without regard to case.
  private static func normalized(clientID: String) -> String {
    clientID.trimmingCharacters(in: .whitespaces).lowercased()
  }

  /// Returns the service identities of the estate by client id: the `appId` tag that Entra ID
  /// service principals have and the `clientId` tag of `az identity list`. When two nodes have
  /// one client id, the first wins.
  ///
  /// - Complexity: O(V) for V nodes.
  private func identitiesByClientID(in builder: EstateBuilder) -> [String: NodeID] {
    var identities: [String: NodeID] = [:]
    for (index, node) in builder.nodes.enumerated() where node.kind == .serviceIdentity {
      for key in ["appId", "clientId"] {
        guard let clientID = node.tags[key] else { continue }
        let normalized = Self.normalized(clientID: clientID)
        if identities[normalized] == nil { identities[normalized] = NodeID(index) }
      }
    }
    return identities
  }
}
