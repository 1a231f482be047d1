import AccessGraph

/// Edges of the Entra ID directory roles that lead to taking over identities or the tenant.
extension EntraImporter {
  /// The number of service principals from which an administrator's edges go to one group
  /// node instead of to each, as the AWS importer does for its identity groups.
  static let groupingThreshold = 10

  /// Adds the edges of each role assignment of a role in `EntraRole`; other roles give none.
  ///
  /// - Global Administrator and Privileged Role Administrator: `access` to the role's
  ///   privilege node, and Privileged Role Administrator `escalates` to Global Administrator.
  /// - Application Administrator and Cloud Application Administrator: `assumes` each
  ///   application service principal they can add a secret to. Tenant-wide that is every
  ///   one, through the group node once there are `groupingThreshold` or more. Scoped to an
  ///   application or service principal (`directoryScopeId` `/<object id>`), it is that
  ///   one's service principal.
  ///
  /// - Complexity: O(a + s) for a assignments and s service principals.
  func connectRoles(
    into builder: inout EstateBuilder, _ index: EntraDirectoryIndex, tenant: String?,
    warn: (ImportWarning) -> Void
  ) {
    for assignment in directory.roleAssignments {
      guard let role = EntraRole(rawValue: assignment.roleID) else { continue }
      let principal = principalNode(assignment.principal, in: &builder, tenant: tenant)
      if role.managesApplications {
        connectApplicationAdministrator(
          principal, role, assignment, into: &builder, index, tenant: tenant, warn: warn)
        continue
      }
      guard assignment.directoryScope == "/" else {
        warn(unsupportedScope(assignment, role))
        continue
      }
      let privilege =
        role == .globalAdministrator
        ? EntraNodes.globalAdministrator(tenant: tenant)
        : EntraNodes.privilegedRoleAdministrator(tenant: tenant)
      let target = builder.define(privilege)
      builder.connect(
        principal, target, .access,
        provenance: Provenance(
          file: assignment.source.file, location: assignment.source.location,
          grant: "\(assignment.origin): \(name(of: principal, in: builder)) holds "
            + "\(role.name) in the whole tenant"))
      if role == .privilegedRoleAdministrator {
        let globalAdministrator = builder.define(EntraNodes.globalAdministrator(tenant: tenant))
        builder.connect(
          target, globalAdministrator, .escalates,
          provenance: Provenance(
            file: "", location: "",
            grant: "Privileged Role Administrator can assign any Entra role, Global "
              + "Administrator included, to any principal, its holder included",
            technique: "Assign Global Administrator as Privileged Role Administrator"))
      }
    }
  }

  private func connectApplicationAdministrator(
    _ principal: NodeID, _ role: EntraRole, _ assignment: EntraRoleAssignment,
    into builder: inout EstateBuilder, _ index: EntraDirectoryIndex, tenant: String?,
    warn: (ImportWarning) -> Void
  ) {
    let holder = name(of: principal, in: builder)
    let technique = "Add a secret to an application as \(role.name)"
    if assignment.directoryScope == "/" {
      let targets = directory.servicePrincipals.filter {
        Self.acceptsSecrets($0) && $0.id != assignment.principal.id
      }
      let grant = "\(assignment.origin): \(holder) holds \(role.name) in the whole tenant, "
        + "so it can add a password to any application or service principal and sign in as it"
      if targets.count >= Self.groupingThreshold {
        let group = builder.reference(EntraNodes.applicationServicePrincipals(tenant: tenant))
        builder.connect(
          principal, group, .assumes,
          provenance: Provenance(
            file: assignment.source.file, location: assignment.source.location, grant: grant,
            technique: technique))
        for target in targets {
          guard let node = builder.nodeID(for: target.id) else { continue }
          builder.connect(
            group, node, .contains,
            provenance: Provenance(
              file: target.source.file, location: target.source.location,
              grant: "service principal \(target.displayName) is of type Application, whose "
                + "credentials Application and Cloud Application Administrators can change"))
        }
        return
      }
      for target in targets {
        guard let node = builder.nodeID(for: target.id) else { continue }
        builder.connect(
          principal, node, .assumes,
          provenance: Provenance(
            file: assignment.source.file, location: assignment.source.location, grant: grant,
            technique: technique))
      }
      return
    }
    let objectID = String(assignment.directoryScope.dropFirst()).lowercased()
    let scoped =
      index.applicationsByObjectID[objectID].flatMap { index.servicePrincipalsByAppID[$0.appID] }
      ?? index.servicePrincipalsByID[objectID]
    guard assignment.directoryScope.hasPrefix("/"), !objectID.contains("/"), let scoped,
      let node = builder.nodeID(for: scoped.id)
    else {
      warn(unsupportedScope(assignment, role))
      return
    }
    guard scoped.id != assignment.principal.id else { return }
    builder.connect(
      principal, node, .assumes,
      provenance: Provenance(
        file: assignment.source.file, location: assignment.source.location,
        grant: "\(assignment.origin): \(holder) holds \(role.name) scoped to "
          + "\(assignment.directoryScope), so it can add a password to application "
          + "\(scoped.displayName) and sign in as its service principal",
        technique: technique))
  }

  /// Returns whether an administrator can add a password or certificate to the service
  /// principal: one of type `Application`. Managed identities take no such credentials.
  static func acceptsSecrets(_ principal: EntraServicePrincipal) -> Bool {
    principal.type.caseInsensitiveCompare("Application") == .orderedSame
  }

  private func unsupportedScope(_ assignment: EntraRoleAssignment, _ role: EntraRole)
    -> ImportWarning
  {
    ImportWarning(
      file: assignment.source.file, location: assignment.source.location,
      message: "\(assignment.origin) of \(role.name) has the scope "
        + "\"\(assignment.directoryScope)\", which names no application or service principal "
        + "of the run; it gives no edge, so add the output of `az ad app list --all` and "
        + "`az ad sp list --all` if the scope is one of them")
  }
}
