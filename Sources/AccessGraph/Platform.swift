/// The platform a node belongs to. Known platforms have constants; an inventory may name
/// any other, such as `github` or `okta`.
public struct Platform: RawRepresentable, Hashable, Comparable, Codable, Sendable,
  CustomStringConvertible
{
  public let rawValue: String

  public init(rawValue: String) {
    self.rawValue = rawValue
  }

  public init(_ rawValue: String) {
    self.rawValue = rawValue
  }

  public static let aws = Platform("aws")
  public static let azure = Platform("azure")
  public static let gcp = Platform("gcp")
  public static let kubernetes = Platform("kubernetes")
  public static let onPremises = Platform("on-premises")
  public static let application = Platform("application")

  public var description: String { rawValue }

  public static func < (lhs: Platform, rhs: Platform) -> Bool {
    lhs.rawValue < rhs.rawValue
  }

  public init(from decoder: any Decoder) throws {
    rawValue = try decoder.singleValueContainer().decode(String.self)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }
}
