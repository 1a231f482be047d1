import AccessGraph

/// A hand-built hybrid estate of seven nodes shared by the analysis tests.
///
///     jenkins ─runsAs→ svc-jenkins ─reads→ key ─authenticatesAs→ ci-user
///     ci-user ─assumes→ admin-role ─access[*]→ aws-admin
///     admin-role ─access[s3:GetObject]→ payroll (crown jewel)
///     analyst ─access[s3:List*]→ payroll
enum SmallEstate {
  static func graph() -> AccessGraph {
    var builder = EstateBuilder()
    let jenkins = builder.define(
      Node(id: "jenkins", kind: .workload, platform: .onPremises, name: "Jenkins"))
    let service = builder.define(
      Node(id: "svc-jenkins", kind: .serviceIdentity, platform: .onPremises))
    let key = builder.define(
      Node(id: "AKIAEXAMPLE", kind: .credential, platform: .aws, account: "111122223333",
        name: "ci key", credential: CredentialDetails(type: .static)))
    let user = builder.define(
      Node(id: "arn:aws:iam::111122223333:user/ci", kind: .serviceIdentity, platform: .aws,
        account: "111122223333", name: "ci"))
    let role = builder.define(
      Node(id: "arn:aws:iam::111122223333:role/admin", kind: .serviceIdentity, platform: .aws,
        account: "111122223333", name: "admin"))
    let admin = builder.define(
      Node(id: "aws:admin/111122223333", kind: .privilege, platform: .aws,
        account: "111122223333", name: "AWS account admin"))
    let payroll = builder.define(
      Node(id: "arn:aws:s3:::payroll", kind: .resource, platform: .aws,
        account: "111122223333", name: "payroll", isCrownJewel: true))
    let analyst = builder.define(
      Node(id: "arn:aws:iam::111122223333:user/analyst", kind: .human, platform: .aws,
        account: "111122223333", name: "analyst"))

    func origin(_ grant: String) -> Provenance {
      Provenance(file: "estate.json", location: grant, grant: grant)
    }
    builder.connect(jenkins, service, .runsAs, provenance: origin("runsAs"))
    builder.connect(service, key, .reads, provenance: origin("reads"))
    builder.connect(key, user, .authenticatesAs, provenance: origin("key"))
    builder.connect(
      user, role, .assumes, actions: ["sts:AssumeRole"], provenance: origin("trust"))
    builder.connect(role, admin, .access, actions: ["*"], provenance: origin("admin"))
    builder.connect(
      role, payroll, .access, actions: ["s3:GetObject"], provenance: origin("read payroll"),
      isConditional: true)
    builder.connect(
      analyst, payroll, .access, actions: ["s3:List*"], provenance: origin("list payroll"))
    return builder.freeze()
  }
}
