import Foundation

extension ActionSet {
  /// Returns whether the set contains the Azure action `action`, reading each pattern as
  /// Azure does.
  ///
  /// Azure's built-in Managed Identity Operator role grants
  /// `Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action` for the operation
  /// `Microsoft.ManagedIdentity/userAssignedIdentities/assign/action`, so a `/*/` in an
  /// Azure pattern also matches a single `/`.
  ///
  /// - Complexity: O(p · n) for p patterns of length at most n.
  func containsAzureAction(_ action: String) -> Bool {
    included.contains { Self.matchesAzureAction($0, action) }
      && !excluded.contains { Self.matchesAzureAction($0, action) }
  }

  private static func matchesAzureAction(_ pattern: WildcardPattern, _ action: String) -> Bool {
    if pattern.matches(action) { return true }
    guard pattern.text.contains("/*/") else { return false }
    let collapsed = pattern.text.replacingOccurrences(of: "/*/", with: "/")
    return AzureRoleDefinition.pattern(collapsed).matches(action)
  }
}
