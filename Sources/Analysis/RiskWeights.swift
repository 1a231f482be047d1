/// The weight of each factor in an identity's risk score, by the factor names that a weights
/// file uses. docs/ranking.md gives the formula and the reasons for the defaults.
public struct RiskWeights: Sendable, Equatable {
  /// The factors a weight can be set for, in the order the score adds them up.
  public enum Factor: String, CaseIterable, Sendable, Comparable {
    /// Per privilege node reached.
    case privileges
    /// Per crown jewel reached.
    case crownJewels
    /// Per platform reached beyond the identity's own.
    case platforms
    /// Per account reached beyond the identity's own.
    case accounts
    /// Per doubling of the nodes reached: the weight multiplies log2(1 + reached).
    case reached
    /// The share, from 0 through 1, at which what rests on an unevaluated condition counts:
    /// in the five reach factors above, in `publicBindings` and in `humans`.
    case conditionalShare
    /// Per public node, such as GCP `allUsers`, that can act as the identity.
    case publicBindings
    /// Per unexpired static credential that signs in as the identity.
    case staticCredentials
    /// Per year of age of the oldest such credential.
    case credentialAge
    /// Per doubling of the people who can act as the identity: the weight multiplies
    /// log2(1 + people).
    case humans
    /// Per node of another account, tenant or platform, or external identity provider,
    /// that can assume or federate to the identity.
    case externalTrust
    /// Per year since the identity was last used, when an input records the last use.
    case idleYears

    /// The factors that add points to the score: every factor but `conditionalShare`,
    /// which weighs the reach factors instead.
    public static var scored: [Factor] { allCases.filter { $0 != .conditionalShare } }

    public static func < (lhs: Factor, rhs: Factor) -> Bool {
      allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
  }

  /// The weight of every factor.
  public private(set) var values: [Factor: Double]

  /// The default weights.
  public static let defaults = RiskWeights(values: [
    .privileges: 10, .crownJewels: 5, .platforms: 3, .accounts: 1, .reached: 1,
    .conditionalShare: 0.5, .publicBindings: 20, .staticCredentials: 2, .credentialAge: 1,
    .humans: 1, .externalTrust: 3, .idleYears: 1,
  ])

  private init(values: [Factor: Double]) {
    self.values = values
  }

  /// The weight of `factor`. Setting a value that `rejection(of:for:)` rejects traps.
  public subscript(factor: Factor) -> Double {
    get { values[factor] ?? 0 }
    set {
      precondition(Self.rejection(of: newValue, for: factor) == nil, "weight out of range")
      values[factor] = newValue
    }
  }

  /// The largest weight a factor other than `conditionalShare` accepts. Every figure of an
  /// estate of up to 2^31 nodes and edges is below 10^10, so twelve terms of at most this
  /// weight keep a score below 10^17 and every score finite.
  public static let maximumWeight = 1_000_000.0

  /// Returns the values that `factor` accepts, in words for a message, or nil when `value`
  /// is one of them: a number from 0 through `maximumWeight`, or through 1 for
  /// `conditionalShare`.
  public static func rejection(of value: Double, for factor: Factor) -> String? {
    if factor == .conditionalShare {
      return (0...1).contains(value) ? nil : "a number from 0 through 1"
    }
    return (0...maximumWeight).contains(value) ? nil : "a number from 0 through 1000000"
  }
}
