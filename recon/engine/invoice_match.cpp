#include "recon/engine/invoice_match.hpp"

#include <xxhash.h>

#include <algorithm>
#include <cstring>

namespace recon {
namespace {

// The line's details that a patient match must agree with (those it gives).
bool agrees(const InvoiceLine& line, const Activity& a) {
  if (line.end != kNoDay && a.dataset == Dataset::kApc && line.end != a.end) return false;
  if (!line.hrg.empty() && line.hrg != a.hrg) return false;
  if (!line.tretspef.empty() && !a.tretspef.empty() && line.tretspef != a.tretspef) return false;
  return true;
}

// Keys in a sorted vector (a million invoice lines would make a million small heap nodes of a hash map):
// a lookup is a binary search on the hash, then an exact comparison, so a collision never matches.
struct KeyIndex {
  std::vector<std::pair<std::uint64_t, std::uint32_t>> entries;  // (key, activity index), sorted
  void sort() { std::sort(entries.begin(), entries.end()); }
  template <class Same>
  void find(std::uint64_t key, Same same, std::vector<std::uint32_t>& out) const {
    auto it =
        std::lower_bound(entries.begin(), entries.end(), std::pair<std::uint64_t, std::uint32_t>{key, 0});
    for (; it != entries.end() && it->first == key; ++it)
      if (same(it->second)) out.push_back(it->second);
  }
};

std::uint64_t hash_bytes(const void* data, std::size_t size) {
  const std::uint64_t h = XXH3_64bits(data, size);
  return h == 0 ? 1 : h;  // 0 is no key (FlatU64Table's empty slot, where the book keeps these keys)
}

}  // namespace

std::uint64_t record_id_key(Code procode, Dataset dataset, std::string_view id) {
  char buf[64];
  const std::uint64_t code = procode.bits();
  std::memcpy(buf, &code, 8);
  buf[8] = static_cast<char>(dataset);
  if (id.size() <= sizeof buf - 9) {
    std::memcpy(buf + 9, id.data(), id.size());
    return hash_bytes(buf, 9 + id.size());
  }
  std::string key(buf, 9);
  key.append(id);
  return hash_bytes(key.data(), key.size());
}

std::uint64_t patient_key(Code procode, Dataset dataset, NhsNumber patient, Day start) {
  char buf[8 + 1 + 8 + sizeof(Day)];
  const std::uint64_t code = procode.bits();
  std::memcpy(buf, &code, 8);
  buf[8] = static_cast<char>(dataset);
  std::memcpy(buf + 9, &patient, 8);
  std::memcpy(buf + 17, &start, sizeof(Day));
  return hash_bytes(buf, sizeof buf);
}

std::vector<LineMatch> match_invoice(std::span<const InvoiceLine> lines,
                                     std::span<const BilledActivity> activity) {
  // Candidates come out in input order: `activity` is in it, and equal keys sort by index.
  KeyIndex by_id, by_patient;
  for (std::uint32_t i = 0; i < activity.size(); ++i) {
    const Activity& a = activity[i].record;
    by_id.entries.emplace_back(record_id_key(a.procode, a.dataset, activity[i].id), i);
    if (a.nhs != 0) by_patient.entries.emplace_back(patient_key(a.procode, a.dataset, a.nhs, a.start), i);
  }
  by_id.sort();
  by_patient.sort();
  std::vector<std::int64_t> claimed_by(activity.size(), -1);
  std::vector<LineMatch> out(lines.size());
  std::vector<bool> decided(lines.size(), false);

  // Takes the first unclaimed candidate for line `l`; if every candidate is claimed, the line bills twice.
  auto claim = [&](std::size_t l, const std::vector<std::uint32_t>& candidates, LineMatch::By by) {
    for (std::uint32_t c : candidates)
      if (claimed_by[c] < 0) {
        claimed_by[c] = static_cast<std::int64_t>(l);
        out[l] = {by, c, -1};
        return;
      }
    std::int64_t first = -1;
    for (std::uint32_t c : candidates)
      if (first < 0 || claimed_by[c] < first) first = claimed_by[c];
    out[l] = {LineMatch::By::kNone, -1, first};
  };

  std::vector<std::uint32_t> candidates;
  for (std::size_t l = 0; l < lines.size(); ++l) {
    const InvoiceLine& line = lines[l];
    if (line.record_id.empty()) continue;
    candidates.clear();
    by_id.find(
        record_id_key(line.procode, line.dataset, line.record_id),
        [&](std::uint32_t c) {
          const Activity& a = activity[c].record;
          return a.procode == line.procode && a.dataset == line.dataset && activity[c].id == line.record_id;
        },
        candidates);
    if (candidates.empty()) continue;  // an id the activity does not know: matched by patient, if it can be
    claim(l, candidates, LineMatch::By::kRecordId);
    decided[l] = true;
  }
  for (std::size_t l = 0; l < lines.size(); ++l) {
    if (decided[l]) continue;
    const InvoiceLine& line = lines[l];
    candidates.clear();
    for (NhsNumber patient : {line.nhs, line.pseudonym}) {
      if (patient == 0) continue;
      by_patient.find(
          patient_key(line.procode, line.dataset, patient, line.start),
          [&](std::uint32_t c) {
            const Activity& a = activity[c].record;
            return a.procode == line.procode && a.dataset == line.dataset && a.nhs == patient &&
                   a.start == line.start && agrees(line, a);
          },
          candidates);
    }
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    if (!candidates.empty()) claim(l, candidates, LineMatch::By::kPatient);
  }
  return out;
}

}  // namespace recon
