import Dispatch
import Foundation

/// A file read and parsed ahead of the importers, on a worker thread.
enum PrefetchedFile: @unchecked Sendable {
  /// The file may be one that a streaming importer reads itself, or cannot be read. The
  /// loader handles it in order as if nothing had been fetched.
  case deferred
  /// A file that starts as JSON, parsed.
  case json(JSONCursor)
  /// A file that does not start as JSON, read.
  case text(Data)
  /// Reading or parsing failed; the loader reports it when the file's turn comes.
  case failed(any Error)
}

extension EstateLoader {
  /// The maximum bytes of files that one batch reads and parses at once, so that parallel
  /// parsing does not hold many large trees in memory together.
  static let prefetchBytes = 256 << 20

  /// Splits `files` into consecutive batches to prefetch together: up to two files per
  /// processor, and no more than `prefetchBytes` unless one file alone is larger.
  static func prefetchBatches(_ files: [String]) -> [ArraySlice<String>] {
    let perBatch = max(2, 2 * ProcessInfo.processInfo.activeProcessorCount)
    var batches: [ArraySlice<String>] = []
    var start = files.startIndex
    var bytes = 0
    for index in files.indices {
      // `stat(2)` directly, because Foundation's `attributesOfItem` also looks up the names
      // of the owner and group, which took 0.3 to 1.2 ms for a single input file here. It
      // follows a symbolic link, so a linked input counts with the size of its target.
      var status = stat()
      let size = stat(files[index], &status) == 0 ? Int(status.st_size) : 0
      if index > start, index - start >= perBatch || bytes + size > prefetchBytes {
        batches.append(files[start..<index])
        start = index
        bytes = 0
      }
      bytes += size
    }
    if start < files.endIndex {
      batches.append(files[start...])
    }
    return batches
  }

  /// Reads and parses the files of one batch on several threads, returning one result per
  /// file in order. A file whose first bytes a streaming importer may recognize is left
  /// `deferred`, because that importer reads it in pieces.
  ///
  /// - Complexity: O(b) work for b bytes in the batch, spread over the processors.
  static func prefetch(_ batch: ArraySlice<String>) -> [PrefetchedFile] {
    let files = Array(batch)
    let streaming = importerTypes.compactMap { $0 as? any StreamingSourceImporter.Type }
    return ParallelWork.concurrentMap(count: files.count) { index -> PrefetchedFile in
      let file = files[index]
      guard let prefix = readPrefix(of: file),
        !streaming.contains(where: { $0.mayRecognize(prefix: prefix) })
      else {
        return .deferred
      }
      do {
        let data = try read(file)
        return startsAsJSON(data) ? .json(try JSONCursor.parse(data, file: file)) : .text(data)
      } catch {
        return .failed(error)
      }
    }
  }
}
