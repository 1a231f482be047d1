import XCTest

@testable import Importers

/// Every error an inventory can raise, compared by its full description.
final class InventoryValidationTests: XCTestCase {
  /// Returns an inventory document with a valid header and the given top-level members.
  private func inventory(_ members: String = "") -> String {
    #"{"inventory": {"name": "test", "version": 1}"# + (members.isEmpty ? "" : ", \(members)")
      + "}"
  }

  private let sectionList =
    "people (human), groups (group), serviceAccounts (serviceIdentity), workloads (workload), "
    + "applications (workload), resources (resource), secrets (credential), scopes (scope), "
    + "privileges (privilege)"

  private let relationList =
    "memberOf, assumes, runsAs, controls, access, reads, authenticatesAs, contains, escalates "
    + "or federates"

  // MARK: - Header

  func testHeaderMustBeObject() {
    XCTAssertEqual(
      InventoryFixtures.importError(#"{"inventory": "acme"}"#),
      "inline.json:inventory: expected an object, found a string; write it as a JSON object")
  }

  func testHeaderNeedsName() {
    XCTAssertEqual(
      InventoryFixtures.importError(#"{"inventory": {"version": 1}}"#),
      #"inline.json:inventory: "name" is missing; add a name, such as "#
        + #""name": "Acme on-premises""#)
  }

  func testHeaderRejectsOtherVersion() {
    XCTAssertEqual(
      InventoryFixtures.importError(#"{"inventory": {"name": "x", "version": 2}}"#),
      "inline.json:inventory.version: inventory version 2 is not supported; "
        + #"write "version": 1, the only version this tool reads"#)
  }

  func testHeaderNeedsVersion() {
    XCTAssertEqual(
      InventoryFixtures.importError(#"{"inventory": {"name": "x"}}"#),
      #"inline.json:inventory: "version" is missing; add "version": 1"#)
  }

  func testHeaderRejectsVersionAsString() {
    XCTAssertEqual(
      InventoryFixtures.importError(#"{"inventory": {"name": "x", "version": "1"}}"#),
      "inline.json:inventory.version: expected a whole number, found a string; "
        + #"write "version": 1"#)
  }

  func testHeaderRejectsUnknownKey() {
    XCTAssertEqual(
      InventoryFixtures.importError(#"{"inventory": {"name": "x", "version": 1, "acount": ""}}"#),
      #"inline.json:inventory.acount: unknown key "acount" in the inventory header; "#
        + #"did you mean "account"? The header takes "account", "name", "note", "platform", "#
        + #""version""#)
  }

  // MARK: - Sections and entry keys

  func testUnknownSectionSuggestsSectionForSynonym() {
    XCTAssertEqual(
      InventoryFixtures.importError(inventory(#""servers": []"#)),
      #"inline.json:servers: unknown section "servers"; did you mean "workloads"? "#
        + #"The top level takes "inventory", "grants", "marks" and the sections "# + sectionList)
  }

  func testUnknownSectionWithoutSuggestion() {
    XCTAssertEqual(
      InventoryFixtures.importError(inventory(#""zebras": []"#)),
      #"inline.json:zebras: unknown section "zebras"; "#
        + #"the top level takes "inventory", "grants", "marks" and the sections "# + sectionList)
  }

  func testEntryKeyTypoSuggestsKey() {
    XCTAssertEqual(
      InventoryFixtures.importError(inventory(#""people": [{"id": "a", "memberof": "g"}]"#)),
      #"inline.json:people[0].memberof: unknown key "memberof" in an entry of "people"; "#
        + #"did you mean "memberOf"? An entry there takes "access", "account", "assumes", "#
        + #""controls", "crownJewel", "escalates", "federates", "id", "memberOf", "name", "#
        + #""note", "platform", "reads", "tags", "type""#)
  }

  func testEntryRejectsRelationItsKindCannotStart() {
    XCTAssertEqual(
      InventoryFixtures.importError(inventory(#""people": [{"id": "a", "runsAs": "b"}]"#)),
      #"inline.json:people[0].runsAs: unknown key "runsAs" in an entry of "people"; "#
        + #"an entry there takes "access", "account", "assumes", "controls", "crownJewel", "#
        + #""escalates", "federates", "id", "memberOf", "name", "note", "platform", "reads", "#
        + #""tags", "type""#)
  }

  func testEntryRejectsKindKey() {
    XCTAssertEqual(
      InventoryFixtures.importError(
        inventory(#""resources": [{"id": "a", "kind": "workload"}]"#)),
      #"inline.json:resources[0].kind: entries take no "kind" because their section sets it; "#
        + #"remove "kind", or move the entry from "resources" to the section of its kind: "#
        + sectionList)
  }

  func testSectionMustBeArray() {
    XCTAssertEqual(
      InventoryFixtures.importError(inventory(#""people": {"id": "a"}"#)),
      "inline.json:people: expected an array, found an object; write it as a JSON array")
  }

  func testEntryMustBeObject() {
    XCTAssertEqual(
      InventoryFixtures.importError(inventory(#""people": ["alice"]"#)),
      "inline.json:people[0]: expected an object, found a string; write it as a JSON object")
  }

  // MARK: - Ids

  func testEntryNeedsId() {
    XCTAssertEqual(
      InventoryFixtures.importError(inventory(#""groups": [{"name": "DBA"}]"#)),
      #"inline.json:groups[0]: "id" is missing; add an id, a short slug such as "#
        + #""id": "svc-jenkins""#)
  }

  func testIdMustBeString() {
    XCTAssertEqual(
      InventoryFixtures.importError(inventory(#""groups": [{"id": 7}]"#)),
      "inline.json:groups[0].id: expected a string, found a number; write it as a JSON string")
  }

  func testIdRejectsSpace() {
    XCTAssertEqual(
      InventoryFixtures.importError(inventory(#""groups": [{"id": "db admins"}]"#)),
      #"inline.json:groups[0].id: the id "db admins" contains a space or control character; "#
        + #"write ids as slugs such as "svc-jenkins", and put display text in "name""#)
  }

  func testDefinedIdCannotBeARN() {
    XCTAssertEqual(
      InventoryFixtures.importError(
        inventory(#""people": [{"id": "arn:aws:iam::111122223333:user/alice"}]"#)),
      "inline.json:people[0].id: \"arn:aws:iam::111122223333:user/alice\" is an ARN, and an "
        + "inventory defines only its own nodes; name the ARN in a grant, and tag or mark it "
        + #"as a crown jewel under "marks""#)
  }

  func testDuplicateIdInOneFile() {
    XCTAssertEqual(
      InventoryFixtures.importError(
        inventory(#""people": [{"id": "alice"}], "groups": [{"id": "alice"}]"#)),
      #"inline.json:groups[0].id: duplicate id "alice", already defined at people[0]; "#
        + "give one of the two entries another id")
  }

  func testDuplicateIdAcrossFiles() {
    XCTAssertEqual(
      InventoryFixtures.importError(
        inventory(#""people": [{"id": "alice"}]"#), inventory(#""people": [{"id": "alice"}]"#)),
      #"inline-1.json:people[0].id: duplicate id "alice", already defined at "#
        + "inline.json:people[0]; give one of the two entries another id")
  }

  func testUnknownIdSuggestsDefinedId() {
    XCTAssertEqual(
      InventoryFixtures.importError(
        inventory(
          #""serviceAccounts": [{"id": "svc-jenkins"}], "secrets": [{"id": "aws-deploy-key"}], "#
            + #""grants": [{"from": "svc-jenkins", "reads": "aws-deploy-kee"}]"#)),
      #"inline.json:grants[0].reads: unknown id "aws-deploy-kee"; "#
        + #"did you mean "aws-deploy-key"? Check the spelling, define it in an entry of people, "#
        + "groups, serviceAccounts, workloads, applications, resources, secrets, scopes or "
        + "privileges, or name an AWS identity by its full ARN")
  }

  func testUnknownIdInListNamesElementPath() {
    XCTAssertEqual(
      InventoryFixtures.importError(
        inventory(
          #""people": [{"id": "alice", "memberOf": ["dba", "hr"]}], "groups": [{"id": "dba"}]"#)),
      #"inline.json:people[0].memberOf[1]: unknown id "hr"; "#
        + "check the spelling, define it in an entry of people, "
        + "groups, serviceAccounts, workloads, applications, resources, secrets, scopes or "
        + "privileges, or name an AWS identity by its full ARN")
  }

  func testMalformedARN() {
    let remedy = "write it as arn:aws:service:region:account:resource with a 12-digit "
      + "account, such as arn:aws:iam::111122223333:user/ci-deploy"
    XCTAssertEqual(
      InventoryFixtures.importError(
        inventory(
          #""secrets": [{"id": "k", "authenticatesAs": "arn:aws:iam::111122223333"}]"#)),
      #"inline.json:secrets[0].authenticatesAs: "arn:aws:iam::111122223333" is not a valid "#
        + "ARN; " + remedy)
    XCTAssertEqual(
      InventoryFixtures.importError(
        inventory(#""secrets": [{"id": "k", "authenticatesAs": "arn:aws:iam::1111:user/x"}]"#)),
      #"inline.json:secrets[0].authenticatesAs: "arn:aws:iam::1111:user/x" is not a valid "#
        + "ARN; " + remedy)
  }


  func testEmptyListOfIds() {
    XCTAssertEqual(
      InventoryFixtures.importError(inventory(#""people": [{"id": "alice", "memberOf": []}]"#)),
      "inline.json:people[0].memberOf: the list names no id; "
        + "name at least one id, or remove the key")
  }

  // MARK: - Grants

  func testGrantTypoInRelationListsRelations() {
    XCTAssertEqual(
      InventoryFixtures.importError(inventory(#""grants": [{"from": "a", "acess": "b"}]"#)),
      #"inline.json:grants[0].acess: unknown key "acess" in a grant; did you mean "access"? "#
        + #"A grant takes "from", one relation ("# + relationList
        + #") and optionally "actions", "condition" and "note""#)
  }

  func testGrantWithoutRelation() {
    XCTAssertEqual(
      InventoryFixtures.importError(inventory(#""grants": [{"from": "a", "note": "x"}]"#)),
      "inline.json:grants[0]: the grant names no relation; add one of " + relationList
        + " with the id it leads to")
  }

  func testGrantWithTwoRelations() {
    XCTAssertEqual(
      InventoryFixtures.importError(
        inventory(#""grants": [{"from": "a", "reads": "b", "access": "c"}]"#)),
      #"inline.json:grants[0]: the grant names 2 relations, "access" and "reads"; "#
        + "write one grant for each relation")
  }

  func testGrantNeedsFrom() {
    XCTAssertEqual(
      InventoryFixtures.importError(inventory(#""grants": [{"reads": "b"}]"#)),
      #"inline.json:grants[0]: "from" is missing; add "from" with the id that gains the grant"#)
  }

  func testGrantRejectsEmptyAction() {
    XCTAssertEqual(
      InventoryFixtures.importError(
        inventory(#""grants": [{"from": "a", "access": "b", "actions": ["read", ""]}]"#)),
      #"inline.json:grants[0].actions[1]: the action is empty; name the action, such as "#
        + #""read", or remove it"#)
  }

  func testAccessToIdentityExplainsWhy() {
    XCTAssertEqual(
      InventoryFixtures.importError(
        inventory(
          #""people": [{"id": "alice"}], "serviceAccounts": [{"id": "svc-backup"}], "#
            + #""grants": [{"from": "alice", "access": "svc-backup"}]"#)),
      #"inline.json:grants[0].access: "access" cannot lead to "svc-backup", "#
        + "a service identity, because access to an identity does not let anyone act as it; "
        + #"use "assumes" to act as it"#)
  }

  func testAccessToGroupSuggestsMemberOf() {
    XCTAssertEqual(
      InventoryFixtures.importError(
        inventory(
          #""people": [{"id": "alice", "access": "dba"}], "groups": [{"id": "dba"}]"#)),
      #"inline.json:people[0].access: "access" cannot lead to "dba", a group, because "#
        + "access to a group does not pass on the group's grants; "
        + #"use "memberOf" to gain the group's grants"#)
  }

  func testAccessToWorkloadSuggestsControls() {
    XCTAssertEqual(
      InventoryFixtures.importError(
        inventory(
          #""people": [{"id": "alice", "access": "web01"}], "workloads": [{"id": "web01"}]"#)),
      #"inline.json:people[0].access: "access" cannot lead to "web01", a workload, because "#
        + "access to an identity does not let anyone act as it; "
        + #"use "controls" to run code on it, or "assumes" to act as it"#)
  }

  func testReadsOfResourceSuggestsAccess() {
    XCTAssertEqual(
      InventoryFixtures.importError(
        inventory(
          #""people": [{"id": "alice", "reads": "share"}], "resources": [{"id": "share"}]"#)),
      #"inline.json:people[0].reads: "reads" cannot lead to "share", a resource; "#
        + #"use "access" with "actions" for a resource"#)
  }

  func testAccessToSecretSuggestsReads() {
    XCTAssertEqual(
      InventoryFixtures.importError(
        inventory(#""people": [{"id": "alice", "access": "pw"}], "secrets": [{"id": "pw"}]"#)),
      #"inline.json:people[0].access: "access" cannot lead to "pw", a secret; "#
        + #"use "reads" for a secret"#)
  }

  func testMemberOfResourceNamesAllowedTargets() {
    XCTAssertEqual(
      InventoryFixtures.importError(
        inventory(
          #""people": [{"id": "alice", "memberOf": "db"}], "resources": [{"id": "db"}]"#)),
      #"inline.json:people[0].memberOf: "memberOf" cannot lead to "db", a resource; "#
        + #""memberOf" leads to a group"#)
  }

  func testGrantSourceOfWrongKind() {
    XCTAssertEqual(
      InventoryFixtures.importError(
        inventory(
          #""people": [{"id": "alice"}], "serviceAccounts": [{"id": "svc"}], "#
            + #""grants": [{"from": "alice", "runsAs": "svc"}]"#)),
      #"inline.json:grants[0].from: "runsAs" cannot start at "alice", a person; "#
        + #""runsAs" starts at a workload"#)
  }

  func testStoredInPersonIsRejected() {
    XCTAssertEqual(
      InventoryFixtures.importError(
        inventory(#""people": [{"id": "alice"}], "secrets": [{"id": "pw", "storedIn": "alice"}]"#)),
      #"inline.json:secrets[0].storedIn: "storedIn" names "alice", a person; "#
        + "store a secret in a workload, a resource or a scope")
  }

  func testEdgeToItselfIsRejected() {
    XCTAssertEqual(
      InventoryFixtures.importError(
        inventory(#""groups": [{"id": "ops"}], "grants": [{"from": "ops", "memberOf": "ops"}]"#)),
      #"inline.json:grants[0].memberOf: "memberOf" leads from "ops" to itself; "#
        + "name another id, because an edge from a node to itself grants nothing")
  }

  // MARK: - Secrets

  func testUnknownCredentialType() {
    XCTAssertEqual(
      InventoryFixtures.importError(inventory(#""secrets": [{"id": "k", "type": "statc"}]"#)),
      #"inline.json:secrets[0].type: unknown credential type "statc"; did you mean "static"? "#
        + #"Use "static", "dynamic" or "managed""#)
  }

  func testCredentialTypeWithoutSuggestion() {
    XCTAssertEqual(
      InventoryFixtures.importError(
        inventory(#""secrets": [{"id": "k", "type": "aws-access-key"}]"#)),
      #"inline.json:secrets[0].type: unknown credential type "aws-access-key"; "#
        + #"use "static", "dynamic" or "managed""#)
  }

  func testDateMustBeISO8601() {
    XCTAssertEqual(
      InventoryFixtures.importError(
        inventory(#""secrets": [{"id": "k", "expires": "31/12/2025"}]"#)),
      #"inline.json:secrets[0].expires: "31/12/2025" is not an ISO 8601 date; "#
        + "write it as YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ")
  }

  func testDateChecks() {
    let valid = [
      "2024-05-01", "2024-05-01T09:30:00Z", "2024-05-01T09:30:00+02:00", "2024-12-31T23:59",
    ]
    let invalid = ["2024-5-1", "2024-13-01", "2024-05-00", "2024-05-01 09:30", "24-05-01", ""]

    for text in valid {
      XCTAssertTrue(InventoryParser.isISO8601Date(text), text)
    }
    for text in invalid {
      XCTAssertFalse(InventoryParser.isISO8601Date(text), text)
    }
  }

  // MARK: - Values

  func testTagValueMustBeString() {
    XCTAssertEqual(
      InventoryFixtures.importError(
        inventory(#""resources": [{"id": "db", "tags": {"tier": 1}}]"#)),
      "inline.json:resources[0].tags.tier: expected a string, found a number; "
        + #"write tag values as strings, such as "tier": "yes""#)
  }

  func testCrownJewelMustBeBoolean() {
    XCTAssertEqual(
      InventoryFixtures.importError(
        inventory(#""resources": [{"id": "db", "crownJewel": "yes"}]"#)),
      "inline.json:resources[0].crownJewel: expected true or false, found a string; "
        + "write true or false")
  }

  func testEmptyNameIsRejected() {
    XCTAssertEqual(
      InventoryFixtures.importError(inventory(#""resources": [{"id": "db", "name": " "}]"#)),
      "inline.json:resources[0].name: the value is empty; write some text, or remove the key")
  }

  // MARK: - Marks

  func testMarkOfOwnEntryIsRejected() {
    XCTAssertEqual(
      InventoryFixtures.importError(
        inventory(
          #""resources": [{"id": "db"}], "marks": [{"id": "db", "crownJewel": true}]"#)),
      #"inline.json:marks[0].id: "db" is defined in the inventory at resources[0]; "#
        + #"set "crownJewel" or "tags" on that entry instead of marking it"#)
  }

  func testMarkThatChangesNothing() {
    XCTAssertEqual(
      InventoryFixtures.importError(
        inventory(#""marks": [{"id": "arn:aws:s3:::bucket", "crownJewel": false}]"#)),
      #"inline.json:marks[0]: the mark changes nothing; add "crownJewel": true or "tags", "#
        + "or remove the mark")
  }

  func testMarkOfUnknownId() {
    XCTAssertEqual(
      InventoryFixtures.importError(
        inventory(#""marks": [{"id": "payroll", "crownJewel": true}]"#)),
      #"inline.json:marks[0].id: unknown id "payroll"; check the spelling, define it in an "#
        + "entry of people, groups, serviceAccounts, workloads, applications, resources, "
        + "secrets, scopes or privileges, or name an AWS identity by its full ARN")
  }

  func testMarkNeedsId() {
    XCTAssertEqual(
      InventoryFixtures.importError(inventory(#""marks": [{"crownJewel": true}]"#)),
      #"inline.json:marks[0]: "id" is missing; add "id" with the id or ARN of the node to mark"#)
  }

  func testMarkRejectsUnknownKey() {
    XCTAssertEqual(
      InventoryFixtures.importError(
        inventory(#""marks": [{"id": "arn:aws:s3:::bucket", "crownjewel": true}]"#)),
      #"inline.json:marks[0].crownjewel: unknown key "crownjewel" in a mark; "#
        + #"did you mean "crownJewel"? A mark takes "crownJewel", "id", "tags""#)
  }
}
