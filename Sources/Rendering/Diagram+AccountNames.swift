import AccessGraph

extension Diagram {
  /// Returns, for each account of `nodes` that a scope node of `graph` stands for, that
  /// node's display name, keyed by `accountKey(platform:account:)`. A scope stands for an
  /// account when the last segment of its id is the account, as for an Azure subscription
  /// `/subscriptions/<guid>` or a GCP project `gcp:projects/<id>`. Names equal to the
  /// account, or that contain it, add nothing and are left out.
  ///
  /// - Complexity: O(V) for V nodes of the graph.
  static func accountNames(of nodes: [DiagramNode], in graph: AccessGraph) -> [String: String] {
    var needed: Set<String> = []
    for node in nodes {
      guard !node.account.isEmpty else { continue }
      needed.insert(accountKey(platform: node.platform, account: node.account))
    }
    guard !needed.isEmpty else { return [:] }
    var names: [String: String] = [:]
    for scope in graph.nodes where scope.kind == .scope && scope.isDefined {
      let key = accountKey(platform: scope.platform, account: scope.account)
      guard needed.contains(key), names[key] == nil,
        let last = scope.id.split(separator: "/").last,
        last.lowercased() == scope.account.lowercased(),
        !scope.name.lowercased().contains(scope.account.lowercased())
      else {
        continue
      }
      names[key] = scope.name
    }
    return names
  }

  /// The key of an account in `accountNames`: its platform and id.
  static func accountKey(platform: Platform, account: String) -> String {
    "\(platform.rawValue)/\(account)"
  }
}
