#include "recon/writers/output_writers.hpp"

#include <tbb/concurrent_queue.h>
#include <tbb/global_control.h>
#include <tbb/parallel_invoke.h>
#include <tbb/parallel_pipeline.h>
#include <xxhash.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <span>
#include <utility>
#include <vector>

#include "core/nhs_number.hpp"
#include "recon/writers/atomic_file.hpp"
#include "recon/writers/challenge_id.hpp"
#include "recon/writers/configuration_json.hpp"
#include "recon/writers/data_quality_csv.hpp"
#include "recon/writers/invoice_outputs.hpp"
#include "recon/writers/report_html.hpp"
#include "recon/writers/resolved_csv.hpp"
#include "recon/writers/run_id.hpp"
#include "recon/writers/run_summaries.hpp"
#include "recon/writers/spell_outputs.hpp"
#include "rules/registry.hpp"

namespace recon {
namespace {

void append_nhs(std::string& out, NhsNumber n) {
  if (n) out += format_nhs_number(n);
}
// A visitor made of lambdas, one per kind of column.
template <class... Fs>
struct overloaded : Fs... {
  using Fs::operator()...;
};
template <class... Fs>
overloaded(Fs...) -> overloaded<Fs...>;  // clang 14 (the sanitizer build) has no aggregate deduction

// The challenge list's columns, in order, for both writers: each column is handed to `visit` either as
// text that may need escaping (a string_view), or as an appender for a value whose characters never need it,
// with whether JSON writes it as a string (ids, dates, NHS numbers) or a number (money). `index` is the
// challenge's position in the whole list: it numbers the CHALLENGE_ID.
enum class Json { kString, kNumber };
// With a history (`prior`), four columns follow (a compatible extension, docs/history.md): FINGERPRINT,
// STATUS, and the provider's RESPONSE and COMMENT for an ANSWERED challenge.
template <class Visit>
void visit_columns(const Challenge& c, std::size_t index, const ChallengeHistory::Prior* prior,
                   Visit&& visit) {
  const std::string procode = c.procode.str(), gpprac = c.gpprac.str();
  visit("CHALLENGE_ID", Json::kString, [&](std::string& o) { append_challenge_id(o, index); });
  visit("RULE", std::string_view(c.rule));
  visit("SEVERITY", Json::kString, [&](std::string& o) { o += severity_name(c.severity); });
  visit("PROCODE3", std::string_view(procode));
  visit("GPPRAC", std::string_view(gpprac));
  visit("DATASET", Json::kString, [&](std::string& o) { o += dataset_name(c.dataset); });
  visit("RECORD_ID", std::string_view(c.record_id));
  visit("NHSNUMBER", Json::kString, [&](std::string& o) { append_nhs(o, c.nhs); });
  visit("ACTIVITY_DATE", Json::kString, [&](std::string& o) { append_day(o, c.activity_date); });
  visit("CHARGED", Json::kNumber, [&](std::string& o) { append_money(o, c.charged); });
  visit("CHALLENGED", Json::kNumber, [&](std::string& o) { append_money(o, c.challenged); });
  visit("REASON", std::string_view(c.reason));
  visit("EVIDENCE", std::string_view(c.evidence));
  if (!prior) return;
  visit("FINGERPRINT", Json::kString, [&](std::string& o) { append_fingerprint(o, prior->fingerprint); });
  visit("STATUS", Json::kString, [&](std::string& o) { o += status_name(prior->status); });
  visit("RESPONSE", std::string_view(prior->answer ? prior->answer->response : std::string_view()));
  visit("COMMENT", std::string_view(prior->answer ? prior->answer->comment : std::string_view()));
}

// Appended to `out` field by field: no temporary strings per field.
void append_csv_row(std::string& out, const Challenge& c, std::size_t index,
                    const ChallengeHistory::Prior* prior) {
  bool first = true;
  auto separate = [&] {
    if (!first) out += ',';
    first = false;
  };
  visit_columns(c, index, prior,
                overloaded{[&](std::string_view, std::string_view text) {
                             separate();
                             append_csv_field(out, text);
                           },
                           [&](std::string_view, Json, const auto& append) {
                             separate();
                             append(out);
                           }});
  out += '\n';
}

// `index` also picks the separator: "\n" before the first object, ",\n" before the others.
void append_json_object(std::string& out, const Challenge& c, std::size_t index,
                        const ChallengeHistory::Prior* prior) {
  out += index ? ",\n{" : "\n{";
  bool first = true;
  auto name = [&](std::string_view column) {
    out += first ? "\"" : ",\"";
    first = false;
    out += column;
    out += "\":";
  };
  visit_columns(c, index, prior,
                overloaded{[&](std::string_view column, std::string_view text) {
                             name(column);
                             append_json_string(out, text);
                           },
                           [&](std::string_view column, Json kind, const auto& append) {
                             name(column);
                             if (kind == Json::kString) out += '"';
                             append(out);
                             if (kind == Json::kString) out += '"';
                           }});
  out += '}';
}

// A block of consecutive challenges, the first at list index `begin`, and its text for each file once
// formatted. `items` views the list held in memory, or `read` when the list streams from disk.
struct ChallengeBlock {
  std::size_t begin = 0;
  std::span<const Challenge> items;
  std::vector<Challenge> read;
  std::vector<Fingerprint> fingerprints;        // with a history: each challenge's, in order
  std::vector<ChallengeHistory::Prior> priors;  // and its status, looked up by it
  std::vector<std::uint32_t> csv_rows;          // with a history: where each one's row starts in `csv`
  std::string csv, json;
};

// Challenges per block. A block's text (~0.6 MB for the two files) is still in cache when the write stages
// copy it into the files' buffers: 512 to 2048 a block measured the same, 4096 and more slower.
constexpr std::size_t kChallengesPerBlock = 1024;

void format_block(ChallengeBlock& block, const ChallengeHistory* history) {
  block.csv.clear();
  block.json.clear();
  block.priors.clear();
  block.csv_rows.clear();
  if (history) {
    block.fingerprints.clear();
    for (const Challenge& c : block.items) block.fingerprints.push_back(challenge_fingerprint(c));
    history->find_all(block.fingerprints, block.priors);
  }
  for (std::size_t k = 0; k < block.items.size(); ++k) {
    const ChallengeHistory::Prior* prior = history ? &block.priors[k] : nullptr;
    if (history) block.csv_rows.push_back(static_cast<std::uint32_t>(block.csv.size()));
    append_csv_row(block.csv, block.items[k], block.begin + k, prior);
    append_json_object(block.json, block.items[k], block.begin + k, prior);
  }
}

// challenges.csv and challenges.json hold ~700k challenges on big runs (hundreds of MB): formatting is most
// of the cost, so blocks are formatted in parallel and appended to the files in list order. The two appends
// are separate serial stages so that one file's write overlaps the other's. The list comes from `source` in
// canonical order (a big one merged from disk as it goes); `totals`, if given, gathers its figures on the
// way.
// With `history`, each challenge's status is looked up on the way and `tally` gathers them.
// Returns the XXH3-64 of challenges.csv (the run id is made from it).
std::uint64_t write_challenges(ChallengeSource& source, const std::string& csv_path,
                               const std::string& json_path, ChallengeTotals* totals = nullptr,
                               const ChallengeHistory* history = nullptr, HistoryTally* tally = nullptr) {
  AtomicFile csv(csv_path), json(json_path);
  XXH3_state_t* const csv_hash = XXH3_createState();
  const std::unique_ptr<XXH3_state_t, XXH_errorcode (*)(XXH3_state_t*)> free_hash(csv_hash, XXH3_freeState);
  XXH3_64bits_reset(csv_hash);
  const std::string header = std::string(
                                 "CHALLENGE_ID,RULE,SEVERITY,PROCODE3,GPPRAC,DATASET,RECORD_ID,NHSNUMBER,"
                                 "ACTIVITY_DATE,CHARGED,CHALLENGED,REASON,EVIDENCE") +
                             (history ? ",FINGERPRINT,STATUS,RESPONSE,COMMENT\n" : "\n");
  csv << header;
  XXH3_64bits_update(csv_hash, header.data(), header.size());
  std::uint64_t csv_bytes = header.size();  // where the next block starts in the file
  json << "[";

  // Written blocks come back here and their strings are reused: after the first few blocks none allocates,
  // regrows or frees its text (measurably slower, and the frees fell on the serial JSON stage). There are
  // never more blocks than tokens. Blocks travel by value, so a cancelled pipeline (a FatalError from a
  // write) destroys the ones in flight.
  tbb::concurrent_queue<ChallengeBlock> spare;
  std::size_t next = 0;
  auto next_block = [&](tbb::flow_control& fc) {
    ChallengeBlock block;
    spare.try_pop(block);
    block.items = source.next(kChallengesPerBlock, block.read);
    if (block.items.empty()) fc.stop();
    block.begin = next;
    next += block.items.size();
    return block;
  };
  auto format = [&](ChallengeBlock block) {
    format_block(block, history);
    return block;
  };
  auto append_csv = [&](ChallengeBlock block) {
    if (totals)
      for (const Challenge& c : block.items) totals->add(c);
    if (tally)
      for (std::size_t k = 0; k < block.items.size(); ++k)
        tally->add(block.items[k], block.priors[k], csv_bytes + block.csv_rows[k]);
    csv << block.csv;
    XXH3_64bits_update(csv_hash, block.csv.data(), block.csv.size());
    csv_bytes += block.csv.size();
    return block;
  };
  auto append_json = [&](ChallengeBlock block) {
    json << block.json;
    spare.push(std::move(block));
  };

  // Two blocks per thread in flight: enough to keep every thread formatting while the writes drain, and a
  // bound on memory whatever the length of the list.
  const std::size_t threads = tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism);
  using tbb::filter_mode;
  tbb::parallel_pipeline(
      std::max<std::size_t>(2, 2 * threads),
      tbb::make_filter<void, ChallengeBlock>(filter_mode::serial_in_order, next_block) &
          tbb::make_filter<ChallengeBlock, ChallengeBlock>(filter_mode::parallel, format) &
          tbb::make_filter<ChallengeBlock, ChallengeBlock>(filter_mode::serial_in_order, append_csv) &
          tbb::make_filter<ChallengeBlock, void>(filter_mode::serial_in_order, append_json));
  json << "\n]\n";
  csv.commit();
  json.commit();
  return XXH3_64bits_digest(csv_hash);
}

void write_provider_summary(const RunResult& r, const std::string& path) {
  AtomicFile f(path);
  f << "PROCODE3,APC_RECORDS,OP_RECORDS,AE_RECORDS,CHARGED,CHALLENGES,RECORDS_CHALLENGED,AMOUNT_AT_RISK,"
       "PATTERN_AT_RISK,SHARE_AT_RISK,RUN_ID\n";  // RUN_ID (last, added later): the manifest's run id
  for (const auto& [code, s] : summarise_providers(r)) {
    const ProviderTotals& p = s.totals;
    char share[32];
    std::snprintf(share, sizeof share, "%.4f",
                  p.charged > 0 ? static_cast<double>(s.at_risk) / p.charged : 0.0);
    f << csv_field(code.str()) + ',' + std::to_string(p.records[0]) + ',' + std::to_string(p.records[1]) +
             ',' + std::to_string(p.records[2]) + ',' + format_money(p.charged) + ',' +
             std::to_string(s.challenges) + ',' + std::to_string(s.records_challenged) + ',' +
             format_money(s.at_risk) + ',' + format_money(s.pattern_at_risk) + ',' + share + ',' + r.run_id +
             '\n';
  }
  f.commit();
}

void write_rule_summary(const RunResult& r, const std::string& path) {
  std::map<std::string, RuleSummary> by_rule = summarise_rules(r);
  AtomicFile f(path);
  // RECORDS_CHECKED and NOTE were added after the first six columns, which keep their meaning: a rule that
  // ran on no records is still "ran", with RECORDS_CHECKED 0 and a NOTE saying what it had none of.
  f << "RULE,TITLE,SEVERITY,STATUS,CHALLENGES,AMOUNT_AT_RISK,RECORDS_CHECKED,NOTE,RUN_ID\n";
  for (const RuleStatus& s : r.rules) {
    const Rule* rule = RuleRegistry::instance().find(s.id);
    auto [n, risk] = by_rule[s.id];
    f << csv_field(s.id) + ',' + csv_field(rule ? std::string(rule->info().title) : "") + ',' +
             rule_severity(r, s.id) + ',' + csv_field(s.ran ? "ran" : "skipped: " + s.why_not) + ',' +
             std::to_string(n) + ',' + format_money(risk) + ',' +
             (s.ran ? std::to_string(s.records_checked) : "") + ',' + csv_field(no_records_note(s)) + ',' +
             r.run_id + '\n';
  }
  f.commit();
}

void write_rejects(const RunResult& r, const std::string& path) {
  AtomicFile f(path);
  f << "FILE,LINE,DATASET,REASON\n";
  for (const Reject& j : r.rejects)
    f << csv_field(r.file_paths[j.pos.file]) + ',' + std::to_string(j.pos.line) + ',' + j.dataset + ',' +
             csv_field(j.reason) + '\n';
  f.commit();
}

void write_run_summary(const RunResult& r, const std::string& path) {
  AtomicFile f(path);
  f << "{\n  \"run_id\": " + json_string(r.run_id) + ",\n  \"rows_in\": " + std::to_string(r.rows_in()) +
           ",\n  \"accepted\": " + std::to_string(r.accepted()) +
           ",\n  \"rejected\": " + std::to_string(r.rejected()) +
           ",\n  \"challenges\": " + std::to_string(r.totals().count) + ",\n  \"files\": [";
  for (std::size_t i = 0; i < r.counts.size(); ++i) {
    const FileCounts& c = r.counts[i];
    f << std::string(i ? "," : "") + "\n    {\"path\": " + json_string(c.path) +
             ", \"dataset\": " + json_string(c.dataset) + ", \"rows\": " + std::to_string(c.rows) +
             ", \"accepted\": " + std::to_string(c.accepted) +
             ", \"rejected\": " + std::to_string(c.rejected) + "}";
  }
  f << "\n  ],\n  \"rules\": [";
  for (std::size_t i = 0; i < r.rules.size(); ++i) {
    const RuleStatus& s = r.rules[i];
    f << std::string(i ? "," : "") + "\n    {\"id\": " + json_string(s.id) +
             ", \"ran\": " + (s.ran ? "true" : "false") +
             (s.ran ? ", \"records_checked\": " + std::to_string(s.records_checked)
                    : ", \"why_not\": " + json_string(s.why_not)) +
             "}";
  }
  f << "\n  ]" + configuration_json_member(r) + spells_json_member(r) + invoice_json_member(r) + "\n}\n";
  f.commit();
}

}  // namespace

