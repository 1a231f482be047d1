/// `aws ec2 describe-instances` output: `{"Reservations": [{"OwnerId", "Instances": [...]}]}`.
///
/// Each instance becomes an `ec2-instance` workload with the id
/// `arn:<partition>:ec2:<region>:<OwnerId>:instance/<InstanceId>`. The region comes from
/// `Placement.AvailabilityZone`, and the partition from the instance profile's ARN, or else
/// from the region. The instance runs as the instance profile that
/// `IamInstanceProfile.Arn` names. `Tags` are kept.
enum EC2InstanceList: WorkloadListing {
  static let command = "aws ec2 describe-instances"

  static func recognizes(_ document: JSONCursor) -> Bool {
    document["Reservations"] != nil
  }

  static func parse(
    _ document: JSONCursor, warnings: inout [ImportWarning]
  ) throws -> [Workload] {
    WorkloadFields.appendPagingWarning(document, command: command, to: &warnings)
    var instances: [Workload] = []
    for reservation in try document.required("Reservations").array() {
      let reservation = try WorkloadFields.object(reservation, command: command)
      let ownerField = try reservation.required("OwnerId")
      let owner = try ownerField.string()
      guard ARN.isAccountID(owner) else {
        throw ownerField.invalid(
          "\"\(owner)\" is not a 12-digit account id",
          remedy: "export the output again with `\(command) --output json`")
      }
      for entry in try reservation.required("Instances").array() {
        instances.append(try instance(entry, owner: owner))
      }
    }
    return instances
  }

  private static func instance(_ entry: JSONCursor, owner: String) throws -> Workload {
    let entry = try WorkloadFields.object(entry, command: command)
    let instanceID = try entry.requiredString("InstanceId")
    let zoneField = try entry.required("Placement").required("AvailabilityZone")
    let zone = try zoneField.string()
    guard let region = WorkloadFields.region(ofAvailabilityZone: zone) else {
      throw zoneField.invalid(
        "\"\(zone)\" is not an availability zone name such as us-east-1a",
        remedy: "export the output again with `\(command) --output json`")
    }

    var identities: [WorkloadIdentity] = []
    var partition = WorkloadFields.partition(ofRegion: region)
    if let profileField = try entry["IamInstanceProfile"]?.required("Arn") {
      let profile = try WorkloadFields.instanceProfileARN(profileField, command: command)
      partition = profile.partition
      identities.append(WorkloadIdentity(.instanceProfile(profile), field: profileField))
    }
    let arn = ARN(
      partition: partition, service: "ec2", region: region, account: owner,
      resource: "instance/\(instanceID)")
    return Workload(
      type: .ec2Instance, arn: arn, name: instanceID,
      tags: try WorkloadFields.tags(entry, key: "Tags"), entry: entry, identities: identities)
  }
}
