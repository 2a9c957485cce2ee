// The CSV and JSON outputs are safe to open whatever the provider put in its extract (issue 10):
//  * no text cell of a CSV output starts a spreadsheet formula (= + - @ tab CR): such a cell is written as
//    "'=...", quoted, as OWASP advises; numbers stay numbers;
//  * every JSON output is valid UTF-8 JSON, even when a record id or a file name holds bytes that are not
//    UTF-8 (they become U+FFFD).
// Checked on the escaping functions, on the writers (a hand-built RunResult) and on a whole run.
#include <gtest/gtest.h>
#include <simdjson.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "recon/cli/run_job.hpp"
#include "recon/writers/output_writers.hpp"
#include "recon/writers/text_escape.hpp"
#include "tests/recon_binary.hpp"
#include "tests/rule_harness.hpp"

namespace recon {
namespace {
namespace fs = std::filesystem;

std::string slurp(const fs::path& p) { return test_support::read_whole_file(p); }

// One CSV cell as a spreadsheet would read it: its text, and whether it was quoted.
struct Cell {
  std::string text;
  bool quoted = false;
};
// RFC 4180, written independently of the writers under test.
std::vector<std::vector<Cell>> parse_csv(const std::string& s) {
  std::vector<std::vector<Cell>> rows(1, std::vector<Cell>(1));
  bool in_quotes = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    Cell& cell = rows.back().back();
    if (in_quotes) {
      if (c == '"' && i + 1 < s.size() && s[i + 1] == '"') {
        cell.text += '"';
        ++i;
      } else if (c == '"') {
        in_quotes = false;
      } else {
        cell.text += c;
      }
    } else if (c == '"') {
      in_quotes = cell.quoted = true;
    } else if (c == ',') {
      rows.back().emplace_back();
    } else if (c == '\n') {
      rows.emplace_back(1);
    } else {
      cell.text += c;
    }
  }
  if (rows.back().size() == 1 && rows.back()[0].text.empty() && !rows.back()[0].quoted) rows.pop_back();
  return rows;
}

// What a spreadsheet would evaluate: an unquoted or quoted cell starting with a formula character, unless it
// is a plain number (which a spreadsheet reads as the number it is).
bool live_formula(const Cell& c) {
  static const std::regex number(R"(-?[0-9]+(\.[0-9]+)?)");
  if (c.text.empty() || std::string_view("=+-@\t\r").find(c.text[0]) == std::string_view::npos) return false;
  return c.quoted || !std::regex_match(c.text, number);
}

void expect_no_live_formula(const fs::path& file) {
  const auto rows = parse_csv(slurp(file));
  ASSERT_FALSE(rows.empty()) << file;
  for (std::size_t r = 0; r < rows.size(); ++r)
    for (std::size_t c = 0; c < rows[r].size(); ++c)
      EXPECT_FALSE(live_formula(rows[r][c]))
          << file.filename() << " row " << r << " column " << c << ": " << rows[r][c].text;
}

// Parses `json` with simdjson (which rejects invalid UTF-8) and returns the error, SUCCESS if valid.
simdjson::error_code json_error(const std::string& json) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  return parser.parse(json).get(doc);
}

const char* const kFormulas[] = {"=HYPERLINK(\"http://x\",\"y\")",
                                 "+cmd|' /C calc'!A0",
                                 "@SUM(A1)",
                                 "=1+1",
                                 "-2+3+cmd|' /C calc'!A0",
                                 "\t=1+1",
                                 "\r=1+1"};

TEST(CsvField, FormulaCellsAreQuotedWithALeadingApostrophe) {
  EXPECT_EQ(csv_field("=1+1"), "\"'=1+1\"");
  EXPECT_EQ(csv_field("@SUM(A1)"), "\"'@SUM(A1)\"");
  EXPECT_EQ(csv_field("+cmd|' /C calc'!A0"), "\"'+cmd|' /C calc'!A0\"");
  EXPECT_EQ(csv_field("-5000.00"), "\"'-5000.00\"") << "text that looks like a number is still text";
  EXPECT_EQ(csv_field("\t=1+1"), "\"'\t=1+1\"");
  EXPECT_EQ(csv_field("\r=1"), "\"'\r=1\"");
  EXPECT_EQ(csv_field("=HYPERLINK(\"http://x\",\"y\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")
      << "quotes inside are still doubled";
  for (const char* f : kFormulas) {
    const auto rows = parse_csv(csv_field(f) + "\n");
    ASSERT_EQ(rows.size(), 1u) << f;
    ASSERT_EQ(rows[0].size(), 1u) << f;
    EXPECT_EQ(rows[0][0].text, std::string("'") + f) << "the text survives, behind the apostrophe";
    EXPECT_FALSE(live_formula(rows[0][0])) << f;
  }
  // Ordinary text is as before: bare unless it needs quotes.
  EXPECT_EQ(csv_field("S0000001"), "S0000001");
  EXPECT_EQ(csv_field(""), "");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("1+1="), "1+1=") << "only the first character matters";
  EXPECT_EQ(csv_field(" =1"), " =1");
}

