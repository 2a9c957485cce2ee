// Challenge packs (issue 15, `recon run --packs`, docs/challenge_packs.md): one pack per provider (or GP
// practice) with challenges, each holding that provider's rows of challenges.csv and nobody else's, together
// exactly challenges.csv; published with the set (listed in run_manifest.json, the previous set's packs
// removed), byte-identical at any thread count; the workbook reads back with the expected cells.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unzip.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <pugixml.hpp>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "parsers/fatal_error.hpp"
#include "parsers/xlsx/xlsx_workbook.hpp"
#include "recon/cli/run_job.hpp"
#include "recon/files/private_files.hpp"
#include "recon/writers/atomic_file.hpp"
#include "recon/writers/challenge_csv_rows.hpp"
#include "recon/writers/challenge_packs.hpp"
#include "recon/writers/output_set.hpp"
#include "tests/file_checks.hpp"
#include "tests/recon_binary.hpp"

namespace recon {
namespace {
namespace fs = std::filesystem;
using test_support::read_whole_file;
using test_support::write_whole_file;

const std::string kSamples = std::string(RECON_SOURCE_DIR) + "/samples";
constexpr std::size_t kColumns = 13;  // challenges.csv's
constexpr std::size_t kProcode = 3, kGpprac = 4, kActivityDate = 8, kCharged = 9, kChallenged = 10;

// A CSV file as rows of fields, RFC 4180, written here independently of the code under test.
using Row = std::vector<std::string>;
std::vector<Row> parse_csv(const std::string& s) {
  std::vector<Row> rows;
  Row row(1);
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    any = true;
    if (quoted) {
      if (c == '"' && i + 1 < s.size() && s[i + 1] == '"') {
        row.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        row.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.emplace_back();
    } else if (c == '\n') {
      rows.push_back(std::move(row));
      row.assign(1, "");
      any = false;
    } else {
      row.back() += c;
    }
  }
  if (any) rows.push_back(std::move(row));
  return rows;
}

std::set<std::string> files_in(const fs::path& dir) {
  std::set<std::string> names;
  if (fs::exists(dir))
    for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

// One part of a zip (an .xlsx), read with minizip: for what the cell reader does not show (panes, filters,
// validations, document properties).
std::string zip_part(const fs::path& zip, const std::string& name) {
  unzFile z = unzOpen64(zip.c_str());
  if (!z) return "";
  std::string text;
  if (unzLocateFile(z, name.c_str(), 1) == UNZ_OK && unzOpenCurrentFile(z) == UNZ_OK) {
    char buf[8192];
    int n;
    while ((n = unzReadCurrentFile(z, buf, sizeof buf)) > 0) text.append(buf, static_cast<std::size_t>(n));
    unzCloseCurrentFile(z);
  }
  unzClose(z);
  return text;
}

double number(const std::string& text) { return text.empty() ? 0 : std::stod(text); }

class Packs : public ::testing::Test {
 protected:
  fs::path dir;
  void SetUp() override {
    dir = fs::temp_directory_path() / ("recon_packs_test_" + std::to_string(::getpid()) + "_" +
                                       ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  void TearDown() override { fs::remove_all(dir); }

  RunConfig samples(const fs::path& out, const std::string& packs, int threads = 2) const {
    RunConfig c;
    c.apc = {kSamples + "/apc.csv"};
    c.op = {kSamples + "/op.csv"};
    c.ae = {kSamples + "/ae.csv"};
    c.register_file = kSamples + "/register.csv";
    c.referrals_file = kSamples + "/referrals.csv";
    c.conditions_file = kSamples + "/conditions.csv";
    c.reference_dir = kSamples + "/reference";
    c.rule_options.as_of = make_day(2026, 6, 30);
    c.out_dir = out.string();
    c.threads = threads;
    c.quiet = true;
    c.packs = packs;
    return c;
  }

  // Runs on the samples with packs by `key_column`'s field, and checks the packs against challenges.csv:
  // one pack (.csv and .xlsx) per value with challenges, only that value's rows in each, in list order, and
  // together every row once. `empty_stem`: the pack of the rows with an empty field.
  void check_packs_partition_the_list(const std::string& by, std::size_t key_column,
                                      const std::string& empty_stem) {
    const fs::path out = dir / "out";
    const RunResult r = run_recon(samples(out, by));
    const std::vector<Row> list = parse_csv(read_whole_file(out / "challenges.csv"));
    ASSERT_GT(list.size(), 100u);
    const Row& header = list[0];
    ASSERT_EQ(header.size(), kColumns);
    std::map<std::string, std::vector<Row>> expected;  // stem -> rows in list order
    for (std::size_t i = 1; i < list.size(); ++i)
      expected[list[i][key_column].empty() ? empty_stem : list[i][key_column]].push_back(list[i]);
    ASSERT_GE(expected.size(), 3u);

    std::set<std::string> expected_files;
    for (const auto& [stem, rows] : expected) expected_files.insert({stem + ".csv", stem + ".xlsx"});
    EXPECT_EQ(files_in(out / "packs"), expected_files);
    EXPECT_EQ(r.packs_written, expected.size());

    std::size_t rows_in_packs = 0;
    for (const auto& [stem, rows] : expected) {
      SCOPED_TRACE(stem);
      const std::vector<Row> pack = parse_csv(read_whole_file(out / "packs" / (stem + ".csv")));
      ASSERT_FALSE(pack.empty());
      Row pack_header = header;
      pack_header.insert(pack_header.end(), {"RESPONSE", "COMMENT"});
      EXPECT_EQ(pack[0], pack_header);
      ASSERT_EQ(pack.size() - 1, rows.size());
      for (std::size_t i = 1; i < pack.size(); ++i) {
        ASSERT_EQ(pack[i].size(), kColumns + 2);
        const std::string key = pack[i][key_column].empty() ? empty_stem : pack[i][key_column];
        EXPECT_EQ(key, stem) << "a row of another " << by << " in the pack: " << pack[i][0];
        EXPECT_EQ(pack[i][kColumns], "");
        EXPECT_EQ(pack[i][kColumns + 1], "");
        EXPECT_EQ(Row(pack[i].begin(), pack[i].begin() + kColumns), rows[i - 1]);
      }
      rows_in_packs += pack.size() - 1;
    }
    EXPECT_EQ(rows_in_packs, list.size() - 1) << "the packs' rows together are challenges.csv's";

    const SetCheck check = check_output_set(out);
    EXPECT_TRUE(check.complete) << check.problem;
    const std::string manifest = read_whole_file(out / std::string(kManifestName));
    for (const std::string& f : expected_files)
      EXPECT_NE(manifest.find("{\"name\": \"packs/" + f + "\""), std::string::npos) << f;
  }
};

TEST_F(Packs, OnePackPerProviderWithOnlyItsChallengesAndTogetherTheWholeList) {
  check_packs_partition_the_list("provider", kProcode, "NO_PROVIDER");
}

TEST_F(Packs, OnePackPerPracticeWithOnlyItsPatientsAndNoPracticeApart) {
  check_packs_partition_the_list("practice", kGpprac, "NO_PRACTICE");
  // The samples have challenges with no practice: they are in NO_PRACTICE, and only there.
  const std::vector<Row> none = parse_csv(read_whole_file(dir / "out" / "packs" / "NO_PRACTICE.csv"));
  ASSERT_GT(none.size(), 1u);
  for (std::size_t i = 1; i < none.size(); ++i) EXPECT_EQ(none[i][kGpprac], "") << none[i][0];
}

TEST_F(Packs, ByteIdenticalAcrossThreadCountsAndRuns) {
  run_recon(samples(dir / "t1", "provider", 1));
  run_recon(samples(dir / "t4", "provider", 4));
  run_recon(samples(dir / "t4again", "provider", 4));
  const std::set<std::string> names = files_in(dir / "t1" / "packs");
  ASSERT_FALSE(names.empty());
  EXPECT_EQ(files_in(dir / "t4" / "packs"), names);
  for (const std::string& name : names) {
    SCOPED_TRACE(name);
    const std::string one = read_whole_file(dir / "t1" / "packs" / name);
    EXPECT_TRUE(one == read_whole_file(dir / "t4" / "packs" / name));
    EXPECT_TRUE(one == read_whole_file(dir / "t4again" / "packs" / name));
  }
  EXPECT_EQ(read_whole_file(dir / "t1" / std::string(kManifestName)),
            read_whole_file(dir / "t4" / std::string(kManifestName)));
}

TEST_F(Packs, OtherOutputsAreTheSameWithAndWithoutPacks) {
  run_recon(samples(dir / "plain", ""));
  run_recon(samples(dir / "packs", "provider"));
  EXPECT_FALSE(fs::exists(dir / "plain" / "packs"));
  for (const std::string& name : files_in(dir / "plain")) {
    if (name == kManifestName) continue;
    EXPECT_TRUE(read_whole_file(dir / "plain" / name) == read_whole_file(dir / "packs" / name)) << name;
  }
}

TEST_F(Packs, PublishedLikeTheOtherOutputsAndThePreviousSetsPacksRemoved) {
  const fs::path out = dir / "out";
  run_recon(samples(out, "practice"));
  EXPECT_TRUE(fs::exists(out / "packs" / "NO_PRACTICE.xlsx"));
  const mode_t umask_now = ::umask(0);
  ::umask(umask_now);
  for (const std::string& name : files_in(out / "packs"))
    EXPECT_EQ(test_support::mode_of(out / "packs" / name), 0666u & ~umask_now) << name;
  EXPECT_EQ(test_support::mode_of(out / "packs"), 0777u & ~umask_now);
  for (const auto& e : fs::directory_iterator(out))
    EXPECT_NE(e.path().filename().string().rfind(".recon-tmp-", 0), 0u) << "staging left: " << e.path();

  // By provider now: the practice packs of the set before go, a file of the user's in packs/ stays.
  write_whole_file(out / "packs" / "notes.txt", "mine");
  run_recon(samples(out, "provider"));
  std::set<std::string> names = files_in(out / "packs");
  EXPECT_EQ(names, (std::set<std::string>{"RJ1.csv", "RJ1.xlsx", "RTH.csv", "RTH.xlsx", "RXH.csv", "RXH.xlsx",
                                          "notes.txt"}));
  EXPECT_TRUE(check_output_set(out).complete);

  // No packs: the set's packs go; the folder stays only for the user's file.
  run_recon(samples(out, ""));
  EXPECT_EQ(files_in(out / "packs"), std::set<std::string>{"notes.txt"});
  fs::remove(out / "packs" / "notes.txt");
  run_recon(samples(out, "provider"));
  run_recon(samples(out, ""));
  EXPECT_FALSE(fs::exists(out / "packs")) << "an emptied packs folder is removed";
  EXPECT_TRUE(check_output_set(out).complete);
}

TEST_F(Packs, TheTerminalNamesTheCountNotThePatients) {
  const fs::path out = dir / "out";
  const test_support::BinaryOutput o = test_support::run_recon_binary(
      "run --apc " + kSamples + "/apc.csv --op " + kSamples + "/op.csv --ae " + kSamples +
      "/ae.csv --register " + kSamples + "/register.csv --reference " + kSamples +
      "/reference --as-of 2026-06-30 --no-progress --packs --out " + out.string());
  ASSERT_EQ(o.status, 0) << o.text;
  EXPECT_NE(o.text.find("challenge packs: 3 (one per provider with challenges, .xlsx and .csv) in " +
                        (out / "packs").string()),
            std::string::npos)
      << o.text;
  EXPECT_FALSE(std::regex_search(o.text, std::regex("[0-9]{10}"))) << "an NHS number on the terminal:\n"
                                                                   << o.text;
  // The packs do hold them: they are for the provider, as challenges.csv is.
  EXPECT_TRUE(std::regex_search(read_whole_file(out / "packs" / "RTH.csv"), std::regex(",[0-9]{10},")));
}

TEST_F(Packs, PacksByAnythingElseIsAUsageError) {
  const test_support::BinaryOutput o = test_support::run_recon_binary(
      "run --apc " + kSamples + "/apc.csv --packs-by trust --out " + (dir / "out").string());
  EXPECT_EQ(o.status, 2) << o.text;
  EXPECT_NE(o.text.find("--packs-by 'trust' is not one of provider, practice"), std::string::npos) << o.text;
  EXPECT_FALSE(fs::exists(dir / "out"));
}

TEST(PackNames, CodesAreFileNamesAndNeverClash) {
  EXPECT_EQ(pack_file_stem("RTH", PackGrouping::kProvider), "RTH");
  EXPECT_EQ(pack_file_stem("B81001", PackGrouping::kPractice), "B81001");
  EXPECT_EQ(pack_file_stem("", PackGrouping::kPractice), "NO_PRACTICE");
  EXPECT_EQ(pack_file_stem("", PackGrouping::kProvider), "NO_PROVIDER");
  EXPECT_EQ(pack_file_stem("&", PackGrouping::kPractice), "_26");
  EXPECT_EQ(pack_file_stem("../x", PackGrouping::kPractice), "_2E_2E_2Fx");
  EXPECT_EQ(pack_file_stem("NO_PRACTI", PackGrouping::kPractice), "NO_5FPRACTI");
  EXPECT_EQ(parse_pack_grouping("provider"), PackGrouping::kProvider);
  EXPECT_EQ(parse_pack_grouping("practice"), PackGrouping::kPractice);
  EXPECT_EQ(parse_pack_grouping("Provider"), std::nullopt);
}

TEST(ChallengeCsvRows, RecordsAndFieldsAsTheWriterQuotesThem) {
  const std::string text = "A,B\n1,\"x, \"\"y\"\"\nz\"\n\"\",last";
  const std::size_t first = csv_record_end(text, 0);
  EXPECT_EQ(first, 3u);
  const std::size_t second = csv_record_end(text, first + 1);
  EXPECT_EQ(text.substr(first + 1, second - first - 1), "1,\"x, \"\"y\"\"\nz\"");
  EXPECT_EQ(split_csv_record(text.substr(first + 1, second - first - 1)),
            (std::vector<std::string>{"1", "x, \"y\"\nz"}));
  EXPECT_EQ(csv_record_end(text, second + 1), text.size());
  EXPECT_EQ(split_csv_record("\"\",last"), (std::vector<std::string>{"", "last"}));
  EXPECT_EQ(split_csv_record(""), (std::vector<std::string>{""}));
  EXPECT_EQ(split_csv_record("a,,"), (std::vector<std::string>{"a", "", ""}));
  EXPECT_EQ(csv_field_of("a,\"b,c\",d", 1), "b,c");
  EXPECT_EQ(csv_field_of("a,\"b,c\",d", 2), "d");
  EXPECT_EQ(csv_field_of("a,b", 5), "");
}

// Rows the samples never give: quotes and a newline in a field, a formula-looking id, bytes that are not
// UTF-8, no date or charge. The pack's CSV rows are challenges.csv's bytes, whatever they hold.
TEST_F(Packs, APacksCsvRowsAreChallengesCsvsBytes) {
  const std::string header =
      "CHALLENGE_ID,RULE,SEVERITY,PROCODE3,GPPRAC,DATASET,RECORD_ID,NHSNUMBER,ACTIVITY_DATE,CHARGED,"
      "CHALLENGED,REASON,EVIDENCE";
  const std::vector<std::string> rows = {
      "CH00000001,DUP,HIGH,RXH,A81001,apc,\"'=1+1\",4010232137,2025-10-02,1200.00,1200.00,\"said "
      "\"\"twice\"\"\nhere\",e",
      "CH00000002,DUP,HIGH,RTH,,apc,S\xff\xfe,,,,0.00,r,e",
      "CH00000003,HRG_CREEP,MEDIUM,RXH,,apc,,,,,350.50,\"pattern, provider-level\",",
  };
  std::string csv = header + "\n";
  for (const std::string& r : rows) csv += r + "\n";
  write_whole_file(dir / "challenges.csv", csv);
  PackOptions options;
  options.grouping = PackGrouping::kProvider;
  options.run_id = "0123456789abcdef";
  options.as_of = make_day(2026, 6, 30);
  const std::vector<std::string> names = write_challenge_packs(dir / "challenges.csv", dir, options);
  EXPECT_EQ(names,
            (std::vector<std::string>{"packs/RTH.csv", "packs/RTH.xlsx", "packs/RXH.csv", "packs/RXH.xlsx"}));
  EXPECT_EQ(read_whole_file(dir / "packs" / "RXH.csv"),
            header + ",RESPONSE,COMMENT\n" + rows[0] + ",,\n" + rows[2] + ",,\n");
  EXPECT_EQ(read_whole_file(dir / "packs" / "RTH.csv"), header + ",RESPONSE,COMMENT\n" + rows[1] + ",,\n");
  EXPECT_EQ(test_support::mode_of(dir / "packs"), 0700u);
  for (const std::string& name : names) EXPECT_EQ(test_support::mode_of(dir / name), 0600u) << name;
  EXPECT_EQ(files_in(dir / "packs").size(), 4u) << "no temporary file left beside the packs";
}

// The workbook read back (parsers/xlsx, minizip + pugixml): its sheets, the Challenges sheet cell by cell
// against the pack's CSV (money as numbers, dates as dates), the summary's figures, and in the sheet's XML
// the frozen header row, the autofilter over every row and column, and RESPONSE's list.
TEST_F(Packs, TheWorkbookReadsBackWithThePacksCells) {
  const fs::path out = dir / "out";
  run_recon(samples(out, "provider"));
  const std::string run_id = check_output_set(out).run_id;
  ASSERT_EQ(run_id.size(), 16u);
  const fs::path workbook_path = out / "packs" / "RTH.xlsx";
  const xlsx::Workbook workbook(workbook_path.string());
  EXPECT_EQ(workbook.sheet_names(), (std::vector<std::string>{"Summary", "Challenges"}));

  const std::vector<Row> csv = parse_csv(read_whole_file(out / "packs" / "RTH.csv"));
  const xlsx::Rows sheet = workbook.read_sheet("Challenges");
  ASSERT_EQ(sheet.size(), csv.size());
  EXPECT_EQ(sheet[0], csv[0]) << "the header: challenges.csv's columns, RESPONSE, COMMENT";
  EXPECT_EQ(sheet[0].size(), kColumns + 2);
  double challenged = 0;
  for (std::size_t i = 1; i < csv.size(); ++i) {
    SCOPED_TRACE(csv[i][0]);
    Row cells = sheet[i];
    cells.resize(kColumns + 2);  // a row reads as long as its last cell: RESPONSE and COMMENT are blank
    for (std::size_t c = 0; c < kColumns + 2; ++c) {
      if (c == kCharged || c == kChallenged)
        EXPECT_NEAR(number(cells[c]), number(csv[i][c]), 0.001) << csv[0][c];
      else
        EXPECT_EQ(cells[c], csv[i][c]) << csv[0][c];  // ACTIVITY_DATE too: a date cell reads YYYY-MM-DD
    }
    challenged += number(csv[i][kChallenged]);
  }
  ASSERT_GT(csv.size(), 10u);
  EXPECT_EQ(sheet[1][0].substr(0, 2), "CH");
  EXPECT_EQ(sheet[1][kActivityDate].size(), 10u);

  const xlsx::Rows summary = workbook.read_sheet("Summary");
  ASSERT_GT(summary.size(), 9u);
  EXPECT_EQ(summary[0][0], "Challenge pack: provider RTH");
  EXPECT_EQ(summary[2], (Row{"Run id", run_id}));
  EXPECT_EQ(summary[3], (Row{"As of", "2026-06-30"}));
  EXPECT_EQ(summary[4], (Row{"Challenges", std::to_string(csv.size() - 1)}));
  EXPECT_NEAR(number(summary[5][1]), challenged, 0.001);
  EXPECT_EQ(summary[7], (Row{"RULE", "TITLE", "SEVERITY", "CHALLENGES", "AMOUNT_AT_RISK"}));
  std::size_t total_row = 8;
  double rule_counts = 0;
  while (total_row < summary.size() && summary[total_row][0] != "Total")
    rule_counts += number(summary[total_row++][3]);
  ASSERT_LT(total_row, summary.size());
  EXPECT_EQ(rule_counts, static_cast<double>(csv.size() - 1));
  EXPECT_EQ(number(summary[total_row][3]), static_cast<double>(csv.size() - 1));
  EXPECT_NEAR(number(summary[total_row][4]), challenged, 0.001);

  // What the cell reader does not show, from the sheet's XML (libxlsxwriter names the second sheet's part
  // sheet2.xml).
  pugi::xml_document xml;
  ASSERT_TRUE(xml.load_string(zip_part(workbook_path, "xl/worksheets/sheet2.xml").c_str()));
  const pugi::xml_node ws = xml.child("worksheet");
  const pugi::xml_node pane = ws.child("sheetViews").child("sheetView").child("pane");
  EXPECT_STREQ(pane.attribute("state").value(), "frozen");
  EXPECT_EQ(pane.attribute("ySplit").as_int(), 1);
  EXPECT_TRUE(pane.attribute("xSplit").empty()) << "only the header row is frozen";
  const std::string last_row = std::to_string(csv.size());
  EXPECT_EQ(std::string(ws.child("autoFilter").attribute("ref").value()), "A1:O" + last_row);
  const pugi::xml_node validation = ws.child("dataValidations").child("dataValidation");
  EXPECT_STREQ(validation.attribute("type").value(), "list");
  EXPECT_EQ(std::string(validation.attribute("sqref").value()), "N2:N" + last_row);
  EXPECT_STREQ(validation.child("formula1").text().get(), "\"ACCEPTED,DISPUTED,QUERY\"");
  // The money format on the CHALLENGED cells, through styles.xml.
  const pugi::xml_node first_challenged =
      ws.child("sheetData").child("row").next_sibling("row").find_child([](pugi::xml_node c) {
        return std::string(c.attribute("r").value()) == "K2";
      });
  ASSERT_TRUE(first_challenged);
  pugi::xml_document styles;
  ASSERT_TRUE(styles.load_string(zip_part(workbook_path, "xl/styles.xml").c_str()));
  const pugi::xml_node style = styles.child("styleSheet")
                                   .child("cellXfs")
                                   .find_child([n = first_challenged.attribute("s").as_int(),
                                                k = 0](pugi::xml_node) mutable { return k++ == n; });
  const int format_id = style.attribute("numFmtId").as_int();
  const pugi::xml_node format =
      styles.child("styleSheet")
          .child("numFmts")
          .find_child_by_attribute("numFmt", "numFmtId", std::to_string(format_id).c_str());
  EXPECT_STREQ(format.attribute("formatCode").value(), "#,##0.00");

  // Created and modified on the as-of date, not the clock.
  const std::string core = zip_part(workbook_path, "docProps/core.xml");
  EXPECT_NE(core.find("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-06-30T00:00:00Z</dcterms:created>"),
            std::string::npos)
      << core;
  EXPECT_NE(zip_part(workbook_path, "docProps/custom.xml").find(run_id), std::string::npos);
}

// More rows than a sheet holds (here 2) continue on "Challenges 2", ..., each with the header; what the
// samples never have reads back as the CSV has it: quotes and a newline, a formula-looking id (text, with
// the CSV's quote), bytes that are not UTF-8 (U+FFFD), empty dates and charges (blank).
TEST_F(Packs, RowsBeyondASheetContinueOnTheNextAndOddTextReadsBack) {
  const std::string header =
      "CHALLENGE_ID,RULE,SEVERITY,PROCODE3,GPPRAC,DATASET,RECORD_ID,NHSNUMBER,ACTIVITY_DATE,CHARGED,"
      "CHALLENGED,REASON,EVIDENCE";
  std::string csv = header + "\n";
  csv +=
      "CH00000001,DUP,HIGH,RXH,A81001,apc,\"'=1+1\",4010232137,2025-10-02,1200.00,1200.00,\"said "
      "\"\"twice\"\"\nhere\",e\n";
  csv += "CH00000002,DUP,HIGH,RXH,,apc,S\xff\xfe,,,,0.00,r,e\n";
  csv += "CH00000003,HRG_CREEP,MEDIUM,RXH,,apc,,,,,350.50,\"pattern, provider-level\",\n";
  csv += "CH00000004,DUP,HIGH,RXH,A81001,op,O1,4010232137,2025-11-30,-5.25,5.25,r,e\n";
  csv += "CH00000005,DUP,HIGH,RXH,A81001,op,O2,4010232137,2025-12-01,10.00,10.00,r,e\n";
  write_whole_file(dir / "challenges.csv", csv);
  PackOptions options;
  options.grouping = PackGrouping::kProvider;
  options.run_id = "0123456789abcdef";
  options.as_of = make_day(2026, 6, 30);
  options.max_rows_per_sheet = 2;
  write_challenge_packs(dir / "challenges.csv", dir, options);
  const xlsx::Workbook workbook((dir / "packs" / "RXH.xlsx").string());
  EXPECT_EQ(workbook.sheet_names(),
            (std::vector<std::string>{"Summary", "Challenges", "Challenges 2", "Challenges 3"}));
  const xlsx::Rows one = workbook.read_sheet("Challenges"), two = workbook.read_sheet("Challenges 2"),
                   three = workbook.read_sheet("Challenges 3");
  ASSERT_EQ(one.size(), 3u);
  ASSERT_EQ(two.size(), 3u);
  ASSERT_EQ(three.size(), 2u);
  EXPECT_EQ(one[0], two[0]);
  EXPECT_EQ(one[0], three[0]);
  EXPECT_EQ(one[0].back(), "COMMENT");
  EXPECT_EQ(one[1][6], "'=1+1");
  EXPECT_EQ(one[1][11], "said \"twice\"\nhere");
  EXPECT_EQ(one[1][8], "2025-10-02");
  EXPECT_EQ(one[2][6], "S\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(one[2][8], "");
  EXPECT_EQ(one[2][9], "");
  EXPECT_EQ(two[1][11], "pattern, provider-level");
  EXPECT_EQ(number(two[2][9]), -5.25);
  EXPECT_EQ(three[1][0], "CH00000005");
  const xlsx::Rows summary = workbook.read_sheet("Summary");
  EXPECT_EQ(summary[4], (Row{"Challenges", "5"}));
  EXPECT_NEAR(number(summary[5][1]), 1565.75, 0.001);
}

// The summary's SEVERITY is the one in force, as the rows carry it: a configured severity, not the
// catalogue's; a practice's pack holding a rule at two severities (per-provider configuration) names both.
TEST_F(Packs, TheSummaryShowsTheSeverityInForce) {
  const std::string csv =
      "CHALLENGE_ID,RULE,SEVERITY,PROCODE3,GPPRAC,DATASET,RECORD_ID,NHSNUMBER,ACTIVITY_DATE,CHARGED,"
      "CHALLENGED,REASON,EVIDENCE\n"
      "CH00000001,DUP,LOW,RXH,A81001,apc,S1,4010232137,2025-10-02,100.00,100.00,r,e\n"
      "CH00000002,READMIT,MEDIUM,RXH,A81001,apc,S2,4010232137,2025-10-09,200.00,200.00,r,e\n"
      "CH00000003,READMIT,HIGH,RTH,A81001,apc,S3,4010232137,2025-11-09,300.00,300.00,r,e\n";
  write_whole_file(dir / "challenges.csv", csv);
  PackOptions options;
  options.grouping = PackGrouping::kPractice;
  options.run_id = "0123456789abcdef";
  options.as_of = make_day(2026, 6, 30);
  write_challenge_packs(dir / "challenges.csv", dir, options);
  const xlsx::Rows summary = xlsx::Workbook((dir / "packs" / "A81001.xlsx").string()).read_sheet("Summary");
  ASSERT_GT(summary.size(), 9u);
  EXPECT_EQ(summary[8][0], "DUP");
  EXPECT_EQ(summary[8][2], "LOW") << "DUP's catalogue severity is HIGH; the rows say LOW";
  EXPECT_EQ(summary[9][0], "READMIT");
  EXPECT_EQ(summary[9][2], "HIGH, MEDIUM");

  // End to end: --severity (RunConfig's rule settings) reaches the provider packs' summaries.
  const fs::path out = dir / "out";
  RunConfig c = samples(out, "provider");
  c.rule_settings.rules["DUP"].severity = Severity::kLow;
  c.rule_settings.rules["DUP"].severity_source = SettingSource::kCommandLine;
  c.rule_settings.set_on_command_line = true;
  run_recon(c);
  std::size_t dup_rows = 0;
  for (const auto& entry : fs::directory_iterator(out / "packs")) {
    if (entry.path().extension() != ".xlsx") continue;
    for (const Row& row : xlsx::Workbook(entry.path().string()).read_sheet("Summary"))
      if (!row.empty() && row[0] == "DUP") {
        EXPECT_EQ(row.at(2), "LOW") << entry.path();
        ++dup_rows;
      }
  }
  EXPECT_GT(dup_rows, 0u) << "the samples have DUP challenges";
}

// A run killed while publishing a set with packs: the next run finishes it from the committed staging
// directory, creating packs/ in --out for the packs it moves there.
TEST_F(Packs, ADeadRunsCommittedSetWithPacksIsCompletedByTheNextRun) {
  const std::vector<std::string> files = {"a.csv"};
  auto stage = [](const fs::path& path, const std::string& text) {
    AtomicFile f(path.string());
    f << text;
    f.commit();
  };
  {
    OutputSet set(dir / "new", files);
    stage(set.staged("a.csv"), "a\n");
    create_private_dir(set.staged("packs"));
    stage(set.staged("packs/RTH.csv"), "rth\n");
    set.add_file("packs/RTH.csv");
    set.publish();
  }
  const SetCheck published = check_output_set(dir / "new");
  ASSERT_TRUE(published.complete) << published.problem;
  const fs::path out = dir / "out";
  const fs::path staging = out / (".recon-tmp-" + std::to_string(test_support::dead_pid()));
  fs::create_directories(staging / "packs");
  fs::copy_file(dir / "new" / "a.csv", staging / "a.csv");
  fs::copy_file(dir / "new" / "packs" / "RTH.csv", staging / "packs" / "RTH.csv");
  fs::copy_file(dir / "new" / std::string(kManifestName), staging / std::string(kManifestName));
  { OutputSet set(out, files); }
  const SetCheck check = check_output_set(out);
  EXPECT_TRUE(check.complete) << check.problem;
  EXPECT_EQ(check.run_id, published.run_id);
  EXPECT_EQ(read_whole_file(out / "packs" / "RTH.csv"), "rth\n");
  EXPECT_FALSE(fs::exists(staging));
}

TEST_F(Packs, TheSetTakesFilesOneFolderDownAndNothingElse) {
  OutputSet set(dir / "out", {"a.csv"});
  set.add_file("packs/RTH.xlsx");
  EXPECT_THROW(set.add_file("packs/RTH.xlsx"), FatalError) << "twice";
  for (const char* bad :
       {"../x", "packs/../x", ".recon-tmp-1/x", "packs/.x", "a/b/c", "/etc/x", "packs/", ""})
    EXPECT_THROW(set.add_file(bad), FatalError) << bad;
}

}  // namespace
}  // namespace recon
