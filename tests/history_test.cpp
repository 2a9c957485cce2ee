// The challenge history's parts (docs/history.md): the fingerprint, the statuses, the schema's versions (an
// older file upgraded, a newer one refused), concurrent runs on one file, a run that fails writing nothing,
// and the import refusing what it cannot match.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <thread>

#include "parsers/fatal_error.hpp"
#include "recon/files/private_files.hpp"
#include "recon/history/history_schema.hpp"
#include "recon/history/responses_import.hpp"
#include "recon/writers/challenge_fingerprint.hpp"
#include "recon/writers/challenge_history.hpp"
#include "tests/history_support.hpp"

namespace {
namespace fs = std::filesystem;
using namespace recon;
using namespace recon::test_support;

Challenge sample_challenge() {
  Challenge c;
  c.rule = "PRIVATE_PATIENT";
  c.severity = Severity::kHigh;
  c.dataset = Dataset::kOp;
  c.pos = {0, 17};
  c.record_id = "OP0000301";
  c.procode = Code::of("RTH");
  c.gpprac = Code::of("B81001");
  c.nhs = 9434765919;
  c.activity_date = *parse_day("2025-10-13");
  c.charged = 11000;
  c.challenged = 11000;
  c.reason = "Record OP0000301 has ADMINCAT 02 (private patient)";
  c.evidence = "admincat=02; charged=110.00";
  return c;
}

TEST(HistoryFingerprint, TheFactsMakeItAndNothingElse) {
  const Challenge c = sample_challenge();
  const Fingerprint f = challenge_fingerprint(c);
  Challenge same = c;
  same.pos = {3, 999};                          // another file and line: resubmitted
  same.severity = Severity::kLow;               // a contract's setting
  same.reason = "reworded in a later version";  // the evidence in words
  EXPECT_EQ(challenge_fingerprint(same), f);
  Challenge dated = c;
  dated.evidence = "admincat=02; charged=110.00; as_of=2026-07-31";  // the run date is no fact of the record
  Challenge dated_too = c;
  dated_too.evidence = "admincat=02; charged=110.00; as_of=2026-06-30";
  EXPECT_EQ(challenge_fingerprint(dated), challenge_fingerprint(dated_too));
  auto differs = [&](auto change) {
    Challenge d = c;
    change(d);
    return challenge_fingerprint(d) != f;
  };
  EXPECT_TRUE(differs([](Challenge& d) { d.rule = "DUP"; }));
  EXPECT_TRUE(differs([](Challenge& d) { d.dataset = Dataset::kAe; }));
  EXPECT_TRUE(differs([](Challenge& d) { d.record_id = "OP0000302"; }));
  EXPECT_TRUE(differs([](Challenge& d) { d.procode = Code::of("RJ1"); }));
  EXPECT_TRUE(differs([](Challenge& d) { d.gpprac = Code::of("C81001"); }));
  EXPECT_TRUE(differs([](Challenge& d) { d.nhs = 0; }));
  EXPECT_TRUE(differs([](Challenge& d) { d.activity_date += 1; }));
  EXPECT_TRUE(differs([](Challenge& d) { d.charged = 10000; }));
  EXPECT_TRUE(differs([](Challenge& d) { d.challenged = 10000; }));
  EXPECT_TRUE(differs([](Challenge& d) { d.evidence = "admincat=02; charged=100.00"; }));
  // Field boundaries count: moving a character from one field to the next is another challenge.
  Challenge a = c, b = c;
  a.record_id = "OP1";
  a.evidence = "2x";
  b.record_id = "OP12";
  b.evidence = "x";
  EXPECT_NE(challenge_fingerprint(a), challenge_fingerprint(b));

  const std::string text = fingerprint_text(f);
  EXPECT_EQ(text.size(), 32u);
  EXPECT_EQ(parse_fingerprint(text), f);
  std::string upper = text;
  for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  EXPECT_EQ(parse_fingerprint(upper), f);
  EXPECT_FALSE(parse_fingerprint(text.substr(1)));
  EXPECT_FALSE(parse_fingerprint(text.substr(1) + "g"));
}

TEST(HistoryStatuses, NewRepeatAnsweredAndThePreviousRun) {
  const Fingerprint raised{1, 2}, answered{3, 4}, previous{5, 6}, unknown{7, 8};
  ChallengeHistory h;
  h.add_raised(raised);
  h.add_raised(answered);
  h.add_answer(answered, {"DISPUTED", "coded correctly"});
  PreviousChallenge p;
  p.fingerprint = previous;
  h.add_previous(p);
  h.finish();
  EXPECT_EQ(h.find(unknown).status, ChallengeStatus::kNew);
  EXPECT_EQ(h.find(raised).status, ChallengeStatus::kRepeat);
  EXPECT_EQ(h.find(raised).answer, nullptr);
  const ChallengeHistory::Prior a = h.find(answered);
  EXPECT_EQ(a.status, ChallengeStatus::kAnswered);
  ASSERT_NE(a.answer, nullptr);
  EXPECT_EQ(a.answer->response, "DISPUTED");
  EXPECT_EQ(a.answer->comment, "coded correctly");
  EXPECT_EQ(h.find(previous).status, ChallengeStatus::kRepeat);
  EXPECT_EQ(h.find(previous).previous, 0u);
  EXPECT_EQ(h.find(raised).previous, ChallengeHistory::kNone);
  EXPECT_EQ(status_name(ChallengeStatus::kAnswered), "ANSWERED");
}

// A small generated data set and a history, for the tests below.
class HistoryFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("recon_history_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) +
            "_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    generate_data(dir_ / "data", 600, 3);
    history_ = dir_ / "h.sqlite";
  }
  void TearDown() override { fs::remove_all(dir_); }
  BinaryOutput run(const std::string& out, const std::string& env = "") {
    return run_recon_binary(run_args(dir_ / "data", dir_ / "data", dir_ / out, "2026-06-30") +
                                " --packs --history " + history_.string(),
                            env);
  }
  fs::path dir_, history_;
};

