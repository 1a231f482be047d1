import AccessGraph

/// IAM roles for service accounts (IRSA) and EKS Pod Identity.
extension WorkloadIdentityFederation {
  static let roleAnnotation = "eks.amazonaws.com/role-arn"
  static let assumeRoleWithWebIdentity = "sts:AssumeRoleWithWebIdentity"
  /// The audience of the tokens that the EKS Pod Identity Webhook projects for IRSA.
  static let stsAudience = "sts.amazonaws.com"
  /// The service principal that EKS Pod Identity assumes roles as.
  static let podIdentityService = "pods.eks.amazonaws.com"

  /// A trust statement's decision for one service account.
  struct TrustDecision {
    let statement: PolicyStatement
    /// Whether a condition the run cannot decide limits it.
    let isConditional: Bool
    /// A Deny statement with an undecided condition that may remove it.
    let conditionalDeny: PolicyStatement?
  }

  /// Adds a `federates` edge from each service account of an EKS cluster to each role of
  /// the run whose trust policy lets it call `sts:AssumeRoleWithWebIdentity` with a token
  /// of the cluster's OIDC issuer.
  ///
  /// The trust must name the IAM OIDC provider of the issuer in the role's own account, and
  /// its conditions are decided with `<issuer>:sub` set to `system:serviceaccount:NS:NAME`
  /// and `<issuer>:aud` to `sts.amazonaws.com`. An account annotated with the role gets an
  /// edge that is conditional only when an undecided condition limits the trust. An
  /// account without the annotation still gets a conditional edge, because any pod that
  /// runs as it can mount a projected token with that audience and set `AWS_ROLE_ARN`
  /// itself. The annotation only makes the webhook do so.
  ///
  /// - Complexity: O(c · a · r) for c clusters, a service accounts and r roles that trust
  ///   the cluster's issuer.
  func connectRolesForServiceAccounts(
    into builder: inout EstateBuilder, warn: (ImportWarning) -> Void
  ) {
    for name in clusters.keys.sorted() {
      let accounts = serviceAccounts(of: clusters[name]!)
      guard let description = descriptions[.eks]?[name],
        let issuer = description.issuerHostAndPath
      else {
        let reason =
          descriptions[.eks]?[name] == nil
          ? "no `aws eks describe-cluster` output in the run describes cluster \(name)"
          : "the `aws eks describe-cluster` output of cluster \(name) gives no OIDC issuer"
        for account in accounts where account.annotation(Self.roleAnnotation) != nil {
          warn(
            account.warning(
              "\(account.describe(annotation: Self.roleAnnotation)), but \(reason), so the "
                + "role's trust is not checked and no edge is made; add the output of "
                + "`aws eks describe-cluster --name \(name) --output json`"))
        }
        continue
      }
      let trusting = roles.filter { trustsIssuer($0, issuer) }
      for account in accounts {
        connect(account, to: trusting, issuer: issuer, into: &builder, warn: warn)
      }
    }
  }

  /// Returns the ARN of the IAM OIDC provider of `issuer` in the role's account and
  /// partition.
  private func providerARN(of role: IAMRole, issuer: String) -> String {
    let partition = ARN(role.arn)?.partition ?? "aws"
    return "arn:\(partition):iam::\(role.account):oidc-provider/\(issuer)"
  }

  /// Returns whether an Allow statement of the role's trust policy names the issuer's
  /// provider of the role's account, before conditions are decided.
  private func trustsIssuer(_ role: IAMRole, _ issuer: String) -> Bool {
    let provider = providerARN(of: role, issuer: issuer)
    return role.trustPolicy?.statements.contains {
      $0.effect == .allow && ($0.principals?.federated.contains(provider) ?? false)
    } ?? false
  }

  private func connect(
    _ account: FederatedServiceAccount, to trusting: [IAMRole], issuer: String,
    into builder: inout EstateBuilder, warn: (ImportWarning) -> Void
  ) {
    let annotated = account.annotation(Self.roleAnnotation)
    var isAnnotatedRoleTrusting = false
    for role in trusting {
      let provider = providerARN(of: role, issuer: issuer)
      let context = RequestContext.webIdentity(
        issuer: issuer, subject: account.username, audience: Self.stsAudience)
      guard
        let decision = Self.decision(
          of: role, principal: { $0.federated.contains(provider) },
          actions: [Self.assumeRoleWithWebIdentity], context: context)
      else {
        continue
      }
      let isAnnotated = annotated == role.arn
      isAnnotatedRoleTrusting = isAnnotatedRoleTrusting || isAnnotated
      var grant = ""
      if isAnnotated {
        grant = account.describe(annotation: Self.roleAnnotation) + account.annotationPlace
          + ", and "
      } else {
        grant = "no \(Self.roleAnnotation) annotation of service account "
          + "\(account.namespace)/\(account.name) of cluster \(account.cluster) names the role, "
          + "but a pod that runs as it can mount a token with audience \(Self.stsAudience) "
          + "itself, because "
      }
      grant += "the trust policy of role \(role.name), \(decision.statement.label), allows "
        + "\(Self.assumeRoleWithWebIdentity) from the OIDC provider \(provider) for "
        + account.username
      if let deny = decision.conditionalDeny {
        grant += "; a Deny with a condition may remove it (\(deny.label))"
      }
      builder.connect(
        node(of: account, in: &builder), builder.reference(AWSNodes.role(role)), .federates,
        actions: [Self.assumeRoleWithWebIdentity],
        provenance: Provenance(
          file: role.file, location: decision.statement.location, grant: grant),
        isConditional: decision.isConditional || !isAnnotated)
    }
    guard let annotated, !isAnnotatedRoleTrusting else { return }
    let message: String
    if let role = roles.first(where: { $0.arn == annotated }) {
      message = "the trust policy of role \(role.name) does not allow "
        + "\(Self.assumeRoleWithWebIdentity) from the OIDC provider "
        + "\(providerARN(of: role, issuer: issuer)) for \(account.username), so no edge is "
        + "made; add a trust statement for that provider whose `\(issuer):sub` condition "
        + "matches \(account.username)"
    } else {
      message = "no export in the run lists role \(annotated), so its trust policy is not "
        + "checked and no edge is made; export the role's account with `aws iam "
        + "get-account-authorization-details`"
    }
    warn(account.warning("\(account.describe(annotation: Self.roleAnnotation)), but \(message)"))
  }

