#include "recon/writers/terminal_summary.hpp"

#include <sys/resource.h>

#include <cstdio>
#include <filesystem>
#include <map>

#include "recon/writers/run_summaries.hpp"

namespace recon {

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
    for (const SpellCounts& sc : r.spells)
      if (sc.path == c.path && c.dataset == "apc") {
        std::snprintf(
            buf, sizeof buf,
            "               %llu episodes of longer or unfinished stays -> %llu spells checked, %llu "
            "open (not billable yet: open_spells.csv)\n",
            static_cast<unsigned long long>(sc.held_episodes), static_cast<unsigned long long>(sc.spells),
            static_cast<unsigned long long>(sc.open_spells));
        s += buf;
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
  if (r.invoice) {  // counts only
    const InvoiceReconciliation& v = *r.invoice;
    s += "invoice: " + std::to_string(v.lines) + " lines, " + std::to_string(v.by_record_id) +
         " matched by record id, " + std::to_string(v.by_patient) + " by patient, " +
         std::to_string(v.unmatched) + " with no activity, " + std::to_string(v.billed_twice) +
         " billed twice; " + std::to_string(v.links.size()) +
         " billing challenged activity (invoice_summary.csv, invoice_challenges.csv)\n";
  }
  if (!config.packs.empty())  // counts and the folder only: packs hold NHS numbers, the terminal never does
    s += "challenge packs: " + std::to_string(r.packs_written) + " (one per " + config.packs +
         " with challenges, " + ".xlsx and .csv) in " +
         (std::filesystem::path(config.out_dir) / "packs").string() + "\n";
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
  if (r.store.practice_bytes) {
    std::snprintf(buf, sizeof buf,
                  "practice lists: %.1f MiB in memory, charged to --memory-mb; the patient store and the "
                  "challenge list had %.1f MiB\n",
                  r.store.practice_bytes / 1048576.0, r.store.budget_bytes / 1048576.0);
    s += buf;
  }
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
