// Values as real extracts (HES, SUS, SQL Server and Excel exports) write them, the core readers: dates with a
// time or in UK order and HES null dates, a date of birth to the month and the ages it gives, NHS numbers
// through Excel. How the builders use them is tests/real_values_test.cpp.
#include <gtest/gtest.h>

#include <string_view>

#include "core/date_of_birth.hpp"
#include "core/day.hpp"
#include "core/nhs_number.hpp"

namespace recon {
namespace {

// ---- 1. dates

TEST(ExtractDates, TheContractFormsReadAsBefore) {
  EXPECT_EQ(parse_extract_day("2025-10-02"), make_day(2025, 10, 2));
  EXPECT_EQ(parse_extract_day("20251002"), make_day(2025, 10, 2));
  EXPECT_FALSE(parse_extract_day("2025-02-29")) << "not a calendar day";
  EXPECT_FALSE(parse_extract_day("2025-13-01"));
  EXPECT_FALSE(parse_extract_day("N/A"));
  EXPECT_FALSE(parse_extract_day("--"));
  EXPECT_FALSE(parse_extract_day(""));
}

TEST(ExtractDates, ATimeAfterTheDateIsIgnored) {
  const Day day = make_day(2025, 10, 2);
  EXPECT_EQ(parse_extract_day("2025-10-02 00:00:00.000"), day) << "SQL Server datetime";
  EXPECT_EQ(parse_extract_day("2025-10-02 23:59:59"), day);
  EXPECT_EQ(parse_extract_day("2025-10-02T00:00:00"), day) << "ISO 8601";
  EXPECT_EQ(parse_extract_day("2025-10-02T13:45:00Z"), day);
  EXPECT_EQ(parse_extract_day("2025-10-02T13:45:00+01:00"), day);
  EXPECT_EQ(parse_extract_day("02/10/2025 00:00"), day);
  // What follows the date must look like a time.
  EXPECT_FALSE(parse_extract_day("2025-10-02x"));
  EXPECT_FALSE(parse_extract_day("2025-10-02 noon"));
  EXPECT_FALSE(parse_extract_day("2025-10-02T"));
  EXPECT_FALSE(parse_extract_day("2025-10-021"));
  EXPECT_FALSE(parse_extract_day("2025-10-02 00:00:00 AM"));
}

TEST(ExtractDates, SlashDatesAreUkOrderNeverUs) {
  EXPECT_EQ(parse_extract_day("02/10/2025"), make_day(2025, 10, 2)) << "2 October, not 10 February";
  EXPECT_EQ(parse_extract_day("2/10/2025"), make_day(2025, 10, 2));
  EXPECT_EQ(parse_extract_day("31/12/2025"), make_day(2025, 12, 31));
  EXPECT_EQ(parse_extract_day("29/02/2024"), make_day(2024, 2, 29));
  EXPECT_FALSE(parse_extract_day("10/31/2025")) << "US order: month 31 does not exist";
  EXPECT_FALSE(parse_extract_day("29/02/2025"));
  EXPECT_FALSE(parse_extract_day("02/10/25")) << "a two-digit year is ambiguous";
  EXPECT_FALSE(parse_extract_day("002/10/2025"));
  EXPECT_FALSE(parse_extract_day("02-10-2025"));
}

TEST(ExtractDates, HesNullDatesAreMissingNotDates) {
  EXPECT_EQ(parse_extract_day("1800-01-01"), kNoDay) << "HES: no date given";
  EXPECT_EQ(parse_extract_day("1801-01-01"), kNoDay) << "HES: an invalid date given";
  EXPECT_EQ(parse_extract_day("1801-01-01 00:00:00"), kNoDay);
  EXPECT_EQ(parse_extract_day("01/01/1800"), kNoDay);
  EXPECT_EQ(parse_extract_day("1800-01-02"), make_day(1800, 1, 2)) << "only the two null dates";
  EXPECT_EQ(parse_extract_day("1802-01-01"), make_day(1802, 1, 1));
  // The contract's own parser (the --as-of option, say) keeps reading them as dates.
  EXPECT_EQ(parse_day("1800-01-01"), make_day(1800, 1, 1));
  EXPECT_FALSE(parse_day("02/10/2025"));
  EXPECT_FALSE(parse_day("2025-10-02 00:00:00"));
}

// ---- 2. dates of birth to the month

TEST(DateOfBirth, MonthAndYearFormsKeepMonthPrecision) {
  const DateOfBirth sept_2001{make_day(2001, 9, 1), make_day(2001, 9, 30)};
  EXPECT_EQ(parse_date_of_birth("092001"), sept_2001) << "HES MYDOB, MMYYYY";
  EXPECT_EQ(parse_date_of_birth("2001-09"), sept_2001);
  EXPECT_EQ(parse_date_of_birth("022024")->last, make_day(2024, 2, 29)) << "a leap February";
  EXPECT_EQ(parse_date_of_birth("121999")->last, make_day(1999, 12, 31));
  EXPECT_FALSE(parse_date_of_birth("132001"));
  EXPECT_FALSE(parse_date_of_birth("002001"));
  EXPECT_FALSE(parse_date_of_birth("2001-13"));
  EXPECT_FALSE(parse_date_of_birth("091799")) << "before 1800, as for any date";
  EXPECT_FALSE(parse_date_of_birth("09200"));
}

TEST(DateOfBirth, ExactDatesAndNullDates) {
  EXPECT_EQ(parse_date_of_birth("2001-09-14"), DateOfBirth::on(make_day(2001, 9, 14)));
  EXPECT_EQ(parse_date_of_birth("14/09/2001"), DateOfBirth::on(make_day(2001, 9, 14)));
  EXPECT_TRUE(parse_date_of_birth("2001-09-14")->to_the_day());
  EXPECT_FALSE(parse_date_of_birth("1800-01-01")->known()) << "a HES null date: DOB not known";
  EXPECT_FALSE(parse_date_of_birth("soon"));
  EXPECT_EQ(format_date_of_birth(*parse_date_of_birth("092001")), "2001-09");
  EXPECT_EQ(format_date_of_birth(*parse_date_of_birth("2001-09-14")), "2001-09-14");
  EXPECT_EQ(format_date_of_birth(DateOfBirth{}), "");
}

TEST(DateOfBirth, AnAgeIsKnownOnlyWhenEveryDayOfTheMonthGivesIt) {
  const DateOfBirth june_2000 = DateOfBirth::in_month(2000, 6);
  // Born in June 2000: on 2025-07-01 every possible birthday has passed, on 2025-05-31 none has.
  EXPECT_EQ(certain_age(june_2000, make_day(2025, 7, 1)), 25);
  EXPECT_EQ(certain_age(june_2000, make_day(2025, 5, 31)), 24);
  // During June 2025 the 25th birthday may or may not have come.
  EXPECT_EQ(certain_age(june_2000, make_day(2025, 6, 1)), std::nullopt);
  EXPECT_EQ(certain_age(june_2000, make_day(2025, 6, 29)), std::nullopt);
  EXPECT_EQ(certain_age(june_2000, make_day(2025, 6, 30)), 25) << "the last possible birthday";
  EXPECT_EQ(youngest_age(june_2000, make_day(2025, 6, 15)), 24);
  // To the day, the age is always known; an unknown DOB gives none.
  EXPECT_EQ(certain_age(DateOfBirth::on(make_day(2000, 6, 15)), make_day(2025, 6, 14)), 24);
  EXPECT_EQ(certain_age(DateOfBirth::on(make_day(2000, 6, 15)), make_day(2025, 6, 15)), 25);
  EXPECT_EQ(certain_age(DateOfBirth{}, make_day(2025, 6, 15)), std::nullopt);
}

TEST(DateOfBirth, CouldBeAnyDayOfItsRange) {
  const DateOfBirth june_2000 = DateOfBirth::in_month(2000, 6);
  EXPECT_TRUE(june_2000.could_be(make_day(2000, 6, 1)));
  EXPECT_TRUE(june_2000.could_be(make_day(2000, 6, 30)));
  EXPECT_FALSE(june_2000.could_be(make_day(2000, 7, 1)));
  EXPECT_FALSE(DateOfBirth{}.could_be(make_day(2000, 6, 1)));
  EXPECT_TRUE(DateOfBirth::on(make_day(2000, 6, 15)).could_be(make_day(2000, 6, 15)));
  EXPECT_FALSE(DateOfBirth::on(make_day(2000, 6, 15)).could_be(make_day(2000, 6, 16)));
}

// ---- 7. NHS numbers through Excel

NhsState read_nhs(std::string_view text, NhsNumber& n) { return parse_nhs_number(text, n); }

TEST(ExcelNhsNumbers, APointZeroIsTheNumber) {
  NhsNumber n = 0;
  EXPECT_EQ(read_nhs("7661768313.0", n), NhsState::kPresent);
  EXPECT_EQ(n, 7661768313u);
  EXPECT_EQ(read_nhs("9434765919.00", n), NhsState::kPresent);
  EXPECT_EQ(n, 9434765919u);
  bool valid = false;
  parse_nhs_number("9434765919.0", n, valid);
  EXPECT_TRUE(valid) << "the check digit is worked out as for the plain number";
  EXPECT_EQ(read_nhs("9434765919.5", n), NhsState::kMalformed) << "not a whole number";
  EXPECT_EQ(read_nhs("943476591.0", n), NhsState::kMalformed) << "nine digits";
  EXPECT_EQ(read_nhs("9434765919.", n), NhsState::kMalformed);
  EXPECT_EQ(read_nhs(".09434765919", n), NhsState::kMalformed);
}

TEST(ExcelNhsNumbers, ScientificNotationOnlyWithAllTenDigits) {
  NhsNumber n = 0;
  EXPECT_EQ(read_nhs("7.661768313E+09", n), NhsState::kPresent);
  EXPECT_EQ(n, 7661768313u);
  EXPECT_EQ(read_nhs("9.434765919e9", n), NhsState::kPresent);
  EXPECT_EQ(n, 9434765919u);
  EXPECT_EQ(read_nhs("9.434765919E+9", n), NhsState::kPresent);
  // Excel rounded: the last digits are lost, so the number cannot be known.
  EXPECT_EQ(read_nhs("7.66176831E+09", n), NhsState::kMalformed);
  EXPECT_EQ(read_nhs("7.66E+09", n), NhsState::kMalformed);
  EXPECT_EQ(read_nhs("7.661768313E+10", n), NhsState::kMalformed) << "eleven digits";
  EXPECT_EQ(read_nhs("76.61768313E+08", n), NhsState::kMalformed);
  EXPECT_EQ(n, 0u);
}

}  // namespace
}  // namespace recon
