#pragma once
// The RowSink for provider activity (APC, OP, A&E): in the parallel parse stage it builds the typed row,
// prices it, runs every row rule on it and keeps its compact record; in the serial merge stage it appends the
// chunk's results in file order.
#include <vector>

#include "core/challenge.hpp"
#include "parsers/ingest.hpp"
#include "recon/engine/activity_store.hpp"
#include "recon/engine/challenge_spool.hpp"
#include "recon/engine/rejects.hpp"
#include "recon/engine/run_result.hpp"
#include "rules/rule.hpp"

namespace recon {

// The aggregate rules' counters for one period (current or previous), one state per rule.
struct AggregateTotals {
  std::vector<const AggregateRule*> rules;
  std::vector<std::unique_ptr<AggregateState>> states;
  explicit AggregateTotals(std::vector<const AggregateRule*> r);
};

class ActivitySink : public RowSink {
 public:
  // `previous_period`: rows of an earlier period's file (--previous-apc): they only feed the aggregate
  // counters; no row rules, no patient matching, no provider totals, no data-quality measures.
  ActivitySink(Dataset dataset, const RuleContext& ctx, std::vector<const RowRule*> rules,
               ActivityStore& store, ChallengeSpool& challenges, std::vector<Reject>& rejects,
               FileCounts& counts, std::map<Code, ProviderTotals>& providers, AggregateTotals& aggregates,
               DataQualityCounter& quality, bool previous_period = false)
      : dataset_(dataset),
        ctx_(ctx),
        rules_(std::move(rules)),
        store_(store),
        challenges_(challenges),
        rejects_(rejects),
        counts_(counts),
        providers_(providers),
        aggregates_(aggregates),
        quality_(quality),
        previous_period_(previous_period) {}

  std::unique_ptr<ChunkWork> begin_chunk() override;
  void row(ChunkWork& work, const FieldRow& row) override;
  void malformed(ChunkWork& work, SourcePos pos, std::string reason) override;
  void finish_chunk(ChunkWork& work) override;
  void end_chunk(std::unique_ptr<ChunkWork> work) override;

 private:
  void check_oldest(ChunkWork& work) const;  // row rules and totals for the oldest queued row

  Dataset dataset_;
  const RuleContext& ctx_;
  std::vector<const RowRule*> rules_;
  ActivityStore& store_;
  ChallengeSpool& challenges_;
  std::vector<Reject>& rejects_;
  FileCounts& counts_;
  std::map<Code, ProviderTotals>& providers_;
  AggregateTotals& aggregates_;
  DataQualityCounter& quality_;
  bool previous_period_;
};

// Compact, priced records (also used by tests).
Activity compact_apc(const ApcRow& row, const Reference& ref);
Activity compact_op(const OpRow& row, const Reference& ref);
Activity compact_ae(const AeRow& row, const Reference& ref);

}  // namespace recon
