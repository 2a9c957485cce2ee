#include "recon/history/history_schema.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "parsers/fatal_error.hpp"
#include "recon/files/private_files.hpp"

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
  }
  return nullptr;
}

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
