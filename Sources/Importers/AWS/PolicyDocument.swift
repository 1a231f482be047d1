import Foundation

/// An IAM policy document: an identity policy (inline or managed), a role's trust policy, or
/// the resource policy of a bucket, key, queue or other resource, or a service control policy
/// of AWS Organizations.
///
/// The AWS CLI prints documents as JSON objects. The raw API and some SDKs return them as
/// strings of URL-encoded JSON (RFC 3986), which are percent-decoded and parsed here.
struct PolicyDocument: Sendable {
  enum Kind: Sendable {
    /// A policy attached to a user, group or role: statements name actions and resources.
    case identity
    /// A role's `AssumeRolePolicyDocument`: statements name principals and actions.
    case trust
    /// A policy attached to a resource, such as a bucket policy or a key policy: statements
    /// name principals, actions and resources.
    case resource
    /// A service control policy: statements name actions and resources, as in an identity
    /// policy, and cap what the identity policies of an account's principals grant.
    case serviceControl

    /// The command whose output contains documents of this kind, for remedies.
    var exportCommand: String {
      switch self {
      case .identity, .trust: "`aws iam get-account-authorization-details`"
      case .resource: "the resource's policy command, such as `aws s3api get-bucket-policy`"
      case .serviceControl: "`aws organizations describe-policy`"
      }
    }
  }

  let statements: [PolicyStatement]

  /// Parses the document at `cursor`, which may be a JSON object or a URL-encoded string.
  ///
  /// - Parameters:
  ///   - patterns: Compiles the actions and resources, reusing the patterns of documents
  ///     parsed before with the same cache.
  ///   - warnings: Receives oddities that do not stop the import.
  /// - Throws: `ImportError` at the JSON path of the first invalid element.
  static func parse(
    _ cursor: JSONCursor, kind: Kind, patterns: WildcardPatternCache = WildcardPatternCache(),
    warnings: inout [ImportWarning]
  ) throws -> PolicyDocument {
    let document = try decoded(cursor)
    guard document.isObject else {
      throw document.invalid(
        "expected a policy document object, found \(document.typeName)",
        remedy: "export the file again with \(kind.exportCommand)")
    }
    guard let statementList = document["Statement"] else {
      throw document.invalid(
        "\"Statement\" is missing", remedy: "add a \"Statement\" array to the policy document")
    }
    let version = try document.string("Version")
    // IAM substitutes policy variables only in documents of version 2012-10-17; older or
    // unversioned documents treat `${...}` as literal text.
    let readsVariables = version == "2012-10-17"
    let elements = statementList.isArray ? try statementList.array() : [statementList]
    var statements: [PolicyStatement] = []
    for (index, element) in elements.enumerated() {
      let statement = try PolicyStatement.parse(
        element, index: index, kind: kind, readsPolicyVariables: readsVariables,
        patterns: patterns, warnings: &warnings)
      if let statement { statements.append(statement) }
    }
    return PolicyDocument(statements: statements)
  }

  /// Returns the document as a JSON value, percent-decoding and parsing it when it is a
  /// string.
  private static func decoded(_ cursor: JSONCursor) throws -> JSONCursor {
    guard let text = cursor.value as? String else { return cursor }
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    let json: String
    if trimmed.hasPrefix("{") {
      json = trimmed
    } else if let decoded = trimmed.removingPercentEncoding {
      json = decoded
    } else {
      throw cursor.invalid(
        "the policy document is a string but not valid URL encoding",
        remedy: "give the document as JSON, or as the URL-encoded JSON that the IAM API returns")
    }
    do {
      let value = try JSONSerialization.jsonObject(with: Data(json.utf8))
      return JSONCursor(file: cursor.file, path: cursor.path, value: value)
    } catch let error as NSError {
      let detail = error.userInfo["NSDebugDescription"] as? String ?? error.localizedDescription
      throw cursor.invalid(
        "the policy document is not valid JSON after URL decoding (\(detail))",
        remedy: "export the file again, or fix the document's JSON")
    }
  }
}
