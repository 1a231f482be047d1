import AccessGraph
import Foundation

/// The AWS resource nodes of an estate, indexed so that a policy's resource pattern finds
/// the few resources it may name without scanning them all.
///
/// Every node with platform `aws`, kind `resource` and an ARN as its id is included,
/// whichever input defined or referenced it. Principals never are, so that no access edge
/// points to a user, group or role.
struct ResourceCatalog {
  struct Entry {
    let node: NodeID
    let resource: AWSResource
    /// The 12-digit account that owns the resource: the one its ARN names, else the node's,
    /// which another input may give for a bucket. Empty when neither is known.
    let account: String
    /// The resource and what lies inside it, as `AWSResource.area` describes.
    let area: [WildcardPattern]
    /// The tags an input gives the resource's node, which decide `aws:ResourceTag`
    /// conditions.
    let tags: [String: String]
    /// The index in `scopes` of the scope of the resource's service and account. Resources
    /// whose ARN and node both have no account share the scope of account "". Nil when no
    /// 12-digit account is known but the ARN or the node has some other account value.
    let scope: Int?
  }

  private(set) var entries: [Entry] = []
  /// One scope for each account and service that has resources here, in the order of their
  /// first resource. Account "" stands for resources of no known account.
  private(set) var scopes: [ServiceScope] = []
  /// Entry indexes sorted by the UTF-8 bytes of their ARNs, for prefix searches.
  private var sortedByARN: [Int] = []
  /// The UTF-8 bytes of the ARN of each entry in `sortedByARN`, at the same position, so that
  /// a search compares bytes in place instead of walking the strings' UTF-8 views.
  private var sortedARNBytes: [[UInt8]] = []
  private var indexByARN: [String: Int] = [:]
  private var indexesByService: [String: [Int]] = [:]
  /// The regions that the ARNs of each service's resources name, each once, sorted.
  private var regionsByService: [String: [String]] = [:]
  /// The pattern `<service>:*` for each service, to test which actions may apply.
  private(set) var serviceActions: [String: WildcardPattern] = [:]

  /// Indexes the resource nodes among `nodes` and groups them into service scopes by account,
  /// with one scope per service for those of no known account.
  ///
  /// - Complexity: O(r log r) for r resource nodes.
  init(nodes: [Node]) {
    // Parsing each ARN and compiling each area are independent, so they run on all
    // processors. The indexes below are then built in node order.
    let parsed = ParallelWork.concurrentMap(count: nodes.count) {
      index -> (resource: AWSResource, area: [WildcardPattern])? in
      let node = nodes[index]
      guard node.platform == .aws, node.kind == .resource, let arn = ARN(node.id),
        !arn.isIAMPrincipal
      else { return nil }
      let resource = AWSResource(arn: arn)
      return (resource, resource.area)
    }
    var scopeIndexByKey: [String: Int] = [:]
    for (index, node) in nodes.enumerated() {
      guard let (resource, area) = parsed[index], indexByARN[node.id] == nil else { continue }
      let arn = resource.arn
      indexByARN[node.id] = entries.count
      indexesByService[arn.service, default: []].append(entries.count)
      if serviceActions[arn.service] == nil {
        serviceActions[arn.service] = WildcardPattern(arn.service + ":*", isCaseSensitive: false)
      }
      let account = ARN.isAccountID(arn.account) ? arn.account : node.account
      var scope: Int?
      // A bucket whose account no input gives is treated as in every principal's own
      // account, so all such buckets of the estate share one scope that every account
      // reaches.
      let isUnplaced = account.isEmpty && arn.account.isEmpty
      if ARN.isAccountID(account) || isUnplaced {
        let key = account + "/" + arn.service
        if scopeIndexByKey[key] == nil {
          scopeIndexByKey[key] = scopes.count
          scopes.append(ServiceScope(account: account, service: arn.service))
        }
        scope = scopeIndexByKey[key]
        scopes[scope!].add(entries.count, arn: arn)
      }
      entries.append(
        Entry(
          node: NodeID(index), resource: resource, account: account, area: area,
          tags: node.tags, scope: scope))
    }
    regionsByService = Dictionary(grouping: entries, by: \.resource.arn.service).mapValues {
      Set($0.map(\.resource.arn.region)).sorted()
    }
    let arnBytes = entries.map { Array($0.resource.id.utf8) }
    sortedByARN = entries.indices.sorted {
      Self.compare(arnBytes[$0], arnBytes[$1]) < 0
    }
    sortedARNBytes = sortedByARN.map { arnBytes[$0] }
  }

