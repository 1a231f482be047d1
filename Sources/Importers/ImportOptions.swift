/// Assumptions the user states about the estate, for facts no input records.
public struct ImportOptions: Sendable, Equatable {
  /// Whether requests carry multi-factor authentication: true for sessions with MFA, false
  /// for requests with long-term access keys, which carry no `aws:MultiFactorAuthPresent`,
  /// or nil to leave statements that test it conditional.
  public var multiFactorAuthentication: Bool?

  public init(multiFactorAuthentication: Bool? = nil) {
    self.multiFactorAuthentication = multiFactorAuthentication
  }
}
