#include "recon/output_writers.hpp"

#include <tbb/parallel_invoke.h>

#include <cstdio>
#include <filesystem>
#include <map>

#include "core/nhs_number.hpp"
#include "recon/atomic_file.hpp"
#include "recon/report_html.hpp"
#include "recon/run_summaries.hpp"
#include "rules/registry.hpp"

namespace recon {
namespace {

std::string nhs_text(NhsNumber n) { return n ? format_nhs_number(n) : std::string(); }

void write_challenges_csv(const RunResult& r, const std::string& path) {
  AtomicFile f(path);
  f << "CHALLENGE_ID,RULE,SEVERITY,PROCODE3,GPPRAC,DATASET,RECORD_ID,NHSNUMBER,ACTIVITY_DATE,CHARGED,"
       "CHALLENGED,"
       "REASON,EVIDENCE\n";
  std::string line;
  for (std::size_t i = 0; i < r.challenges.size(); ++i) {
    const Challenge& c = r.challenges[i];
    line.clear();
    line += challenge_id(i) + ',' + csv_field(c.rule) + ',' + std::string(severity_name(c.severity)) + ',' +
            csv_field(c.procode.str()) + ',' + csv_field(c.gpprac.str()) + ',' +
            std::string(dataset_name(c.dataset)) + ',' + csv_field(c.record_id) + ',' + nhs_text(c.nhs) +
            ',' + format_day(c.activity_date) + ',' + format_money(c.charged) + ',' +
            format_money(c.challenged) + ',' + csv_field(c.reason) + ',' + csv_field(c.evidence) + '\n';
    f << line;
  }
  f.commit();
}

void write_challenges_json(const RunResult& r, const std::string& path) {
  AtomicFile f(path);
  f << "[";
  std::string line;
  for (std::size_t i = 0; i < r.challenges.size(); ++i) {
    const Challenge& c = r.challenges[i];
    line.clear();
    line += i ? ",\n" : "\n";
    line += "{\"CHALLENGE_ID\":" + json_string(challenge_id(i)) + ",\"RULE\":" + json_string(c.rule) +
            ",\"SEVERITY\":" + json_string(severity_name(c.severity)) +
            ",\"PROCODE3\":" + json_string(c.procode.str()) + ",\"GPPRAC\":" + json_string(c.gpprac.str()) +
            ",\"DATASET\":" + json_string(dataset_name(c.dataset)) +
            ",\"RECORD_ID\":" + json_string(c.record_id) + ",\"NHSNUMBER\":" + json_string(nhs_text(c.nhs)) +
            ",\"ACTIVITY_DATE\":" + json_string(format_day(c.activity_date)) +
            ",\"CHARGED\":" + format_money(c.charged) + ",\"CHALLENGED\":" + format_money(c.challenged) +
            ",\"REASON\":" + json_string(c.reason) + ",\"EVIDENCE\":" + json_string(c.evidence) + "}";
    f << line;
  }
  f << "\n]\n";
  f.commit();
}

void write_provider_summary(const RunResult& r, const std::string& path) {
  AtomicFile f(path);
  f << "PROCODE3,APC_RECORDS,OP_RECORDS,AE_RECORDS,CHARGED,CHALLENGES,RECORDS_CHALLENGED,AMOUNT_AT_RISK,"
       "PATTERN_AT_RISK,SHARE_AT_RISK\n";
  for (const auto& [code, s] : summarise_providers(r)) {
    const ProviderTotals& p = s.totals;
    char share[32];
    std::snprintf(share, sizeof share, "%.4f",
                  p.charged > 0 ? static_cast<double>(s.at_risk) / p.charged : 0.0);
    f << csv_field(code.str()) + ',' + std::to_string(p.records[0]) + ',' + std::to_string(p.records[1]) +
             ',' + std::to_string(p.records[2]) + ',' + format_money(p.charged) + ',' +
             std::to_string(s.challenges) + ',' + std::to_string(s.records_challenged) + ',' +
             format_money(s.at_risk) + ',' + format_money(s.pattern_at_risk) + ',' + share + '\n';
  }
  f.commit();
}

void write_rule_summary(const RunResult& r, const std::string& path) {
  std::map<std::string, RuleSummary> by_rule = summarise_rules(r);
  AtomicFile f(path);
  f << "RULE,TITLE,SEVERITY,STATUS,CHALLENGES,AMOUNT_AT_RISK\n";
  for (const RuleStatus& s : r.rules) {
    const Rule* rule = RuleRegistry::instance().find(s.id);
    auto [n, risk] = by_rule[s.id];
    f << csv_field(s.id) + ',' + csv_field(rule ? std::string(rule->info().title) : "") + ',' +
             std::string(rule ? severity_name(rule->info().severity) : "") + ',' +
             csv_field(s.ran ? "ran" : "skipped: " + s.why_not) + ',' + std::to_string(n) + ',' +
             format_money(risk) + '\n';
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
  f << "{\n  \"rows_in\": " + std::to_string(r.rows_in()) +
           ",\n  \"accepted\": " + std::to_string(r.accepted()) +
           ",\n  \"rejected\": " + std::to_string(r.rejected()) +
           ",\n  \"challenges\": " + std::to_string(r.challenges.size()) + ",\n  \"files\": [";
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
             (s.ran ? "" : ", \"why_not\": " + json_string(s.why_not)) + "}";
  }
  f << "\n  ]\n}\n";
  f.commit();
}

}  // namespace

std::string challenge_id(std::size_t index) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "CH%08zu", index + 1);
  return buf;
}

void write_outputs(const RunResult& r, const std::string& out_dir) {
  namespace fs = std::filesystem;
  const fs::path dir(out_dir);
  // The files are independent: the three large ones are written concurrently (a FatalError in any of
  // them is rethrown here by oneTBB).
  tbb::parallel_invoke([&] { write_challenges_csv(r, (dir / "challenges.csv").string()); },
                       [&] { write_challenges_json(r, (dir / "challenges.json").string()); },
                       [&] {
                         write_provider_summary(r, (dir / "summary_by_provider.csv").string());
                         write_rule_summary(r, (dir / "summary_by_rule.csv").string());
                         write_rejects(r, (dir / "rejects.csv").string());
                         write_run_summary(r, (dir / "run_summary.json").string());
                         write_data_quality_csv(r.data_quality, (dir / "data_quality.csv").string());
                         write_report_html(r, (dir / "report.html").string());
                       });
}

}  // namespace recon
