import AccessGraph

/// How far one identity reaches, in the figures a defender compares identities by.
public struct IdentityExposure: Sendable, Equatable {
  public var identity: NodeID
  public var privileges: Int
  public var crownJewels: Int
  public var platforms: Int
  public var accounts: Int
  public var reached: Int
  public var deepestHop: Int

  /// Measures every identity (person, workload or service identity) an input defines and
  /// orders them with the most dangerous first: by privileges reached, then crown jewels,
  /// then platforms, then everything reached, then id.
  ///
  /// - Complexity: O(I·(V + E)) for I identities, one search each.
  public static func rank(in graph: AccessGraph) -> [IdentityExposure] {
    let identities = graph.nodes { $0.kind.isIdentity && $0.isDefined }
    return identities.map { identity in
      let radius = BlastRadius(of: identity, in: graph)
      return IdentityExposure(
        identity: identity, privileges: radius.privileges(in: graph).count,
        crownJewels: radius.crownJewels(in: graph).count,
        platforms: radius.platforms(in: graph).count,
        accounts: radius.accounts(in: graph).count, reached: radius.reached.count,
        deepestHop: radius.deepestHop)
    }
    .sorted { lhs, rhs in
      let left = (lhs.privileges, lhs.crownJewels, lhs.platforms, lhs.reached)
      let right = (rhs.privileges, rhs.crownJewels, rhs.platforms, rhs.reached)
      if left != right { return left > right }
      return graph.node(lhs.identity).id < graph.node(rhs.identity).id
    }
  }
}
