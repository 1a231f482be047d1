import AccessGraph
import Analysis

/// Small hand-built estates shared by the rendering tests.
enum Fixtures {
  static func provenance(_ grant: String) -> Provenance {
    Provenance(file: "estate.json", location: "grants[\(grant)]", grant: grant)
  }

  /// Builds six nodes across AWS and Azure. A person is in a group that can assume a
  /// deployment role. The role reads a crown-jewel bucket, can raise itself to account
  /// admin, and can obtain an Azure service principal under a condition.
  ///
  /// `reversed` adds the same nodes and edges in the opposite order.
  static func crossCloud(reversed: Bool = false) -> AccessGraph {
    let nodes = [
      Node(
        id: "arn:aws:iam::111122223333:user/alice", kind: .human, platform: .aws,
        account: "111122223333", name: "alice", type: "iam-user"),
      Node(
        id: "arn:aws:iam::111122223333:group/devs", kind: .group, platform: .aws,
        account: "111122223333", name: "devs", type: "iam-group"),
      Node(
        id: "arn:aws:iam::111122223333:role/deploy", kind: .serviceIdentity, platform: .aws,
        account: "111122223333", name: "deploy", type: "iam-role"),
      Node(
        id: "arn:aws:s3:::customer-data", kind: .resource, platform: .aws,
        account: "111122223333", name: "customer-data", type: "s3-bucket", isCrownJewel: true),
      Node(
        id: "aws:111122223333:admin", kind: .privilege, platform: .aws,
        account: "111122223333", name: "account admin", type: "account-admin"),
      Node(
        id: "azure:sp:7d1e5c2a", kind: .serviceIdentity, platform: .azure,
        account: "contoso.onmicrosoft.com", name: "release-bot", type: "service-principal"),
    ]
    typealias EdgeSpec = (Int, Int, Relation, [String], Bool)
    let edges: [EdgeSpec] = [
      (0, 1, .memberOf, [], false),
      (1, 2, .assumes, ["sts:AssumeRole"], false),
      (2, 3, .access, ["s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:DeleteObject"], false),
      (
        2, 4, .escalates,
        ["iam:PutRolePolicy", "iam:AttachRolePolicy", "iam:CreatePolicyVersion", "iam:PassRole"],
        false
      ),
      (2, 5, .federates, [], true),
    ]
    var builder = EstateBuilder()
    var ids: [Int: NodeID] = [:]
    for index in reversed ? Array(nodes.indices.reversed()) : Array(nodes.indices) {
      ids[index] = builder.define(nodes[index])
    }
    for (source, target, relation, actions, isConditional) in reversed ? edges.reversed() : edges {
      builder.connect(
        ids[source]!, ids[target]!, relation, actions: actions,
        provenance: provenance("\(relation.rawValue)-\(source)-\(target)"),
        isConditional: isConditional)
    }
    return builder.freeze()
  }

  static let readerID = "arn:aws:iam::111122223333:role/reader"

  /// Builds a graph where the role `readerID` can read `bucketCount` buckets in one account
  /// and `secretCount` secrets in another, and assume `roleCount` roles of type `roleType`.
  /// It reaches one crown-jewel bucket through an auditor role. With `pathThroughSecret`,
  /// the first secret signs in as the auditor, so that it lies on the only path to the
  /// crown jewel.
  static func wideRadius(
    bucketCount: Int, secretCount: Int, roleCount: Int = 0,
    roleType: (Int) -> String = { _ in "iam-role" },
    pathThroughSecret: Bool = false
  ) -> AccessGraph {
    var builder = EstateBuilder()
    let reader = builder.define(
      Node(
        id: readerID, kind: .serviceIdentity, platform: .aws, account: "111122223333",
        name: "reader", type: "iam-role"))
    for index in 0..<bucketCount {
      let bucket = builder.define(
        Node(
          id: "arn:aws:s3:::logs-\(index)", kind: .resource, platform: .aws,
          account: "111122223333", name: "logs-\(index)", type: "s3-bucket"))
      builder.connect(
        reader, bucket, .access, actions: ["s3:GetObject"], provenance: provenance("read-logs"))
    }
    var secrets: [NodeID] = []
    for index in 0..<secretCount {
      let secret = builder.define(
        Node(
          id: "arn:aws:secretsmanager:eu-west-1:444455556666:secret:app-\(index)",
          kind: .credential, platform: .aws, account: "444455556666", name: "app-\(index)",
          type: "secret", credential: CredentialDetails(type: .static)))
      builder.connect(
        reader, secret, .reads, actions: ["secretsmanager:GetSecretValue"],
        provenance: provenance("read-secrets"))
      secrets.append(secret)
    }
    for index in 0..<roleCount {
      let role = builder.define(
        Node(
          id: "arn:aws:iam::111122223333:role/worker-\(index)", kind: .serviceIdentity,
          platform: .aws, account: "111122223333", name: "worker-\(index)",
          type: roleType(index)))
      builder.connect(
        reader, role, .assumes, actions: ["sts:AssumeRole"], provenance: provenance("workers"))
    }
    let auditor = builder.define(
      Node(
        id: "arn:aws:iam::111122223333:role/auditor", kind: .serviceIdentity, platform: .aws,
        account: "111122223333", name: "auditor", type: "iam-role"))
    let payroll = builder.define(
      Node(
        id: "arn:aws:s3:::payroll", kind: .resource, platform: .aws, account: "111122223333",
        name: "payroll", type: "s3-bucket", isCrownJewel: true))
    if pathThroughSecret, let secret = secrets.first {
      builder.connect(secret, auditor, .authenticatesAs, provenance: provenance("key"))
    } else {
      builder.connect(
        reader, auditor, .assumes, actions: ["sts:AssumeRole"], provenance: provenance("trust"))
    }
    builder.connect(
      auditor, payroll, .access, actions: ["s3:GetObject"], provenance: provenance("audit"))
    return builder.freeze()
  }

