// The invoice reconciliation end to end: `recon generate --invoice` plants billed items with no activity,
// items billed twice and overpriced items (truth.csv, DATASET invoice) and bills every challenged record at
// full price; `recon run --invoice` must find exactly the planted invoice mismatches, list every challenged
// record's invoice line in invoice_challenges.csv, reconcile its counts, and write the same bytes whatever
// the threads and chunk size. A run without --invoice writes none of the invoice outputs.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "parsers/csv_tokenizer.hpp"
#include "tests/read_whole_file.hpp"
#include "tests/recon_binary.hpp"

namespace fs = std::filesystem;
using recon::test_support::run_recon_binary;
using recon::test_support::slurp;

namespace {

struct Csv {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::size_t col(const std::string& name) const {
    for (std::size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) return i;
    ADD_FAILURE() << "no column " << name;
    return 0;
  }
};

Csv read_csv(const fs::path& path) {
  std::string text = slurp(path);
  recon::csv::Tokenizer tok(text.data(), text.size(), 1);
  recon::csv::Record rec;
  Csv out;
  bool first = true;
  while (tok.next(rec)) {
    std::vector<std::string> fields(rec.fields.begin(), rec.fields.end());
    if (first)
      out.header = std::move(fields);
    else
      out.rows.push_back(std::move(fields));
    first = false;
  }
  return out;
}

class InvoiceEndToEnd : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("recon_invoice_e2e_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    const auto gen = run_recon_binary("generate --out " + (dir_ / "data").string() +
                                      " --apc-rows 3000 --seed 11 --invoice");
    ASSERT_EQ(gen.status, 0) << gen.text;
    const auto run = run_recon_binary(run_args("out", "--threads 2"));
    ASSERT_EQ(run.status, 0) << run.text;
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }

  static std::string run_args(const std::string& out, const std::string& extra, bool invoice = true) {
    const fs::path d = dir_ / "data";
    return "run --apc " + (d / "apc.csv").string() + " --op " + (d / "op.csv").string() + " --ae " +
           (d / "ae.csv").string() + " --register " + (d / "register.csv").string() + " --referrals " +
           (d / "referrals.csv").string() + " --conditions " + (d / "conditions.csv").string() +
           " --reference " + (d / "reference").string() +
           (invoice ? " --invoice " + (d / "invoice.csv").string() : std::string()) +
           " --as-of 2026-06-30 --quiet --no-progress --out " + (dir_ / out).string() + " " + extra;
  }

  static fs::path dir_;
};
fs::path InvoiceEndToEnd::dir_;

TEST_F(InvoiceEndToEnd, FindsExactlyThePlantedInvoiceMismatches) {
  const Csv truth = read_csv(dir_ / "data" / "truth.csv");
  std::map<std::string, std::string> planted_price;  // record id -> pounds over
  std::set<std::string> planted_no_activity, planted_twice;
  for (const auto& row : truth.rows) {
    if (row[0] != "invoice") continue;
    if (row[2].starts_with("invoice_price:")) planted_price[row[1]] = row[2].substr(14);
    if (row[2] == "invoice_no_activity") planted_no_activity.insert(row[1]);
    if (row[2] == "invoice_billed_twice") planted_twice.insert(row[1]);
  }
  ASSERT_FALSE(planted_price.empty());
  ASSERT_FALSE(planted_no_activity.empty());
  ASSERT_FALSE(planted_twice.empty());

  const Csv challenges = read_csv(dir_ / "out" / "challenges.csv");
  const std::size_t rule = challenges.col("RULE"), id = challenges.col("RECORD_ID"),
                    amount = challenges.col("CHALLENGED"), evidence = challenges.col("EVIDENCE");
  std::map<std::string, std::string> found_price;
  std::set<std::string> found_no_activity, found_twice;
  for (const auto& row : challenges.rows) {
    if (row[rule] == "INVOICE_PRICE") {
      EXPECT_FALSE(found_price.count(row[id])) << row[id];
      found_price[row[id]] = row[amount];
    } else if (row[rule] == "INVOICE_NO_ACTIVITY") {
      EXPECT_TRUE(row[evidence].starts_with("invoice=invoice.csv:")) << row[evidence];
      (row[evidence].find("billed_first=") != std::string::npos ? found_twice : found_no_activity)
          .insert(row[id]);
    }
  }
  EXPECT_EQ(found_price, planted_price);
  EXPECT_EQ(found_no_activity, planted_no_activity);
  EXPECT_EQ(found_twice, planted_twice);
}

