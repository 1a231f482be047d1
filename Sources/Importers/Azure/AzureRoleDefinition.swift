/// An Azure role definition as `az role definition list` prints it: a name, and the
/// management and data actions it grants.
struct AzureRoleDefinition: Sendable {
  /// The definition's guid, lowercased: the last segment of its id, which is the same for a
  /// built-in role in every subscription.
  let guid: String
  /// The id as printed, such as
  /// `/providers/Microsoft.Authorization/roleDefinitions/8e3af657-...`.
  let id: String
  let roleName: String
  /// `BuiltInRole` or `CustomRole`; empty when the output leaves it out.
  let roleType: String
  /// The management actions: the union over the permission blocks of `actions` less
  /// `notActions`.
  let actions: ActionSet
  /// The data actions: the union over the permission blocks of `dataActions` less
  /// `notDataActions`.
  let dataActions: ActionSet
  /// The management actions per permission block, which the technique checks read.
  let granted: AzureGrantedActions
  /// The data actions per permission block.
  let grantedData: AzureGrantedActions
  let assignableScopes: [String]
  /// The definition's actions and data actions as an edge lists them. The management actions
  /// come first, each removed one after `!`. The data actions follow in the same form with
  /// the prefix `data:`, so that a management `*` and a data `*` stay apart.
  let edgeActions: [String]
  let file: String
  /// The JSON path of the definition in its file.
  let location: String

  /// Returns whether an object looks like a role definition: it has `roleName` and
  /// `permissions`, at the top or under `properties` as the REST API prints them.
  static func recognizes(_ object: JSONCursor) -> Bool {
    let body = object["properties"] ?? object
    return body["roleName"] != nil && body["permissions"] != nil
  }

  /// Parses one definition.
  ///
  /// - Throws: `ImportError` when the name, id or a permission list is missing or of the
  ///   wrong type.
  static func parse(_ object: JSONCursor) throws -> AzureRoleDefinition {
    let body = object["properties"] ?? object
    let id = try object.requiredString("id")
    let guid = try object.string("name") ?? String(id.split(separator: "/").last ?? "")
    var actionBlocks: [ActionSet] = []
    var dataBlocks: [ActionSet] = []
    for block in try body.required("permissions").array() {
      actionBlocks.append(try Self.actionSet(block, granted: "actions", removed: "notActions"))
      dataBlocks.append(
        try Self.actionSet(block, granted: "dataActions", removed: "notDataActions"))
    }
    let actions = actionBlocks.reduce(ActionSet(included: [])) { $0.union($1) }
    let dataActions = dataBlocks.reduce(ActionSet(included: [])) { $0.union($1) }
    return AzureRoleDefinition(
      guid: guid.lowercased(), id: id, roleName: try body.requiredString("roleName"),
      roleType: try body.string("roleType") ?? "",
      actions: actions, dataActions: dataActions,
      granted: AzureGrantedActions(blocks: actionBlocks),
      grantedData: AzureGrantedActions(blocks: dataBlocks),
      assignableScopes: try body.strings("assignableScopes"),
      edgeActions: actions.edgeActions + dataActions.edgeActions.map(Self.dataEdgeAction),
      file: object.file,
      location: object.path)
  }

  /// Returns the actions of one permission block less those it removes. Azure compares
  /// action names without regard to case, and `*` matches any run of characters.
  private static func actionSet(_ block: JSONCursor, granted: String, removed: String) throws
    -> ActionSet
  {
    let included = try block.strings(granted).map(Self.pattern)
    let excluded = try block.strings(removed).map(Self.pattern)
    return ActionSet(included: included).subtracting(.only(excluded))
  }

  /// Compiles an Azure action pattern. Azure gives `?` no meaning, so a pattern containing
  /// one would read it as any character; no Azure action name contains `?`.
  static func pattern(_ text: String) -> WildcardPattern {
    WildcardPattern(text, isCaseSensitive: false, readsPolicyVariables: false)
  }


  /// The prefix of data actions in edge lists.
  static let dataPrefix = "data:"

  /// Returns a data action or pattern as edges list it: `data:` before it, after the `!` of
  /// a removed one.
  static func dataEdgeAction(_ action: String) -> String {
    action.hasPrefix("!") ? "!" + dataPrefix + action.dropFirst() : dataPrefix + action
  }
}
