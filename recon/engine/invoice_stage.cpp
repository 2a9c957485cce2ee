#include "recon/engine/invoice_stage.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <tuple>

namespace recon {
namespace {

// A line billing challenged activity is "at full price" unless the provider took at least this much off
// what the activity charged (the tolerance INVOICE_PRICE allows for rounding).
constexpr Pence kFullPriceTolerance = 100;

std::string joined(const std::vector<std::string>& rules) {
  std::string s;
  for (const std::string& r : rules) s += (s.empty() ? "" : ";") + r;
  return s;
}

}  // namespace

InvoiceReconciliation run_invoice_stage(const InvoiceBook& book, const std::vector<const InvoiceRule*>& rules,
                                        const ConfiguredRules& configured,
                                        const std::vector<std::string>& file_paths, ChallengeSink& out) {
  const std::vector<BilledActivity>& activity = book.activity();  // in input order (frozen)
  const std::vector<InvoiceLine>& lines = book.lines();
  const std::vector<LineMatch> matches = match_invoice(lines, activity);

  // Challenges name an invoice file by its name alone: the same invoice gives the same list wherever it lies.
  std::vector<std::string> names;
  for (const std::string& path : file_paths) names.push_back(std::filesystem::path(path).filename().string());
  InvoiceReconciliation result;
  std::map<std::pair<Code, Code>, InvoiceSummaryRow> summary;
  for (std::size_t l = 0; l < lines.size(); ++l) {
    const InvoiceLine& line = lines[l];
    const LineMatch& m = matches[l];
    const BilledActivity* billed =
        m.activity >= 0 ? &activity[static_cast<std::size_t>(m.activity)] : nullptr;
    InvoiceMatch match{line, names[line.pos.file], nullptr, {}, kNoRecord, {}};
    if (billed) {
      match.activity = &billed->record;
      match.activity_id = billed->id;
    }
    if (m.first_line >= 0) {
      match.first_billed_at = lines[static_cast<std::size_t>(m.first_line)].pos;
      match.file_of_first = names[match.first_billed_at.file];
    }
    std::vector<Challenge> found;
    for (const InvoiceRule* rule : rules)
      rule->check_line(match, configured.context_for(line.procode), found);
    configured.apply(found);

    ++result.lines;
    if (m.by == LineMatch::By::kRecordId) ++result.by_record_id;
    if (m.by == LineMatch::By::kPatient) ++result.by_patient;
    if (!billed) ++(m.first_line >= 0 ? result.billed_twice : result.unmatched);

    InvoiceSummaryRow& row = summary[{line.procode, line.pod}];
    row.procode = line.procode;
    row.pod = line.pod;
    row.dataset = line.dataset;
    ++row.lines;
    row.invoiced = add_money(row.invoiced, line.amount);
    Pence line_risk = 0;
    if (billed) {
      ++row.matched_lines;
      row.matched = add_money(row.matched, line.amount);
    } else {
      ++row.unmatched_lines;
      row.unmatched = add_money(row.unmatched, line.amount);
    }
    for (const Challenge& c : found) {
      line_risk = std::max(line_risk, c.challenged);
      if (billed) {  // the invoice rule on a matched line is the price check
        ++row.overpriced_lines;
        row.overpriced = add_money(row.overpriced, c.challenged);
      }
    }
    const ActivityChallenges* on = billed ? book.challenges_on(billed->record.pos) : nullptr;
    if (on && line.amount > 0 && line.amount + kFullPriceTolerance >= billed->record.charged) {
      const Pence risk = std::min(line.amount, on->largest);
      ++row.activity_challenged_lines;
      row.activity_challenged = add_money(row.activity_challenged, risk);
      line_risk = std::max(line_risk, risk);
      result.links.push_back({line.pos, line.procode, line.pod, line.dataset, billed->id, line.amount,
                              billed->record.pos, billed->record.charged, billed->record.tariff,
                              joined(on->rules), risk});
    }
    row.at_risk = add_money(row.at_risk, line_risk);
    for (Challenge& c : found) out.push_back(std::move(c));
  }
  for (auto& [key, row] : summary) result.summary.push_back(row);
  return result;
}

}  // namespace recon
