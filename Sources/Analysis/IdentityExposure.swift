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

  public init(
    identity: NodeID, privileges: Int, crownJewels: Int, platforms: Int, accounts: Int,
    reached: Int, deepestHop: Int
  ) {
    self.identity = identity
    self.privileges = privileges
    self.crownJewels = crownJewels
    self.platforms = platforms
    self.accounts = accounts
    self.reached = reached
    self.deepestHop = deepestHop
  }

  /// Returns every identity of the estate (see `EstateIdentities`), in id order.
  public static func identities(in graph: AccessGraph) -> [NodeID] {
    EstateIdentities.all(in: graph)
  }

  /// Measures every identity of the estate (see `EstateIdentities`) and orders them with the
  /// most dangerous first: by privileges reached, then crown jewels, then platforms, then
  /// everything reached, then id.
  ///
  /// - Complexity: O(V + E) and the bitset propagation of `EstateReach` for the counts, plus
  ///   O(I·(V + E)) for I identities, because the deepest hop needs one search each.
  public static func rank(in graph: AccessGraph) -> [IdentityExposure] {
    let reach = EstateReach(graph: graph, identities: identities(in: graph))
    return rank(reach, in: graph, limit: reach.identities.count, skipsUnreached: false)
  }

  /// Returns the first `count` exposures of `rank(in:)` among identities that reach
  /// something, with the deepest hop measured for those alone.
  ///
  /// - Parameter reach: Counts over every edge for the identities to rank, such as
  ///   `EstateReach(graph: graph, identities: identities(in: graph))`.
  /// - Complexity: O(I log I) to sort I identities, plus O(count·(V + E)) for the searches
  ///   that measure the deepest hop.
  public static func riskiest(
    _ count: Int, of reach: EstateReach, in graph: AccessGraph
  ) -> [IdentityExposure] {
    rank(reach, in: graph, limit: count, skipsUnreached: true)
  }

  private static func rank(
    _ reach: EstateReach, in graph: AccessGraph, limit: Int, skipsUnreached: Bool
  ) -> [IdentityExposure] {
    let counted = zip(reach.identities, reach.all)
      .filter { !skipsUnreached || $0.1.reached > 0 }
      .sorted { lhs, rhs in
        let left = (lhs.1.privileges, lhs.1.crownJewels, lhs.1.platforms, lhs.1.reached)
        let right = (rhs.1.privileges, rhs.1.crownJewels, rhs.1.platforms, rhs.1.reached)
        if left != right { return left > right }
        return graph.node(lhs.0).id < graph.node(rhs.0).id
      }
    return counted.prefix(limit).map { identity, counts in
      IdentityExposure(
        identity: identity, privileges: counts.privileges, crownJewels: counts.crownJewels,
        platforms: counts.platforms, accounts: counts.accounts, reached: counts.reached,
        deepestHop: BlastRadius(of: identity, in: graph).deepestHop)
    }
  }
}
