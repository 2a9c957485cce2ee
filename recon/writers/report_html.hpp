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
#include <string_view>

#include "core/money.hpp"
#include "core/report_data.hpp"
#include "recon/engine/run_result.hpp"
#include "rules/aggregate/funnel_stats.hpp"

namespace recon {

std::string render_report_html(const RunResult& result);
void write_report_html(const RunResult& result, const std::string& path);  // atomically

// Building blocks, exposed for tests.
std::string html_escape(std::string_view text);
std::string format_pounds(Pence p);         // "£12,345.67", "-£5.00"
std::string format_count(std::uint64_t n);  // "12,345"
std::string mask_nhs_numbers(
    std::string_view text);  // standalone runs of exactly 10 digits -> "[NHS number]"
std::string funnel_svg(const FunnelPlot& plot, int index);  // index makes the SVG's internal ids unique

// The control limits drawn on a funnel plot for a proportion: target + z * sqrt(target (1 - target) / n),
// clamped to [0, 1]; z < 0 gives the lower limits. The z values are the pattern rules' own
// (rules/aggregate/funnel_stats.hpp: 1.96 for 95%, 3.09 for 99.8%), so the curves match the points' flags.
double funnel_limit(double target, double n, double z);
inline constexpr double kZ95 = funnel::kZ95, kZ998 = funnel::kZ998;

}  // namespace recon
