import AccessGraph

/// The authentication methods of every workload of an estate, per platform: managed
/// identity, federation or a static secret.
///
/// A workload's methods come from the edges around it:
///
/// - It `runsAs` an identity. Credentials that `authenticatesAs` that identity count by
///   their type; `managed` ones count only when the identity has no `static` credential. An
///   identity without a `static` or `managed` credential whose type the platform assumes
///   for its workloads (`platformAssumedTypes`), on the workload's own platform, counts as
///   managed with no credential node.
/// - It, or an identity it runs as, `reads` a credential, or it `contains` one (a secret
///   kept on it, such as in a configuration file). The credential counts by its type.
/// - It, or an identity it runs as, `federates` into another identity: federated.
///
/// A credential node without credential details counts as static, the inventory's default.
public struct AuthenticationCoverage: Sendable {
  /// The date that credential ages and expiries are counted to.
  public let date: CalendarDate
  /// Every workload an input defines, except the AWS service principals that roles trust,
  /// by platform and then by node id.
  public let workloads: [WorkloadAuthentication]
  /// One summary per platform that has a workload, ordered by platform name.
  public let platforms: [PlatformAuthenticationSummary]

  /// Node types of identities whose credentials the platform issues to the workloads that
  /// run as them: AWS roles and instance profiles, and Azure managed identities.
  ///
  /// NOTE: Kubernetes and GCP service accounts attached to workloads are not listed yet, so
  /// a workload running as one shows no method unless a credential node shows one.
  public static let platformAssumedTypes: Set<String> = [
    "iam-role", "iam-instance-profile", "managed-identity",
  ]

  /// Finds how each workload of `graph` authenticates, counting ages to `date`.
  ///
  /// - Complexity: O(V + Σ d), where V counts nodes and the sum runs over the edges of each
  ///   workload, of each identity it runs as, and of each credential those reach.
  public init(in graph: AccessGraph, date: CalendarDate) {
    self.date = date
    let workloadNodes = graph.nodes { node in
      node.kind == .workload && node.isDefined && node.type != "aws-service"
    }
    .sorted { lhs, rhs in
      let left = graph.node(lhs)
      let right = graph.node(rhs)
      return left.platform != right.platform ? left.platform < right.platform : left.id < right.id
    }
    workloads = workloadNodes.map { workload in
      var finder = MethodFinder(workload: workload, graph: graph)
      return WorkloadAuthentication(workload: workload, methods: finder.methods(date: date))
    }
    platforms = Self.summaries(of: workloads, in: graph)
  }

  /// Counts the workloads of each platform by method.
  private static func summaries(
    of workloads: [WorkloadAuthentication], in graph: AccessGraph
  ) -> [PlatformAuthenticationSummary] {
    var summaries: [PlatformAuthenticationSummary] = []
    for workload in workloads {
      let platform = graph.node(workload.workload).platform
      if summaries.last?.platform != platform {
        summaries.append(
          PlatformAuthenticationSummary(
            platform: platform, workloadCount: 0, methodCounts: [:], unknownCount: 0))
      }
      summaries[summaries.count - 1].workloadCount += 1
      if workload.methods.isEmpty {
        summaries[summaries.count - 1].unknownCount += 1
      }
      for method in AuthenticationMethod.allCases where workload.uses(method) {
        summaries[summaries.count - 1].methodCounts[method, default: 0] += 1
      }
    }
    return summaries
  }
}

/// Collects the evidence for one workload's methods, merging the routes to one credential
/// or one identity into one entry.
private struct MethodFinder {
  let workload: NodeID
  let graph: AccessGraph
  /// Credentials found, in the order found, with the edges that lead to each.
  private var credentials: [NodeID: [EdgeID]] = [:]
  private var credentialOrder: [NodeID] = []
  /// Identities gained without a credential node, by method, with their edges.
  private var identities: [IdentityKey: [EdgeID]] = [:]
  private var identityOrder: [IdentityKey] = []

  private struct IdentityKey: Hashable {
    var method: AuthenticationMethod
    var identity: NodeID
  }

  init(workload: NodeID, graph: AccessGraph) {
    self.workload = workload
    self.graph = graph
  }

  /// Returns the workload's methods, ordered as `WorkloadAuthentication.methods` is.
  mutating func methods(date: CalendarDate) -> [AuthenticationEvidence] {
    var runsAs: [EdgeID] = []
    for edge in graph.outgoingEdges(of: workload) {
      switch graph.relation(of: edge) {
      case .runsAs: runsAs.append(edge)
      case .reads, .contains: addIfCredential(graph.target(of: edge), route: [edge])
      case .federates: addIdentity(graph.target(of: edge), .federated, route: [edge])
      default: break
      }
    }
    for edge in runsAs {
      addMethods(ofIdentity: graph.target(of: edge), runningThrough: edge)
    }

    var evidence = credentialOrder.map { credentialEvidence($0, date: date) }
    evidence += identityOrder.map { key in
      AuthenticationEvidence(
        method: key.method, credential: nil, identities: [key.identity],
        edges: identities[key]!)
    }
    return evidence.sorted(by: precedes)
  }

