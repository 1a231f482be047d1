/// A table that stores each distinct value once and hands out dense `Int32` ids for it.
///
/// Importers see the same ARNs, file names and action names thousands of times; the table
/// keeps one copy of each and lets the graph store small integers instead.
public struct InternTable<Value: Hashable & Sendable>: Sendable {
  public private(set) var values: [Value] = []
  private var ids: [Value: Int32] = [:]

  public init() {}

  /// Returns the id of `value`, adding it to the table if it is new.
  ///
  /// - Complexity: O(1) expected, plus the cost of hashing `value`.
  public mutating func intern(_ value: Value) -> Int32 {
    // One lookup both finds and inserts, so a new value is hashed once, not twice: the
    // defaulted subscript adds -1 for a new value, which `claim` replaces at once.
    let next = Int32(values.count)
    let id = Self.claim(&ids[value, default: -1], next)
    if id == next {
      values.append(value)
    }
    return id
  }

  /// Returns the id in `slot`, first setting it to `next` when it is still unset (-1).
  private static func claim(_ slot: inout Int32, _ next: Int32) -> Int32 {
    if slot < 0 {
      slot = next
    }
    return slot
  }

  /// Returns the id of `value` if the table contains it.
  public func id(of value: Value) -> Int32? {
    ids[value]
  }

  public subscript(id: Int32) -> Value {
    values[Int(id)]
  }

  public var count: Int { values.count }

  /// Makes room for `minimumCapacity` values in all, so that adding them rehashes nothing.
  public mutating func reserveCapacity(_ minimumCapacity: Int) {
    values.reserveCapacity(minimumCapacity)
    ids.reserveCapacity(minimumCapacity)
  }
}

/// A provenance stored as ids into the builder's string table.
struct InternedProvenance: Hashable, Sendable {
  var file: Int32
  var location: Int32
  var grant: Int32
  /// The technique's string id, or -1 when the edge names none.
  var technique: Int32
}
