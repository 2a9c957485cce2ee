#include "recon/history/batched_insert.hpp"

#include <algorithm>
#include <utility>

namespace recon::history {

BatchedInsert::BatchedInsert(Database& db, std::string into, int columns, std::size_t rows)
    : db_(db), into_(std::move(into)), columns_(columns), left_(rows) {}

BatchedInsert::~BatchedInsert() = default;

Statement& BatchedInsert::statement() {
  if (in_batch_ == 0) {
    const std::size_t rows = std::min(left_, kRowsPerBatch);
    if (rows != batch_ || !statement_) {
      std::string sql = into_ + " VALUES";
      int parameter = 0;
      for (std::size_t r = 0; r < rows; ++r) {
        sql += r ? ",(" : "(";
        for (int c = 0; c < columns_; ++c) sql += (c ? ",?" : "?") + std::to_string(++parameter);
        sql += ')';
      }
      statement_.reset();
      statement_ = std::make_unique<Statement>(db_, sql);
      batch_ = rows;
    }
  }
  return *statement_;
}

void BatchedInsert::row_done() {
  --left_;
  if (++in_batch_ < batch_) return;
  statement_->run();
  in_batch_ = 0;
}

}  // namespace recon::history
