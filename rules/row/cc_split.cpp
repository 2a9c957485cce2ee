#include "rules/row/cc_split.hpp"

#include <algorithm>
#include <array>

#include "core/pricing.hpp"

namespace recon::cc_split {

CcCodes compute_secondary_cc(const Reference& ref, const ApcRow& row);

CcCodes secondary_cc(const Reference& ref, const ApcRow& row) {
  // CC_UNSUPPORTED and CC_NO_REGISTER ask in turn about the same row on the same thread: remember the last
  // answer. The key is the reference's identity and the diagnoses themselves, so a hit is always right.
  thread_local struct {
    std::uint64_t ref_id = 0;
    std::array<Code, 20> diag{};
    std::uint8_t n_diag = 0;
    CcCodes cc;
  } memo;
  if (memo.ref_id == ref.instance_id() && memo.n_diag == row.n_diag && memo.diag == row.diag) return memo.cc;
  CcCodes cc = compute_secondary_cc(ref, row);
  memo.ref_id = ref.instance_id();
  memo.diag = row.diag;
  memo.n_diag = row.n_diag;
  memo.cc = cc;
  return cc;
}

CcCodes compute_secondary_cc(const Reference& ref, const ApcRow& row) {
  CcCodes cc;
  const Code primary = row.diag[0];
  for (std::size_t i = 1; i < row.n_diag; ++i) {
    const Code code = row.diag[i];
    if (code.empty() || code == primary) continue;
    bool repeat = false;  // each distinct code counts once
    for (std::size_t k = 1; k < i && !repeat; ++k) repeat = row.diag[k] == code;
    if (repeat) continue;
    const int points = ref.cc_score(code);
    if (points <= 0) continue;
    cc.diag_index[cc.n] = static_cast<std::uint8_t>(i);
    cc.points[cc.n] = points;
    ++cc.n;
    cc.score += points;
  }
  return cc;
}

Code supported_split(const Reference& ref, Code hrg, int score) {
  if (hrg.size() < 4) return {};
  char buf[5];
  for (std::size_t i = 0; i < 4; ++i) buf[i] = hrg[i];
  Code containing, below;
  int containing_min = 0, below_min = 0;
  for (char letter = 'A'; letter <= 'Y'; ++letter) {
    buf[4] = letter;
    const Code split = Code::of({buf, 5});
    const CcBand* band = claimed_band(ref, split);
    if (!band || band->min_score > score) continue;
    if (score <= band->max_score && (containing.empty() || band->min_score > containing_min)) {
      containing = split;
      containing_min = band->min_score;
    }
    if (below.empty() || band->min_score > below_min) {
      below = split;
      below_min = band->min_score;
    }
  }
  return containing.empty() ? below : containing;
}

SplitRisk split_risk(const Reference& ref, const ApcRow& row, const Activity& priced, int score) {
  SplitRisk r;
  r.supported = supported_split(ref, row.hrg, score);
  if (r.supported.empty()) {
    r.why = "No lower split of the root is listed in hrg_cc_bands, so the amount at risk cannot be priced.";
    r.evidence = "supported_hrg=none";
    return r;
  }
  r.price = price_apc(ref, r.supported, priced.admimeth, priced.classpat, row.admidate, row.disdate);
  const std::string split = r.supported.str();
  if (r.price == 0) {
    r.why = "That score supports " + split + ", which the APC tariff does not price, so the amount at risk " +
            "cannot be priced.";
    r.evidence = "supported_hrg=" + split + "; supported_price=none";
    return r;
  }
  r.amount = std::max<Pence>(0, priced.charged - r.price);
  r.why = "That score supports " + split + " (" + format_money(r.price) +
          " for this admission method, patient class and length of stay), so the " + format_money(r.amount) +
          " charged above it is at risk.";
  r.evidence = "supported_hrg=" + split + "; supported_price=" + format_money(r.price);
  return r;
}

std::string band_text(const CcBand& band) {
  return std::to_string(band.min_score) + "-" + std::to_string(band.max_score);
}

std::string codes_text(const ApcRow& row, const CcCodes& cc, std::uint32_t mask, bool in_words) {
  std::string s;
  for (std::size_t i = 0; i < cc.n; ++i) {
    if (!(mask & (1u << i))) continue;
    if (!s.empty()) s += ", ";
    s += cc.code(row, i).str() + (in_words ? " scores " : ":") + std::to_string(cc.points[i]);
  }
  return s.empty() ? std::string("none") : s;
}

}  // namespace recon::cc_split
