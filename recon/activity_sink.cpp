#include "recon/activity_sink.hpp"

#include "core/nhs_number.hpp"
#include "core/pricing.hpp"
#include "parsers/builders.hpp"
#include "rules/patient_history.hpp"

namespace recon {
namespace {

struct ActivityWork : ChunkWork {
  std::vector<Activity> activities;
  std::string ids;  // the chunk's record ids back to back; Activity::id indexes it until end_chunk
  std::vector<Challenge> challenges;
  std::vector<Reject> rejects;
  std::uint64_t accepted = 0;
  std::map<Code, ProviderTotals> providers;
  std::vector<std::unique_ptr<AggregateState>> aggregates;
  DataQualityCounter quality;
  ApcRow apc;  // reused between rows: they are large
  OpRow op;
  AeRow ae;
};

void fill_patient(const PatientFields& p, Activity& a) {
  a.nhs = p.nhs;
  a.nhs_valid = p.nhs_valid;
  a.gpprac = p.gpprac;
  a.sex = small_number(p.sex);
}

}  // namespace

Activity compact_apc(const ApcRow& row, const Reference& ref) {
  Activity a;
  fill_patient(row.patient, a);
  a.dataset = Dataset::kApc;
  a.pos = row.pos;
  a.start = row.admidate;
  a.end = row.disdate == kNoDay ? row.admidate : row.disdate;
  a.procode = row.procode;
  a.hrg = row.hrg;
  a.tretspef = row.tretspef;
  a.primary_neoplasm = patient_history::is_neoplasm(row.diag[0]);
  a.under_four = row.patient.dob != kNoDay && age_in_years(row.patient.dob, row.admidate) < 4;
  a.admimeth = admission_method_number(row.admimeth);
  a.classpat = small_number(row.classpat);
  a.tariff = price_apc(ref, row.hrg, a.admimeth, a.classpat, row.admidate, row.disdate);
  a.charged = row.price != kNoPrice ? row.price : a.tariff;
  return a;
}

Activity compact_op(const OpRow& row, const Reference& ref) {
  Activity a;
  fill_patient(row.patient, a);
  a.dataset = Dataset::kOp;
  a.pos = row.pos;
  a.start = a.end = row.apptdate;
  a.procode = row.procode;
  a.hrg = row.hrg;
  a.tretspef = row.tretspef;
  a.firstatt = small_number(row.firstatt);
  a.attended = small_number(row.attended);
  a.gp_referred = small_number(row.refsourc) == 3;
  a.tariff = price_op(ref, row.tretspef, a.firstatt);
  a.charged = row.price != kNoPrice ? row.price : a.tariff;
  return a;
}

Activity compact_ae(const AeRow& row, const Reference& ref) {
  Activity a;
  fill_patient(row.patient, a);
  a.dataset = Dataset::kAe;
  a.pos = row.pos;
  a.start = a.end = row.arrivaldate;
  a.procode = row.procode;
  a.hrg = row.hrg;
  a.attendcat = small_number(row.attendcat);
  a.tariff = price_ae(ref, row.hrg);
  a.charged = row.price != kNoPrice ? row.price : a.tariff;
  return a;
}

AggregateTotals::AggregateTotals(std::vector<const AggregateRule*> r) : rules(std::move(r)) {
  for (const AggregateRule* rule : rules) states.push_back(rule->new_state());
}

std::unique_ptr<ChunkWork> ActivitySink::begin_chunk() {
  auto work = std::make_unique<ActivityWork>();
  for (const AggregateRule* rule : aggregates_.rules) work->aggregates.push_back(rule->new_state());
  return work;
}

void ActivitySink::row(ChunkWork& w, const FieldRow& row) {
  auto& work = static_cast<ActivityWork&>(w);
  std::string err;
  Activity a;
  std::string_view id;
  const std::span<const RowRule* const> rules =
      previous_period_ ? std::span<const RowRule* const>{} : std::span<const RowRule* const>(rules_);
  switch (dataset_) {
    case Dataset::kApc:
      work.apc = ApcRow{};
      err = build_apc(row, work.apc);
      if (!err.empty()) break;
      a = compact_apc(work.apc, ctx_.ref);
      id = work.apc.id;
      for (const RowRule* rule : rules) rule->check_apc(work.apc, a, ctx_, work.challenges);
      if (!previous_period_) work.quality.add(work.apc, ctx_);
      break;
    case Dataset::kOp:
      work.op = OpRow{};
      err = build_op(row, work.op);
      if (!err.empty()) break;
      a = compact_op(work.op, ctx_.ref);
      id = work.op.id;
      for (const RowRule* rule : rules) rule->check_op(work.op, a, ctx_, work.challenges);
      if (!previous_period_) work.quality.add(work.op, ctx_);
      break;
    case Dataset::kAe:
      work.ae = AeRow{};
      err = build_ae(row, work.ae);
      if (!err.empty()) break;
      a = compact_ae(work.ae, ctx_.ref);
      id = work.ae.id;
      for (const RowRule* rule : rules) rule->check_ae(work.ae, a, ctx_, work.challenges);
      if (!previous_period_) work.quality.add(work.ae, ctx_);
      break;
  }
  if (!err.empty()) return malformed(w, row.pos, std::move(err));
  ++work.accepted;
  for (std::size_t i = 0; i < aggregates_.rules.size(); ++i)
    aggregates_.rules[i]->add(*work.aggregates[i], a, dataset_ == Dataset::kApc ? &work.apc : nullptr);
  if (previous_period_) return;
  ProviderTotals& totals = work.providers[a.procode];
  ++totals.records[static_cast<int>(dataset_)];
  totals.charged += a.charged;
  // Only records with a valid NHS number can be matched across records; the rest were challenged above.
  if (a.nhs_valid) {
    a.id = StrRef{static_cast<std::uint32_t>(work.ids.size()), static_cast<std::uint32_t>(id.size())};
    work.ids.append(id);
    work.activities.push_back(a);
  }
}

void ActivitySink::malformed(ChunkWork& w, SourcePos pos, std::string reason) {
  static_cast<ActivityWork&>(w).rejects.push_back(
      {pos, std::string(dataset_name(dataset_)), std::move(reason)});
}

void ActivitySink::end_chunk(std::unique_ptr<ChunkWork> w) {
  auto& work = static_cast<ActivityWork&>(*w);
  for (const Activity& a : work.activities)
    store_.add(a, std::string_view(work.ids).substr(a.id.offset, a.id.length));
  counts_.accepted += work.accepted;
  for (std::size_t i = 0; i < aggregates_.rules.size(); ++i)
    aggregates_.rules[i]->merge(*aggregates_.states[i], *work.aggregates[i]);
  for (const auto& [code, t] : work.providers) {
    ProviderTotals& total = providers_[code];
    for (int d = 0; d < 3; ++d) total.records[d] += t.records[d];
    total.charged += t.charged;
  }
  quality_.merge(work.quality);
  counts_.rejected += work.rejects.size();
  for (auto& c : work.challenges) challenges_.push_back(std::move(c));
  for (auto& r : work.rejects) rejects_.push_back(std::move(r));
}

}  // namespace recon
