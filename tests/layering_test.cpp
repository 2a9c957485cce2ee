// The tree reads as the flow (README "How it works"): a file includes only files of its own stage or of an
// earlier one, so no stage knows the stages that use it (the engine never prints or writes outputs, the
// writers never call back into the engine's stages, parsers know no rules); the three kinds of rule share
// nothing but rules/'s own files. The generator's independence is GenerateIndependence's business.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

namespace {
namespace fs = std::filesystem;

// Earlier stages first. A path belongs to the longest prefix that matches it.
const std::vector<std::string> kStages = {"core/",         "parsers/",       "rules/",         "recon/files/",
                                          "recon/engine/", "recon/writers/", "recon/history/", "recon/cli/"};
const std::vector<std::string> kRuleKinds = {"rules/row/", "rules/patient/", "rules/aggregate/",
                                             "rules/invoice/"};

int stage_of(const std::string& path) {
  int stage = -1;
  std::size_t longest = 0;
  for (std::size_t i = 0; i < kStages.size(); ++i)
    if (path.rfind(kStages[i], 0) == 0 && kStages[i].size() > longest) {
      stage = static_cast<int>(i);
      longest = kStages[i].size();
    }
  return stage;
}

std::string kind_of(const std::string& path) {
  for (const std::string& k : kRuleKinds)
    if (path.rfind(k, 0) == 0) return k;
  return {};
}

// What is wrong with `file` including `header` (both relative to the source tree); empty if nothing.
std::string layering_problem(const std::string& file, const std::string& header) {
  const int from = stage_of(file), to = stage_of(header);
  if (from < 0 || to < 0) return {};
  if (to > from) return file + " includes " + header + ", a file of a later stage";
  const std::string from_kind = kind_of(file), to_kind = kind_of(header);
  if (!from_kind.empty() && !to_kind.empty() && from_kind != to_kind)
    return file + " includes " + header + ", a file of another kind of rule";
  return {};
}

std::vector<std::string> problems_in_tree() {
  const fs::path root = RECON_SOURCE_DIR;
  const std::regex include_line(R"(^\s*#\s*include\s*"([^"]+)\")");
  std::vector<std::string> problems;
  for (const std::string& stage : kStages) {
    for (const auto& entry : fs::recursive_directory_iterator(root / stage)) {
      const std::string ext = entry.path().extension().string();
      if (!entry.is_regular_file() || (ext != ".cpp" && ext != ".hpp")) continue;
      const std::string file = fs::relative(entry.path(), root).generic_string();
      if (stage_of(file) != stage_of(stage)) continue;  // a later stage's folder nested in this one
      std::ifstream in(entry.path());
      std::string line;
      std::smatch m;
      while (std::getline(in, line))
        if (std::regex_search(line, m, include_line))
          if (std::string p = layering_problem(file, m[1]); !p.empty()) problems.push_back(p);
    }
  }
  return problems;
}

TEST(Layering, NoFileIncludesALaterStage) {
  const std::vector<std::string> problems = problems_in_tree();
  std::string listed;
  for (const std::string& p : problems) listed += "\n  " + p;
  EXPECT_TRUE(problems.empty()) << "stage order: core, parsers, rules, recon/files, recon/engine, "
                                   "recon/writers, recon/history, recon/cli:"
                                << listed;
}

// The check itself can fail.
TEST(Layering, TheCheckFindsWhatItMustFind) {
  EXPECT_NE(layering_problem("recon/engine/run.cpp", "recon/writers/output_set.hpp"), "");
  EXPECT_NE(layering_problem("parsers/ingest.cpp", "rules/rule.hpp"), "");
  EXPECT_NE(layering_problem("core/day.cpp", "parsers/schema.hpp"), "");
  EXPECT_NE(layering_problem("rules/row/dup.cpp", "rules/patient/patient_history.hpp"), "");
  EXPECT_EQ(layering_problem("recon/writers/output_writers.cpp", "recon/engine/run_result.hpp"), "");
  EXPECT_EQ(layering_problem("rules/patient/dup.cpp", "rules/rule.hpp"), "");
  EXPECT_EQ(layering_problem("recon/cli/run_job.cpp", "recon/engine/run.hpp"), "");
}

}  // namespace
