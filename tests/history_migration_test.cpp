// The history's schema version 3 (fingerprints as 16-byte BLOBs, run_challenges without its challenge_id
// text) from a version 2 file (docs/history.md, "Versions"): the upgrade converts every fingerprint in place,
// in the transaction of the run that first writes to the file, and the file means what it meant: the next
// run gives every challenge the status and the answer it would have had, and the tables hold what a file
// written at version 3 from the start holds. An upgrade that meets a damaged fingerprint leaves the file at
// version 2, untouched.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <set>
#include <string>

#include "recon/files/private_files.hpp"
#include "recon/history/history_schema.hpp"
#include "recon/history/sqlite_db.hpp"
#include "tests/history_support.hpp"

namespace {
namespace fs = std::filesystem;
using namespace recon;
using namespace recon::test_support;

// A version 2 file holding what `v3` holds, as version 2 wrote it: made with version 2's own DDL
// (history::migrate to 2), its fingerprints 32 lowercase hex digits, run_challenges with its challenge_id.
void write_version_2_copy(const fs::path& v3, const fs::path& v2) {
  ::close(create_private_file(v2));
  history::Database db(v2.string(), false, 1000);
  db.exec("ATTACH DATABASE '" + v3.string() + "' AS v3", "test");
  history::Transaction t(db, true);
  ASSERT_EQ(history::migrate(db, 2), 0);
  db.exec(R"sql(
INSERT INTO runs SELECT * FROM v3.runs;
INSERT INTO run_inputs SELECT * FROM v3.run_inputs;
INSERT INTO challenges SELECT lower(hex(fingerprint)), rule, dataset, procode3, gpprac, record_id, nhs_number,
  activity_date, charged, challenged, first_run_seq FROM v3.challenges;
INSERT INTO run_challenges SELECT run_seq, position, printf('CH%08d', position + 1), lower(hex(fingerprint)),
  procode3, severity, status FROM v3.run_challenges;
INSERT INTO run_resolved SELECT run_seq, lower(hex(fingerprint)) FROM v3.run_resolved;
INSERT INTO run_providers SELECT * FROM v3.run_providers;
INSERT INTO imports SELECT * FROM v3.imports;
INSERT INTO answers SELECT lower(hex(fingerprint)), response, comment, run_seq, import_seq FROM v3.answers;
INSERT INTO answer_log SELECT import_seq, lower(hex(fingerprint)), response, comment FROM v3.answer_log;
)sql",
          "test");
  t.commit();
}

// Every table but runs' per-run details (when it was recorded, where its outputs went), fingerprints as hex.
std::vector<std::vector<std::string>> contents(const fs::path& file) {
  std::vector<std::vector<std::string>> all;
  for (const char* sql :
       {"SELECT run_seq, run_id, as_of, recon_version, options, configuration, previous_run_seq, challenges, "
        "new_challenges, repeat_challenges, answered_challenges, resolved_challenges FROM runs ORDER BY 1",
        "SELECT run_seq, position, role, bytes, xxh64 FROM run_inputs ORDER BY 1, 2",
        "SELECT hex(fingerprint), rule, dataset, procode3, gpprac, record_id, nhs_number, activity_date, "
        "charged, challenged, first_run_seq FROM challenges ORDER BY 1",
        "SELECT run_seq, position, hex(fingerprint), procode3, severity, status FROM run_challenges ORDER BY "
        "1, 2",
        "SELECT run_seq, hex(fingerprint) FROM run_resolved ORDER BY 1, 2",
        "SELECT * FROM run_providers ORDER BY 1, 2",
        "SELECT import_seq, file, bytes, xxh64, run_seq, rows, answered, changed FROM imports ORDER BY 1",
        "SELECT hex(fingerprint), response, comment, run_seq, import_seq FROM answers ORDER BY 1",
        "SELECT import_seq, hex(fingerprint), response, comment FROM answer_log ORDER BY 1, 2"}) {
    all.push_back({sql});
    for (const auto& row : query(file, sql)) {
      std::string line;
      for (const std::string& field : row) line += field + '|';
      all.push_back({line});
    }
  }
  return all;
}

