import AccessGraph

/// Reads three kinds of AWS input. The first is `aws iam get-account-authorization-details`
/// output, in the AWS CLI's form with policy documents as JSON objects or in the API's form
/// with URL-encoded documents. The second is the resource policies that the AWS CLI prints
/// for buckets, functions, keys, queues, topics and secrets. The third is the AWS
/// Organizations outputs that give the service control policies (SCPs) of the accounts.
///
/// Every file is parsed and checked in `add`. `define` adds the users, groups, roles,
/// instance profiles, a scope and an admin privilege node per account, and the resources
/// whose policies are given. `connect` adds group membership, access to resources and
/// accounts, admin privilege, who can assume each role, and the privilege-escalation
/// techniques each principal can use. It resolves principals and policies across all files
/// of the run and limits each principal by its permissions boundary and SCPs. docs/aws.md
/// lists the node ids and the rules for each edge.
struct AWSAuthorizationImporter: SourceImporter {
  static let formatName = "AWS IAM authorization details"

  /// The members whose presence marks an authorization export.
  private static let authorizationKeys = [
    "UserDetailList", "GroupDetailList", "RoleDetailList", "Policies",
  ]

  private(set) var exports: [AuthorizationExport] = []
  /// The resource policies of the run, at most one per resource.
  private(set) var resourcePolicies: [ResourcePolicy] = []
  private var organizationExports: [OrganizationExport] = []
  private var parseWarnings: [ImportWarning] = []
  private var options = ImportOptions()
  /// Whether a grant on every resource of a service in an account becomes one edge to the
  /// service scope; see `AccessEvaluator`. Tests turn it off to compare with one edge per
  /// resource.
  var grantsOnServiceScopes = true

  mutating func configure(_ options: ImportOptions) {
    self.options = options
  }

  static func recognizes(_ document: JSONCursor) -> Bool {
    OrganizationExport.recognizes(document)
      || authorizationKeys.contains { document[$0] != nil }
      || ResourcePolicy.kind(of: document) != nil
  }

  /// Parses a document as Organizations output, as an authorization export, or as both when
  /// `jq -s add` merged them into one object, or else as a resource policy.
  mutating func add(_ document: JSONCursor) throws {
    var isRecognized = false
    if OrganizationExport.recognizes(document) {
      organizationExports.append(try OrganizationExport.parse(document, warnings: &parseWarnings))
      isRecognized = true
    }
    // A `Policies` list of Organizations policy summaries is rejected above, so `Policies`
    // here is the authorization export's own.
    if Self.authorizationKeys.contains(where: { document[$0] != nil }) {
      exports.append(try AuthorizationExport.parse(document, warnings: &parseWarnings))
      isRecognized = true
    }
    guard !isRecognized else { return }
    let policy = try ResourcePolicy.parse(document, warnings: &parseWarnings)
    guard let slot = resourcePolicies.firstIndex(where: { $0.resource == policy.resource })
    else {
      resourcePolicies.append(policy)
      return
    }
    let earlier = resourcePolicies[slot]
    if earlier.document != nil, policy.document != nil {
      throw ImportError(
        .invalidData, file: policy.file,
        problem: "the policy of \(policy.kind.resourceWord) \(policy.resource.name) is given "
          + "twice, here and in \(earlier.file)",
        remedy: "give each resource's policy once")
    }
    if earlier.document == nil { resourcePolicies[slot] = policy }
  }

  /// Each account that exports in the run describe, with the first file that names it, in
  /// the order first seen.
  private var accountFiles: [(id: String, file: String)] {
    var files: [(id: String, file: String)] = []
    for export in exports {
      let named =
        [export.account].compactMap { $0 }
        + export.users.map(\.account) + export.groups.map(\.account) + export.roles.map(\.account)
      for account in named where !account.isEmpty && !files.contains(where: { $0.id == account }) {
        files.append((account, export.file))
      }
    }
    return files
  }

  /// The accounts that exports in the run describe, in the order first seen.
  private var exportedAccounts: [String] { accountFiles.map(\.id) }