TEST_F(InvoiceEndToEnd, EveryChallengedRecordBilledAtFullPriceIsListedAgainstItsInvoiceLine) {
  const Csv challenges = read_csv(dir_ / "out" / "challenges.csv");
  const std::size_t rule = challenges.col("RULE"), dataset = challenges.col("DATASET"),
                    id = challenges.col("RECORD_ID");
  std::set<std::pair<std::string, std::string>> challenged;  // record-level activity challenges
  for (const auto& row : challenges.rows)
    if (!row[rule].starts_with("INVOICE_") && !row[id].empty()) challenged.insert({row[dataset], row[id]});
  const Csv links = read_csv(dir_ / "out" / "invoice_challenges.csv");
  std::set<std::pair<std::string, std::string>> listed;
  for (const auto& row : links.rows) {
    listed.insert({row[links.col("DATASET")], row[links.col("RECORD_ID")]});
    EXPECT_FALSE(row[links.col("ACTIVITY_RULES")].empty());
    EXPECT_EQ(row[links.col("INVOICE_FILE")], (dir_ / "data" / "invoice.csv").string());
  }
  ASSERT_FALSE(challenged.empty());
  EXPECT_EQ(listed, challenged);
}

TEST_F(InvoiceEndToEnd, CountsReconcile) {
  const Csv invoice = read_csv(dir_ / "data" / "invoice.csv");
  const Csv summary = read_csv(dir_ / "out" / "invoice_summary.csv");
  std::uint64_t lines = 0, matched = 0, unmatched = 0;
  for (const auto& row : summary.rows) {
    lines += std::stoull(row[summary.col("LINES")]);
    matched += std::stoull(row[summary.col("MATCHED_LINES")]);
    unmatched += std::stoull(row[summary.col("UNMATCHED_LINES")]);
  }
  EXPECT_EQ(lines, invoice.rows.size());
  EXPECT_EQ(matched + unmatched, lines);
  const std::string run_summary = slurp(dir_ / "out" / "run_summary.json");
  EXPECT_NE(run_summary.find("\"dataset\": \"invoice\", \"rows\": " + std::to_string(lines) +
                             ", \"accepted\": " + std::to_string(lines) + ", \"rejected\": 0"),
            std::string::npos)
      << run_summary;
  EXPECT_NE(run_summary.find("\"invoice\": {\"lines\": " + std::to_string(lines)), std::string::npos);
  const std::string report = slurp(dir_ / "out" / "report.html");
  EXPECT_NE(report.find("<section id=\"invoice\">"), std::string::npos);
  // The report circulates: no record id (the generator's are S..., OP..., AE...) in it, invoice's or not.
  for (const char* id_prefix : {"S00", "OP00", "AE00"}) EXPECT_EQ(report.find(id_prefix), std::string::npos);
}

TEST_F(InvoiceEndToEnd, SameBytesWhateverTheThreadsAndChunkSize) {
  const auto run = run_recon_binary(run_args("out_1thread", "--threads 1 --chunk-mb 1 --memory-mb 1"));
  ASSERT_EQ(run.status, 0) << run.text;
  for (const char* name : {"challenges.csv", "challenges.json", "invoice_summary.csv",
                           "invoice_challenges.csv", "summary_by_rule.csv", "summary_by_provider.csv",
                           "run_summary.json", "report.html", "run_manifest.json"})
    EXPECT_EQ(slurp(dir_ / "out" / name), slurp(dir_ / "out_1thread" / name)) << name;
}

