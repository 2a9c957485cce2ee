#include "recon/engine/row_stage.hpp"

#include <array>
#include <optional>
#include <type_traits>
#include <utility>

#include "core/pricing.hpp"
#include "parsers/builders.hpp"
#include "parsers/derived_columns.hpp"
#include "parsers/layouts.hpp"
#include "recon/engine/measures/catalogue.hpp"
#include "recon/engine/patient_ids.hpp"
#include "rules/activity_record.hpp"

namespace recon {
namespace {

// Rows wait in a short queue between being built and being checked, so that the practice-list look-ups
// the row rules will make for a row can be prefetched while earlier rows are checked: at ten million rows
// the register, referral and condition lists are far larger than the caches, and without the look-ahead
// nearly every row waits on memory several times. Rows leave the queue in file order.
constexpr std::size_t kLookahead = 16;
constexpr std::size_t kRowsStage = kLookahead / 2;  // distance at which a row's list rows are prefetched
constexpr int kPatientIdField = apc::NHSNUMBER;
static_assert(op::NHSNUMBER == kPatientIdField && ae::NHSNUMBER == kPatientIdField);

struct ActivityWork : ChunkWork {
  std::vector<Activity> activities;  // for the patient store: sorted by its partition in finish_chunk
  std::string ids;  // the chunk's record ids back to back; Activity::id indexes it until end_chunk
  ActivityStore::PartitionStarts partition_starts{};
  std::vector<Challenge> challenges;
  std::vector<Reject> rejects;
  std::uint64_t accepted = 0;
  std::map<Code, ProviderTotals> providers;
  Code last_provider;  // rows come in runs of one provider: skip the map look-up
  ProviderTotals* last_totals = nullptr;
  std::vector<std::unique_ptr<AggregateState>> aggregates;
  std::vector<std::unique_ptr<MeasureState>> measures;  // none for a previous period's file
  // The look-ahead queue (a ring): typed rows are large, so they are built in place and reused.
  std::array<ApcRow, kLookahead> apc;
  std::array<OpRow, kLookahead> op;
  std::array<AeRow, kLookahead> ae;
  std::array<Activity, kLookahead> compact;
  std::array<std::string, kLookahead> id;  // the row's id, copied: the parser's views die with the row
  std::size_t head = 0, queued = 0;
  std::vector<HeldEpisode> held;         // APC episodes waiting for the rest of their spell (spell_stage.hpp)
  std::vector<BilledActivity> invoiced;  // --invoice: records some invoice line may bill
};

}  // namespace

std::unique_ptr<ChunkWork> RowStage::begin_chunk() {
  auto work = std::make_unique<ActivityWork>();
  for (const AggregateRule* rule : aggregates_.rules) work->aggregates.push_back(rule->new_state());
  if (!previous_period_)
    for (const Measure* measure : measures_.measures) work->measures.push_back(measure->new_state());
  return work;
}

void RowStage::row(ChunkWork& w, const FieldRow& row) {
  auto& work = static_cast<ActivityWork&>(w);
  if (work.queued == kLookahead) check_oldest(work);
  const std::size_t slot = (work.head + work.queued) % kLookahead;
  std::string err;
  Activity& a = work.compact[slot];
  std::string& id = work.id[slot];
  // Builds the typed row in its queue slot and compacts it; the id is copied, because the parser's views
  // die when this call returns.
  auto build_queued = [&](auto& typed, auto build, auto compact) {
    typed = std::remove_reference_t<decltype(typed)>{};
    err = build(row, typed);
    if (!err.empty()) return;
    if (pseudonyms_) read_patient_id_as_pseudonym(row[kPatientIdField], typed.patient);
    a = compact(typed, ctx_.ref);
    id.assign(typed.id);
    typed.id = id;
  };
  switch (dataset_) {
    case Dataset::kApc:
      build_queued(work.apc[slot], build_apc, compact_apc);
      break;
    case Dataset::kOp:
      build_queued(work.op[slot], build_op, compact_op);
      break;
    case Dataset::kAe:
      build_queued(work.ae[slot], build_ae, compact_ae);
      break;
  }
  if (!err.empty()) return malformed(w, row.pos, std::move(err));
  if (spells_ && dataset_ == Dataset::kApc && SpellAssembler::must_wait(work.apc[slot]))
    return work.held.push_back(spells_->hold(row, work.apc[slot]));
  ++work.queued;
  if (previous_period_) return;
  const bool referrals = dataset_ != Dataset::kAe, conditions = dataset_ == Dataset::kApc;
  if (a.nhs_valid) ctx_.practice.prefetch_index(a.nhs, referrals, conditions);
  if (work.queued > kRowsStage) {
    const Activity& ahead = work.compact[(work.head + work.queued - 1 - kRowsStage) % kLookahead];
    if (ahead.nhs_valid) ctx_.practice.prefetch_rows(ahead.nhs, referrals, conditions);
  }
}

void RowStage::finish_chunk(ChunkWork& w) {
  auto& work = static_cast<ActivityWork&>(w);
  while (work.queued) check_oldest(work);
  // Here, in parallel, rather than record by record in end_chunk's serial stage (0.7-0.9 s of a 10M run).
  ActivityStore::sort_by_partition(work.activities, work.ids, work.partition_starts);
}

void RowStage::check_oldest(ChunkWork& w) const {
  auto& work = static_cast<ActivityWork&>(w);
  const std::size_t slot = work.head;
  work.head = (work.head + 1) % kLookahead;
  --work.queued;
  const Activity& a = work.compact[slot];
  const ApcRow* apc = dataset_ == Dataset::kApc ? &work.apc[slot] : nullptr;
  ++work.accepted;
  for (std::size_t i = 0; i < aggregates_.rules.size(); ++i)
    aggregates_.rules[i]->add(*work.aggregates[i], a, apc);
  if (previous_period_) return;
  const std::vector<const Measure*>& measures = measures_.measures;
  const RuleContext& ctx = configured_.context_for(a.procode);  // the provider's own option values, if any
  switch (dataset_) {
    case Dataset::kApc:
      for (const RowRule* rule : rules_) rule->check_apc(work.apc[slot], a, ctx, work.challenges);
      for (std::size_t i = 0; i < measures.size(); ++i)
        measures[i]->add(*work.measures[i], work.apc[slot], ctx_);
      break;
    case Dataset::kOp:
      for (const RowRule* rule : rules_) rule->check_op(work.op[slot], a, ctx, work.challenges);
      for (std::size_t i = 0; i < measures.size(); ++i)
        measures[i]->add(*work.measures[i], work.op[slot], ctx_);
      break;
    case Dataset::kAe:
      for (const RowRule* rule : rules_) rule->check_ae(work.ae[slot], a, ctx, work.challenges);
      for (std::size_t i = 0; i < measures.size(); ++i)
        measures[i]->add(*work.measures[i], work.ae[slot], ctx_);
      break;
  }
  if (!work.last_totals || work.last_provider != a.procode) {
    work.last_provider = a.procode;
    work.last_totals = &work.providers[a.procode];
  }
  if (targets_.invoice && targets_.invoice->may_bill(a, work.id[slot]))
    work.invoiced.push_back({a, work.id[slot]});
  ++work.last_totals->records[static_cast<int>(dataset_)];
  work.last_totals->charged = add_money(work.last_totals->charged, a.charged);
  // Only records with a valid NHS number can be matched across records; the rest were challenged above.
  if (a.nhs_valid) {
    // Copied, then its id set in place: a copy made on the stack and changed there was read back in 16-byte
    // loads over the 8-byte store of the id, which the CPU cannot forward (a stall for every record).
    const std::string& id = work.id[slot];
    work.activities.push_back(a);
    work.activities.back().id =
        StrRef{static_cast<std::uint32_t>(work.ids.size()), static_cast<std::uint32_t>(id.size())};
    work.ids.append(id);
  }
}

void RowStage::malformed(ChunkWork& w, SourcePos pos, std::string reason) {
  static_cast<ActivityWork&>(w).rejects.push_back(
      {pos, std::string(dataset_name(dataset_)), std::move(reason)});
}

void RowStage::end_chunk(std::unique_ptr<ChunkWork> w) {
  auto& work = static_cast<ActivityWork&>(*w);
  if (spells_) spells_->add(work.held);
  targets_.store.add_sorted(work.activities, work.ids, work.partition_starts);
  counts_.accepted += work.accepted;
  for (std::size_t i = 0; i < aggregates_.rules.size(); ++i)
    aggregates_.rules[i]->merge(*aggregates_.states[i], *work.aggregates[i]);
  for (const auto& [code, t] : work.providers) {
    ProviderTotals& total = targets_.result.providers[code];
    for (int d = 0; d < 3; ++d) total.records[d] += t.records[d];
    total.charged = add_money(total.charged, t.charged);
  }
  for (std::size_t i = 0; i < work.measures.size(); ++i)
    measures_.measures[i]->merge(*measures_.states[i], *work.measures[i]);
  counts_.rejected += work.rejects.size();
  configured_.apply(work.challenges);
  if (targets_.invoice) targets_.invoice->keep_chunk(work.invoiced, work.challenges);
  targets_.challenges.add(work.challenges);
  for (auto& r : work.rejects) targets_.result.rejects.push_back(std::move(r));
}

void RowStage::check_spells(SpellAssembler& spells, std::vector<OpenSpell>& open, SpellCounts& counts) {
  spells_ = nullptr;  // a merged spell is checked, never held again
  constexpr std::size_t kSpellsPerChunk = 1 << 16;
  std::unique_ptr<ChunkWork> chunk = begin_chunk();
  std::size_t in_chunk = 0;
  const std::size_t open_before = open.size();
  spells.finish(
      [&](const FieldRow& merged, std::span<const HeldEpisode> episodes) {
        auto& work = static_cast<ActivityWork&>(*chunk);
        const std::size_t rejects = work.rejects.size();
        row(work, merged);
        if (work.rejects.size() == rejects) {
          counts_.accepted += episodes.size() - 1;  // the merged row is counted once it is checked
        } else {
          const std::string why = "an episode of the spell whose first episode (line " +
                                  std::to_string(merged.pos.line) +
                                  ") could not be read: " + work.rejects.back().reason;
          for (const HeldEpisode& e : episodes.subspan(1))
            work.rejects.push_back({e.pos, std::string(dataset_name(dataset_)), why});
        }
        if (++in_chunk == kSpellsPerChunk) {
          finish_chunk(*chunk);
          end_chunk(std::exchange(chunk, begin_chunk()));
          in_chunk = 0;
        }
      },
      open, counts);
  finish_chunk(*chunk);
  end_chunk(std::move(chunk));
  // An open spell is not billable yet: its episodes are accepted rows, listed, and not checked.
  for (std::size_t i = open_before; i < open.size(); ++i) counts_.accepted += open[i].episodes;
}

namespace {

const Schema& schema_of(Dataset dataset) {
  switch (dataset) {
    case Dataset::kApc:
      return apc_schema();
    case Dataset::kOp:
      return op_schema();
    case Dataset::kAe:
      break;
  }
  return ae_schema();
}

}  // namespace

void run_row_stage(const RunConfig& config, const ConfiguredRules& configured,
                   const std::vector<const RowRule*>& rules, LoadContext& load, RowStageTargets targets) {
  struct ActivityInput {
    Dataset dataset;
    const std::vector<std::string>* paths;
    bool previous_period;
  };
  const ActivityInput activity_files[] = {{Dataset::kApc, &config.previous_apc, true},
                                          {Dataset::kApc, &config.apc, false},
                                          {Dataset::kOp, &config.op, false},
                                          {Dataset::kAe, &config.ae, false}};
  IngestOptions io;
  io.mapping = load.mapping;
  io.threads = config.threads;
  io.chunk_bytes = config.chunk_bytes;
  io.delimiter = config.delimiter;
  io.on_progress = load.on_progress;
  io.on_notice = load.on_notice;
  io.digest = load.digest_inputs;
  RunResult& result = targets.result;
  MeasureTotals measures(row_measures());
  for (const ActivityInput& input : activity_files) {
    const Schema& schema = schema_of(input.dataset);
    for (const std::string& path : *input.paths) {
      InputFile file{path, register_file(load, path), format_from_path(path)};
      FileCounts counts{path, input.previous_period ? "apc_previous" : schema.dataset, 0, 0, 0, 0, {}, {}};
      RowStage stage(input.dataset, configured, rules, targets, measures, counts, input.previous_period);
      // The file's own layout (HES, SUS or the contract's), with the user's renames on top.
      const FileLayout layout = choose_file_layout(file, schema, config.layout, load.mapping, io);
      IngestOptions file_io = io;
      file_io.mapping = layout.mapping_or(load.mapping);
      // APC rows may be episodes: those that are not a whole spell wait for the rest of their spell. Where
      // the record id is the episode key (HES without SUSSPELLID) a spell is known by its patient and
      // admission date instead.
      std::optional<SpellAssembler> spells;
      if (input.dataset == Dataset::kApc) {
        const bool key_by_patient =
            file_io.mapping && file_io.mapping->resolve(schema.dataset, "EPIKEY") == "SUSSPELLID";
        stage.hold_episodes_in(spells.emplace(key_by_patient));
      }
      if (reads_pseudonyms(file_io.mapping, schema.dataset, config.pseudonymised))
        stage.read_patient_ids_as_pseudonyms();
      const IngestResult r = ingest_mapped(file, schema, stage, file_io);
      if (spells && !spells->empty()) {
        SpellCounts spell_counts{path};
        stage.check_spells(*spells, result.open_spells, spell_counts);
        result.spells.push_back(std::move(spell_counts));
      }
      counts.rows = r.rows;
      counts.bytes = r.bytes;
      counts.ignored_columns = r.ignored_columns;
      counts.xxh64 = r.xxh64;
      if (!input.previous_period) result.activity_rows += r.rows;
      result.counts.push_back(std::move(counts));
    }
  }
  measures.finish(result);
}

}  // namespace recon