TEST(JsonString, AlwaysValidUtf8WithReplacementCharacters) {
  const std::string fffd = "\xEF\xBF\xBD";
  const std::string valid = "\u00a35 \u20ac \U0001F600";  // two, three and four bytes of valid UTF-8
  const struct {
    std::string in, out;
  } cases[] = {
      {"S\xff\xfe", "S" + fffd + fffd},                 // bytes that never occur in UTF-8
      {"\xe2\x82", fffd},                               // a truncated 3-byte sequence: one U+FFFD
      {"\xe2\x82x", fffd + "x"},                        // ... followed by ASCII
      {"\xc0\xaf", fffd + fffd},                        // an overlong '/'
      {"\xed\xa0\x80", fffd + fffd + fffd},             // a surrogate
      {"\xf4\x90\x80\x80", fffd + fffd + fffd + fffd},  // past U+10FFFF
      {"\x80", fffd},                                   // a lone continuation byte
      {valid, valid},
      {"plain \"ascii\"\n", "plain \"ascii\"\n"},
  };
  for (const auto& c : cases) {
    const std::string json = "{\"v\":" + json_string(c.in) + "}";
    EXPECT_TRUE(simdjson::validate_utf8(json.data(), json.size())) << json;
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    ASSERT_EQ(parser.parse(json).get(doc), simdjson::SUCCESS) << json;
    std::string_view v;
    ASSERT_EQ(doc["v"].get(v), simdjson::SUCCESS);
    EXPECT_EQ(std::string(v), c.out) << json;
  }
}

// A run as the writers see it, with provider text in every text column the CSV and JSON outputs carry.
RunResult hostile_result() {
  RunResult r;
  r.file_paths = {"/data/=1+1\xff\xfe.csv"};
  r.counts = {{"/data/=1+1\xff\xfe.csv", "apc", 7, 7, 0, 0, {}, {}}};
  r.rules = {{"DUP", true, {}, 7, "activity records with a valid NHS number"},
             {"NHS_INVALID", false, "@SUM(A1) \xff", 0, {}}};
  r.providers[Code::of("=1+1")] = {{7, 0, 0}, -500000};
  Challenge c;
  c.rule = "DUP";
  c.severity = Severity::kHigh;
  c.dataset = Dataset::kApc;
  c.procode = Code::of("=1+1");
  c.gpprac = Code::of("@SUM(A1)");
  c.activity_date = make_day(2025, 4, 1);
  c.charged = -500000;
  c.challenged = -500000;
  for (std::size_t i = 0; i < std::size(kFormulas); ++i) {
    c.pos = {0, 2 + i};
    c.record_id = kFormulas[i];
    c.reason = i % 2 ? "-reason" : "+reason";
    c.evidence = "@evidence \xff\xfe";
    r.challenges.push_back(c);
  }
  r.challenges.back().record_id = "S\xff\xfe";
  r.rejects.push_back({{0, 9}, "apc", "=bad row"});
  DataQualityCounts& dq = r.data_quality.counts()[{Code::of("=1+1"), Dataset::kApc}];
  dq.records = 7;
  return r;
}