  func define(into builder: inout EstateBuilder, warn: (ImportWarning) -> Void) throws {
    parseWarnings.forEach(warn)
    for account in exportedAccounts {
      builder.define(AWSNodes.accountScope(account))
      builder.define(AWSNodes.accountAdmin(account))
    }
    for export in exports {
      for user in export.users {
        builder.define(AWSNodes.user(user))
      }
      for group in export.groups {
        builder.define(AWSNodes.group(group))
      }
      for role in export.roles {
        builder.define(AWSNodes.role(role))
        for profile in role.instanceProfiles {
          builder.define(AWSNodes.instanceProfile(profile, account: role.account))
        }
      }
    }
    for policy in resourcePolicies where policy.kind != .function {
      builder.define(policy.node)
    }
  }

  /// Returns the managed policy of a principal's permissions boundary, or nil when it has
  /// none. A boundary that no export in the run lists gives a warning and limits nothing.
  private func boundaryPolicy(
    _ boundary: String?, of holder: any PolicyHolder, directory: PolicyDirectory,
    warn: (ImportWarning) -> Void
  ) -> ManagedPolicy? {
    guard let boundary else { return nil }
    if let policy = directory.policy(boundary, listedIn: holder.file) { return policy }
    warn(
      ImportWarning(
        file: holder.file, location: holder.location + ".PermissionsBoundary",
        message: "the permissions boundary \(boundary) of \(holder.label) is not in any export "
          + "in the run, so it is not applied and the access may be overstated; export the "
          + "account that lists the policy with `aws iam get-account-authorization-details`"))
    return nil
  }

  func connect(into builder: inout EstateBuilder, warn: (ImportWarning) -> Void) throws {
    let directory = PolicyDirectory(exports: exports)
    directory.reportMissingPolicies(warn: warn)
    connectMemberships(into: &builder, directory: directory, warn: warn)
    connectInstanceProfiles(into: &builder)

    let organization = try Organization(exports: organizationExports)
    let serviceControl = try organization.serviceControl(for: accountFiles, warn: warn)
    let principals = evaluatedPrincipals(
      in: builder, directory: directory, serviceControl: serviceControl, warn: warn)
    let exported = Set(exportedAccounts)
    // While this thread prepares and adds the access edges, a background task evaluates
    // trust and then the escalation techniques, which read who can assume each role and the
    // AWS workload nodes that this thread hands over. Both are connected afterwards in
    // export order, so the estate and the warnings do not depend on threads.
    let exportedRoles = exports.flatMap(\.roles)
    let workloads = Handoff<[Node]>()
    let pendingFindings = BackgroundResult { [self, principals, directory, exported] in
      let trust = evaluateTrust(principals: principals, exportedAccounts: exported)
      var trustEdges: [String: [TrustEvaluator.TrustEdge]] = [:]
      for (role, evaluated) in zip(exportedRoles, trust.roleEdges) {
        trustEdges[role.arn, default: []] += evaluated.edges
      }
      let escalations = EscalationFinder(
        principals: principals, exports: exports, directory: directory, trustEdges: trustEdges,
        accountGroups: trust.evaluator.accountGroups, nodes: workloads.wait())
      return Findings(trust: trust, escalations: escalations.escalationsOfEveryPrincipal())
    }
    // `workloadNodes` does not throw and runs right after the task starts, so the task
    // always receives the workloads it waits for.
    workloads.provide(workloadNodes(afterReferencing: principals, into: &builder))
    let resourcePolicy = resourcePolicyEvaluator(
      principals: principals, exportedAccounts: exported, builder: builder)
    let access = AccessEvaluator(
      catalog: ResourceCatalog(nodes: builder.nodes),
      resourcesWithPolicy: resourcePolicy.resourceNodes,
      grantsOnServiceScopes: grantsOnServiceScopes)
    connectAccess(into: &builder, evaluator: access, resourcePolicy: resourcePolicy)
    connectResourcePolicyEdges(into: &builder, evaluator: resourcePolicy, warn: warn)

    let findings = pendingFindings.wait()
    let trust = findings.trust.evaluator
    for (role, evaluated) in zip(exportedRoles, findings.trust.roleEdges) {
      evaluated.warnings.forEach(warn)
      connectTrust(evaluated.edges, into: role, builder: &builder, evaluator: trust)
    }
    for group in trust.accountGroups where !group.edges.isEmpty {
      connectTrust(group, into: &builder, evaluator: trust)
    }
    for index in principals.indices {
      for edge in trust.edgesToOutsideRoles(from: index) {
        let role = builder.reference(edge.role)
        builder.connect(
          principals[index].node, role, .assumes, actions: [TrustEvaluator.assumeRole],
          provenance: edge.provenance, isConditional: edge.isConditional)
      }
    }

    var groups: Set<String> = []
    for found in findings.escalations {
      connect(found, into: &builder, groups: &groups)
    }
    // The evaluators and their findings take milliseconds to free, so another thread frees
    // them. `consume` ends each local's lifetime here, so no reference stays on this thread.
    ParallelWork.releaseInBackground(
      (
        consume principals, consume resourcePolicy, consume access, consume findings,
        consume trust, consume directory
      ))
  }

