import AccessGraph

/// A four-node estate: an on-premises service account reads a key that signs in as an AWS
/// user with `*` on `*`; a second person reaches nothing.
enum ReportFixtures {
  static func graph(serviceName: String = "svc-build") -> AccessGraph {
    var builder = EstateBuilder()
    let service = builder.define(
      Node(id: "svc-build", kind: .serviceIdentity, platform: .onPremises, name: serviceName))
    let key = builder.define(
      Node(id: "key-1", kind: .credential, platform: .onPremises, name: "deploy key",
        credential: CredentialDetails(type: .static)))
    let user = builder.define(
      Node(id: "arn:aws:iam::111122223333:user/ci", kind: .serviceIdentity, platform: .aws,
        account: "111122223333", name: "ci"))
    let admin = builder.define(
      Node(id: "aws:admin/111122223333", kind: .privilege, platform: .aws,
        account: "111122223333", name: "AWS account admin"))
    builder.define(Node(id: "bob", kind: .human, platform: .onPremises, name: "Bob"))
    builder.connect(
      service, key, .reads, provenance: Provenance(file: "inv.json", location: "grants[0]",
        grant: "inventory grant 0"))
    builder.connect(
      key, user, .authenticatesAs,
      provenance: Provenance(file: "inv.json", location: "secrets[0]", grant: "key of ci"))
    builder.connect(
      user, admin, .access, actions: ["*"],
      provenance: Provenance(file: "aws.json", location: "UserDetailList[0]", grant: "admin"))
    return builder.freeze()
  }
}
