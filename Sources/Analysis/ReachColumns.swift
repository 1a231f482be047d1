import AccessGraph

/// The column of every node in each small column space that `EstateReach` counts, or -1
/// for a node outside it.
struct ReachColumns {
  var privilege: [Int32]
  var privilegeCount = 0
  var crownJewel: [Int32]
  var crownJewelCount = 0
  var platform: [Int32]
  var platformCount = 0
  /// Nodes with no account belong to no account column.
  var account: [Int32]
  var accountCount = 0

  /// - Complexity: O(V) expected.
  init(graph: AccessGraph) {
    let none = [Int32](repeating: -1, count: graph.nodeCount)
    (privilege, crownJewel, platform, account) = (none, none, none, none)
    var platforms: [Platform: Int32] = [:]
    var accounts: [String: Int32] = [:]
    for (index, node) in graph.nodes.enumerated() {
      if node.kind == .privilege {
        privilege[index] = Int32(privilegeCount)
        privilegeCount += 1
      }
      if node.isCrownJewel {
        crownJewel[index] = Int32(crownJewelCount)
        crownJewelCount += 1
      }
      platform[index] = Self.column(of: node.platform, in: &platforms)
      if !node.account.isEmpty {
        account[index] = Self.column(of: BlastRadius.accountKey(of: node), in: &accounts)
      }
    }
    platformCount = platforms.count
    accountCount = accounts.count
  }

  private static func column<Key: Hashable>(
    of key: Key, in columns: inout [Key: Int32]
  ) -> Int32 {
    if let column = columns[key] { return column }
    let column = Int32(columns.count)
    columns[key] = column
    return column
  }
}
