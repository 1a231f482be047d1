import AccessGraph

extension AzureResourceManagerImporter {
  /// Adds `contains` edges from each management group to the groups and subscriptions below
  /// it, from each subscription to its resource groups, and from each resource group or
  /// parent resource to the resources in it.
  ///
  /// - Complexity: O(n) for n scopes and resources.
  func connectScopeTree(_ estate: AzureEstate, into builder: inout EstateBuilder) {
    for id in estate.managementGroupIDs + estate.subscriptionIDs {
      guard let parent = estate.parents[id], let entry = estate.scopes[id] else { continue }
      let parentNode = builder.reference(AzureNodes.scope(parent, in: estate))
      let provenance = Provenance(
        file: entry.file, location: entry.location,
        grant: "\(estate.label(of: id)) is in \(estate.label(of: parent))")
      builder.connect(parentNode, builder.nodeID(for: id)!, .contains, provenance: provenance)
      // Owner and User Access Administrator of a management group are the same of every
      // scope below it.
      for prefix in [AzureNodes.ownerPrefix, AzureNodes.userAccessAdministratorPrefix] {
        let above = builder.reference(
          prefix == AzureNodes.ownerPrefix
            ? AzureNodes.owner(of: parent, in: estate)
            : AzureNodes.userAccessAdministrator(of: parent, in: estate))
        builder.connect(
          above, builder.nodeID(for: prefix + id)!, .contains, provenance: provenance)
      }
    }
    for group in estate.resourceGroups.keys.sorted() {
      let subscription = estate.parents[group]!
      builder.connect(
        builder.nodeID(for: subscription)!, builder.nodeID(for: group)!, .contains,
        provenance: Provenance(
          file: "", location: "",
          grant: "the id of \(estate.label(of: group)) names \(estate.label(of: subscription))"))
    }
    for id in estate.resources.keys.sorted() {
      let resource = estate.resources[id]!
      guard let parent = estate.parents[id], let child = node(of: resource, in: builder)
      else {
        continue
      }
      let parentNode: NodeID
      if let known = builder.nodeID(for: parent) {
        parentNode = known
      } else if let parsed = AzureResourceID(parent) {
        parentNode = builder.reference(AzureNodes.resourceStub(parsed))
      } else {
        continue
      }
      builder.connect(
        parentNode, child, .contains,
        provenance: Provenance(
          file: resource.file, location: resource.location,
          grant: "\(estate.label(of: id)) is in \(estate.label(of: parent))"))
    }
  }

  /// Returns the node that stands for a resource: its own, or for a user-assigned identity
  /// the identity's principal.
  func node(of resource: AzureResource, in builder: EstateBuilder) -> NodeID? {
    if resource.category == .userAssignedIdentity {
      return resource.principalID.flatMap(builder.nodeID(for:))
    }
    return builder.nodeID(for: resource.id.text)
  }

  /// Adds a `runsAs` edge from each workload to its system-assigned identity and to each
  /// user-assigned identity attached to it.
  ///
  /// An attached identity's object id comes from the resource's output, else from
  /// `az identity list`, else from `principals`, the managed identities of other inputs by
  /// resource id. An identity that none of them gives is skipped with a warning.
  func connectIdentities(
    _ estate: AzureEstate, principals: [String: String], into builder: inout EstateBuilder,
    warn: (ImportWarning) -> Void
  ) {
    let identities = estate.userAssignedIdentities
    for id in estate.resources.keys.sorted() {
      let resource = estate.resources[id]!
      guard resource.category.runsCode, let block = resource.identity else { continue }
      let workload = builder.nodeID(for: id)!
      if let principal = block.systemAssignedPrincipalID {
        builder.connect(
          workload, builder.nodeID(for: principal)!, .runsAs,
          provenance: Provenance(
            file: resource.file, location: block.location,
            grant: "\(estate.label(of: id)) runs as its system-assigned identity"))
      }
      for attached in block.userAssigned {
        let listed = identities[attached.resourceID]
        let principal =
          attached.principalID ?? listed?.principalID ?? principals[attached.resourceID]
        guard let principal else {
          warn(
            ImportWarning(
              file: resource.file, location: attached.location,
              message: "no output gives the object id of user-assigned identity "
                + "\(attached.resourceID), so \(resource.name) has no edge to it; add the "
                + "output of `az identity list` or `az ad sp list --all`"))
          continue
        }
        let name = listed?.name ?? AzureResourceID(attached.resourceID)?.name ?? principal
        let target = builder.reference(
          Node(
            id: principal, kind: .serviceIdentity, platform: .azure,
            account: block.tenantID ?? "", name: name, type: "managed-identity",
            tags: ["resourceId": attached.resourceID], isDefined: false))
        builder.connect(
          workload, target, .runsAs,
          provenance: Provenance(
            file: resource.file, location: attached.location,
            grant: "\(estate.label(of: id)) runs as user-assigned identity \(name)"))
      }
    }
  }
}
