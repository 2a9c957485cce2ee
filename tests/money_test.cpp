// Money that must not silently change: thousands separators only in whole groups of three, no ambiguous
// decimal commas, negative and absurd prices refused, and sums that cannot wrap round.
#include "core/money.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <limits>

#include "parsers/builders.hpp"
#include "recon/cli/run_job.hpp"
#include "rules/registry.hpp"

namespace recon {
namespace {

TEST(MoneyParse, ThousandsSeparatorsOnlyBetweenWholeGroupsOfThree) {
  EXPECT_EQ(parse_money("1,234.56"), 123456);
  EXPECT_EQ(parse_money("1,234,567"), 123456700);
  EXPECT_EQ(parse_money("999,999.99"), 99999999);
  EXPECT_EQ(parse_money("-1,234.00"), -123400);
  EXPECT_EQ(parse_money("\xC2\xA3"
                        "12,345.6"),
            1234560);
}

TEST(MoneyParse, AmbiguousOrMisplacedCommasAreNotMoney) {
  for (const char* text : {"12,50",     // a decimal comma: 12.50, not 1250.00
                           "1,2345",    // a group of four
                           "1234,567",  // a first group of four
                           ",123", "1,,234", "1,234,", "1,23,456", "1.2,3", "1.23,", ","}) {
    EXPECT_FALSE(parse_money(text)) << text;
  }
}

TEST(MoneyParse, KeepsItsExistingForms) {
  EXPECT_EQ(parse_money("1234"), 123400);
  EXPECT_EQ(parse_money("1234.5"), 123450);
  EXPECT_EQ(parse_money("-12.30"), -1230);
  EXPECT_EQ(parse_money("1.230"), 123);
  EXPECT_FALSE(parse_money("1.234"));
  EXPECT_FALSE(parse_money("1234567890123456"));  // 16 digits of pounds
}

// Plain amounts ("750.00", "750") take a fast path; with a '+' in front the same text goes the general
// way. Both must read every text of digits, points and commas alike.
TEST(MoneyParse, PlainAmountsReadAsTheGeneralReaderReadsThem) {
  const std::string alphabet = "0123456789012345678901234567890123456789.,/:";
  std::uint64_t x = 0x9E3779B97F4A7C15ull;
  for (int i = 0; i < 200000; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    std::string text(1 + x % 19, '0');
    for (std::size_t k = 0; k < text.size(); ++k) text[k] = alphabet[(x >> (3 * k % 60)) % alphabet.size()];
    if (i % 2) text[text.size() - std::min<std::size_t>(text.size(), 3)] = '.';  // often "digits.dd"
    ASSERT_EQ(parse_money(text), parse_money("+" + text)) << text;
  }
  EXPECT_EQ(parse_money("750.00"), 75000);
  EXPECT_EQ(parse_money("0.05"), 5);
  EXPECT_EQ(parse_money("999999999999999.99"), 99999999999999999);
  EXPECT_FALSE(parse_money("1000000000000000.00"));  // 16 digits of pounds
  EXPECT_EQ(parse_money(".50"), 50);                 // no pounds: the general reader's form
}

TEST(MoneySum, AddsExactlyAndRefusesToWrapRound) {
  EXPECT_EQ(add_money(123456, 100), 123556);
  EXPECT_EQ(add_money(-5, 5), 0);
  constexpr Pence kMax = std::numeric_limits<Pence>::max();
  EXPECT_EQ(add_money(kMax - 1, 1), kMax);
  EXPECT_THROW(add_money(kMax, 1), MoneyOverflow);
  EXPECT_THROW(add_money(kMax / 2 + 1, kMax / 2 + 1), MoneyOverflow);
  // INT64_MIN is kNoPrice, never a total.
  EXPECT_THROW(add_money(std::numeric_limits<Pence>::min() + 1, -1), MoneyOverflow);
}

// The reason build_apc gives for a row whose only notable field is PRICE = `price`; "" if accepted.
std::string apc_price_reason(std::string_view price, Pence* parsed = nullptr) {
  std::array<std::string_view, apc::kCount> values{};
  values[apc::SUSSPELLID] = "S1";
  values[apc::PROCODE3] = "RXH";
  values[apc::NHSNUMBER] = "";
  values[apc::ADMIDATE] = "2025-03-10";
  values[apc::DISDATE] = "2025-03-12";
  values[apc::SUSHRG] = "EB03C";
  values[apc::PRICE] = price;
  ApcRow row;
  std::string reason = build_apc(FieldRow{values, SourcePos{0, 2}}, row);
  if (parsed) *parsed = row.price;
  return reason;
}

TEST(ActivityPrice, MalformedNegativeAndAbsurdPricesAreRejectsWithAReason) {
  EXPECT_EQ(apc_price_reason("12,50"),
            "PRICE '12,50' is not an amount of money (pence follow a point; a comma may only separate groups "
            "of three digits)");
  EXPECT_EQ(apc_price_reason("-5000.00"), "negative PRICE '-5000.00'");
  EXPECT_EQ(apc_price_reason("999999999999999"),
            "PRICE '###############' is above the 10000000.00 limit for one price");
  EXPECT_EQ(apc_price_reason("10000000.01"),
            "PRICE '10000000.01' is above the 10000000.00 limit for one price");
}

TEST(ActivityPrice, PricesUpToTheLimitAreRead) {
  Pence p = 0;
  EXPECT_EQ(apc_price_reason("10,000,000.00", &p), "");
  EXPECT_EQ(p, kMaxPrice);
  EXPECT_EQ(apc_price_reason("1,234.56", &p), "");
  EXPECT_EQ(p, 123456);
  EXPECT_EQ(apc_price_reason("0", &p), "");
  EXPECT_EQ(p, 0);
  EXPECT_EQ(apc_price_reason("", &p), "");
  EXPECT_EQ(p, kNoPrice) << "an empty PRICE is recon's to price from the tariff";
}

// Each price is within the limit, but a tariff can price a spell far above it (excess bed days over a
// 400-year stay): 64,000 such spells add up to more than an int64 of pence. The provider's charged total
// must stop the run, not wrap round to a negative number.
TEST(MoneySum, AProviderTotalThatWouldOverflowStopsTheRunInsteadOfPrintingAWrongTotal) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("recon_money_overflow_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "reference");
  std::ofstream(dir / "reference" / "tariff_apc.csv")
      << "HRG,NAME,DAYCASE,ELECTIVE,NONELECTIVE,EL_TRIM,NEL_TRIM,EXCESS_BED_DAY,SSEM\n"
         "EB03C,Heart failure,,10000000.00,10000000.00,0,0,10000000.00,\n";
  {
    std::ofstream apc(dir / "apc.csv");
    apc << "SUSSPELLID,PROCODE3,NHSNUMBER,ADMIDATE,DISDATE,ADMIMETH,SUSHRG\n";
    // (Not 1800-01-01: that is HES's null date, no admission date at all.)
    for (int i = 0; i < 64000; ++i) apc << 'S' << i << ",RXH,,1800-01-02,2199-12-31,11,EB03C\n";
  }
  RunConfig c;
  c.apc = {(dir / "apc.csv").string()};
  c.reference_dir = (dir / "reference").string();
  c.out_dir = (dir / "out").string();
  c.quiet = true;
  c.threads = 2;
  c.rule_options.as_of = make_day(2026, 1, 1);
  for (const Rule* r : RuleRegistry::instance().all()) c.disabled_rules.emplace_back(r->info().id);
  EXPECT_THROW(run_recon(c), MoneyOverflow);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace recon
