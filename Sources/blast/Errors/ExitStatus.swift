import Analysis
import Importers
import Rendering
import Reports

/// The exit statuses of `blast`, from sysexits(3), and the one place that maps errors to them.
///
/// - 0: success, including when nothing is reachable.
/// - 1: `blast cut` printed its result, but a source reaches the target through edges
///   that cannot be revoked (`UnrevocableAccessError`).
/// - 64: the command line is wrong (`UsageError`).
/// - 65: an input's content is invalid or of no known format (`ImportError`), or an
///   identity or target matches no node or several (`AnalysisError`, `NodeArgumentError`).
/// - 66: an input is missing or unreadable (`ImportError` with reason `.unreadable`).
/// - 70: an internal error: anything else thrown.
/// - 74: standard output cannot be written (a full disk, a closed pipe).
/// - 73: an output file or report folder cannot be written (`OutputError`,
///   `ReportError` other than a failed diagram).
///
/// An identity that matches no node exits with 65, not 64: the command line is well formed,
/// but it does not fit the estate it was run against.
enum ExitStatus: Int32, Sendable {
  case success = 0
  /// The command printed its result, and the result is that no revocation plan exists.
  case noRevocationPlan = 1
  case usage = 64
  case dataError = 65
  case noInput = 66
  case internalError = 70
  case cannotCreate = 73
  /// Standard output could not be written.
  case ioError = 74

  /// The status for `error`; anything not listed above is an internal error.
  init(for error: any Error) {
    switch error {
    case is UsageError:
      self = .usage
    case is UnrevocableAccessError:
      self = .noRevocationPlan
    case let error as ImportError:
      switch error.reason {
      case .unreadable: self = .noInput
      case .invalidData, .unknownFormat: self = .dataError
      }
    case is AnalysisError, is NodeArgumentError:
      self = .dataError
    case is OutputError:
      self = .cannotCreate
    case is RenderingError:
      self = .internalError
    case let error as ReportError:
      if case .diagramFailed = error { self = .internalError } else { self = .cannotCreate }
    default:
      self = .internalError
    }
  }

  /// The text printed after `blast: error: ` for `error`.
  static func message(for error: any Error) -> String {
    switch error {
    case let error as UsageError: error.description
    case let error as ImportError: error.description
    case let error as AnalysisError: error.description
    case let error as NodeArgumentError: error.description
    case let error as OutputError: error.description
    case let error as RenderingError: error.description
    case let error as ReportError: error.description
    case let error as UnrevocableAccessError: error.description
    default: "internal error (\(error)); please report it with the command that failed"
    }
  }
}

/// An identity or target argument that matches no node or several, with the option that
/// gave it, such as `--from`. Exits with status 65.
struct NodeArgumentError: Error, Sendable, CustomStringConvertible {
  /// The option that gave the text, or nil for a positional argument.
  var option: String?
  var underlying: AnalysisError

  var description: String {
    option.map { "\($0): \(underlying)" } ?? underlying.description
  }
}
