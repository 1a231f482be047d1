import AccessGraph
import XCTest

@testable import Importers

final class AWSNodesTests: XCTestCase {
  private func user(path: String = "/", tags: [String: String] = [:]) -> IAMUser {
    IAMUser(
      arn: "arn:aws:iam::111111111111:user\(path)u", name: "u", path: path,
      account: "111111111111", file: "f", location: "UserDetailList[0]", groups: [],
      inlinePolicies: [], attachedPolicies: [], tags: tags, permissionsBoundary: nil)
  }

  func testUsersArePeopleByDefault() {
    XCTAssertEqual(AWSNodes.user(user()).kind, .human)
    XCTAssertEqual(AWSNodes.user(user(path: "/engineering/")).kind, .human)
    XCTAssertEqual(AWSNodes.user(user(tags: ["kind": "person"])).kind, .human)
    XCTAssertEqual(AWSNodes.user(user(tags: ["team": "service"])).kind, .human)
  }

  func testMachineTagMarksServiceIdentity() {
    for tags in [["kind": "service"], ["Type": "Automation"], ["USAGE": "ci"], ["purpose": "bot"]] {
      XCTAssertEqual(AWSNodes.user(user(tags: tags)).kind, .serviceIdentity, "\(tags)")
    }
  }

  func testMachinePathSegmentMarksServiceIdentity() {
    for path in ["/service/", "/teams/ci/", "/System/", "/automation/jobs/"] {
      XCTAssertEqual(AWSNodes.user(user(path: path)).kind, .serviceIdentity, path)
    }
    XCTAssertEqual(AWSNodes.user(user(path: "/services-team/")).kind, .human)
  }

  func testWebIdentityProviderGetsStableId() {
    let node = AWSNodes.identityProvider("accounts.google.com")
    XCTAssertEqual(node.id, "aws:web-identity/accounts.google.com")
    XCTAssertEqual(node.type, "web-identity-provider")
  }

  func testOIDCProviderWithPathKeepsWholeHostAsName() {
    let node = AWSNodes.identityProvider(
      "arn:aws:iam::111111111111:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC123")
    XCTAssertEqual(node.name, "oidc.eks.us-east-1.amazonaws.com/id/ABC123")
    XCTAssertEqual(node.account, "111111111111")
  }
}
