import AccessGraph

/// The tables that turn OpenGraph node kinds into node kinds, edge kinds into relations,
/// and kind prefixes and source kinds into platforms. docs/opengraph.md lists them.
///
/// Kinds compare without regard to letter case. A kind that is not in a table is tried
/// again without a platform prefix (`AZUser` as `User`), then without a namespace that
/// ends in an underscore (`Okta_User` as `User`). A node kind is last tried by its
/// trailing words (`BHUser` as `User`, `LocalGroup` as `Group`).
enum OpenGraphKinds {
  static let nodeKinds: [String: NodeKind] = table([
    .human: ["User", "Person", "Human", "Employee", "Contractor"],
    .workload: [
      "Computer", "Host", "Server", "Device", "Machine", "VM", "VirtualMachine", "VMScaleSet",
      "Workload", "Instance", "Pod", "Function", "FunctionApp", "WebApp", "LogicApp",
      "AutomationAccount", "Job", "Runner",
    ],
    .serviceIdentity: [
      "ServiceAccount", "ServicePrincipal", "ManagedIdentity", "ServiceIdentity", "Role", "App",
    ],
    .group: ["Group", "Team"],
    .scope: [
      "Domain", "Forest", "Tenant", "OU", "OrganizationalUnit", "Container", "Project",
      "Subscription", "ResourceGroup", "ManagementGroup", "Organization", "Folder", "Namespace",
      "Realm", "Scope",
    ],
    .credential: [
      "Credential", "Secret", "Password", "Key", "AccessKey", "Token", "APIToken", "Certificate",
    ],
    .resource: [
      "Resource", "Application", "Database", "Bucket", "Repository", "Share", "FileShare",
      "KeyVault", "StorageAccount", "ContainerRegistry", "GPO", "CertTemplate", "EnterpriseCA",
      "RootCA", "AIACA", "NTAuthStore", "IssuancePolicy",
    ],
    .privilege: ["Privilege"],
  ])

  static let relations: [String: Relation] = table([
    .memberOf: ["MemberOf", "MemberOfLocalGroup", "HasRole", "AssignedTo"],
    .assumes: [
      "Assumes", "HasSession", "ReadGMSAPassword", "HasSIDHistory", "AssumeRole", "CanAssume",
      "Impersonate", "CanImpersonate",
    ],
    .runsAs: ["RunsAs"],
    .controls: [
      "Controls", "AdminTo", "CanRDP", "CanPSRemote", "ExecuteDCOM", "AllowedToDelegate",
      "AllowedToAct", "SQLAdmin", "ReadLAPSPassword", "SyncLAPSPassword", "GPLink",
      "ExecuteCommand", "Contributor", "VMContributor", "VMAdminLogin",
    ],
    .access: ["Access", "GetSecrets", "GetKeys", "GetCertificates"],
    .reads: ["Reads"],
    .authenticatesAs: ["AuthenticatesAs"],
    .contains: ["Contains"],
    .escalates: [
      "Escalates", "GenericAll", "GenericWrite", "Owns", "Owner", "WriteDacl", "WriteOwner",
      "AllExtendedRights", "ForceChangePassword", "ResetPassword", "AddMember", "AddMembers",
      "AddSelf", "AddKeyCredentialLink", "WriteSPN", "AddAllowedToAct",
      "WriteAccountRestrictions", "DCSync", "AddOwner", "AddSecret", "GlobalAdmin",
      "PrivilegedRoleAdmin", "UserAccessAdministrator", "GrantRole", "GrantAppRoles",
    ],
    .federates: ["Federates"],
  ])

  /// Kind prefixes that name a platform, longest first so that `AZMG` wins over `AZ`.
  static let platformPrefixes: [(prefix: String, platform: Platform)] = [
    ("AZMG", .azure), ("KUBE", .kubernetes), ("AWS", .aws), ("GCP", .gcp), ("K8S", .kubernetes),
    ("AZ", .azure),
  ]

  /// Source kinds that name a platform, lowercased.
  static let sourcePlatforms: [String: Platform] = [
    "aws": .aws, "azure": .azure, "azuread": .azure, "entra": .azure, "entraid": .azure,
    "gcp": .gcp, "googlecloud": .gcp, "kubernetes": .kubernetes, "k8s": .kubernetes,
  ]

  private static func table<Value>(_ entries: [Value: [String]]) -> [String: Value] {
    var table: [String: Value] = [:]
    for (value, names) in entries {
      for name in names {
        precondition(table[name.lowercased()] == nil, "\(name) is listed twice")
        table[name.lowercased()] = value
      }
    }
    return table
  }

  /// Returns the node kind of the first of `kinds` that a table entry matches, with that
  /// kind, or nil when none matches.
  static func nodeKind(of kinds: [String]) -> (kind: NodeKind, matched: String)? {
    for kind in kinds {
      for candidate in candidates(for: kind, trailingWords: true) {
        if let mapped = nodeKinds[candidate.lowercased()] {
          return (mapped, kind)
        }
      }
    }
    return nil
  }

  /// Returns the relation that the edge kind `kind` maps to, or nil when no entry matches.
  static func relation(for kind: String) -> Relation? {
    for candidate in candidates(for: kind, trailingWords: false) {
      if let relation = relations[candidate.lowercased()] {
        return relation
      }
    }
    return nil
  }

  /// Returns the platform that a kind's prefix names, such as Azure for `AZUser`.
  static func platform(ofKind kind: String) -> Platform? {
    platformPrefix(of: kind)?.platform
  }

  /// Returns the platform that a source kind names, such as AWS for `aws`.
  static func platform(ofSource sourceKind: String) -> Platform? {
    sourcePlatforms[sourceKind.lowercased()]
  }

  /// Returns the prefix of `kind` that names a platform, with the rest of the kind. The rest
  /// must start with an upper-case letter or an underscore, so that `AZUser` has a prefix and
  /// `Azure` does not.
  private static func platformPrefix(of kind: String)
    -> (platform: Platform, rest: Substring)?
  {
    for (prefix, platform) in platformPrefixes {
      guard kind.count > prefix.count, kind.uppercased().hasPrefix(prefix) else { continue }
      var rest = kind.dropFirst(prefix.count)
      if rest.first == "_" {
        rest = rest.dropFirst()
      } else if rest.first?.isUppercase != true {
        continue
      }
      if !rest.isEmpty {
        return (platform, rest)
      }
    }
    return nil
  }

  /// Returns the forms of `kind` to look up, in order: the kind, the kind without a platform
  /// prefix, the part after its last underscore, and with `trailingWords` every ending that
  /// starts at an upper-case letter, longest first.
  private static func candidates(for kind: String, trailingWords: Bool) -> [String] {
    var forms = [kind]
    if let (_, rest) = platformPrefix(of: kind) {
      forms.append(String(rest))
    }
    if let underscore = kind.lastIndex(of: "_") {
      let rest = kind[kind.index(after: underscore)...]
      if !rest.isEmpty {
        forms.append(String(rest))
      }
    }
    // NOTE: Endings can match a kind that means something else, such as `CoffeeMachine` as
    // a workload through `Machine`; only the tables above are checked against real kinds.
    if trailingWords {
      var index = kind.index(after: kind.startIndex)
      while index < kind.endIndex {
        if kind[index].isUppercase {
          forms.append(String(kind[index...]))
        }
        index = kind.index(after: index)
      }
    }
    return forms
  }
}
