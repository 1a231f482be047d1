/// Everything the Azure Resource Manager outputs of one run tell, joined: scopes with their
/// names and parents, resources merged across outputs, and role definitions by guid.
struct AzureEstate: Sendable {
  /// Management groups and subscriptions by id; the first output to name one keeps it.
  private(set) var scopes: [String: AzureScopeEntry] = [:]
  /// Resources by id, each merged from every output that lists it.
  private(set) var resources: [String: AzureResource] = [:]
  /// Resource groups by id, with the name as printed.
  private(set) var resourceGroups: [String: AzureResourceID] = [:]
  /// Role definitions by guid.
  private(set) var definitions: [String: AzureRoleDefinition] = [:]
  /// The scope that contains each scope or resource, by id.
  private(set) var parents: [String: String] = [:]
  /// The ids of the resources inside each scope or resource, at any depth, sorted.
  private(set) var resourcesInside: [String: [String]] = [:]

  /// Joins the parsed outputs.
  ///
  /// - Complexity: O(n · d) for n scopes and resources and a tree of depth d.
  init(
    scopes scopeEntries: [AzureScopeEntry], resources resourceList: [AzureResource],
    definitions definitionList: [AzureRoleDefinition], assignmentScopes: [AzureResourceID]
  ) {
    for entry in scopeEntries {
      if let known = scopes[entry.id] {
        scopes[entry.id] = AzureScopeEntry(
          id: known.id, name: known.name, tenantID: known.tenantID ?? entry.tenantID,
          parent: known.parent ?? entry.parent, file: known.file, location: known.location)
      } else {
        scopes[entry.id] = entry
      }
      if let parent = entry.parent, parents[entry.id] == nil {
        parents[entry.id] = parent
      }
    }
    for resource in resourceList {
      if let known = resources[resource.id.text] {
        resources[resource.id.text] = known.merged(with: resource)
      } else {
        resources[resource.id.text] = resource
      }
      addLineage(of: resource.id)
    }
    var lineageAdded: Set<String> = []
    for scope in assignmentScopes where lineageAdded.insert(scope.text).inserted {
      addLineage(of: scope)
    }
    for definition in definitionList where definitions[definition.guid] == nil {
      definitions[definition.guid] = definition
    }
    for id in resources.keys.sorted() {
      for ancestor in ancestors(of: id).dropFirst() {
        resourcesInside[ancestor, default: []].append(id)
      }
    }
    // Assignments name the same few scopes many times over; their words are decided once.
    for scope in lineageAdded {
      knownLabels[scope] = label(of: scope)
      knownTenants[scope] = tenant(of: scope)
    }
  }

  /// The labels of the scopes that assignments name, by id.
  private var knownLabels: [String: String] = [:]
  /// The tenants of the scopes that assignments name, by id.
  private var knownTenants: [String: String] = [:]

  /// Records the parents of `id` and its resource group, and the subscription it is in.
  private mutating func addLineage(of id: AzureResourceID) {
    if let parent = id.parent, parents[id.text] == nil {
      parents[id.text] = parent
    }
    if let groupID = id.resourceGroupID, resourceGroups[groupID] == nil {
      resourceGroups[groupID] = AzureResourceID(
        "/subscriptions/\(id.subscription)/resourceGroups/\(id.resourceGroupName)")
      parents[groupID] = AzureResourceID.subscription(id.subscription)
    }
    if case .resourceGroup = id.level, resourceGroups[id.text] == nil {
      resourceGroups[id.text] = id
    }
    // A parent resource, such as the VM of an extension, is a scope too.
    var current = id
    while case .resource = current.level, let parent = current.parent,
      let parsed = AzureResourceID(parent), parsed.level == .resource
    {
      if parents[parsed.text] == nil, let above = parsed.parent {
        parents[parsed.text] = above
      }
      current = parsed
    }
    let subscription = AzureResourceID.subscription(id.subscription)
    if !id.subscription.isEmpty, scopes[subscription] == nil {
      subscriptionsNamedOnly.insert(subscription)
    }
    if case .managementGroup = id.level, scopes[id.text] == nil {
      managementGroupsNamedOnly.insert(id.text)
    }
  }

