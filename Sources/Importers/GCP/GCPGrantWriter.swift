import AccessGraph

/// One member's role in one binding, with the permissions the role grants.
struct GCPGrant {
  let member: GCPMember
  /// The node id of what the policy is attached to.
  let targetID: String
  let target: GCPPolicyTarget
  let role: String
  /// The role's permissions as patterns (see `GCPRoleCatalog.grants`), or nil when no
  /// input describes the role and the table does not list it.
  let permissions: [String]?
  let provenance: Provenance
  let isConditional: Bool

  /// Returns whether the grant gives `permission` on what it is attached to. A binding on
  /// a service account gives only service account permissions, and one on another resource
  /// gives none of those that the techniques need on projects.
  func grants(_ permission: String) -> Bool {
    guard let permissions, GCPRoleCatalog.grants(permissions, permission) else { return false }
    switch target {
    case .scope, .unplaced: return true
    case .serviceAccount: return permission.hasPrefix("iam.serviceAccount")
    case .resource: return false
    }
  }

  var grantsEverything: Bool { permissions?.contains("*") ?? false }
}

/// Turns policy bindings into `access` edges: one per member and binding to what the
/// policy is attached to, and to the owner and organization administrator privileges for
/// the roles that hold them.
struct GCPGrantWriter {
  let estate: GCPEstate
  /// The permissions of custom roles and of roles that `gcloud iam roles describe` prints,
  /// by role name.
  let describedRoles: [String: [String]]

  /// Returns the permissions of a role, from a description in the run or the table.
  func permissions(of role: String) -> [String]? {
    describedRoles[role] ?? GCPRoleCatalog.permissions(of: role)
  }

  /// Adds the `access` edges of every binding and returns the grants they stand for.
  ///
  /// A role that no input describes and the table does not list keeps its edges, with the
  /// role name as their action, and gives one warning per role.
  ///
  /// - Complexity: O(b · m) for b bindings of m members each.
  func connect(
    _ policies: [GCPPolicy], into builder: inout EstateBuilder, warn: (ImportWarning) -> Void
  ) -> [GCPGrant] {
    var grants: [GCPGrant] = []
    var unknownRoles: [String: (binding: GCPBinding, count: Int)] = [:]
    var unknownMembers: Set<String> = []
    for policy in policies {
      let (targetID, label) = target(of: policy, into: &builder)
      for (index, binding) in policy.bindings.enumerated() {
        let permissions = self.permissions(of: binding.role)
        if permissions == nil {
          unknownRoles[binding.role, default: (binding, 0)].count += 1
        }
        let actions = permissions?.sorted() ?? [binding.role]
        for member in binding.members {
          // Google keeps a deleted principal's bindings until they are removed, but no one
          // can sign in as it any more, and a new principal of the same name does not
          // inherit them.
          if member.prefix == "deleted" { continue }
          if !GCPMember.knownPrefixes.contains(member.prefix),
            unknownMembers.insert(member.id).inserted
          {
            warn(
              ImportWarning(
                file: binding.file, location: binding.location,
                message: "member \"\(member.id)\" is of no kind this importer knows, so it is "
                  + "kept as a node of type gcp-member; check the member's spelling"))
          }
          let node = member.isPublic ? builder.define(member.node()) : builder.reference(member.node())
          var words = "binding \(index) of the IAM policy of \(label): \(binding.role) for "
          words += member.id
          if let condition = binding.condition { words += " under condition \"\(condition)\"" }
          let grant = GCPGrant(
            member: member, targetID: targetID, target: policy.target, role: binding.role,
            permissions: permissions,
            provenance: Provenance(file: binding.file, location: binding.location, grant: words),
            isConditional: binding.condition != nil)
          grants.append(grant)
          builder.connect(
            node, builder.nodeID(for: targetID)!, .access, actions: actions,
            provenance: grant.provenance, isConditional: grant.isConditional)
          connectPrivileges(grant, from: node, into: &builder)
        }
      }
    }
    for role in unknownRoles.keys.sorted() {
      let (binding, count) = unknownRoles[role]!
      warn(
        ImportWarning(
          file: binding.file, location: binding.location,
          message: "role \(role) (\(count) binding(s)) is not in the table of predefined "
            + "roles and no input describes it, so its edges list the role name and give no "
            + "escalation; add the output of `gcloud iam roles describe \(role) "
            + "--format=json`"))
    }
    return grants
  }

  /// Adds `access` to the owner privilege for a role with every permission at a scope, and
  /// to the organization administrator privilege for that role at an organization.
  private func connectPrivileges(
    _ grant: GCPGrant, from node: NodeID, into builder: inout EstateBuilder
  ) {
    guard case .scope(let named) = grant.target else { return }
    let scope = estate.resolve(named)
    if grant.grantsEverything {
      builder.connect(
        node, builder.nodeID(for: scope.ownerID)!, .access, actions: ["*"],
        provenance: grant.provenance, isConditional: grant.isConditional)
    }
    if grant.role == "roles/resourcemanager.organizationAdmin", scope.level == .organization {
      builder.connect(
        node, builder.nodeID(for: scope.organizationAdminID)!, .access,
        actions: grant.permissions?.sorted() ?? [], provenance: grant.provenance,
        isConditional: grant.isConditional)
    }
  }

  /// Returns the node id of what a policy is attached to, referencing a service account
  /// that no listing gives, and its label for provenance.
  private func target(of policy: GCPPolicy, into builder: inout EstateBuilder)
    -> (id: String, label: String)
  {
    switch policy.target {
    case .scope(let scope):
      let resolved = estate.resolve(scope)
      return (resolved.nodeID, estate.label(of: resolved))
    case .serviceAccount(let name):
      let email = estate.email(of: name)
      let member = GCPMember("serviceAccount:" + email)
      builder.reference(member.node())
      return (member.id, "service account \(email)")
    case .resource(let name):
      return (name, name)
    case .unplaced(let fileName):
      return (GCPNodes.unplaced(fileName).id, "an unknown resource")
    }
  }
}
