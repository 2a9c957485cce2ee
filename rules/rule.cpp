#include "rules/rule.hpp"

#include <tuple>

namespace recon {

bool activity_order(const Activity& a, const Activity& b) {
  return std::tie(a.nhs, a.start, a.end, a.dataset, a.procode, a.pos) <
         std::tie(b.nhs, b.start, b.end, b.dataset, b.procode, b.pos);
}

bool Rule::can_run(const RuleContext& ctx, std::string& why_not) const {
  const RuleNeeds& needs = info().needs;
  constexpr InputMask kPracticeFiles = input::kRegister | input::kReferrals | input::kConditions;
  if (!ctx.practice.unmatched_why.empty() && ((needs.all | needs.any) & kPracticeFiles)) {
    why_not = ctx.practice.unmatched_why;
    return false;
  }
  why_not = missing_inputs(needs, inputs_supplied(ctx.ref, ctx.practice));
  return why_not.empty();
}

Challenge challenge_for(const RuleInfo& rule, const Activity& r, std::string_view record_id) {
  Challenge c;
  c.rule = std::string(rule.id);
  c.severity = rule.severity;
  c.dataset = r.dataset;
  c.pos = r.pos;
  c.record_id = std::string(record_id);
  c.procode = r.procode;
  c.gpprac = r.gpprac;
  c.nhs = r.nhs;
  c.activity_date = r.start;
  c.charged = r.charged;
  return c;
}

}  // namespace recon
