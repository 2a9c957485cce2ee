// The golden rule tests: every case of every tests/rules/<RULE>.test (format: tests/rules/README.md) is a
// gtest GoldenRules.<RULE>_<case>, run through the real pipeline with only that rule enabled (rule_harness).
// RECON_UPDATE_GOLDEN=1 rewrites the expect block of each case whose rows differ, for review with git diff.
// GoldenRules.EveryRuleHasATestFile holds the registry and the files to each other: adding a rule means
// adding its .test file.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "rules/registry.hpp"
#include "tests/golden_file.hpp"
#include "tests/golden_options.hpp"
#include "tests/line_diff.hpp"
#include "tests/patient_placeholders.hpp"
#include "tests/rule_harness.hpp"

namespace recon::golden {
namespace {
namespace fs = std::filesystem;

const fs::path& rules_dir() {
  static const fs::path dir = fs::path(RECON_SOURCE_DIR) / "tests" / "rules";
  return dir;
}

std::vector<fs::path> test_files() {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(rules_dir(), ec))
    if (entry.path().extension() == ".test") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool update_mode() {
  const char* v = std::getenv("RECON_UPDATE_GOLDEN");
  return v && std::string(v) == "1";
}

// The rows as lines: a row holding a line break is compared line by line, as an expect block holds it.
std::vector<std::string> split_rows(const std::vector<std::string>& rows) {
  std::vector<std::string> lines;
  for (const std::string& row : rows) {
    std::size_t start = 0;
    for (std::size_t nl; (nl = row.find('\n', start)) != std::string::npos; start = nl + 1)
      lines.push_back(row.substr(start, nl - start));
    lines.push_back(row.substr(start));
  }
  return lines;
}

// The harness's input for `dataset` (as named after `input`).
void set_input(testing::RuleInputs& in, const std::string& dataset, std::string csv) {
  if (dataset.starts_with("reference/"))
    in.reference[dataset.substr(10)] = std::move(csv);
  else if (dataset == "apc")
    in.apc = std::move(csv);
  else if (dataset == "op")
    in.op = std::move(csv);
  else if (dataset == "ae")
    in.ae = std::move(csv);
  else if (dataset == "register")
    in.register_ = std::move(csv);
  else if (dataset == "referrals")
    in.referrals = std::move(csv);
  else if (dataset == "conditions")
    in.conditions = std::move(csv);
  else if (dataset == "invoice")
    in.invoice = std::move(csv);
}

// What a case hands the harness: its options, threads and inputs, placeholders expanded.
struct CaseInputs {
  testing::RuleInputs inputs;
  std::set<int> patients;  // the placeholders {P<n>} the inputs use
  std::string error;       // a wrong option, at error_line
  int error_line = 0;
};

CaseInputs inputs_of(const Case& c) {
  CaseInputs out;
  for (const Setting& s : c.options) {
    out.error = testing::set_rule_option(out.inputs, s.name, s.value);
    if (!out.error.empty()) {
      out.error_line = s.line;
      return out;
    }
  }
  if (c.threads) out.inputs.threads = c.threads;
  for (const Input& input : c.inputs) {
    const std::set<int> used = testing::patients_in(input.csv);
    out.patients.insert(used.begin(), used.end());
    set_input(out.inputs, input.dataset, testing::with_patients(input.csv));
  }
  return out;
}

// Every golden test is one of these, so that all share one fixture type in the GoldenRules suite.
class GoldenTest : public ::testing::Test {};

// One case of a .test file.
class GoldenCase : public GoldenTest {
 public:
  GoldenCase(fs::path file, std::string rule, Case c)
      : file_(std::move(file)), rule_(std::move(rule)), c_(std::move(c)) {}

