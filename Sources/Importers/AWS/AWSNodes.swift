import AccessGraph

/// The nodes the AWS importer adds, with their ids, kinds and types in one place.
///
/// IAM entities keep their ARN as id. Nodes that AWS gives no ARN have ids of the form
/// `aws:<what>/<detail>`, listed in docs/aws.md.
enum AWSNodes {
  static func user(_ user: IAMUser) -> Node {
    Node(
      id: user.arn, kind: isMachineUser(user) ? .serviceIdentity : .human, platform: .aws,
      account: user.account, name: user.name, type: "iam-user", tags: user.tags)
  }

  static func group(_ group: IAMGroup) -> Node {
    Node(
      id: group.arn, kind: .group, platform: .aws, account: group.account, name: group.name,
      type: "iam-group")
  }

  static func role(_ role: IAMRole) -> Node {
    var tags = role.tags
    if let lastUsed = role.lastUsed { tags["lastUsed"] = lastUsed }
    return Node(
      id: role.arn, kind: .serviceIdentity, platform: .aws, account: role.account,
      name: role.name, type: "iam-role", tags: tags)
  }

  static func instanceProfile(_ profile: InstanceProfile, account: String) -> Node {
    Node(
      id: profile.arn, kind: .serviceIdentity, platform: .aws, account: account,
      name: instanceProfileName(profile.name), type: "iam-instance-profile")
  }

  /// Returns the node of a role that an input names by ARN, of the kind, type and name that
  /// `role(_:)` gives it, so that an export in the same run defines it.
  static func role(arn: ARN) -> Node {
    Node(
      id: arn.description, kind: .serviceIdentity, platform: .aws, account: arn.account,
      name: arn.resourceName, type: "iam-role")
  }

  /// Returns the node of an instance profile that an input names by ARN, of the kind, type
  /// and name that `instanceProfile(_:account:)` gives it.
  static func instanceProfile(arn: ARN) -> Node {
    Node(
      id: arn.description, kind: .serviceIdentity, platform: .aws, account: arn.account,
      name: instanceProfileName(arn.resourceName), type: "iam-instance-profile")
  }

  /// Returns the display name of an instance profile, `instance profile <name>`, so that it
  /// differs from the role of the same name that the profile usually contains.
  private static func instanceProfileName(_ name: String) -> String {
    "instance profile \(name)"
  }

  /// Returns the node of a resource that runs code with an IAM identity, such as a Lambda
  /// function, with its ARN as id and the type that docs/aws.md lists for it.
  static func workload(_ workload: Workload) -> Node {
    Node(
      id: workload.arn.description, kind: .workload, platform: .aws,
      account: workload.arn.account, name: workload.name, type: workload.type.rawValue,
      tags: workload.tags)
  }

  /// Returns the scope node of an account, `aws:account/<account id>`, whether or not its
  /// export is in the run.
  static func accountScope(_ account: String) -> Node {
    Node(
      id: "aws:account/\(account)", kind: .scope, platform: .aws, account: account,
      name: account, type: "aws-account")
  }

  /// Returns the scope node of the resources of one service in an account,
  /// `aws:account/<account id>/<service>`, such as `aws:account/111122223333/s3`. An empty
  /// `account` gives the scope of the service's resources of no known account,
  /// `aws:account/unknown/<service>`.
  static func serviceScope(_ service: String, account: String) -> Node {
    guard !account.isEmpty else {
      return Node(
        id: "aws:account/unknown/\(service)", kind: .scope, platform: .aws, account: "",
        name: "\(service) of no known account", type: "aws-service-scope")
    }
    return Node(
      id: "aws:account/\(account)/\(service)", kind: .scope, platform: .aws, account: account,
      name: "\(service) in \(account)", type: "aws-service-scope")
  }

  /// Returns the node that groups the identities of an account that one escalation technique
  /// reaches alike, such as `aws:account/111122223333/users` or
  /// `aws:account/111122223333/roles-trusting/lambda.amazonaws.com`.
  static func identityGroup(_ kind: String, account: String, name: String) -> Node {
    Node(
      id: "aws:account/\(account)/\(kind)", kind: .scope, platform: .aws, account: account,
      name: name, type: "aws-identity-group")
  }

  /// Returns the privilege node of an account, `aws:admin/<account id>`, which stands for
  /// every action on every resource of the account.
  static func accountAdmin(_ account: String) -> Node {
    Node(
      id: "aws:admin/\(account)", kind: .privilege, platform: .aws, account: account,
      name: "AWS account admin", type: "aws-account-admin")
  }

