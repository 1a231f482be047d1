/// `aws ssm describe-instance-information` output: `{"InstanceInformationList": [...]}`, the
/// instances and on-premises servers that Systems Manager manages in one account and region.
///
/// The output names neither the account nor the region, so it makes no workload on its
/// own. `WorkloadCatalog` joins its entries to the instances of `describe-instances` by
/// instance id and tags them, and forms ARNs for the other entries where it can.
struct SSMInstanceInformation: Sendable {
  static let command = "aws ssm describe-instance-information"

  /// One entry of `InstanceInformationList`.
  struct ManagedNode: Sendable {
    /// An EC2 instance id (`i-…`) or a hybrid managed node id (`mi-…`).
    let instanceID: String
    let isHybrid: Bool
    let pingStatus: String?
    let platformType: String?
    /// The role name that SSM gives for a hybrid node, or nil for an EC2 instance.
    let hybridRole: String?
    let file: String
    /// The JSON path of the entry, such as `InstanceInformationList[3]`.
    let location: String
    /// The JSON path of `IamRole`, when the node is hybrid and has one.
    let roleLocation: String?

    /// The tags that mark the node as managed: `ssm` = `managed`, with `PingStatus` and
    /// `PlatformType` when the entry gives them.
    var tags: [String: String] {
      var tags = ["ssm": "managed"]
      tags["PingStatus"] = pingStatus
      tags["PlatformType"] = platformType
      return tags
    }
  }

  let file: String
  let nodes: [ManagedNode]

  static func recognizes(_ document: JSONCursor) -> Bool {
    document["InstanceInformationList"] != nil
  }

  /// Reads every entry.
  ///
  /// An entry is a hybrid node when `ResourceType` is `ManagedInstance`, or, without
  /// `ResourceType`, when its id starts with `mi-`.
  ///
  /// - Throws: `ImportError` at the JSON path of the first invalid field.
  static func parse(
    _ document: JSONCursor, warnings: inout [ImportWarning]
  ) throws -> SSMInstanceInformation {
    WorkloadFields.appendPagingWarning(document, command: command, to: &warnings)
    var nodes: [ManagedNode] = []
    for entry in try document.required("InstanceInformationList").array() {
      let entry = try WorkloadFields.object(entry, command: command)
      let instanceID = try entry.requiredString("InstanceId")
      let resourceType = try entry.string("ResourceType")
      let isHybrid = resourceType.map { $0 == "ManagedInstance" } ?? instanceID.hasPrefix("mi-")
      // NOTE: The `IamRole` of an EC2 instance is not read, because its instance profile in
      // `describe-instances` is what its code runs as.
      let roleField = isHybrid ? entry["IamRole"] : nil
      nodes.append(
        ManagedNode(
          instanceID: instanceID, isHybrid: isHybrid, pingStatus: try entry.string("PingStatus"),
          platformType: try entry.string("PlatformType"), hybridRole: try roleField?.string(),
          file: entry.file, location: entry.path, roleLocation: roleField?.path))
    }
    return SSMInstanceInformation(file: document.file, nodes: nodes)
  }
}
