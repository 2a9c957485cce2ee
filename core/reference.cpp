#include "core/reference.hpp"

#include <atomic>

namespace recon {

std::uint64_t Reference::InstanceId::next() {
  static std::atomic<std::uint64_t> counter{1};
  return counter++;
}

namespace {
template <class Map>
std::uint32_t key_lengths(const Map& m) {
  std::uint32_t bits = 0;
  for (const auto& [code, value] : m) bits |= 1u << code.size();
  return bits;
}

template <class Map, class Table>
void index_codes(const Map& m, Table& table) {
  table.reset(m.size());
  for (const auto& [code, value] : m)
    if (!code.empty()) table.insert(code.bits(), value);
}
}  // namespace

void Reference::index_key_lengths() {
  icd10_lengths_ = key_lengths(icd10);
  cc_score_lengths_ = key_lengths(cc_scores);
  index_codes(icd10, icd10_index_);
  index_codes(cc_scores, cc_score_index_);
}

const Icd10Info* Reference::find_icd10(Code code) const {
  for (std::size_t n = code.size(); n >= 3; --n) {
    if (!(icd10_lengths_ >> n & 1u)) continue;
    if (icd10_index_.built()) {
      if (const Icd10Info* info = icd10_index_.find(code.prefix(n).bits())) return info;
      continue;
    }
    auto it = icd10.find(code.prefix(n));
    if (it != icd10.end()) return &it->second;
  }
  return nullptr;
}

const Icd10Info* Reference::find_icd10_exact(Code code) const {
  if (code.empty() || !(icd10_lengths_ >> code.size() & 1u)) return nullptr;
  if (icd10_index_.built()) return icd10_index_.find(code.bits());
  auto it = icd10.find(code);
  return it == icd10.end() ? nullptr : &it->second;
}

int Reference::cc_score(Code diag) const {
  for (std::size_t n = diag.size(); n >= 1; --n) {
    if (!(cc_score_lengths_ >> n & 1u)) continue;
    if (cc_score_index_.built()) {
      if (const int* score = cc_score_index_.find(diag.prefix(n).bits())) return *score;
      continue;
    }
    auto it = cc_scores.find(diag.prefix(n));
    if (it != cc_scores.end()) return it->second;
  }
  return 0;
}

Code Reference::qof_register(Code diag) const {
  Code best;
  std::size_t best_len = 0;
  for (const QofMapping& m : qof_map) {
    std::size_t len = m.prefix.size();
    if (len > best_len && diag.starts_with(m.prefix)) {
      best = m.register_;
      best_len = len;
    }
  }
  return best;
}

const CalendarMonth* Reference::calendar_for(Day activity) const {
  if (activity == kNoDay) return nullptr;
  auto it = calendar.find(month_index(activity));
  return it == calendar.end() ? nullptr : &it->second;
}

}  // namespace recon
