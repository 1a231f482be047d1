/// The Entra ID directory roles that give edges, by role template id. Role definitions of
/// built-in roles have the template id as their id.
enum EntraRole: String, CaseIterable, Sendable {
  case globalAdministrator = "62e90394-69f5-4237-9190-012177145e10"
  case privilegedRoleAdministrator = "e8611ab8-c189-46e8-94e1-60213ab1f814"
  case applicationAdministrator = "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3"
  case cloudApplicationAdministrator = "158c047a-c907-4556-b7ef-446551a6b5f7"

  /// The role's display name in Entra ID.
  var name: String {
    switch self {
    case .globalAdministrator: "Global Administrator"
    case .privilegedRoleAdministrator: "Privileged Role Administrator"
    case .applicationAdministrator: "Application Administrator"
    case .cloudApplicationAdministrator: "Cloud Application Administrator"
    }
  }

  /// Whether the role lets its holder add passwords and certificates to applications and
  /// service principals.
  var managesApplications: Bool {
    self == .applicationAdministrator || self == .cloudApplicationAdministrator
  }
}