const std::vector<std::string>& output_file_names() {
  static const std::vector<std::string> names = {
      "challenges.csv", "challenges.json",  "summary_by_provider.csv", "summary_by_rule.csv",
      "rejects.csv",    "run_summary.json", "data_quality.csv",        "report.html"};
  return names;
}

namespace {
// The files that need nothing of the challenge list.
void write_independent_files(const RunResult& r, OutputSet& outputs) {
  write_rejects(r, outputs.staged("rejects.csv").string());
  write_data_quality_csv(r.data_quality, outputs.staged("data_quality.csv").string());
  if (run_read_episodes(r)) {  // only then: a spell-level run's set is unchanged
    write_open_spells_csv(r, outputs.staged("open_spells.csv").string());
    outputs.add_file("open_spells.csv");
  }
}
// The files that use the challenge list's totals (RunResult::totals).
// ... and the challenge packs (cut from the staged challenges.csv), beside them.
void write_files_from_totals(RunResult& r, OutputSet& outputs, const PackOptions& packs,
                             const std::vector<TrendPoint>* trend) {
  std::vector<std::string> pack_files;
  tbb::parallel_invoke(
      [&] {
        write_provider_summary(r, outputs.staged("summary_by_provider.csv").string());
        write_rule_summary(r, outputs.staged("summary_by_rule.csv").string());
        write_run_summary(r, outputs.staged("run_summary.json").string());
        write_report_html(r, outputs.staged("report.html").string(), trend);
        if (r.invoice) {  // only then: a run without an invoice writes the set it always did
          write_invoice_summary_csv(r, outputs.staged("invoice_summary.csv").string());
          write_invoice_challenges_csv(r, outputs.staged("invoice_challenges.csv").string());
        }
      },
      [&] {
        PackOptions options = packs;
        options.run_id = r.run_id;
        options.as_of = r.options.as_of;
        pack_files = write_challenge_packs(outputs.staged("challenges.csv"), outputs.staging_dir(), options);
      });
  if (r.invoice) {
    outputs.add_file("invoice_summary.csv");
    outputs.add_file("invoice_challenges.csv");
  }
  for (std::string& name : pack_files) outputs.add_file(std::move(name));
  r.packs_written = pack_files.size() / 2;  // a .csv and an .xlsx each
}
}  // namespace

