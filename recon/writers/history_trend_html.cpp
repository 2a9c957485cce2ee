#include "recon/writers/history_trend_html.hpp"

#include <algorithm>
#include <map>

#include "recon/writers/report_text.hpp"

namespace recon {
namespace {

constexpr const char* kAccepted = "#007f3b";
constexpr const char* kDisputed = "#d5281b";
constexpr const char* kOpen = "#aeb7bd";  // queried or not answered
constexpr double kBarWidth = 34, kSlot = 62, kLeft = 86, kTop = 26, kPlotHeight = 150, kRightRoom = 150;

std::string px(double v) { return printf_string("%.1f", v); }

struct RunLabel {
  std::string run_id, as_of;
};

// The provider's points in run order (a run it had no challenges in shows as an empty bar).
std::string provider_svg(const std::string& procode, const std::vector<RunLabel>& runs,
                         const std::map<std::string, const TrendPoint*>& by_run, int index) {
  Pence top = 0;
  for (const auto& [run, p] : by_run) top = std::max(top, p->challenged);
  if (top <= 0) top = 1;
  const double width = kLeft + kSlot * static_cast<double>(runs.size()) + kRightRoom;
  const double height = kTop + kPlotHeight + 46;
  const double base = kTop + kPlotHeight;
  std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + px(width) + ' ' + px(height) +
                  "\" width=\"" + px(width) + "\" height=\"" + px(height) +
                  "\" role=\"img\" aria-labelledby=\"trend-title-" + std::to_string(index) + "\">";
  s += "<title id=\"trend-title-" + std::to_string(index) + "\">Amount challenged per run at provider " +
       html_escape(procode) + ": accepted, disputed, queried or not answered</title>";
  s += "<g font-family=\"Segoe UI,Roboto,Arial,Liberation Sans,sans-serif\" font-size=\"11\" "
       "fill=\"#212b32\">";
  // The y axis: zero and the largest amount.
  s += "<line x1=\"" + px(kLeft - 4) + "\" y1=\"" + px(base) + "\" x2=\"" +
       px(kLeft + kSlot * static_cast<double>(runs.size())) + "\" y2=\"" + px(base) +
       "\" stroke=\"#768692\"/>";
  s += "<text x=\"" + px(kLeft - 8) + "\" y=\"" + px(base + 4) + "\" text-anchor=\"end\">£0</text>";
  s += "<text x=\"" + px(kLeft - 8) + "\" y=\"" + px(kTop + 4) + "\" text-anchor=\"end\">" +
       html_escape(format_pounds(top)) + "</text>";
  s += "<line x1=\"" + px(kLeft - 4) + "\" y1=\"" + px(kTop) + "\" x2=\"" +
       px(kLeft + kSlot * static_cast<double>(runs.size())) + "\" y2=\"" + px(kTop) +
       "\" stroke=\"#e8edee\"/>";
  auto scaled = [&](Pence p) { return kPlotHeight * static_cast<double>(std::max<Pence>(p, 0)) / top; };
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const double x = kLeft + kSlot * static_cast<double>(i) + (kSlot - kBarWidth) / 2;
    const auto it = by_run.find(runs[i].run_id + '\n' + runs[i].as_of);
    if (it != by_run.end()) {
      const TrendPoint& p = *it->second;
      const double total = scaled(p.challenged), accepted = scaled(p.accepted_amount),
                   disputed = scaled(p.disputed_amount);
      const double open = std::max(0.0, total - accepted - disputed);
      double y = base;
      for (const auto& [h, colour] :
           {std::pair{accepted, kAccepted}, std::pair{disputed, kDisputed}, std::pair{open, kOpen}}) {
        if (h <= 0) continue;
        y -= h;
        s += "<rect x=\"" + px(x) + "\" y=\"" + px(y) + "\" width=\"" + px(kBarWidth) + "\" height=\"" +
             px(h) + "\" fill=\"" + colour + "\"/>";
      }
      s += "<text x=\"" + px(x + kBarWidth / 2) + "\" y=\"" + px(base - total - 4) +
           "\" text-anchor=\"middle\">" + format_count(p.challenges) + "</text>";
    }
    s += "<text x=\"" + px(x + kBarWidth / 2) + "\" y=\"" + px(base + 15) + "\" text-anchor=\"middle\">" +
         html_escape(runs[i].as_of) + "</text>";
    s += "<text x=\"" + px(x + kBarWidth / 2) + "\" y=\"" + px(base + 28) +
         "\" text-anchor=\"middle\" fill=\"#4c6272\" font-size=\"9\">" +
         html_escape(runs[i].run_id.substr(0, 8)) + "</text>";
  }
  const double lx = kLeft + kSlot * static_cast<double>(runs.size()) + 16;
  double ly = kTop + 6;
  for (const auto& [label, colour] : {std::pair{"accepted", kAccepted}, std::pair{"disputed", kDisputed},
                                      std::pair{"queried or open", kOpen}}) {
    s += "<rect x=\"" + px(lx) + "\" y=\"" + px(ly - 9) + "\" width=\"10\" height=\"10\" fill=\"" + colour +
         "\"/><text x=\"" + px(lx + 16) + "\" y=\"" + px(ly) + "\">" + label + "</text>";
    ly += 18;
  }
  s += "<text x=\"" + px(lx) + "\" y=\"" + px(ly + 4) + "\" fill=\"#4c6272\">number above a bar:</text>";
  s += "<text x=\"" + px(lx) + "\" y=\"" + px(ly + 18) + "\" fill=\"#4c6272\">challenges raised</text>";
  s += "</g></svg>";
  return s;
}

}  // namespace

