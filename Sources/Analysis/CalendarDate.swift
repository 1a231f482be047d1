/// A day of the proleptic Gregorian calendar, such as 2024-05-01, for counting the age of
/// credentials in whole days.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let year: Int
  public let month: Int
  public let day: Int

  /// Creates the date, or returns nil when the month or the day does not exist, or the year
  /// is outside 1 through 9999.
  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month),
      (1...Self.daysInMonth(month, of: year)).contains(day)
    else {
      return nil
    }
    self.year = year
    self.month = month
    self.day = day
  }

  /// Reads the date at the start of an ISO 8601 date or date-time, such as `2024-05-01` or
  /// `2024-05-01T09:30:00+02:00`, and returns nil for any other text.
  ///
  /// The time of day and the offset are ignored, so a date-time near midnight with an
  /// offset counts on the calendar day written, which may differ from the day in UTC.
  public init?(iso8601 text: String) {
    let characters = Array(text.utf8)
    guard characters.count >= 10, characters[4] == UInt8(ascii: "-"),
      characters[7] == UInt8(ascii: "-"),
      characters.count == 10 || characters[10] == UInt8(ascii: "T")
        || characters[10] == UInt8(ascii: " "),
      let year = Self.number(characters[0..<4]), let month = Self.number(characters[5..<7]),
      let day = Self.number(characters[8..<10])
    else {
      return nil
    }
    self.init(year: year, month: month, day: day)
  }

  /// `2024-05-01`.
  public var description: String {
    let yearText = String(year)
    let monthText = month < 10 ? "0\(month)" : String(month)
    let dayText = day < 10 ? "0\(day)" : String(day)
    return String(repeating: "0", count: 4 - yearText.count) + yearText + "-" + monthText + "-"
      + dayText
  }

  /// Returns the number of days from `self` to `later`, negative when `later` is earlier.
  public func days(until later: CalendarDate) -> Int {
    later.dayNumber - dayNumber
  }

  public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
    lhs.dayNumber < rhs.dayNumber
  }

  /// The number of days from 0001-01-01, which is day 1.
  private var dayNumber: Int {
    let priorYears = year - 1
    var days = priorYears * 365 + priorYears / 4 - priorYears / 100 + priorYears / 400
    days += Self.daysBeforeMonth[month - 1] + day
    if month > 2 && Self.isLeapYear(year) {
      days += 1
    }
    return days
  }

  /// Days in the months before each month of a common year.
  private static let daysBeforeMonth = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]

  private static func isLeapYear(_ year: Int) -> Bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
  }

  private static func daysInMonth(_ month: Int, of year: Int) -> Int {
    switch month {
    case 2: isLeapYear(year) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Returns the decimal value of ASCII digits, or nil when a character is not a digit.
  private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
    var value = 0
    for digit in digits {
      guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) else {
        return nil
      }
      value = value * 10 + Int(digit - UInt8(ascii: "0"))
    }
    return value
  }
}
