#include "recon/writers/funnel_svg.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "recon/writers/report_text.hpp"

namespace recon {
namespace {

// Geometry: the plot area, with room for the axis labels on the left and below and the legend on the right.
constexpr double kWidth = 860, kHeight = 440, kLeft = 74, kRight = 640, kTop = 22, kBottom = 382;

// Point colours by the limit breached (above the upper limits is what the pattern rules flag).
constexpr const char* kColourAbove998 = "#d5281b";
constexpr const char* kColourAbove95 = "#ed8b00";
constexpr const char* kColourBelow = "#005eb8";
constexpr const char* kColourWithin = "#768692";

// A coordinate or length in the SVG: one decimal.
std::string px(double v) { return printf_string("%.1f", v); }

// A "nice" tick step (1, 2, 2.5 or 5 times a power of ten) giving about `ticks` intervals over `range`.
double nice_step(double range, int ticks) {
  if (!(range > 0)) return 1;
  const double raw = range / ticks;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  const double f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * mag;
}

std::string axis_count(double v, double step) {
  if (step >= 1) return format_count(static_cast<std::uint64_t>(std::llround(v)));
  return printf_string("%.1f", v);
}
std::string axis_percent(double v, double step) {
  return step * 100 >= 1 ? printf_string("%.0f%%", v * 100) : printf_string("%.1f%%", v * 100);
}

// "share of spells in splits AB" -> "Share of spells in splits AB".
std::string axis_title(std::string label) {
  if (label.empty()) return "Proportion";
  if (label[0] >= 'a' && label[0] <= 'z') label[0] = static_cast<char>(label[0] - 'a' + 'A');
  return label;
}

// The axes' ranges and ticks, and the mapping from (n, proportion) to the SVG's coordinates.
struct Scales {
  double target;         // clamped to [0, 1]
  double x_top, x_step;  // x from 0 to x_top, a tick every x_step
  double y_bottom, y_top, y_step;
  int y_ticks;  // intervals between y_bottom and y_top
  double x(double n) const { return kLeft + (kRight - kLeft) * n / x_top; }
  double y(double v) const { return kBottom - (kBottom - kTop) * (v - y_bottom) / (y_top - y_bottom); }
  std::string xy(double n, double v) const { return printf_string("%.1f,%.1f", x(n), y(v)); }
};

// x runs from 0 to a tick past the largest n. y spans every point, the target and the 99.8% limits at the
// smallest n (so the funnel's mouth is visible where the points are), with a margin, in whole ticks; it
// starts at 0 unless that would leave most of the plot empty.
Scales scales_for(const FunnelPlot& plot) {
  Scales sc{};
  sc.target = std::clamp(plot.target, 0.0, 1.0);
  double n_max = 0, n_min = 0, v_max = sc.target, v_min = sc.target;
  for (const FunnelPoint& p : plot.points) {
    n_max = std::max(n_max, p.n);
    n_min = n_min == 0 ? p.n : std::min(n_min, p.n);
    v_max = std::max(v_max, p.value);
    v_min = std::min(v_min, p.value);
  }
  if (!(n_max > 0)) n_max = 10;
  if (!(n_min > 0)) n_min = n_max / 10;
  v_max = std::clamp(std::max(v_max, funnel_limit(sc.target, n_min, kZ998)), 0.0, 1.0);
  v_min = std::clamp(std::min(v_min, funnel_limit(sc.target, n_min, -kZ998)), 0.0, 1.0);
  sc.x_step = nice_step(n_max * 1.05, 6);
  sc.x_top = std::ceil(n_max * 1.05 / sc.x_step) * sc.x_step;
  const double margin = std::max(0.08 * (v_max - v_min), 0.005);
  sc.y_step = nice_step(std::min(1.0, v_max + margin) - std::max(0.0, v_min - margin), 5);
  sc.y_top = std::min(1.0, std::ceil((v_max + margin) / sc.y_step) * sc.y_step);
  sc.y_bottom = std::max(0.0, std::floor((v_min - margin) / sc.y_step) * sc.y_step);
  if (sc.y_bottom <= 2 * sc.y_step) {  // close to 0: show the zero baseline, with ticks for the whole range
    sc.y_bottom = 0;
    sc.y_step = nice_step(sc.y_top, 5);
    sc.y_top = std::min(1.0, std::ceil((v_max + margin) / sc.y_step) * sc.y_step);
  }
  if (!(sc.y_top > sc.y_bottom)) {
    sc.y_bottom = 0;
    sc.y_top = sc.y_step = 0.1;
  }
  sc.y_ticks = static_cast<int>(std::llround((sc.y_top - sc.y_bottom) / sc.y_step));
  return sc;
}

// The <svg> element's opening, its title (for screen readers), the white background and the clip path that
// keeps the curves inside the plot area.
void svg_open(const FunnelPlot& plot, const std::string& id, std::string& s) {
  s += "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " +
       printf_string("%.0f %.0f", kWidth, kHeight) + "\" width=\"" + printf_string("%.0f", kWidth) +
       "\" height=\"" + printf_string("%.0f", kHeight) + "\" role=\"img\" aria-labelledby=\"" + id +
       "-title\" font-family=\"Segoe UI, Roboto, Helvetica Neue, Arial, Liberation Sans, sans-serif\" "
       "font-size=\"12\"><title id=\"" +
       id + "-title\">" + html_escape(plot.title) +
       "</title><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><clipPath id=\"" + id +
       "-clip\"><rect x=\"" + px(kLeft) + "\" y=\"" + px(kTop) + "\" width=\"" + px(kRight - kLeft) +
       "\" height=\"" + px(kBottom - kTop) + "\"/></clipPath>";
}

// The grid lines at every tick, and the ticks' labels.
void grid_and_ticks(const Scales& sc, std::string& s) {
  auto x_ticks = [&](auto&& draw) {
    for (int i = 0; i * sc.x_step <= sc.x_top + 1e-9; ++i) draw(i * sc.x_step);
  };
  auto y_ticks = [&](auto&& draw) {
    for (int i = 0; i <= sc.y_ticks; ++i) draw(sc.y_bottom + i * sc.y_step);
  };
  s += "<g stroke=\"#e8edee\" stroke-width=\"1\">";
  y_ticks([&](double v) {
    s += "<line x1=\"" + px(kLeft) + "\" x2=\"" + px(kRight) + "\" y1=\"" + px(sc.y(v)) + "\" y2=\"" +
         px(sc.y(v)) + "\"/>";
  });
  x_ticks([&](double n) {
    s += "<line y1=\"" + px(kTop) + "\" y2=\"" + px(kBottom) + "\" x1=\"" + px(sc.x(n)) + "\" x2=\"" +
         px(sc.x(n)) + "\"/>";
  });
  s += "</g><g fill=\"#4c6272\">";
  y_ticks([&](double v) {
    s += "<text x=\"" + px(kLeft - 8) + "\" y=\"" + px(sc.y(v) + 4) + "\" text-anchor=\"end\">" +
         axis_percent(v, sc.y_step) + "</text>";
  });
  x_ticks([&](double n) {
    s += "<text x=\"" + px(sc.x(n)) + "\" y=\"" + px(kBottom + 18) + "\" text-anchor=\"middle\">" +
         axis_count(n, sc.x_step) + "</text>";
  });
  s += "</g>";
}

// The x and y axis lines and their titles.
void axes(const FunnelPlot& plot, std::string& s) {
  s += "<g stroke=\"#212b32\" stroke-width=\"1\"><line x1=\"" + px(kLeft) + "\" x2=\"" + px(kRight) +
       "\" y1=\"" + px(kBottom) + "\" y2=\"" + px(kBottom) + "\"/><line x1=\"" + px(kLeft) + "\" x2=\"" +
       px(kLeft) + "\" y1=\"" + px(kTop) + "\" y2=\"" + px(kBottom) + "\"/></g>";
  s += "<text x=\"" + px((kLeft + kRight) / 2) + "\" y=\"" + px(kBottom + 42) +
       "\" text-anchor=\"middle\" fill=\"#212b32\" font-size=\"13\">Number of cases (n)</text>";
  s += "<text transform=\"translate(18 " + px((kTop + kBottom) / 2) +
       ") rotate(-90)\" text-anchor=\"middle\" fill=\"#212b32\" font-size=\"13\">" +
       html_escape(axis_title(plot.y_label)) + "</text>";
}

// One control limit (z > 0 upper, z < 0 lower) as a polyline, sampled on a geometric grid of n (the curves
// bend most at small n); empty if none of it is above 0.
std::string limit_curve(const Scales& sc, double z, const char* colour, const char* dash) {
  std::string pts;
  const double n0 = sc.x_top / 400;
  for (int i = 0; i <= 160; ++i) {
    const double n = n0 * std::pow(sc.x_top / n0, i / 160.0);
    const double v = funnel_limit(sc.target, n, z);
    if (z < 0 && v <= 0) continue;  // the lower limit is 0 until n is large enough: not drawn along the axis
    pts += (pts.empty() ? "" : " ") + sc.xy(n, v);
  }
  if (pts.empty()) return {};
  return "<polyline fill=\"none\" stroke=\"" + std::string(colour) + "\" stroke-width=\"1.5\"" +
         (dash[0] ? " stroke-dasharray=\"" + std::string(dash) + "\"" : "") + " points=\"" + pts + "\"/>";
}

// The 99.8% and 95% limits and the target line, clipped to the plot area.
void control_limits(const Scales& sc, const std::string& id, std::string& s) {
  s += "<g clip-path=\"url(#" + id + "-clip)\">";
  s += limit_curve(sc, kZ998, "#d5281b", "");
  s += limit_curve(sc, -kZ998, "#d5281b", "");
  s += limit_curve(sc, kZ95, "#ed8b00", "6 4");
  s += limit_curve(sc, -kZ95, "#ed8b00", "6 4");
  s += "<line x1=\"" + px(kLeft) + "\" x2=\"" + px(kRight) + "\" y1=\"" + px(sc.y(sc.target)) + "\" y2=\"" +
       px(sc.y(sc.target)) + "\" stroke=\"#212b32\" stroke-width=\"1.5\"/>";
  s += "</g>";
}

// The points, coloured by the limit breached, each with a tooltip: its unit, proportion and n.
void points(const FunnelPlot& plot, const Scales& sc, std::string& s) {
  s += "<g stroke=\"#fff\" stroke-width=\"1\">";
  for (const FunnelPoint& p : plot.points) {
    const bool below = p.value < funnel_limit(sc.target, p.n, -kZ95);
    const char* colour = p.above_998  ? kColourAbove998
                         : p.above_95 ? kColourAbove95
                         : below      ? kColourBelow
                                      : kColourWithin;
    s += "<circle cx=\"" + px(sc.x(p.n)) + "\" cy=\"" + px(sc.y(p.value)) + "\" r=\"5.5\" fill=\"" + colour +
         "\"><title>" + html_escape(p.label) + ": " + format_percent(p.value) + " of " +
         format_count(static_cast<std::uint64_t>(std::llround(p.n))) + "</title></circle>";
  }
  s += "</g>";
}

// The points' labels (the unit, e.g. the provider code): beside the point, at the first of four places
// (above right, below right, above left, below left) that overlaps no label placed before it, so close
// points stay readable. Boxes are estimated from the label's length (about 6.5 px a character at 11 px).
void point_labels(const FunnelPlot& plot, const Scales& sc, std::string& s) {
  struct Box {
    double x0, y0, x1, y1;
    bool overlaps(const Box& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
  };
  std::vector<Box> placed;
  s += "<g fill=\"#212b32\" font-size=\"11\">";
  for (const FunnelPoint& p : plot.points) {
    const double x = sc.x(p.n), y = sc.y(p.value), w = 6.5 * static_cast<double>(p.label.size()), h = 11;
    const double spots[][2] = {{x + 8, y - 6}, {x + 8, y + 14}, {x - 8 - w, y - 6}, {x - 8 - w, y + 14}};
    const double* at = spots[0];
    for (const auto& spot : spots) {
      const Box box{spot[0], spot[1] - h, spot[0] + w, spot[1]};
      if (std::none_of(placed.begin(), placed.end(), [&](const Box& b) { return b.overlaps(box); })) {
        at = spot;
        break;
      }
    }
    placed.push_back({at[0], at[1] - h, at[0] + w, at[1]});
    s += "<text x=\"" + px(at[0]) + "\" y=\"" + px(at[1]) + "\">" + html_escape(p.label) + "</text>";
  }
  s += "</g>";
}

// The legend, right of the plot area: the three lines, then the four point colours.
void legend(double target, std::string& s) {
  const double lx = kRight + 24;
  double ly = kTop + 8;
  s += "<g font-size=\"12\" fill=\"#212b32\"><text x=\"" + px(lx) + "\" y=\"" + px(ly + 4) +
       "\" font-weight=\"600\">Legend</text>";
  auto line_key = [&](const char* colour, const char* dash, const std::string& text) {
    ly += 22;
    s += "<line x1=\"" + px(lx) + "\" x2=\"" + px(lx + 28) + "\" y1=\"" + px(ly) + "\" y2=\"" + px(ly) +
         "\" stroke=\"" + colour + "\" stroke-width=\"1.5\"" +
         (dash[0] ? " stroke-dasharray=\"" + std::string(dash) + "\"" : "") + "/><text x=\"" + px(lx + 36) +
         "\" y=\"" + px(ly + 4) + "\">" + text + "</text>";
  };
  auto dot_key = [&](const char* colour, const std::string& text) {
    ly += 22;
    s += "<circle cx=\"" + px(lx + 14) + "\" cy=\"" + px(ly) + "\" r=\"5.5\" fill=\"" + colour +
         "\"/><text x=\"" + px(lx + 36) + "\" y=\"" + px(ly + 4) + "\">" + text + "</text>";
  };
  line_key("#212b32", "", "Target " + format_percent(target));
  line_key("#ed8b00", "6 4", "95% limits");
  line_key("#d5281b", "", "99.8% limits");
  ly += 8;
  dot_key(kColourAbove998, "Above 99.8% limit");
  dot_key(kColourAbove95, "Above 95% limit");
  dot_key(kColourWithin, "Within limits");
  dot_key(kColourBelow, "Below 95% limit");
  s += "</g>";
}

}  // namespace

double funnel_limit(double target, double n, double z) {
  if (!(n > 0)) return z > 0 ? 1.0 : 0.0;
  const double p = std::clamp(target, 0.0, 1.0);
  return std::clamp(p + z * std::sqrt(p * (1 - p) / n), 0.0, 1.0);
}

std::string funnel_svg(const FunnelPlot& plot, int index) {
  const std::string id = "funnel" + std::to_string(index);
  const Scales sc = scales_for(plot);
  std::string s;
  svg_open(plot, id, s);
  grid_and_ticks(sc, s);
  axes(plot, s);
  control_limits(sc, id, s);
  points(plot, sc, s);
  point_labels(plot, sc, s);
  legend(sc.target, s);
  s += "</svg>";
  return s;
}

}  // namespace recon
