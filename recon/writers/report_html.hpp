#pragma once
// report.html: the human overview of a run, one self-contained page (inline CSS and SVG; no scripts, fonts,
// images or links outside the file), so it opens offline and can be mailed as it is. Sections: run overview,
// totals by provider and by rule (with the records each rule checked), the pattern rules' funnel plots, the
// top 50 challenges by amount at risk, data quality per provider, and a privacy note.
//
// It is the file that circulates, so it carries no patient-level text: no NHS number, date of birth, record
// id (ids may embed either), reason or evidence (which quote them). Challenges are shown by challenge id and
// rule title, and any run of ten digits in a file name is masked: the challenge list files are the
// patient-level documents.
// The output is deterministic: no timestamps, fixed number formatting, fixed orders.
#include <string>
#include <vector>

#include "recon/engine/run_result.hpp"
#include "recon/writers/challenge_history.hpp"  // TrendPoint
#include "recon/writers/funnel_svg.hpp"         // the funnel plots' SVG
#include "recon/writers/report_text.hpp"        // its formats: html_escape, format_pounds, format_count, ...

namespace recon {

// `trend`: with --history, the month-on-month section's points (recon/writers/history_trend_html.hpp).
std::string render_report_html(const RunResult& result, const std::vector<TrendPoint>* trend = nullptr);
void write_report_html(const RunResult& result, const std::string& path,
                       const std::vector<TrendPoint>* trend = nullptr);  // atomically

}  // namespace recon
