#include "recon/history/sqlite_db.hpp"

#include "parsers/fatal_error.hpp"

namespace recon::history {

Database::Database(const std::string& path, bool create, int busy_ms) : path_(path) {
  const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    const std::string why = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw FatalError("history " + path + ": cannot open it: " + why);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, busy_ms);
  // The rollback journal (not WAL: it works on network shares too), synchronous FULL so that a committed run
  // survives a power cut; a page cache of up to 64 MiB, so that a run's few hundred thousand challenges go in
  // without the pages of the fingerprint index being written and read back within the transaction.
  exec("PRAGMA synchronous = FULL; PRAGMA cache_size = -65536;", "setting it up");
}

Database::~Database() { sqlite3_close(db_); }

void Database::fail(int code, std::string_view doing) const {
  std::string why = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(code);
  if ((code & 0xff) == SQLITE_BUSY)
    why += " (another recon run or import held it longer than the wait allows; try again)";
  if ((code & 0xff) == SQLITE_NOTADB || (code & 0xff) == SQLITE_CORRUPT)
    why += " (not a recon history, or a damaged one)";
  throw FatalError("history " + path_ + ": " + std::string(doing) + ": " + why);
}

void Database::check(int code, std::string_view doing) const {
  if (code != SQLITE_OK && code != SQLITE_DONE && code != SQLITE_ROW) fail(code, doing);
}

void Database::exec(const std::string& sql, std::string_view doing) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
  sqlite3_free(message);
  check(rc, doing);
}

std::int64_t Database::user_version() {
  Statement s(*this, "PRAGMA user_version");
  return s.step() ? s.integer(0) : 0;
}

Statement::Statement(Database& db, const std::string& sql) : db_(db) {
  what_ = sql.substr(0, sql.find_first_of("(\n"));
  db_.check(sqlite3_prepare_v2(db.get(), sql.c_str(), static_cast<int>(sql.size()), &stmt_, nullptr),
            "preparing " + what_);
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int index, std::int64_t value) {
  db_.check(sqlite3_bind_int64(stmt_, index, value), "binding " + what_);
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  db_.check(sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8),
            "binding " + what_);
  return *this;
}

Statement& Statement::bind_view(int index, std::string_view text) {
  db_.check(sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8),
            "binding " + what_);
  return *this;
}

Statement& Statement::bind(int index, const void* blob, std::size_t bytes) {
  db_.check(sqlite3_bind_blob64(stmt_, index, blob, bytes, SQLITE_TRANSIENT), "binding " + what_);
  return *this;
}

Statement& Statement::bind_null(int index) {
  db_.check(sqlite3_bind_null(stmt_, index), "binding " + what_);
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  db_.fail(rc, what_);
}

void Statement::run() {
  while (step()) {
  }
  reset();
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string Statement::text(int column) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))) : std::string();
}

std::string_view Statement::text_view(int column) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)))
           : std::string_view();
}

std::string_view Statement::blob(int column) const {
  const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
  return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)))
           : std::string_view();
}

Transaction::Transaction(Database& db, bool write) : db_(db) {
  db_.exec(write ? "BEGIN IMMEDIATE" : "BEGIN", write ? "taking the write lock" : "starting a read");
}

Transaction::~Transaction() {
  if (open_) sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  db_.exec("COMMIT", "committing");
  open_ = false;
}

void Transaction::rollback() {
  db_.exec("ROLLBACK", "rolling back");
  open_ = false;
}

}  // namespace recon::history
