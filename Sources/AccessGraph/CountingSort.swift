/// Grouping of item ids by a small integer key, as compact sparse-row arrays.
public enum CountingSort {
  /// Groups the ids `0 ..< keys.count` by `keys`, keeping id order within each group.
  /// The ids of key k are `items[offsets[k] ..< offsets[k + 1]]`.
  ///
  /// - Precondition: Every key is in `0 ..< keyCount`.
  /// - Complexity: O(n + k) for n keys and k = `keyCount`.
  public static func group(keys: [Int32], keyCount: Int) -> (
    offsets: [Int32], items: [Int32]
  ) {
    var offsets = [Int32](repeating: 0, count: keyCount + 1)
    for key in keys {
      offsets[Int(key) + 1] += 1
    }
    for index in 0..<keyCount {
      offsets[index + 1] += offsets[index]
    }
    var next = offsets
    var items = [Int32](repeating: 0, count: keys.count)
    for (item, key) in keys.enumerated() {
      items[Int(next[Int(key)])] = Int32(item)
      next[Int(key)] += 1
    }
    return (offsets, items)
  }
}
