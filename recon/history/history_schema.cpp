#include "recon/history/history_schema.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <string_view>

#include "parsers/fatal_error.hpp"
#include "recon/files/private_files.hpp"
#include "recon/writers/challenge_fingerprint.hpp"

namespace recon::history {
namespace fs = std::filesystem;

const char* migration_to(std::int64_t version) {
  switch (version) {
    case 1:
      // Runs (what went in, the options), every challenge once by its fingerprint (the facts it states),
      // and which challenges each run raised, with the status it gave them.
      return R"sql(
CREATE TABLE runs(
  run_seq INTEGER PRIMARY KEY,
  run_id TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  as_of TEXT NOT NULL,
  recon_version TEXT NOT NULL,
  out_dir TEXT NOT NULL,
  options TEXT NOT NULL,
  configuration TEXT,
  previous_run_seq INTEGER,
  challenges INTEGER NOT NULL,
  new_challenges INTEGER NOT NULL,
  repeat_challenges INTEGER NOT NULL,
  answered_challenges INTEGER NOT NULL,
  resolved_challenges INTEGER NOT NULL);
CREATE TABLE run_inputs(
  run_seq INTEGER NOT NULL,
  position INTEGER NOT NULL,
  role TEXT NOT NULL,
  path TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  xxh64 TEXT NOT NULL,
  PRIMARY KEY(run_seq, position)) WITHOUT ROWID;
CREATE TABLE challenges(
  fingerprint TEXT PRIMARY KEY,
  rule TEXT NOT NULL,
  dataset TEXT NOT NULL,
  procode3 TEXT NOT NULL,
  gpprac TEXT NOT NULL,
  record_id TEXT NOT NULL,
  nhs_number TEXT NOT NULL,
  activity_date TEXT NOT NULL,
  charged INTEGER NOT NULL,
  challenged INTEGER NOT NULL,
  first_run_seq INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE run_challenges(
  run_seq INTEGER NOT NULL,
  position INTEGER NOT NULL,
  challenge_id TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  procode3 TEXT NOT NULL,
  severity TEXT NOT NULL,
  status TEXT NOT NULL,
  PRIMARY KEY(run_seq, position)) WITHOUT ROWID;
CREATE TABLE run_resolved(
  run_seq INTEGER NOT NULL,
  fingerprint TEXT NOT NULL,
  PRIMARY KEY(run_seq, fingerprint)) WITHOUT ROWID;
CREATE TABLE run_providers(
  run_seq INTEGER NOT NULL,
  procode3 TEXT NOT NULL,
  challenges INTEGER NOT NULL,
  challenged INTEGER NOT NULL,
  PRIMARY KEY(run_seq, procode3)) WITHOUT ROWID;
)sql";
    case 2:
      // The providers' answers: the latest per challenge, and every import with what it read.
      return R"sql(
CREATE TABLE imports(
  import_seq INTEGER PRIMARY KEY,
  imported_at TEXT NOT NULL,
  file TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  xxh64 TEXT NOT NULL,
  run_seq INTEGER NOT NULL,
  rows INTEGER NOT NULL,
  answered INTEGER NOT NULL,
  changed INTEGER NOT NULL);
CREATE TABLE answers(
  fingerprint TEXT PRIMARY KEY,
  response TEXT NOT NULL,
  comment TEXT NOT NULL,
  run_seq INTEGER NOT NULL,
  import_seq INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE answer_log(
  import_seq INTEGER NOT NULL,
  fingerprint TEXT NOT NULL,
  response TEXT NOT NULL,
  comment TEXT NOT NULL,
  PRIMARY KEY(import_seq, fingerprint)) WITHOUT ROWID;
)sql";
    case 3:
      // The fingerprints as their 16 bytes (recon_fingerprint_bytes: registered by migrate) instead of 32 hex
      // digits, in every table: half the bytes written, compared and cached for each of a run's few hundred
      // thousand challenges. run_challenges loses challenge_id, which is its position: 'CH' ||
      // printf('%08d', position + 1). Each table is copied into its new shape in key order, then the old one
      // dropped.
      return R"sql(
ALTER TABLE challenges RENAME TO v2_challenges;
CREATE TABLE challenges(
  fingerprint BLOB PRIMARY KEY,
  rule TEXT NOT NULL,
  dataset TEXT NOT NULL,
  procode3 TEXT NOT NULL,
  gpprac TEXT NOT NULL,
  record_id TEXT NOT NULL,
  nhs_number TEXT NOT NULL,
  activity_date TEXT NOT NULL,
  charged INTEGER NOT NULL,
  challenged INTEGER NOT NULL,
  first_run_seq INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO challenges SELECT recon_fingerprint_bytes(fingerprint), rule, dataset, procode3, gpprac,
  record_id, nhs_number, activity_date, charged, challenged, first_run_seq FROM v2_challenges ORDER BY 1;
DROP TABLE v2_challenges;

ALTER TABLE run_challenges RENAME TO v2_run_challenges;
CREATE TABLE run_challenges(
  run_seq INTEGER NOT NULL,
  position INTEGER NOT NULL,
  fingerprint BLOB NOT NULL,
  procode3 TEXT NOT NULL,
  severity TEXT NOT NULL,
  status TEXT NOT NULL,
  PRIMARY KEY(run_seq, position)) WITHOUT ROWID;
INSERT INTO run_challenges SELECT run_seq, position, recon_fingerprint_bytes(fingerprint), procode3, severity,
  status FROM v2_run_challenges ORDER BY run_seq, position;
DROP TABLE v2_run_challenges;

ALTER TABLE run_resolved RENAME TO v2_run_resolved;
CREATE TABLE run_resolved(
  run_seq INTEGER NOT NULL,
  fingerprint BLOB NOT NULL,
  PRIMARY KEY(run_seq, fingerprint)) WITHOUT ROWID;
INSERT INTO run_resolved SELECT run_seq, recon_fingerprint_bytes(fingerprint) FROM v2_run_resolved
  ORDER BY 1, 2;
DROP TABLE v2_run_resolved;

ALTER TABLE answers RENAME TO v2_answers;
CREATE TABLE answers(
  fingerprint BLOB PRIMARY KEY,
  response TEXT NOT NULL,
  comment TEXT NOT NULL,
  run_seq INTEGER NOT NULL,
  import_seq INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO answers SELECT recon_fingerprint_bytes(fingerprint), response, comment, run_seq, import_seq
  FROM v2_answers ORDER BY 1;
DROP TABLE v2_answers;

ALTER TABLE answer_log RENAME TO v2_answer_log;
CREATE TABLE answer_log(
  import_seq INTEGER NOT NULL,
  fingerprint BLOB NOT NULL,
  response TEXT NOT NULL,
  comment TEXT NOT NULL,
  PRIMARY KEY(import_seq, fingerprint)) WITHOUT ROWID;
INSERT INTO answer_log SELECT import_seq, recon_fingerprint_bytes(fingerprint), response, comment
  FROM v2_answer_log ORDER BY 1, 2;
DROP TABLE v2_answer_log;
)sql";
  }
  return nullptr;
}

namespace {

// recon_fingerprint_bytes(text): a version 2 fingerprint (32 hex digits) as version 3 stores it (16 bytes,
// recon/writers/challenge_fingerprint.hpp); an error for anything else, which stops the upgrade (the
// transaction is rolled back, the file left at version 2).
void fingerprint_bytes_sql(sqlite3_context* context, int, sqlite3_value** args) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(args[0]));
  const std::optional<Fingerprint> f =
      text ? parse_fingerprint(std::string_view(text, static_cast<std::size_t>(sqlite3_value_bytes(args[0]))))
           : std::nullopt;
  if (!f) {
    sqlite3_result_error(context, "a fingerprint is not 32 hex digits: a damaged file", -1);
    return;
  }
  const FingerprintBytes bytes = fingerprint_bytes(*f);
  sqlite3_result_blob(context, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
}

}  // namespace

void refuse_newer(Database& db) {
  const std::int64_t version = db.user_version();
  if (version > kSchemaVersion)
    throw FatalError("history " + db.path() + ": schema version " + std::to_string(version) +
                     " is newer than this recon reads (" + std::to_string(kSchemaVersion) +
                     "): a newer recon wrote it; use that version (the file is left as it is)");
  if (version < 0)
    throw FatalError("history " + db.path() + ": schema version " + std::to_string(version) +
                     " is not a recon history's");
}

std::int64_t migrate(Database& db, std::int64_t target) {
  refuse_newer(db);
  const std::int64_t from = db.user_version();
  if (from < 3 && target >= 3)
    db.check(
        sqlite3_create_function_v2(db.get(), "recon_fingerprint_bytes", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                   nullptr, fingerprint_bytes_sql, nullptr, nullptr, nullptr),
        "preparing the upgrade of its schema");
  for (std::int64_t v = from + 1; v <= target; ++v)
    db.exec(migration_to(v), "upgrading its schema to version " + std::to_string(v));
  if (target > from) db.exec("PRAGMA user_version = " + std::to_string(target), "setting its schema version");
  return from;
}

std::unique_ptr<Database> open_existing(const fs::path& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return nullptr;
  if (!fs::is_regular_file(path, ec)) throw FatalError("history " + path.string() + ": not a regular file");
  auto db = std::make_unique<Database>(path.string(), false, kBusyWaitMs);
  refuse_newer(*db);
  return db;
}

std::unique_ptr<Database> open_or_create(const fs::path& path) {
  if (auto db = open_existing(path)) return db;
  try {
    ::close(create_private_file(path));  // 0600: it holds NHS numbers; SQLite's journal takes its mode
  } catch (const FatalError&) {
    if (!fs::exists(path)) throw;  // another run created it first: open that one
  }
  auto db = std::make_unique<Database>(path.string(), false, kBusyWaitMs);
  refuse_newer(*db);
  return db;
}

std::string check_history_path(const fs::path& path) {
  if (auto db = open_existing(path)) {
    Statement probe(*db, "SELECT count(*) FROM sqlite_schema");  // reads the header: not a database fails
    probe.step();
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && (st.st_mode & 077))
      return "history " + path.string() + " can be read by other users (it holds NHS numbers): chmod 600 it";
    return {};
  }
  const fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
  if (::access(folder.c_str(), W_OK | X_OK) != 0)
    throw FatalError("history " + path.string() + ": cannot create it in " + folder.string() + ": " +
                     std::strerror(errno));
  return {};
}

}  // namespace recon::history