// The run id (recon/writers/run_id.hpp) is known once challenges.csv is written: the files that carry it
// follow.
void name_the_run(RunResult& r, std::uint64_t challenges_csv_hash, OutputSet& outputs) {
  r.run_id = run_id_of(r.run_key, challenges_csv_hash);
  outputs.set_run_id(r.run_id);
}

namespace {
// With a history, once the list is written: resolved.csv, the month-on-month view's points (the earlier
// runs', then this run's), challenges.csv mapped for the history, and list_written() called. Returns the
// points for the report (null without a history).
const std::vector<TrendPoint>* finish_history(RunResult& r, OutputSet& outputs, HistoryOutputs* history,
                                              std::vector<TrendPoint>& trend) {
  if (!history) return nullptr;
  HistoryTally& tally = history->tally;
  const std::vector<PreviousListed>& previous = history->history->previous();
  // Only providers this run has activity of: a run of one provider's extract does not resolve another's.
  std::set<std::string> providers;
  for (const auto& [code, totals] : r.providers) providers.insert(code.str());
  for (std::size_t i = 0; i < previous.size(); ++i)
    if (!tally.previous_seen[i] && (previous[i].procode.empty() || providers.count(previous[i].procode)))
      tally.resolved.push_back(previous[i].challenge());
  // Read whole only now, for the few resolved: the rest of the previous run needs no more than its
  // fingerprints.
  if (history->history->describe) history->history->describe(tally.resolved);
  write_resolved_csv(tally.resolved, *history->history, outputs.staged("resolved.csv").string());
  outputs.add_file("resolved.csv");
  trend = history->history->trend;
  for (auto [procode, point] : tally.providers) {
    point.run_id = r.run_id;
    point.as_of = format_day(r.options.as_of);
    trend.push_back(std::move(point));
  }
  history->challenges_csv = std::make_unique<MappedChallengeCsv>(outputs.staged("challenges.csv"));
  if (history->list_written) history->list_written();
  return &trend;
}

void start_tally(HistoryOutputs* history) {
  if (history) history->tally.previous_seen.assign(history->history->previous().size(), 0);
}

}  // namespace

