import AccessGraph

/// Reads the project's own inventory format: on-premises systems, in-house applications,
/// people, service accounts, groups, secrets and the grants between them, written by hand.
///
/// Entries define nodes whose kind comes from their section. Grants, inline relation keys
/// and `storedIn` become edges, and marks tag nodes that other inputs define. An id that
/// no inventory defines must be defined by another input of the run, or be an AWS ARN,
/// which becomes a stub until the AWS export defines it. See docs/inventory-format.md.
struct InventoryImporter: SourceImporter {
  static let formatName = "BlastRadius inventory"

  private var documents: [InventoryDocument] = []
  /// Every entry by id, across all inventory files of the run.
  private var entries: [String: InventoryEntry] = [:]

  static func recognizes(_ document: JSONCursor) -> Bool {
    document["inventory"] != nil
  }

  mutating func add(_ document: JSONCursor) throws {
    let parsed = try InventoryParser.parse(document)
    for entry in parsed.entries {
      if let first = entries[entry.node.id] {
        let place = first.file == entry.file ? first.path : "\(first.file):\(first.path)"
        throw ImportError(
          .invalidData, file: entry.file, location: "\(entry.path).id",
          problem: "duplicate id \"\(entry.node.id)\", already defined at \(place)",
          remedy: "give one of the two entries another id")
      }
      entries[entry.node.id] = entry
    }
    documents.append(parsed)
  }

  func define(into builder: inout EstateBuilder, warn: (ImportWarning) -> Void) throws {
    for document in documents {
      for entry in document.entries {
        builder.define(entry.node)
      }
    }
  }

  func connect(into builder: inout EstateBuilder, warn: (ImportWarning) -> Void) throws {
    var resolver = InventoryResolver(entries: entries)
    for document in documents {
      for link in document.links {
        try connect(link, into: &builder, resolver: &resolver, warn: warn)
      }
      for mark in document.marks {
        try apply(mark, to: &builder, resolver: &resolver, warn: warn)
      }
    }
  }

  /// Adds every edge of `link` after checking the kinds at both ends.
  private func connect(
    _ link: InventoryLink, into builder: inout EstateBuilder,
    resolver: inout InventoryResolver, warn: (ImportWarning) -> Void
  ) throws {
    let rule = InventoryRelationRule(for: link.relation)
    var sources: [NodeID] = []
    for reference in link.sources {
      let source = try resolver.resolve(reference, file: link.file, in: &builder, warn: warn)
      let kind = builder.node(source).kind
      guard rule.allowsSource(kind) else {
        throw sourceError(link, reference, kind: kind, rule: rule)
      }
      sources.append(source)
    }
    var targets: [NodeID] = []
    for reference in link.targets {
      let target = try resolver.resolve(reference, file: link.file, in: &builder, warn: warn)
      let kind = builder.node(target).kind
      guard rule.allowsTarget(kind) else {
        throw ImportError(
          .invalidData, file: link.file, location: reference.path,
          problem: rule.problem(target: reference.id, kind: kind),
          remedy: rule.remedy(forTarget: kind))
      }
      targets.append(target)
    }

    for (source, sourceReference) in zip(sources, link.sources) {
      for (target, targetReference) in zip(targets, link.targets) {
        guard source != target else {
          throw ImportError(
            .invalidData, file: link.file, location: targetReference.path,
            problem: "\"\(link.relation.rawValue)\" leads from \"\(sourceReference.id)\" to itself",
            remedy: "name another id, because an edge from a node to itself grants nothing")
        }
        let words = link.grantWords(source: sourceReference.id, target: targetReference.id)
        builder.connect(
          source, target, link.relation, actions: link.actions,
          provenance: Provenance(file: link.file, location: link.location, grant: words),
          isConditional: link.condition != nil)
      }
    }
  }

  private func sourceError(
    _ link: InventoryLink, _ reference: InventoryReference, kind: NodeKind,
    rule: InventoryRelationRule
  ) -> ImportError {
    let phrase = InventoryRelationRule.phrase(for: kind)
    if link.isStorage {
      return ImportError(
        .invalidData, file: link.file, location: reference.path,
        problem: "\"storedIn\" names \"\(reference.id)\", \(phrase)",
        remedy: "store a secret in a workload, a resource or a scope")
    }
    return ImportError(
      .invalidData, file: link.file, location: reference.path,
      problem: "\"\(link.relation.rawValue)\" cannot start at \"\(reference.id)\", \(phrase)",
      remedy: rule.remedyForSource())
  }

  /// Marks or tags a node that another input defines.
  private func apply(
    _ mark: InventoryMark, to builder: inout EstateBuilder,
    resolver: inout InventoryResolver, warn: (ImportWarning) -> Void
  ) throws {
    if let entry = entries[mark.target.id] {
      let place = entry.file == mark.file ? entry.path : "\(entry.file):\(entry.path)"
      throw ImportError(
        .invalidData, file: mark.file, location: mark.target.path,
        problem: "\"\(mark.target.id)\" is defined in the inventory at \(place)",
        remedy: "set \"crownJewel\" or \"tags\" on that entry instead of marking it")
    }
    let node = try resolver.resolve(mark.target, file: mark.file, in: &builder, warn: warn)
    builder.update(node) { node in
      node.isCrownJewel = node.isCrownJewel || mark.isCrownJewel
      node.tags.merge(mark.tags) { _, marked in marked }
    }
  }
}
