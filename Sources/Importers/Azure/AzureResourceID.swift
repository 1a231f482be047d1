/// An Azure Resource Manager id, lowercased, with the scope it names and its parent scope.
///
/// Azure compares ids without regard to case, so the lowercased text is the node id and
/// the key of every join. The forms read are:
///
/// - `/providers/Microsoft.Management/managementGroups/<name>`, a management group;
/// - `/subscriptions/<guid>`, a subscription;
/// - `/subscriptions/<guid>/resourceGroups/<name>`, a resource group;
/// - `.../providers/<namespace>/<type>/<name>[/<child type>/<child name>...]`, a resource
///   under a resource group or a subscription.
struct AzureResourceID: Hashable, Sendable, CustomStringConvertible {
  /// The level of the scope tree that the id names.
  enum Level: Hashable, Sendable {
    case managementGroup(name: String)
    case subscription
    case resourceGroup(name: String)
    case resource
  }

  /// The id, lowercased, without a trailing slash.
  let text: String
  let level: Level
  /// The subscription guid, lowercased; empty for a management group.
  let subscription: String
  /// The resource group name as printed, or empty when the id names none.
  let resourceGroupName: String
  /// The resource type in lower case, such as `microsoft.compute/virtualmachines` or
  /// `microsoft.compute/virtualmachines/extensions`; empty above the resource level.
  let resourceType: String
  /// The last name in the id as printed: a resource, group or management group name.
  let name: String
  /// The id of the scope that contains this one, or nil for a management group and a
  /// subscription, whose parents only the management group tree gives.
  let parent: String?

  var description: String { text }

  /// Parses `raw`, returning nil when it is not one of the forms above.
  init?(_ raw: String) {
    var segments = raw.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    guard segments.count >= 2 else { return nil }
    let lowered = segments.map { $0.lowercased() }
    self.text = "/" + lowered.joined(separator: "/")

    if lowered.count == 4, lowered[0] == "providers", lowered[1] == "microsoft.management",
      lowered[2] == "managementgroups"
    {
      level = .managementGroup(name: segments[3])
      subscription = ""
      resourceGroupName = ""
      resourceType = ""
      name = segments[3]
      parent = nil
      return
    }
    guard lowered[0] == "subscriptions" else { return nil }
    subscription = lowered[1]
    if lowered.count == 2 {
      level = .subscription
      resourceGroupName = ""
      resourceType = ""
      name = segments[1]
      parent = nil
      return
    }

    var rest = Array(segments.dropFirst(2))
    var groupName = ""
    if rest.count >= 2, rest[0].lowercased() == "resourcegroups" {
      groupName = rest[1]
      rest.removeFirst(2)
    }
    resourceGroupName = groupName
    let groupID = "/subscriptions/\(lowered[1])/resourcegroups/\(groupName.lowercased())"
    if rest.isEmpty {
      guard !groupName.isEmpty else { return nil }
      level = .resourceGroup(name: groupName)
      resourceType = ""
      name = groupName
      parent = "/subscriptions/\(lowered[1])"
      return
    }

    // `providers/<namespace>` then pairs of type and name; an odd count is not a resource.
    guard rest.count >= 4, rest[0].lowercased() == "providers", rest.count % 2 == 0 else {
      return nil
    }
    let namespace = rest[1].lowercased()
    let pairs = Array(rest.dropFirst(2))
    var types: [String] = []
    for index in stride(from: 0, to: pairs.count, by: 2) {
      types.append(pairs[index].lowercased())
    }
    level = .resource
    resourceType = ([namespace] + types).joined(separator: "/")
    name = pairs[pairs.count - 1]
    if pairs.count > 2 {
      segments.removeLast(2)
      parent = "/" + segments.map { $0.lowercased() }.joined(separator: "/")
    } else {
      parent = groupName.isEmpty ? "/subscriptions/\(lowered[1])" : groupID
    }
  }

  /// Returns the id of the management group named `name`.
  static func managementGroup(_ name: String) -> String {
    "/providers/microsoft.management/managementgroups/\(name.lowercased())"
  }

  /// Returns the id of the subscription `guid`.
  static func subscription(_ guid: String) -> String {
    "/subscriptions/\(guid.lowercased())"
  }

  /// The id of the resource group that contains this id, if any.
  var resourceGroupID: String? {
    guard !resourceGroupName.isEmpty else { return nil }
    return "/subscriptions/\(subscription)/resourcegroups/\(resourceGroupName.lowercased())"
  }
}
