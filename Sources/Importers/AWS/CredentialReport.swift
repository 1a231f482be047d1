/// One parsed AWS IAM credential report: per user, the MFA flag and the access keys and
/// console password that are in use.
struct CredentialReport {
  /// One data row of the report.
  struct User {
    let file: String
    /// The value of the `user` column, `<root_account>` for the account root.
    let name: String
    let arn: ARN
    /// The line of the row, for provenance.
    let line: Int
    let isRoot: Bool
    /// The `mfa_active` value, or nil when the column is absent.
    let hasMFA: Bool?
    let credentials: [Credential]

    /// The user's name for node names and messages.
    var label: String {
      isRoot ? "root user of \(arn.account)" : name
    }
  }

  /// An active access key or an enabled console password of one user.
  struct Credential {
    /// The end of the node id after `#`, such as `access-key-1` or `password`.
    let idSuffix: String
    /// The credential in words, such as `access key 1`.
    let label: String
    /// The node type: `aws-access-key` or `console-password`.
    let type: String
    let created: String?
    let lastUsed: String?
    /// The columns the credential is read from, for provenance.
    let columns: [String]
    /// The state and age in words, such as `active, last rotated 2021-03-04`.
    let summary: String
  }

  let file: String
  let users: [User]

  /// The columns that every report must have.
  static let requiredColumns = ["user", "arn"]

  /// Parses the CSV text of a report.
  ///
  /// - Throws: `ImportError` naming the line for invalid CSV, a missing `user` or `arn`
  ///   column, or a row whose field count differs from the header's. It is also thrown for
  ///   an `arn` that is not the ARN of an IAM user or account root, and for a flag other
  ///   than `true`, `false`, `N/A`, `not_supported` or `no_information`.
  static func parse(_ document: TextDocument) throws -> CredentialReport {
    let records = try CSVParser.records(in: document.text, file: document.file)
    guard let header = records.first else {
      throw ImportError(
        .invalidData, file: document.file, problem: "the credential report is empty",
        remedy: "export it again with `aws iam get-credential-report`")
    }
    for column in requiredColumns where !header.fields.contains(column) {
      throw ImportError(
        .invalidData, file: document.file, location: "line \(header.line)",
        problem: "the header has no `\(column)` column",
        remedy: "export the report again with `aws iam get-credential-report`")
    }
    var users: [User] = []
    for record in records.dropFirst() {
      guard record.fields.count == header.fields.count else {
        throw ImportError(
          .invalidData, file: document.file, location: "line \(record.line)",
          problem: "the row has \(record.fields.count) fields, but the header has "
            + "\(header.fields.count)",
          remedy: "quote values that contain commas, or export the report again")
      }
      let row = Row(
        file: document.file, line: record.line,
        values: Dictionary(zip(header.fields, record.fields)) { first, _ in first })
      users.append(try row.user())
    }
    return CredentialReport(file: document.file, users: users)
  }
}

/// One data row by column name, with the checks that turn its values into facts.
private struct Row {
  let file: String
  let line: Int
  let values: [String: String]

  /// Values that the report gives for a fact that does not apply or is not known.
  private static let absentValues: Set<String> = ["", "N/A", "not_supported", "no_information"]

  func user() throws -> CredentialReport.User {
    let name = values["user"]!
    let text = values["arn"]!
    guard let arn = ARN(text), arn.service == "iam", ARN.isAccountID(arn.account),
      arn.resource == "root" || arn.resourceType == "user"
    else {
      throw ImportError(
        .invalidData, file: file, location: "line \(line)",
        problem: "the arn \"\(text)\" is not the ARN of an IAM user or account root",
        remedy: "export the report again; the `arn` column must hold user ARNs")
    }
    var credentials: [CredentialReport.Credential] = []
    for number in 1...2 {
      if let key = try accessKey(number) {
        credentials.append(key)
      }
    }
    if let password = try password() {
      credentials.append(password)
    }
    return CredentialReport.User(
      file: file, name: name, arn: arn, line: line, isRoot: arn.resource == "root",
      hasMFA: try flag("mfa_active"), credentials: credentials)
  }

  private func accessKey(_ number: Int) throws -> CredentialReport.Credential? {
    let prefix = "access_key_\(number)_"
    guard try flag(prefix + "active") == true else { return nil }
    let created = date(prefix + "last_rotated")
    var summary = "active"
    if let created { summary += ", last rotated \(created.prefix(10))" }
    return CredentialReport.Credential(
      idSuffix: "access-key-\(number)", label: "access key \(number)", type: "aws-access-key",
      created: created, lastUsed: date(prefix + "last_used_date"),
      columns: ["active", "last_rotated", "last_used_date"].map { prefix + $0 },
      summary: summary)
  }

  private func password() throws -> CredentialReport.Credential? {
    guard try flag("password_enabled") == true else { return nil }
    let created = date("password_last_changed")
    var summary = "enabled"
    if let created { summary += ", last changed \(created.prefix(10))" }
    return CredentialReport.Credential(
      idSuffix: "password", label: "console password", type: "console-password",
      created: created, lastUsed: date("password_last_used"),
      columns: ["password_enabled", "password_last_changed", "password_last_used"],
      summary: summary)
  }

  /// Returns a `true`/`false` column as a Boolean, false for a value that marks the fact as
  /// absent, and nil when the header has no such column.
  private func flag(_ column: String) throws -> Bool? {
    guard let value = values[column] else { return nil }
    switch value {
    case "true": return true
    case "false": return false
    case _ where Self.absentValues.contains(value): return false
    default:
      throw ImportError(
        .invalidData, file: file, location: "line \(line)",
        problem: "\(column) is \"\(value)\", not true or false",
        remedy: "export the report again or set the value to true or false")
    }
  }

  /// Returns a timestamp column as written, or nil when the report marks it as absent.
  private func date(_ column: String) -> String? {
    guard let value = values[column], !Self.absentValues.contains(value) else { return nil }
    return value
  }
}