  /// Builds an estate whose attack paths to admin share a few edges. alice and bob are
  /// members of devs, which assumes deploy. The on-premises service account svc-ci reads a
  /// key that signs in as the IAM user ci-user, which assumes deploy too. deploy assumes
  /// platform-admin, which has access to account admin and so is kept as its holder. carol
  /// assumes r1 and r2, and each of them assumes platform-admin, so carol's pair splits in
  /// half.
  ///
  /// With holders kept, `Chokepoints` ranks deploy → platform-admin first (score 5), then
  /// devs → deploy and ci-user → deploy (2 each), then r1 → platform-admin and
  /// r2 → platform-admin (1.5 each).
  static func chokepoints() -> AccessGraph {
    func aws(_ name: String, _ kind: NodeKind, _ type: String) -> Node {
      let path = type == "iam-group" ? "group" : (type == "iam-user" ? "user" : "role")
      return Node(
        id: "arn:aws:iam::111122223333:\(path)/\(name)", kind: kind, platform: .aws,
        account: "111122223333", name: name, type: type)
    }
    let nodes = [
      aws("alice", .human, "iam-user"), aws("bob", .human, "iam-user"),
      aws("carol", .human, "iam-user"), aws("ci-user", .serviceIdentity, "iam-user"),
      aws("devs", .group, "iam-group"), aws("deploy", .serviceIdentity, "iam-role"),
      aws("platform-admin", .serviceIdentity, "iam-role"),
      aws("r1", .serviceIdentity, "iam-role"), aws("r2", .serviceIdentity, "iam-role"),
      Node(
        id: "aws:111122223333:admin", kind: .privilege, platform: .aws,
        account: "111122223333", name: "account admin", type: "account-admin"),
      Node(
        id: "svc-ci", kind: .serviceIdentity, platform: .onPremises,
        account: "corp.example", name: "CORP\\svc-ci", type: "ad-service-account"),
      Node(
        id: "ci-key", kind: .credential, platform: .onPremises, account: "corp.example",
        name: "AWS key of ci-user", type: "aws-access-key",
        credential: CredentialDetails(type: .static)),
    ]
    let index = Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($1.name, $0) })
    typealias EdgeSpec = (String, String, Relation, [String])
    let edges: [EdgeSpec] = [
      ("alice", "devs", .memberOf, []), ("bob", "devs", .memberOf, []),
      ("devs", "deploy", .assumes, ["sts:AssumeRole"]),
      ("CORP\\svc-ci", "AWS key of ci-user", .reads, []),
      ("AWS key of ci-user", "ci-user", .authenticatesAs, []),
      ("ci-user", "deploy", .assumes, ["sts:AssumeRole"]),
      ("deploy", "platform-admin", .assumes, ["sts:AssumeRole"]),
      ("platform-admin", "account admin", .access, ["*"]),
      ("carol", "r1", .assumes, ["sts:AssumeRole"]), ("carol", "r2", .assumes, ["sts:AssumeRole"]),
      ("r1", "platform-admin", .assumes, ["sts:AssumeRole"]),
      ("r2", "platform-admin", .assumes, ["sts:AssumeRole"]),
    ]
    var builder = EstateBuilder()
    let ids = nodes.map { builder.define($0) }
    for (source, target, relation, actions) in edges {
      builder.connect(
        ids[index[source]!], ids[index[target]!], relation, actions: actions,
        provenance: provenance("\(source) \(relation.rawValue) \(target)"))
    }
    return builder.freeze()
  }

  /// A name with every character that could break DOT, SVG or a terminal.
  static let hostileName =
    "evil \"quoted\" back\\slash \\N <script>alert(1)</script> &amp; R&D\nsecond\r\nthird\u{7}end"

  /// An ARN of exactly 2,000 characters.
  static let longARN: String = {
    let prefix = "arn:aws:iam::111122223333:role/"
    return prefix + String(repeating: "a", count: 2_000 - prefix.count)
  }()

  /// Builds two nodes, joined by one edge, whose names, ids, types, accounts, platform,
  /// actions and provenance are hostile.
  static func hostile() -> AccessGraph {
    var builder = EstateBuilder()
    let evil = builder.define(
      Node(
        id: longARN, kind: .serviceIdentity, platform: Platform("evil<platform>&\""),
        account: "acct\"<b>", name: hostileName, type: "type<i>\\"))
    let target = builder.define(
      Node(
        id: "target\"];\nn0 -> n1; //", kind: .resource, platform: .aws,
        account: "111122223333", name: "</text><script>alert(2)</script>", type: "s3-bucket",
        isCrownJewel: true))
    builder.connect(
      evil, target, .access, actions: ["s3:<Get>\"Object", "a\\b"],
      provenance: Provenance(file: "in\"put.json", location: "<x>", grant: "g&h"))
    return builder.freeze()
  }
}
