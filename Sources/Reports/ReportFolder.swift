import Foundation

/// A folder that a report is written into all at once: files go to a hidden staging folder
/// beside the destination, which replaces the destination only when every file is written.
///
/// An existing destination is replaced only when it is empty or contains an earlier report,
/// recognised by the marker file that every report contains, so a mistyped `-o` never
/// deletes somebody's folder.
struct ReportFolder {
  /// The file that marks a folder as a report this tool wrote.
  static let marker = ".blast-report"

  let destination: String
  let staging: String

  /// Creates the staging folder beside `destination`, and the folders above it if missing.
  ///
  /// The destination is resolved through the real path of its parent folder, so that the
  /// folder checked is the folder replaced even when the path runs through a symbolic link.
  ///
  /// - Parameter protected: Paths that must not lie inside the destination, such as the
  ///   report's inputs.
  /// - Throws: `ReportError.cannotWrite` when the parent folder cannot be created or written,
  ///   or `ReportError.destinationInUse` when the destination must not be replaced.
  init(destination: String, protecting protected: [String] = []) throws(ReportError) {
    let name = destination.split(separator: "/").last.map(String.init) ?? ""
    guard !destination.isEmpty, !name.isEmpty, name != ".", name != ".." else {
      throw .destinationInUse(path: destination, reason: "it does not name a new folder")
    }
    let lexicalParent = destination.hasPrefix("/") ? "/" : "."
    let parentText = destination.split(separator: "/").dropLast().joined(separator: "/")
    let parent = parentText.isEmpty ? lexicalParent : (destination.hasPrefix("/") ? "/" : "")
      + parentText
    do {
      try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
    } catch {
      throw .cannotWrite(path: destination, reason: Self.reason(error))
    }
    guard let realParent = Self.realPath(parent) else {
      throw .cannotWrite(path: destination, reason: String(cString: strerror(errno)))
    }
    self.destination = realParent == "/" ? "/\(name)" : "\(realParent)/\(name)"
    try Self.checkReplaceable(self.destination, named: destination, protecting: protected)
    staging = "\(realParent == "/" ? "" : realParent)/.\(name).\(UUID().uuidString).partial"
    do {
      try FileManager.default.createDirectory(
        atPath: staging, withIntermediateDirectories: false)
    } catch {
      throw .cannotWrite(path: destination, reason: Self.reason(error))
    }
  }

  /// Rejects a destination that is a file, contains the working folder or a protected path,
  /// or contains anything but an earlier report.
  private static func checkReplaceable(
    _ resolved: String, named destination: String, protecting protected: [String]
  ) throws(ReportError) {
    let inside = { (path: String) -> Bool in path == resolved || path.hasPrefix(resolved + "/") }
    if let workingFolder = realPath("."), inside(workingFolder) {
      throw .destinationInUse(path: destination, reason: "it contains the working folder")
    }
    if protected.compactMap(realPath).contains(where: inside) {
      throw .destinationInUse(path: destination, reason: "it contains the report's inputs")
    }
    let manager = FileManager.default
    var isFolder: ObjCBool = false
    guard manager.fileExists(atPath: resolved, isDirectory: &isFolder) else {
      return
    }
    guard isFolder.boolValue else {
      throw .destinationInUse(path: destination, reason: "it is a file")
    }
    guard let contents = try? manager.contentsOfDirectory(atPath: resolved) else {
      throw .destinationInUse(path: destination, reason: "its contents cannot be listed")
    }
    if !contents.isEmpty && !contents.contains(marker) {
      throw .destinationInUse(path: destination, reason: "it contains other files")
    }
  }

  /// Returns the canonical absolute path of an existing file or folder, from `realpath(3)`.
  private static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// Returns the path in the staging folder for `relativePath`, creating its subfolder.
  func path(for relativePath: String) throws(ReportError) -> String {
    let path = (staging as NSString).appendingPathComponent(relativePath)
    let folder = (path as NSString).deletingLastPathComponent
    do {
      try FileManager.default.createDirectory(
        atPath: folder, withIntermediateDirectories: true)
    } catch {
      throw .cannotWrite(path: folder, reason: Self.reason(error))
    }
    return path
  }

  func write(_ data: Data, to relativePath: String) throws(ReportError) {
    let path = try path(for: relativePath)
    do {
      try data.write(to: URL(fileURLWithPath: path))
    } catch {
      throw .cannotWrite(path: path, reason: Self.reason(error))
    }
  }

  /// Moves the staging folder into place, replacing an earlier report at the destination.
  func commit() throws(ReportError) {
    let manager = FileManager.default
    var previous: String?
    if manager.fileExists(atPath: destination) {
      let aside = staging + ".previous"
      guard rename(destination, aside) == 0 else {
        throw .cannotWrite(path: destination, reason: String(cString: strerror(errno)))
      }
      previous = aside
    }
    guard rename(staging, destination) == 0 else {
      let reason = String(cString: strerror(errno))
      if let previous { rename(previous, destination) }
      throw .cannotWrite(path: destination, reason: reason)
    }
    if let previous {
      try? manager.removeItem(atPath: previous)
    }
  }

  /// Removes the staging folder after a failure, leaving the destination untouched.
  func discard() {
    try? FileManager.default.removeItem(atPath: staging)
  }

  private static func reason(_ error: any Error) -> String {
    if let cocoa = error as? CocoaError, let underlying = cocoa.underlying as? POSIXError {
      return String(cString: strerror(underlying.code.rawValue))
    }
    return (error as NSError).localizedDescription
  }
}
