import AccessGraph

/// Reads Azure CLI outputs about Azure Resource Manager: role definitions and assignments,
/// management groups, subscriptions, and resources with their managed identities and key
/// vault access policies.
///
/// `define` adds the scope tree, the resources, the managed identities and the Owner and
/// User Access Administrator privileges of each subscription and management group.
/// `connect` adds `contains` edges down the scope tree, `runsAs` edges from workloads to
/// their identities, and the edges each role assignment and access policy grants.
/// docs/azure.md lists the commands and the rules.
struct AzureResourceManagerImporter: SourceImporter {
  static let formatName = "Azure Resource Manager output"

  /// The kinds of object the outputs list.
  enum Entry {
    case roleAssignment, roleDefinition, managementGroup, subscription, resourceGroup, resource
  }

  private var definitions: [AzureRoleDefinition] = []
  private var assignments: [AzureRoleAssignment] = []
  private var scopes: [AzureScopeEntry] = []
  private var resources: [AzureResource] = []
  /// The assignments added so far, by `AzureRoleAssignment.key`.
  private var assignedKeys: Set<String> = []
  /// Assignment scopes parsed so far, by the text printed.
  private var parsedScopes: [String: AzureResourceID?] = [:]
  /// Resource groups that `az group list` names, some of which may hold nothing else given.
  private var resourceGroups: [AzureResourceID] = []

  /// Returns the kind of one object, or nil when it is not one of the kinds the outputs list.
  /// Role assignments and definitions are tested first, because their ids are resource ids.
  static func entry(_ object: JSONCursor) -> Entry? {
    guard object.isObject else { return nil }
    if AzureRoleAssignment.recognizes(object) { return .roleAssignment }
    if AzureRoleDefinition.recognizes(object) { return .roleDefinition }
    if AzureScopeEntry.isManagementGroup(object) { return .managementGroup }
    if AzureScopeEntry.isSubscription(object) { return .subscription }
    if isResourceGroup(object) { return .resourceGroup }
    if AzureResource.recognizes(object) { return .resource }
    return nil
  }

  /// Returns whether an object is a resource group as `az group list` prints it.
  static func isResourceGroup(_ object: JSONCursor) -> Bool {
    guard let id = try? object.string("id"), let parsed = AzureResourceID(id) else {
      return false
    }
    if case .resourceGroup = parsed.level { return true }
    return false
  }

  /// Recognizes one object of a known kind, or an array whose first element is one. An
  /// empty array is taken too, as every listing command prints when it finds nothing.
  static func recognizes(_ document: JSONCursor) -> Bool {
    guard let elements = try? document.array() else {
      return entry(document) != nil
    }
    guard let first = elements.first else { return true }
    return entry(first) != nil
  }

  mutating func add(_ document: JSONCursor) throws {
    let objects = document.isArray ? try document.array() : [document]
    for object in objects {
      switch Self.entry(object) {
      case .roleAssignment:
        let assignment = try AzureRoleAssignment.parse(object, scopes: &parsedScopes)
        // Outputs of several subscriptions repeat the assignments made above them.
        if assignedKeys.insert(assignment.key).inserted {
          assignments.append(assignment)
        }
      case .roleDefinition: definitions.append(try AzureRoleDefinition.parse(object))
      case .managementGroup: scopes += try AzureScopeEntry.parseManagementGroup(object)
      case .subscription: scopes.append(try AzureScopeEntry.parseSubscription(object))
      case .resource: resources.append(try AzureResource.parse(object))
      case .resourceGroup:
        if let id = AzureResourceID(try object.requiredString("id")) {
          resourceGroups.append(id)
        }
      case nil:
        throw object.invalid(
          "not a role assignment, role definition, management group, subscription, "
            + "resource group or resource as the Azure CLI prints them",
          remedy: "give one `az` command's JSON output per file, as docs/azure.md lists")
      }
    }
  }

  /// The joined view of every output added.
  var estate: AzureEstate {
    AzureEstate(
      scopes: scopes, resources: resources, definitions: definitions,
      assignmentScopes: assignments.compactMap(\.scope) + resourceGroups)
  }

