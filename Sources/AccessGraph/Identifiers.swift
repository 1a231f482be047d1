/// A dense index of a node in one frozen graph or builder.
public struct NodeID: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
  public let rawValue: Int32

  public init(_ rawValue: Int32) {
    self.rawValue = rawValue
  }

  public init(_ index: Int) {
    precondition(index >= 0 && index <= Int(Int32.max), "Node index out of range")
    self.rawValue = Int32(index)
  }

  public var index: Int { Int(rawValue) }
  public var description: String { "n\(rawValue)" }

  public static func < (lhs: NodeID, rhs: NodeID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A dense index of an edge in one frozen graph or builder.
public struct EdgeID: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
  public let rawValue: Int32

  public init(_ rawValue: Int32) {
    self.rawValue = rawValue
  }

  public init(_ index: Int) {
    precondition(index >= 0 && index <= Int(Int32.max), "Edge index out of range")
    self.rawValue = Int32(index)
  }

  public var index: Int { Int(rawValue) }
  public var description: String { "e\(rawValue)" }

  public static func < (lhs: EdgeID, rhs: EdgeID) -> Bool { lhs.rawValue < rhs.rawValue }
}