class OutputSafety : public ::testing::Test {
 protected:
  fs::path dir = fs::temp_directory_path() / ("recon_output_safety_" + std::to_string(::getpid()));
  void SetUp() override {
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  void TearDown() override { fs::remove_all(dir); }
  void write_all(RunResult r) {
    OutputSet outputs(dir, output_file_names());
    write_outputs(r, outputs);
  }
};

TEST_F(OutputSafety, WritersNeutraliseFormulasAndKeepNumbersAsNumbers) {
  write_all(hostile_result());
  for (const char* f : {"challenges.csv", "summary_by_provider.csv", "summary_by_rule.csv", "rejects.csv",
                        "data_quality.csv"}) {
    SCOPED_TRACE(f);
    expect_no_live_formula(dir / f);
  }
  const auto rows = parse_csv(slurp(dir / "challenges.csv"));
  ASSERT_EQ(rows.size(), 1 + std::size(kFormulas));
  for (std::size_t i = 0; i + 1 < std::size(kFormulas); ++i) {
    const std::vector<Cell>& row = rows[1 + i];
    ASSERT_EQ(row.size(), 13u);
    EXPECT_EQ(row[6].text, std::string("'") + kFormulas[i]) << "RECORD_ID";
    EXPECT_EQ(row[3].text, "'=1+1") << "PROCODE3";
    EXPECT_EQ(row[4].text, "'@SUM(A1)") << "GPPRAC";
    // Money is a number column: written bare, sign and all, so a spreadsheet sums it.
    EXPECT_FALSE(row[9].quoted);
    EXPECT_EQ(row[9].text, "-5000.00") << "CHARGED";
    EXPECT_EQ(row[10].text, "-5000.00") << "CHALLENGED";
  }
  const auto provider = parse_csv(slurp(dir / "summary_by_provider.csv"));
  ASSERT_EQ(provider.size(), 2u);
  EXPECT_EQ(provider[1][0].text, "'=1+1");
  EXPECT_FALSE(provider[1][4].quoted);
  EXPECT_EQ(provider[1][4].text, "-5000.00") << "CHARGED stays a number";
}

TEST_F(OutputSafety, JsonOutputsAreValidUtf8) {
  write_all(hostile_result());
  for (const char* f : {"challenges.json", "run_summary.json"}) {
    const std::string json = slurp(dir / f);
    EXPECT_TRUE(simdjson::validate_utf8(json.data(), json.size())) << f;
    EXPECT_EQ(json_error(json), simdjson::SUCCESS) << f << "\n" << json;
  }
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(slurp(dir / "challenges.json")).get(doc), simdjson::SUCCESS);
  simdjson::dom::array list;
  ASSERT_EQ(doc.get(list), simdjson::SUCCESS);
  std::vector<std::string> ids;
  for (simdjson::dom::element e : list) {
    std::string_view id;
    ASSERT_EQ(e["RECORD_ID"].get(id), simdjson::SUCCESS);
    ids.emplace_back(id);
    double charged = 0;
    EXPECT_EQ(e["CHARGED"].get(charged), simdjson::SUCCESS) << "money is a JSON number";
    EXPECT_EQ(charged, -5000.0);
  }
  ASSERT_EQ(ids.size(), std::size(kFormulas));
  EXPECT_EQ(ids.back(), "S\xEF\xBF\xBD\xEF\xBF\xBD") << "ff fe became two U+FFFD";
  EXPECT_EQ(ids.front(), kFormulas[0]) << "JSON is not a spreadsheet: formulas are kept as they are";

  ASSERT_EQ(parser.parse(slurp(dir / "run_summary.json")).get(doc), simdjson::SUCCESS);
  std::string_view path;
  ASSERT_EQ(doc["files"].at(0)["path"].get(path), simdjson::SUCCESS);
  EXPECT_EQ(path, "/data/=1+1\xEF\xBF\xBD\xEF\xBF\xBD.csv");
}

// The whole run, from a provider extract with formula record ids (one after a leading tab) and an id that is
// not UTF-8, to the files a user opens.
TEST_F(OutputSafety, AWholeRunOnAHostileExtract) {
  const std::string apc = (dir / "apc.csv").string();
  {
    std::ofstream f(apc, std::ios::binary);
    f << "SUSSPELLID,PROCODE3,NHSNUMBER,ADMIDATE,DISDATE,SUSHRG,PRICE\n"
         "\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",RXH,1234567890,2025-04-01,2025-04-02,EB03C,100.00\n"
         "+cmd|' /C calc'!A0,RXH,1234567890,2025-04-03,2025-04-04,EB03C,100.00\n"
         "@SUM(A1),RXH,1234567890,2025-04-05,2025-04-06,EB03C,100.00\n"
         "\t=1+1,RXH,1234567890,2025-04-07,2025-04-08,EB03C,100.00\n"
         "S\xff\xfe,RXH,1234567890,2025-04-09,2025-04-10,EB03C,100.00\n";
  }
  RunConfig c;
  c.apc = {apc};
  c.out_dir = (dir / "out").string();
  c.threads = 2;
  c.quiet = true;
  c.rule_options.as_of = make_day(2026, 1, 1);
  const RunResult r = run_recon(c);
  ASSERT_GE(r.challenges.size(), 5u) << "1234567890 fails Modulus 11: every row is challenged";

  for (const char* f : {"challenges.csv", "summary_by_provider.csv", "summary_by_rule.csv", "rejects.csv",
                        "data_quality.csv"}) {
    SCOPED_TRACE(f);
    expect_no_live_formula(dir / "out" / f);
  }
  const std::string csv = slurp(dir / "out" / "challenges.csv");
  for (const char* id : {"\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"", "\"'+cmd|' /C calc'!A0\"",
                         "\"'@SUM(A1)\"", "\"'=1+1\""})
    EXPECT_NE(csv.find(std::string(",") + id + ","), std::string::npos) << id << "\n" << csv;
  for (const char* f : {"challenges.json", "run_summary.json"}) {
    const std::string json = slurp(dir / "out" / f);
    EXPECT_EQ(json_error(json), simdjson::SUCCESS) << f << "\n" << json;
  }
  EXPECT_NE(slurp(dir / "out" / "challenges.json").find("\"S\xEF\xBF\xBD\xEF\xBF\xBD\""), std::string::npos);
}

}  // namespace
}  // namespace recon
