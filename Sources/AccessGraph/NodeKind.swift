/// The kind of a node in the access graph: something that can act, or something acted on.
public enum NodeKind: String, CaseIterable, Codable, Sendable, Comparable {
  /// A person: an IAM user used by a person, an Entra or Google user, an on-premises account.
  case human
  /// Something that runs code: an instance, a function, a pod, a CI job, a cron host.
  case workload
  /// A non-human identity: an IAM role, a service principal, a managed identity, a service account.
  case serviceIdentity
  /// A set of identities that share grants: an IAM group, an Entra or Kubernetes group.
  case group
  /// Something used through a grant: a bucket, a database, a vault, an application.
  case resource
  /// A secret that signs in as an identity: an access key, a client secret, a token.
  case credential
  /// A container of resources: an AWS account, an Azure subscription, a GCP project, a namespace.
  case scope
  /// A named top privilege, such as AWS account admin or Kubernetes cluster-admin.
  case privilege

  /// Whether the node acts with grants of its own, so that gaining it means acting as it.
  ///
  /// Reaching an actor through `access`, `reads` or `contains` only makes it reachable;
  /// acting as it needs a relation such as `assumes`, `controls` or `memberOf`.
  public var isActor: Bool {
    switch self {
    case .human, .workload, .serviceIdentity, .group: true
    case .resource, .credential, .scope, .privilege: false
    }
  }

  /// Whether the node is an identity that can be misused: a person, a workload or a service
  /// identity. Groups are excluded because nobody signs in as a group.
  public var isIdentity: Bool {
    switch self {
    case .human, .workload, .serviceIdentity: true
    default: false
    }
  }

  public static func < (lhs: NodeKind, rhs: NodeKind) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}
