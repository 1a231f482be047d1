/// The actions a role grants, kept per permission block. The union of blocks that remove
/// actions cannot be written as one set without granting too much. For example, a block of
/// `*` less `Microsoft.Authorization/*` beside a block of `*/read` still grants no
/// `Microsoft.Authorization/roleAssignments/write`.
struct AzureGrantedActions: Sendable {
  /// One set per permission block: its granted actions less the ones it removes.
  let blocks: [ActionSet]

  /// Returns whether some block grants `action`.
  ///
  /// - Complexity: O(b · p) for b blocks of at most p patterns.
  func containsAzureAction(_ action: String) -> Bool {
    blocks.contains { $0.containsAzureAction(action) }
  }

  /// True when some block grants every action and removes none.
  var isEveryAction: Bool {
    blocks.contains(where: \.isEveryAction)
  }
}
