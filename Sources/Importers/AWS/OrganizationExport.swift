/// One file of AWS Organizations output, parsed and checked.
///
/// A file contains the output of one command, or of several merged into one object with
/// `jq -s add`. docs/aws.md lists the commands:
///
/// - `describe-organization`: `Organization.MasterAccountId`, the management account;
/// - `list-roots`: `Roots`;
/// - `list-accounts`: `Accounts`, the member accounts;
/// - `describe-account` or `describe-organizational-unit` merged with `list-parents` for the
///   same id: `Account` or `OrganizationalUnit` with its `Parents`;
/// - `describe-policy` merged with `list-targets-for-policy`: `Policy` with its `Targets`.
struct OrganizationExport: Sendable {
  /// An account or OU with the root or OU directly above it.
  struct Placement: Sendable {
    let child: OrganizationEntity
    let parent: OrganizationEntity
    /// The JSON path of the `Parents` entry.
    let location: String
  }

  let file: String
  /// The management account that `describe-organization` output names, with its JSON path.
  var managementAccount: (id: String, location: String)?
  var roots: [OrganizationEntity] = []
  /// Member accounts from `Accounts` and `Account`.
  var accounts: [OrganizationEntity] = []
  var placements: [Placement] = []
  var policies: [ServiceControlPolicy] = []

  /// The members whose presence marks a document as Organizations output.
  private static let objectKeys = ["Organization", "Account", "OrganizationalUnit"]
  private static let arrayKeys = ["Roots", "Accounts", "Parents"]

  /// Returns whether a document is Organizations output.
  ///
  /// `Account` and `Organization` count only as objects, because `aws sts get-caller-identity`
  /// prints `Account` as a string. `Policy` counts only as an object with `PolicySummary`:
  /// a resource policy comes as `{"Policy": "<policy JSON as a string>"}`, and
  /// `aws iam get-policy` prints an object without `PolicySummary`. `Targets` counts only
  /// when its first entry has `TargetId`, which EventBridge's targets do not have.
  /// `Policies` counts only when its entries are policy summaries of `aws organizations
  /// list-policies`, with `Type` and without the `PolicyName` of an IAM authorization export.
  static func recognizes(_ document: JSONCursor) -> Bool {
    if objectKeys.contains(where: { document[$0]?.isObject == true }) { return true }
    if arrayKeys.contains(where: { document[$0]?.isArray == true }) { return true }
    if document["Policy"]?["PolicySummary"] != nil { return true }
    if (try? document.array("Targets"))?.first?["TargetId"] != nil { return true }
    return isPolicyList(document)
  }

  private static func isPolicyList(_ document: JSONCursor) -> Bool {
    guard let first = (try? document.array("Policies"))?.first else { return false }
    return first["Type"] != nil && first["PolicyName"] == nil
  }

  /// Parses every part of the file that Organizations commands print.
  ///
  /// - Parameter warnings: Receives policies of types other than SCP, which are skipped.
  /// - Throws: `ImportError` at the JSON path of the first invalid element. It is also thrown
  ///   for a part that is useless alone, such as `list-parents` output without the account
  ///   or OU it was requested for, `describe-policy` output without its targets or the
  ///   reverse, and `list-policies` output.
  /// - Complexity: O(n) in the size of the document.
  static func parse(
    _ document: JSONCursor, warnings: inout [ImportWarning]
  ) throws -> OrganizationExport {
    var export = OrganizationExport(file: document.file)
    if let organization = document["Organization"] {
      let master = try organization.required("MasterAccountId")
      let id = try master.string()
      guard ARN.isAccountID(id) else {
        throw master.invalid(
          "\"\(id)\" is not a 12-digit account id",
          remedy: "export the file again with `aws organizations describe-organization`")
      }
      export.managementAccount = (id, master.path)
    }
    export.roots = try document.array("Roots").map {
      try OrganizationEntity.parse(
        $0, kind: .root,
        remedy: "export the file again with `aws organizations list-roots`")
    }
    export.accounts = try document.array("Accounts").map {
      try OrganizationEntity.parse(
        $0, kind: .account,
        remedy: "export the file again with `aws organizations list-accounts`")
    }
    try export.readPlacement(document)
    try export.readPolicy(document, warnings: &warnings)
    if isPolicyList(document) {
      throw try document.required("Policies").invalid(
        "this is `aws organizations list-policies` output, which names policies without "
          + "their content or targets",
        remedy: "give each policy as docs/aws.md shows, with `jq -s add` over the output of "
          + "`aws organizations describe-policy` and `list-targets-for-policy`")
    }
    return export
  }

  /// Reads `Account` or `OrganizationalUnit` with `Parents`.
  private mutating func readPlacement(_ document: JSONCursor) throws {
    let remedy =
      "merge the output of `aws organizations describe-account` (or "
      + "`describe-organizational-unit`) with that of `aws organizations list-parents` for the "
      + "same id, using `jq -s add`, as docs/aws.md shows"
    let account = document["Account"].flatMap { $0.isObject ? $0 : nil }
    let unit = document["OrganizationalUnit"]
    let child: OrganizationEntity
    switch (account, unit) {
    case (let account?, nil):
      child = try OrganizationEntity.parse(account, kind: .account, remedy: remedy)
      accounts.append(child)
    case (nil, let unit?):
      child = try OrganizationEntity.parse(unit, kind: .organizationalUnit, remedy: remedy)
    case (.some, .some):
      throw document.invalid(
        "the file has both \"Account\" and \"OrganizationalUnit\", so it is unclear which one "
          + "\"Parents\" belongs to",
        remedy: "write each account and OU with its parents to a file of its own")
    case (nil, nil):
      if let parents = document["Parents"] {
        throw parents.invalid(
          "`list-parents` output does not name the account or OU it was asked about",
          remedy: remedy)
      }
      return
    }
    guard let parents = document["Parents"] else {
      throw document.invalid(
        "\(child.label) has no \"Parents\", so its place in the organization is not known",
        remedy: remedy)
    }
    let entries = try parents.array()
    guard entries.count == 1 else {
      throw parents.invalid(
        "\"Parents\" has \(entries.count) entries, but an account or OU has exactly one parent",
        remedy: remedy)
    }
    let parent = try OrganizationEntity.parse(typed: entries[0], idKey: "Id", remedy: remedy)
    guard parent.kind != .account else {
      throw entries[0].invalid(
        "the parent is an account, but only a root or OU can be one",
        remedy: remedy)
    }
    placements.append(Placement(child: child, parent: parent, location: entries[0].path))
  }

  /// Reads `Policy` with `Targets`.
  private mutating func readPolicy(
    _ document: JSONCursor, warnings: inout [ImportWarning]
  ) throws {
    let policy = document["Policy"].flatMap { $0["PolicySummary"] != nil ? $0 : nil }
    switch (policy, document["Targets"]) {
    case (let policy?, let targets?):
      if let parsed = try ServiceControlPolicy.parse(
        policy: policy, targets: targets, warnings: &warnings)
      {
        policies.append(parsed)
      }
    case (let policy?, nil):
      throw policy.invalid(
        "`describe-policy` output without \"Targets\" does not say where the policy is attached",
        remedy: ServiceControlPolicy.remedy)
    case (nil, let targets?):
      throw targets.invalid(
        "`list-targets-for-policy` output does not name the policy it was asked about",
        remedy: ServiceControlPolicy.remedy)
    case (nil, nil):
      return
    }
  }
}
