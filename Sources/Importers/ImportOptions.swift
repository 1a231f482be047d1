/// Assumptions the user states about the estate, for facts no input records.
public struct ImportOptions: Sendable, Equatable {
  /// Whether requests carry multi-factor authentication (`aws:MultiFactorAuthPresent`), or
  /// nil to leave statements that test it conditional.
  public var multiFactorAuthentication: Bool?

  public init(multiFactorAuthentication: Bool? = nil) {
    self.multiFactorAuthentication = multiFactorAuthentication
  }
}