  /// Adds the nodes of the resources that the principals' Allows name and of the functions
  /// whose policies the run gives, then returns every AWS workload node of the estate.
  private func workloadNodes(
    afterReferencing principals: [EvaluatedPrincipal], into builder: inout EstateBuilder
  ) -> [Node] {
    referenceNamedResources(of: principals, into: &builder)
    defineFunctionNodes(into: &builder)
    return builder.nodes.filter { $0.platform == .aws && $0.kind == .workload }
  }

  /// The trust edges into each role, and each principal's escalation techniques.
  private struct Findings {
    let trust: EvaluatedTrust
    let escalations: [[EscalationFinder.Escalation]]
  }

  /// Adds the edge of each escalation technique found, to a node of the run or to the
  /// account's admin privilege.
  private func connect(
    _ escalations: [EscalationFinder.Escalation], into builder: inout EstateBuilder,
    groups: inout Set<String>
  ) {
    for escalation in escalations {
      let target: NodeID
      switch escalation.target {
      case .node(let id):
        guard let node = builder.nodeID(for: id) else { continue }
        target = node
      case .admin(let account):
        target = builder.reference(AWSNodes.accountAdmin(account))
      case .group(let group, let members):
        target = builder.define(group)
        // One group node stands for the same identities whichever principal reaches it.
        if groups.insert(group.id).inserted {
          for member in members {
            guard let node = builder.nodeID(for: member) else { continue }
            builder.connect(
              target, node, .contains,
              provenance: Provenance(
                file: "", location: "",
                grant: "\(builder.nodes[node.index].name) is one of the \(group.name)"))
          }
        }
      }
      builder.connect(
        escalation.source, target, escalation.technique.relation,
        actions: escalation.actions, provenance: escalation.provenance,
        isConditional: escalation.isConditional)
    }
  }

  /// Adds a `memberOf` edge for each entry of each user's `GroupList`.
  private func connectMemberships(
    into builder: inout EstateBuilder, directory: PolicyDirectory,
    warn: (ImportWarning) -> Void
  ) {
    for export in exports {
      for user in export.users {
        let userNode = builder.nodeID(for: user.arn)!
        for (name, location) in user.groups {
          let groupNode: NodeID
          if let group = directory.group(named: name, account: user.account) {
            groupNode = builder.nodeID(for: group.arn)!
          } else {
            warn(
              ImportWarning(
                file: user.file, location: location,
                message: "group \(name) is not in any export of account \(user.account), so "
                  + "its policies are not known"))
            let partition = ARN(user.arn)?.partition ?? "aws"
            groupNode = builder.reference(
              Node(
                id: "arn:\(partition):iam::\(user.account):group/\(name)", kind: .group,
                platform: .aws, account: user.account, name: name, type: "iam-group"))
          }
          builder.connect(
            userNode, groupNode, .memberOf,
            provenance: Provenance(
              file: user.file, location: location,
              grant: "GroupList of user \(user.name) names group \(name)"))
        }
      }
    }
  }

  /// Adds an `assumes` edge from each instance profile to its role.
  private func connectInstanceProfiles(into builder: inout EstateBuilder) {
    for export in exports {
      for role in export.roles {
        let roleNode = builder.nodeID(for: role.arn)!
        for profile in role.instanceProfiles {
          builder.connect(
            builder.nodeID(for: profile.arn)!, roleNode, .assumes,
            provenance: Provenance(
              file: role.file, location: profile.location,
              grant: "instance profile \(profile.name) holds role \(role.name)"))
        }
      }
    }
  }