  void TestBody() override {
    const std::string where = file_.string();
    if (!RuleRegistry::instance().find(rule_)) {
      ADD_FAILURE_AT(where.c_str(), c_.line)
          << "no rule " << rule_ << " is registered (the file's name is the rule id)";
      return;
    }
    const CaseInputs in = inputs_of(c_);
    if (!in.error.empty()) {
      ADD_FAILURE_AT(where.c_str(), in.error_line) << in.error;
      return;
    }
    std::vector<std::string> expected;
    for (const std::string& row : c_.expected) expected.push_back(testing::with_patients(row));
    const std::vector<std::string> actual = split_rows(testing::run_rule(rule_, in.inputs));
    if (actual == expected) return;

    // As the file would hold them: the NHS numbers of the case's placeholders written back as placeholders.
    std::vector<std::string> actual_as_written;
    for (const std::string& row : actual)
      actual_as_written.push_back(testing::as_placeholders(row, in.patients));
    if (update_mode()) {
      const std::string text = read_text(file_);
      std::ofstream(file_, std::ios::binary) << replace_expected(text, c_.name, actual_as_written);
      std::cout << "updated the expect block of case " << c_.name << " in " << where << '\n';
      return;
    }
    ADD_FAILURE_AT(where.c_str(), c_.expect_line)
        << "golden case " << c_.name << " (" << where << ':' << c_.line << "): the " << rule_
        << " challenge rows differ from the expect block (- expected only, + actual only):\n"
        << format_diff(c_.expected, actual_as_written)
        << "To accept the actual rows: RECON_UPDATE_GOLDEN=1 ./recon_tests --gtest_filter='GoldenRules."
        << rule_ << '_' << c_.name << "', then review with git diff.";
  }

 private:
  fs::path file_;
  std::string rule_;
  Case c_;
};

// A .test file the format does not allow: its one test fails, naming the line.
class BrokenFile : public GoldenTest {
 public:
  BrokenFile(fs::path file, int line, std::string message)
      : file_(std::move(file)), line_(line), message_(std::move(message)) {}
  void TestBody() override { ADD_FAILURE_AT(file_.string().c_str(), line_) << message_; }

 private:
  fs::path file_;
  int line_;
  std::string message_;
};

// The registry and tests/rules/ name the same rules. Read at run time, not registration time: rules register
// themselves during static initialisation too, in an order not known here.
class EveryRuleHasATestFile : public GoldenTest {
 public:
  void TestBody() override {
    std::set<std::string> files, rules;
    for (const fs::path& p : test_files()) files.insert(p.stem().string());
    for (const Rule* r : RuleRegistry::instance().all()) rules.emplace(r->info().id);
    std::string missing, unknown;
    for (const std::string& id : rules)
      if (!files.count(id)) missing += " " + id;
    for (const std::string& id : files)
      if (!rules.count(id)) unknown += " " + id;
    if (!missing.empty())
      ADD_FAILURE() << "rules with no golden test file " << rules_dir().string()
                    << "/<RULE>.test:" << missing;
    if (!unknown.empty()) ADD_FAILURE() << "golden test files for rules that are not registered:" << unknown;
  }
};

template <class T, class... Args>
void register_test(const std::string& name, const fs::path& file, int line, Args... args) {
  const std::string file_name = file.string();
  ::testing::RegisterTest("GoldenRules", name.c_str(), nullptr, nullptr, file_name.c_str(), line,
                          [=]() -> GoldenTest* { return new T(args...); });
}

// Registered during static initialisation, so that --gtest_list_tests (and ctest) see every case.
const bool registered = [] {
  register_test<EveryRuleHasATestFile>("EveryRuleHasATestFile", fs::path(__FILE__), __LINE__);
  for (const fs::path& file : test_files()) {
    const std::string rule = file.stem().string();
    try {
      for (const Case& c : parse(read_text(file)).cases)
        register_test<GoldenCase>(rule + '_' + c.name, file, c.line, file, rule, c);
    } catch (const ParseError& e) {
      register_test<BrokenFile>(rule + "_ParseError", file, e.line(), file, e.line(), std::string(e.what()));
    }
  }
  return true;
}();

}  // namespace
}  // namespace recon::golden