  /// Adds what the identity that `runsAs` points to brings: its own credentials, the
  /// credentials it reads, its `federates` edges, and a platform-assumed role.
  private mutating func addMethods(ofIdentity identity: NodeID, runningThrough runsAs: EdgeID) {
    let own = graph.incomingEdges(of: identity).filter { edge in
      graph.relation(of: edge) == .authenticatesAs
        && graph.node(graph.source(of: edge)).kind == .credential
    }
    let ownTypes = own.map { credentialType(of: graph.source(of: $0)) }
    let hasStatic = ownTypes.contains(.static)
    for (edge, type) in zip(own, ownTypes) where type != .managed || !hasStatic {
      add(credential: graph.source(of: edge), route: [runsAs, edge])
    }

    for edge in graph.outgoingEdges(of: identity) {
      switch graph.relation(of: edge) {
      case .reads: addIfCredential(graph.target(of: edge), route: [runsAs, edge])
      case .federates: addIdentity(graph.target(of: edge), .federated, route: [runsAs, edge])
      default: break
      }
    }

    let hasManaged = ownTypes.contains(.managed)
    if !hasStatic && !hasManaged && isAssumedByPlatform(identity) {
      addIdentity(identity, .managed, route: [runsAs])
    }
  }

  /// Whether the platform gives `identity` to the workloads that run as it on that platform.
  private func isAssumedByPlatform(_ identity: NodeID) -> Bool {
    let node = graph.node(identity)
    return AuthenticationCoverage.platformAssumedTypes.contains(node.type)
      && node.platform == graph.node(workload).platform
  }

  private mutating func addIfCredential(_ node: NodeID, route: [EdgeID]) {
    if graph.node(node).kind == .credential {
      add(credential: node, route: route)
    }
  }

  private mutating func add(credential: NodeID, route: [EdgeID]) {
    if credentials[credential] == nil {
      credentialOrder.append(credential)
    }
    Self.append(route, to: &credentials[credential, default: []])
  }

  private mutating func addIdentity(
    _ identity: NodeID, _ method: AuthenticationMethod, route: [EdgeID]
  ) {
    let key = IdentityKey(method: method, identity: identity)
    if identities[key] == nil {
      identityOrder.append(key)
    }
    Self.append(route, to: &identities[key, default: []])
  }

  /// Builds the entry for a credential: its method from its type, the identities it signs
  /// in as, and its age and expiry on `date`.
  private func credentialEvidence(
    _ credential: NodeID, date: CalendarDate
  ) -> AuthenticationEvidence {
    var edges = credentials[credential]!
    let signIns = graph.outgoingEdges(of: credential).filter {
      graph.relation(of: $0) == .authenticatesAs
    }
    Self.append(signIns, to: &edges)
    let details = graph.node(credential).credential
    let created = details?.created.flatMap(CalendarDate.init(iso8601:))
    let expires = details?.expires.flatMap(CalendarDate.init(iso8601:))
    return AuthenticationEvidence(
      method: method(of: credentialType(of: credential)), credential: credential,
      identities: Set(signIns.map(graph.target(of:))).sorted(by: isOrderedByID),
      edges: edges, ageInDays: created.map { $0.days(until: date) },
      daysUntilExpiry: expires.map { date.days(until: $0) })
  }

  private func credentialType(of credential: NodeID) -> CredentialType {
    graph.node(credential).credential?.type ?? .static
  }

  private func method(of type: CredentialType) -> AuthenticationMethod {
    switch type {
    case .static: .static
    case .dynamic: .federated
    case .managed: .managed
    }
  }

  private func isOrderedByID(_ lhs: NodeID, _ rhs: NodeID) -> Bool {
    graph.node(lhs).id < graph.node(rhs).id
  }

  /// Orders entries by method, then credential id (entries without a credential last), then
  /// first identity id.
  private func precedes(_ lhs: AuthenticationEvidence, _ rhs: AuthenticationEvidence) -> Bool {
    if lhs.method != rhs.method {
      return lhs.method < rhs.method
    }
    let left = lhs.credential.map { graph.node($0).id }
    let right = rhs.credential.map { graph.node($0).id }
    if left != right {
      guard let left else { return false }
      guard let right else { return true }
      return left < right
    }
    let leftIdentity = lhs.identities.first.map { graph.node($0).id } ?? ""
    let rightIdentity = rhs.identities.first.map { graph.node($0).id } ?? ""
    return leftIdentity < rightIdentity
  }

  /// Appends the edges of `route` that `edges` does not hold yet.
  private static func append(_ route: [EdgeID], to edges: inout [EdgeID]) {
    for edge in route where !edges.contains(edge) {
      edges.append(edge)
    }
  }
}
