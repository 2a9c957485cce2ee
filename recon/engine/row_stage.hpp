#pragma once
// The row stage: the activity files (APC, OP, A&E, and --previous-apc) streamed through the parallel ingest.
// In the parallel parse step each row is built, compacted and priced (rules/activity_record.hpp), checked by
// every row rule, counted by the aggregate rules and the measures (measures/catalogue.hpp: data quality), and
// its compact record kept for the patient stage; in the serial merge step each chunk's results are appended
// in file order.
#include <map>
#include <vector>

#include "core/challenge.hpp"
#include "parsers/ingest.hpp"
#include "recon/engine/activity_store.hpp"
#include "recon/engine/aggregate_stage.hpp"
#include "recon/engine/challenge_spool.hpp"
#include "recon/engine/configured_rules.hpp"
#include "recon/engine/invoice_book.hpp"
#include "recon/engine/measures/measure.hpp"
#include "recon/engine/rejects.hpp"
#include "recon/engine/run_config.hpp"
#include "recon/engine/run_result.hpp"
#include "recon/engine/spell_stage.hpp"
#include "recon/engine/table_loader.hpp"
#include "rules/rule.hpp"

namespace recon {

// What the row stage adds to, shared by every activity file of a run.
struct RowStageTargets {
  ActivityStore& store;        // compact records with a valid NHS number, for the patient stage
  ChallengeSpool& challenges;  // the row rules' challenges
  RunResult& result;           // rejects, file counts, provider totals, the measures' results, activity_rows
  AggregateTotals& current;    // the aggregate rules' counters for this period's files
  AggregateTotals& previous;   // ... and for --previous-apc
  InvoiceBook* invoice = nullptr;  // --invoice: keeps the records some invoice line may bill
};

// Streams every activity file through the row stage: --previous-apc first, then APC, OP and A&E, each in
// the order given. Rows of a previous period's file only feed `previous` (no row rules, no patient matching,
// no provider totals, no measures). The measures finish into `targets.result` once every file is read.
// Each row is checked in its provider's context (ConfiguredRules::context_for) and the challenges get the
// configured severities.
void run_row_stage(const RunConfig& config, const ConfiguredRules& configured,
                   const std::vector<const RowRule*>& rules, LoadContext& load, RowStageTargets targets);

// The RowSink of one activity file. `measures` holds the run's merged measure states.
class RowStage final : public RowSink {
 public:
  RowStage(Dataset dataset, const ConfiguredRules& configured, const std::vector<const RowRule*>& rules,
           RowStageTargets targets, MeasureTotals& measures, FileCounts& counts, bool previous_period)
      : dataset_(dataset),
        configured_(configured),
        ctx_(configured.base()),
        rules_(rules),
        targets_(targets),
        aggregates_(previous_period ? targets.previous : targets.current),
        measures_(measures),
        counts_(counts),
        previous_period_(previous_period) {}

  std::unique_ptr<ChunkWork> begin_chunk() override;
  void row(ChunkWork& work, const FieldRow& row) override;
  void malformed(ChunkWork& work, SourcePos pos, std::string reason) override;
  void finish_chunk(ChunkWork& work) override;
  void end_chunk(std::unique_ptr<ChunkWork> work) override;

  // APC: rows that are not a whole spell wait in `spells` (spell_stage.hpp) instead of being checked.
  void hold_episodes_in(SpellAssembler& spells) { spells_ = &spells; }
  // The file's patient ids are pseudonyms (patient_ids.hpp): read as such, never as NHS numbers.
  void read_patient_ids_as_pseudonyms() { pseudonyms_ = true; }
  // After the file is read: the held episodes merged into spells and checked, the open spells listed.
  void check_spells(SpellAssembler& spells, std::vector<OpenSpell>& open, SpellCounts& counts);

 private:
  void check_oldest(ChunkWork& work) const;  // row rules and totals for the oldest queued row

  Dataset dataset_;
  const ConfiguredRules& configured_;
  const RuleContext& ctx_;  // the run's: reference and practice data, the run-wide options
  const std::vector<const RowRule*>& rules_;
  RowStageTargets targets_;
  AggregateTotals& aggregates_;
  MeasureTotals& measures_;
  FileCounts& counts_;
  bool previous_period_;
  SpellAssembler* spells_ = nullptr;
  bool pseudonyms_ = false;
};

}  // namespace recon
