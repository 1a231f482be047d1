import AccessGraph

/// The way a workload obtains the identity it acts as, ordered from the safest to the
/// riskiest.
public enum AuthenticationMethod: String, CaseIterable, Sendable, Comparable {
  /// The platform issues and rotates the credential: an AWS role given to an instance or a
  /// function, an Azure managed identity, or a credential of type `managed`.
  case managed
  /// A short-lived token issued on demand: a credential of type `dynamic`, or a `federates`
  /// trust from the identity the workload runs as.
  case federated
  /// A long-lived secret that someone stores: a credential of type `static`.
  case `static`

  public static func < (lhs: AuthenticationMethod, rhs: AuthenticationMethod) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}

/// One way a workload authenticates, with the nodes and edges that show it.
public struct AuthenticationEvidence: Sendable, Equatable {
  public var method: AuthenticationMethod
  /// The credential node used; nil when the platform issues the identity's credentials
  /// without a credential node, or when a `federates` edge is the evidence.
  public var credential: NodeID?
  /// The identities the workload signs in as this way, in order of node id. Empty for a
  /// credential that no input links to an identity.
  public var identities: [NodeID]
  /// The edges that link the workload to the credential and the credential to its
  /// identities, or the workload to the identity, each once, in the order found.
  public var edges: [EdgeID]
  /// Whole days from the credential's `created` date to the date of the analysis; nil
  /// without a credential or a readable `created` date.
  public var ageInDays: Int?
  /// Whole days from the date of the analysis to the credential's `expires` date. It is
  /// negative once the credential has expired, and nil without a readable `expires` date.
  public var daysUntilExpiry: Int?

  public init(
    method: AuthenticationMethod, credential: NodeID?, identities: [NodeID], edges: [EdgeID],
    ageInDays: Int? = nil, daysUntilExpiry: Int? = nil
  ) {
    self.method = method
    self.credential = credential
    self.identities = identities
    self.edges = edges
    self.ageInDays = ageInDays
    self.daysUntilExpiry = daysUntilExpiry
  }
}

/// Every way one workload authenticates.
public struct WorkloadAuthentication: Sendable, Equatable {
  public var workload: NodeID
  /// Ordered by method (managed first), then by credential id, then by first identity id.
  /// Empty when the inputs show no way for the workload to authenticate.
  public var methods: [AuthenticationEvidence]

  public init(workload: NodeID, methods: [AuthenticationEvidence]) {
    self.workload = workload
    self.methods = methods
  }

  /// Whether some entry of `methods` uses `method`.
  public func uses(_ method: AuthenticationMethod) -> Bool {
    methods.contains { $0.method == method }
  }
}

/// The authentication methods of one platform's workloads, counted by workload.
public struct PlatformAuthenticationSummary: Sendable, Equatable {
  public var platform: Platform
  public var workloadCount: Int
  /// Workloads with at least one method of each kind. A workload with several kinds of
  /// method counts under each, so the counts may add up to more than `workloadCount`.
  public var methodCounts: [AuthenticationMethod: Int]
  /// Workloads for which the inputs show no method.
  public var unknownCount: Int

  public init(
    platform: Platform, workloadCount: Int, methodCounts: [AuthenticationMethod: Int],
    unknownCount: Int
  ) {
    self.platform = platform
    self.workloadCount = workloadCount
    self.methodCounts = methodCounts
    self.unknownCount = unknownCount
  }

  /// Returns the number of workloads that use `method`.
  public func count(of method: AuthenticationMethod) -> Int {
    methodCounts[method] ?? 0
  }
}
