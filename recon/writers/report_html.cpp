#include "recon/writers/report_html.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "recon/writers/atomic_file.hpp"
#include "recon/writers/challenge_id.hpp"
#include "recon/writers/funnel_svg.hpp"
#include "recon/writers/history_trend_html.hpp"
#include "recon/writers/invoice_outputs.hpp"
#include "recon/writers/report_configuration.hpp"
#include "recon/writers/report_text.hpp"
#include "recon/writers/run_summaries.hpp"
#include "rules/registry.hpp"

namespace recon {
namespace {

constexpr std::size_t kTopChallenges = ChallengeTotals::kTop;

std::string esc(std::string_view s) { return html_escape(s); }

constexpr std::string_view kStyle = R"(
:root{--blue:#005eb8;--ink:#212b32;--muted:#4c6272;--line:#d8dde0;--soft:#f0f4f5}
*{box-sizing:border-box}
body{margin:0;background:var(--soft);color:var(--ink);font:14px/1.45 "Segoe UI",Roboto,"Helvetica Neue",Arial,"Liberation Sans",sans-serif}
header{background:var(--blue);color:#fff;padding:18px 32px}
header h1{margin:0;font-size:24px;font-weight:600}
header p{margin:4px 0 0;opacity:.92}
nav{background:#fff;border-bottom:1px solid var(--line);padding:8px 32px;font-size:13px}
nav a{color:var(--blue);margin-right:18px;text-decoration:none}
main{max-width:1240px;margin:0 auto;padding:4px 24px 32px}
section{background:#fff;border:1px solid var(--line);border-radius:4px;padding:16px 24px 20px;margin:18px 0}
h2{font-size:19px;margin:0 0 10px;color:var(--blue)}
h3{font-size:15px;margin:18px 0 6px}
p{margin:6px 0 10px}
table{border-collapse:collapse;width:100%;font-size:13px;margin:6px 0 4px}
th,td{padding:5px 8px;border-bottom:1px solid #e8edee;text-align:left;vertical-align:top}
th{background:var(--soft);font-weight:600;border-bottom:2px solid var(--line);white-space:nowrap}
tbody tr:nth-child(even) td{background:#fafbfb}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.code{font-family:Consolas,"DejaVu Sans Mono","Liberation Mono",monospace;font-size:12px;white-space:nowrap}
tfoot td{font-weight:600;border-top:2px solid var(--line);border-bottom:none}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:4px 0 14px}
.card{flex:1 1 130px;border:1px solid var(--line);border-left:4px solid var(--blue);border-radius:3px;padding:8px 12px}
.card .v{font-size:20px;font-weight:600;font-variant-numeric:tabular-nums}
.card .k{color:var(--muted);font-size:12px}
.card.risk{border-left-color:#d5281b}
.sev{display:inline-block;min-width:58px;text-align:center;padding:0 6px;border-radius:3px;font-size:11px;font-weight:600;color:#fff}
.sev-HIGH{background:#d5281b}.sev-MEDIUM{background:#b35c00}.sev-LOW{background:#768692}
.muted{color:var(--muted)}
.small{font-size:12px}
.ev{color:var(--muted);font-size:12px;margin-top:2px}
.skipped td{color:var(--muted)}
.bar{display:inline-block;width:70px;height:8px;background:#e8edee;border-radius:4px;vertical-align:middle;margin-left:8px}
.bar span{display:block;height:8px;border-radius:4px}
.good{color:#007f3b}.good .bar span{background:#007f3b}
.fair{color:#b35c00}.fair .bar span{background:#ed8b00}
.poor{color:#d5281b}.poor .bar span{background:#d5281b}
figure{margin:10px 0 22px}
figure svg{display:block;max-width:100%;height:auto;border:1px solid #e8edee;border-radius:3px}
figcaption{font-weight:600;margin:0 0 6px}
.note{border-left:4px solid var(--blue);background:var(--soft);padding:8px 14px}
footer{color:var(--muted);font-size:12px;text-align:center;padding:0 0 24px}
)";

std::string severity_badge(std::string_view name) {
  return "<span class=\"sev sev-" + esc(name) + "\">" + esc(name) + "</span>";
}

std::string card(const std::string& value, std::string_view label, bool risk = false) {
  return std::string(risk ? "<div class=\"card risk\">" : "<div class=\"card\">") + "<div class=\"v\">" +
         value + "</div><div class=\"k\">" + esc(label) + "</div></div>";
}

// ---- run overview

void overview(const RunResult& r, const std::map<Code, ProviderSummary>& providers, std::string& h) {
  Pence charged = 0, at_risk = 0, pattern = 0;
  for (const auto& [code, s] : providers) {
    charged = add_money(charged, s.totals.charged);
    at_risk = add_money(at_risk, s.at_risk);
    pattern = add_money(pattern, s.pattern_at_risk);
  }
  std::size_t ran = 0, ran_on_nothing = 0;
  for (const RuleStatus& s : r.rules) {
    ran += s.ran;
    ran_on_nothing += !no_records_note(s).empty();
  }

  h += "<section id=\"overview\"><h2>Run overview</h2><div class=\"cards\">";
  h += card(format_count(r.rows_in()), "rows in");
  h += card(format_count(r.accepted()), "rows accepted");
  h += card(format_count(r.rejected()), "rows rejected (see rejects.csv)");
  h += card(esc(format_pounds(charged)), "charged");
  h += card(format_count(r.totals().count), "challenges");
  h += card(esc(format_pounds(at_risk)), "amount at risk (records)", true);
  if (pattern) h += card(esc(format_pounds(pattern)), "at risk in pattern challenges", true);
  h += "</div>";
  h += "<p>Rows in = accepted + rejected: " + format_count(r.rows_in()) + " = " + format_count(r.accepted()) +
       " + " + format_count(r.rejected()) + ". Rules: " + format_count(ran) + " run, " +
       format_count(r.rules.size() - ran) + " skipped" +
       (ran_on_nothing ? ", and " + format_count(ran_on_nothing) + " ran on 0 records, so checked nothing"
                       : "") +
       " (reasons under <a href=\"#rules\">Totals by rule</a>).</p>";
  h += "<h3>Input files</h3><table><thead><tr><th>Dataset</th><th>File</th><th class=\"num\">Rows "
       "in</th><th class=\"num\">Accepted</th><th class=\"num\">Rejected</th></tr></thead><tbody>";
  for (const FileCounts& c : r.counts)
    h += "<tr><td class=\"code\">" + esc(c.dataset) + "</td><td class=\"small\">" +
         esc(mask_nhs_numbers(c.path)) + "</td><td class=\"num\">" + format_count(c.rows) +
         "</td><td class=\"num\">" + format_count(c.accepted) + "</td><td class=\"num\">" +
         format_count(c.rejected) + "</td></tr>";
  h += "</tbody><tfoot><tr><td colspan=\"2\">Total</td><td class=\"num\">" + format_count(r.rows_in()) +
       "</td><td class=\"num\">" + format_count(r.accepted()) + "</td><td class=\"num\">" +
       format_count(r.rejected()) + "</td></tr></tfoot></table></section>\n";
}

// ---- totals by provider and by rule

void provider_totals(const std::map<Code, ProviderSummary>& providers, std::string& h) {
  h += "<section id=\"providers\"><h2>Totals by provider</h2><p class=\"muted small\">Amount at risk "
       "counts each record once, at its largest challenge (capped at its charge); pattern challenges are "
       "provider-level estimates and shown apart. Share = amount at risk / "
       "charged.</p><table><thead><tr><th>Provider</th><th class=\"num\">APC spells</th><th "
       "class=\"num\">OP attendances</th><th class=\"num\">A&amp;E attendances</th><th "
       "class=\"num\">Charged</th><th class=\"num\">Challenges</th><th class=\"num\">Records "
       "challenged</th><th class=\"num\">Amount at risk</th><th class=\"num\">Pattern at risk</th><th "
       "class=\"num\">Share</th></tr></thead><tbody>";
  ProviderSummary all;
  for (const auto& [code, s] : providers) {
    const ProviderTotals& t = s.totals;
    for (int d = 0; d < 3; ++d) all.totals.records[d] += t.records[d];
    all.totals.charged = add_money(all.totals.charged, t.charged);
    all.challenges += s.challenges;
    all.records_challenged += s.records_challenged;
    all.at_risk = add_money(all.at_risk, s.at_risk);
    all.pattern_at_risk = add_money(all.pattern_at_risk, s.pattern_at_risk);
  }
  auto row = [&](const std::string& label, const ProviderSummary& s, bool foot) {
    const ProviderTotals& t = s.totals;
    const std::string share =
        t.charged > 0 ? format_percent(static_cast<double>(s.at_risk) / t.charged) : "&ndash;";
    h += std::string(foot ? "<tr><td>" : "<tr><td class=\"code\">") + label + "</td><td class=\"num\">" +
         format_count(t.records[0]) + "</td><td class=\"num\">" + format_count(t.records[1]) +
         "</td><td class=\"num\">" + format_count(t.records[2]) + "</td><td class=\"num\">" +
         esc(format_pounds(t.charged)) + "</td><td class=\"num\">" + format_count(s.challenges) +
         "</td><td class=\"num\">" + format_count(s.records_challenged) + "</td><td class=\"num\">" +
         esc(format_pounds(s.at_risk)) + "</td><td class=\"num\">" + esc(format_pounds(s.pattern_at_risk)) +
         "</td><td class=\"num\">" + share + "</td></tr>";
  };
  for (const auto& [code, s] : providers) row(esc(code.str()), s, false);
  if (providers.empty()) h += "<tr><td colspan=\"10\" class=\"muted\">No activity.</td></tr>";
  h += "</tbody><tfoot>";
  row("All providers", all, true);
  h += "</tfoot></table></section>\n";
}

void rule_totals(const RunResult& r, std::string& h) {
  std::map<std::string, RuleSummary> by_rule = summarise_rules(r);
  h += "<section id=\"rules\"><h2>Totals by rule</h2><p class=\"muted small\">Amount at risk here is "
       "the sum of the rule's challenges: a record challenged by several rules counts under "
       "each. Records checked: the records the rule was handed (the patient rules only see records with a "
       "valid NHS number); a rule that ran on none checked nothing, whatever its count of "
       "challenges.</p><table><thead><tr><th>Rule</th><th>Title</th><th>Severity</th><th>Status</th><th "
       "class=\"num\">Records checked</th><th class=\"num\">Challenges</th><th class=\"num\">Amount at "
       "risk</th></tr></thead><tbody>";
  for (const RuleStatus& s : r.rules) {
    const Rule* rule = RuleRegistry::instance().find(s.id);
    const RuleSummary sum = by_rule[s.id];
    const std::string note = no_records_note(s);
    const std::string status = !s.ran          ? "skipped: " + esc(s.why_not)
                               : !note.empty() ? "<strong>" + esc(note) + "</strong>"
                                               : std::string("ran");
    h += std::string(s.ran && note.empty() ? "<tr>" : "<tr class=\"skipped\">") + "<td class=\"code\">" +
         esc(s.id) + "</td><td>" + (rule ? esc(rule->info().title) : "") + "</td><td>" +
         (rule ? severity_badge(rule_severity(r, s.id)) : "") + "</td><td>" + status +
         "</td><td class=\"num\">" + (s.ran ? format_count(s.records_checked) : "&ndash;") +
         "</td><td class=\"num\">" + format_count(sum.challenges) + "</td><td class=\"num\">" +
         esc(format_pounds(sum.at_risk)) + "</td></tr>";
  }
  if (r.rules.empty()) h += "<tr><td colspan=\"7\" class=\"muted\">No rules.</td></tr>";
  h += "</tbody></table></section>\n";
}

// ---- funnel plots

void funnel_plots(const RunResult& r, std::string& h) {
  h += "<section id=\"funnels\"><h2>Funnel plots</h2>";
  if (r.report.funnels.empty()) {
    h += "<p class=\"muted\">No funnel plots in this run: the pattern rules found no groups to "
         "compare (or did not run; see <a href=\"#rules\">Totals by rule</a>).</p></section>\n";
    return;
  }
  h += "<p class=\"muted small\">Each point is one provider: its proportion against the number of "
       "cases. Control limits around the target are target &plusmn; "
       "z&middot;&radic;(target(1&minus;target)/n), with z = 1.96 (95%) and 3.09 (99.8%). A point above "
       "the 99.8% limit is very unlikely to be chance alone. Point colours are the pattern rule's own "
       "verdict, which judges each provider against its peers without it, so a point close to a curve may "
       "be coloured as if on the other side.</p>";
  for (std::size_t i = 0; i < r.report.funnels.size(); ++i) {
    const FunnelPlot& plot = r.report.funnels[i];
    h += "<figure><figcaption>" + esc(plot.title) + "</figcaption>" +
         funnel_svg(plot, static_cast<int>(i + 1)) + "</figure>";
  }
  h += "</section>\n";
}

// ---- top challenges

void top_challenges(const RunResult& r, std::string& h) {
  // By amount at risk, largest first; ties in the canonical order of the challenge list (= CHALLENGE_ID).
  // Kept while the list was gathered or streamed (ChallengeTotals::top): a big list is never all in memory.
  const ChallengeTotals totals = r.totals();
  const std::size_t n = totals.top.size();
  // The report circulates beyond the provider, so it shows no patient-level text: record ids can embed NHS
  // numbers or dates of birth, and reasons and evidence quote record ids, dates of birth and death and ages.
  // Each row shows what is wrong in the rule's own words (its catalogue title) and the challenge id, which
  // finds the record, its reason and its evidence in the challenge list.
  h += "<section id=\"challenges\"><h2>Top " + std::to_string(kTopChallenges) +
       " challenges by amount at risk</h2><p class=\"muted small\">Showing " + format_count(n) + " of " +
       format_count(totals.count) +
       ". Look a challenge up by its id in challenges.csv / challenges.json, which hold every challenge with "
       "its record id, reason and evidence and the NHS numbers the provider needs to check them; this report "
       "leaves them out, as they identify "
       "patients.</p><table><thead><tr><th>Challenge</th><th>Rule</th><th>Provider, dataset</th><th "
       "class=\"num\">Charged</th><th class=\"num\">At risk</th><th>What is "
       "wrong</th></tr></thead><tbody>";
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t i = totals.top[k].index;
    const Challenge& c = totals.top[k].challenge;
    const Rule* rule = RuleRegistry::instance().find(c.rule);
    h += "<tr><td class=\"code\">" + esc(challenge_id(i)) + "<div>" +
         severity_badge(severity_name(c.severity)) + "</div></td><td class=\"code\">" + esc(c.rule) +
         "</td><td class=\"code\">" + esc(c.procode.str()) + " <span class=\"muted\">" +
         esc(dataset_name(c.dataset)) + "</span>" +
         (c.pos == kNoRecord ? std::string("<div class=\"muted\">(pattern)</div>") : std::string()) +
         "</td><td class=\"num\">" + esc(format_pounds(c.charged)) + "</td><td class=\"num\">" +
         esc(format_pounds(c.challenged)) + "</td><td>" + (rule ? esc(rule->info().title) : "") +
         "</td></tr>";
  }
  if (n == 0) h += "<tr><td colspan=\"6\" class=\"muted\">No challenges.</td></tr>";
  h += "</tbody></table></section>\n";
}

// ---- data quality

// Data-quality shares are rounded down, so that 100.0% means complete (99.96% is not); the epsilon keeps
// 0.95 at 95.0%.
std::string percent_down(double share) {
  return printf_string("%.1f%%", std::floor(share * 1000.0 + 1e-7) / 10.0);
}

std::string score_cell(std::optional<double> share) {
  if (!share) return "<td class=\"num muted\">not measured</td>";
  const char* grade = *share >= 0.95 ? "good" : *share >= 0.80 ? "fair" : "poor";
  return std::string("<td class=\"num ") + grade + "\">" + percent_down(*share) +
         "<span class=\"bar\"><span style=\"width:" +
         printf_string("%.1f", std::clamp(*share, 0.0, 1.0) * 100) + "%\"></span></span></td>";
}

void data_quality(const RunResult& r, std::string& h) {
  h += "<section id=\"quality\"><h2>Data quality by provider</h2><p class=\"muted "
       "small\">Completeness: share of the mandatory data items populated. Validity: share of populated "
       "values that pass their check (NHS number Modulus 11, codes in the reference tables and the data "
       "dictionary, consistent dates). Coverage: share of records whose patient is on the practice "
       "register (only when a register was supplied). DQ score: the mean of these. They follow the three "
       "dimensions of NHS Digital's Data Quality Maturity Index but are not the official DQMI (definitions "
       "in docs/data_quality.md and data_quality.csv). Weakest item: the item least often present and "
       "valid.</p><table><thead><tr><th>Provider</th><th>Dataset</th><th class=\"num\">Records</th><th "
       "class=\"num\">Completeness</th><th class=\"num\">Validity</th><th class=\"num\">Coverage</th><th "
       "class=\"num\">DQ score</th><th>Weakest item</th></tr></thead><tbody>";
  for (const auto& [key, counts] : r.data_quality.counts()) {
    const DataQualityScores s = data_quality_scores(key.dataset, counts);
    h += "<tr><td class=\"code\">" + esc(key.procode.str()) + "</td><td class=\"code\">" +
         esc(dataset_name(key.dataset)) + "</td><td class=\"num\">" + format_count(counts.records) + "</td>" +
         score_cell(s.completeness) + score_cell(s.validity) + score_cell(s.coverage) + score_cell(s.score) +
         "<td>" +
         (s.weakest.empty()
              ? std::string("<span class=\"muted\">none</span>")
              : "<span class=\"code\">" + esc(s.weakest) + "</span> " + percent_down(s.weakest_score)) +
         "</td></tr>";
  }
  if (r.data_quality.counts().empty()) h += "<tr><td colspan=\"8\" class=\"muted\">No activity.</td></tr>";
  h += "</tbody></table></section>\n";
}

void privacy(std::string& h) {
  h += "<section id=\"privacy\"><h2>Privacy</h2><div class=\"note\"><p>This report is an overview for "
       "people: it never shows NHS numbers, dates of birth, record ids (which may embed either), or the "
       "challenges' reasons and evidence (which quote them); challenges are shown by their challenge id, "
       "and any run of ten digits in a file name is masked. The challenge list (challenges.csv, "
       "challenges.json) does carry NHS numbers, because the provider needs them to check each challenge: "
       "it is patient-identifiable data, to be shared only with the provider concerned, through a secure "
       "channel and under your information governance arrangements.</p><p>The report needs no network "
       "access: it has no scripts, fonts, images or links outside this file.</p></div></section>\n";
}

}  // namespace

std::string render_report_html(const RunResult& r, const std::vector<TrendPoint>* trend) {
  const std::map<Code, ProviderSummary> providers = summarise_providers(r);
  std::string h;
  h.reserve(64 << 10);
  h += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta "
       "name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>recon: activity "
       "challenge report</title>\n<style>";
  h += kStyle;
  h += "</style>\n</head>\n<body>\n<header><h1>Activity challenge report</h1><p>Provider activity checked "
       "before payment: " +
       format_count(r.totals().count) + " challenges across " + format_count(providers.size()) +
       (providers.size() == 1 ? " provider" : " providers") + ".</p><p class=\"run-id\">Run " +
       html_escape(r.run_id) +
       " (the run_id of run_manifest.json beside this report)</p></header>\n<nav><a "
       "href=\"#overview\">Overview</a><a href=\"#providers\">Providers</a><a "
       "href=\"#rules\">Rules</a>" +
       std::string(trend ? "<a href=\"#history\">Month on month</a>" : "") +
       std::string(configuration_worth_recording(r) ? "<a href=\"#configuration\">Configuration</a>" : "") +
       std::string(r.invoice ? "<a href=\"#invoice\">Invoice</a>" : "") +
       "<a href=\"#funnels\">Funnel plots</a><a href=\"#challenges\">Top "
       "challenges</a><a href=\"#quality\">Data quality</a><a href=\"#privacy\">Privacy</a></nav>\n<main>\n";
  overview(r, providers, h);
  provider_totals(providers, h);
  if (trend) h += history_trend_section(*trend);
  rule_totals(r, h);
  configuration_section(r, h);
  h += invoice_report_section(r);
  funnel_plots(r, h);
  top_challenges(r, h);
  data_quality(r, h);
  privacy(h);
  h += "</main>\n<footer>Generated by recon. Figures match summary_by_provider.csv, "
       "summary_by_rule.csv and data_quality.csv in the same directory.</footer>\n</body>\n</html>\n";
  return h;
}

void write_report_html(const RunResult& result, const std::string& path,
                       const std::vector<TrendPoint>* trend) {
  AtomicFile f(path);
  f << render_report_html(result, trend);
  f.commit();
}

}  // namespace recon
