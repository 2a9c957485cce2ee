#include "recon/table_loader.hpp"

#include <filesystem>

#include "parsers/builders.hpp"
#include "parsers/fatal_error.hpp"
#include "parsers/ingest.hpp"

namespace recon {
namespace {

struct CollectWork : ChunkWork {
  std::vector<Reject> rejects;
  std::uint64_t accepted = 0;
};

// Builds rows of type T in parallel; appends them in file order.
template <class T>
class CollectSink : public RowSink {
 public:
  using Build = std::string (*)(const FieldRow&, T&);
  CollectSink(std::string dataset, Build build, std::vector<T>& out, FileCounts& counts,
              std::vector<Reject>& rejects)
      : dataset_(std::move(dataset)), build_(build), out_(out), counts_(counts), rejects_(rejects) {}

  struct Work : CollectWork {
    std::vector<T> rows;
  };
  std::unique_ptr<ChunkWork> begin_chunk() override { return std::make_unique<Work>(); }
  void row(ChunkWork& w, const FieldRow& row) override {
    auto& work = static_cast<Work&>(w);
    T value{};
    std::string err = build_(row, value);
    if (!err.empty()) return malformed(w, row.pos, std::move(err));
    work.rows.push_back(value);
    ++work.accepted;
  }
  void malformed(ChunkWork& w, SourcePos pos, std::string reason) override {
    static_cast<Work&>(w).rejects.push_back({pos, dataset_, std::move(reason)});
  }
  void end_chunk(std::unique_ptr<ChunkWork> w) override {
    auto& work = static_cast<Work&>(*w);
    out_.insert(out_.end(), work.rows.begin(), work.rows.end());
    counts_.accepted += work.accepted;
    counts_.rejected += work.rejects.size();
    for (auto& r : work.rejects) rejects_.push_back(std::move(r));
  }

 private:
  std::string dataset_;
  Build build_;
  std::vector<T>& out_;
  FileCounts& counts_;
  std::vector<Reject>& rejects_;
};

// Reference tables are small: loaded on one thread, each row added straight into the Reference.
class ReferenceSink : public RowSink {
 public:
  using Add = std::string (*)(const FieldRow&, Reference&);
  ReferenceSink(std::string dataset, Add add, Reference& ref, FileCounts& counts,
                std::vector<Reject>& rejects)
      : dataset_(std::move(dataset)), add_(add), ref_(ref), counts_(counts), rejects_(rejects) {}
  std::unique_ptr<ChunkWork> begin_chunk() override { return std::make_unique<ChunkWork>(); }
  void row(ChunkWork& w, const FieldRow& row) override {
    std::string err = add_(row, ref_);
    if (!err.empty()) return malformed(w, row.pos, std::move(err));
    ++counts_.accepted;
  }
  void malformed(ChunkWork&, SourcePos pos, std::string reason) override {
    ++counts_.rejected;
    rejects_.push_back({pos, dataset_, std::move(reason)});
  }
  void end_chunk(std::unique_ptr<ChunkWork>) override {}

 private:
  std::string dataset_;
  Add add_;
  Reference& ref_;
  FileCounts& counts_;
  std::vector<Reject>& rejects_;
};

IngestOptions options_for(const LoadContext& ctx, int threads) {
  IngestOptions o;
  o.mapping = ctx.mapping;
  o.threads = threads;
  o.on_progress = ctx.on_progress;
  return o;
}

template <class T>
void load_table(const std::string& path, const Schema& schema, std::string (*build)(const FieldRow&, T&),
                std::vector<T>& out, LoadContext& ctx) {
  InputFile file{path, register_file(ctx, path), format_from_path(path)};
  FileCounts& counts = ctx.counts->emplace_back(FileCounts{path, schema.dataset, 0, 0, 0, 0, {}});
  CollectSink<T> sink(schema.dataset, build, out, counts, *ctx.rejects);
  IngestResult r = ingest_file(file, schema, sink, options_for(ctx, ctx.threads));
  counts.rows = r.rows;
  counts.bytes = r.bytes;
  counts.ignored_columns = r.ignored_columns;
}

}  // namespace

std::uint32_t register_file(LoadContext& ctx, const std::string& path) {
  ctx.file_paths->push_back(path);
  return static_cast<std::uint32_t>(ctx.file_paths->size() - 1);
}

void load_register(const std::string& path, PracticeData& out, LoadContext& ctx) {
  load_table(path, register_schema(), build_registration, out.registrations, ctx);
  out.has_register = true;
}
void load_referrals(const std::string& path, PracticeData& out, LoadContext& ctx) {
  load_table(path, referrals_schema(), build_referral, out.referrals, ctx);
  out.has_referrals = true;
}
void load_conditions(const std::string& path, PracticeData& out, LoadContext& ctx) {
  load_table(path, conditions_schema(), build_condition, out.conditions, ctx);
  out.has_conditions = true;
}

void load_reference(const std::string& dir, Reference& ref, LoadContext& ctx) {
  namespace fs = std::filesystem;
  if (!fs::is_directory(dir)) throw FatalError("reference directory " + dir + " does not exist");
  struct Table {
    const char* name;
    const Schema& (*schema)();
    ReferenceSink::Add add;
    bool Reference::*flag;
  };
  static const Table tables[] = {
      {"tariff_apc", tariff_apc_schema, add_tariff_apc, &Reference::has_tariff_apc},
      {"tariff_op", tariff_op_schema, add_tariff_op, &Reference::has_tariff_op},
      {"tariff_ae", tariff_ae_schema, add_tariff_ae, &Reference::has_tariff_ae},
      {"icd10", icd10_schema, add_icd10, &Reference::has_icd10},
      {"opcs4", opcs4_schema, add_opcs4, &Reference::has_opcs4},
      {"cc_scores", cc_scores_schema, add_cc_score, &Reference::has_cc_scores},
      {"hrg_cc_bands", hrg_cc_bands_schema, add_hrg_cc_band, &Reference::has_hrg_cc_bands},
      {"qof_map", qof_map_schema, add_qof_map, &Reference::has_qof_map},
      {"calendar", calendar_schema, add_calendar, &Reference::has_calendar},
  };
  for (const Table& t : tables) {
    std::string path;
    for (const char* ext : {".csv", ".ndjson", ".jsonl"}) {
      fs::path p = fs::path(dir) / (std::string(t.name) + ext);
      if (fs::exists(p)) {
        path = p.string();
        break;
      }
    }
    if (path.empty()) continue;
    InputFile file{path, register_file(ctx, path), format_from_path(path)};
    FileCounts& counts = ctx.counts->emplace_back(FileCounts{path, t.name, 0, 0, 0, 0, {}});
    ReferenceSink sink(t.name, t.add, ref, counts, *ctx.rejects);
    IngestResult r = ingest_file(file, t.schema(), sink, options_for(ctx, 1));
    counts.rows = r.rows;
    counts.bytes = r.bytes;
    counts.ignored_columns = r.ignored_columns;
    ref.*(t.flag) = true;
  }
  ref.index_key_lengths();
}

}  // namespace recon
