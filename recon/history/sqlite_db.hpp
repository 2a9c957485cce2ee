#pragma once
// A thin RAII layer over SQLite's C API (Debian's libsqlite3) for the challenge history: a connection, a
// prepared statement, a transaction; every error is a FatalError naming the database file and saying what
// was being done (never the values bound: they may be patient data).
#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace recon::history {

class Statement;

class Database {
 public:
  // Opens an existing file (or, with `create`, a new one: the caller has created it 0600 first). Waits up to
  // `busy_ms` for another process's lock before reporting the file busy.
  Database(const std::string& path, bool create, int busy_ms);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  const std::string& path() const { return path_; }
  sqlite3* get() const { return db_; }
  void exec(const std::string& sql, std::string_view doing);  // statements without results
  std::int64_t user_version();
  std::int64_t last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }
  // Throws FatalError for `code` (an SQLite result code) unless it is SQLITE_OK.
  void check(int code, std::string_view doing) const;
  [[noreturn]] void fail(int code, std::string_view doing) const;

 private:
  std::string path_;
  sqlite3* db_ = nullptr;
};

class Statement {
 public:
  Statement(Database& db, const std::string& sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binding by position, from 1 as SQLite counts. Text is copied (SQLITE_TRANSIENT).
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, std::string_view text);
  // Text that stays where it is until the statement has run (SQLITE_STATIC: not copied; the hot loop of a
  // run's challenges binds views into the mapped challenges.csv).
  Statement& bind_view(int index, std::string_view text);
  Statement& bind(int index, const void* blob, std::size_t bytes);
  Statement& bind_null(int index);
  // Runs one step: true while a row is ready, false when done.
  bool step();
  void run();  // steps to the end (an INSERT or UPDATE), then resets for the next bindings
  void reset();

  std::int64_t integer(int column) const { return sqlite3_column_int64(stmt_, column); }
  std::string text(int column) const;
  // The text in SQLite's buffer, valid until the next step or reset: no copy for a value only parsed.
  std::string_view text_view(int column) const;
  bool is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  std::string_view blob(int column) const;

 private:
  Database& db_;
  sqlite3_stmt* stmt_ = nullptr;
  std::string what_;  // the statement's first words, for messages
};

// BEGIN IMMEDIATE (the write lock now, so two writers never deadlock halfway) or a deferred BEGIN; rolled
// back unless commit() was called.
class Transaction {
 public:
  Transaction(Database& db, bool write);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();
  void rollback();

 private:
  Database& db_;
  bool open_ = true;
};

}  // namespace recon::history
