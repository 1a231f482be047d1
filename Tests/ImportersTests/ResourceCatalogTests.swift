import AccessGraph
import XCTest

@testable import Importers

final class ResourceCatalogTests: XCTestCase {
  private let nodes = [
    AWSFixtures.resource("arn:aws:s3:::logs", type: "s3-bucket"),
    AWSFixtures.resource("arn:aws:s3:::logs-archive", type: "s3-bucket"),
    AWSFixtures.resource("arn:aws:s3:::data", type: "s3-bucket"),
    AWSFixtures.resource("arn:aws:kms:us-east-1:111111111111:key/k", type: "kms-key"),
    Node(id: "arn:aws:iam::111111111111:role/r", kind: .resource, platform: .aws),
    Node(id: "arn:aws:s3:::other-platform", kind: .resource, platform: .azure),
    Node(id: "arn:aws:iam::111111111111:user/u", kind: .human, platform: .aws),
  ]

  private func ids(_ catalog: ResourceCatalog, _ indexes: [Int]) -> [String] {
    indexes.map { catalog.entries[$0].resource.id }.sorted()
  }

  func testIndexesOnlyAWSResourcesThatAreNotPrincipals() {
    let catalog = ResourceCatalog(nodes: nodes)
    XCTAssertEqual(
      catalog.entries.map(\.resource.id),
      [
        "arn:aws:s3:::logs", "arn:aws:s3:::logs-archive", "arn:aws:s3:::data",
        "arn:aws:kms:us-east-1:111111111111:key/k",
      ])
  }

  func testPrefixPatternFindsSharedPrefixOnly() {
    let catalog = ResourceCatalog(nodes: nodes)
    let pattern = WildcardPattern("arn:aws:s3:::logs*", isCaseSensitive: true)
    XCTAssertEqual(
      ids(catalog, catalog.candidates(for: pattern, includesService: { _ in true })),
      ["arn:aws:s3:::logs", "arn:aws:s3:::logs-archive"])
  }

  func testObjectPatternFindsItsBucket() {
    let catalog = ResourceCatalog(nodes: nodes)
    let pattern = WildcardPattern("arn:aws:s3:::data/2024/*", isCaseSensitive: true)
    XCTAssertEqual(
      ids(catalog, catalog.candidates(for: pattern, includesService: { _ in true })),
      ["arn:aws:s3:::data"])
  }

  func testStarFindsEveryResourceOfIncludedServices() {
    let catalog = ResourceCatalog(nodes: nodes)
    let star = WildcardPattern("*", isCaseSensitive: true)
    XCTAssertEqual(
      ids(catalog, catalog.candidates(for: star, includesService: { $0 == "kms" })),
      ["arn:aws:kms:us-east-1:111111111111:key/k"])
    XCTAssertEqual(catalog.candidates(for: star, includesService: { _ in true }).count, 4)
  }

  func testRegionWildcardLooksUpEachRegion() {
    let tables = [
      "arn:aws:dynamodb:us-east-1:111111111111:table/orders-a",
      "arn:aws:dynamodb:eu-west-1:111111111111:table/orders-b",
      "arn:aws:dynamodb:eu-west-1:111111111111:table/users",
      "arn:aws:dynamodb:eu-west-1:222222222222:table/orders-c",
    ]
    let catalog = ResourceCatalog(
      nodes: tables.map { AWSFixtures.resource($0, type: "dynamodb-table") })
    let pattern = WildcardPattern(
      "arn:aws:dynamodb:*:111111111111:table/orders-*", isCaseSensitive: true)
    XCTAssertEqual(
      ids(catalog, catalog.candidates(for: pattern, includesService: { _ in true })),
      [
        "arn:aws:dynamodb:eu-west-1:111111111111:table/orders-b",
        "arn:aws:dynamodb:us-east-1:111111111111:table/orders-a",
      ])
  }

  func testRegionWildcardSpanningColonsFindsEveryEntry() {
    let tables = [
      "arn:aws:dynamodb:us-east-1:111111111111:table/orders",
      "arn:aws:dynamodb:eu-west-1:222222222222:table/users",
    ]
    let catalog = ResourceCatalog(
      nodes: tables.map { AWSFixtures.resource($0, type: "dynamodb-table") })
    // With five segments the pattern is not compared segment by segment, so its `*` may
    // span colons and every table of the service stays a candidate.
    let pattern = WildcardPattern("arn:aws:dynamodb:*:table/orders", isCaseSensitive: true)
    XCTAssertEqual(
      ids(catalog, catalog.candidates(for: pattern, includesService: { _ in true })),
      [
        "arn:aws:dynamodb:eu-west-1:222222222222:table/users",
        "arn:aws:dynamodb:us-east-1:111111111111:table/orders",
      ])
  }
}
