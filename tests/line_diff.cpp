#include "tests/line_diff.hpp"

namespace recon::golden {

std::vector<DiffStep> diff_lines(const std::vector<std::string>& before,
                                 const std::vector<std::string>& after) {
  const std::size_t m = before.size(), n = after.size();
  // common[i][j]: length of the longest common subsequence of before[i..] and after[j..].
  std::vector<std::vector<std::size_t>> common(m + 1, std::vector<std::size_t>(n + 1, 0));
  for (std::size_t i = m; i-- > 0;)
    for (std::size_t j = n; j-- > 0;)
      common[i][j] =
          before[i] == after[j] ? common[i + 1][j + 1] + 1 : std::max(common[i + 1][j], common[i][j + 1]);
  std::vector<DiffStep> steps;
  std::size_t i = 0, j = 0;
  while (i < m || j < n) {
    if (i < m && j < n && before[i] == after[j]) {
      steps.push_back({DiffStep::kKeep, i++});
      ++j;
    } else if (i < m && (j == n || common[i + 1][j] >= common[i][j + 1])) {
      steps.push_back({DiffStep::kRemove, i++});
    } else {
      steps.push_back({DiffStep::kAdd, j++});
    }
  }
  return steps;
}

std::string format_diff(const std::vector<std::string>& before, const std::vector<std::string>& after) {
  std::string text;
  for (const DiffStep& step : diff_lines(before, after)) {
    const char* mark = step.kind == DiffStep::kKeep ? "  " : step.kind == DiffStep::kRemove ? "- " : "+ ";
    text += mark;
    text += step.kind == DiffStep::kAdd ? after[step.index] : before[step.index];
    text += '\n';
  }
  return text;
}

}  // namespace recon::golden