  /// Collects every user and role of the run with its identity permissions, limited by its
  /// permissions boundary and by the SCPs of its account.
  ///
  /// SCPs do not apply to service-linked roles, whose path is `/aws-service-role/`.
  private func evaluatedPrincipals(
    in builder: EstateBuilder, directory: PolicyDirectory,
    serviceControl: [String: ServiceControl], warn: (ImportWarning) -> Void
  ) -> [EvaluatedPrincipal] {
    /// The sources of one principal's permissions. They are found in export order, so that
    /// warnings about missing boundaries keep that order.
    struct Holding {
      let holders: [any PolicyHolder]
      let boundary: ManagedPolicy?
      let serviceControl: ServiceControl?
      let context: RequestContext
      let node: NodeID
    }
    var holdings: [Holding] = []
    func hold(
      _ holder: any PolicyHolder, _ groups: [any PolicyHolder], _ boundaryARN: String?,
      _ context: RequestContext, isServiceLinked: Bool = false
    ) {
      holdings.append(
        Holding(
          holders: [holder] + groups,
          boundary: boundaryPolicy(boundaryARN, of: holder, directory: directory, warn: warn),
          serviceControl: isServiceLinked ? nil : serviceControl[holder.account],
          context: context, node: builder.nodeID(for: holder.arn)!))
    }

    let multiFactor = options.multiFactorAuthentication
    for export in exports {
      for user in export.users {
        let groups: [any PolicyHolder] = user.groups.compactMap {
          directory.group(named: $0.name, account: user.account)
        }
        let context = RequestContext(
          principalARN: user.arn, name: user.name, account: user.account, isUser: true,
          tags: user.tags, multiFactorAuthentication: multiFactor)
        hold(user, groups, user.permissionsBoundary, context)
      }
      for role in export.roles {
        let context = RequestContext(
          principalARN: role.arn, name: role.name, account: role.account, isUser: false,
          tags: role.tags, multiFactorAuthentication: multiFactor)
        hold(
          role, [], role.permissionsBoundary, context,
          isServiceLinked: role.path.hasPrefix("/aws-service-role/"))
      }
    }
    let policy = directory.policy(_:listedIn:)
    return ParallelWork.concurrentMap(count: holdings.count) { index in
      let holding = holdings[index]
      let holder = holding.holders[0]
      return EvaluatedPrincipal(
        arn: holder.arn, account: holder.account, label: holder.label, node: holding.node,
        permissions: PrincipalPermissions(
          holders: holding.holders, policy: policy, boundary: holding.boundary,
          serviceControl: holding.serviceControl, context: holding.context),
        context: holding.context)
    }
  }

  /// References a node for each specific resource that an Allow in effect names, such as
  /// `arn:aws:s3:::logs` for `arn:aws:s3:::logs/*`, when one of the Allow's actions
  /// belongs to the resource's service.
  private func referenceNamedResources(
    of principals: [EvaluatedPrincipal], into builder: inout EstateBuilder
  ) {
    var seenStatements: Set<StatementGrant.Key> = []
    var statements: [PolicyStatement] = []
    for principal in principals {
      for allow in principal.permissions.allows where seenStatements.insert(allow.key).inserted {
        statements.append(allow.statement)
      }
    }
    // The resources of each statement are found on all processors and referenced in order,
    // so node ids do not depend on the threads.
    let named = ParallelWork.concurrentMap(count: statements.count) { index in
      let statement = statements[index]
      guard case .only(let patterns) = statement.resources else { return [Node]() }
      let actions = ActionSet(statement.actions)
      return patterns.compactMap { pattern -> Node? in
        guard let resource = AWSResource(namedBy: pattern.text) else { return nil }
        let service = WildcardPattern(resource.arn.service + ":*", isCaseSensitive: false)
        return actions.includesActions(of: service) ? resource.node : nil
      }
    }
    for nodes in named {
      for node in nodes {
        builder.reference(node)
      }
    }
  }

  /// The number of principals whose grants are held at once while `connectAccess` adds
  /// their edges, which bounds the memory of grants worked out ahead.
  private static let accessBatchSize = 256

