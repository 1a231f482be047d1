import AccessGraph
import Analysis
import XCTest

final class WhoCanTests: XCTestCase {
  func testWhoCanListsEveryReacherWithPathToTarget() throws {
    let graph = SmallEstate.graph()
    let result = WhoCan(target: try graph.resolveNode("payroll"), in: graph)

    XCTAssertEqual(
      result.reachers.map { "\(graph.node($0.node).id)@\($0.hops)" },
      [
        "arn:aws:iam::111122223333:user/analyst@1", "arn:aws:iam::111122223333:role/admin@1",
        "arn:aws:iam::111122223333:user/ci@2", "AKIAEXAMPLE@3", "svc-jenkins@4", "jenkins@5",
      ])
    let jenkins = result.reachers.last!
    XCTAssertEqual(
      jenkins.path.map { graph.relation(of: $0) },
      [.runsAs, .reads, .authenticatesAs, .assumes, .access])
  }

  func testActionFilterKeepsOnlyMatchingFinalGrant() throws {
    let graph = SmallEstate.graph()
    let payroll = try graph.resolveNode("payroll")

    let readers = WhoCan(target: payroll, in: graph, action: "s3:getobject")
    XCTAssertEqual(
      readers.identities(in: graph).map { graph.node($0.node).id },
      [
        "arn:aws:iam::111122223333:role/admin", "arn:aws:iam::111122223333:user/ci",
        "svc-jenkins", "jenkins",
      ])
    let listers = WhoCan(target: payroll, in: graph, action: "s3:ListBucket")
    XCTAssertEqual(
      listers.identities(in: graph).map { graph.node($0.node).id },
      ["arn:aws:iam::111122223333:user/analyst"])
  }
}
