#include "recon/engine/run.hpp"

#include <sys/resource.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_sort.h>
#include <tbb/task_arena.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>

#include "parsers/fatal_error.hpp"
#include "parsers/ingest.hpp"
#include "recon/engine/row_stage.hpp"
#include "recon/engine/challenge_spool.hpp"
#include "recon/writers/output_writers.hpp"
#include "recon/cli/progress_bar.hpp"
#include "recon/writers/run_id.hpp"
#include "recon/writers/run_summaries.hpp"
#include "recon/engine/table_loader.hpp"
#include "rules/registry.hpp"

namespace recon {
namespace fs = std::filesystem;

std::uint64_t RunResult::rows_in() const {
  std::uint64_t n = 0;
  for (const auto& c : counts) n += c.rows;
  return n;
}
std::uint64_t RunResult::accepted() const {
  std::uint64_t n = 0;
  for (const auto& c : counts) n += c.accepted;
  return n;
}
ChallengeTotals RunResult::totals() const {
  return challenge_totals ? *challenge_totals : ChallengeTotals::of(challenges);
}
std::uint64_t RunResult::rejected() const {
  std::uint64_t n = 0;
  for (const auto& c : counts) n += c.rejected;
  return n;
}

namespace {

std::vector<std::string> all_input_paths(const RunConfig& c) {
  std::vector<std::string> paths;
  for (const auto* list : {&c.apc, &c.op, &c.ae, &c.previous_apc})
    paths.insert(paths.end(), list->begin(), list->end());
  for (const std::string* p : {&c.register_file, &c.referrals_file, &c.conditions_file, &c.column_map})
    if (!p->empty()) paths.push_back(*p);
  return paths;
}

// Fail before any work is done if an input is missing, so a long run never dies half-way on a typo.
void check_inputs(const RunConfig& c) {
  if (c.out_dir.empty()) throw FatalError("no output directory: use --out DIR");
  if (c.apc.empty() && c.op.empty() && c.ae.empty())
    throw FatalError("no activity file given: use --apc, --op and/or --ae");
  for (const std::string& p : all_input_paths(c)) {
    std::error_code ec;
    if (!fs::is_regular_file(p, ec)) throw FatalError("input file " + p + " does not exist or is not a file");
  }
  if (!c.reference_dir.empty() && !fs::is_directory(c.reference_dir))
    throw FatalError("reference directory " + c.reference_dir + " does not exist");
  for (const std::string& id : c.disabled_rules)
    if (!RuleRegistry::instance().find(id))
      throw FatalError("--disable: there is no rule " + id + " (see recon rules)");
  // --out itself is checked (created, and proved writable) by the OutputSet made right after this.
}

std::uint64_t total_bytes(const RunConfig& c) {
  std::uint64_t n = 0;
  for (const std::string& p : all_input_paths(c)) {
    std::error_code ec;
    n += fs::file_size(p, ec);
  }
  return n;
}

// A partition's rows in activity_order. Comparison-sorting tens of thousands of records per partition was
// most of the patient phase; but the rules only need each patient's history in order (the order of patients
// does not show: challenges are sorted at the end). So: a stable LSD radix sort of (NHS number, index) keys
// groups the patients (three passes of 12 bits cover the 34 bits of a 10-digit number; a run of equal
// numbers keeps input order), then each patient's few records are sorted with activity_order itself, and
// the rows are gathered once.
std::vector<Activity> sorted_by_activity_order(const std::vector<Activity>& rows) {
  struct Key {
    NhsNumber nhs;
    std::uint32_t index;
  };
  const std::size_t n = rows.size();
  std::vector<Key> keys(n), scratch(n);
  for (std::size_t i = 0; i < n; ++i) keys[i] = {rows[i].nhs, static_cast<std::uint32_t>(i)};
  constexpr int kBits = 12;
  constexpr std::size_t kBuckets = std::size_t{1} << kBits;
  for (int shift = 0; shift < 36; shift += kBits) {
    std::vector<std::uint32_t> start(kBuckets + 1, 0);
    for (const Key& k : keys) ++start[((k.nhs >> shift) & (kBuckets - 1)) + 1];
    if (std::any_of(start.begin(), start.end(), [&](std::uint32_t c) { return c == n; }))
      continue;  // one digit
    for (std::size_t b = 1; b <= kBuckets; ++b) start[b] += start[b - 1];
    for (const Key& k : keys) scratch[start[(k.nhs >> shift) & (kBuckets - 1)]++] = k;
    keys.swap(scratch);
  }
  for (std::size_t b = 0; b < n;) {
    std::size_t e = b + 1;
    while (e < n && keys[e].nhs == keys[b].nhs) ++e;
    if (e - b > 1)
      std::sort(keys.begin() + static_cast<std::ptrdiff_t>(b), keys.begin() + static_cast<std::ptrdiff_t>(e),
                [&](const Key& x, const Key& y) { return activity_order(rows[x.index], rows[y.index]); });
    b = e;
  }
  std::vector<Activity> sorted;
  sorted.reserve(n);
  for (const Key& k : keys) sorted.push_back(rows[k.index]);
  return sorted;
}

// Partitions are loaded (from memory or their spill file), sorted and scanned one per task, so at most
// `threads` partitions are expanded at once; each partition's challenges go to the spool as it finishes.
// A spilled partition larger than its share of --memory-mb is handed over in pieces (each patient whole in
// one), so what the patient stage holds is bounded by the budget, not by the input's size. The share: a
// quarter of the budget split between the threads (a piece is held about 2.5 times over while it is
// sorted), and never under 256 KiB, below which pieces would only cost file operations.
void run_patient_rules(ActivityStore& store, const std::vector<const PatientRule*>& rules,
                       const RuleContext& ctx, std::uint64_t memory_budget, ChallengeSpool& out) {
  const auto threads = static_cast<std::uint64_t>(std::max(1, tbb::this_task_arena::max_concurrency()));
  const std::uint64_t max_piece = std::max<std::uint64_t>(memory_budget / (4 * threads), 256u << 10);
  tbb::parallel_for(std::size_t{0}, ActivityStore::kPartitions, [&](std::size_t i) {
    store.take_in_pieces(i, max_piece, [&](ActivityPartition& part) {
      std::vector<Challenge> found;
      part.rows = sorted_by_activity_order(part.rows);
      RuleContext local = ctx;
      local.ids = &part.ids;
      for (std::size_t b = 0; b < part.rows.size();) {
        std::size_t e = b + 1;
        while (e < part.rows.size() && part.rows[e].nhs == part.rows[b].nhs) ++e;
        std::span<const Activity> history(part.rows.data() + b, e - b);
        for (const PatientRule* rule : rules) rule->check_patient(history, local, found);
        b = e;
      }
      out.add(found);
    });
  });
}

}  // namespace

RunResult run_recon(const RunConfig& config) {
  const auto t0 = std::chrono::steady_clock::now();
  auto phase_start = t0;
  RunResult result;
  auto end_phase = [&](const char* name) {  // wall time per phase, for the summary and for profiling
    const auto now = std::chrono::steady_clock::now();
    result.phases.emplace_back(name, std::chrono::duration<double>(now - phase_start).count());
    phase_start = now;
  };
  check_inputs(config);
  OutputSet outputs(config.out_dir, output_file_names());  // before any input is read: fails if unwritable
  std::optional<tbb::global_control> limit;
  if (config.threads > 0) limit.emplace(tbb::global_control::max_allowed_parallelism, config.threads);

  ProgressBar progress(total_bytes(config), config.progress);
  std::optional<ColumnMapping> mapping;
  if (!config.column_map.empty()) mapping = ColumnMapping::load(config.column_map);
  LoadContext load{mapping ? &*mapping : nullptr,
                   config.threads,
                   &result.file_paths,
                   &result.rejects,
                   &result.counts,
                   [&](std::uint64_t n) { progress.add(n); }};

  Reference ref;
  if (!config.reference_dir.empty()) load_reference(config.reference_dir, ref, load);
  PracticeData practice;
  if (!config.register_file.empty()) load_register(config.register_file, practice, load);
  if (!config.referrals_file.empty()) load_referrals(config.referrals_file, practice, load);
  if (!config.conditions_file.empty()) load_conditions(config.conditions_file, practice, load);
  practice.sort_all();
  end_phase("load reference and practice data");

  RuleOptions options = config.rule_options;
  if (options.as_of == kNoDay) options.as_of = today();
  // Spill files live in the run's private staging directory: one place to clean up, whatever happens.
  ActivityStore store(config.memory_budget_bytes, outputs.staged("spill"));
  // The challenge list shares --memory-mb with the store: it may hold what the store leaves, up to a quarter
  // of it (and at least a fixed floor), and spills sorted runs into the staging directory beyond that; the
  // store spills when its records and the list together pass the budget.
  ChallengeSpool challenges(config.memory_budget_bytes, outputs.staged("challenges-spill"),
                            [&store] { return store.held_bytes(); });
  store.share_budget_with([&challenges] { return challenges.held_within_share(); });
  const RuleContext ctx{ref, practice, options, nullptr};

  std::vector<const RowRule*> row_rules;
  std::vector<const PatientRule*> patient_rules;
  std::vector<const AggregateRule*> aggregate_rules;
  for (const Rule* rule : RuleRegistry::instance().all()) {
    RuleStatus status{std::string(rule->info().id), false, {}, 0, {}};
    if (std::find(config.disabled_rules.begin(), config.disabled_rules.end(), status.id) !=
        config.disabled_rules.end()) {
      status.why_not = "disabled with --disable";
    } else if (rule->can_run(ctx, status.why_not)) {
      status.ran = true;
      if (auto* r = dynamic_cast<const RowRule*>(rule)) row_rules.push_back(r);
      if (auto* r = dynamic_cast<const PatientRule*>(rule)) patient_rules.push_back(r);
      if (auto* r = dynamic_cast<const AggregateRule*>(rule)) aggregate_rules.push_back(r);
    }
    result.rules.push_back(std::move(status));
  }

  AggregateTotals current(aggregate_rules), previous(aggregate_rules);
  struct ActivityInput {
    Dataset dataset;
    const std::vector<std::string>* paths;
    bool previous_period;
  };
  const ActivityInput activity_files[] = {{Dataset::kApc, &config.previous_apc, true},
                                          {Dataset::kApc, &config.apc, false},
                                          {Dataset::kOp, &config.op, false},
                                          {Dataset::kAe, &config.ae, false}};
  for (const ActivityInput& input : activity_files) {
    const Schema& schema = input.dataset == Dataset::kApc  ? apc_schema()
                           : input.dataset == Dataset::kOp ? op_schema()
                                                           : ae_schema();
    for (const std::string& path : *input.paths) {
      InputFile file{path, register_file(load, path), format_from_path(path)};
      FileCounts counts{path, input.previous_period ? "apc_previous" : schema.dataset, 0, 0, 0, 0, {}};
      ActivitySink sink(input.dataset, ctx, row_rules, store, challenges, result.rejects, counts,
                        result.providers, input.previous_period ? previous : current, result.data_quality,
                        input.previous_period);
      IngestOptions io;
      io.mapping = load.mapping;
      io.threads = config.threads;
      io.chunk_bytes = config.chunk_bytes;
      io.on_progress = load.on_progress;
      IngestResult r = ingest_file(file, schema, sink, io);
      counts.rows = r.rows;
      counts.bytes = r.bytes;
      counts.ignored_columns = r.ignored_columns;
      if (!input.previous_period) result.activity_rows += r.rows;
      result.counts.push_back(std::move(counts));
    }
  }
  progress.finish();
  result.store = {store.records(), store.spilled_records(), store.spills()};
  std::uint64_t accepted_activity = 0;  // current period: the records the row and aggregate rules were handed
  for (const auto& [code, totals] : result.providers)
    for (std::uint64_t n : totals.records) accepted_activity += n;
  count_records_checked(result.rules, accepted_activity, store.records());
  end_phase("ingest and row rules");

  run_patient_rules(store, patient_rules, ctx, config.memory_budget_bytes, challenges);
  result.store.partitions_in_pieces = store.pieces_split();
  end_phase("patient rules");
  std::vector<Challenge> patterns;
  for (std::size_t i = 0; i < aggregate_rules.size(); ++i)
    aggregate_rules[i]->finish(*current.states[i],
                               config.previous_apc.empty() ? nullptr : previous.states[i].get(), ctx,
                               patterns, result.report);
  challenges.add(patterns);
  end_phase("aggregate rules");
  std::stable_sort(result.rejects.begin(), result.rejects.end(),
                   [](const Reject& a, const Reject& b) { return a.pos < b.pos; });

  for (const FileCounts& c : result.counts)
    if (c.rows != c.accepted + c.rejected)  // a bug, never an input problem: refuse to write a wrong answer
      throw FatalError("internal error: rows in (" + std::to_string(c.rows) +
                       ") != accepted + rejected for " + c.path);
  // A list that fitted in memory is sorted there; a spilled one is merged from its sorted runs while the
  // writers stream it, and the run keeps only its totals.
  std::unique_ptr<ChallengeSource> merged;
  if (!challenges.spilled()) {
    result.challenges = challenges.take_sorted();
    result.challenge_totals = ChallengeTotals::of(result.challenges);  // once, for every writer
  } else {
    merged = challenges.merged();
  }
  result.challenge_runs = static_cast<std::size_t>(challenges.runs_spilled());
  result.run_key = run_key_of(result, config, options);
  end_phase("sort");
  if (merged)
    write_outputs(result, *merged, outputs);
  else
    write_outputs(result, outputs);
  end_phase("write outputs");
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return result;
}

std::string format_run_summary(const RunResult& r, const RunConfig& config) {
  std::string s;
  char buf[512];
  std::snprintf(buf, sizeof buf, "recon: %zu input files, %llu rows in = %llu accepted + %llu rejected\n",
                r.counts.size(), static_cast<unsigned long long>(r.rows_in()),
                static_cast<unsigned long long>(r.accepted()), static_cast<unsigned long long>(r.rejected()));
  s += buf;
  for (const FileCounts& c : r.counts) {
    std::snprintf(buf, sizeof buf, "  %-12s %10llu rows %10llu accepted %8llu rejected  %s\n",
                  c.dataset.c_str(), static_cast<unsigned long long>(c.rows),
                  static_cast<unsigned long long>(c.accepted), static_cast<unsigned long long>(c.rejected),
                  c.path.c_str());
    s += buf;
    if (!c.ignored_columns.empty()) {
      std::string cols;
      for (const auto& col : c.ignored_columns) cols += (cols.empty() ? "" : ", ") + col;
      s += "               ignored columns not in the contract: " + cols + "\n";
    }
  }
  std::map<std::string, std::pair<std::uint64_t, Pence>> by_rule;
  Pence charged = 0, at_risk = 0;
  for (const auto& [code, p] : r.providers) charged = add_money(charged, p.charged);
  const ChallengeTotals totals = r.totals();
  for (const auto& [rule, sum] : totals.rules) by_rule[rule] = {sum.challenges, sum.at_risk};
  std::snprintf(buf, sizeof buf, "challenges: %llu (charged in total %s)\n",
                static_cast<unsigned long long>(totals.count), format_money(charged).c_str());
  s += buf;
  for (const RuleStatus& st : r.rules) {
    if (!st.ran) {
      s += "  " + st.id + ": not run (" + st.why_not + ")\n";
      continue;
    }
    if (const std::string note = no_records_note(st); !note.empty()) {
      s += "  " + st.id + ": " + note + ", so nothing was checked\n";
      continue;
    }
    auto [n, risk] = by_rule[st.id];
    at_risk = add_money(at_risk, risk);
    std::snprintf(buf, sizeof buf, "  %-16s %8llu challenges  %14s at risk\n", st.id.c_str(),
                  static_cast<unsigned long long>(n), format_money(risk).c_str());
    s += buf;
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::snprintf(buf, sizeof buf,
                "outputs in %s (challenges.csv, challenges.json, summary_by_provider.csv, "
                "summary_by_rule.csv, rejects.csv, run_summary.json, data_quality.csv, report.html)\n",
                config.out_dir.c_str());
  s += buf;
  std::snprintf(buf, sizeof buf, "time %.2f s, %.0f activity rows/s, peak memory %.1f MiB\n", r.seconds,
                r.seconds > 0 ? static_cast<double>(r.activity_rows) / r.seconds : 0.0,
                usage.ru_maxrss / 1024.0);
  s += buf;
  std::snprintf(buf, sizeof buf,
                "patient store: %llu records, %llu of them spilled to disk (%d spills, %d partitions read "
                "back in pieces; --memory-mb)\n",
                static_cast<unsigned long long>(r.store.records),
                static_cast<unsigned long long>(r.store.spilled_records), r.store.spills,
                r.store.partitions_in_pieces);
  s += buf;
  if (r.challenge_runs) {
    std::snprintf(buf, sizeof buf,
                  "challenge list: spilled to disk in %zu sorted runs and merged (--memory-mb)\n",
                  r.challenge_runs);
    s += buf;
  }
  s += "phases:";
  for (const auto& [name, secs] : r.phases) {
    std::snprintf(buf, sizeof buf, " %s %.2f s;", name.c_str(), secs);
    s += buf;
  }
  s += "\n";
  return s;
}

}  // namespace recon
