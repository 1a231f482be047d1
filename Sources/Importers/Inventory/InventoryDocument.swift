import AccessGraph

/// An id written in an inventory, with the JSON path where it is written.
struct InventoryReference: Sendable {
  var id: String
  var path: String
}

/// A node that an inventory entry defines.
struct InventoryEntry: Sendable {
  var node: Node
  var section: InventorySection
  /// The JSON path of the entry, such as `people[0]`.
  var path: String
  var file: String
}

/// One or more edges that an inventory states: every source gains every target through
/// `relation`.
struct InventoryLink: Sendable {
  var sources: [InventoryReference]
  var relation: Relation
  var targets: [InventoryReference]
  var actions: [String] = []
  var note: String?
  /// A condition that limits the grant and that the search does not evaluate.
  var condition: String?
  /// The path of a stored secret, such as `/etc/jenkins/aws.env`, shown after the target in
  /// provenance.
  var place: String?
  /// Whether the link comes from a secret's `storedIn`, which messages name instead of
  /// `contains`.
  var isStorage = false
  /// The JSON path shown in provenance: `grants[4]` or `services[2].runsAs`.
  var location: String
  /// The words that open the provenance grant: `inventory grant 4`, `inventory people[0]`.
  var label: String
  var file: String

  /// Returns the grant in words for one of the link's edges, such as
  /// `inventory grant 4: svc-jenkins reads aws-deploy-key ("key kept in /etc/jenkins")`.
  func grantWords(source: String, target: String) -> String {
    var words = "\(label): \(source) \(relation.rawValue) \(target)"
    if let place {
      words += " at \"\(place)\""
    }
    if !actions.isEmpty {
      words += " [\(actions.joined(separator: ", "))]"
    }
    if let condition {
      words += " if \"\(condition)\""
    }
    if let note {
      words += " (\"\(note)\")"
    }
    return words
  }
}

/// Tags or a crown-jewel mark for a node that another input defines, such as an S3 bucket
/// named by its ARN.
struct InventoryMark: Sendable {
  var target: InventoryReference
  var isCrownJewel: Bool
  var tags: [String: String]
  var path: String
  var file: String
}

/// Everything read from one inventory file.
struct InventoryDocument: Sendable {
  var file: String
  var name: String
  var entries: [InventoryEntry] = []
  var links: [InventoryLink] = []
  var marks: [InventoryMark] = []
}