  /// Management groups that only an assignment scope names, without a management group
  /// output.
  private(set) var managementGroupsNamedOnly: Set<String> = []

  /// Subscriptions that only a resource id or an assignment scope names.
  private(set) var subscriptionsNamedOnly: Set<String> = []

  /// Every subscription id known to the run, sorted.
  var subscriptionIDs: [String] {
    let listed = scopes.keys.filter { $0.hasPrefix("/subscriptions/") }
    return Set(listed).union(subscriptionsNamedOnly).sorted()
  }

  /// Every management group id known to the run, sorted.
  var managementGroupIDs: [String] {
    let listed = scopes.keys.filter { !$0.hasPrefix("/subscriptions/") }
    return Set(listed).union(managementGroupsNamedOnly).sorted()
  }

  /// Returns `id` and each scope that contains it, nearest first, up to the top management
  /// group that the outputs give. A cycle in the parents ends the walk.
  ///
  /// - Complexity: O(d) for depth d.
  func ancestors(of id: String) -> [String] {
    var chain = [id]
    var seen: Set<String> = [id]
    var current = id
    while let parent = parents[current], seen.insert(parent).inserted {
      chain.append(parent)
      current = parent
    }
    return chain
  }

  /// Returns the tenant of a scope or resource: the one its subscription or management group
  /// output gives, else empty.
  func tenant(of id: String) -> String {
    if let known = knownTenants[id] { return known }
    for ancestor in ancestors(of: id) {
      if let tenant = scopes[ancestor]?.tenantID { return tenant }
    }
    if let parsed = AzureResourceID(id), !parsed.subscription.isEmpty,
      let tenant = scopes[AzureResourceID.subscription(parsed.subscription)]?.tenantID
    {
      return tenant
    }
    return ""
  }

  /// Returns the display name of a scope or resource: the printed name of a management group,
  /// subscription, resource group or resource, else the last segment of its id.
  func name(of id: String) -> String {
    if let entry = scopes[id] { return entry.name }
    if let group = resourceGroups[id] { return group.name }
    if let resource = resources[id] { return resource.name }
    return AzureResourceID(id)?.name ?? id
  }

  /// Returns a scope or resource in words for provenance, such as `resource group rg-app`.
  func label(of id: String) -> String {
    if let known = knownLabels[id] { return known }
    guard let parsed = AzureResourceID(id) else { return id }
    switch parsed.level {
    case .managementGroup: return "management group \(name(of: id))"
    case .subscription: return "subscription \(name(of: id))"
    case .resourceGroup: return "resource group \(name(of: id))"
    case .resource:
      let type = resources[id]?.nodeType ?? parsed.resourceType
      return "\(type) \(name(of: id))"
    }
  }

  /// The user-assigned identities by resource id.
  var userAssignedIdentities: [String: AzureResource] {
    resources.filter { $0.value.category == .userAssignedIdentity }
  }

  /// Sets the object id of each user-assigned identity whose outputs leave it out, such as
  /// `az resource list`, from `principals`: object ids by lowercased resource id, as the
  /// service principals of another input give them.
  ///
  /// - Complexity: O(n) for n resources.
  mutating func resolvePrincipals(_ principals: [String: String]) {
    for (id, resource) in resources
    where resource.category == .userAssignedIdentity && resource.principalID == nil {
      guard let principal = principals[id] else { continue }
      resources[id] = resource.merged(
        with: AzureResource(
          id: resource.id, name: resource.name, type: resource.type,
          category: resource.category, tenantID: nil, identity: nil, principalID: principal,
          clientID: nil, keyVault: nil, file: resource.file, location: resource.location))
    }
  }
}
