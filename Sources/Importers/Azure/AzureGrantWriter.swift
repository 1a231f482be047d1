import AccessGraph

/// Turns role assignments into edges: `access` to the assignment's scope, `access` and
/// `escalates` to the privileges at a subscription or management group, and the edges of
/// the techniques the role's actions allow on the resources inside the scope.
struct AzureGrantWriter {
  let estate: AzureEstate

  /// A grant that one technique needs part of, kept until every assignment is read.
  private struct PartialGrant {
    let target: String
    /// The group node's name; nil for a resource, whose label `estate.label(of:)` gives.
    let label: String?
    let provenance: Provenance
    let isConditional: Bool
  }

  /// For each principal, the VMs it runs code in and may change.
  private var changeableVMs: [String: [PartialGrant]] = [:]
  /// For each principal, the user-assigned identities it may attach to a resource.
  private var assignableIdentities: [String: [PartialGrant]] = [:]
  /// The decided capabilities of each role definition, by guid.
  private var capabilitiesByRole: [String: AzureRoleCapabilities] = [:]
  /// The resources inside each scope that an assignment names, by category.
  private var resourcesByScope: [String: [AzureResource.Category: [String]]] = [:]

  init(estate: AzureEstate) {
    self.estate = estate
  }

  /// Adds the edges of one assignment.
  ///
  /// An assignment whose role definition no output gives keeps its `access` edge, with no
  /// actions, and gives a warning. One at a scope this importer does not read, such as the
  /// root scope `/`, gives a warning and no edge.
  mutating func connect(
    _ assignment: AzureRoleAssignment, into builder: inout EstateBuilder,
    warn: (ImportWarning) -> Void
  ) {
    guard let scope = assignment.scope else {
      warn(
        ImportWarning(
          file: assignment.file, location: assignment.location,
          message: "the scope \"\(assignment.scopeText)\" of role assignment "
            + "\(assignment.name) is not a management group, subscription, resource group or "
            + "resource id, so the assignment gives no edge"))
      return
    }
    let tenant = estate.tenant(of: scope.text)
    let principal = builder.reference(
      AzureNodes.principal(
        assignment.principalID, principalType: assignment.principalType,
        name: assignment.principalName, tenant: tenant))
    let scopeNode = node(of: scope, in: &builder)
    let definition = estate.definitions[assignment.roleDefinitionGUID]
    let provenance = Provenance(
      file: assignment.file, location: assignment.location,
      grant: "role assignment \(assignment.name): \(assignment.roleLabel(definition)) for "
        + "\(assignment.principalLabel) at \(estate.label(of: scope.text))")
    let isConditional = assignment.condition != nil

    guard let definition else {
      builder.connect(
        principal, scopeNode, .access, provenance: provenance, isConditional: isConditional)
      warn(
        ImportWarning(
          file: assignment.file, location: assignment.location,
          message: "no role definition in the run has the id of role "
            + "\(assignment.roleLabel(nil)) (\(assignment.roleDefinitionGUID)), so the edge "
            + "to \(estate.label(of: scope.text)) lists no actions; add the output of "
            + "`az role definition list`"))
      return
    }
    let grant = Grant(
      principal: principal, principalID: assignment.principalID, scope: scope,
      definition: definition, provenance: provenance, isConditional: isConditional)
    if !definition.edgeActions.isEmpty {
      builder.connect(
        principal, scopeNode, .access, actions: definition.edgeActions,
        provenance: provenance, isConditional: isConditional)
    }
    connectPrivileges(grant, scopeNode: scopeNode, into: &builder)
    connectTechniques(grant, into: &builder)
  }

  /// One assignment with its definition resolved.
  private struct Grant {
    let principal: NodeID
    let principalID: String
    let scope: AzureResourceID
    let definition: AzureRoleDefinition
    let provenance: Provenance
    let isConditional: Bool

    func with(technique: AzureTechnique) -> Provenance {
      var copy = provenance
      copy.technique = technique.name
      return copy
    }
  }

  /// Returns the node of a scope: the one defined, the principal of a user-assigned
  /// identity, or a stub for a resource no output lists.
  private func node(of scope: AzureResourceID, in builder: inout EstateBuilder) -> NodeID {
    if let resource = estate.resources[scope.text], resource.category == .userAssignedIdentity,
      let principal = resource.principalID, let node = builder.nodeID(for: principal)
    {
      return node
    }
    if let known = builder.nodeID(for: scope.text) {
      return known
    }
    return builder.reference(AzureNodes.resourceStub(scope))
  }

