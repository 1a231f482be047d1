/// Lookups over an `EntraDirectory` by the ids that relations use.
struct EntraDirectoryIndex {
  let applicationsByObjectID: [String: EntraApplication]
  let applicationsByAppID: [String: EntraApplication]
  let servicePrincipalsByID: [String: EntraServicePrincipal]
  let servicePrincipalsByAppID: [String: EntraServicePrincipal]
  let servicePrincipalsByResourceID: [String: EntraServicePrincipal]

  /// Indexes `directory`. When two entries share an id, as pages exported twice do, the
  /// first is kept.
  ///
  /// - Complexity: O(n) for n applications and service principals.
  init(_ directory: EntraDirectory) {
    let applications = directory.applications
    let principals = directory.servicePrincipals
    applicationsByObjectID = Dictionary(
      applications.map { ($0.objectID, $0) }, uniquingKeysWith: { first, _ in first })
    applicationsByAppID = Dictionary(
      applications.map { ($0.appID, $0) }, uniquingKeysWith: { first, _ in first })
    servicePrincipalsByID = Dictionary(
      principals.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    servicePrincipalsByAppID = Dictionary(
      principals.compactMap { principal in principal.appID.map { ($0, principal) } },
      uniquingKeysWith: { first, _ in first })
    servicePrincipalsByResourceID = Dictionary(
      principals.compactMap { principal in principal.resourceID.map { ($0, principal) } },
      uniquingKeysWith: { first, _ in first })
  }

  func application(_ key: EntraApplicationKey) -> EntraApplication? {
    switch key {
    case .objectID(let id): applicationsByObjectID[id]
    case .appID(let id): applicationsByAppID[id]
    }
  }

  /// Returns the client id of an application, which its node id and its service principal
  /// need: from the key itself, or from the application list for an object id.
  func appID(_ key: EntraApplicationKey) -> String? {
    switch key {
    case .objectID(let id): applicationsByObjectID[id]?.appID
    case .appID(let id): id
    }
  }

  /// Returns the service principal of the application `key` names.
  func servicePrincipal(of key: EntraApplicationKey) -> EntraServicePrincipal? {
    appID(key).flatMap { servicePrincipalsByAppID[$0] }
  }
}
