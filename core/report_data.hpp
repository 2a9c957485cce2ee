#pragma once
// Figures that rules and the run hand to the human report (recon/writers/report_html.cpp renders them). Plain
// data: rules know nothing of HTML or SVG.
#include <string>
#include <vector>

#include "core/code.hpp"
#include "core/money.hpp"

namespace recon {

// One point of a funnel plot: a unit (e.g. provider) with n cases of which `events` are of interest.
struct FunnelPoint {
  std::string label;  // e.g. "RXH"
  double n = 0;       // denominator (x axis)
  double value = 0;   // proportion (y axis)
  bool above_998 = false, above_95 = false;
};

struct FunnelPlot {
  std::string title;  // e.g. "EB03: share of spells in the top CC splits (A, B)"
  std::string y_label;
  double target = 0;  // the benchmark proportion (peer mean)
  std::vector<FunnelPoint> points;
};

struct ReportData {
  std::vector<FunnelPlot> funnels;
};

}  // namespace recon
