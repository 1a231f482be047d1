import AccessGraph
import XCTest

@testable import Importers

/// Reading the resource policy files that the AWS CLI prints: which files are recognized,
/// the resource each names, and the errors for files that name none.
final class ResourcePolicyTests: XCTestCase {
  private func fixture(_ name: String) throws -> JSONCursor {
    try AWSFixtures.document("resource-policies/\(name)")
  }

  private func parse(_ json: String) throws -> ResourcePolicy {
    var warnings: [ImportWarning] = []
    return try ResourcePolicy.parse(try AWSFixtures.document(json: json), warnings: &warnings)
  }

  /// Parses `json` and returns the `ImportError` it throws, failing when it throws none.
  private func importError(
    _ json: String, file: StaticString = #filePath, line: UInt = #line
  ) -> ImportError? {
    do {
      _ = try parse(json)
      XCTFail("no error", file: file, line: line)
    } catch let error as ImportError {
      return error
    } catch {
      XCTFail("unexpected error \(error)", file: file, line: line)
    }
    return nil
  }

  /// Returns `policy` as a JSON string literal, quotes included.
  private func quoted(_ policy: String) throws -> String {
    let data = try JSONSerialization.data(withJSONObject: [policy])
    return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
  }

  // MARK: Recognition

  func testEveryFixtureKindIsRecognized() throws {
    let expected: [(String, ResourcePolicy.Kind)] = [
      ("bucket-logs.json", .bucket), ("function-resize.json", .function),
      ("key-default.json", .key), ("queue-orders.json", .queue), ("topic-alerts.json", .topic),
      ("secret-db.json", .secret),
    ]
    for (name, kind) in expected {
      let document = try fixture(name)
      XCTAssertEqual(ResourcePolicy.kind(of: document), kind, name)
      XCTAssertTrue(AWSAuthorizationImporter.recognizes(document), name)
    }
  }

  func testOtherShapesAreNotRecognized() throws {
    // Organizations outputs go to the same importer, but not as resource policies.
    let organizationOutputs = [
      #"{"Policy": {"PolicySummary": {"Id": "p-1", "Name": "DenyLeave"}, "Content": "{}"}}"#,
      #"{"Targets": [{"TargetId": "111111111111", "Type": "ACCOUNT"}]}"#,
    ]
    for json in organizationOutputs {
      XCTAssertNil(ResourcePolicy.kind(of: try AWSFixtures.document(json: json)), json)
    }
    let inventories = [
      #"{"Functions": [{"FunctionName": "resize"}]}"#,
      #"{"Reservations": []}"#,
    ]
    for json in inventories {
      let document = try AWSFixtures.document(json: json)
      XCTAssertNil(ResourcePolicy.kind(of: document), json)
      XCTAssertFalse(AWSAuthorizationImporter.recognizes(document), json)
    }
  }

  // MARK: Resources

  func testFunctionPolicyNamesFunction() throws {
    let function = "arn:aws:lambda:eu-west-1:111111111111:function:resize"
    let run = try AWSFixtures.run([try fixture("function-resize.json")])
    let node = try XCTUnwrap(run.node(function))
    XCTAssertEqual(node.type, "lambda-function")
    XCTAssertEqual(node.name, "resize")
    XCTAssertEqual(node.account, "111111111111")
    XCTAssertEqual(
      run.facts,
      [
        EdgeFact(
          "aws:service/111111111111/s3.amazonaws.com", function, .access,
          ["lambda:InvokeFunction"], conditional: true)
      ])
  }

