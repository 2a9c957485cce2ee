#pragma once
// The ingest-level property for the CSV and NDJSON fuzz targets: every record is accepted or rejected
// (rows in = accepted + rejected), and the same records, at the same lines, whatever the chunk size.
#include <cstdint>
#include <string>
#include <vector>

#include "parsers/fatal_error.hpp"
#include "parsers/ingest.hpp"
#include "tests/fuzz/fuzz_files.hpp"

namespace recon::fuzz {

class LineSink : public RowSink {
 public:
  struct Work : ChunkWork {
    std::vector<std::int64_t> lines;  // +line accepted, -line rejected
  };
  std::unique_ptr<ChunkWork> begin_chunk() override { return std::make_unique<Work>(); }
  void row(ChunkWork& w, const FieldRow& r) override {
    static_cast<Work&>(w).lines.push_back(static_cast<std::int64_t>(r.pos.line));
  }
  void malformed(ChunkWork& w, SourcePos pos, std::string) override {
    static_cast<Work&>(w).lines.push_back(-static_cast<std::int64_t>(pos.line));
  }
  void end_chunk(std::unique_ptr<ChunkWork> w) override {
    auto& lines = static_cast<Work&>(*w).lines;
    seen.insert(seen.end(), lines.begin(), lines.end());
  }
  std::vector<std::int64_t> seen;
};

// Ingests `bytes` as `file_name` with a tiny chunk and a large one; a fatal error (e.g. a missing required
// column) is a legitimate answer but must not depend on the chunk size either.
inline void check_ingest(const std::string& file_name, const std::string& bytes, const Schema& schema,
                         std::size_t tiny_chunk, std::size_t max_quoted) {
  const std::string path = write_scratch(file_name, bytes);
  std::vector<std::int64_t> results[2];
  std::string errors[2];
  std::uint64_t rows[2] = {0, 0};
  const std::size_t chunks[2] = {tiny_chunk, std::size_t{1} << 20};
  for (int i = 0; i < 2; ++i) {
    LineSink sink;
    IngestOptions options;
    options.chunk_bytes = chunks[i];
    options.max_quoted_bytes = max_quoted;
    options.threads = 1;
    try {
      rows[i] = ingest_file({path, 0, format_from_path(path)}, schema, sink, options).rows;
    } catch (const FatalError& e) {
      errors[i] = e.what();
    }
    if (errors[i].empty() && rows[i] != sink.seen.size()) property_broken("rows in != accepted + rejected");
    results[i] = std::move(sink.seen);
  }
  if (errors[0] != errors[1]) property_broken("a fatal error depends on the chunk size");
  if (results[0] != results[1]) property_broken("records depend on the chunk size");
}

}  // namespace recon::fuzz
