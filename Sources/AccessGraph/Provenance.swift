/// Where an edge comes from: the input file, the place in it, and the grant that made it.
///
/// An edge that an importer derives from facts of several inputs, such as the `contains`
/// edge from an AWS service scope to a resource of its account, has an empty file and
/// location.
public struct Provenance: Hashable, Codable, Sendable, CustomStringConvertible {
  /// The input file as the user named it.
  public var file: String
  /// The place in the file, as a JSON path such as `RoleDetailList[3].RolePolicyList[0]`.
  public var location: String
  /// The grant in words: the policy and statement, binding or inventory entry.
  public var grant: String
  /// The name of the privilege-escalation technique the edge stands for, such as
  /// `Pass a role to a new Lambda function and invoke it`; nil for a plain grant.
  public var technique: String?

  public init(file: String, location: String, grant: String, technique: String? = nil) {
    self.file = file
    self.location = location
    self.grant = grant
    self.technique = technique
  }

  public var description: String {
    let place = file.isEmpty && location.isEmpty ? grant : "\(grant) (\(file):\(location))"
    guard let technique else { return place }
    return "\(technique): \(place)"
  }
}
