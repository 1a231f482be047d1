import AccessGraph

/// Federated identity credentials, and the nodes of other inputs that present the tokens
/// they accept.
extension EntraImporter {
  /// The identity a federated identity credential signs in as: the service principal of its
  /// application, or the service principal of its managed identity.
  struct FederatedTarget {
    /// The credential node's id prefix: `app:<appId>` or the identity's resource id.
    var owner: String
    var ownerName: String
    /// The object id of the service principal, when an input of the run gives it.
    var principalID: String?
  }

  func federatedTarget(_ credential: EntraFederatedCredential, _ index: EntraDirectoryIndex)
    -> FederatedTarget?
  {
    switch credential.owner {
    case .application(let key):
      guard let appID = index.appID(key) else { return nil }
      let principal = index.servicePrincipalsByAppID[appID]
      return FederatedTarget(
        owner: EntraNodes.applicationID(appID),
        ownerName: index.application(key)?.displayName ?? principal?.displayName ?? appID,
        principalID: principal?.id)
    case .managedIdentity(let resourceID):
      let name = resourceID.split(separator: "/").last.map(String.init) ?? resourceID
      return FederatedTarget(
        owner: resourceID, ownerName: "managed identity \(name)",
        principalID: index.servicePrincipalsByResourceID[resourceID]?.id)
    }
  }

  func federatedCredentialNode(
    _ credential: EntraFederatedCredential, _ index: EntraDirectoryIndex, tenant: String?
  ) -> Node? {
    federatedTarget(credential, index).map { target in
      EntraNodes.federatedCredential(
        credential, owner: target.owner, ownerName: target.ownerName, tenant: tenant)
    }
  }

  /// A federated identity credential of the run with its node and the node of the identity
  /// it signs in as.
  struct FederatedTrust {
    let credential: EntraFederatedCredential
    let target: FederatedTarget
    let credentialNode: NodeID
    /// The identity's node; nil when no input of the run lists the identity.
    let identity: NodeID?
  }

  /// Returns each federated identity credential that has a node, with the identity it signs
  /// in as.
  ///
  /// A managed identity is found by its resource id: among the service principals of the
  /// run, or else as a node of another input tagged `resourceId` with it.
  ///
  /// - Complexity: O(V + f) for V nodes of the estate and f credentials.
  func federatedTrusts(in builder: EstateBuilder) -> [FederatedTrust] {
    guard !directory.federatedCredentials.isEmpty else { return [] }
    let index = EntraDirectoryIndex(directory)
    let resourceNodes = nodesByResourceID(in: builder)
    var trusts: [FederatedTrust] = []
    for credential in directory.federatedCredentials {
      guard let target = federatedTarget(credential, index),
        let credentialNode = builder.nodeID(
          for: EntraNodes.federatedCredentialID(credential, owner: target.owner))
      else {
        continue
      }
      let identity =
        target.principalID.flatMap { builder.nodeID(for: $0) } ?? resourceNodes[target.owner]
      trusts.append(
        FederatedTrust(
          credential: credential, target: target, credentialNode: credentialNode,
          identity: identity))
    }
    return trusts
  }

  /// Adds an `authenticatesAs` edge from each federated identity credential to its identity,
  /// and a `federates` edge to that identity from each node of the estate that presents the
  /// credential's tokens.
  ///
  /// A node presents them when its id is `<issuer>|<subject>`, or when its tags `issuer` and
  /// `subject` equal the credential's. Both are compared exactly, as Entra ID compares them.
  ///
  /// - Complexity: O(V + f) for V nodes of the estate and f credentials.
  func connectFederatedCredentials(
    into builder: inout EstateBuilder, warn: (ImportWarning) -> Void
  ) {
    let trusts = federatedTrusts(in: builder)
    guard !trusts.isEmpty else { return }
    let ownIDs = Set(trusts.map { builder.node($0.credentialNode).id })
    let presenters = tokenPresenters(in: builder, excluding: ownIDs)
    for trust in trusts {
      let (credential, target) = (trust.credential, trust.target)
      guard let identity = trust.identity else {
        warn(
          ImportWarning(
            file: credential.source.file, location: credential.source.location,
            message: "federated identity credential \(credential.name) of \(target.ownerName) "
              + "signs in as a service principal that no input of the run lists; add the "
              + "output of `az ad sp list --all`"))
        continue
      }
      let identityName = name(of: identity, in: builder)
      let trustText = "federated identity credential \(credential.name) of \(target.ownerName) "
        + "accepts tokens of issuer \(credential.issuer) with subject \(credential.subject)"
      builder.connect(
        trust.credentialNode, identity, .authenticatesAs,
        provenance: Provenance(
          file: credential.source.file, location: credential.source.location,
          grant: "\(trustText) and signs them in as \(identityName)"))
      for presenter in presenters[Self.federationKey(credential.issuer, credential.subject)] ?? []
      {
        builder.connect(
          presenter, identity, .federates,
          provenance: Provenance(
            file: credential.source.file, location: credential.source.location,
            grant: "\(name(of: presenter, in: builder)) presents such tokens: \(trustText), "
              + "which sign in as \(identityName)"))
      }
    }
  }

  /// Returns `<issuer>|<subject>`, the id or tag pair by which a node presents the tokens of
  /// a federated identity credential.
  static func federationKey(_ issuer: String, _ subject: String) -> String {
    "\(issuer)|\(subject)"
  }

  /// Returns the nodes of the estate by the federation key they present, from their id or
  /// their `issuer` and `subject` tags, leaving out the credential nodes themselves.
  private func tokenPresenters(in builder: EstateBuilder, excluding ownIDs: Set<String>)
    -> [String: [NodeID]]
  {
    var presenters: [String: [NodeID]] = [:]
    for (index, node) in builder.nodes.enumerated() where !ownIDs.contains(node.id) {
      let id = NodeID(index)
      var keys: Set<String> = []
      if node.id.contains("|") {
        keys.insert(node.id)
      }
      if let issuer = node.tags["issuer"], let subject = node.tags["subject"] {
        keys.insert(Self.federationKey(issuer, subject))
      }
      for key in keys {
        presenters[key, default: []].append(id)
      }
    }
    return presenters
  }

  /// Returns the nodes of the estate by their `resourceId` tag, lowercased.
  private func nodesByResourceID(in builder: EstateBuilder) -> [String: NodeID] {
    var nodes: [String: NodeID] = [:]
    for (index, node) in builder.nodes.enumerated() {
      if let resourceID = node.tags["resourceId"]?.lowercased(), nodes[resourceID] == nil {
        nodes[resourceID] = NodeID(index)
      }
    }
    return nodes
  }
}
