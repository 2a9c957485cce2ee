// report.html (recon/writers/report_html.hpp): content checks on a hand-built RunResult, and a render in
// headless Chromium (Debian's chromium package; skipped with a message where it is not installed) with a
// screenshot. Set RECON_SCREENSHOT_DIR to keep the rendered report.html and report.png for a look.
#include "recon/writers/report_html.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "core/nhs_number.hpp"
#include "recon/writers/output_writers.hpp"
#include "tests/rule_harness.hpp"

namespace recon {
namespace {
namespace fs = std::filesystem;

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

NhsNumber nhs_of(const std::string& text) {
  NhsNumber n = 0;
  parse_nhs_number(text, n);
  return n;
}

Challenge challenge(std::string rule, Severity sev, const char* procode, Dataset ds, std::uint64_t line,
                    std::string id, Pence charged, Pence challenged, std::string reason,
                    std::string evidence) {
  Challenge c;
  c.rule = std::move(rule);
  c.severity = sev;
  c.dataset = ds;
  c.pos = {0, line};
  c.record_id = std::move(id);
  c.procode = Code::of(procode);
  c.gpprac = Code::of("A81001");
  c.nhs = nhs_of(testing::valid_nhs(static_cast<int>(line)));
  c.activity_date = make_day(2025, 4, 1) + static_cast<Day>(line % 60);
  c.charged = charged;
  c.challenged = challenged;
  c.reason = std::move(reason);
  c.evidence = std::move(evidence);
  return c;
}

FunnelPlot sample_funnel(const std::string& title, double target) {
  FunnelPlot f;
  f.title = title;
  f.y_label = "Share of spells in splits A-B";
  f.target = target;
  const struct {
    const char* label;
    double n, value;
    bool a95, a998;
  } points[] = {{"RXH", 1850, 0.41, true, true},   {"RYJ", 2400, 0.305, false, false},
                {"RQM", 760, 0.36, true, false},   {"RJ1", 320, 0.27, false, false},
                {"RAL", 1320, 0.25, false, false}, {"RRV", 2950, 0.272, false, false},
                {"RF4", 540, 0.33, false, false},  {"R1H", 1100, 0.20, false, false}};
  for (const auto& p : points) f.points.push_back({p.label, p.n, p.value, p.a998, p.a95});
  return f;
}

// A run as run_recon would leave it: three providers, rules run and skipped, 60 challenges (one a pattern
// challenge), two funnel plots and data-quality counts.
RunResult sample_result() {
  RunResult r;
  r.file_paths = {"/data/sus/apc_2025_04.csv", "/data/sus/op_2025_04.csv"};
  r.counts = {{"/data/sus/apc_2025_04.csv", "apc", 1250, 1238, 12, 0, {}, {}},
              {"/data/sus/op_2025_04.csv", "op", 3400, 3400, 0, 0, {}, {}}};
  r.providers[Code::of("RXH")] = {{840, 2100, 0}, 312345678};
  r.providers[Code::of("RYJ")] = {{310, 900, 0}, 145000000};
  r.providers[Code::of("RQM")] = {{88, 400, 0}, 40012345};
  r.rules = {{"DUP", true, {}, 4512, "activity records with a valid NHS number"},
             {"NHS_INVALID", true, {}, 4638, "accepted activity records"},
             {"HRG_CREEP", true, {}, 4638, "accepted activity records"},
             {"NOT_REGISTERED", false, "no practice register supplied", 0, {}}};
  const char* providers[] = {"RXH", "RYJ", "RQM"};
  for (int i = 0; i < 59; ++i) {
    const char* p = providers[i % 3];
    const Pence charged = 100000 + (i * 7919) % 400000;
    const Pence at_risk = i % 4 == 0 ? charged : charged / 2;
    const std::string id = "S" + std::to_string(1000 + i);
    if (i % 2)
      r.challenges.push_back(
          challenge("DUP", Severity::kHigh, p, Dataset::kApc, 2 + i, id, charged, at_risk,
                    "Spell " + id + " repeats spell S0999 (same patient, provider, dates & HRG)",
                    "original=S0999; original_charged=1000.00"));
    else
      r.challenges.push_back(challenge("NHS_INVALID", Severity::kHigh, p, Dataset::kApc, 2 + i, id, charged,
                                       at_risk, "NHS number fails the Modulus 11 check <not payable>", ""));
  }
  // Patient-level text the report must leave out (it stays in the challenge list).
  r.challenges[0].reason = "Primary diagnosis <I500> & HRG EB03C: see <script>alert(1)</script>";
  r.challenges[1].evidence = "patient=9434765919; note=A&B";
  r.challenges[1].challenged = 900000;  // in the top 50
  Challenge pattern = challenge("HRG_CREEP", Severity::kMedium, "RXH", Dataset::kApc, 0, "", 0, 4567800,
                                "Share of EB03 spells in the top CC splits (41.0%) is above the 99.8% limit",
                                "hrg_root=EB03; share=0.410; target=0.300; n=1850");
  pattern.pos = kNoRecord;
  pattern.nhs = 0;
  r.challenges.push_back(pattern);
  std::sort(r.challenges.begin(), r.challenges.end(), challenge_order);

  r.report.funnels.push_back(sample_funnel("EB03: share of spells in the top CC splits (A, B)", 0.30));
  r.report.funnels.push_back(sample_funnel("DZ22: share of spells in the top CC split (A) & <others>", 0.28));

  auto& dq = r.data_quality.counts();
  for (int p = 0; p < 3; ++p) {
    DataQualityCounts& c = dq[{Code::of(providers[p]), Dataset::kApc}];
    c.records = 1000;
    for (std::size_t i = 0; i < data_quality_items(Dataset::kApc).size(); ++i)
      c.items[i] = {1000 - 40 * p * (i % 3), 1000 - 40 * p * (i % 3),
                    1000 - 60 * p * (i % 3) - (i == 11) * 90};
    c.coverage_checked = 1000;
    c.coverage_matched = 990 - 150 * p;
  }
  DataQualityCounts& op = dq[{Code::of("RXH"), Dataset::kOp}];
  op.records = 2100;
  for (std::size_t i = 0; i < data_quality_items(Dataset::kOp).size(); ++i) op.items[i] = {2100, 2100, 2100};
  op.coverage_checked = 2100;
  op.coverage_matched = 2050;
  return r;
}

TEST(ReportHtml, HasEverySectionInOneSelfContainedPage) {
  const std::string h = render_report_html(sample_result());
  EXPECT_EQ(h.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_TRUE(h.ends_with("</html>\n"));
  for (const char* id : {"overview", "providers", "rules", "funnels", "challenges", "quality", "privacy"})
    EXPECT_NE(h.find("<section id=\"" + std::string(id) + "\">"), std::string::npos) << id;
  // No scripts, external resources or links out of the file: the only URL is the SVG namespace.
  EXPECT_EQ(h.find("<script"), std::string::npos);
  for (const char* tag : {"<img", "<link", "<iframe", "@import", "src="})
    EXPECT_EQ(h.find(tag), std::string::npos) << tag;
  EXPECT_EQ(count_of(h, "http"), count_of(h, "xmlns=\"http://www.w3.org/2000/svg\""))
      << "no link out of the file";
  for (std::size_t at = h.find("href=\""); at != std::string::npos; at = h.find("href=\"", at + 1))
    EXPECT_EQ(h[at + 6], '#') << "in-page links only: " << h.substr(at, 40);
  // Totals, rule titles from the registry and statuses, money with pounds and thousands separators.
  EXPECT_NE(h.find("Rows in = accepted + rejected: 4,650 = 4,638 + 12"), std::string::npos) << "overview";
  EXPECT_NE(h.find("\xC2\xA3"
                   "3,123,456.78"),
            std::string::npos)
      << "RXH charged";
  EXPECT_NE(h.find("skipped: no practice register supplied"), std::string::npos);
  EXPECT_NE(h.find("Same activity submitted more than once"), std::string::npos)
      << "DUP title from the registry";
  EXPECT_NE(h.find(">RQM</td>"), std::string::npos);
}

TEST(ReportHtml, EscapesTextAndNeverPrintsNhsNumbers) {
  RunResult r = sample_result();
  r.counts[1].path = "/data/<sus> & co/op_9434765919.csv";
  const std::string h = render_report_html(r);
  EXPECT_NE(h.find("/data/&lt;sus&gt; &amp; co/op_[NHS number].csv"), std::string::npos)
      << "file names are escaped, ten-digit runs in them masked";
  EXPECT_NE(h.find("DZ22: share of spells in the top CC split (A) &amp; &lt;others&gt;"), std::string::npos);
  EXPECT_EQ(h.find("<others>"), std::string::npos);
  EXPECT_EQ(h.find("<sus>"), std::string::npos);
  // No reason, evidence or record id: they quote patient details. Rows say what is wrong by rule title.
  for (const char* text : {"Primary diagnosis", "I500", "<script", "patient=", "note=A", "repeats spell",
                           "original=S0999", "not payable", "S1000", "S1001", "S0999"})
    EXPECT_EQ(h.find(text), std::string::npos) << text;
  const std::size_t table = h.find("<section id=\"challenges\">");
  const std::string section = h.substr(table, h.find("</section>", table) - table);
  EXPECT_NE(section.find("<td>Same activity submitted more than once</td>"), std::string::npos);
  // No NHS number: neither the challenges' own nor the one planted in the evidence.
  EXPECT_FALSE(std::regex_search(h, std::regex(R"(\d{10})")));
  for (const Challenge& c : r.challenges)
    if (c.nhs) {
      EXPECT_EQ(h.find(format_nhs_number(c.nhs)), std::string::npos);
    }
}

TEST(ReportHtml, RulesSayHowManyRecordsTheyCheckedAndWhenNone) {
  RunResult r = sample_result();
  std::string h = render_report_html(r);
  EXPECT_NE(h.find("<td class=\"num\">4,512</td>"), std::string::npos) << "DUP's records checked";
  EXPECT_EQ(h.find("ran on 0 records"), std::string::npos);
  r.rules[0].records_checked = 0;
  h = render_report_html(r);
  EXPECT_NE(h.find("ran on 0 records: no activity records with a valid NHS number"), std::string::npos);
  EXPECT_NE(h.find("1 ran on 0 records, so checked nothing"), std::string::npos) << "in the overview too";
}

TEST(ReportHtml, OneSvgPerFunnelPlotWithLimitsPointsAndLegend) {
  RunResult r = sample_result();
  std::string h = render_report_html(r);
  EXPECT_EQ(count_of(h, "<svg "), 2u);
  EXPECT_EQ(count_of(h, "</svg>"), 2u);
  EXPECT_EQ(count_of(h, "<polyline "), 8u) << "95% and 99.8% limits, upper and lower, per plot";
  EXPECT_EQ(count_of(h, "<circle "), 2u * (8 + 4)) << "8 points and 4 legend keys per plot";
  EXPECT_EQ(count_of(h, "fill=\"#d5281b\"><title>RXH: 41.0% of 1,850</title>"), 2u) << "above 99.8%: red";
  EXPECT_EQ(count_of(h, "fill=\"#ed8b00\"><title>RQM: 36.0% of 760</title>"), 2u) << "above 95%: amber";
  EXPECT_NE(h.find("Target 30.0%"), std::string::npos);
  EXPECT_NE(h.find("99.8% limits"), std::string::npos);
  EXPECT_NE(h.find("Number of cases (n)"), std::string::npos);
  EXPECT_NE(h.find(">Share of spells in splits A-B</text>"), std::string::npos) << "y axis label";
  EXPECT_NE(h.find("id=\"funnel1-clip\""), std::string::npos);
  EXPECT_NE(h.find("id=\"funnel2-clip\""), std::string::npos) << "ids unique per plot";

  r.report.funnels.clear();
  h = render_report_html(r);
  EXPECT_EQ(h.find("<svg"), std::string::npos);
  EXPECT_NE(h.find("No funnel plots in this run"), std::string::npos);
}

TEST(ReportHtml, TopFiftyChallengesByAmountAtRiskWithAFixedTieBreak) {
  RunResult r = sample_result();
  const std::string h = render_report_html(r);
  const std::size_t table = h.find("<section id=\"challenges\">");
  const std::string section = h.substr(table, h.find("</section>", table) - table);
  EXPECT_EQ(count_of(section, "<tr><td class=\"code\">CH"), 50u);
  EXPECT_NE(section.find("Showing 50 of 60"), std::string::npos);
  // Rows in order of amount at risk, ties by challenge id.
  std::vector<std::pair<Pence, std::size_t>> expected;
  for (std::size_t i = 0; i < r.challenges.size(); ++i) expected.emplace_back(-r.challenges[i].challenged, i);
  std::sort(expected.begin(), expected.end());
  std::size_t at = 0;
  for (std::size_t k = 0; k < 50; ++k) {
    const std::string id = "<td class=\"code\">" + challenge_id(expected[k].second) + "<div>";
    const std::size_t next = section.find(id, at);
    ASSERT_NE(next, std::string::npos) << "row " << k << " " << id;
    at = next;
  }
  EXPECT_EQ(section.find(challenge_id(expected[50].second)), std::string::npos) << "the 51st is left out";
  EXPECT_NE(section.find("(pattern)"), std::string::npos)
      << "the pattern challenge (45,678.00) is in the top 50";
}

TEST(ReportHtml, DataQualitySection) {
  const std::string h = render_report_html(sample_result());
  const std::size_t at = h.find("<section id=\"quality\">");
  const std::string section = h.substr(at, h.find("</section>", at) - at);
  EXPECT_EQ(count_of(section, "<tr><td class=\"code\">"), 4u) << "3 providers' APC + RXH's OP";
  EXPECT_NE(section.find("not the official DQMI"), std::string::npos);
  EXPECT_NE(section.find("<span class=\"code\">DIAG_01</span>"), std::string::npos) << "weakest item";
}

TEST(ReportHtml, NumberFormatting) {
  EXPECT_EQ(format_pounds(1234567),
            "\xC2\xA3"
            "12,345.67");
  EXPECT_EQ(format_pounds(0),
            "\xC2\xA3"
            "0.00");
  EXPECT_EQ(format_pounds(5),
            "\xC2\xA3"
            "0.05");
  EXPECT_EQ(format_pounds(-500),
            "-\xC2\xA3"
            "5.00");
  EXPECT_EQ(format_pounds(100000000000),
            "\xC2\xA3"
            "1,000,000,000.00");
  EXPECT_EQ(format_count(0), "0");
  EXPECT_EQ(format_count(999), "999");
  EXPECT_EQ(format_count(1000), "1,000");
  EXPECT_EQ(format_count(1234567), "1,234,567");
  EXPECT_EQ(html_escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&#39;");
  EXPECT_EQ(mask_nhs_numbers("nhs=9434765919; id=12345678901; n=123456789; x9434765919y"),
            "nhs=[NHS number]; id=12345678901; n=123456789; x[NHS number]y");
  EXPECT_EQ(mask_nhs_numbers("a 943 476 5919, b 943-476-5919; c 943 476 59190; d 2025-04-01 123 456"),
            "a [NHS number], b [NHS number]; c 943 476 59190; d 2025-04-01 123 456");
  EXPECT_NEAR(funnel_limit(0.2, 100, kZ95), 0.2 + 1.96 * 0.04, 1e-12);
  EXPECT_NEAR(funnel_limit(0.2, 100, -kZ998), 0.2 - 3.09 * 0.04, 1e-12);
  EXPECT_EQ(funnel_limit(0.5, 1, kZ998), 1.0) << "clamped to [0, 1]";
  EXPECT_EQ(funnel_limit(0.5, 1, -kZ998), 0.0);
}

TEST(ReportHtml, IsDeterministicAndWrittenAtomically) {
  const RunResult r = sample_result();
  EXPECT_EQ(render_report_html(r), render_report_html(r));
  const fs::path dir = fs::temp_directory_path() / ("recon_report_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  write_report_html(r, (dir / "report.html").string());
  std::ifstream in(dir / "report.html", std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(ss.str(), render_report_html(r));
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1) << "no temp file left";
  fs::remove_all(dir);
}

// ---- headless Chromium

constexpr const char* kChromium = "/usr/bin/chromium";

struct Command {
  int status = -1;
  std::string out;
};
Command run_command(const std::string& cmd) {
  Command c;
  FILE* p = popen((cmd + " 2>/dev/null").c_str(), "r");
  if (!p) return c;
  char buf[8192];
  while (std::size_t n = fread(buf, 1, sizeof buf, p)) c.out.append(buf, n);
  const int st = pclose(p);
  c.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return c;
}

std::string chromium(const fs::path& profile, const std::string& args) {
  return std::string("timeout 60 ") + kChromium +
         " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
         "--disable-background-networking"
         " --disable-component-update --disable-sync --user-data-dir=" +
         profile.string() + " " + args;
}

std::uint32_t big_endian32(const std::string& s, std::size_t at) {
  return (std::uint32_t{static_cast<unsigned char>(s[at])} << 24) |
         (std::uint32_t{static_cast<unsigned char>(s[at + 1])} << 16) |
         (std::uint32_t{static_cast<unsigned char>(s[at + 2])} << 8) | static_cast<unsigned char>(s[at + 3]);
}

TEST(ReportHtmlChromium, RendersInHeadlessChromiumWithAScreenshot) {
  if (!fs::exists(kChromium))
    GTEST_SKIP() << kChromium << " not found: install Debian's chromium package (scripts/install-deps.sh) to "
                 << "render report.html headless";
  const fs::path dir = fs::temp_directory_path() / ("recon_report_chromium_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const RunResult r = sample_result();
  write_report_html(r, (dir / "report.html").string());
  const std::string url = "file://" + (dir / "report.html").string();

  const Command shot = run_command(chromium(
      dir / "profile1", "--window-size=1280,2000 --screenshot=" + (dir / "report.png").string() + " " + url));
  ASSERT_EQ(shot.status, 0) << "chromium failed to take the screenshot";
  ASSERT_TRUE(fs::exists(dir / "report.png"));
  std::ifstream in(dir / "report.png", std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string png = ss.str();
  EXPECT_GT(png.size(), 20000u) << "a rendered page, not a blank one";
  ASSERT_GE(png.size(), 24u);
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_EQ(png.substr(12, 4), "IHDR");
  EXPECT_EQ(big_endian32(png, 16), 1280u) << "width";
  EXPECT_EQ(big_endian32(png, 20), 2000u) << "height";

  // The DOM after parsing: the SVG elements survived (an HTML parser drops what it cannot place).
  const Command dom = run_command(chromium(dir / "profile2", "--dump-dom " + url));
  ASSERT_EQ(dom.status, 0);
  EXPECT_EQ(count_of(dom.out, "<svg "), r.report.funnels.size());
  EXPECT_EQ(count_of(dom.out, "<polyline "), 4 * r.report.funnels.size());
  EXPECT_GE(count_of(dom.out, "<circle "), 8 * r.report.funnels.size());
  EXPECT_NE(dom.out.find("<section id=\"privacy\">"), std::string::npos);
  EXPECT_FALSE(std::regex_search(dom.out, std::regex(R"(\d{10})")));

  if (const char* keep = std::getenv("RECON_SCREENSHOT_DIR")) {
    fs::create_directories(keep);
    fs::copy_file(dir / "report.png", fs::path(keep) / "report.png", fs::copy_options::overwrite_existing);
    fs::copy_file(dir / "report.html", fs::path(keep) / "report.html", fs::copy_options::overwrite_existing);
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace recon
