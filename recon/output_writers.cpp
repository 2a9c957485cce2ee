#include "recon/output_writers.hpp"

#include <tbb/parallel_invoke.h>

#include <charconv>
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

void append_nhs(std::string& out, NhsNumber n) {
  if (n) out += format_nhs_number(n);
}
// "CH" + the 1-based index, zero-padded to 8 digits (more digits past 99,999,999).
void append_challenge_id(std::string& out, std::size_t index) {
  char digits[24];
  const char* end = std::to_chars(digits, digits + sizeof digits, index + 1).ptr;
  const std::size_t n = static_cast<std::size_t>(end - digits);
  out += "CH";
  if (n < 8) out.append(8 - n, '0');
  out.append(digits, n);
}

// The challenge writers append every field to one reused line buffer: no temporary strings per field.
void write_challenges_csv(const RunResult& r, const std::string& path) {
  AtomicFile f(path);
  f << "CHALLENGE_ID,RULE,SEVERITY,PROCODE3,GPPRAC,DATASET,RECORD_ID,NHSNUMBER,ACTIVITY_DATE,CHARGED,"
       "CHALLENGED,REASON,EVIDENCE\n";
  std::string line;
  for (std::size_t i = 0; i < r.challenges.size(); ++i) {
    const Challenge& c = r.challenges[i];
    line.clear();
    append_challenge_id(line, i);
    line += ',';
    append_csv_field(line, c.rule);
    line += ',';
    line += severity_name(c.severity);
    line += ',';
    append_csv_field(line, c.procode.str());
    line += ',';
    append_csv_field(line, c.gpprac.str());
    line += ',';
    line += dataset_name(c.dataset);
    line += ',';
    append_csv_field(line, c.record_id);
    line += ',';
    append_nhs(line, c.nhs);
    line += ',';
    append_day(line, c.activity_date);
    line += ',';
    append_money(line, c.charged);
    line += ',';
    append_money(line, c.challenged);
    line += ',';
    append_csv_field(line, c.reason);
    line += ',';
    append_csv_field(line, c.evidence);
    line += '\n';
    f << line;
  }
  f.commit();
}

void write_challenges_json(const RunResult& r, const std::string& path) {
  AtomicFile f(path);
  f << "[";
  std::string line, text;
  for (std::size_t i = 0; i < r.challenges.size(); ++i) {
    const Challenge& c = r.challenges[i];
    line.clear();
    line += i ? ",\n" : "\n";
    line += "{\"CHALLENGE_ID\":\"";
    append_challenge_id(line, i);
    line += "\",\"RULE\":";
    append_json_string(line, c.rule);
    line += ",\"SEVERITY\":\"";
    line += severity_name(c.severity);
    line += "\",\"PROCODE3\":";
    append_json_string(line, c.procode.str());
    line += ",\"GPPRAC\":";
    append_json_string(line, c.gpprac.str());
    line += ",\"DATASET\":\"";
    line += dataset_name(c.dataset);
    line += "\",\"RECORD_ID\":";
    append_json_string(line, c.record_id);
    line += ",\"NHSNUMBER\":\"";
    append_nhs(line, c.nhs);
    line += "\",\"ACTIVITY_DATE\":\"";
    append_day(line, c.activity_date);
    line += "\",\"CHARGED\":";
    append_money(line, c.charged);
    line += ",\"CHALLENGED\":";
    append_money(line, c.challenged);
    line += ",\"REASON\":";
    append_json_string(line, c.reason);
    line += ",\"EVIDENCE\":";
    append_json_string(line, c.evidence);
    line += "}";
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
  std::string id;
  append_challenge_id(id, index);
  return id;
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
