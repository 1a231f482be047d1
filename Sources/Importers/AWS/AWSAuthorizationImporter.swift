import AccessGraph

/// Reads `aws iam get-account-authorization-details` output.
struct AWSAuthorizationImporter: SourceImporter {
  static let formatName = "AWS IAM authorization details"

  static func recognizes(_ document: JSONCursor) -> Bool {
    ["UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"].contains {
      document[$0] != nil
    }
  }

  mutating func add(_ document: JSONCursor) throws {}

  func define(into builder: inout EstateBuilder, warn: (ImportWarning) -> Void) throws {}

  func connect(into builder: inout EstateBuilder, warn: (ImportWarning) -> Void) throws {}
}
