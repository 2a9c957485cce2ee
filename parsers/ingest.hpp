#pragma once
// Streaming, multithreaded ingest of one CSV or NDJSON file (oneTBB parallel_pipeline):
//   serial   read: fixed-size reads, cut at the last whole record -> a chunk (the file is never held whole)
//   parallel parse: tokenize the chunk, map columns to schema fields, hand each row to the RowSink,
//                   then finish_chunk
//   serial   end_chunk: the sink merges the chunk's results in file order (so output is deterministic)
// At most 2 x threads chunks are alive at once, which bounds memory whatever the file size.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/records.hpp"
#include "parsers/column_mapping.hpp"
#include "parsers/csv_delimiter.hpp"
#include "parsers/schema.hpp"

namespace recon {

enum class Format { kCsv, kNdjson };
// By extension: .ndjson / .jsonl / .json -> NDJSON, anything else -> CSV.
Format format_from_path(std::string_view path);

// One input row, with values by schema field id (absent columns are empty views). Views live until row()
// returns.
struct FieldRow {
  std::span<const std::string_view> values;
  SourcePos pos;
  std::string_view operator[](int field) const { return values[static_cast<std::size_t>(field)]; }
};

struct ChunkWork {
  virtual ~ChunkWork() = default;
};

class RowSink {
 public:
  virtual ~RowSink() = default;
  virtual std::unique_ptr<ChunkWork> begin_chunk() = 0;                            // parallel
  virtual void row(ChunkWork& work, const FieldRow& row) = 0;                      // parallel
  virtual void malformed(ChunkWork& work, SourcePos pos, std::string reason) = 0;  // parallel
  // After the chunk's last row, still in the parallel stage: a sink that holds rows back finishes them.
  virtual void finish_chunk(ChunkWork& work) {}
  virtual void end_chunk(std::unique_ptr<ChunkWork> work) = 0;  // serial, in file order
};

struct InputFile {
  std::string path;
  std::uint32_t index = 0;  // SourcePos::file
  Format format = Format::kCsv;
};

struct IngestOptions {
  std::size_t chunk_bytes = 4u << 20;
  std::size_t max_quoted_bytes = 1u << 20;  // longer quoted field = broken quote (see csv::find_cut)
  int threads = 0;                          // 0 = as many as the global oneTBB limit allows
  // CSV: ',', '|' or '\t', or kDetectDelimiter to detect it from the header row (csv_delimiter.hpp).
  char delimiter = csv::kDetectDelimiter;
  const ColumnMapping* mapping = nullptr;
  std::function<void(std::uint64_t bytes)> on_progress;  // called from the serial read stage
  // A line for the user, e.g. "apc.txt: pipe-delimited (detected from the header)"; called on the
  // calling thread, before any row is read. Names the file only, never its data.
  std::function<void(const std::string& line)> on_notice;
  // The file's XXH64 taken on the way, over every byte read (IngestResult::xxh64): the challenge history
  // records each input's checksum, and this spares it a second read of the file.
  bool digest = false;
};

struct IngestResult {
  std::uint64_t rows = 0;  // data records seen (header excluded, blank lines excluded)
  std::uint64_t bytes = 0;
  std::vector<std::string> ignored_columns;  // present in the file, not in the contract
  char delimiter = ',';                      // the one a CSV file was read with
  std::optional<std::uint64_t> xxh64;        // with IngestOptions::digest: the whole file's (seed 0)
};

// Throws FatalError if the file cannot be read or a required column is missing.
IngestResult ingest_file(const InputFile& file, const Schema& schema, RowSink& sink,
                         const IngestOptions& options);

}  // namespace recon
