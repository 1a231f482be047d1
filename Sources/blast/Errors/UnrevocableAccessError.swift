/// `blast cut` found a source that reaches the target through edges that no revocation can
/// remove, so no plan separates it. The report is printed first; this exits with status 1.
struct UnrevocableAccessError: Error, Sendable, CustomStringConvertible {
  /// The display name of the source that no revocation separates.
  var source: String
  /// The target as resolved: a node's display name, `admin` or `crown-jewels`.
  var target: String
  /// Whether the source is a target node itself, so that no path and no cost applies.
  var isTarget = false

  var description: String {
    if isTarget {
      return "no revocation separates \"\(source)\" from \(target), because it is a target "
        + "node itself; give a --from that is not one of the targets"
    }
    return "no revocation separates \"\(source)\" from \(target), because it reaches it "
      + "through edges that cannot be revoked; see the path above, or give those relations a "
      + "cost with --cost RELATION=N"
  }
}
