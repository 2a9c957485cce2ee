#pragma once
// A RowSink for the ingest tests: collects rows as "line:FIELD=value|..." (non-empty fields only) and
// malformed rows as "line:reason", in file order, checking that each row has the schema's width (the sink
// sees the contract's fields only, whatever the file or its mapping holds).
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "parsers/ingest.hpp"

namespace recon::test_support {

class Collect : public RowSink {
 public:
  explicit Collect(const Schema& s) : schema_(s) {}
  struct Work : ChunkWork {
    std::vector<std::string> rows, bad;
  };
  std::unique_ptr<ChunkWork> begin_chunk() override { return std::make_unique<Work>(); }
  void row(ChunkWork& w, const FieldRow& r) override {
    EXPECT_EQ(r.values.size(), schema_.fields.size()) << "the sink sees the contract's fields only";
    std::string s = std::to_string(r.pos.line) + ":";
    for (std::size_t i = 0; i < r.values.size(); ++i)
      if (!r.values[i].empty()) s += schema_.fields[i].name + "=" + std::string(r.values[i]) + "|";
    static_cast<Work&>(w).rows.push_back(s);
  }
  void malformed(ChunkWork& w, SourcePos pos, std::string reason) override {
    static_cast<Work&>(w).bad.push_back(std::to_string(pos.line) + ":" + reason);
  }
  void end_chunk(std::unique_ptr<ChunkWork> w) override {
    auto& work = static_cast<Work&>(*w);
    rows.insert(rows.end(), work.rows.begin(), work.rows.end());
    bad.insert(bad.end(), work.bad.begin(), work.bad.end());
  }
  std::vector<std::string> rows, bad;

 private:
  const Schema& schema_;
};

}  // namespace recon::test_support
