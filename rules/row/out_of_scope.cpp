// OUT_OF_SCOPE: activity that the contract does not pay at a tariff price (excluded HRGs, HRG chapters,
// treatment functions, administrative categories) but that the extract charges. Which activity is out of
// scope is the contract's: the lists are rule options, defaulting to the national exclusions that an
// activity extract can show.
#include <algorithm>
#include <cctype>
#include <string>

#include "rules/registry.hpp"

namespace recon {
namespace {

bool all_of(std::string_view s, std::size_t from, std::size_t to, int (*is)(int)) {
  for (std::size_t i = from; i < to; ++i)
    if (!is(static_cast<unsigned char>(s[i]))) return false;
  return true;
}
// An HRG4+ code: two capital letters, two digits, one capital letter (SB02Z, XC01Z).
bool is_hrg(std::string_view s) {
  return s.size() == 5 && all_of(s, 0, 2, isupper) && all_of(s, 2, 4, isdigit) && all_of(s, 4, 5, isupper);
}
bool is_hrg_chapter(std::string_view s) { return s.size() == 2 && all_of(s, 0, 2, isupper); }
bool is_treatment_function(std::string_view s) { return s.size() == 3 && all_of(s, 0, 3, isdigit); }
// 02 (private patient) is PRIVATE_PATIENT's, so that a record is not challenged twice for it.
bool is_admin_category(std::string_view s) { return s.size() == 2 && all_of(s, 0, 2, isdigit) && s != "02"; }

// The defaults: what the national prices leave out and an extract can carry as a record's own HRG (a
// contract-monitoring line for an unbundled HRG). Sources in the rule's rationale and docs/rules.md.
const RuleCodeListOption kHrgs{
    "OUT_OF_SCOPE",
    "excluded-hrgs",
    {"SB01Z", "SB02Z", "SB03Z", "SB04Z", "SB05Z", "SB06Z", "SB07Z", "SB08Z", "SB09Z", "SB10Z"},
    is_hrg,
    "an HRG (two capital letters, two digits, a capital letter, e.g. SB02Z)",
    "HRGs the contract does not pay at a tariff price (default: chemotherapy drug procurement, bands 1-10)"};
const RuleCodeListOption kChapters{
    "OUT_OF_SCOPE",
    "excluded-hrg-chapters",
    {"XA", "XB", "XC", "XD"},
    is_hrg_chapter,
    "an HRG chapter (two capital letters, e.g. XC)",
    "HRG chapters (an HRG's first two letters) the contract does not pay at a tariff price (default: "
    "critical care XA, XB, XC and high-cost drugs XD)"};
const RuleCodeListOption kTreatmentFunctions{
    "OUT_OF_SCOPE",
    "excluded-treatment-functions",
    {},
    is_treatment_function,
    "a treatment function code (three digits, e.g. 315)",
    "treatment functions (TRETSPEF, APC and outpatients) the contract does not pay at a tariff price "
    "(default: none)"};
const RuleCodeListOption kAdminCategories{
    "OUT_OF_SCOPE",
    "excluded-admin-categories",
    {},
    is_admin_category,
    "an administrative category of two digits other than 02 (02, private patient, is PRIVATE_PATIENT's)",
    "administrative categories (ADMINCAT) the contract does not pay at a tariff price (default: none; 02 is "
    "PRIVATE_PATIENT's)"};

bool listed(const std::vector<Code>& list, Code code) {
  return !code.empty() && std::find(list.begin(), list.end(), code) != list.end();
}

// An HRG's chapter: its first two characters.
Code chapter_of(Code hrg) { return hrg.prefix(2); }

class OutOfScopeRule final : public RowRule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "OUT_OF_SCOPE", "Activity outside the tariff's scope charged at a price", Severity::kMedium,
        "Some activity has no national unit price: the NHS Payment Scheme leaves it to local arrangements "
        "(2023/25 NHS Payment Scheme, section 3.4 Excluded items, and Annex A, the prices workbook, whose "
        "exclusion tabs list the high-cost drugs and devices), and a contract may put more outside its "
        "activity-based payment. A record charged above zero (PRICE, or recon's tariff price) whose HRG is "
        "in excluded-hrgs, whose HRG chapter (the HRG's first two letters) is in excluded-hrg-chapters, "
        "whose TRETSPEF is in excluded-treatment-functions or whose ADMINCAT is in "
        "excluded-admin-categories is challenged: it is charged as tariff activity although no tariff price "
        "applies. Defaults, the exclusions an extract can carry as a record's own HRG (a contract-monitoring "
        "line for an unbundled HRG): chemotherapy drug procurement SB01Z-SB10Z (regimen bands 1-10; "
        "chemotherapy delivery has national prices and is not excluded), critical care XA (neonatal), XB "
        "(paediatric), XC (adult) and high-cost drugs XD, all paid by local arrangement; no treatment "
        "function or administrative category by default. Radiotherapy (SC), renal dialysis (LD, LE), "
        "rehabilitation (VC) and specialist palliative care (SD) are not defaults: parts of them have had "
        "national prices, so a contract that pays them outside the tariff lists them itself. ADMINCAT 02 "
        "(private patient) is PRIVATE_PATIENT's and never judged here, so no record is challenged twice "
        "for it. An APC or A&E record whose excluded HRG is not in the tariff tables is also HRG_UNKNOWN's "
        "(it cannot be priced); the summaries' amount at risk per provider counts such a record once, at its "
        "largest challenge. MEDIUM: PRICE is what the provider charges, and an excluded item may be charged "
        "at a locally agreed price, so the charge is queried against the contract rather than refused "
        "outright.",
        "The whole charge: no tariff price applies, so none of it is payable as a tariff charge."};
    return kInfo;
  }

  void check_apc(const ApcRow& row, const Activity& priced, const RuleContext& ctx,
                 ChallengeSink& out) const override {
    check(row.id, row.hrg, row.tretspef, row.admincat, priced, ctx, out);
  }
  void check_op(const OpRow& row, const Activity& priced, const RuleContext& ctx,
                ChallengeSink& out) const override {
    check(row.id, row.hrg, row.tretspef, row.admincat, priced, ctx, out);
  }
  void check_ae(const AeRow& row, const Activity& priced, const RuleContext& ctx,
                ChallengeSink& out) const override {
    check(row.id, row.hrg, Code{}, row.admincat, priced, ctx, out);
  }

 private:
  void check(std::string_view id, Code hrg, Code tretspef, Code admincat, const Activity& priced,
             const RuleContext& ctx, ChallengeSink& out) const {
    static const Code kPrivatePatient = Code::of("02");
    if (priced.charged <= 0 || admincat == kPrivatePatient) return;
    const RuleOptions& o = ctx.options;
    std::string what, evidence;
    if (listed(o[kHrgs], hrg)) {
      what = "its HRG " + hrg.str() + " is";
      evidence = "hrg=" + hrg.str() + "; listed in excluded-hrgs";
    } else if (listed(o[kChapters], chapter_of(hrg))) {
      what = "its HRG " + hrg.str() + " is in chapter " + chapter_of(hrg).str() + ", which is";
      evidence =
          "hrg=" + hrg.str() + "; chapter " + chapter_of(hrg).str() + " listed in excluded-hrg-chapters";
    } else if (listed(o[kTreatmentFunctions], tretspef)) {
      what = "its treatment function " + tretspef.str() + " is";
      evidence = "tretspef=" + tretspef.str() + "; listed in excluded-treatment-functions";
    } else if (listed(o[kAdminCategories], admincat)) {
      what = "its administrative category " + admincat.str() + " is";
      evidence = "admincat=" + admincat.str() + "; listed in excluded-admin-categories";
    } else {
      return;
    }
    Challenge c = challenge_for(info(), priced, id);
    c.challenged = priced.charged;
    c.reason = "Record " + std::string(id) + " is charged " + format_money(priced.charged) + " but " + what +
               " outside what the contract pays at a tariff price: no tariff price applies.";
    c.evidence = evidence + "; charged=" + format_money(priced.charged);
    out.push_back(std::move(c));
  }
};

}  // namespace

RECON_REGISTER_RULE(OutOfScopeRule)

}  // namespace recon
