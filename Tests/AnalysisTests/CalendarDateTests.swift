import Analysis
import XCTest

final class CalendarDateTests: XCTestCase {
  func testParsesDateAndDateTime() {
    XCTAssertEqual(CalendarDate(iso8601: "2024-05-01"), CalendarDate(year: 2024, month: 5, day: 1))
    XCTAssertEqual(
      CalendarDate(iso8601: "2024-05-01T23:30:00+02:00"),
      CalendarDate(year: 2024, month: 5, day: 1))
    XCTAssertEqual(
      CalendarDate(iso8601: "2021-03-04 10:00:00"), CalendarDate(year: 2021, month: 3, day: 4))
  }

  func testRejectsInvalidText() {
    for text in [
      "", "2024-5-01", "2024-13-01", "2024-02-30", "2023-02-29", "0000-01-01", "2024/05/01",
      "2024-05-01Z", "N/A", "2024-05-0x",
    ] {
      XCTAssertNil(CalendarDate(iso8601: text), text)
    }
  }

  func testAcceptsLeapDays() {
    XCTAssertNotNil(CalendarDate(iso8601: "2024-02-29"))
    XCTAssertNotNil(CalendarDate(iso8601: "2000-02-29"))
    XCTAssertNil(CalendarDate(iso8601: "1900-02-29"))
  }

  func testCountsDaysAcrossYears() throws {
    let start = try XCTUnwrap(CalendarDate(iso8601: "2021-03-02"))
    let end = try XCTUnwrap(CalendarDate(iso8601: "2025-01-15"))
    XCTAssertEqual(start.days(until: end), 1415)
    XCTAssertEqual(end.days(until: start), -1415)
    XCTAssertEqual(start.days(until: start), 0)
  }

  func testCountsLeapDayOnce() throws {
    let beforeLeapDay = try XCTUnwrap(CalendarDate(iso8601: "2024-02-28"))
    let afterLeapDay = try XCTUnwrap(CalendarDate(iso8601: "2024-03-01"))
    XCTAssertEqual(beforeLeapDay.days(until: afterLeapDay), 2)
    let commonYear = try XCTUnwrap(CalendarDate(iso8601: "2023-02-28"))
    let nextMarch = try XCTUnwrap(CalendarDate(iso8601: "2023-03-01"))
    XCTAssertEqual(commonYear.days(until: nextMarch), 1)
    let century = try XCTUnwrap(CalendarDate(iso8601: "1900-01-01"))
    let nextCentury = try XCTUnwrap(CalendarDate(iso8601: "2000-01-01"))
    XCTAssertEqual(century.days(until: nextCentury), 36_524)
  }

  func testDescriptionPadsFields() {
    XCTAssertEqual(CalendarDate(year: 987, month: 3, day: 4)?.description, "0987-03-04")
    XCTAssertEqual(CalendarDate(year: 2025, month: 12, day: 31)?.description, "2025-12-31")
  }

  func testOrdersByDay() throws {
    let earlier = try XCTUnwrap(CalendarDate(iso8601: "2024-12-31"))
    let later = try XCTUnwrap(CalendarDate(iso8601: "2025-01-01"))
    XCTAssertLessThan(earlier, later)
    XCTAssertFalse(later < earlier)
  }
}