  func testFunctionPolicyOfAliasNamesFunction() throws {
    let policy = """
      {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Principal": {"Service": "events.amazonaws.com"}, "Action": "lambda:InvokeFunction",
        "Resource": "arn:aws:lambda:eu-west-1:111111111111:function:resize:live"}]}
      """
    let parsed = try parse(#"{"Policy": \#(try quoted(policy)), "RevisionId": "r-1"}"#)
    XCTAssertEqual(parsed.resource.id, "arn:aws:lambda:eu-west-1:111111111111:function:resize")
  }

  func testFunctionListedAsWorkloadKeepsItsKind() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("resource-policy-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let listFunctions = #"""
      {"Functions": [{"FunctionName": "resize",
        "FunctionArn": "arn:aws:lambda:eu-west-1:111111111111:function:resize",
        "Role": "arn:aws:iam::111111111111:role/resize-role", "Runtime": "python3.12"}]}
      """#
    try Data(listFunctions.utf8).write(to: folder.appendingPathComponent("lambda.json"))
    try FileManager.default.copyItem(
      at: AWSFixtures.url("resource-policies/function-resize.json"),
      to: folder.appendingPathComponent("function-resize.json"))

    let graph = try EstateLoader().load([folder.path])
    let run = AWSImportRun(graph: graph, warnings: [])
    let function = "arn:aws:lambda:eu-west-1:111111111111:function:resize"
    XCTAssertEqual(run.node(function)?.kind, .workload)
    XCTAssertEqual(run.node(function)?.type, "lambda-function")
    XCTAssertEqual(
      run.facts(into: function),
      [
        EdgeFact(
          "aws:service/111111111111/s3.amazonaws.com", function, .access,
          ["lambda:InvokeFunction"], conditional: true)
      ])
  }

  func testQueuePolicyNamesQueue() throws {
    let parsed = try ResourcePolicy.parse(try fixture("queue-orders.json"), warnings: &ignored)
    XCTAssertEqual(parsed.kind, .queue)
    XCTAssertEqual(parsed.node.id, "arn:aws:sqs:eu-west-1:111111111111:orders")
    XCTAssertEqual(parsed.node.type, "sqs-queue")
    XCTAssertEqual(parsed.node.name, "orders")
    XCTAssertEqual(parsed.label, "access policy of queue orders")
    XCTAssertEqual(
      parsed.document?.statements.map(\.location),
      ["Attributes.Policy.Statement[0]", "Attributes.Policy.Statement[1]"])
  }

  func testTopicPolicyLinksAnyPrincipalUnderCondition() throws {
    let topic = "arn:aws:sns:eu-west-1:111111111111:alerts"
    let run = try AWSFixtures.run([try fixture("topic-alerts.json")])
    XCTAssertEqual(run.node(topic)?.type, "sns-topic")
    XCTAssertEqual(run.node(topic)?.name, "alerts")
    XCTAssertEqual(
      run.facts,
      [
        EdgeFact(
          AWSNodes.anyPrincipal.id, topic, .access,
          [
            "SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:AddPermission",
            "SNS:RemovePermission", "SNS:DeleteTopic", "SNS:Subscribe",
            "SNS:ListSubscriptionsByTopic", "SNS:Publish",
          ], conditional: true)
      ])
    XCTAssertEqual(run.warnings, [])
  }

  func testSecretPolicyNamesSecret() throws {
    let secret = "arn:aws:secretsmanager:eu-west-1:111111111111:secret:prod/db-AbCdEf"
    let run = try AWSFixtures.run([try fixture("secret-db.json")])
    XCTAssertEqual(run.node(secret)?.type, "secretsmanager-secret")
    XCTAssertEqual(
      run.facts,
      [
        EdgeFact(
          "arn:aws:iam::111111111111:user/alice", secret, .access,
          ["secretsmanager:GetSecretValue"])
      ])
    let edge = try XCTUnwrap(run.facts.first)
    XCTAssertEqual(run.provenance(of: edge)?.location, "ResourcePolicy.Statement[0]")
  }

  func testSecretWithoutPolicyDefinesNodeOnly() throws {
    let json = """
      {"ARN": "arn:aws:secretsmanager:eu-west-1:111111111111:secret:empty-Zz9Yx8",
       "Name": "empty"}
      """
    let run = try AWSFixtures.run([try AWSFixtures.document(json: json)])
    let node = run.node("arn:aws:secretsmanager:eu-west-1:111111111111:secret:empty-Zz9Yx8")
    XCTAssertEqual(node?.isDefined, true)
    XCTAssertEqual(run.facts, [])
  }

  func testBucketMemberNamesBucket() throws {
    let policy = """
      {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*",
        "Action": "s3:GetObject", "Resource": "*"}]}
      """
    let parsed = try parse(#"{"Policy": \#(try quoted(policy)), "Bucket": "named"}"#)
    XCTAssertEqual(parsed.resource.id, "arn:aws:s3:::named")
    XCTAssertEqual(parsed.account, "")
  }

  // MARK: Errors

  func testBucketPolicyNamingNoBucketIsError() throws {
    let policy = """
      {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*",
        "Action": "s3:GetObject", "Resource": "arn:aws:s3:::*"}]}
      """
    let error = importError(#"{"Policy": \#(try quoted(policy))}"#)
    XCTAssertEqual(error?.file, "test.json")
    XCTAssertEqual(error?.location, "Policy")
    XCTAssertEqual(
      error?.problem,
      "no statement's \"Resource\" names a bucket, such as arn:aws:s3:::NAME/*, so the bucket "
        + "is not known")
    XCTAssertEqual(
      error?.remedy,
      "add the bucket's name to the file as \"Bucket\", for example with "
        + "`jq '. + {\"Bucket\": \"NAME\"}'`")
  }

  func testBucketPolicyNamingTwoBucketsIsError() throws {
    let policy = """
      {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*",
        "Action": "s3:GetObject",
        "Resource": ["arn:aws:s3:::first/*", "arn:aws:s3:::second/*", "arn:aws:s3:::first"]}]}
      """
    let error = importError(#"{"Policy": \#(try quoted(policy))}"#)
    XCTAssertEqual(error?.location, "Policy")
    XCTAssertEqual(
      error?.problem,
      "the statements name several buckets (first, second), so the bucket is not known")
  }

  func testKeyPolicyWithoutARNIsError() throws {
    let policy = """
      {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::111111111111:root"}, "Action": "kms:*",
        "Resource": "*"}]}
      """
    let error = importError(#"{"Policy": \#(try quoted(policy)), "PolicyName": "default"}"#)
    XCTAssertEqual(error?.reason, .invalidData)
    XCTAssertEqual(error?.location, "")
    XCTAssertEqual(
      error?.problem,
      "the key's ARN (\"KeyMetadata.Arn\") is missing, because `aws kms get-key-policy` does "
        + "not print it")
    XCTAssertEqual(
      error?.remedy,
      "merge its output with that of `aws kms describe-key`: `jq -s add "
        + "<(aws kms describe-key --key-id KEY) "
        + "<(aws kms get-key-policy --key-id KEY --policy-name default)`")
  }

  func testInvalidEmbeddedJSONNamesPlaceInString() throws {
    let error = importError(#"{"Policy": "{\"Version\": \"2012-10-17\",\n \"Statement\": [}"}"#)
    XCTAssertEqual(error?.location, "Policy")
    XCTAssertTrue(
      error?.problem.hasPrefix(
        "the policy string is not valid JSON at line 2, column 16 of the string (") == true,
      error?.problem ?? "")
    XCTAssertEqual(
      error?.remedy,
      "export it again with `aws s3api get-bucket-policy --bucket NAME`, or fix the JSON "
        + "inside the string")
  }

  func testPolicyStringOfArrayIsError() throws {
    let error = importError(#"{"Policy": "[]", "RevisionId": "r-1"}"#)
    XCTAssertEqual(error?.location, "Policy")
    XCTAssertEqual(
      error?.problem, "the policy string contains an array, not a policy document object")
    XCTAssertEqual(
      error?.remedy, "export it again with `aws lambda get-policy --function-name NAME`")
  }

  func testStatementWithoutPrincipalIsError() throws {
    let policy = """
      {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::logs/*"}]}
      """
    let error = importError(#"{"Policy": \#(try quoted(policy))}"#)
    XCTAssertEqual(error?.location, "Policy.Statement[0]")
    XCTAssertEqual(error?.problem, "\"Principal\" is missing")
  }

  func testQueueWithoutARNIsError() throws {
    let error = importError(#"{"Attributes": {"Policy": "{}"}}"#)
    XCTAssertEqual(error?.location, "Attributes.Policy")
    XCTAssertEqual(error?.problem, "\"Statement\" is missing")

    let missingARN = importError(
      #"{"Attributes": {"Policy": "{\"Statement\": []}", "VisibilityTimeout": "30"}}"#)
    XCTAssertEqual(missingARN?.location, "")
    XCTAssertEqual(
      missingARN?.problem, "\"Attributes.QueueArn\" is missing, so the queue is not known")
  }

  func testAllowWithNotPrincipalIsSkippedWithWarning() throws {
    let policy = """
      {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "NotPrincipal": {"AWS": "arn:aws:iam::111111111111:user/alice"},
        "Action": "s3:GetObject", "Resource": "arn:aws:s3:::logs/*"}]}
      """
    var warnings: [ImportWarning] = []
    let parsed = try ResourcePolicy.parse(
      try AWSFixtures.document(json: #"{"Policy": \#(try quoted(policy)), "Bucket": "logs"}"#),
      warnings: &warnings)
    XCTAssertEqual(parsed.document?.statements.count, 0)
    XCTAssertEqual(warnings.map(\.location), ["Policy.Statement[0]"])
  }

  func testSamePolicyTwiceIsError() throws {
    var importer = AWSAuthorizationImporter()
    try importer.add(try fixture("bucket-logs.json"))
    XCTAssertThrowsError(try importer.add(try fixture("bucket-logs.json"))) { error in
      XCTAssertEqual(
        (error as? ImportError)?.problem,
        "the policy of bucket logs is given twice, here and in "
          + "resource-policies/bucket-logs.json")
    }
  }

  private var ignored: [ImportWarning] = []
}