  /// Returns the entries that `pattern` may name: a superset that the caller narrows by
  /// matching each entry's area.
  ///
  /// A pattern whose literal prefix reaches past the service field, such as
  /// `arn:aws:s3:::logs-*`, is looked up by binary search over the sorted ARNs. The
  /// resources whose ARN ends where the prefix has a `/` are added, such as the bucket of an
  /// object pattern. A pattern whose region is a `*` that matches no colon is looked up the
  /// same way once for each region of its service. Any other pattern, such as `*`, yields
  /// every entry of each service for which `includesService` returns true.
  ///
  /// - Complexity: O(log r + k + n) for a pattern with a literal service, where k entries
  ///   share the prefix and n is its length; O(k) otherwise, where k counts the entries of
  ///   the included services.
  func candidates(for pattern: WildcardPattern, includesService: (String) -> Bool) -> [Int] {
    let (bytes, prefixLength) = Self.literalPrefixBytes(of: pattern)
    let colon = UInt8(ascii: ":")
    let colons = bytes.indices.filter { bytes[$0] == colon }
    guard colons.count >= 3, colons[0] == 3, bytes.starts(with: "arn".utf8) else {
      return entries(includingServices: includesService)
    }
    // A `*` that is the whole region of a pattern compared segment by segment matches one
    // region name, such as in `arn:aws:dynamodb:*:111122223333:table/orders-*`, so the
    // pattern is looked up once for each region of the service's resources.
    if colons.count == 3, colons[2] == bytes.count - 1,
      let rest = Self.literalAfterRegionWildcard(
        of: pattern, prefixLength: prefixLength)
    {
      let service = String(decoding: bytes[(colons[1] + 1)..<colons[2]], as: UTF8.self)
      var found: [Int] = []
      for region in regionsByService[service] ?? [] {
        found += entries(startingWith: bytes + Array(region.utf8) + Array(rest.utf8))
      }
      return found
    }
    return entries(startingWith: bytes)
  }

  /// Returns the UTF-8 bytes of `pattern.literalPrefix` and its length in tokens, without
  /// building the string.
  private static func literalPrefixBytes(
    of pattern: WildcardPattern
  ) -> (bytes: [UInt8], tokenCount: Int) {
    let tokens = pattern.tokens
    var bytes: [UInt8] = []
    bytes.reserveCapacity(tokens.count)
    var count = 0
    for token in tokens {
      guard case .character(let scalar) = token else { break }
      if scalar.isASCII {
        bytes.append(UInt8(scalar.value))
      } else {
        bytes.append(contentsOf: String(scalar).utf8)
      }
      count += 1
    }
    return (bytes, count)
  }

  /// Returns the literal text that follows the `*` right after the literal prefix, up to
  /// the next wildcard, when it starts with the colon that ends the region and the `*`
  /// matches no colon. Returns nil otherwise.
  private static func literalAfterRegionWildcard(
    of pattern: WildcardPattern, prefixLength: Int
  ) -> String? {
    let tokens = pattern.tokens
    guard prefixLength < tokens.count, tokens[prefixLength] == .anyRun,
      prefixLength < pattern.segmentedPrefixLength
    else { return nil }
    var rest = String.UnicodeScalarView()
    for token in tokens[(prefixLength + 1)...] {
      guard case .character(let scalar) = token else { break }
      rest.append(scalar)
    }
    guard rest.first == ":" else { return nil }
    return String(rest)
  }

  /// Returns the entries whose ARN starts with the UTF-8 bytes `prefix`, and those whose ARN
  /// ends where `prefix` has a `/`.
  private func entries(startingWith prefix: [UInt8]) -> [Int] {
    var found: [Int] = []
    for (position, byte) in prefix.enumerated() where byte == UInt8(ascii: "/") {
      let arn = String(decoding: prefix[..<position], as: UTF8.self)
      if let index = indexByARN[arn] { found.append(index) }
    }

    var slot = firstSlot(notBefore: prefix)
    while slot < sortedByARN.count {
      let arn = sortedARNBytes[slot]
      guard arn.count >= prefix.count,
        Self.compare(arn[0..<prefix.count], prefix[...]) == 0
      else { break }
      found.append(sortedByARN[slot])
      slot += 1
    }
    return found
  }

  /// Returns the first position in `sortedByARN` whose ARN does not sort before `bytes`.
  ///
  /// - Complexity: O(log r · n) for r entries and a prefix of n bytes.
  private func firstSlot(notBefore bytes: [UInt8]) -> Int {
    var low = 0
    var high = sortedByARN.count
    while low < high {
      let middle = (low + high) / 2
      if Self.compare(sortedARNBytes[middle], bytes) < 0 {
        low = middle + 1
      } else {
        high = middle
      }
    }
    return low
  }

  /// Returns a negative number, zero or a positive number as `left` sorts before, equal to
  /// or after `right`, byte by byte. A proper prefix sorts first.
  private static func compare(_ left: ArraySlice<UInt8>, _ right: ArraySlice<UInt8>) -> Int {
    let common = min(left.count, right.count)
    let order = left.withUnsafeBufferPointer { leftBytes in
      right.withUnsafeBufferPointer { rightBytes in
        common == 0 ? 0 : Int(memcmp(leftBytes.baseAddress!, rightBytes.baseAddress!, common))
      }
    }
    return order != 0 ? order : left.count - right.count
  }

  private static func compare(_ left: [UInt8], _ right: [UInt8]) -> Int {
    compare(left[...], right[...])
  }

  /// Returns every entry of each service for which `includesService` returns true.
  func entries(includingServices includesService: (String) -> Bool) -> [Int] {
    indexesByService.keys.sorted().filter(includesService).flatMap { indexesByService[$0]! }
  }
}
