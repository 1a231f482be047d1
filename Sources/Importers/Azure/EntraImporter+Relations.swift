import AccessGraph

/// Group membership, ownership and the credentials of applications and service principals.
extension EntraImporter {
  /// Returns the node of a principal that a relation names, referencing a stub when no
  /// input of the run defines it.
  func principalNode(
    _ reference: EntraObjectReference, in builder: inout EstateBuilder, tenant: String?
  ) -> NodeID {
    builder.nodeID(for: reference.id)
      ?? builder.reference(EntraNodes.reference(reference, tenant: tenant))
  }

  /// Returns the name of the node `id` for provenance.
  func name(of id: NodeID, in builder: EstateBuilder) -> String {
    builder.node(id).name
  }

  func connectMemberships(
    into builder: inout EstateBuilder, tenant: String?, warn: (ImportWarning) -> Void
  ) {
    let groupNames = Dictionary(
      directory.groups.map { ($0.id, $0.displayName) }, uniquingKeysWith: { first, _ in first })
    for membership in directory.memberships {
      // Devices and organizational contacts can be members, but they are not identities.
      if membership.member.kind == .other || membership.member.kind == .application {
        continue
      }
      let group = builder.nodeID(for: membership.groupID)
        ?? builder.reference(
          EntraNodes.reference(
            EntraObjectReference(
              id: membership.groupID, kind: .group, name: groupNames[membership.groupID],
              source: membership.member.source),
            tenant: tenant))
      let member = principalNode(membership.member, in: &builder, tenant: tenant)
      builder.connect(
        member, group, .memberOf,
        provenance: Provenance(
          file: membership.member.source.file, location: membership.member.source.location,
          grant: "Entra group \(name(of: group, in: builder)) lists "
            + "\(name(of: member, in: builder)) as a member"))
    }
  }

  /// Adds the edges of owners, because an owner can add a password to what it owns and sign
  /// in with it. An application's owner `controls` the application and `assumes` its service
  /// principal. A service principal's owner `assumes` the service principal.
  func connectOwners(
    into builder: inout EstateBuilder, _ index: EntraDirectoryIndex, tenant: String?,
    warn: (ImportWarning) -> Void
  ) {
    var warnedApplications: Set<String> = []
    for ownership in directory.ownerships {
      let source = ownership.owner.source
      switch ownership.target {
      case .application(let key):
        guard let appID = index.appID(key) else {
          warn(
            ImportWarning(
              file: source.file, location: source.location,
              message: "skipped an owner of an application that no application list in the "
                + "run has; add the output of `az ad app list --all`"))
          continue
        }
        let application = index.application(key)
        let applicationName = application?.displayName ?? appID
        let owner = principalNode(ownership.owner, in: &builder, tenant: tenant)
        let applicationNode = builder.nodeID(for: EntraNodes.applicationID(appID))
          ?? builder.reference(
            Node(
              id: EntraNodes.applicationID(appID), kind: .resource, platform: .azure,
              account: tenant ?? "", name: appID, type: "entra-application"))
        let ownerName = name(of: owner, in: builder)
        builder.connect(
          owner, applicationNode, .controls,
          provenance: Provenance(
            file: source.file, location: source.location,
            grant: "\(ownerName) owns application \(applicationName) (\(appID))"))
        guard let principal = index.servicePrincipalsByAppID[appID] else {
          if warnedApplications.insert(appID).inserted {
            warn(missingServicePrincipal(appID: appID, applicationName, source))
          }
          continue
        }
        guard principal.id != ownership.owner.id,
          let target = builder.nodeID(for: principal.id)
        else {
          continue
        }
        builder.connect(
          owner, target, .assumes,
          provenance: Provenance(
            file: source.file, location: source.location,
            grant: "\(ownerName) owns application \(applicationName) (\(appID)), so it can add "
              + "a password to it and sign in as its service principal \(principal.displayName)",
            technique: "Add a secret to an owned application"))
      case .servicePrincipal(let id):
        guard id != ownership.owner.id else { continue }
        let owner = principalNode(ownership.owner, in: &builder, tenant: tenant)
        let target = builder.nodeID(for: id)
          ?? builder.reference(
            EntraNodes.reference(
              EntraObjectReference(id: id, kind: .servicePrincipal, name: nil, source: source),
              tenant: tenant))
        builder.connect(
          owner, target, .assumes,
          provenance: Provenance(
            file: source.file, location: source.location,
            grant: "\(name(of: owner, in: builder)) owns service principal "
              + "\(name(of: target, in: builder)), so it can add a password to it and sign in "
              + "as it",
            technique: "Add a secret to an owned service principal"))
      }
    }
  }

  /// Adds an `authenticatesAs` edge from each password and certificate to the service
  /// principal it signs in as: its own, or its application's.
  func connectSecrets(
    into builder: inout EstateBuilder, _ index: EntraDirectoryIndex,
    warn: (ImportWarning) -> Void
  ) {
    for principal in directory.servicePrincipals {
      guard let target = builder.nodeID(for: principal.id) else { continue }
      for secret in principal.secrets {
        let node = EntraNodes.secret(
          secret, owner: principal.id, ownerName: principal.displayName, tenant: nil,
          isExpired: false)
        connectSecret(
          secret, node.id, to: target, in: &builder,
          grant: "\(describe(secret)) of service principal \(principal.displayName)")
      }
    }
    for application in directory.applications where !application.secrets.isEmpty {
      guard let principal = index.servicePrincipalsByAppID[application.appID],
        let target = builder.nodeID(for: principal.id)
      else {
        warn(
          missingServicePrincipal(
            appID: application.appID, application.displayName, application.source))
        continue
      }
      for secret in application.secrets {
        let node = EntraNodes.secret(
          secret, owner: EntraNodes.applicationID(application.appID),
          ownerName: application.displayName, tenant: nil, isExpired: false)
        connectSecret(
          secret, node.id, to: target, in: &builder,
          grant: "\(describe(secret)) of application \(application.displayName) "
            + "(\(application.appID)), which signs in as its service principal")
      }
    }
  }

  private func connectSecret(
    _ secret: EntraSecret, _ id: String, to target: NodeID, in builder: inout EstateBuilder,
    grant: String
  ) {
    guard let node = builder.nodeID(for: id) else { return }
    builder.connect(
      node, target, .authenticatesAs,
      provenance: Provenance(
        file: secret.source.file, location: secret.source.location, grant: grant))
  }

  /// Returns a password or certificate in words, with its validity, for provenance.
  private func describe(_ secret: EntraSecret) -> String {
    var words = secret.form.rawValue
    if let displayName = secret.displayName {
      words += " \"\(displayName)\""
    }
    words += " (key \(secret.keyID)"
    if let start = secret.start { words += ", valid from \(start)" }
    if let end = secret.end { words += isExpired(secret) ? ", expired \(end)" : ", until \(end)" }
    return words + ")"
  }

  func missingServicePrincipal(appID: String, _ applicationName: String, _ source: EntraSource)
    -> ImportWarning
  {
    ImportWarning(
      file: source.file, location: source.location,
      message: "application \(applicationName) (\(appID)) has no service principal in the run, "
        + "so its credentials and owners reach no identity; add the output of "
        + "`az ad sp list --all`")
  }
}
