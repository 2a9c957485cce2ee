#pragma once
// Many rows into one table through prepared statements of up to kRowsPerBatch VALUES tuples each: SQLite then
// runs a statement (starts it, opens the table's cursor, ends it) once per batch instead of once per row,
// which was the larger part of its own cost for a run's few hundred thousand challenges. The number of rows
// is known in advance, so the last batch is a statement of its own size and every row is bound once.
//
// A row's values are bound at row_base() + column (columns from 1). Values bound as views
// (Statement::bind_view) must stay where they are until the batch has run: the next row_done() that fills
// it, at the latest the last row's.
#include <cstddef>
#include <memory>
#include <string>

#include "recon/history/sqlite_db.hpp"

namespace recon::history {

class BatchedInsert {
 public:
  static constexpr std::size_t kRowsPerBatch = 64;

  // `into`: "INSERT INTO t(a, b)" (or INSERT OR IGNORE ...), without VALUES; `columns`: how many it names.
  BatchedInsert(Database& db, std::string into, int columns, std::size_t rows);
  ~BatchedInsert();

  // The statement the next row is bound in, at row_base() + 1 .. row_base() + columns.
  Statement& statement();
  int row_base() const { return static_cast<int>(in_batch_) * columns_; }
  // The row is bound: the batch runs when full. Throws FatalError (as Statement::run).
  void row_done();

 private:
  Database& db_;
  std::string into_;
  int columns_;
  std::size_t left_;          // rows not yet bound
  std::size_t batch_ = 0;     // rows in the current statement
  std::size_t in_batch_ = 0;  // of them bound
  std::unique_ptr<Statement> statement_;
};

}  // namespace recon::history
