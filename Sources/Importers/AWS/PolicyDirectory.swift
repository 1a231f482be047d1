/// An index of the groups and managed policies of every export in the run.
///
/// A user in one page of an export can belong to a group listed in another page, and an AWS
/// managed policy listed in one account's export applies in every account.
struct PolicyDirectory {
  private let exports: [AuthorizationExport]
  private var groupsByAccountAndName: [String: IAMGroup] = [:]
  private var policiesByARN: [String: [ManagedPolicy]] = [:]

  /// - Complexity: O(g + p) for g groups and p managed policies.
  init(exports: [AuthorizationExport]) {
    self.exports = exports
    for export in exports {
      for group in export.groups {
        let key = group.account + "/" + group.name
        if groupsByAccountAndName[key] == nil { groupsByAccountAndName[key] = group }
      }
      for policy in export.policies {
        policiesByARN[policy.arn, default: []].append(policy)
      }
    }
  }

  func group(named name: String, account: String) -> IAMGroup? {
    groupsByAccountAndName[account + "/" + name]
  }

  /// Returns the managed policy with `arn`, preferring the copy listed in `file`.
  func policy(_ arn: String, listedIn file: String) -> ManagedPolicy? {
    guard let copies = policiesByARN[arn] else { return nil }
    return copies.first { $0.file == file } ?? copies.first
  }

  /// Warns once for each attachment of a managed policy that no export lists, because the
  /// grants of that policy are then unknown.
  func reportMissingPolicies(warn: (ImportWarning) -> Void) {
    for export in exports {
      let holders: [any PolicyHolder] = export.users + export.groups + export.roles
      for holder in holders {
        for attachment in holder.attachedPolicies where policiesByARN[attachment.arn] == nil {
          warn(
            ImportWarning(
              file: holder.file, location: attachment.location,
              message: "managed policy \(attachment.arn) is attached to \(holder.label) but "
                + "no export in the run lists it, so its grants are not imported"))
        }
      }
    }
  }
}
