#pragma once
// A line-by-line diff (longest common subsequence) of two lists of lines: used to show how the challenge rows
// of a golden case differ from its expect block, and to keep the comments of an expect block in place when
// update mode rewrites its rows.
#include <cstddef>
#include <string>
#include <vector>

namespace recon::golden {

struct DiffStep {
  enum Kind { kKeep, kRemove, kAdd } kind;
  std::size_t index;  // into `before` for kKeep and kRemove, into `after` for kAdd
};

// The steps that turn `before` into `after`, in order, keeping as many lines as possible.
std::vector<DiffStep> diff_lines(const std::vector<std::string>& before,
                                 const std::vector<std::string>& after);

// The diff as text: "  " kept, "- " only in `before`, "+ " only in `after`, one line each.
std::string format_diff(const std::vector<std::string>& before, const std::vector<std::string>& after);

}  // namespace recon::golden
