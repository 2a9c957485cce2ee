// Dates, money, codes and NHS numbers: the typed values every record is made of.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

#include "core/code.hpp"
#include "core/day.hpp"
#include "core/money.hpp"
#include "core/nhs_number.hpp"
#include "core/pricing.hpp"
#include "core/reference.hpp"
#include "parsers/builders.hpp"

namespace recon {
namespace {

TEST(Day, ParsesBothContractFormsAndRejectsImpossibleDates) {
  EXPECT_EQ(parse_day("1970-01-01"), 0);
  EXPECT_EQ(parse_day("2025-04-01"), parse_day("20250401"));
  EXPECT_EQ(format_day(*parse_day("2024-02-29")), "2024-02-29");
  EXPECT_FALSE(parse_day("2025-02-29"));
  EXPECT_FALSE(parse_day("2025-13-01"));
  EXPECT_FALSE(parse_day("2025-4-1"));
  EXPECT_FALSE(parse_day("01/04/2025"));
  EXPECT_FALSE(parse_day(""));
  EXPECT_EQ(format_day(kNoDay), "");
}

TEST(Day, AgeIsBirthdayExact) {
  Day dob = make_day(2000, 6, 15);
  EXPECT_EQ(age_in_years(dob, make_day(2010, 6, 14)), 9);
  EXPECT_EQ(age_in_years(dob, make_day(2010, 6, 15)), 10);
  EXPECT_EQ(month_index(make_day(2025, 4, 30)), *parse_month("2025-04"));
  EXPECT_EQ(format_month(*parse_month("2025-12")), "2025-12");
}

TEST(Money, ParsesAndFormatsExactly) {
  EXPECT_EQ(parse_money("1234.56"), 123456);
  EXPECT_EQ(parse_money("1,234.5"), 123450);
  EXPECT_EQ(parse_money("\xC2\xA3"
                        "12"),
            1200);
  EXPECT_EQ(parse_money("-0.05"), -5);
  EXPECT_EQ(parse_money("1.230"), 123);
  EXPECT_FALSE(parse_money("1.234"));
  EXPECT_FALSE(parse_money("abc"));
  EXPECT_FALSE(parse_money("1.2.3"));
  EXPECT_EQ(format_money(123456), "1234.56");
  EXPECT_EQ(format_money(-5), "-0.05");
}

TEST(Code, PacksUpToEightCharactersInStringOrder) {
  Code a = Code::of("EB03A"), b = Code::of("EB03B");
  EXPECT_LT(a, b);
  EXPECT_EQ(a.str(), "EB03A");
  EXPECT_EQ(a.prefix(4), Code::of("EB03"));
  EXPECT_TRUE(a.starts_with(Code::of("EB")));
  EXPECT_FALSE(Code::from("123456789"));
  EXPECT_TRUE(Code().empty());
  EXPECT_EQ(a.size(), 5u);
}

// Code::upper_of packs and upper-cases without a loop: it must give what packing the text upper-cased byte
// by byte gives, for every length and for the bytes either side of each letter range and above ASCII.
TEST(Code, UpperOfAgreesWithUpperCasingEachByte) {
  const std::string edges = std::string("@AZ[`az{09 -.") + '\0' + '\x7f' + '\x80' + '\xe1' + '\xfa' + '\xff';
  std::uint64_t x = 0x9E3779B97F4A7C15ull;
  for (int i = 0; i < 200000; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    const std::size_t n = i % 9;
    std::string text(n, ' ');
    for (std::size_t k = 0; k < n; ++k) {
      const std::uint64_t r = x >> (7 * k);
      text[k] = (r & 1) ? edges[(r >> 1) % edges.size()] : static_cast<char>(r >> 1);
    }
    std::string upper = text;
    for (char& c : upper)
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    ASSERT_EQ(Code::upper_of(text), *Code::from(upper)) << i;
  }
  EXPECT_EQ(Code::upper_of("rth08"), Code::of("RTH08"));
  EXPECT_EQ(Code::upper_of("a"), Code::of("A"));
  EXPECT_EQ(Code::upper_of("abcdefgh"), Code::of("ABCDEFGH"));
  EXPECT_TRUE(Code::upper_of("").empty());
}

// Code::size counts the bytes before the first zero byte from the top, found in the word at once: it must
// agree with counting them one by one, whatever the bytes after that zero hold.
TEST(Code, SizeCountsTheBytesBeforeTheFirstZeroByte) {
  std::uint64_t x = 0x2545F4914F6CDD1Dull;
  for (int i = 0; i < 200000; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    std::uint64_t bits = x;
    for (int k = 0; k < 8; ++k)  // zero some bytes, and make some 0x80 or 0x01 (a borrow's edge cases)
      if (const unsigned pick = (x >> (k * 3 + 40)) & 7; pick < 3)
        bits = (bits & ~(0xFFull << (8 * k))) | (std::uint64_t{pick == 0   ? 0u
                                                               : pick == 1 ? 0x80u
                                                                           : 0x01u}
                                                 << (8 * k));
    std::size_t expected = 0;
    while (expected < 8 && ((bits >> (8 * (7 - expected))) & 0xFF)) ++expected;
    ASSERT_EQ(Code::from_bits(bits).size(), expected) << std::hex << bits;
  }
  EXPECT_EQ(Code().size(), 0u);
  EXPECT_EQ(Code::of("ABCDEFGH").size(), 8u);
  EXPECT_EQ(Code::of("I50").size(), 3u);
}

// parse_day does its own calendar arithmetic (a table to 2399, arithmetic after): it must agree with
// std::chrono on every day from 1800 to 2450 in both spellings, and refuse every impossible day of month.
TEST(Day, ParseAgreesWithTheCivilCalendarEveryDay) {
  for (int y = 1800; y <= 2450; ++y)
    for (unsigned m = 1; m <= 12; ++m)
      for (unsigned d = 1; d <= 31; ++d) {
        const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m},
                                              std::chrono::day{d}};
        char iso[16], compact[16];
        std::snprintf(iso, sizeof iso, "%04d-%02u-%02u", y, m, d);
        std::snprintf(compact, sizeof compact, "%04d%02u%02u", y, m, d);
        if (!ymd.ok()) {
          ASSERT_FALSE(parse_day(iso)) << iso;
          ASSERT_FALSE(parse_day(compact)) << compact;
          continue;
        }
        const Day expected = static_cast<Day>(std::chrono::sys_days{ymd}.time_since_epoch().count());
        ASSERT_EQ(parse_day(iso), expected) << iso;
        ASSERT_EQ(parse_day(compact), expected) << compact;
        ASSERT_EQ(format_day(expected), iso);
      }
  EXPECT_FALSE(parse_day("1799-12-31")) << "before 1800 is refused";
  EXPECT_FALSE(parse_day("2025-00-10"));
  EXPECT_FALSE(parse_day("2025-01-00"));
  EXPECT_FALSE(parse_day("2025-01-3a"));
  EXPECT_FALSE(parse_day("2025/01/30"));
  EXPECT_FALSE(parse_day("202501-30"));
  // Bytes either side of the digits ('/' and ':') are no digits, in every position.
  for (const char* text : {"/025-01-30", "2:25-01-30", "20/5-01-30", "202:-01-30", "2025-/1-30", "2025-0:-30",
                           "2025-01-/0", "2025-01-3:", "2025013:", "/0250130"})
    EXPECT_FALSE(parse_day(text)) << text;
}

