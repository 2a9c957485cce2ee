#include "recon/engine/table_loader.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>

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
  using Build = std::string (*)(const FieldRow&, T&, PatientIds);
  CollectSink(std::string dataset, Build build, PatientIds ids, std::vector<T>& out, FileCounts& counts,
              std::vector<Reject>& rejects)
      : dataset_(std::move(dataset)),
        build_(build),
        ids_(ids),
        out_(out),
        counts_(counts),
        rejects_(rejects) {}

  struct Work : CollectWork {
    std::vector<T> rows;
  };
  std::unique_ptr<ChunkWork> begin_chunk() override { return std::make_unique<Work>(); }
  void row(ChunkWork& w, const FieldRow& row) override {
    auto& work = static_cast<Work&>(w);
    T value{};
    std::string err = build_(row, value, ids_);
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
  PatientIds ids_;
  std::vector<T>& out_;
  FileCounts& counts_;
  std::vector<Reject>& rejects_;
};

// Reference tables are the price list: a row that cannot be read, a duplicate key or a negative price would
// silently change what every matching record is priced at (or turn it into a challenge), so the first such
// row stops the run, naming file, line and key. Tables are small: loaded on one thread, each row added
// straight into the Reference.
class ReferenceSink : public RowSink {
 public:
  using Add = std::string (*)(const FieldRow&, Reference&);
  ReferenceSink(std::string path, const Schema& schema, int key_field, Add add, Reference& ref,
                FileCounts& counts)
      : path_(std::move(path)),
        schema_(schema),
        key_field_(key_field),
        add_(add),
        ref_(ref),
        counts_(counts) {}
  std::unique_ptr<ChunkWork> begin_chunk() override { return std::make_unique<ChunkWork>(); }
  void row(ChunkWork&, const FieldRow& row) override {
    std::string err = add_(row, ref_);
    if (!err.empty()) return fail(row.pos, key_of(row) + err);
    ++counts_.accepted;
  }
  void malformed(ChunkWork&, SourcePos pos, std::string reason) override { fail(pos, std::move(reason)); }
  void end_chunk(std::unique_ptr<ChunkWork>) override {}

  // After ingest: the earliest bad row, as a FatalError.
  void throw_if_failed() const {
    if (first_error_)
      throw FatalError("reference table " + path_ + " line " + std::to_string(first_error_->first.line) +
                       ": " + first_error_->second +
                       " (reference tables must be exact: fix the row and run again)");
  }

 private:
  // "HRG 'EB03C': " -- a reference key is a code, never patient data.
  std::string key_of(const FieldRow& row) const {
    std::string_view key = row[key_field_];
    if (key.size() > 24) key = key.substr(0, 24);
    return schema_.fields[static_cast<std::size_t>(key_field_)].name + " '" + std::string(key) + "': ";
  }
  void fail(SourcePos pos, std::string reason) {
    if (!first_error_ || pos < first_error_->first) first_error_.emplace(pos, std::move(reason));
  }

  std::string path_;
  const Schema& schema_;
  int key_field_;
  Add add_;
  Reference& ref_;
  FileCounts& counts_;
  std::optional<std::pair<SourcePos, std::string>> first_error_;
};

IngestOptions options_for(const LoadContext& ctx, int threads, char delimiter) {
  IngestOptions o;
  o.mapping = ctx.mapping;
  o.threads = threads;
  o.delimiter = delimiter;
  o.on_progress = ctx.on_progress;
  o.on_notice = ctx.on_notice;
  o.digest = ctx.digest_inputs;
  return o;
}