TEST_F(InvoiceEndToEnd, ARunWithoutAnInvoiceWritesNoneOfItsOutputs) {
  const auto run = run_recon_binary(run_args("out_plain", "--threads 2", false));
  ASSERT_EQ(run.status, 0) << run.text;
  EXPECT_FALSE(fs::exists(dir_ / "out_plain" / "invoice_summary.csv"));
  EXPECT_FALSE(fs::exists(dir_ / "out_plain" / "invoice_challenges.csv"));
  const std::string rules = slurp(dir_ / "out_plain" / "summary_by_rule.csv");
  EXPECT_EQ(rules.find("INVOICE_"), std::string::npos);
  const std::string run_summary = slurp(dir_ / "out_plain" / "run_summary.json");
  EXPECT_EQ(run_summary.find("\"invoice\": {"), std::string::npos);
  EXPECT_EQ(run_summary.find("\"dataset\": \"invoice\""), std::string::npos);
}

}  // namespace

namespace {

// Invoice lines that cannot be read are rejects, like any input row: file, line, dataset invoice, and a
// reason that never quotes the patient.
TEST(InvoiceRejects, UnreadableLinesAreRejectedWithFileLineAndReason) {
  const fs::path dir = fs::temp_directory_path() / ("recon_invoice_rejects_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  recon::test_support::write_whole_file(dir / "apc.csv",
                                        "SUSSPELLID,PROCODE3,NHSNUMBER,ADMIDATE,DISDATE,SUSHRG,PRICE\n"
                                        "S1,RXH,9434765919,2025-04-01,2025-04-03,EB03C,3000.00\n");
  recon::test_support::write_whole_file(dir / "slam.csv",
                                        "PROCODE3,POD,RECORD_ID,NHSNUMBER,ACTIVITY_DATE,AMOUNT\n"
                                        "RXH,NEL,S1,9434765919,2025-04-01,3000.00\n"
                                        "RXH,ZZZ,S1,9434765919,2025-04-01,3000.00\n"
                                        "RXH,NELXBD,S1,9434765919,2025-04-01,600.00\n"
                                        "RXH,NEL,S1,9434765919,2025-04-01,-3000.00\n"
                                        "RXH,NEL,,,2025-04-01,3000.00\n"
                                        "RXH,NEL,S1,9434765919,2025-02-30,3000.00\n");
  const auto run = run_recon_binary("run --apc " + (dir / "apc.csv").string() + " --invoice " +
                                    (dir / "slam.csv").string() + " --quiet --no-progress --out " +
                                    (dir / "out").string());
  ASSERT_EQ(run.status, 0) << run.text;
  const std::string rejects = slurp(dir / "out" / "rejects.csv");
  const std::string file = (dir / "slam.csv").string();
  for (const std::string& expected :
       {file + ",3,invoice,\"POD 'ZZZ' is neither a dataset (APC, OP, AE) nor a point of delivery recon "
               "knows (docs/invoice.md)\"",
        file + ",4,invoice,\"POD 'NELXBD' bills excess bed days on a line of their own: recon prices a spell "
               "with its excess bed days, so they belong on the spell's line\"",
        file + ",5,invoice,negative AMOUNT '-3000.00'",
        file +
            ",6,invoice,neither RECORD_ID nor NHSNUMBER is given: the line cannot be matched to any activity",
        file + ",7,invoice,ACTIVITY_DATE '2025-02-30' is not a date (YYYY-MM-DD or YYYYMMDD)"})
    EXPECT_NE(rejects.find(expected + "\n"), std::string::npos) << expected << "\n" << rejects;
  EXPECT_EQ(rejects.find("9434765919"), std::string::npos);
  EXPECT_NE(slurp(dir / "out" / "run_summary.json")
                .find("\"dataset\": \"invoice\", \"rows\": 6, \"accepted\": 1, \"rejected\": 5"),
            std::string::npos);
  fs::remove_all(dir);
}

}  // namespace