  /// Adds every principal's `access` edges to resources, service scopes and accounts, and to
  /// its account's admin privilege when it is allowed every action on every resource, all
  /// within its permissions boundary, SCPs and the resource policies of the run.
  ///
  /// The edges of a batch of principals are worked out on one thread per processor while
  /// the caller's thread adds the edges of the batch before, in principal order.
  private func connectAccess(
    into builder: inout EstateBuilder, evaluator: AccessEvaluator,
    resourcePolicy: ResourcePolicyEvaluator
  ) {
    let principals = resourcePolicy.principals
    // The copies share the evaluator's cache.
    var evaluators = Array(repeating: evaluator, count: ParallelWork.threadCount)
    // The node of each service scope of the catalog that has one yet, by index. A scope's
    // node is defined when the first grant reaches it.
    var scopeNodes: [Int: NodeID] = [:]
    // The id of each set of actions met so far. Hashing a set hashes the cached hash values
    // of its patterns, which is much cheaper than hashing every action name again.
    var actionIDs: [ActionSet: Int32] = [:]
    let batchSize = Self.accessBatchSize
    let batchCount = (principals.count + batchSize - 1) / batchSize
    ParallelWork.pipeline(count: batchCount) { batchIndex in
      let start = batchIndex * batchSize
      let batch = start..<min(start + batchSize, principals.count)
      let edges = ParallelWork.map(batch, states: &evaluators) { evaluator, index in
        let principal = principals[index]
        let grants = evaluator.grants(of: principal.permissions, account: principal.account)
          .flatMap { resourcePolicy.applying(toEach: $0, of: index) }
        return AccessEdges(of: principal, grants: grants)
      }
      return (batch: batch, edges: edges)
    } consume: { product in
      let edgesBefore = builder.edgeCount
      for (index, edges) in zip(product.batch, product.edges) {
        connectAccess(
          of: principals[index], edges, into: &builder, catalog: evaluator.catalog,
          scopeNodes: &scopeNodes, actionIDs: &actionIDs)
      }
      if product.batch.lowerBound == 0 {
        let allows = { (principal: EvaluatedPrincipal) in principal.permissions.allows.count }
        builder.reserveCapacity(
          additionalEdges: Self.expectedAccessEdges(
            firstBatchAllows: principals[product.batch].reduce(0) { $0 + allows($1) },
            laterAllows: principals[product.batch.upperBound...].reduce(0) { $0 + allows($1) },
            firstBatchEdges: builder.edgeCount - edgesBefore, edgeCount: builder.edgeCount))
      }
    }
  }

  /// Estimates the access edges of the principals after the first batch from the first
  /// batch's edges per Allow statement. The estimate is at most twice the edges so far, so
  /// an unusual first batch cannot make the builder reserve much more than it will use.
  static func expectedAccessEdges(
    firstBatchAllows: Int, laterAllows: Int, firstBatchEdges: Int, edgeCount: Int
  ) -> Int {
    guard firstBatchAllows > 0 else { return 0 }
    let estimate = Double(firstBatchEdges) / Double(firstBatchAllows) * Double(laterAllows)
    return min(Int(estimate.rounded(.up)), 2 * edgeCount)
  }

  /// One principal's access edges with their strings worked out, so that the thread that
  /// adds them to the builder only interns the strings and adds the edges.
  private struct AccessEdges {
    enum Target {
      case resource(NodeID)
      /// A service scope, by index into `ResourceCatalog.scopes`.
      case serviceScope(Int)
      case node(Node)
    }

    enum Actions {
      /// Actions that a grant worked out, listed as `ActionSet.edgeActions` lists them.
      case set(ActionSet)
      /// Actions given as the edge lists them, as for the edge to an admin privilege.
      case listed([String])
    }

    struct Edge {
      let target: Target
      /// The edge's actions, or nil when they are those of the edge before.
      let actions: Actions?
      /// The edge's provenance, or nil when it is that of the edge before.
      let provenance: Provenance?
      let isConditional: Bool
    }

    var edges: [Edge] = []

