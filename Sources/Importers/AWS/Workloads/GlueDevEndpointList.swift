/// `aws glue get-dev-endpoints` output: `{"DevEndpoints": [...]}`, one entry per endpoint.
///
/// Each endpoint becomes a `glue-dev-endpoint` workload with the id
/// `arn:<partition>:glue:<region>:<account>:devEndpoint/<EndpointName>`, and runs as the
/// role that `RoleArn` names. The output gives no endpoint ARN, so the account and the
/// partition come from `RoleArn`, and the region from `AvailabilityZone`.
///
/// An endpoint without `AvailabilityZone` takes the region of the other endpoints of the
/// same file, since one call of the command covers one region. When no endpoint of the file
/// has a zone, or the zones name several regions, the region field of the id stays empty
/// and a warning reports it.
enum GlueDevEndpointList: WorkloadListing {
  static let command = "aws glue get-dev-endpoints"

  static func recognizes(_ document: JSONCursor) -> Bool {
    document["DevEndpoints"] != nil
  }

  static func parse(
    _ document: JSONCursor, warnings: inout [ImportWarning]
  ) throws -> [Workload] {
    WorkloadFields.appendPagingWarning(document, command: command, to: &warnings)
    let entries = try document.required("DevEndpoints").array().map {
      try WorkloadFields.object($0, command: command)
    }
    var zoneRegions: [String?] = []
    for entry in entries {
      zoneRegions.append(try region(of: entry))
    }
    let fileRegions = Set(zoneRegions.compactMap { $0 })

    var endpoints: [Workload] = []
    for (entry, zoneRegion) in zip(entries, zoneRegions) {
      var region = zoneRegion ?? ""
      if zoneRegion == nil {
        if fileRegions.count == 1 {
          region = fileRegions.first!
        } else {
          warnings.append(
            ImportWarning(
              file: entry.file, location: entry.path,
              message: "the dev endpoint has no \"AvailabilityZone\" and the file names "
                + "\(fileRegions.isEmpty ? "no" : "more than one") region, so its ARN has "
                + "no region and grants that name a region do not match it; run "
                + "`\(command)` once per region"))
        }
      }
      endpoints.append(try endpoint(entry, region: region))
    }
    return endpoints
  }

  /// Returns the region of the entry's `AvailabilityZone`, or nil when it has none.
  private static func region(of entry: JSONCursor) throws -> String? {
    guard let zoneField = entry["AvailabilityZone"] else { return nil }
    let zone = try zoneField.string()
    guard let region = WorkloadFields.region(ofAvailabilityZone: zone) else {
      throw zoneField.invalid(
        "\"\(zone)\" is not an availability zone name such as us-east-1a",
        remedy: "export the output again with `\(command) --output json`")
    }
    return region
  }

  private static func endpoint(_ entry: JSONCursor, region: String) throws -> Workload {
    let name = try entry.requiredString("EndpointName")
    let roleField = try entry.required("RoleArn")
    let role = try WorkloadFields.roleARN(roleField, command: command)
    let arn = ARN(
      partition: role.partition, service: "glue", region: region, account: role.account,
      resource: "devEndpoint/\(name)")
    return Workload(
      type: .glueDevEndpoint, arn: arn, name: name, entry: entry,
      identities: [WorkloadIdentity(.role(role), field: roleField)])
  }
}
