import Analysis
import Foundation

/// The date that ages count to, from an `--as-of DATE` option, or today's date in UTC.
enum AsOfDate {
  /// Returns the date `definition` gives, or today's date in UTC when it is absent.
  ///
  /// - Throws: `UsageError.invalidValue` unless the value is a date written as YYYY-MM-DD.
  static func value(
    of definition: ArgumentDefinition, in arguments: ParsedArguments
  ) throws(UsageError) -> CalendarDate {
    guard let text = arguments.string(definition) else {
      return today()
    }
    guard text.utf8.count == 10, let date = CalendarDate(iso8601: text) else {
      throw .invalidValue(text, for: definition, expected: "a date such as 2025-01-15")
    }
    return date
  }

  /// Returns the current date in UTC.
  static func today() -> CalendarDate {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let parts = calendar.dateComponents([.year, .month, .day], from: Date())
    return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
  }
}
