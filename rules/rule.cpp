#include "rules/rule.hpp"

#include <tuple>

#include "core/nhs_number.hpp"

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
  why_not = missing_inputs(needs, inputs_supplied(ctx.ref, ctx.practice, ctx.invoice_supplied));
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

Challenge challenge_for(const RuleInfo& rule, const InvoiceMatch& match) {
  const InvoiceLine& line = match.line;
  Challenge c;
  c.rule = std::string(rule.id);
  c.severity = rule.severity;
  c.dataset = line.dataset;
  c.pos = line.pos;
  c.record_id = !line.record_id.empty() ? line.record_id : std::string(match.activity_id);
  c.procode = line.procode;
  if (match.activity) c.gpprac = match.activity->gpprac;
  if (line.nhs_valid)
    c.nhs = line.nhs;
  else if (match.activity && match.activity->nhs_valid && !is_pseudonym_key(match.activity->nhs))
    c.nhs = match.activity->nhs;
  c.activity_date = line.start;
  c.charged = line.amount;
  c.evidence = "invoice=" + std::string(match.file) + ":" + std::to_string(line.pos.line);
  return c;
}

}  // namespace recon
