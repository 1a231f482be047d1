import AccessGraph
import Analysis
import XCTest

final class IdentityGroupTests: XCTestCase {
  func testParsesEverySpelling() throws {
    XCTAssertEqual(try IdentityGroup(parsing: "kind:human"), .kind(.human))
    XCTAssertEqual(try IdentityGroup(parsing: "kind:service-identity"), .kind(.serviceIdentity))
    XCTAssertEqual(try IdentityGroup(parsing: "kind:serviceIdentity"), .kind(.serviceIdentity))
    XCTAssertEqual(try IdentityGroup(parsing: "platform:on-premises"), .platform(.onPremises))
    XCTAssertEqual(try IdentityGroup(parsing: "tag:a=b=c"), .tag(key: "a", value: "b=c"))
    XCTAssertEqual(try IdentityGroup(parsing: "tag:team="), .tag(key: "team", value: ""))
    XCTAssertEqual(try IdentityGroup(parsing: "account:111122223333"), .account("111122223333"))
    XCTAssertNil(try IdentityGroup(parsing: "user:ana@example.com"))
  }

  func testRejectsMalformedGroups() {
    for text in ["kind:group", "kind:", "tag:team", "tag:=x", "account:"] {
      XCTAssertThrowsError(try IdentityGroup(parsing: text), text) { error in
        guard case AnalysisError.invalidGroup(let given, _) = error else {
          return XCTFail("unexpected error \(error)")
        }
        XCTAssertEqual(given, text)
      }
    }
  }

  func testResolveSourcesPrefersNodeId() throws {
    var builder = EstateBuilder()
    let odd = builder.define(Node(id: "account:1", kind: .human, platform: .aws, account: "2"))
    let alice = builder.define(Node(id: "alice", kind: .human, platform: .aws, account: "1"))
    builder.define(Node(id: "group", kind: .group, platform: .aws, account: "1"))
    builder.reference(Node(id: "stub", kind: .human, platform: .aws, account: "1"))
    let graph = builder.freeze()

    XCTAssertEqual(try graph.resolveSources("account:1"), [odd])
    XCTAssertEqual(try graph.resolveSources("account:2"), [odd])
    XCTAssertEqual(try graph.resolveSources("kind:human"), [odd, alice])
    XCTAssertEqual(try graph.resolveSources("alice"), [alice])
    XCTAssertThrowsError(try graph.resolveSources("platform:gcp")) { error in
      XCTAssertEqual(error as? AnalysisError, .emptyGroup("platform:gcp"))
    }
  }
}