TEST(HistoryMigration, AVersion2FileIsUpgradedWithEveryStatusAndAnswer) {
  const fs::path dir = fs::temp_directory_path() / ("recon_history_migration_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  generate_data(dir / "data", 600, 3);
  const fs::path v3 = dir / "v3.sqlite", v2 = dir / "v2.sqlite", damaged = dir / "damaged.sqlite";
  auto run = [&](const std::string& out, const fs::path& history) {
    return run_recon_binary(run_args(dir / "data", dir / "data", dir / out, "2026-06-30") +
                            " --packs --history " + history.string());
  };

  // Month 1 at version 3, and three answers from a provider's pack (two rows answering one challenge
  // twice would make it fewer: rows of distinct fingerprints are taken).
  const BinaryOutput m1 = run("out1", v3);
  ASSERT_EQ(m1.status, 0) << m1.text;
  ASSERT_EQ(query_one(v3, "PRAGMA user_version"), "3");
  fs::path pack_path;
  for (const auto& e : fs::directory_iterator(dir / "out1/packs"))
    if (e.path().extension() == ".csv" && (pack_path.empty() || e.path() < pack_path)) pack_path = e.path();
  Table pack = read_table(pack_path);
  const std::pair<std::string, std::string> given[] = {
      {"ACCEPTED", ""},
      {"DISPUTED", "Clinically justified, \"notes\" attached"},
      {"QUERY", "Which register?"}};
  std::set<std::string> answered;
  for (std::size_t i = 0; i < pack.rows.size() && answered.size() < 3; ++i) {
    if (!answered.insert(pack.at(i, "FINGERPRINT")).second) continue;
    pack.rows[i][pack.col("RESPONSE")] = given[answered.size() - 1].first;
    pack.rows[i][pack.col("COMMENT")] = given[answered.size() - 1].second;
  }
  ASSERT_EQ(answered.size(), 3u);
  write_table(dir / "answers.csv", pack);
  const BinaryOutput import =
      run_recon_binary("responses import " + (dir / "answers.csv").string() + " --history " + v3.string());
  ASSERT_EQ(import.status, 0) << import.text;

  // The same history at version 2: what version 2 wrote, its fingerprints and ids as challenges.csv has them.
  write_version_2_copy(v3, v2);
  ASSERT_EQ(query_one(v2, "PRAGMA user_version"), "2");
  const Table list1 = read_table(dir / "out1/challenges.csv");
  const auto v2_rows = query(v2, "SELECT challenge_id, fingerprint FROM run_challenges ORDER BY position");
  ASSERT_EQ(v2_rows.size(), list1.rows.size());
  for (std::size_t i = 0; i < list1.rows.size(); ++i) {
    ASSERT_EQ(v2_rows[i][0], list1.at(i, "CHALLENGE_ID"));
    ASSERT_EQ(v2_rows[i][1], list1.at(i, "FINGERPRINT"));
  }
  EXPECT_EQ(query_one(v2, "SELECT count(*) FROM answers"), "3");
  fs::copy_file(v2, damaged);

  // Month 2 on each: the version 2 file is upgraded by the run, and the run is the run it would have been.
  const BinaryOutput from_v2 = run("out2_v2", v2);
  ASSERT_EQ(from_v2.status, 0) << from_v2.text;
  const BinaryOutput from_v3 = run("out2_v3", v3);
  ASSERT_EQ(from_v3.status, 0) << from_v3.text;
  EXPECT_EQ(query_one(v2, "PRAGMA user_version"), "3");
  EXPECT_EQ(query_one(v2, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(query_one(v2, "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'v2_%'"), "0");
  EXPECT_EQ(query_one(v2, "SELECT typeof(fingerprint) || length(fingerprint) FROM run_challenges LIMIT 1"),
            "blob16");
  for (const char* file : {"challenges.csv", "challenges.json", "resolved.csv", "report.html"})
    EXPECT_EQ(slurp(dir / "out2_v2" / file), slurp(dir / "out2_v3" / file)) << file;
  const Table list2 = read_table(dir / "out2_v2/challenges.csv");
  ASSERT_EQ(list2.rows.size(), list1.rows.size());
  std::size_t answered_rows = 0;
  for (std::size_t i = 0; i < list2.rows.size(); ++i) {
    const std::string fp = list2.at(i, "FINGERPRINT");
    if (!answered.count(fp)) {
      ASSERT_EQ(list2.at(i, "STATUS"), "REPEAT") << i;
      continue;
    }
    ++answered_rows;
    EXPECT_EQ(list2.at(i, "STATUS"), "ANSWERED") << i;
    EXPECT_FALSE(list2.at(i, "RESPONSE").empty()) << i;
  }
  EXPECT_GE(answered_rows, 3u);
  EXPECT_EQ(contents(v2), contents(v3)) << "the upgraded file holds what a version 3 file holds";
  EXPECT_EQ(query_one(v2, "SELECT comment FROM answers WHERE response = 'DISPUTED'"),
            "Clinically justified, \"notes\" attached");

  // A fingerprint that is not 32 hex digits stops the upgrade (one in answer_log, which a run does not read
  // before it writes): the outputs are published, the run is not recorded, the file is as it was.
  {
    history::Database db(damaged.string(), false, 1000);
    db.exec(
        "UPDATE answer_log SET fingerprint = 'not a fingerprint' WHERE fingerprint = "
        "(SELECT min(fingerprint) FROM answer_log)",
        "test");
  }
  const std::string before = slurp(damaged);
  const BinaryOutput refused = run("out2_damaged", damaged);
  EXPECT_EQ(refused.status, 1) << refused.text;
  EXPECT_NE(refused.text.find("upgrading its schema to version 3"), std::string::npos) << refused.text;
  EXPECT_NE(refused.text.find("a damaged file"), std::string::npos) << refused.text;
  EXPECT_NE(refused.text.find("this run is not in the history"), std::string::npos) << refused.text;
  EXPECT_EQ(query_one(damaged, "PRAGMA user_version"), "2");
  EXPECT_EQ(slurp(damaged), before);
  fs::remove_all(dir);
}

}  // namespace