template <class T>
void load_table(const std::string& path, const Schema& schema,
                std::string (*build)(const FieldRow&, T&, PatientIds), std::vector<T>& out,
                LoadContext& ctx) {
  InputFile file{path, register_file(ctx, path), format_from_path(path)};
  FileCounts& counts = ctx.counts->emplace_back(FileCounts{path, schema.dataset, 0, 0, 0, 0, {}, {}});
  CollectSink<T> sink(schema.dataset, build, ctx.practice_ids, out, counts, *ctx.rejects);
  IngestResult r = ingest_file(file, schema, sink, options_for(ctx, ctx.threads, ctx.delimiter));
  counts.rows = r.rows;
  counts.bytes = r.bytes;
  counts.ignored_columns = r.ignored_columns;
  counts.xxh64 = r.xxh64;
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

void load_invoice(const std::string& path, std::vector<InvoiceLine>& out, LoadContext& ctx) {
  load_table(path, invoice_schema(), build_invoice_line, out, ctx);
}

void load_reference(const std::string& dir, Reference& ref, LoadContext& ctx,
                    const std::vector<ReferenceTableFile>& given) {
  namespace fs = std::filesystem;
  if (!dir.empty() && !fs::is_directory(dir))
    throw FatalError("reference directory " + dir + " does not exist");
  struct Table {
    const char* name;
    const Schema& (*schema)();
    int key_field;
    ReferenceSink::Add add;
    bool Reference::*flag;
  };
  static const Table tables[] = {
      {"tariff_apc", tariff_apc_schema, tariff_apc::HRG, add_tariff_apc, &Reference::has_tariff_apc},
      {"tariff_op", tariff_op_schema, tariff_op::TRETSPEF, add_tariff_op, &Reference::has_tariff_op},
      {"tariff_ae", tariff_ae_schema, tariff_ae::HRG, add_tariff_ae, &Reference::has_tariff_ae},
      {"icd10", icd10_schema, icd10::CODE, add_icd10, &Reference::has_icd10},
      {"opcs4", opcs4_schema, opcs4::CODE, add_opcs4, &Reference::has_opcs4},
      {"cc_scores", cc_scores_schema, cc_scores::CODE, add_cc_score, &Reference::has_cc_scores},
      {"hrg_cc_bands", hrg_cc_bands_schema, hrg_cc_bands::HRG, add_hrg_cc_band, &Reference::has_hrg_cc_bands},
      {"qof_map", qof_map_schema, qof_map::CODE_PREFIX, add_qof_map, &Reference::has_qof_map},
      {"calendar", calendar_schema, calendar::ACTIVITY_MONTH, add_calendar, &Reference::has_calendar},
  };
  for (const ReferenceTableFile& g : given)
    if (std::none_of(std::begin(tables), std::end(tables), [&](const Table& t) { return g.name == t.name; }))
      throw FatalError("internal error: no reference table is called " + g.name);
  for (const Table& t : tables) {
    // A table given on its own wins over the folder's of the same name.
    std::string path, label;
    for (const ReferenceTableFile& g : given)
      if (g.name == t.name) path = g.path, label = g.label;
    for (const char* ext : {".csv", ".ndjson", ".jsonl"}) {
      if (!path.empty() || dir.empty()) break;
      fs::path p = fs::path(dir) / (std::string(t.name) + ext);
      if (fs::exists(p)) path = label = p.string();
    }
    if (path.empty()) continue;
    InputFile file{path, register_file(ctx, label), format_from_path(path)};
    FileCounts& counts = ctx.counts->emplace_back(FileCounts{label, t.name, 0, 0, 0, 0, {}, {}});
    ReferenceSink sink(label, t.schema(), t.key_field, t.add, ref, counts);
    IngestResult r = ingest_file(file, t.schema(), sink, options_for(ctx, 1, csv::kDetectDelimiter));
    sink.throw_if_failed();
    counts.rows = r.rows;
    counts.bytes = r.bytes;
    counts.ignored_columns = r.ignored_columns;
    // The checksum is of the file read; a converted national table is named after its published file, which
    // the history checksums itself.
    if (label == path) counts.xxh64 = r.xxh64;
    ref.*(t.flag) = true;
  }
  ref.index_key_lengths();
}

}  // namespace recon
