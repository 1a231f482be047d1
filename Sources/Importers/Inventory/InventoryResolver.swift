import AccessGraph

/// Turns ids written in inventories into nodes of the estate while edges are added.
///
/// An id resolves to the inventory entry that defines it, else to a node that another
/// input added (an Azure id in any letter case), else, for an AWS ARN, to a stub built from
/// the ARN. Anything else is an error.
///
/// A warning, once per id at the first place that names it, reports an ARN that no other
/// input names, and an identity that inputs name but none defines. A resource that another
/// input names without defining it, such as a bucket in an IAM policy, is not reported,
/// because an IAM export defines principals and policies, not the resources they name.
struct InventoryResolver {
  let entries: [String: InventoryEntry]
  private var reportedIDs: Set<String> = []

  init(entries: [String: InventoryEntry]) {
    self.entries = entries
  }

  /// Returns the node that `reference` names, adding a stub for an undefined ARN.
  ///
  /// - Throws: `ImportError` at the reference's path for an id that is not an inventory
  ///   entry, not a node of another input and not an AWS ARN, or for a malformed ARN.
  mutating func resolve(
    _ reference: InventoryReference, file: String, in builder: inout EstateBuilder,
    warn: (ImportWarning) -> Void
  ) throws -> NodeID {
    let id = reference.id
    if let existing = builder.nodeID(for: id) {
      let node = builder.node(existing)
      if entries[id] == nil && !node.isDefined && node.kind.isActor {
        report(node, at: reference, file: file, in: builder, warn: warn)
      }
      return existing
    }
    // Azure ids compare without regard to case, and the Azure importers lowercase them.
    if Self.isAzureID(id), let existing = builder.nodeID(for: id.lowercased()) {
      return existing
    }
    guard InventoryARNStub.isARN(id) else {
      throw unknownID(reference, file: file)
    }
    guard let stub = InventoryARNStub.node(for: id) else {
      throw ImportError(
        .invalidData, file: file, location: reference.path,
        problem: "\"\(id)\" is not a valid ARN",
        remedy: "write it as arn:aws:service:region:account:resource with a 12-digit account, "
          + "such as arn:aws:iam::111122223333:user/ci-deploy")
    }
    report(stub, at: reference, file: file, in: builder, warn: warn)
    return builder.reference(stub)
  }

  /// Returns whether `id` has the form of an Azure resource id or object id: it starts with
  /// `/subscriptions/` or `/providers/`, or is a guid.
  static func isAzureID(_ id: String) -> Bool {
    let lowered = id.lowercased()
    if lowered.hasPrefix("/subscriptions/") || lowered.hasPrefix("/providers/") { return true }
    let groups = lowered.split(separator: "-", omittingEmptySubsequences: false)
    return groups.map(\.count) == [8, 4, 4, 4, 12]
      && lowered.allSatisfy { $0 == "-" || $0.isHexDigit }
  }

  /// Warns, once per id, that no input defines a node an inventory names.
  ///
  /// When the account's export is in the run, the id is most likely misspelt, so the
  /// warning names a defined id that differs only in letter case, if there is one.
  private mutating func report(
    _ node: Node, at reference: InventoryReference, file: String, in builder: EstateBuilder,
    warn: (ImportWarning) -> Void
  ) {
    guard reportedIDs.insert(node.id).inserted else { return }
    let kind = InventoryRelationRule.phrase(for: node.kind)
    var message: String
    if node.kind.isActor || node.platform != .aws {
      message = "no input defines \"\(node.id)\", so it is kept as a stub (\(kind))"
      let accountScope = builder.nodeID(for: "aws:account/\(node.account)")
      if node.platform == .aws && !node.account.isEmpty {
        if let accountScope, builder.node(accountScope).isDefined {
          message += "; the IAM export of account \(node.account) does not define it"
          let folded = node.id.lowercased()
          if let close = builder.nodes.first(where: {
            $0.isDefined && $0.id != node.id && $0.id.lowercased() == folded
          }) {
            message += ", did you mean \"\(close.id)\"?"
          } else {
            message += ", so check the ARN"
          }
        } else {
          message += "; add the IAM export of account \(node.account) to see its grants"
        }
      }
    } else {
      message = "no other input names \"\(node.id)\", so it is kept as a stub (\(kind)); "
        + "check the ARN against the AWS policies that should grant it"
    }
    warn(ImportWarning(file: file, location: reference.path, message: message))
  }

  private func unknownID(_ reference: InventoryReference, file: String) -> ImportError {
    let sections = InventorySection.allCases.map(\.rawValue)
    let advice = "check the spelling, define it in an entry of "
      + sections.dropLast().joined(separator: ", ") + " or \(sections.last!)"
      + ", or name an AWS identity by its full ARN"
    return ImportError(
      .invalidData, file: file, location: reference.path,
      problem: "unknown id \"\(reference.id)\"",
      remedy: InventorySuggestion.remedy(
        for: reference.id, among: entries.keys.sorted(), advice: advice))
  }
}