std::string history_trend_section(const std::vector<TrendPoint>& points) {
  if (points.empty()) return {};
  // Runs in the order given (the latest kTrendRuns), providers in code order.
  std::vector<RunLabel> runs;
  for (const TrendPoint& p : points)
    if (runs.empty() || runs.back().run_id != p.run_id || runs.back().as_of != p.as_of)
      runs.push_back({p.run_id, p.as_of});
  if (runs.size() > kTrendRuns)
    runs.erase(runs.begin(), runs.end() - static_cast<std::ptrdiff_t>(kTrendRuns));
  std::map<std::string, std::map<std::string, const TrendPoint*>> by_provider;
  for (const TrendPoint& p : points) by_provider[p.procode][p.run_id + '\n' + p.as_of] = &p;

  std::string h =
      "<section id=\"history\"><h2>Month on month</h2><p class=\"muted small\">From the challenge history "
      "(--history): each bar is one run (its as-of date and run id), the amount challenged split into what "
      "the provider has accepted, disputed, and what is queried or not answered yet; the number above a bar "
      "is the challenges raised. Amounts are sums of CHALLENGED (a record challenged by two rules counts "
      "twice). Answers are the latest imported (recon responses import).</p>";
  int index = 0;
  for (const auto& [procode, by_run] : by_provider) {
    ++index;
    const std::string name = procode.empty() ? "no provider" : procode;
    h += "<figure><figcaption>Provider " + html_escape(name) + "</figcaption>" +
         provider_svg(procode, runs, by_run, index) + "</figure>";
    h += "<table><thead><tr><th>As of</th><th>Run</th><th class=\"num\">Challenges</th><th "
         "class=\"num\">Amount challenged</th><th class=\"num\">Accepted</th><th "
         "class=\"num\">Accepted amount</th><th class=\"num\">Disputed</th><th class=\"num\">Disputed "
         "amount</th><th class=\"num\">Queried</th></tr></thead><tbody>";
    for (const RunLabel& run : runs) {
      const auto it = by_run.find(run.run_id + '\n' + run.as_of);
      if (it == by_run.end()) continue;
      const TrendPoint& p = *it->second;
      h += "<tr><td>" + html_escape(p.as_of) + "</td><td class=\"code\">" + html_escape(p.run_id) +
           "</td><td class=\"num\">" + format_count(p.challenges) + "</td><td class=\"num\">" +
           format_pounds(p.challenged) + "</td><td class=\"num\">" + format_count(p.accepted) +
           "</td><td class=\"num\">" + format_pounds(p.accepted_amount) + "</td><td class=\"num\">" +
           format_count(p.disputed) + "</td><td class=\"num\">" + format_pounds(p.disputed_amount) +
           "</td><td class=\"num\">" + format_count(p.queried) + "</td></tr>";
    }
    h += "</tbody></table>";
  }
  h += "</section>\n";
  return h;
}

}  // namespace recon