  /// Returns the node of an account's root user, `arn:<partition>:iam::<account id>:root`.
  static func rootUser(_ account: String, partition: String) -> Node {
    Node(
      id: ARN.accountRoot(account, partition: partition), kind: .human, platform: .aws,
      account: account, name: "root user of \(account)", type: "aws-root-user")
  }

  /// Returns the node of a credential that a credential report lists,
  /// `<user ARN>#<access-key-N or password>`.
  static func credential(
    _ credential: CredentialReport.Credential, of user: CredentialReport.User
  ) -> Node {
    Node(
      id: "\(user.arn)#\(credential.idSuffix)", kind: .credential, platform: .aws,
      account: user.arn.account, name: "\(credential.label) of \(user.label)",
      type: credential.type,
      credential: CredentialDetails(
        type: .static, created: credential.created, lastUsed: credential.lastUsed))
  }

  /// Returns the workload node for an AWS service that a role trusts or a resource policy
  /// names in one account, `aws:service/<account id>/<service principal>`. It stands for
  /// every function, instance or task that the service runs for that account. When the
  /// account is not known, as for a bucket whose account no input gives, the id is
  /// `aws:service/<service principal>`.
  static func serviceWorkload(_ service: String, account: String) -> Node {
    let id = account.isEmpty ? "aws:service/\(service)" : "aws:service/\(account)/\(service)"
    return Node(
      id: id, kind: .workload, platform: .aws, account: account, name: service,
      type: "aws-service")
  }

  /// The node for `"Principal": {"AWS": "*"}`, `aws:principal/*`: every AWS principal of
  /// every account.
  static let anyPrincipal = Node(
    id: "aws:principal/*", kind: .group, platform: .aws, name: "any AWS principal",
    type: "aws-any-principal")

  /// Returns the node for a `Federated` principal. An IAM OIDC or SAML provider keeps its ARN
  /// as id, and a web identity provider such as `accounts.google.com` gets
  /// `aws:web-identity/<name>`.
  static func identityProvider(_ provider: String) -> Node {
    guard let arn = ARN(provider) else {
      return Node(
        id: "aws:web-identity/\(provider)", kind: .serviceIdentity, platform: .aws,
        name: provider, type: "web-identity-provider")
    }
    let name = arn.resource.drop(while: { $0 != "/" }).dropFirst()
    return Node(
      id: provider, kind: .serviceIdentity, platform: .aws,
      account: ARN.isAccountID(arn.account) ? arn.account : "",
      name: name.isEmpty ? provider : String(name), type: "iam-\(arn.resourceType)")
  }

  /// Returns the node for a user, role or session that a policy names but no export in the
  /// run lists.
  static func outsidePrincipal(_ arn: ARN) -> Node {
    let (kind, type): (NodeKind, String) =
      switch arn.resourceType {
      case "role": (.serviceIdentity, "iam-role")
      case "assumed-role": (.serviceIdentity, "sts-assumed-role")
      case "federated-user": (.human, "sts-federated-user")
      default: (.human, "iam-\(arn.resourceType)")
      }
    return Node(
      id: arn.description, kind: kind, platform: .aws,
      account: ARN.isAccountID(arn.account) ? arn.account : "",
      name: arn.resourceType == "assumed-role" ? arn.resource : arn.resourceName, type: type)
  }

  /// Tag keys, compared case-insensitively, whose value can mark a user as a machine.
  static let machineTagKeys: Set<String> = ["kind", "type", "usage", "purpose"]
  /// Tag values and path segments, compared case-insensitively, that mark a machine user.
  static let machineTagValues: Set<String> = [
    "service", "service-account", "workload", "automation", "machine", "bot", "ci", "cicd",
    "system",
  ]
  static let machinePathSegments: Set<String> = [
    "service", "services", "service-accounts", "system", "automation", "machine", "machines",
    "bots", "ci", "cicd",
  ]

  /// Returns whether a user is a machine rather than a person, because a tag such as
  /// `kind=service` marks it or its path has a segment such as `/service/` or `/ci/`.
  static func isMachineUser(_ user: IAMUser) -> Bool {
    let tagged = user.tags.contains { key, value in
      machineTagKeys.contains(key.lowercased()) && machineTagValues.contains(value.lowercased())
    }
    let segments = user.path.split(separator: "/").map { $0.lowercased() }
    return tagged || segments.contains(where: machinePathSegments.contains)
  }
}
