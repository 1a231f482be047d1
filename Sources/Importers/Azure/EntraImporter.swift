import AccessGraph
import Foundation

/// Reads Entra ID (Azure Active Directory) exports: users, groups, service principals and
/// application registrations as `az ad ... list` or `az rest` of Microsoft Graph print them,
/// with owners, group members, directory role assignments and federated identity credentials.
///
/// `define` adds the principals, applications and their credentials. `connect` adds group
/// membership, the owners' and administrators' power to add a secret to an application or
/// service principal, the privilege edges of Global Administrator and Privileged Role
/// Administrator, and the federation edges. See docs/azure.md.
///
/// All Entra documents of one run are taken to be of one tenant, because most of them do not
/// name it.
struct EntraImporter: SourceImporter {
  static let formatName = "Entra ID directory export"

  var directory = EntraDirectory()
  /// The moment a credential's `endDateTime` is compared with to tag it `expired`.
  var now = Date()

  init() {}

  static func recognizes(_ document: JSONCursor) -> Bool {
    EntraDocumentKind.classify(document) != nil
  }

  mutating func add(_ document: JSONCursor) throws {
    guard let kind = EntraDocumentKind.classify(document) else {
      throw document.invalid(
        "not an Entra ID export", remedy: "give the output of an `az ad ... list` command")
    }
    try directory.add(document, as: kind)
  }

  func define(into builder: inout EstateBuilder, warn: (ImportWarning) -> Void) throws {
    for warning in directory.warnings {
      warn(warning)
    }
    let tenant = tenantID(warn: warn)
    let index = EntraDirectoryIndex(directory)
    for user in directory.users {
      builder.define(EntraNodes.user(user, tenant: tenant))
    }
    for group in directory.groups {
      builder.define(EntraNodes.group(group, tenant: tenant))
    }
    for principal in directory.servicePrincipals {
      builder.define(EntraNodes.servicePrincipal(principal, tenant: tenant))
      for secret in principal.secrets {
        builder.define(
          EntraNodes.secret(
            secret, owner: principal.id, ownerName: principal.displayName, tenant: tenant,
            isExpired: isExpired(secret)))
      }
    }
    for application in directory.applications {
      builder.define(EntraNodes.application(application, tenant: tenant))
      for secret in application.secrets {
        builder.define(
          EntraNodes.secret(
            secret, owner: EntraNodes.applicationID(application.appID),
            ownerName: application.displayName, tenant: tenant, isExpired: isExpired(secret)))
      }
    }
    for credential in directory.federatedCredentials {
      guard let node = federatedCredentialNode(credential, index, tenant: tenant) else {
        warn(unknownApplication(of: credential))
        continue
      }
      builder.define(node)
    }
  }

  func connect(into builder: inout EstateBuilder, warn: (ImportWarning) -> Void) throws {
    let tenant = tenantID(warn: { _ in })
    let index = EntraDirectoryIndex(directory)
    connectMemberships(into: &builder, tenant: tenant, warn: warn)
    connectOwners(into: &builder, index, tenant: tenant, warn: warn)
    connectSecrets(into: &builder, index, warn: warn)
    connectRoles(into: &builder, index, tenant: tenant, warn: warn)
    connectFederatedCredentials(into: &builder, warn: warn)
  }

  /// Returns whether a credential's `endDateTime` is before `now`. A date that does not
  /// parse as ISO 8601 counts as not expired.
  func isExpired(_ secret: EntraSecret) -> Bool {
    guard let end = secret.end, let date = Self.date(end) else { return false }
    return date < now
  }

  /// Parses an ISO 8601 date and time as Graph prints it, with or without fractional seconds,
  /// such as `2024-03-01T09:30:00Z` or `2024-03-01T09:30:00.1234567Z`.
  static func date(_ text: String) -> Date? {
    if let date = utcDate(text) {
      return date
    }
    let formatter = ISO8601DateFormatter()
    if let date = formatter.date(from: text) {
      return date
    }
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.date(from: text)
  }

  /// Parses `YYYY-MM-DDTHH:MM:SS`, an optional fraction and `Z`, the form Graph prints,
  /// without a formatter, which is slow to create. Returns nil for any other form.
  static func utcDate(_ text: String) -> Date? {
    let bytes = Array(text.utf8)
    guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z"), bytes[4] == UInt8(ascii: "-"),
      bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
      bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":")
    else {
      return nil
    }
    func number(_ range: Range<Int>) -> Int? {
      var value = 0
      for byte in bytes[range] {
        guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
        value = value * 10 + Int(byte - UInt8(ascii: "0"))
      }
      return value
    }
    guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
      let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
      (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
    else {
      return nil
    }
    var fraction = 0.0
    if bytes.count > 20 {
      guard bytes[19] == UInt8(ascii: "."), let digits = number(20..<(bytes.count - 1)) else {
        return nil
      }
      fraction = Double(digits) / pow(10, Double(bytes.count - 21))
    }
    // Days from 1970-01-01 in the proleptic Gregorian calendar.
    let shiftedYear = month <= 2 ? year - 1 : year
    let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
    let yearOfEra = shiftedYear - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    let days = era * 146_097 + dayOfEra - 719_468
    let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second
    return Date(timeIntervalSince1970: Double(seconds) + fraction)
  }

  /// Returns the tenant id of the run.
  ///
  /// It is the `appOwnerOrganizationId` of the service principals whose application
  /// registration the run lists, since an `az ad app list` export lists only the tenant's
  /// own applications. Without such a pair it is the tenant that Graph object URLs name.
  /// When the sources name several tenants, the most frequent wins, with a warning.
  func tenantID(warn: (ImportWarning) -> Void) -> String? {
    let appIDs = Set(directory.applications.map(\.appID))
    var candidates = directory.servicePrincipals
      .filter { $0.appID.map(appIDs.contains) ?? false }
      .compactMap(\.appOwnerOrganizationID)
    if candidates.isEmpty {
      candidates = directory.tenantsInObjectURLs
    }
    var counts: [String: Int] = [:]
    for tenant in candidates {
      counts[tenant, default: 0] += 1
    }
    let ranked = counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
    guard let first = ranked.first else { return nil }
    if ranked.count > 1, let file = directory.servicePrincipals.first?.source.file {
      warn(
        ImportWarning(
          file: file, location: "",
          message: "the Entra exports name the tenants \(ranked.map(\.key).joined(separator: ", "))"
            + "; every Entra node is placed in \(first.key), so import one tenant per run"))
    }
    return first.key
  }

  private func unknownApplication(of credential: EntraFederatedCredential) -> ImportWarning {
    ImportWarning(
      file: credential.source.file, location: credential.source.location,
      message: "skipped federated identity credential \(credential.name), because no "
        + "application list in the run has its application; add the output of "
        + "`az ad app list --all`")
  }
}
