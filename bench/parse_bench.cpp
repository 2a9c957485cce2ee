// Parse throughput: streams one activity file through the real ingest (chunking, tokenizing, typed build,
// pricing into compact records) without rules, and prints rows/s and peak memory (ru_maxrss, so run one file
// per process). bench/run_parse_bench.sh generates the 1M-row inputs and runs CSV and NDJSON side by side.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

#include "core/reference.hpp"
#include "parsers/builders.hpp"
#include "parsers/ingest.hpp"
#include "rules/activity_record.hpp"

namespace {
using namespace recon;

struct CountingSink : RowSink {
  struct Work : ChunkWork {
    std::uint64_t ok = 0, bad = 0;
    Pence charged = 0;
    ApcRow row;
  };
  const Reference& ref;
  std::uint64_t ok = 0, bad = 0;
  Pence charged = 0;
  explicit CountingSink(const Reference& r) : ref(r) {}
  std::unique_ptr<ChunkWork> begin_chunk() override { return std::make_unique<Work>(); }
  void row(ChunkWork& w, const FieldRow& r) override {
    auto& work = static_cast<Work&>(w);
    work.row = ApcRow{};
    if (!build_apc(r, work.row).empty()) {
      ++work.bad;
      return;
    }
    work.charged += compact_apc(work.row, ref).charged;
    ++work.ok;
  }
  void malformed(ChunkWork& w, SourcePos, std::string) override { ++static_cast<Work&>(w).bad; }
  void end_chunk(std::unique_ptr<ChunkWork> w) override {
    auto& work = static_cast<Work&>(*w);
    ok += work.ok;
    bad += work.bad;
    charged += work.charged;
  }
};
}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: parse_bench APC_FILE [THREADS]\n");
    return 2;
  }
  const std::string path = argv[1];
  IngestOptions o;
  o.threads = argc > 2 ? std::atoi(argv[2]) : 0;
  Reference ref;
  CountingSink sink(ref);
  const auto t0 = std::chrono::steady_clock::now();
  IngestResult r = ingest_file({path, 0, format_from_path(path)}, apc_schema(), sink, o);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf(
      "%-8s threads=%-2d rows=%llu accepted=%llu rejected=%llu bytes=%.1fMB time=%.3fs rows/s=%.0f MB/s=%.1f "
      "peak_rss=%.1fMiB\n",
      format_from_path(path) == Format::kCsv ? "csv" : "ndjson", o.threads, (unsigned long long)r.rows,
      (unsigned long long)sink.ok, (unsigned long long)sink.bad, r.bytes / 1e6, secs, r.rows / secs,
      r.bytes / 1e6 / secs, usage.ru_maxrss / 1024.0);
  return r.rows == sink.ok + sink.bad ? 0 : 1;
}
