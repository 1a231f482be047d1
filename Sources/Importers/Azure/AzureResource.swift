import AccessGraph

/// An Azure resource as `az vm list`, `az resource list`, `az identity list`,
/// `az keyvault list` or `az keyvault show` prints it.
struct AzureResource: Sendable {
  /// The kinds of resource the importer treats apart from the rest.
  enum Category: String, Sendable {
    case virtualMachine
    case functionApp
    case webApp
    case automationAccount
    case logicApp
    case keyVault
    case userAssignedIdentity
    case other

    /// The node type of a resource of this category; `other` uses the ARM type instead.
    var nodeType: String? {
      switch self {
      case .virtualMachine: "azure-vm"
      case .functionApp: "azure-function-app"
      case .webApp: "azure-web-app"
      case .automationAccount: "azure-automation-account"
      case .logicApp: "azure-logic-app"
      case .keyVault: "azure-key-vault"
      case .userAssignedIdentity: "managed-identity"
      case .other: nil
      }
    }

    /// The categories that run code, in a fixed order.
    static let codeRunning: [Category] = [
      .virtualMachine, .functionApp, .webApp, .automationAccount, .logicApp,
    ]

    /// The category's plural in words, as group nodes name their members.
    var plural: String {
      switch self {
      case .virtualMachine: "virtual machines"
      case .functionApp: "function apps"
      case .webApp: "web apps"
      case .automationAccount: "Automation accounts"
      case .logicApp: "logic apps"
      case .keyVault: "key vaults"
      case .userAssignedIdentity: "user-assigned identities"
      case .other: "other resources"
      }
    }

    /// Whether resources of this category run code with their managed identities.
    var runsCode: Bool {
      switch self {
      case .virtualMachine, .functionApp, .webApp, .automationAccount, .logicApp: true
      case .keyVault, .userAssignedIdentity, .other: false
      }
    }
  }

  let id: AzureResourceID
  /// The name as printed.
  let name: String
  /// The ARM type as printed, such as `Microsoft.Compute/virtualMachines`.
  let type: String
  let category: Category
  let tenantID: String?
  let identity: AzureManagedIdentityBlock?
  /// For a user-assigned identity, its own object id, lowercased.
  let principalID: String?
  /// For a user-assigned identity, its client id.
  let clientID: String?
  /// For a key vault whose output has `properties`, its access settings.
  let keyVault: AzureKeyVaultSettings?
  let file: String
  /// The JSON path of the resource in its file.
  let location: String

  /// Returns whether an object looks like an ARM resource: an `id` under `/subscriptions/`
  /// and a `type` with a provider namespace.
  static func recognizes(_ object: JSONCursor) -> Bool {
    guard let id = try? object.string("id"), let type = try? object.string("type") else {
      return false
    }
    return id.lowercased().hasPrefix("/subscriptions/") && type.contains("/")
      && AzureResourceID(id)?.level == .resource
  }

  /// Parses one resource.
  ///
  /// - Throws: `ImportError` when the id is not a resource id or a member has the wrong type.
  static func parse(_ object: JSONCursor) throws -> AzureResource {
    let rawID = try object.requiredString("id")
    guard let id = AzureResourceID(rawID), id.level == .resource else {
      throw try object.required("id").invalid(
        "\"\(rawID)\" is not an Azure resource id",
        remedy: "give the resource's full id, /subscriptions/<guid>/resourceGroups/...")
    }
    let type = try object.string("type") ?? id.resourceType
    let category = Self.category(type: type, kind: try object.string("kind"))
    let properties = object["properties"]
    var keyVault: AzureKeyVaultSettings?
    if category == .keyVault, let properties {
      keyVault = try AzureKeyVaultSettings.parse(properties)
    }
    var principalID: String?
    var clientID: String?
    if category == .userAssignedIdentity {
      principalID =
        try (object.string("principalId") ?? properties?.string("principalId"))?.lowercased()
      clientID = try object.string("clientId") ?? properties?.string("clientId")
    }
    return AzureResource(
      id: id, name: try object.string("name") ?? id.name, type: type, category: category,
      tenantID: try (object.string("tenantId") ?? properties?.string("tenantId"))?.lowercased(),
      identity: try object["identity"].flatMap(AzureManagedIdentityBlock.parse),
      principalID: principalID, clientID: clientID, keyVault: keyVault, file: object.file,
      location: object.path)
  }

  /// Returns the category of an ARM type. A `Microsoft.Web/sites` resource is a function app
  /// when its `kind` names `functionapp`, and a web app otherwise.
  static func category(type: String, kind: String?) -> Category {
    switch type.lowercased() {
    case "microsoft.compute/virtualmachines": .virtualMachine
    case "microsoft.web/sites":
      (kind ?? "").lowercased().contains("functionapp") ? .functionApp : .webApp
    case "microsoft.automation/automationaccounts": .automationAccount
    case "microsoft.logic/workflows": .logicApp
    case "microsoft.keyvault/vaults": .keyVault
    case "microsoft.managedidentity/userassignedidentities": .userAssignedIdentity
    default: .other
    }
  }

  /// The node's kind: `workload` for resources that run code, else `resource`.
  var nodeKind: NodeKind {
    category.runsCode ? .workload : .resource
  }

  /// The node's type: the category's, or else the ARM type in lower case.
  var nodeType: String {
    category.nodeType ?? type.lowercased()
  }

  /// Returns the resource with the facts of `other`, another output's view of the same
  /// resource, filled in where this one lacks them.
  func merged(with other: AzureResource) -> AzureResource {
    AzureResource(
      id: id, name: name, type: type, category: category, tenantID: tenantID ?? other.tenantID,
      identity: identity ?? other.identity, principalID: principalID ?? other.principalID,
      clientID: clientID ?? other.clientID, keyVault: keyVault ?? other.keyVault, file: file,
      location: location)
  }
}