TEST(NhsNumber, Modulus11) {
  EXPECT_TRUE(nhs_number_valid(9434765919ull));
  EXPECT_FALSE(nhs_number_valid(9434765918ull));
  EXPECT_FALSE(nhs_number_valid(4444444444ull)) << "all-same-digit numbers are never issued";
  EXPECT_FALSE(nhs_number_valid(0));
  NhsNumber n;
  EXPECT_EQ(parse_nhs_number("943 476 5919", n), NhsState::kPresent);
  EXPECT_EQ(n, 9434765919ull);
  EXPECT_EQ(parse_nhs_number("", n), NhsState::kMissing);
  EXPECT_EQ(parse_nhs_number("94347659", n), NhsState::kMalformed);
  EXPECT_EQ(parse_nhs_number("94347659AB", n), NhsState::kMalformed);
  EXPECT_EQ(redact_nhs_number(9434765919ull).find("943476"), std::string::npos);
}

// The parser works out Modulus 11 from the digits as it reads them; it must agree with nhs_number_valid
// on every kind of number: valid, wrong check digit, check digit 10, all digits the same, leading zeros.
TEST(NhsNumber, ParsedValidityAgreesWithTheCheck) {
  std::uint64_t x = 88172645463325252ull;  // xorshift: a fixed spread of numbers
  int valid_seen = 0;
  for (int i = 0; i < 200000; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    const NhsNumber candidate = i < 10 ? 1111111111ull * static_cast<NhsNumber>(i) : x % 10000000000ull;
    char text[16];
    std::snprintf(text, sizeof text, "%010llu", static_cast<unsigned long long>(candidate));
    NhsNumber n = 0;
    bool valid = true;
    ASSERT_EQ(parse_nhs_number(text, n, valid), NhsState::kPresent) << text;
    ASSERT_EQ(n, candidate);
    ASSERT_EQ(valid, nhs_number_valid(candidate)) << text;
    valid_seen += valid;
  }
  EXPECT_GT(valid_seen, 10000);  // about 1 in 11 numbers passes
  // Ten plain digits take a fast path; the same number spaced or hyphenated takes the general one, and
  // must read the same. Ten characters that are not all digits are never read as ten digits.
  for (const NhsNumber number : {9434765919ull, 9434765918ull, 123456789ull, 4444444444ull, 9999999999ull}) {
    char plain[16], spaced[16];
    std::snprintf(plain, sizeof plain, "%010llu", static_cast<unsigned long long>(number));
    std::snprintf(spaced, sizeof spaced, "%.3s %.3s %.4s", plain, plain + 3, plain + 6);
    NhsNumber a = 0, b = 0;
    bool valid_a = false, valid_b = true;
    ASSERT_EQ(parse_nhs_number(plain, a, valid_a), NhsState::kPresent);
    ASSERT_EQ(parse_nhs_number(spaced, b, valid_b), NhsState::kPresent);
    EXPECT_EQ(a, b) << spaced;
    EXPECT_EQ(valid_a, valid_b) << spaced;
    EXPECT_EQ(valid_a, nhs_number_valid(number)) << plain;
    for (std::size_t at = 0; at < 10; ++at)
      for (const char not_digit : {'/', ':', 'O', '\0'}) {
        std::string text(plain);
        text[at] = not_digit;
        bool valid_c = true;
        EXPECT_EQ(parse_nhs_number(text, a, valid_c), NhsState::kMalformed) << at;
        EXPECT_FALSE(valid_c);
        EXPECT_EQ(a, 0u);
      }
  }
  NhsNumber n = 0;
  bool valid = true;
  EXPECT_EQ(parse_nhs_number("943 476 5918", n, valid), NhsState::kPresent);
  EXPECT_FALSE(valid);
  EXPECT_EQ(parse_nhs_number("943-476-5919", n, valid), NhsState::kPresent);
  EXPECT_TRUE(valid);
  EXPECT_EQ(parse_nhs_number("9434765", n, valid), NhsState::kMalformed);
  EXPECT_FALSE(valid);
}

