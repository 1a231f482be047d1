import AccessGraph

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One identity's risk score with every factor behind it.
public struct IdentityRisk: Sendable, Equatable {
  public var identity: NodeID
  public var factors: RiskFactors
  /// Points per factor, whose sum is the score.
  public var points: [RiskWeights.Factor: Double]
  public var score: Double

  /// Scores `factors` of `identity` with `weights`.
  ///
  /// Each reach figure, and the counts of public nodes and people who can act as the
  /// identity, count as their unconditional value plus `conditionalShare` times what only
  /// conditional edges add. Platforms and accounts count beyond the identity's own.
  /// Nodes reached and people who can act as the identity count as log2(1 + n), so that
  /// a large estate does not drown out the other factors. Ages count in years of 365 days.
  public init(identity: NodeID, factors: RiskFactors, weights: RiskWeights, in graph: AccessGraph) {
    self.identity = identity
    self.factors = factors
    let share = weights[.conditionalShare]
    func mixed(all: Int, unconditional: Int) -> Double {
      Double(unconditional) + share * Double(all - unconditional)
    }
    func mixed(_ figure: KeyPath<ReachCounts, Int>) -> Double {
      mixed(all: factors.all[keyPath: figure], unconditional: factors.unconditional[keyPath: figure])
    }
    let ownAccount = graph.node(identity).account.isEmpty ? 0.0 : 1.0
    let figures: [RiskWeights.Factor: Double] = [
      .privileges: mixed(\.privileges),
      .crownJewels: mixed(\.crownJewels),
      .platforms: max(0, mixed(\.platforms) - 1),
      .accounts: max(0, mixed(\.accounts) - ownAccount),
      .reached: log2(1 + mixed(\.reached)),
      .publicBindings: mixed(
        all: factors.publicBindings, unconditional: factors.publicBindingsUnconditional),
      .staticCredentials: Double(factors.staticCredentials),
      .credentialAge: Double(factors.oldestCredentialDays ?? 0) / 365,
      .humans: log2(1 + mixed(all: factors.humans, unconditional: factors.humansUnconditional)),
      .externalTrust: Double(factors.externalTrust),
      .idleYears: Double(factors.daysSinceUse ?? 0) / 365,
    ]
    var points: [RiskWeights.Factor: Double] = [:]
    var score = 0.0
    for factor in RiskWeights.Factor.allCases {
      guard let figure = figures[factor] else { continue }
      let added = weights[factor] * figure
      points[factor] = added
      score += added
    }
    self.points = points
    self.score = score
  }

  /// Scores every identity of the estate (see `EstateIdentities`) and orders them by score,
  /// highest first, then by node id.
  ///
  /// - Parameter date: The date that credential ages and time since last use count to.
  /// - Complexity: The cost of `EstateReach` with two origin sets (public nodes and
  ///   people), plus O(V + E) for the edges that enter each identity, plus O(I log I) to
  ///   sort I identities.
  public static func rank(
    in graph: AccessGraph, weights: RiskWeights = .defaults, date: CalendarDate
  ) -> [IdentityRisk] {
    let identities = IdentityExposure.identities(in: graph)
    let publicNodes = graph.nodes(where: RiskFactors.isPublic)
    let people = graph.nodes { $0.kind == .human && !RiskFactors.isPublic($0) }
    let reach = EstateReach(
      graph: graph, identities: identities, originSets: [publicNodes, people])
    return rank(reach, in: graph, weights: weights, date: date)
  }

  /// Scores the identities of `reach` and orders them as `rank(in:weights:date:)` does.
  ///
  /// - Parameter reach: Counts with `originSets` of the public nodes and then the people,
  ///   as `rank(in:weights:date:)` builds them.
  public static func rank(
    _ reach: EstateReach, in graph: AccessGraph, weights: RiskWeights, date: CalendarDate
  ) -> [IdentityRisk] {
    precondition(reach.actingOrigins.count == 2, "reach needs public nodes and people as origins")
    let risks = reach.identities.indices.map { index in
      let identity = reach.identities[index]
      var factors = RiskFactors(
        all: reach.all[index], unconditional: reach.unconditional[index],
        publicBindings: reach.actingOrigins[0][index],
        publicBindingsUnconditional: reach.unconditionalActingOrigins[0][index],
        humans: reach.actingOrigins[1][index],
        humansUnconditional: reach.unconditionalActingOrigins[1][index])
      factors.measureIncomingEdges(of: identity, in: graph, date: date)
      return IdentityRisk(identity: identity, factors: factors, weights: weights, in: graph)
    }
    return risks.sorted { lhs, rhs in
      if lhs.score != rhs.score { return lhs.score > rhs.score }
      return graph.node(lhs.identity).id < graph.node(rhs.identity).id
    }
  }
}