  /// Returns the Allow statement of the role's trust policy that lets a principal call
  /// every one of `actions`, with whether undecided conditions limit it, or nil when no
  /// statement allows it or a Deny that holds removes it.
  ///
  /// An Allow whose conditions hold wins over one whose conditions are undecided. A Deny
  /// of one of the actions that names the principal, or `*`, removes the grant when its
  /// conditions hold and makes it conditional when they are undecided.
  ///
  /// - Complexity: O(s · k) for s trust statements of at most k condition clauses.
  static func decision(
    of role: IAMRole, principal names: (StatementPrincipals) -> Bool, actions: [String],
    context: RequestContext
  ) -> TrustDecision? {
    guard let statements = role.trustPolicy?.statements else { return nil }
    var best: (statement: PolicyStatement, outcome: ConditionClause.Outcome)?
    for statement in statements where statement.effect == .allow {
      guard let principals = statement.principals, names(principals),
        actions.allSatisfy(statement.actions.contains)
      else {
        continue
      }
      let outcome = ConditionClause.Outcome.all(
        statement.conditions.map { $0.evaluate(in: context) })
      if outcome == .holds {
        best = (statement, outcome)
        break
      }
      if outcome == .unknown, best == nil { best = (statement, outcome) }
    }
    guard let best else { return nil }
    var conditionalDeny: PolicyStatement?
    for deny in statements where deny.effect == .deny {
      guard let principals = deny.principals, names(principals) || principals.aws.contains("*"),
        actions.contains(where: deny.actions.contains)
      else {
        continue
      }
      switch ConditionClause.Outcome.all(deny.conditions.map { $0.evaluate(in: context) }) {
      case .holds: return nil
      case .unknown: conditionalDeny = conditionalDeny ?? deny
      case .fails: break
      }
    }
    return TrustDecision(
      statement: best.statement,
      isConditional: best.outcome == .unknown || conditionalDeny != nil,
      conditionalDeny: conditionalDeny)
  }

  /// Adds a `federates` edge from the service account of each EKS Pod Identity
  /// association to its role, when the role's trust policy lets `pods.eks.amazonaws.com`
  /// call `sts:AssumeRole` and `sts:TagSession`, as EKS Pod Identity requires.
  ///
  /// - Complexity: O(p · s) for p associations and s trust statements of a role.
  func connectPodIdentityAssociations(
    into builder: inout EstateBuilder, warn: (ImportWarning) -> Void
  ) {
    let rolesByARN = Dictionary(roles.map { ($0.arn, $0) }, uniquingKeysWith: { first, _ in first })
    for association in associations {
      let label =
        "EKS Pod Identity association \(association.associationID) of cluster "
        + "\(association.clusterName) for service account "
        + "\(association.namespace)/\(association.serviceAccount)"
      let place = ImportWarning(file: association.file, location: association.location, message: "")
      guard let roleARN = association.roleARN else {
        var warning = place
        warning.message = "\(label) names no role, as `list-pod-identity-associations` prints "
          + "it, so it gives no edge; add the output of `aws eks "
          + "describe-pod-identity-association --cluster-name \(association.clusterName) "
          + "--association-id \(association.associationID)`"
        warn(warning)
        continue
      }
      let actions = ["sts:AssumeRole", "sts:TagSession"]
      guard let role = rolesByARN[roleARN],
        let decision = Self.decision(
          of: role, principal: { $0.services.contains(Self.podIdentityService) },
          actions: actions, context: .unknown)
      else {
        var warning = place
        warning.message =
          rolesByARN[roleARN] == nil
          ? "\(label) names role \(roleARN), which no export in the run lists, so its trust "
            + "policy is not checked and no edge is made; export the role's account"
          : "\(label) names role \(roleARN), whose trust policy does not let "
            + "\(Self.podIdentityService) call sts:AssumeRole and sts:TagSession, so EKS "
            + "cannot give the pods its credentials and no edge is made"
        warn(warning)
        continue
      }
      let account = builder.reference(
        KubernetesNodes.serviceAccount(
          association.serviceAccount, namespace: association.namespace,
          in: association.clusterName))
      var grant = "\(label) gives it role \(role.name) (\(association.file):"
        + "\(association.location)), and the trust policy of the role, "
        + "\(decision.statement.label), lets \(Self.podIdentityService) assume it"
      if let deny = decision.conditionalDeny {
        grant += "; a Deny with a condition may remove it (\(deny.label))"
      }
      builder.connect(
        account, builder.reference(AWSNodes.role(role)), .federates, actions: actions,
        provenance: Provenance(file: role.file, location: decision.statement.location, grant: grant),
        isConditional: decision.isConditional)
    }
  }
}