namespace {

// A SLAM file in its own column names, read through the column map's invoice dataset; pipe-delimited, as
// the activity may be.
TEST(InvoiceColumnMap, ASlamFileIsReadThroughTheColumnMap) {
  const fs::path dir = fs::temp_directory_path() / ("recon_invoice_map_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  recon::test_support::write_whole_file(dir / "apc.csv",
                                        "SUSSPELLID,PROCODE3,NHSNUMBER,ADMIDATE,DISDATE,SUSHRG,PRICE\n"
                                        "S1,RXH,9434765919,2025-04-01,2025-04-03,EB03C,3000.00\n");
  recon::test_support::write_whole_file(dir / "slam.txt",
                                        "Provider|Point_of_Delivery|Spell_ID|Activity_Date|Price_Actual\n"
                                        "RXH|NEL|S1|2025-04-01|3000.00\n"
                                        "RXH|NEL|S2|2025-04-01|2500.00\n");
  recon::test_support::write_whole_file(
      dir / "map.csv",
      "DATASET,FROM,TO\ninvoice,Provider,PROCODE3\ninvoice,Point_of_Delivery,POD\n"
      "invoice,Spell_ID,RECORD_ID\ninvoice,Activity_Date,ACTIVITY_DATE\n"
      "invoice,Price_Actual,AMOUNT\n");
  const auto run =
      run_recon_binary("run --apc " + (dir / "apc.csv").string() + " --invoice " +
                       (dir / "slam.txt").string() + " --column-map " + (dir / "map.csv").string() +
                       " --quiet --no-progress --out " + (dir / "out").string());
  ASSERT_EQ(run.status, 0) << run.text;
  const std::string challenges = slurp(dir / "out" / "challenges.csv");
  EXPECT_NE(challenges.find(",INVOICE_NO_ACTIVITY,HIGH,RXH,,apc,S2,,2025-04-01,2500.00,2500.00,"),
            std::string::npos)
      << challenges;
  EXPECT_EQ(challenges.find(",S1,"), std::string::npos) << challenges;  // billed once, as submitted
  fs::remove_all(dir);
}

}  // namespace

namespace {

// The same generated invoice as NDJSON (generate --format ndjson): the same invoice challenges, by rule,
// record id and amount, as the CSV run finds.
TEST(InvoiceNdjson, AnNdjsonInvoiceGivesTheSameChallenges) {
  const fs::path dir = fs::temp_directory_path() / ("recon_invoice_ndjson_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  std::multiset<std::string> found[2];
  const char* formats[] = {"csv", "ndjson"};
  for (int i = 0; i < 2; ++i) {
    const fs::path data = dir / formats[i];
    const std::string ext = std::string(".") + formats[i];
    const auto gen = run_recon_binary("generate --out " + data.string() +
                                      " --apc-rows 600 --seed 5 --invoice --format " + formats[i]);
    ASSERT_EQ(gen.status, 0) << gen.text;
    const auto run = run_recon_binary(
        "run --apc " + (data / ("apc" + ext)).string() + " --op " + (data / ("op" + ext)).string() +
        " --ae " + (data / ("ae" + ext)).string() + " --reference " + (data / "reference").string() +
        " --invoice " + (data / ("invoice" + ext)).string() + " --quiet --no-progress --out " +
        (data / "out").string());
    ASSERT_EQ(run.status, 0) << run.text;
    const Csv challenges = read_csv(data / "out" / "challenges.csv");
    for (const auto& row : challenges.rows)
      if (row[challenges.col("RULE")].starts_with("INVOICE_"))
        found[i].insert(row[challenges.col("RULE")] + "," + row[challenges.col("RECORD_ID")] + "," +
                        row[challenges.col("CHALLENGED")]);
  }
  EXPECT_FALSE(found[0].empty());
  EXPECT_EQ(found[0], found[1]);
  fs::remove_all(dir);
}

}  // namespace
