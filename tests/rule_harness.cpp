#include "tests/rule_harness.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/nhs_number.hpp"
#include "parsers/csv_tokenizer.hpp"
#include "recon/cli/run_job.hpp"
#include "rules/registry.hpp"

namespace recon::testing {
namespace fs = std::filesystem;

namespace {
void write(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }
std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

std::string valid_nhs(int seed) {
  for (NhsNumber n = 4000000000ull + static_cast<NhsNumber>(seed) * 1009ull;; ++n)
    if (nhs_number_valid(n)) return format_nhs_number(n);
}

std::vector<std::string> run_rule(const std::string& rule_id, const RuleInputs& in) {
  static std::atomic<int> counter{0};
  const fs::path dir = fs::temp_directory_path() /
                       ("recon_rule_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
  fs::remove_all(dir);
  fs::create_directories(dir / "reference");
  for (const auto& entry : fs::directory_iterator(fs::path(RECON_SOURCE_DIR) / "tests/data/reference"))
    fs::copy_file(entry.path(), dir / "reference" / entry.path().filename());
  for (const auto& [table, text] : in.reference) write(dir / "reference" / (table + ".csv"), text);

  RunConfig c;
  c.reference_dir = (dir / "reference").string();
  c.out_dir = (dir / "out").string();
  c.threads = in.threads;
  c.quiet = true;
  c.rule_options = in.options;
  if (c.rule_options.as_of == kNoDay) c.rule_options.as_of = make_day(2026, 1, 1);
  auto add = [&](const std::string& text, const char* name, auto setter) {
    if (text.empty()) return;
    write(dir / name, text);
    setter((dir / name).string());
  };
  add(in.apc, "apc.csv", [&](std::string p) { c.apc.push_back(p); });
  add(in.op, "op.csv", [&](std::string p) { c.op.push_back(p); });
  add(in.ae, "ae.csv", [&](std::string p) { c.ae.push_back(p); });
  add(in.register_, "register.csv", [&](std::string p) { c.register_file = p; });
  add(in.referrals, "referrals.csv", [&](std::string p) { c.referrals_file = p; });
  add(in.conditions, "conditions.csv", [&](std::string p) { c.conditions_file = p; });
  add(in.invoice, "invoice.csv", [&](std::string p) { c.invoice.push_back(p); });
  for (const Rule* r : RuleRegistry::instance().all())
    if (r->info().id != rule_id) c.disabled_rules.emplace_back(r->info().id);

  run_recon(c);
  std::string text = read(dir / "out" / "challenges.csv");
  fs::remove_all(dir);

  // Re-serialise each record without its first field (CHALLENGE_ID), keeping CSV quoting.
  std::vector<std::string> rows;
  std::size_t first_nl = text.find('\n');
  std::string body = text.substr(first_nl + 1);
  csv::Tokenizer tok(body.data(), body.size(), 2);
  csv::Record rec;
  while (tok.next(rec)) {
    std::string row;
    for (std::size_t i = 1; i < rec.fields.size(); ++i) {
      std::string_view f = rec.fields[i];
      if (i > 1) row += ',';
      if (f.find_first_of(",\"\n") != std::string_view::npos) {
        row += '"';
        for (char ch : f) row += ch == '"' ? std::string("\"\"") : std::string(1, ch);
        row += '"';
      } else {
        row += f;
      }
    }
    rows.push_back(row);
  }
  return rows;
}

std::optional<std::string> why_rule_does_not_run(const std::string& rule_id) {
  const Reference ref;
  const PracticeData practice;
  const RuleOptions options;
  const RuleContext ctx{ref, practice, options};
  const Rule* rule = RuleRegistry::instance().find(rule_id);
  EXPECT_NE(rule, nullptr) << rule_id << " is not registered";
  if (!rule) return "not registered";
  std::string why;
  if (rule->can_run(ctx, why)) return std::nullopt;
  return why;
}

}  // namespace recon::testing