// format_nhs_number writes ten digits by hand: it must write what "%010llu" writes, leading zeros too.
TEST(NhsNumber, FormattedAsTenDigits) {
  std::uint64_t x = 0x9E3779B97F4A7C15ull;
  for (int i = 0; i < 100000; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    const NhsNumber n = i % 3 == 0 ? x % 1000 : i % 3 == 1 ? x % 10000000000ull : x % 100000000000ull;
    if (is_pseudonym_key(n)) continue;
    char expected[24];
    std::snprintf(expected, sizeof expected, "%010llu", static_cast<unsigned long long>(n));
    ASSERT_EQ(format_nhs_number(n), expected) << n;
  }
  EXPECT_EQ(format_nhs_number(0), "0000000000");
  EXPECT_EQ(format_nhs_number(9434765919ull), "9434765919");
  EXPECT_EQ(format_nhs_number(9999999999ull), "9999999999");
  EXPECT_EQ(format_nhs_number(10000000000ull), "10000000000");
}

TEST(ClinicalCodes, NormalisedToReferenceForm) {
  EXPECT_EQ(normalise_clinical_code("I50.0"), Code::of("I500"));
  EXPECT_EQ(normalise_clinical_code("i500"), Code::of("I500"));
  EXPECT_EQ(normalise_clinical_code("I10X"), Code::of("I10"));
  EXPECT_EQ(normalise_clinical_code("A17.0+"), Code::of("A170"));
  EXPECT_EQ(normalise_clinical_code("W40.1"), Code::of("W401"));
}

