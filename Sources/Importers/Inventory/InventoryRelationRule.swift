import AccessGraph

/// The kinds of node a relation may start and end at in an inventory.
///
/// The rules follow the meaning of each relation in the graph model, so that a grant the
/// search would silently ignore or misread is rejected when the inventory is read. The
/// most common slip is `access` to an identity: the search reaches an identity gained
/// through `access` but does not act as it, so such a grant would look like a path and
/// lead nowhere.
struct InventoryRelationRule: Sendable {
  let relation: Relation
  let sources: [NodeKind]
  let targets: [NodeKind]

  private static let actors: [NodeKind] = [.human, .workload, .serviceIdentity, .group]
  private static let identities: [NodeKind] = [.human, .workload, .serviceIdentity]

  init(for relation: Relation) {
    self.relation = relation
    switch relation {
    case .memberOf:
      (sources, targets) = (Self.actors, [.group])
    case .assumes:
      (sources, targets) = (Self.actors, Self.identities)
    case .runsAs:
      (sources, targets) = ([.workload], [.human, .serviceIdentity])
    case .controls:
      (sources, targets) = (Self.actors, [.workload, .scope])
    case .access:
      (sources, targets) = (Self.actors, [.resource, .scope, .privilege])
    case .reads:
      (sources, targets) = (Self.actors, [.credential])
    case .authenticatesAs:
      (sources, targets) = ([.credential], Self.identities)
    case .contains:
      (sources, targets) = ([.scope, .resource, .workload], NodeKind.allCases)
    case .escalates:
      (sources, targets) = (Self.actors, Self.actors + [.scope, .privilege])
    case .federates:
      (sources, targets) = (Self.actors + [.resource, .scope], Self.identities)
    }
  }

  func allowsSource(_ kind: NodeKind) -> Bool {
    sources.contains(kind)
  }

  func allowsTarget(_ kind: NodeKind) -> Bool {
    targets.contains(kind)
  }

  /// Returns the advice for a target of the wrong kind: the relation that fits it, if any.
  func remedy(forTarget kind: NodeKind) -> String {
    switch (relation, kind) {
    case (.access, .human), (.access, .serviceIdentity):
      return "use \"assumes\" to act as it"
    case (.access, .workload):
      return "use \"controls\" to run code on it, or \"assumes\" to act as it"
    case (.access, .group):
      return "use \"memberOf\" to gain the group's grants"
    case (.access, .credential):
      return "use \"reads\" for a secret"
    case (.reads, .resource), (.reads, .scope), (.reads, .privilege):
      return "use \"access\" with \"actions\" for a resource"
    default:
      return "\"\(relation.rawValue)\" leads to \(Self.describe(targets))"
    }
  }

  /// Returns the advice for a source of the wrong kind.
  func remedyForSource() -> String {
    "\"\(relation.rawValue)\" starts at \(Self.describe(sources))"
  }

  /// Describes a target of the wrong kind, with the reason when `access` leads to an actor.
  func problem(target id: String, kind: NodeKind) -> String {
    let base = "\"\(relation.rawValue)\" cannot lead to \"\(id)\", \(Self.phrase(for: kind))"
    if relation == .access && kind == .group {
      return base + ", because access to a group does not pass on the group's grants"
    }
    if relation == .access && kind.isActor {
      return base + ", because access to an identity does not let anyone act as it"
    }
    return base
  }

  /// Lists kinds in words: "a person, a workload or a service identity".
  static func describe(_ kinds: [NodeKind]) -> String {
    if kinds.count == NodeKind.allCases.count {
      return "any kind of node"
    }
    let phrases = kinds.map(Self.phrase(for:))
    guard phrases.count > 1 else {
      return phrases.first ?? ""
    }
    return phrases.dropLast().joined(separator: ", ") + " or " + phrases.last!
  }

  /// Returns the kind with an article, for messages: "a person", "a service identity".
  static func phrase(for kind: NodeKind) -> String {
    switch kind {
    case .human: "a person"
    case .workload: "a workload"
    case .serviceIdentity: "a service identity"
    case .group: "a group"
    case .resource: "a resource"
    case .credential: "a secret"
    case .scope: "a scope"
    case .privilege: "a privilege"
    }
  }
}
