/// Where an edge comes from: the input file, the place in it, and the grant that made it.
public struct Provenance: Hashable, Codable, Sendable, CustomStringConvertible {
  /// The input file as the user named it.
  public var file: String
  /// The place in the file, as a JSON path such as `RoleDetailList[3].RolePolicyList[0]`.
  public var location: String
  /// The grant in words: the policy and statement, binding or inventory entry.
  public var grant: String

  public init(file: String, location: String, grant: String) {
    self.file = file
    self.location = location
    self.grant = grant
  }

  public var description: String {
    "\(grant) (\(file):\(location))"
  }
}
