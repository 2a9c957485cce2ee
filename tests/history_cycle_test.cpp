// The monthly cycle through the challenge history (docs/history.md), end to end with the real binary: month 1
// generated and run with --history and --packs; the provider answers two packs (one as the pack's CSV, one as
// a workbook written by the pack writer with the answers filled in) and they are imported; month 2 is month
// 1's records with one withdrawn, one corrected so that its challenge goes, one corrected in a fact its
// challenge states (so the challenge comes back under a new fingerprint) and one new record, the rest
// resubmitted unchanged. Every status of month 2 (NEW, REPEAT, ANSWERED) and the RESOLVED list are pinned
// exactly against month 1's list and the answers given, and the named records' fates one by one. Each month
// comes with the provider's invoice: month 2's is month 1's re-issued in another order, with one overpriced
// line corrected, and still billing the withdrawn record; its challenges keep their statuses the same way.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "recon/writers/pack_workbook.hpp"
#include "tests/history_support.hpp"

namespace {
namespace fs = std::filesystem;
using namespace recon::test_support;

// The records each challenge list names in its EVIDENCE (a record another challenge points to is not one to
// withdraw: its neighbours' challenges would change too).
bool named_in_evidence(const Table& list, const std::string& record) {
  for (std::size_t i = 0; i < list.rows.size(); ++i)
    if (list.at(i, "EVIDENCE").find(record) != std::string::npos) return true;
  return false;
}

// An OP record challenged by `rule` and nothing that points at it, other than the records in `taken`.
std::string op_record_with(const Table& list, const std::string& rule, const std::set<std::string>& taken) {
  for (std::size_t i = 0; i < list.rows.size(); ++i) {
    const std::string record = list.at(i, "RECORD_ID");
    if (list.at(i, "RULE") == rule && list.at(i, "DATASET") == "op" && !taken.count(record) &&
        !named_in_evidence(list, record))
      return record;
  }
  return {};
}

std::size_t row_of(const Table& t, const std::string& column, const std::string& value) {
  for (std::size_t i = 0; i < t.rows.size(); ++i)
    if (t.at(i, column) == value) return i;
  return t.rows.size();
}

TEST(HistoryCycle, TwoMonthsPinTheStatusesAndTheResolvedList) {
  const fs::path dir = fs::temp_directory_path() / ("recon_history_cycle_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path data = dir / "data", history = dir / "history.sqlite";
  generate_data(data, 8000, 15, " --invoice");

  // ---- month 1: everything is NEW, nothing resolved; the list is the list a run without history writes.
  const BinaryOutput m1 =
      run_recon_binary(run_args(data, data, dir / "out1", "2026-06-30") + " --invoice " +
                       (data / "invoice.csv").string() + " --packs --history " + history.string());
  ASSERT_EQ(m1.status, 0) << m1.text;
  struct stat st {};
  ASSERT_EQ(::stat(history.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u) << "the history holds NHS numbers";
  const Table list1 = read_table(dir / "out1/challenges.csv");
  ASSERT_GT(list1.rows.size(), 100u);
  ASSERT_EQ(list1.header.size(), 17u);
  EXPECT_EQ(list1.header[13], "FINGERPRINT");
  EXPECT_EQ(list1.header[14], "STATUS");
  for (std::size_t i = 0; i < list1.rows.size(); ++i) ASSERT_EQ(list1.at(i, "STATUS"), "NEW") << i;
  EXPECT_TRUE(read_table(dir / "out1/resolved.csv").rows.empty());
  const BinaryOutput plain = run_recon_binary(run_args(data, data, dir / "plain1", "2026-06-30") +
                                              " --invoice " + (data / "invoice.csv").string());
  ASSERT_EQ(plain.status, 0) << plain.text;
  const Table plain1 = read_table(dir / "plain1/challenges.csv");
  ASSERT_EQ(plain1.rows.size(), list1.rows.size());
  for (std::size_t i = 0; i < list1.rows.size(); ++i)
    ASSERT_EQ(std::vector<std::string>(list1.rows[i].begin(), list1.rows[i].begin() + 13), plain1.rows[i]);
  EXPECT_FALSE(fs::exists(dir / "plain1/resolved.csv"));

  // ---- the records month 2 changes, chosen from month 1's list.
  std::set<std::string> taken;
  const std::string withdrawn = op_record_with(list1, "PRIVATE_PATIENT", taken);
  taken.insert(withdrawn);
  const std::string attended = op_record_with(list1, "OP_NOT_ATTENDED", taken);
  taken.insert(attended);
  const std::string repriced = op_record_with(list1, "PRIVATE_PATIENT", taken);
  taken.insert(repriced);
  ASSERT_FALSE(withdrawn.empty() || attended.empty() || repriced.empty()) << "the data set lacks a case";

  // ---- answers: three rows of one provider's pack as CSV, one row of another's as a workbook.
  std::map<std::string, std::pair<std::string, std::string>> answers;  // fingerprint -> response, comment
  std::vector<fs::path> packs;
  for (const auto& e : fs::directory_iterator(dir / "out1/packs"))
    if (e.path().extension() == ".csv") packs.push_back(e.path());
  std::sort(packs.begin(), packs.end());
  ASSERT_GE(packs.size(), 2u);
  Table pack1 = read_table(packs[0]);
  EXPECT_EQ(pack1.header, list1.header) << "with a history a pack has challenges.csv's columns";
  const std::pair<std::string, std::string> given[] = {
      {"ACCEPTED", ""}, {"disputed", "Clinically justified, notes attached"}, {"QUERY", "Which register?"}};
  std::size_t answered_rows = 0;
  std::set<std::string> answered_fps;
  for (std::size_t i = 0; i < pack1.rows.size() && answered_rows < 3; ++i) {
    const std::string fp = pack1.at(i, "FINGERPRINT");
    if (taken.count(pack1.at(i, "RECORD_ID")) || answered_fps.count(fp)) continue;
    pack1.rows[i][pack1.col("RESPONSE")] = given[answered_rows].first;
    pack1.rows[i][pack1.col("COMMENT")] = given[answered_rows].second;
    std::string upper = given[answered_rows].first;
    for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    answers[fp] = {upper, given[answered_rows].second};
    answered_fps.insert(fp);
    ++answered_rows;
  }
  ASSERT_EQ(answered_rows, 3u);
  fs::create_directories(dir / "answers");
  write_table(dir / "answers/pack1.csv", pack1);
  const BinaryOutput import1 = run_recon_binary("responses import " + (dir / "answers/pack1.csv").string() +
                                                " --history " + history.string());
  ASSERT_EQ(import1.status, 0) << import1.text;
  EXPECT_NE(import1.text.find("3 answered (1 ACCEPTED, 1 DISPUTED, 1 QUERY)"), std::string::npos)
      << import1.text;

  Table pack2 = read_table(packs[1]);
  std::size_t row2 = pack2.rows.size();
  for (std::size_t i = 0; i < pack2.rows.size(); ++i)
    if (!taken.count(pack2.at(i, "RECORD_ID")) && !answered_fps.count(pack2.at(i, "FINGERPRINT"))) {
      row2 = i;
      break;
    }
  ASSERT_LT(row2, pack2.rows.size());
  pack2.rows[row2][pack2.col("RESPONSE")] = "DISPUTED";
  pack2.rows[row2][pack2.col("COMMENT")] = "Coded correctly";
  answers[pack2.at(row2, "FINGERPRINT")] = {"DISPUTED", "Coded correctly"};
  recon::PackWorkbookInfo info;
  info.for_whom = "provider";
  info.run_id = read_table(dir / "out1/summary_by_rule.csv").at(0, "RUN_ID");
  info.columns = pack2.header;
  info.rows = pack2.rows.size();
  recon::write_pack_workbook(dir / "answers/pack2.xlsx", dir / "answers", info, [&](const auto& emit) {
    for (const auto& row : pack2.rows) emit(row);
  });
  const BinaryOutput import2 = run_recon_binary("responses import " + (dir / "answers/pack2.xlsx").string() +
                                                " --history " + history.string());
  ASSERT_EQ(import2.status, 0) << import2.text;
  EXPECT_NE(import2.text.find("1 answered (0 ACCEPTED, 1 DISPUTED, 0 QUERY)"), std::string::npos)
      << import2.text;

  // ---- month 2: month 1's activity, one OP record withdrawn, one attended after all, one repriced, one new.
  const fs::path act2 = dir / "month2";
  fs::create_directories(act2);
  fs::copy_file(data / "apc.csv", act2 / "apc.csv");
  fs::copy_file(data / "ae.csv", act2 / "ae.csv");
  Table op = read_table(data / "op.csv");
  const std::size_t key = op.col("ATTENDKEY");
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> new_row;
  for (auto row : op.rows) {
    if (row[key] == withdrawn) continue;
    if (row[key] == attended) row[op.col("ATTENDED")] = "5";
    if (row[key] == repriced) {
      new_row = row;
      const double price = std::stod(row[op.col("PRICE")]);
      char text[32];
      std::snprintf(text, sizeof text, "%.2f", price - 10);
      row[op.col("PRICE")] = text;
    }
    rows.push_back(row);
  }
  new_row[key] = "OPNEW0001";
  rows.push_back(new_row);
  op.rows = rows;
  write_table(act2 / "op.csv", op);
  // Month 2's invoice: month 1's, re-issued with its lines in reverse order (a line's place is no fact of
  // it), one overpriced line billed at the tariff price now, and the withdrawn record still billed.
  std::size_t overpriced = list1.rows.size();
  for (std::size_t i = 0; i < list1.rows.size() && overpriced == list1.rows.size(); ++i)
    if (list1.at(i, "RULE") == "INVOICE_PRICE" && !taken.count(list1.at(i, "RECORD_ID")) &&
        !answers.count(list1.at(i, "FINGERPRINT")))
      overpriced = i;
  ASSERT_LT(overpriced, list1.rows.size()) << "the data set lacks an overpriced invoice line";
  const std::string evidence = list1.at(overpriced, "EVIDENCE");
  const std::size_t at_line = evidence.find("invoice=invoice.csv:"), at_tariff = evidence.find("; tariff=");
  ASSERT_TRUE(at_line != std::string::npos && at_tariff != std::string::npos) << evidence;
  const std::size_t invoice_line = std::stoul(evidence.substr(at_line + 20));
  const std::string tariff =
      evidence.substr(at_tariff + 9, evidence.find(';', at_tariff + 9) - at_tariff - 9);
  Table invoice = read_table(data / "invoice.csv");
  ASSERT_LT(invoice_line - 2, invoice.rows.size());
  ASSERT_EQ(invoice.at(invoice_line - 2, "RECORD_ID"), list1.at(overpriced, "RECORD_ID"));
  invoice.rows[invoice_line - 2][invoice.col("AMOUNT")] = tariff;
  ASSERT_LT(row_of(invoice, "RECORD_ID", withdrawn), invoice.rows.size()) << "the withdrawn record is billed";
  std::reverse(invoice.rows.begin(), invoice.rows.end());
  write_table(act2 / "invoice.csv", invoice);

  fs::copy_file(history, dir / "history_copy.sqlite");
  const BinaryOutput m2 =
      run_recon_binary(run_args(data, act2, dir / "out2", "2026-07-31") + " --invoice " +
                       (act2 / "invoice.csv").string() + " --packs --history " + history.string());
  ASSERT_EQ(m2.status, 0) << m2.text;
  // The same month on the same history, on one thread with the challenge list spilled to disk: the same
  // bytes.
  std::string loud = run_args(data, act2, dir / "out2b", "2026-07-31");
  loud.erase(loud.find(" --quiet"), 8);  // its summary says whether the list was spilled
  const BinaryOutput spilled = run_recon_binary(loud + " --invoice " + (act2 / "invoice.csv").string() +
                                                " --packs --threads 1 --memory-mb 1 --history " +
                                                (dir / "history_copy.sqlite").string());
  ASSERT_EQ(spilled.status, 0) << spilled.text;
  EXPECT_NE(spilled.text.find("challenge list: spilled to disk"), std::string::npos) << spilled.text;
  for (const char* name : {"challenges.csv", "challenges.json", "resolved.csv", "report.html",
                           "run_manifest.json", "invoice_challenges.csv", "invoice_summary.csv"})
    EXPECT_EQ(slurp(dir / "out2" / name), slurp(dir / "out2b" / name)) << name;

  // Every status as the definitions say, from month 1's list and the answers alone.
  std::set<std::string> raised1;
  for (std::size_t i = 0; i < list1.rows.size(); ++i) raised1.insert(list1.at(i, "FINGERPRINT"));
  const Table list2 = read_table(dir / "out2/challenges.csv");
  std::set<std::string> raised2;
  std::map<std::string, int> counts;
  for (std::size_t i = 0; i < list2.rows.size(); ++i) {
    const std::string fp = list2.at(i, "FINGERPRINT"), status = list2.at(i, "STATUS");
    raised2.insert(fp);
    ++counts[status];
    const auto answer = answers.find(fp);
    const std::string expected = answer != answers.end() ? "ANSWERED" : raised1.count(fp) ? "REPEAT" : "NEW";
    ASSERT_EQ(status, expected) << "row " << i + 2 << " " << list2.at(i, "RULE") << " "
                                << list2.at(i, "RECORD_ID");
    EXPECT_EQ(list2.at(i, "RESPONSE"), answer != answers.end() ? answer->second.first : "");
    EXPECT_EQ(list2.at(i, "COMMENT"), answer != answers.end() ? answer->second.second : "");
  }
  // And as numbers, for this seed (a change to the generator or the rules may move them; the checks above say
  // whether the statuses are still right): the four answers; the repriced record's new challenge, the new
  // record's and the withdrawn record's invoice line's; month 1's other challenges, raised again unchanged.
  EXPECT_EQ(counts["ANSWERED"], 4);
  EXPECT_EQ(counts["NEW"], 4);
  EXPECT_EQ(counts["REPEAT"], 3345);
  EXPECT_GT(counts["REPEAT"], 100);
  const Table resolved = read_table(dir / "out2/resolved.csv");
  std::set<std::string> resolved_fps;
  for (std::size_t i = 0; i < resolved.rows.size(); ++i) {
    EXPECT_EQ(resolved.at(i, "STATUS"), "RESOLVED");
    resolved_fps.insert(resolved.at(i, "FINGERPRINT"));
  }
  std::set<std::string> expected_resolved;
  for (const std::string& fp : raised1)
    if (!raised2.count(fp)) expected_resolved.insert(fp);
  EXPECT_EQ(resolved_fps, expected_resolved);
  EXPECT_EQ(resolved.rows.size(), resolved_fps.size());
  // The withdrawn, the attended and the repriced record's challenges, and the corrected invoice line's.
  EXPECT_EQ(resolved.rows.size(), 4u);

  // The named records, one by one.
  for (std::size_t i = 0; i < list1.rows.size(); ++i) {
    const std::string record = list1.at(i, "RECORD_ID"), fp = list1.at(i, "FINGERPRINT");
    if (record == withdrawn) EXPECT_TRUE(resolved_fps.count(fp)) << "withdrawn " << record;
    if (record == attended && list1.at(i, "RULE") == "OP_NOT_ATTENDED")
      EXPECT_TRUE(resolved_fps.count(fp)) << "corrected " << record;
    if (record == repriced) EXPECT_TRUE(resolved_fps.count(fp)) << "repriced " << record;
  }
  for (std::size_t i = 0; i < list2.rows.size(); ++i)  // only its invoice line, billing nothing now (below)
    if (list2.at(i, "RECORD_ID") == withdrawn) EXPECT_EQ(list2.at(i, "RULE"), "INVOICE_NO_ACTIVITY");
  for (std::size_t i = 0; i < list2.rows.size(); ++i) {
    if (list2.at(i, "RECORD_ID") == attended) EXPECT_NE(list2.at(i, "RULE"), "OP_NOT_ATTENDED");
    if (list2.at(i, "RECORD_ID") == repriced && list2.at(i, "RULE") == "PRIVATE_PATIENT")
      EXPECT_EQ(list2.at(i, "STATUS"), "NEW") << "its CHARGED changed: a new fingerprint";
    if (list2.at(i, "RECORD_ID") == "OPNEW0001") EXPECT_EQ(list2.at(i, "STATUS"), "NEW");
  }
  EXPECT_LT(row_of(list2, "RECORD_ID", "OPNEW0001"), list2.rows.size()) << "the new record is challenged";

  // The invoice's challenges: the corrected line's is resolved; the withdrawn record, still billed, is billed
  // for nothing now (NEW); every other invoice challenge is month 1's again, though its line moved.
  EXPECT_TRUE(resolved_fps.count(list1.at(overpriced, "FINGERPRINT"))) << "the corrected invoice line";
  bool withdrawn_billed = false;
  std::map<std::string, int> invoice_counts;
  for (std::size_t i = 0; i < list2.rows.size(); ++i) {
    if (!list2.at(i, "RULE").starts_with("INVOICE_")) continue;
    ++invoice_counts[list2.at(i, "RULE") + " " + list2.at(i, "STATUS")];
    if (list2.at(i, "RULE") == "INVOICE_NO_ACTIVITY" && list2.at(i, "RECORD_ID") == withdrawn) {
      withdrawn_billed = true;
      EXPECT_EQ(list2.at(i, "STATUS"), "NEW");
    }
  }
  EXPECT_TRUE(withdrawn_billed) << "the withdrawn record's invoice line bills nothing now";
  EXPECT_EQ(invoice_counts, (std::map<std::string, int>{{"INVOICE_NO_ACTIVITY ANSWERED", 2},
                                                        {"INVOICE_NO_ACTIVITY NEW", 1},
                                                        {"INVOICE_NO_ACTIVITY REPEAT", 633},
                                                        {"INVOICE_PRICE ANSWERED", 2},
                                                        {"INVOICE_PRICE REPEAT", 314}}));
  const Table invoice_challenges = read_table(dir / "out2/invoice_challenges.csv");
  EXPECT_GT(invoice_challenges.rows.size(), 0u) << "invoice lines billing challenged activity";

  // Each pack holds its provider's invoice challenges, as the list has them.
  for (const fs::path& pack_path : packs) {
    const std::string provider = pack_path.stem().string();
    const Table pack = read_table(dir / "out2/packs" / pack_path.filename());
    std::vector<std::vector<std::string>> in_pack, in_list;
    for (const auto& row : pack.rows)
      if (row[pack.col("RULE")].starts_with("INVOICE_")) in_pack.push_back(row);
    for (const auto& row : list2.rows)
      if (row[list2.col("RULE")].starts_with("INVOICE_") && row[list2.col("PROCODE3")] == provider)
        in_list.push_back(row);
    EXPECT_EQ(in_pack.size(), in_list.size()) << provider;
    EXPECT_GT(in_pack.size(), 0u) << provider;
  }

  // Month 2's packs carry the statuses and the answers given, for the provider to keep or change.
  const Table pack1_again = read_table(dir / "out2/packs" / packs[0].filename());
  std::size_t prefilled = 0;
  for (std::size_t i = 0; i < pack1_again.rows.size(); ++i)
    if (pack1_again.at(i, "STATUS") == "ANSWERED") {
      ++prefilled;
      EXPECT_EQ(pack1_again.at(i, "RESPONSE"), answers[pack1_again.at(i, "FINGERPRINT")].first);
    }
  EXPECT_EQ(prefilled, 3u);

  // The history: two runs, each challenge of each, the answers; the report's month-on-month view.
  EXPECT_EQ(query_one(history, "SELECT count(*) FROM runs"), "2");
  EXPECT_EQ(query_one(history, "SELECT count(*) FROM run_challenges WHERE run_seq = 2"),
            std::to_string(list2.rows.size()));
  EXPECT_EQ(query_one(history, "SELECT resolved_challenges FROM runs WHERE run_seq = 2"),
            std::to_string(resolved.rows.size()));
  EXPECT_EQ(query_one(history, "SELECT count(*) FROM answers"), "4");
  EXPECT_EQ(query_one(history, "PRAGMA integrity_check"), "ok");
  EXPECT_NE(query_one(history,
                      "SELECT count(*) FROM run_inputs WHERE run_seq = 2 AND role = 'op' AND path LIKE "
                      "'%month2/op.csv' AND length(xxh64) = 16"),
            "0");
  const std::string report = slurp(dir / "out2/report.html");
  EXPECT_NE(report.find("<section id=\"history\"><h2>Month on month</h2>"), std::string::npos);
  EXPECT_NE(report.find("2026-06-30"), std::string::npos);
  EXPECT_NE(report.find("2026-07-31"), std::string::npos);
  for (std::size_t i = 0; i < list2.rows.size(); ++i) {
    const std::string nhs = list2.at(i, "NHSNUMBER");
    if (!nhs.empty()) ASSERT_EQ(report.find(nhs), std::string::npos) << "an NHS number in the report";
    const std::string record = list2.at(i, "RECORD_ID");
    if (!record.empty()) ASSERT_EQ(report.find(record), std::string::npos) << "a record id in the report";
  }
  fs::remove_all(dir);
}

}  // namespace
