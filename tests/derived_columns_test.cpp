// Derived columns (a contract column joined from several source columns, e.g. SUS's month and year of birth
// into DOB as MMYYYY): what a mapping accepts, and what the ingest hands the sink.
#include "parsers/derived_columns.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "parsers/fatal_error.hpp"
#include "tests/collecting_sink.hpp"

namespace recon {
namespace {
namespace fs = std::filesystem;

DerivedColumn month_year_dob() { return {"dob", {{"BirthMonth", 2}, {"BirthYear", 4}}}; }

std::string add_error(const std::string& dataset, DerivedColumn column) {
  ColumnMapping m;
  try {
    m.add_derived(dataset, std::move(column), "test");
  } catch (const FatalError& e) {
    return e.what();
  }
  return "";
}

TEST(DerivedColumnMapping, ADerivedColumnIsKeptForItsDatasetInUpperCase) {
  ColumnMapping m;
  m.add_derived("Register", month_year_dob());
  ASSERT_EQ(m.derived("register").size(), 1u);
  const DerivedColumn& d = m.derived("register").front();
  EXPECT_EQ(d.target, "DOB");
  ASSERT_EQ(d.parts.size(), 2u);
  EXPECT_EQ(d.parts[0].source, "BIRTHMONTH");
  EXPECT_EQ(d.parts[0].width, 2u);
  EXPECT_EQ(d.parts[1].source, "BIRTHYEAR");
  EXPECT_TRUE(m.derived("apc").empty()) << "one dataset's derived column is not another's";
}

TEST(DerivedColumnMapping, WhatCannotBeDerivedIsAnError) {
  EXPECT_EQ(add_error("*", month_year_dob()),
            "test: a derived column needs one dataset of the contract, not '*'");
  EXPECT_EQ(add_error("nope", month_year_dob()),
            "test: a derived column needs one dataset of the contract, not 'nope'");
  EXPECT_EQ(add_error("register", {"BIRTH", {{"A", 0}}}),
            "test: 'BIRTH' is not a column of dataset register in the data contract");
  EXPECT_EQ(add_error("register", {"REGDATE", {{"A", 0}, {"B", 0}}}),
            "test: 'REGDATE' is a required column of dataset register: it cannot be derived")
      << "the header is checked for required columns before any row is derived";
  EXPECT_EQ(add_error("register", {"DOB", {}}), "test: derived column DOB has no source columns");
  EXPECT_EQ(add_error("register", {"DOB", {{" ", 2}}}),
            "test: derived column DOB has an empty source column");
  ColumnMapping m;
  m.add_derived("register", month_year_dob());
  EXPECT_THROW(m.add_derived("register", {"DOB", {{"Other", 0}}}), FatalError) << "one derivation per column";
}

using test_support::Collect;

class DerivedColumnIngest : public ::testing::Test {
 protected:
  fs::path dir = fs::temp_directory_path() / ("recon_derived_test_" + std::to_string(::getpid()));
  void SetUp() override { fs::create_directories(dir); }
  void TearDown() override { fs::remove_all(dir); }
  std::string file(const std::string& name, const std::string& text) {
    std::ofstream(dir / name, std::ios::binary) << text;
    return (dir / name).string();
  }
  Collect ingest(const std::string& path, const ColumnMapping* mapping, IngestOptions o = {},
                 IngestResult* result = nullptr) {
    Collect c(register_schema());
    o.mapping = mapping;
    const IngestResult r = ingest_mapped({path, 0, format_from_path(path)}, register_schema(), c, o);
    EXPECT_EQ(r.rows, c.rows.size() + c.bad.size()) << "rows in = accepted + rejected";
    if (result) *result = r;
    return c;
  }
};

const std::string kRegister =
    "NHSNUMBER,GPPRAC,REGDATE,BirthMonth,BirthYear,Other\n"
    "9434765919,A81001,2020-01-01,3,1950,x\n"   // month padded
    "9434765919,A81001,2020-01-01,12,1950,x\n"  // two digits as they are
    "9434765919,A81001,2020-01-01,,1950,x\n"    // half a date of birth is none
    "9434765919,A81001,2020-01-01,3,,x\n"
    "9434765919,A81001,2020-01-01,13,50,x\n"  // nonsense passes through: the value parser judges it
    "9434765919,A81001\n";                    // malformed rows still reach the sink as malformed

TEST_F(DerivedColumnIngest, TheJoinedValueStandsInTheDerivedColumn) {
  ColumnMapping m;
  m.add_derived("register", month_year_dob());
  IngestResult r;
  const Collect c = ingest(file("register.csv", kRegister), &m, {}, &r);
  const std::string fixed = "NHSNUMBER=9434765919|GPPRAC=A81001|";
  EXPECT_EQ(c.rows,
            (std::vector<std::string>{
                "2:" + fixed + "DOB=031950|REGDATE=2020-01-01|",
                "3:" + fixed + "DOB=121950|REGDATE=2020-01-01|", "4:" + fixed + "REGDATE=2020-01-01|",
                "5:" + fixed + "REGDATE=2020-01-01|", "6:" + fixed + "DOB=130050|REGDATE=2020-01-01|"}));
  EXPECT_EQ(c.bad, (std::vector<std::string>{"7:has 2 fields, header has 6"}));
  EXPECT_EQ(r.ignored_columns, (std::vector<std::string>{"Other"})) << "the sources are read, not ignored";
}

TEST_F(DerivedColumnIngest, ChunksAndThreadsDoNotChangeTheRows) {
  ColumnMapping m;
  m.add_derived("register", month_year_dob());
  std::string text = "NHSNUMBER,GPPRAC,REGDATE,BirthMonth,BirthYear\n";
  for (int i = 0; i < 3000; ++i)
    text += "9434765919,A81001,2020-01-01," + std::to_string(i % 12 + 1) + "," +
            std::to_string(1900 + i % 100) + "\n";
  const std::string path = file("many.csv", text);
  const Collect whole = ingest(path, &m);
  IngestOptions small;
  small.chunk_bytes = 1000;
  small.threads = 4;
  const Collect chunked = ingest(path, &m, small);
  ASSERT_EQ(whole.rows.size(), 3000u);
  EXPECT_EQ(whole.rows, chunked.rows);
  EXPECT_NE(whole.rows[0].find("DOB=011900|"), std::string::npos) << whole.rows[0];
}

TEST_F(DerivedColumnIngest, NdjsonSourcesAreDerivedToo) {
  ColumnMapping m;
  m.add_derived("register", month_year_dob());
  const Collect c =
      ingest(file("register.ndjson",
                  "{\"NHSNUMBER\":\"9434765919\",\"GPPRAC\":\"A81001\",\"REGDATE\":\"2020-01-01\","
                  "\"BirthMonth\":7,\"BirthYear\":1961}\n"),
             &m);
  EXPECT_EQ(
      c.rows,
      (std::vector<std::string>{"1:NHSNUMBER=9434765919|GPPRAC=A81001|DOB=071961|REGDATE=2020-01-01|"}));
}

TEST_F(DerivedColumnIngest, WithoutDerivedColumnsItIsThePlainIngest) {
  const std::string path = file("register.csv", kRegister);
  ColumnMapping renames;
  renames.add("register", "BirthYear", "DOB");
  const Collect c = ingest(path, &renames);
  ASSERT_EQ(c.rows.size(), 5u);
  EXPECT_EQ(c.rows[0], "2:NHSNUMBER=9434765919|GPPRAC=A81001|DOB=1950|REGDATE=2020-01-01|");
  EXPECT_EQ(ingest(path, nullptr).rows[0], "2:NHSNUMBER=9434765919|GPPRAC=A81001|REGDATE=2020-01-01|");
}

}  // namespace
}  // namespace recon