TEST_F(HistoryFile, AnOlderSchemaIsUpgradedAndANewerOneRefused) {
  {  // a file as the first version of the history wrote it, with one run in it
    const fs::path v1 = history_;
    ::close(create_private_file(v1));
    history::Database db(v1.string(), false, 1000);
    history::Transaction t(db, true);
    history::migrate(db, 1);
    db.exec(
        "INSERT INTO runs(run_id, recorded_at, as_of, recon_version, out_dir, options, challenges, "
        "new_challenges, repeat_challenges, answered_challenges, resolved_challenges) "
        "VALUES('0123456789abcdef', "
        "'2026-05-31T00:00:00Z', '2026-05-31', '0.1.0', 'out', '', 0, 0, 0, 0, 0)",
        "test");
    t.commit();
  }
  ASSERT_EQ(query_one(history_, "PRAGMA user_version"), "1");
  const BinaryOutput r = run("out");
  ASSERT_EQ(r.status, 0) << r.text;
  EXPECT_EQ(query_one(history_, "PRAGMA user_version"), std::to_string(history::kSchemaVersion));
  EXPECT_EQ(query_one(history_, "SELECT count(*) FROM runs"), "2") << "the old run is kept";
  EXPECT_EQ(query_one(history_, "SELECT count(*) FROM answers"), "0") << "version 2's tables exist";
  EXPECT_EQ(query_one(history_, "PRAGMA integrity_check"), "ok");

  // A newer version: refused before any input is read, the file untouched.
  {
    history::Database db(history_.string(), false, 1000);
    db.exec("PRAGMA user_version = 99", "test");
  }
  const std::string before = slurp(history_);
  const BinaryOutput newer = run("out_newer");
  EXPECT_EQ(newer.status, 1);
  EXPECT_NE(
      newer.text.find("history " + history_.string() + ": schema version 99 is newer than this recon reads"),
      std::string::npos)
      << newer.text;
  EXPECT_FALSE(fs::exists(dir_ / "out_newer/challenges.csv"));
  EXPECT_EQ(slurp(history_), before);
  const BinaryOutput import = run_recon_binary("responses import " + (dir_ / "out/challenges.csv").string() +
                                               " --history " + history_.string());
  EXPECT_EQ(import.status, 1);
  EXPECT_NE(import.text.find("schema version 99 is newer"), std::string::npos) << import.text;
}

