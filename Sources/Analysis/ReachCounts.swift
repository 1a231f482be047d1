/// How much one identity reaches, in the figures that `BlastRadius` reports.
///
/// `reached` and `crownJewels` leave the identity itself out; `platforms` and `accounts`
/// count the identity's own platform and account, as `BlastRadius.platforms(in:)` and
/// `BlastRadius.accounts(in:)` do.
public struct ReachCounts: Sendable, Equatable {
  /// Every node reached, in either mode.
  public var reached: Int
  public var privileges: Int
  public var crownJewels: Int
  public var platforms: Int
  /// Distinct `platform/account` keys.
  public var accounts: Int

  public init(reached: Int, privileges: Int, crownJewels: Int, platforms: Int, accounts: Int) {
    self.reached = reached
    self.privileges = privileges
    self.crownJewels = crownJewels
    self.platforms = platforms
    self.accounts = accounts
  }

  /// Returns what `self` has beyond `subset`, field by field. With `self` counted over every
  /// edge and `subset` over unconditional edges only, that is what is reached only through
  /// an edge that rests on an unevaluated condition.
  public func subtracting(_ subset: ReachCounts) -> ReachCounts {
    ReachCounts(
      reached: reached - subset.reached, privileges: privileges - subset.privileges,
      crownJewels: crownJewels - subset.crownJewels, platforms: platforms - subset.platforms,
      accounts: accounts - subset.accounts)
  }
}
