import AccessGraph

/// Reads the CSV that `aws iam get-credential-report` returns (base64-decoded): one row per
/// IAM user and one for the account root.
///
/// `define` adds a credential node for each active access key and each enabled console
/// password, and a node for each root user. `connect` adds an `authenticatesAs` edge from
/// each credential to its user, tags each user with `mfa`, and gives each root user an
/// `access` edge with actions `["*"]` to its account's admin node. A user that no other
/// input defines is referenced by ARN. See docs/aws.md.
struct AWSCredentialReportImporter: TextSourceImporter {
  static let formatName = "AWS IAM credential report"

  private var reports: [CredentialReport] = []

  /// Recognizes the header: its first column is `user` and it has `user_creation_time`,
  /// which no other format that blast reads has.
  static func recognizes(_ document: TextDocument) -> Bool {
    let columns = document.firstLine.split(separator: ",", omittingEmptySubsequences: false)
    return columns.first == "user" && columns.contains("user_creation_time")
  }

  mutating func add(_ document: TextDocument) throws {
    reports.append(try CredentialReport.parse(document))
  }

  func define(into builder: inout EstateBuilder, warn: (ImportWarning) -> Void) throws {
    for user in reports.flatMap(\.users) {
      if user.isRoot {
        builder.define(AWSNodes.rootUser(user.arn.account, partition: user.arn.partition))
      }
      for credential in user.credentials {
        builder.define(AWSNodes.credential(credential, of: user))
      }
    }
  }

  func connect(into builder: inout EstateBuilder, warn: (ImportWarning) -> Void) throws {
    for user in reports.flatMap(\.users) {
      let userNode = builder.reference(AWSNodes.outsidePrincipal(user.arn))
      if let hasMFA = user.hasMFA {
        builder.update(userNode) { $0.tags["mfa"] = hasMFA ? "true" : "false" }
      }
      for credential in user.credentials {
        let credentialNode = builder.nodeID(for: AWSNodes.credential(credential, of: user).id)!
        builder.connect(
          credentialNode, userNode, .authenticatesAs,
          provenance: Provenance(
            file: user.file,
            location: "line \(user.line) (\(credential.columns.joined(separator: ", ")))",
            grant: "credential report: \(credential.label) of \(user.label), "
              + credential.summary))
      }
      if user.isRoot {
        // NOTE: Service control policies limit the root user of a member account as well,
        // but this edge does not apply them, so it may overstate that root user's reach.
        let admin = builder.reference(AWSNodes.accountAdmin(user.arn.account))
        builder.connect(
          userNode, admin, .access, actions: ["*"],
          provenance: Provenance(
            file: user.file, location: "line \(user.line) (arn)",
            grant: "credential report: the root user of account \(user.arn.account) can "
              + "use every action on every resource of the account"))
      }
    }
  }
}