  /// Adds the privilege edges. At a subscription or management group, a role that grants
  /// every management action reaches Owner. Otherwise, one that can write role assignments
  /// reaches User Access Administrator and `escalates` to Owner. Below a subscription,
  /// writing role assignments `escalates` to the scope itself.
  private mutating func connectPrivileges(
    _ grant: Grant, scopeNode: NodeID, into builder: inout EstateBuilder
  ) {
    let capabilities = self.capabilities(of: grant.definition)
    let technique = AzureTechnique.assignRole
    let writesAssignments = capabilities.writesAssignments
    switch grant.scope.level {
    case .managementGroup, .subscription:
      let owner = builder.nodeID(for: AzureNodes.ownerPrefix + grant.scope.text)!
      if capabilities.grantsEveryAction {
        builder.connect(
          grant.principal, owner, .access, actions: grant.definition.actions.edgeActions,
          provenance: grant.provenance, isConditional: grant.isConditional)
      } else if writesAssignments {
        let administrator = builder.nodeID(
          for: AzureNodes.userAccessAdministratorPrefix + grant.scope.text)!
        builder.connect(
          grant.principal, administrator, .access,
          actions: grant.definition.actions.edgeActions,
          provenance: grant.provenance, isConditional: grant.isConditional)
        builder.connect(
          grant.principal, owner, .escalates, actions: technique.actions,
          provenance: grant.with(technique: technique), isConditional: grant.isConditional)
      }
    case .resourceGroup, .resource:
      if writesAssignments {
        builder.connect(
          grant.principal, scopeNode, .escalates, actions: technique.actions,
          provenance: grant.with(technique: technique), isConditional: grant.isConditional)
      }
    }
    connectRoleRewrite(grant, scopeNode: scopeNode, into: &builder)
  }

  /// Adds an `escalates` edge for a custom role that may rewrite role definitions: its holder
  /// can add `*` to the role itself, and so gains every action at the assignment's scope.
  /// The edge goes to Owner at a subscription or management group, else to the scope.
  private mutating func connectRoleRewrite(
    _ grant: Grant, scopeNode: NodeID, into builder: inout EstateBuilder
  ) {
    let technique = AzureTechnique.rewriteOwnRole
    guard capabilities(of: grant.definition).rewritesOwnRole else { return }
    let target: NodeID
    switch grant.scope.level {
    case .managementGroup, .subscription:
      target = builder.nodeID(for: AzureNodes.ownerPrefix + grant.scope.text)!
    case .resourceGroup, .resource:
      target = scopeNode
    }
    builder.connect(
      grant.principal, target, .escalates, actions: technique.actions,
      provenance: grant.with(technique: technique), isConditional: grant.isConditional)
  }

  /// Adds the edges of the techniques the role allows on the resources in the scope:
  /// `controls` to workloads, `assumes` to user-assigned identities and `reads` to vaults.
  /// When a scope above the resources contains `groupingThreshold` or more of one category, the
  /// edge goes to one group node that `contains` them, so that an assignment at a
  /// subscription gives one edge per category instead of one per resource.
  ///
  /// - Complexity: O(c + v) for c categories and v vaults in the scope, once each role's
  ///   actions are decided.
  private mutating func connectTechniques(_ grant: Grant, into builder: inout EstateBuilder) {
    let capabilities = self.capabilities(of: grant.definition)
    let inside = resources(inside: grant.scope)
    for category in AzureResource.Category.codeRunning {
      guard let technique = capabilities.codeExecution[category],
        let ids = inside[category], !ids.isEmpty
      else {
        continue
      }
      for target in targets(ids, of: category, in: grant.scope, into: &builder) {
        builder.connect(
          grant.principal, target.node, .controls, actions: technique.actions,
          provenance: grant.with(technique: technique), isConditional: grant.isConditional)
        if category == .virtualMachine, capabilities.changesVMs {
          changeableVMs[grant.principalID, default: []].append(
            PartialGrant(
              target: target.id, label: target.label, provenance: grant.provenance,
              isConditional: grant.isConditional))
        }
      }
    }
    if let identities = inside[.userAssignedIdentity],
      capabilities.addsFederatedCredential || capabilities.assignsIdentities
    {
      // An identity gains nothing by acting as itself.
      let principals = identities.compactMap { estate.resources[$0]?.principalID }
        .filter { builder.nodeID(for: $0) != nil && builder.nodeID(for: $0) != grant.principal }
      for target in targets(
        principals, of: .userAssignedIdentity, in: grant.scope, into: &builder)
      {
        if capabilities.addsFederatedCredential {
          let federated = AzureTechnique.addFederatedCredential
          builder.connect(
            grant.principal, target.node, .assumes, actions: federated.actions,
            provenance: grant.with(technique: federated), isConditional: grant.isConditional)
        }
        if capabilities.assignsIdentities {
          assignableIdentities[grant.principalID, default: []].append(
            PartialGrant(
              target: target.id, label: target.label, provenance: grant.provenance,
              isConditional: grant.isConditional))
        }
      }
    }
    for id in inside[.keyVault] ?? [] {
      connectVault(grant, estate.resources[id]!, capabilities, into: &builder)
    }
  }

