import Foundation

/// The destination of a command's result: standard output, or a file with `-o FILE`.
struct OutputFileOptions: OptionGroup {
  static let output = ArgumentDefinition.option(
    "output", short: "o", valueName: "FILE",
    help: "Write the result to FILE instead of standard output. The file is replaced in "
      + "one step, never left half-written.")

  static var arguments: [ArgumentDefinition] { [output] }

  /// The output file, or nil for standard output.
  var path: String?

  init(parsing arguments: ParsedArguments) throws(UsageError) {
    path = arguments.string(Self.output)
  }

  /// Fails early, before any input is read, when the output file's folder is missing or
  /// not writable, or when the output file is one of `inputs` or lies in an input folder.
  ///
  /// - Throws: `OutputError`.
  func checkDestination(notReplacing inputs: [String]) throws(OutputError) {
    if let path {
      try AtomicFile.checkDestination(path, notReplacing: inputs)
    }
  }

  /// Writes `result` to the output file, or to standard output when there is none.
  ///
  /// - Throws: `OutputError` when the output file cannot be written.
  func write(_ result: Data, console: Console) throws(OutputError) {
    if let path {
      try AtomicFile.write(result, to: path)
    } else {
      console.output(result)
    }
  }
}
