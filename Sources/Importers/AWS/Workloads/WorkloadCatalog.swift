/// The workloads of every resource inventory in the run, merged by ARN, with the entries of
/// `aws ssm describe-instance-information` joined in.
///
/// A resource listed twice, such as a notebook instance in both the list and the describe
/// output, becomes one workload: the first listing keeps its name and tags, later ones add
/// their tags and identities.
///
/// An SSM entry whose instance id a `describe-instances` output lists tags that instance.
/// Any other entry needs an ARN, and SSM output names neither account nor region. One call
/// of the command covers one account and one region, so the entry takes the partition,
/// account and region of the instances of the same file that `describe-instances` lists.
/// When there are none, or they disagree, the entry is left out with a warning.
struct WorkloadCatalog {
  private(set) var workloads: [Workload] = []
  private var indexByARN: [String: Int] = [:]

  /// The partition, account and region shared by the entries of one SSM output.
  private struct Placement: Hashable {
    let partition: String
    let account: String
    let region: String
  }

  /// Merges `workloads`, then joins the SSM entries.
  ///
  /// - Parameter warn: Receives one warning for each SSM entry left out.
  /// - Complexity: O(w + s) expected, for w workloads and s SSM entries.
  init(
    workloads: [Workload], ssmOutputs: [SSMInstanceInformation], warn: (ImportWarning) -> Void
  ) {
    for workload in workloads {
      merge(workload)
    }
    join(ssmOutputs, warn: warn)
  }

  private mutating func merge(_ workload: Workload) {
    let id = workload.arn.description
    guard let index = indexByARN[id] else {
      indexByARN[id] = workloads.count
      workloads.append(workload)
      return
    }
    workloads[index].tags.merge(workload.tags) { first, _ in first }
    workloads[index].identities += workload.identities
  }

  private mutating func join(_ outputs: [SSMInstanceInformation], warn: (ImportWarning) -> Void) {
    var instances: [String: Int] = [:]
    for (index, workload) in workloads.enumerated() where workload.type == .ec2Instance {
      instances[workload.name] = index
    }

    for output in outputs {
      var placements: Set<Placement> = []
      var unmatched: [SSMInstanceInformation.ManagedNode] = []
      for node in output.nodes {
        guard !node.isHybrid, let index = instances[node.instanceID] else {
          unmatched.append(node)
          continue
        }
        workloads[index].tags.merge(node.tags) { _, managed in managed }
        let arn = workloads[index].arn
        placements.insert(
          Placement(partition: arn.partition, account: arn.account, region: arn.region))
      }

      for node in unmatched {
        guard placements.count == 1, let placement = placements.first else {
          warn(unplacedWarning(node, placementCount: placements.count))
          continue
        }
        merge(workload(node, placement: placement))
      }
    }
  }

  /// Returns the workload of an SSM entry that no `describe-instances` output lists.
  private func workload(
    _ node: SSMInstanceInformation.ManagedNode, placement: Placement
  ) -> Workload {
    let (type, service, resourceType): (WorkloadType, String, String) =
      node.isHybrid
      ? (.ssmManagedInstance, "ssm", "managed-instance") : (.ec2Instance, "ec2", "instance")
    let arn = ARN(
      partition: placement.partition, service: service, region: placement.region,
      account: placement.account, resource: "\(resourceType)/\(node.instanceID)")
    var identities: [WorkloadIdentity] = []
    if let role = node.hybridRole, let location = node.roleLocation {
      identities.append(WorkloadIdentity(.roleNamed(role), file: node.file, location: location))
    }
    return Workload(
      type: type, arn: arn, name: node.instanceID, tags: node.tags, file: node.file,
      location: node.location, identities: identities)
  }

  private func unplacedWarning(
    _ node: SSMInstanceInformation.ManagedNode, placementCount: Int
  ) -> ImportWarning {
    let reason =
      placementCount == 0
      ? "no instance of this file is in a `describe-instances` output of the run"
      : "the instances of this file that `describe-instances` lists are in more than one "
        + "account or region"
    let noun = node.isHybrid ? WorkloadType.ssmManagedInstance.noun : "instance"
    return ImportWarning(
      file: node.file, location: node.location,
      message: "\(noun) \(node.instanceID) is left out, because \(reason), so its account and "
        + "region are not known; add the `aws ec2 describe-instances` output of the same "
        + "account and region")
  }
}