  /// Returns `estate` with the object ids of user-assigned identities that only the service
  /// principals of another input give, from `principals` of `managedIdentities(in:)`.
  func estate(resolving principals: [String: String]) -> AzureEstate {
    var estate = self.estate
    estate.resolvePrincipals(principals)
    return estate
  }

  /// Returns the object ids of the managed identities defined so far, by their lowercased
  /// `resourceId` tag, such as the Entra ID importer sets from `alternativeNames`.
  ///
  /// - Complexity: O(V) for V nodes.
  static func managedIdentities(in builder: EstateBuilder) -> [String: String] {
    var principals: [String: String] = [:]
    for node in builder.nodes where node.isDefined && node.type == "managed-identity" {
      guard let resourceID = node.tags["resourceId"]?.lowercased() else { continue }
      if principals[resourceID] == nil {
        principals[resourceID] = node.id
      }
    }
    return principals
  }

  /// Adds, for every managed identity that any input gives, a `managed` credential node,
  /// `<object id>#managed`, that `authenticatesAs` it: the token that Azure issues and
  /// rotates for the workloads the identity is attached to.
  ///
  /// - Complexity: O(V) for V nodes.
  static func connectManagedTokens(into builder: inout EstateBuilder) {
    let identities = builder.nodes.filter {
      $0.type == "managed-identity" && $0.platform == .azure
    }
    for identity in identities {
      let token = builder.define(
        Node(
          id: identity.id + "#managed", kind: .credential, platform: .azure,
          account: identity.account, name: "managed identity token of \(identity.name)",
          type: "azure-managed-identity-token", credential: CredentialDetails(type: .managed)))
      builder.connect(
        token, builder.nodeID(for: identity.id)!, .authenticatesAs,
        provenance: Provenance(
          file: "", location: "",
          grant: "Azure issues and rotates the token of managed identity \(identity.name)"))
    }
  }

  /// Defines every scope, resource, identity and privilege. A user-assigned identity whose
  /// object id no input gives is left out here, and `connect` warns about it.
  func define(into builder: inout EstateBuilder, warn: (ImportWarning) -> Void) throws {
    let estate = self.estate(resolving: Self.managedIdentities(in: builder))
    for scope in estate.managementGroupIDs + estate.subscriptionIDs {
      builder.define(AzureNodes.scope(scope, in: estate))
      builder.define(AzureNodes.owner(of: scope, in: estate))
      builder.define(AzureNodes.userAccessAdministrator(of: scope, in: estate))
    }
    for group in estate.resourceGroups.keys.sorted() {
      builder.define(AzureNodes.scope(group, in: estate))
    }
    for id in estate.resources.keys.sorted() {
      let resource = estate.resources[id]!
      guard resource.category == .userAssignedIdentity else {
        builder.define(AzureNodes.resource(resource))
        if let principal = resource.identity?.systemAssignedPrincipalID {
          let tenant = resource.identity?.tenantID ?? estate.tenant(of: id)
          builder.define(
            AzureNodes.systemAssignedIdentity(
              of: resource, principalID: principal, tenant: tenant))
        }
        continue
      }
      if let principal = resource.principalID {
        builder.define(AzureNodes.userAssignedIdentity(resource, principalID: principal))
      }
    }
  }

  func connect(into builder: inout EstateBuilder, warn: (ImportWarning) -> Void) throws {
    let principals = Self.managedIdentities(in: builder)
    let estate = self.estate(resolving: principals)
    for id in estate.userAssignedIdentities.keys.sorted() {
      let identity = estate.resources[id]!
      guard identity.principalID == nil else { continue }
      warn(
        ImportWarning(
          file: identity.file, location: identity.location,
          message: "no output gives the object id of user-assigned identity "
            + "\(identity.name), so it is left out; add the output of `az identity list` or "
            + "`az ad sp list --all`"))
    }
    connectScopeTree(estate, into: &builder)
    connectIdentities(estate, principals: principals, into: &builder, warn: warn)
    Self.connectManagedTokens(into: &builder)
    var writer = AzureGrantWriter(estate: estate)
    for assignment in assignments {
      writer.connect(assignment, into: &builder, warn: warn)
    }
    writer.connectIdentityAttachments(into: &builder)
    AzureKeyVaultPolicies.connect(estate, into: &builder)
  }
}