void write_outputs(RunResult& r, OutputSet& outputs, const PackOptions& packs, HistoryOutputs* history) {
  auto path = [&](std::string_view name) { return outputs.staged(name).string(); };
  // The challenge list (both files, one pipeline) is written concurrently with the files that need nothing
  // of it (a FatalError in either is rethrown here by oneTBB); the files that carry the run id follow. All
  // go to the staging directory; only a complete set is published into --out.
  ChallengeListSource list(r.challenges);
  std::uint64_t csv_hash = 0;
  const ChallengeHistory* earlier = history ? history->history : nullptr;
  start_tally(history);
  tbb::parallel_invoke(
      [&] {
        csv_hash = write_challenges(list, path("challenges.csv"), path("challenges.json"), nullptr, earlier,
                                    history ? &history->tally : nullptr);
      },
      [&] { write_independent_files(r, outputs); });
  name_the_run(r, csv_hash, outputs);
  std::vector<TrendPoint> trend;
  write_files_from_totals(r, outputs, packs, finish_history(r, outputs, history, trend));
  outputs.publish();
}

void write_outputs(RunResult& r, ChallengeSource& challenges, OutputSet& outputs, const PackOptions& packs,
                   HistoryOutputs* history) {
  auto path = [&](std::string_view name) { return outputs.staged(name).string(); };
  // The list passes once, on its way to its two files; the summaries and the report wait for its totals.
  ChallengeTotals totals;
  std::uint64_t csv_hash = 0;
  const ChallengeHistory* earlier = history ? history->history : nullptr;
  start_tally(history);
  tbb::parallel_invoke(
      [&] {
        csv_hash = write_challenges(challenges, path("challenges.csv"), path("challenges.json"), &totals,
                                    earlier, history ? &history->tally : nullptr);
      },
      [&] { write_independent_files(r, outputs); });
  totals.finish();
  r.challenge_totals = std::move(totals);
  name_the_run(r, csv_hash, outputs);
  std::vector<TrendPoint> trend;
  write_files_from_totals(r, outputs, packs, finish_history(r, outputs, history, trend));
  outputs.publish();
}

}  // namespace recon
