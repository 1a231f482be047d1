/// The way the source of an edge gains its target. Every edge points from the one who gains
/// to what is gained.
public enum Relation: String, CaseIterable, Codable, Sendable, Comparable {
  /// The identity inherits the group's grants.
  case memberOf
  /// The source can act as the target identity (AssumeRole, impersonation, token minting).
  case assumes
  /// The workload executes with the target identity.
  case runsAs
  /// The source can run code in or reconfigure the target workload.
  case controls
  /// The source can use the target resource or scope with the edge's actions.
  case access
  /// The source can read the target credential.
  case reads
  /// The credential signs in as the target identity.
  case authenticatesAs
  /// The scope contains the target, so grants on the scope flow down to it.
  case contains
  /// The source can raise its own or another identity's privileges.
  case escalates
  /// A cross-platform trust: the source can obtain the target cloud identity.
  case federates

  /// Whether the edge gives use of the target rather than the power to act as it.
  ///
  /// A path that enters an actor (see `NodeKind.isActor`) through a holding relation stops
  /// there: reading a role's description or listing a group does not grant their rights.
  public var isHolding: Bool {
    switch self {
    case .access, .reads: true
    default: false
    }
  }

  /// The relation's position in `allCases`, its declaration order. Comparing raw values
  /// would hash or compare strings.
  public var order: Int {
    switch self {
    case .memberOf: 0
    case .assumes: 1
    case .runsAs: 2
    case .controls: 3
    case .access: 4
    case .reads: 5
    case .authenticatesAs: 6
    case .contains: 7
    case .escalates: 8
    case .federates: 9
    }
  }

  public static func < (lhs: Relation, rhs: Relation) -> Bool {
    lhs.order < rhs.order
  }

  /// Hashes the case by its order. The standard library's default for a `RawRepresentable`
  /// type hashes the raw value string, and every edge key of `EstateBuilder` hashes one.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(order)
  }
}