  /// A target of technique edges: one resource or identity, or a group node.
  private struct Target {
    let id: String
    let node: NodeID
    /// The group node's name; nil for a resource, whose label `estate.label(of:)` gives.
    let label: String?
  }

  /// Returns the nodes that technique edges to `members` of `category` go to: each member
  /// when they are fewer than `groupingThreshold`, else the one group node of the scope,
  /// which `contains` every member and is made on first use.
  private func targets(
    _ members: [String], of category: AzureResource.Category, in scope: AzureResourceID,
    into builder: inout EstateBuilder
  ) -> [Target] {
    guard members.count >= Self.groupingThreshold else {
      return members.map { Target(id: $0, node: builder.nodeID(for: $0)!, label: nil) }
    }
    let groupID = AzureNodes.resourceSetID(category, in: scope.text)
    if let known = builder.nodeID(for: groupID) {
      return [Target(id: groupID, node: known, label: builder.node(known).name)]
    }
    let group = AzureNodes.resourceSet(category, in: scope.text, estate: estate)
    let node = builder.define(group)
    let provenance = Provenance(
      file: "", location: "", grant: "\(group.name), as the inputs list them")
    for member in members {
      builder.connect(node, builder.nodeID(for: member)!, .contains, provenance: provenance)
    }
    return [Target(id: group.id, node: node, label: group.name)]
  }

  /// The number of resources of one category in a scope from which technique edges go to
  /// one group node instead of to each resource.
  static let groupingThreshold = 2

  /// The resources inside a scope, or the resource itself, by category; computed once per
  /// scope.
  private mutating func resources(inside scope: AzureResourceID)
    -> [AzureResource.Category: [String]]
  {
    if let known = resourcesByScope[scope.text] { return known }
    var ids = estate.resourcesInside[scope.text] ?? []
    if estate.resources[scope.text] != nil {
      ids.insert(scope.text, at: 0)
    }
    var byCategory: [AzureResource.Category: [String]] = [:]
    for id in ids {
      byCategory[estate.resources[id]!.category, default: []].append(id)
    }
    resourcesByScope[scope.text] = byCategory
    return byCategory
  }

  /// What a role's actions allow, decided once per role definition.
  private mutating func capabilities(of definition: AzureRoleDefinition) -> AzureRoleCapabilities {
    if let known = capabilitiesByRole[definition.guid] { return known }
    let decided = AzureRoleCapabilities(definition)
    capabilitiesByRole[definition.guid] = decided
    return decided
  }

  /// Adds a `reads` edge to a vault: through `getSecret` when the vault uses Azure RBAC or
  /// the output does not tell, and through adding an access policy when it uses access
  /// policies.
  private func connectVault(
    _ grant: Grant, _ vault: AzureResource, _ capabilities: AzureRoleCapabilities,
    into builder: inout EstateBuilder
  ) {
    let target = builder.nodeID(for: vault.id.text)!
    if vault.keyVault?.usesRoleBasedAccess == false {
      let technique = AzureTechnique.addAccessPolicy
      guard capabilities.addsAccessPolicy else { return }
      builder.connect(
        grant.principal, target, .reads, actions: technique.actions,
        provenance: grant.with(technique: technique), isConditional: grant.isConditional)
    } else if capabilities.readsSecrets {
      // NOTE: a vault whose output leaves out `enableRbacAuthorization`, as
      // `az resource list` does, is taken to use Azure RBAC.
      builder.connect(
        grant.principal, target, .reads,
        actions: [AzureRoleDefinition.dataEdgeAction(AzureTechnique.getSecret)],
        provenance: grant.provenance, isConditional: grant.isConditional)
    }
  }

  /// Adds an `assumes` edge from each principal that may attach a user-assigned identity
  /// and may change a VM it runs code in, to that identity. The provenance names the
  /// assignment that allows the attachment and the VM.
  ///
  /// - Complexity: O(p · i) for p principals and i identities each may attach.
  func connectIdentityAttachments(into builder: inout EstateBuilder) {
    let technique = AzureTechnique.attachIdentity
    for principalID in assignableIdentities.keys.sorted() {
      guard let vm = changeableVMs[principalID]?.min(by: { $0.target < $1.target }) else {
        continue
      }
      let principal = builder.nodeID(for: principalID)!
      let vmLabel = vm.label ?? estate.label(of: vm.target)
      for identity in assignableIdentities[principalID]! {
        var provenance = identity.provenance
        provenance.grant += ", with \(vmLabel) from " + vm.provenance.grant
        provenance.technique = technique.name
        builder.connect(
          principal, builder.nodeID(for: identity.target)!, .assumes,
          actions: technique.actions, provenance: provenance,
          isConditional: identity.isConditional || vm.isConditional)
      }
    }
  }
}
