import AccessGraph

extension GCPEscalationWriter {
  /// Adds an `escalates` edge from each member that may set the IAM policy of an
  /// organization, folder or project to the owner privilege of that scope. A permission
  /// granted at a scope covers the scopes below it. So a binding that gives
  /// `resourcemanager.projects.setIamPolicy` at a folder reaches the owner of each project
  /// in the folder. One that gives the folder's own permission reaches the folder's owner,
  /// which `contains` the rest. A binding that gives every permission already
  /// reaches the owner through its `access` edge and adds nothing here. Each member gets at
  /// most one edge per owner, from the first binding without a condition, else the first.
  ///
  /// - Complexity: O(g · s) for g grants and s scopes below the scope of one grant.
  func connectPolicyWrites(_ grants: [GCPGrant], into builder: inout EstateBuilder) {
    let levels: [GCPScope.Level] = [.organization, .folder, .project]
    var chosen: [String: [String: GCPGrant]] = [:]
    var order: [(member: String, owner: String, technique: GCPTechnique)] = []
    for grant in grants where !grant.grantsEverything {
      guard let top = scope(of: grant),
        levels.contains(where: { grant.grants($0.setIamPolicyPermission) })
      else {
        continue
      }
      var pending = [top]
      while let scope = pending.popLast() {
        guard grant.grants(scope.level.setIamPolicyPermission) else {
          pending.append(contentsOf: (estate.children[scope] ?? []).reversed())
          continue
        }
        let memberID = grant.member.id
        if let known = chosen[memberID]?[scope.ownerID] {
          if known.isConditional, !grant.isConditional {
            chosen[memberID]![scope.ownerID] = grant
          }
          continue
        }
        chosen[memberID, default: [:]][scope.ownerID] = grant
        order.append((memberID, scope.ownerID, GCPTechnique.setIamPolicy(of: scope.level)))
      }
    }
    for (memberID, ownerID, technique) in order {
      let grant = chosen[memberID]![ownerID]!
      var provenance = grant.provenance
      provenance.technique = technique.name
      builder.connect(
        builder.nodeID(for: memberID)!, builder.nodeID(for: ownerID)!, .escalates,
        actions: technique.permissions, provenance: provenance,
        isConditional: grant.isConditional)
    }
  }

  /// Adds an `escalates` edge from each member that is granted a custom role at an
  /// organization, folder or project, and may update that role, to the owner privilege of
  /// the scope where it is granted the role. Updating a role of `projects/<p>/roles/<r>` needs
  /// `iam.roles.update` on project p or above, and one of `organizations/<n>/roles/<r>` on
  /// organization n. The provenance is that of the binding that allows the update, without
  /// a condition when one does, followed by the binding of the role.
  ///
  /// - Complexity: O(h · u) for h bindings of custom roles and u grants of their member.
  func connectRoleUpdates(_ grants: [GCPGrant], into builder: inout EstateBuilder) {
    let technique = GCPTechnique.updateOwnRole
    let permission = technique.permissions[0]
    let updaters = Dictionary(grouping: grants.filter { $0.grants(permission) }, by: \.member)
    for held in grants {
      // NOTE: a custom role held on a service account or another resource gives no edge,
      // though updating it could add the token permissions on that account.
      guard let heldAt = scope(of: held), let owning = GCPRoleEntry.owningScope(of: held.role),
        let candidates = updaters[held.member]
      else {
        continue
      }
      let lineage = Set(estate.lineage(of: estate.resolve(owning)))
      let allowing = candidates.filter { scope(of: $0).map(lineage.contains) ?? false }
      guard let update = allowing.first(where: { !$0.isConditional }) ?? allowing.first else {
        continue
      }
      var provenance = update.provenance
      provenance.grant += "; holds \(held.role) from \(held.provenance.grant)"
      provenance.technique = technique.name
      builder.connect(
        builder.nodeID(for: held.member.id)!, builder.nodeID(for: heldAt.ownerID)!,
        .escalates, actions: technique.permissions, provenance: provenance,
        isConditional: update.isConditional || held.isConditional)
    }
  }
}
