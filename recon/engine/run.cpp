#include "recon/engine/run.hpp"

#include <tbb/global_control.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <optional>

#include "parsers/fatal_error.hpp"
#include "recon/engine/activity_store.hpp"
#include "recon/engine/aggregate_stage.hpp"
#include "recon/engine/configured_rules.hpp"
#include "recon/engine/invoice_book.hpp"
#include "recon/engine/invoice_stage.hpp"
#include "recon/engine/memory_budget.hpp"
#include "recon/engine/national_tables.hpp"
#include "recon/engine/patient_ids.hpp"
#include "recon/engine/patient_stage.hpp"
#include "recon/engine/row_stage.hpp"
#include "recon/engine/rule_selection.hpp"
#include "recon/engine/table_loader.hpp"
#include "recon/files/fault_injection.hpp"
#include "recon/files/private_files.hpp"

namespace recon {
namespace {

// Wall time per stage, for the summary and for profiling.
class StageClock {
 public:
  explicit StageClock(RunResult& result) : result_(result) {}
  void end(const char* stage) {
    const auto now = std::chrono::steady_clock::now();
    result_.phases.emplace_back(stage, std::chrono::duration<double>(now - start_).count());
    start_ = now;
  }

 private:
  RunResult& result_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

// The national files given as published are converted into a private folder of the run's working
// directory, loaded with the --reference folder's tables, and the folder removed (they hold no patient data,
// but nothing of a run is left behind).
void load_reference_tables(const RunConfig& config, const EngineIo& io, LoadContext& load, Reference& ref) {
  namespace fs = std::filesystem;
  if (!gives_national_files(config.national)) {
    if (!config.reference_dir.empty()) load_reference(config.reference_dir, ref, load);
    return;
  }
  const fs::path work = io.spill_dir.empty()
                            ? fs::temp_directory_path() / ("recon-national-" + std::to_string(::getpid()))
                            : io.spill_dir / "national";
  create_private_dir(work);
  struct RemoveAfter {
    fs::path dir;
    ~RemoveAfter() {
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  } remove_after{work};
  NationalTables national = convert_national_tables(config.national, work);
  load_reference(config.reference_dir, ref, load, national.tables);
  const std::size_t skipped = national.report.skipped.size();
  if (skipped > 0 && io.on_notice)
    io.on_notice(
        "national files: " + std::to_string(skipped) + (skipped == 1 ? " row" : " rows") +
        " held nothing to read (notes, sub-headings) and were left out; `recon reference` lists each "
        "with the reason");
}

void load_tables(const RunConfig& config, LoadContext& load, Reference& ref, PracticeData& practice) {
  if (!config.register_file.empty()) load_register(config.register_file, practice, load);
  if (!config.referrals_file.empty()) load_referrals(config.referrals_file, practice, load);
  if (!config.conditions_file.empty()) load_conditions(config.conditions_file, practice, load);
  practice.sort_all();
}

std::uint64_t current_period_records(const RunResult& result) {
  std::uint64_t n = 0;  // the records the row and aggregate rules were handed
  for (const auto& [code, totals] : result.providers)
    for (std::uint64_t records : totals.records) n += records;
  return n;
}

// Every input row is accepted or rejected: a difference is a bug, never an input problem, so the run refuses
// to write a wrong answer.
void check_counts_reconcile(const RunResult& result) {
  for (const FileCounts& c : result.counts)
    if (c.rows != c.accepted + c.rejected)
      throw FatalError("internal error: rows in (" + std::to_string(c.rows) +
                       ") != accepted + rejected for " + c.path);
}

// A list that fitted in memory is sorted there; a spilled one is merged from its sorted runs while the
// writers stream it, and the run keeps only its totals.
void finish_challenge_list(std::unique_ptr<ChallengeSpool> spool, EngineRun& run) {
  spool->stop_sharing_budget();
  if (!spool->spilled()) {
    run.result.challenges = spool->take_sorted();
    run.result.challenge_totals = ChallengeTotals::of(run.result.challenges);  // once, for every writer
    run.result.challenge_runs = static_cast<std::size_t>(spool->runs_spilled());
    return;
  }
  run.merged = spool->merged();
  run.result.challenge_runs = static_cast<std::size_t>(spool->runs_spilled());
  run.spilled_list = std::move(spool);
}

}  // namespace

EngineRun run_engine(const RunConfig& config, const EngineIo& io) {
  EngineRun run;
  RunResult& result = run.result;
  StageClock clock(result);
  std::optional<tbb::global_control> limit;
  if (config.threads > 0) limit.emplace(tbb::global_control::max_allowed_parallelism, config.threads);

  std::optional<ColumnMapping> mapping;
  if (!config.column_map.empty()) mapping = ColumnMapping::load(config.column_map);
  // The practice files' pseudonym column is read as their patient id (recon/engine/patient_ids.hpp).
  if (!config.practice_pseudonym_column.empty()) {
    if (!mapping) mapping.emplace();
    for (const char* dataset : {"register", "referrals", "conditions"})
      mapping->add(dataset, config.practice_pseudonym_column, "NHSNUMBER", "--practice-pseudonym-column");
  }
  LoadContext load{mapping ? &*mapping : nullptr,
                   config.threads,
                   &result.file_paths,
                   &result.rejects,
                   &result.counts,
                   io.on_progress,
                   config.delimiter,
                   io.on_notice};
  load.practice_ids =
      config.practice_pseudonym_column.empty() ? PatientIds::kNhsNumbers : PatientIds::kPseudonyms;
  load.digest_inputs = !config.history_file.empty();
  Reference ref;
  PracticeData practice;
  load_reference_tables(config, io, load, ref);
  load_tables(config, load, ref, practice);
  // The invoice is read whole before the activity, so that the row stage keeps only the records it bills.
  std::unique_ptr<InvoiceBook> invoice;
  if (!config.invoice.empty()) {
    std::vector<InvoiceLine> lines;
    for (const std::string& path : config.invoice) load_invoice(path, lines, load);
    invoice = std::make_unique<InvoiceBook>(std::move(lines));
  }
  if (practice.has_register || practice.has_referrals || practice.has_conditions)
    practice.withhold(practice_mismatch(scan_activity_patient_ids(config, load), load.practice_ids));
  clock.end("load reference and practice data");

  result.options = config.rule_options;
  if (result.options.as_of == kNoDay) result.options.as_of = today();
  const RuleContext ctx{ref, practice, result.options, nullptr, invoice != nullptr};
  const ActiveRules rules = select_rules(ctx, config.rule_settings, config.disabled_rules, result.rules);
  result.configuration = effective_rules(config.rule_settings, result.options, config.disabled_rules);
  if (!invoice)  // as select_rules: a run without an invoice lists no invoice rule
    std::erase_if(result.configuration, [](const EffectiveRule& r) { return r.id.starts_with("INVOICE_"); });
  result.config_file = config.rule_settings.config_file;
  result.configured_on_command_line = config.rule_settings.set_on_command_line;
  const ConfiguredRules configured(config.rule_settings, ctx);

  // --memory-mb bounds what grows with the input. The practice lists, held whole, are charged to it first
  // (a referral log grows with the outpatient activity); the patient store and the challenge list share the
  // rest, and never less than a quarter of it, however large the lists: the list may hold what the store
  // leaves, up to a quarter (and at least a fixed floor), and spills sorted runs beyond that; the store
  // spills when its records and the list together pass their budget.
  result.store.practice_bytes = practice.held_bytes();
  const std::uint64_t budget = activity_budget(config.memory_budget_bytes, result.store.practice_bytes);
  result.store.budget_bytes = budget;
  auto store = std::make_unique<ActivityStore>(budget, io.spill_dir / "spill",
                                               background_spill_bytes(ActivityStore::kBackgroundSpillBytes));
  auto challenges = std::make_unique<ChallengeSpool>(
      budget, io.spill_dir / "challenges-spill", [&store] { return store->held_bytes(); },
      ChallengeSpool::kMinHeldBytes, background_spill_bytes(ChallengeSpool::kBackgroundSpillBytes));
  store->share_budget_with([&challenges] { return challenges->held_within_share(); });

  AggregateTotals current(rules.aggregate), previous(rules.aggregate);
  run_row_stage(config, configured, rules.row, load,
                {*store, *challenges, result, current, previous, invoice.get()});
  store->finish_adding();
  result.store.records = store->records();
  result.store.spilled_records = store->spilled_records();
  result.store.spills = store->spills();
  count_records_checked(result.rules, current_period_records(result), store->records(),
                        invoice ? invoice->lines().size() : 0);
  if (invoice) {  // the row rules' challenges were noted chunk by chunk; the later rules' are watched for
    invoice->freeze();
    challenges->watch([&invoice](const Challenge& c) { invoice->seen(c); });
  }
  clock.end("ingest and row rules");

  run_patient_stage(*store, rules.patient, configured, ctx, budget, *challenges);
  result.store.partitions_in_pieces = store->pieces_split();
  clock.end("patient rules");

  std::vector<Challenge> patterns = run_aggregate_stage(
      current, config.previous_apc.empty() ? nullptr : &previous, configured, ctx, result.report);
  configured.apply(patterns);
  challenges->add(patterns);
  clock.end("aggregate rules");

  if (invoice) {
    challenges->watch({});  // the activity rules are done
    std::vector<Challenge> found;
    result.invoice = run_invoice_stage(*invoice, rules.invoice, configured, result.file_paths, found);
    challenges->add(found);
    invoice.reset();
    clock.end("invoice reconciliation");
  }

  std::stable_sort(result.rejects.begin(), result.rejects.end(),
                   [](const Reject& a, const Reject& b) { return a.pos < b.pos; });
  check_counts_reconcile(result);
  store.reset();  // empty by now; the spool must not ask it for its size again
  finish_challenge_list(std::move(challenges), run);
  clock.end("sort");
  return run;
}

}  // namespace recon