TEST_F(HistoryFile, TwoRunsAtOnceBothRecordedAndTheFileWhole) {
  const std::string a = run_args(dir_ / "data", dir_ / "data", dir_ / "out_a", "2026-06-30") + " --history " +
                        history_.string();
  const std::string b = run_args(dir_ / "data", dir_ / "data", dir_ / "out_b", "2026-06-30") + " --history " +
                        history_.string();
  // Two processes, started together, on a history that does not exist yet (both may try to create it).
  const std::string both = std::string("(") + RECON_BINARY + " " + a + " > " + (dir_ / "a.log").string() +
                           " 2>&1; echo $? > " + (dir_ / "a.rc").string() + ") & (" + RECON_BINARY + " " + b +
                           " > " + (dir_ / "b.log").string() + " 2>&1; echo $? > " +
                           (dir_ / "b.rc").string() + ") & wait";
  ASSERT_EQ(std::system(both.c_str()), 0);
  EXPECT_EQ(slurp(dir_ / "a.rc"), "0\n") << slurp(dir_ / "a.log");
  EXPECT_EQ(slurp(dir_ / "b.rc"), "0\n") << slurp(dir_ / "b.log");
  EXPECT_EQ(query_one(history_, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(query_one(history_, "SELECT count(*) FROM runs"), "2");
  const std::size_t challenges = read_table(dir_ / "out_a/challenges.csv").rows.size();
  ASSERT_GT(challenges, 0u);
  EXPECT_EQ(query_one(history_, "SELECT count(*) FROM run_challenges"), std::to_string(2 * challenges));
  EXPECT_EQ(query_one(history_, "SELECT count(DISTINCT run_seq) FROM run_challenges"), "2");
  struct stat st {};
  ASSERT_EQ(::stat(history_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(HistoryFile, ARunThatFailsWritesNothingToIt) {
  // Killed before its outputs were committed: no history file at all.
  const BinaryOutput staged = run("out", "RECON_TEST_DIE_AT=staged:2");
  EXPECT_EQ(staged.signal, SIGKILL) << staged.text;
  EXPECT_FALSE(fs::exists(history_));
  // One run recorded; the next killed inside its history transaction, after writing its rows, before the
  // commit: the file still holds the one run (the journal is rolled back on the next open), and is whole.
  ASSERT_EQ(run("out").status, 0);
  const std::string runs = query_one(history_, "SELECT count(*) FROM runs");
  const std::string raised = query_one(history_, "SELECT count(*) FROM run_challenges");
  const BinaryOutput killed = run("out2", "RECON_TEST_DIE_AT=history:1");
  EXPECT_EQ(killed.signal, SIGKILL) << killed.text;
  EXPECT_EQ(query_one(history_, "SELECT count(*) FROM runs"), runs);
  EXPECT_EQ(query_one(history_, "SELECT count(*) FROM run_challenges"), raised);
  EXPECT_EQ(query_one(history_, "PRAGMA integrity_check"), "ok");
  // Killed while publishing its outputs (the history being written meanwhile, uncommitted): the same.
  const BinaryOutput publishing = run("out3", "RECON_TEST_DIE_AT=published:2");
  EXPECT_EQ(publishing.signal, SIGKILL) << publishing.text;
  EXPECT_EQ(query_one(history_, "SELECT count(*) FROM runs"), runs);
  EXPECT_EQ(query_one(history_, "SELECT count(*) FROM run_challenges"), raised);
  EXPECT_EQ(query_one(history_, "PRAGMA integrity_check"), "ok");
  // A run whose input is missing fails before anything: the history is as it was.
  const std::string before = slurp(history_);
  const BinaryOutput missing = run_recon_binary("run --apc " + (dir_ / "nope.csv").string() + " --out " +
                                                (dir_ / "out4").string() + " --history " + history_.string());
  EXPECT_EQ(missing.status, 1) << missing.text;
  EXPECT_EQ(slurp(history_), before);
}

TEST_F(HistoryFile, TheImportRefusesWhatItCannotMatchAndStoresNothing) {
  ASSERT_EQ(run("out").status, 0);
  fs::path pack;
  for (const auto& e : fs::directory_iterator(dir_ / "out/packs"))
    if (e.path().extension() == ".csv") pack = e.path();
  ASSERT_FALSE(pack.empty());
  const Table original = read_table(pack);
  ASSERT_GE(original.rows.size(), 2u);
  auto import = [&](const Table& t, const std::string& name) {
    write_table(dir_ / name, t);
    return run_recon_binary("responses import " + (dir_ / name).string() + " --history " + history_.string());
  };
  const std::string pack_name = (dir_ / "bad.csv").string();

  Table bad = original;  // a value that is not an answer, on the second row (line 3)
  bad.rows[0][bad.col("RESPONSE")] = "ACCEPTED";
  bad.rows[1][bad.col("RESPONSE")] = "MAYBE";
  BinaryOutput r = import(bad, "bad.csv");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(
      r.text.find(pack_name + " line 3: RESPONSE 'MAYBE' is not ACCEPTED, DISPUTED or QUERY (or empty)"),
      std::string::npos)
      << r.text;
  EXPECT_NE(r.text.find("nothing was stored"), std::string::npos);
  EXPECT_EQ(query_one(history_, "SELECT count(*) FROM answers"), "0");
  EXPECT_EQ(query_one(history_, "SELECT count(*) FROM imports"), "0");

  bad = original;  // a fingerprint no run raised
  bad.rows[0][bad.col("RESPONSE")] = "ACCEPTED";
  bad.rows[1][bad.col("FINGERPRINT")] = std::string(32, 'a');
  r = import(bad, "bad.csv");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.text.find(pack_name + " line 3: CHALLENGE_ID " + original.at(1, "CHALLENGE_ID") +
                        " is not this FINGERPRINT in run"),
            std::string::npos)
      << r.text;
  bad.rows.erase(bad.rows.begin());  // now the first row: unknown to the history
  r = import(bad, "bad.csv");
  EXPECT_NE(r.text.find(pack_name + " line 2: FINGERPRINT unknown to history"), std::string::npos) << r.text;

  Table plain = original;  // a pack of a run without --history has no FINGERPRINT
  plain.header.erase(plain.header.begin() + plain.col("FINGERPRINT"));
  r = import(plain, "plain.csv");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.text.find("no FINGERPRINT column"), std::string::npos) << r.text;

  Table comment_only = original;  // a COMMENT alone: a warning, nothing stored for that row
  comment_only.rows[0][comment_only.col("COMMENT")] = "will check";
  comment_only.rows[1][comment_only.col("RESPONSE")] = " accepted ";
  r = import(comment_only, "ok.csv");
  EXPECT_EQ(r.status, 0) << r.text;
  EXPECT_NE(r.text.find("line 2: a COMMENT without a RESPONSE is not stored"), std::string::npos) << r.text;
  EXPECT_EQ(query_one(history_, "SELECT response FROM answers"), "ACCEPTED");
  EXPECT_EQ(query_one(history_, "SELECT count(*) FROM imports"), "1");

  EXPECT_EQ(
      run_recon_binary("responses import " + pack.string() + " --history " + (dir_ / "none.sqlite").string())
          .status,
      1);
  EXPECT_FALSE(fs::exists(dir_ / "none.sqlite")) << "an import never creates a history";
}

}  // namespace
