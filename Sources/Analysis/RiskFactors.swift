import AccessGraph

/// The figures behind one identity's risk score: what it reaches, who and what can act as
/// it, and when it was last used.
public struct RiskFactors: Sendable, Equatable {
  /// Reach over every edge.
  public var all: ReachCounts
  /// Reach over the edges that rest on no unevaluated condition.
  public var unconditional: ReachCounts
  /// Public nodes (see `RiskFactors.isPublic(_:)`) that can act as the identity, over every
  /// edge.
  public var publicBindings: Int
  /// Public nodes that can act as the identity over edges without an unevaluated condition.
  public var publicBindingsUnconditional: Int
  /// Static credentials, unexpired on the date counted to, that sign in as the identity.
  public var staticCredentials: Int
  /// The age in days of the oldest of those credentials whose creation date an input gives.
  public var oldestCredentialDays: Int?
  /// People (`human` nodes other than the identity and public nodes) who can act as it, over
  /// every edge.
  public var humans: Int
  /// People who can act as the identity over edges without an unevaluated condition.
  public var humansUnconditional: Int
  /// Nodes of another account, tenant or platform, or external identity providers, that
  /// can assume or federate to the identity.
  public var externalTrust: Int
  /// The latest use an input records: a role's last use, or a credential's that signs in
  /// as the identity.
  public var lastUsed: CalendarDate?
  /// Days from `lastUsed` to the date counted to, never negative.
  public var daysSinceUse: Int?

  public init(
    all: ReachCounts, unconditional: ReachCounts, publicBindings: Int = 0,
    publicBindingsUnconditional: Int = 0, staticCredentials: Int = 0,
    oldestCredentialDays: Int? = nil, humans: Int = 0, humansUnconditional: Int = 0,
    externalTrust: Int = 0, lastUsed: CalendarDate? = nil, daysSinceUse: Int? = nil
  ) {
    self.all = all
    self.unconditional = unconditional
    self.publicBindings = publicBindings
    self.publicBindingsUnconditional = publicBindingsUnconditional
    self.humansUnconditional = humansUnconditional
    self.staticCredentials = staticCredentials
    self.oldestCredentialDays = oldestCredentialDays
    self.humans = humans
    self.externalTrust = externalTrust
    self.lastUsed = lastUsed
    self.daysSinceUse = daysSinceUse
  }

  /// Returns whether anyone at all may act as `node`: a node tagged `publicExposure=true`
  /// (GCP `allUsers` and `allAuthenticatedUsers`), any AWS principal (`aws:principal/*`),
  /// or the Kubernetes user `system:anonymous` and group `system:unauthenticated`.
  public static func isPublic(_ node: Node) -> Bool {
    if node.tags["publicExposure"] == "true" || node.type == "aws-any-principal" {
      return true
    }
    return node.platform == .kubernetes
      && ((node.type == "kubernetes-user" && node.name == "system:anonymous")
        || (node.type == "kubernetes-group" && node.name == "system:unauthenticated"))
  }

  /// Measures the local factors of `identity` from the edges that enter it: static
  /// credentials, external trust and last use. Reach, public bindings and people come from
  /// `EstateReach` and are left as given.
  ///
  /// - Complexity: O(d) for the d edges that enter the identity.
  mutating func measureIncomingEdges(of identity: NodeID, in graph: AccessGraph, date: CalendarDate)
  {
    let target = graph.node(identity)
    var credentials: Set<NodeID> = []
    var trusted: Set<NodeID> = []
    var uses: [CalendarDate] = target.tags["lastUsed"].flatMap(CalendarDate.init(iso8601:)).map {
      [$0]
    } ?? []
    for edge in graph.incomingEdges(of: identity) {
      let sourceID = graph.source(of: edge)
      let source = graph.node(sourceID)
      switch graph.relation(of: edge) {
      case .authenticatesAs:
        guard let details = source.credential ?? Self.inventoryDefault(source) else { continue }
        if let used = details.lastUsed.flatMap(CalendarDate.init(iso8601:)) {
          uses.append(used)
        }
        if source.type == "entra-federated-credential" {
          trusted.insert(sourceID)
        } else if details.type == .static && !Self.hasExpired(details, by: date),
          credentials.insert(sourceID).inserted,
          let created = details.created.flatMap(CalendarDate.init(iso8601:))
        {
          let age = max(0, created.days(until: date))
          oldestCredentialDays = max(oldestCredentialDays ?? 0, age)
        }
      case .assumes, .federates:
        if sourceID != identity && Self.isExternal(source, edge: edge, to: target, in: graph) {
          trusted.insert(sourceID)
        }
      default:
        continue
      }
    }
    staticCredentials = credentials.count
    externalTrust = trusted.count
    lastUsed = uses.max()
    daysSinceUse = lastUsed.map { max(0, $0.days(until: date)) }
  }

  /// A credential node without credential details counts as static, as the inventory
  /// format defines. Any other node that signs in as an identity is no credential.
  private static func inventoryDefault(_ node: Node) -> CredentialDetails? {
    node.kind == .credential ? CredentialDetails(type: .static) : nil
  }

  private static func hasExpired(_ details: CredentialDetails, by date: CalendarDate) -> Bool {
    guard let expires = details.expires.flatMap(CalendarDate.init(iso8601:)) else {
      return false
    }
    return expires < date
  }

  /// Returns whether an `assumes` or `federates` edge from `source` crosses a trust
  /// boundary: every `federates` edge does, and so does an edge from another platform or
  /// from another account. Public nodes count as public bindings instead.
  private static func isExternal(
    _ source: Node, edge: EdgeID, to target: Node, in graph: AccessGraph
  ) -> Bool {
    if isPublic(source) { return false }
    if graph.relation(of: edge) == .federates || source.platform != target.platform {
      return true
    }
    return !source.account.isEmpty && !target.account.isEmpty && source.account != target.account
  }
}