TEST(Pricing, TariffRules) {
  Reference ref;
  TariffApc t;
  t.daycase = 50000;
  t.elective = 100000;
  t.nonelective = 150000;
  t.el_trim = 5;
  t.nel_trim = 10;
  t.excess_bed_day = 30000;
  t.ssem_percent = 70;
  ref.tariff_apc[Code::of("EB03C")] = t;
  const Code hrg = Code::of("EB03C");
  const Day d0 = make_day(2025, 4, 1);
  EXPECT_EQ(price_apc(ref, hrg, 11, 2, d0, d0), 50000) << "day case";
  EXPECT_EQ(price_apc(ref, hrg, 11, 1, d0, d0 + 5), 100000) << "elective at the trim point";
  EXPECT_EQ(price_apc(ref, hrg, 11, 1, d0, d0 + 7), 160000) << "two excess bed days";
  EXPECT_EQ(price_apc(ref, hrg, 21, 1, d0, d0 + 1), 105000) << "short-stay emergency at 70%";
  EXPECT_EQ(price_apc(ref, hrg, 21, 1, d0, d0 + 12), 210000) << "non-elective, two excess days";
  EXPECT_EQ(price_apc(ref, Code::of("ZZ99Z"), 11, 1, d0, d0), 0) << "not in the tariff";
  EXPECT_EQ(admission_method_number(Code::of("2A")), 20);
  EXPECT_EQ(admission_method_number(Code::of("21")), 21);
}

}  // namespace
}  // namespace recon

namespace recon {
namespace {

// Reference look-ups answer the same through the flat indexes (after index_key_lengths) as through the
// maps they copy: full codes, 3-character categories, longest-prefix CC scores, absent and empty codes.
TEST(Reference, IndexedLookUpsAgreeWithTheMaps) {
  Reference plain;
  plain.icd10[Code::of("I50")] = Icd10Info{0, -1, -1, true, Code::of("IX")};
  plain.icd10[Code::of("I500")] = Icd10Info{'F', 10, 60, false, Code::of("IX")};
  plain.icd10[Code::of("O800")] = Icd10Info{'F', -1, -1, true, Code::of("XV")};
  plain.cc_scores[Code::of("E1")] = 2;
  plain.cc_scores[Code::of("E119")] = 5;
  plain.cc_scores[Code::of("N18")] = 3;
  Reference indexed = plain;
  indexed.index_key_lengths();
  for (const char* text : {"I50", "I500", "I509", "I5", "O800", "O80", "E11", "E119", "E1190", "N185", "Z00",
                           "", "A", "ABCDEFGH"}) {
    const Code code = Code::of(text);
    const Icd10Info* a = plain.find_icd10(code);
    const Icd10Info* b = indexed.find_icd10(code);
    ASSERT_EQ(a == nullptr, b == nullptr) << text;
    if (a) {
      EXPECT_EQ(a->sex, b->sex) << text;
      EXPECT_EQ(a->min_age, b->min_age) << text;
      EXPECT_EQ(a->primary_ok, b->primary_ok) << text;
    }
    EXPECT_EQ(plain.cc_score(code), indexed.cc_score(code)) << text;
  }
  EXPECT_EQ(indexed.cc_score(Code::of("E1190")), 5);
  EXPECT_EQ(indexed.cc_score(Code::of("E100")), 2);
  EXPECT_EQ(indexed.find_icd10(Code::of("I509"))->sex, 0);
}

}  // namespace
}  // namespace recon