    /// Lists the edges of `grants` in order, then an edge to the account's admin privilege
    /// for each Allow that grants every action on every resource.
    init(of principal: EvaluatedPrincipal, grants: [AccessEvaluator.Grant]) {
      // Consecutive grants of one Allow statement mostly share their actions and provenance,
      // so an edge repeats neither when they equal those of the edge before. The builder
      // then reuses their ids instead of hashing the strings again.
      var previousActions: ActionSet?
      var previousProvenance: Provenance?
      edges.reserveCapacity(grants.count)
      for grant in grants {
        let target: Target
        switch grant.target {
        case .resource(let node): target = .resource(node)
        case .serviceScope(let scope): target = .serviceScope(scope)
        case .account(let account): target = .node(AWSNodes.accountScope(account))
        }
        var actions: Actions?
        if previousActions != grant.actionSet {
          actions = .set(grant.actionSet)
          previousActions = grant.actionSet
        }
        var provenance: Provenance?
        if previousProvenance != grant.provenance {
          provenance = grant.provenance
          previousProvenance = grant.provenance
        }
        edges.append(
          Edge(
            target: target, actions: actions, provenance: provenance,
            isConditional: grant.isConditional))
      }
      let admin = AWSNodes.accountAdmin(principal.account)
      for grant in principal.permissions.everyActionOnEveryResource() {
        edges.append(
          Edge(
            target: .node(admin), actions: .listed(["*"] + grant.exclusions.map { "!" + $0 }),
            provenance: grant.allow.provenance(adding: grant.conditionNote),
            isConditional: grant.isConditional))
      }
    }
  }

  /// Adds one principal's access edges, worked out by `AccessEdges`.
  private func connectAccess(
    of principal: EvaluatedPrincipal, _ access: AccessEdges,
    into builder: inout EstateBuilder, catalog: ResourceCatalog, scopeNodes: inout [Int: NodeID],
    actionIDs: inout [ActionSet: Int32]
  ) {
    var actionsID: Int32 = -1
    var provenanceID: Int32 = -1
    for edge in access.edges {
      let target: NodeID
      switch edge.target {
      case .resource(let node):
        target = node
      case .serviceScope(let scope):
        if let node = scopeNodes[scope] {
          target = node
        } else {
          target = defineServiceScope(scope, of: catalog, into: &builder)
          scopeNodes[scope] = target
        }
      case .node(let node):
        target = builder.reference(node)
      }
      switch edge.actions {
      case .set(let actions)?:
        if let known = actionIDs[actions] {
          actionsID = known
        } else {
          actionsID = builder.actionsID(for: actions.edgeActions)
          actionIDs[actions] = actionsID
        }
      case .listed(let actions)?:
        actionsID = builder.actionsID(for: actions)
      case nil:
        break
      }
      if let provenance = edge.provenance {
        provenanceID = builder.provenanceID(for: provenance)
      }
      builder.connect(
        principal.node, target, .access, actionsID: actionsID, provenanceID: provenanceID,
        isConditional: edge.isConditional)
    }
  }

  /// Adds the node of a group of roles that trust their own account alike, a `contains`
  /// edge to each of its roles, and the `assumes` edges into it.
  private func connectTrust(
    _ group: TrustEvaluator.AccountGroup, into builder: inout EstateBuilder,
    evaluator: TrustEvaluator
  ) {
    let groupNode = builder.define(group.node)
    for role in group.roles {
      builder.connect(
        groupNode, builder.nodeID(for: role.arn)!, .contains,
        provenance: Provenance(
          file: role.file, location: role.location + ".AssumeRolePolicyDocument",
          grant: "role \(role.name) is one of the \(group.node.name)"))
    }
    for edge in group.edges {
      guard case .principal(let index) = edge.source else { continue }
      builder.connect(
        evaluator.principals[index].node, groupNode, edge.relation, actions: [edge.action],
        provenance: edge.provenance, isConditional: edge.isConditional)
    }
  }

  private func connectTrust(
    _ edges: [TrustEvaluator.TrustEdge], into role: IAMRole, builder: inout EstateBuilder,
    evaluator: TrustEvaluator
  ) {
    let roleNode = builder.nodeID(for: role.arn)!
    for edge in edges {
      let source: NodeID
      switch edge.source {
      case .principal(let index): source = evaluator.principals[index].node
      case .node(let node): source = builder.reference(node)
      }
      builder.connect(
        source, roleNode, edge.relation, actions: [edge.action], provenance: edge.provenance,
        isConditional: edge.isConditional)
    }
  }
}
