#include "recon/engine/invoice_match.hpp"

#include <algorithm>
#include <cstring>
#include <unordered_map>

namespace recon {
namespace {

template <class T>
void append_bytes(std::string& key, const T& value) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  key.append(bytes, sizeof(T));
}

// The line's details that a patient match must agree with (those it gives).
bool agrees(const InvoiceLine& line, const Activity& a) {
  if (line.end != kNoDay && a.dataset == Dataset::kApc && line.end != a.end) return false;
  if (!line.hrg.empty() && line.hrg != a.hrg) return false;
  if (!line.tretspef.empty() && !a.tretspef.empty() && line.tretspef != a.tretspef) return false;
  return true;
}

}  // namespace

std::string record_id_key(Code procode, Dataset dataset, std::string_view id) {
  std::string key;
  append_bytes(key, procode.bits());
  key.push_back(static_cast<char>(dataset));
  key.append(id);
  return key;
}

std::string patient_key(Code procode, Dataset dataset, NhsNumber patient, Day start) {
  std::string key;
  append_bytes(key, procode.bits());
  key.push_back(static_cast<char>(dataset));
  append_bytes(key, patient);
  append_bytes(key, start);
  return key;
}

std::vector<LineMatch> match_invoice(std::span<const InvoiceLine> lines,
                                     std::span<const BilledActivity> activity) {
  // Candidates in input order: `activity` is in it, and indexes are appended in order.
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_id, by_patient;
  for (std::uint32_t i = 0; i < activity.size(); ++i) {
    const Activity& a = activity[i].record;
    by_id[record_id_key(a.procode, a.dataset, activity[i].id)].push_back(i);
    if (a.nhs != 0) by_patient[patient_key(a.procode, a.dataset, a.nhs, a.start)].push_back(i);
  }
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

  for (std::size_t l = 0; l < lines.size(); ++l) {
    const InvoiceLine& line = lines[l];
    if (line.record_id.empty()) continue;
    const auto it = by_id.find(record_id_key(line.procode, line.dataset, line.record_id));
    if (it == by_id.end()) continue;  // an id the activity does not know: matched by patient, if it can be
    claim(l, it->second, LineMatch::By::kRecordId);
    decided[l] = true;
  }
  for (std::size_t l = 0; l < lines.size(); ++l) {
    if (decided[l]) continue;
    const InvoiceLine& line = lines[l];
    std::vector<std::uint32_t> candidates;
    for (NhsNumber patient : {line.nhs, line.pseudonym}) {
      if (patient == 0) continue;
      const auto it = by_patient.find(patient_key(line.procode, line.dataset, patient, line.start));
      if (it == by_patient.end()) continue;
      for (std::uint32_t c : it->second)
        if (agrees(line, activity[c].record)) candidates.push_back(c);
    }
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    if (!candidates.empty()) claim(l, candidates, LineMatch::By::kPatient);
  }
  return out;
}

}  // namespace recon
