#include "recon/engine/measures/dqmi_measure.hpp"

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <utility>

#include "core/code.hpp"
#include "core/pricing.hpp"
#include "parsers/schema.hpp"
#include "recon/engine/data_quality.hpp"

namespace recon {
namespace {

struct DqmiState final : MeasureState {
  DataQualityTable table;
};

DataQualityTable& table_of(MeasureState& state) { return static_cast<DqmiState&>(state).table; }

// The oldest plausible patient: a date of birth more than 125 years before the activity is a typing error.
constexpr Day kMaxAgeDays = 125 * 366;

enum class Validity : std::uint8_t { kUnchecked, kValid, kInvalid };
Validity valid_if(bool ok) { return ok ? Validity::kValid : Validity::kInvalid; }

// `blanked`: the item's field held a value that could not be read and was blanked (the row was kept,
// parsers/builders.hpp). The provider did populate it, with nothing valid: present and invalid.
void note(DataQualityItemCounts& item, bool present, Validity validity, bool blanked = false) {
  if (!present && blanked) {
    ++item.present;
    ++item.checked;
    return;
  }
  if (!present) return;
  ++item.present;
  if (validity == Validity::kUnchecked) return;
  ++item.checked;
  item.valid += validity == Validity::kValid;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool all_digits(Code c, std::size_t length) {
  if (c.size() != length) return false;
  for (std::size_t i = 0; i < length; ++i)
    if (!is_digit(c[i])) return false;
  return true;
}
bool one_of(std::uint8_t value, std::initializer_list<std::uint8_t> allowed) {
  for (std::uint8_t a : allowed)
    if (value == a) return true;
  return false;
}

// SEX (person stated gender code): 0 not known, 1 male, 2 female, 9 not specified.
bool valid_sex(Code sex) {
  return sex.size() == 1 && (sex[0] == '0' || sex[0] == '1' || sex[0] == '2' || sex[0] == '9');
}
// A GP practice code: one letter then five digits (e.g. A81001; the V81997-V81999 defaults included).
bool valid_gpprac(Code gp) {
  if (gp.size() != 6 || gp[0] < 'A' || gp[0] > 'Z') return false;
  for (std::size_t i = 1; i < 6; ++i)
    if (!is_digit(gp[i])) return false;
  return true;
}
// ADMIMETH: the data dictionary's admission methods (elective 11-13, emergency 21-28 and 2A-2D, maternity
// 31-32, other 81-83).
bool valid_admimeth(Code m) {
  if (m.size() != 2) return false;
  if (m[0] == '2' && m[1] >= 'A' && m[1] <= 'D') return true;
  if (!all_digits(m, 2)) return false;
  const std::uint8_t n = small_number(m);
  return (n >= 11 && n <= 13) || (n >= 21 && n <= 28) || n == 31 || n == 32 || (n >= 81 && n <= 83);
}

bool on_register(const PracticeData& practice, NhsNumber nhs) {
  return !practice.registrations_of(nhs).empty();
}

// Whether the field with schema id `field` was blanked in a row.
struct Blanked {
  BlankedFields fields;
  bool operator()(int field) const { return (fields >> field) & 1u; }
};

// The blanked fields of a row, counted by field; the item counts take them in through note().
void count_blanked(DataQualityCounts& c, BlankedFields fields) {
  for (std::size_t f = 0; fields; ++f, fields >>= 1)
    if (fields & 1u) {
      ++c.blanked_by_field[f];
      ++c.fields_blanked;
    }
}

// The patient fields' schema ids are the same in the three activity schemas (parsers/schema.hpp).
constexpr bool same_field(int a, int b, int c) { return a == b && b == c; }
static_assert(same_field(apc::DOB, op::DOB, ae::DOB) && same_field(apc::SEX, op::SEX, ae::SEX) &&
              same_field(apc::GPPRAC, op::GPPRAC, ae::GPPRAC));

void note_patient(DataQualityCounts& c, const PatientFields& p, Blanked blanked, Day activity,
                  const RuleContext& ctx) {
  const Day as_of = ctx.options.as_of;
  const bool nhs_valid = p.nhs_valid;
  note(c.items[0], p.nhs_state != NhsState::kMissing, valid_if(nhs_valid));
  // The age is worked out only for a DOB that is there: kNoDay is the lowest day number, and subtracting it
  // overflows (undefined behaviour, caught by the sanitizer build). A DOB known only to the month is valid
  // when some day of the month is: its first day not after the activity or the run date, its last day not
  // more than 125 years before the activity.
  const bool has_dob = p.dob.known();
  note(c.items[1], has_dob,
       valid_if(has_dob && p.dob.first <= activity && (as_of == kNoDay || p.dob.first <= as_of) &&
                std::int64_t{activity} - p.dob.last <= kMaxAgeDays),
       blanked(apc::DOB));
  note(c.items[2], !p.sex.empty(), valid_if(valid_sex(p.sex)), blanked(apc::SEX));
  // A "not known" default (V81997-V81999, &) is read as no practice for the rules, but it is a value the
  // provider gave: populated, and valid as a default code.
  note(c.items[3], !p.gpprac.empty() || p.gpprac_not_known,
       valid_if(p.gpprac_not_known || valid_gpprac(p.gpprac)), blanked(apc::GPPRAC));
  if (ctx.practice.has_register) {
    ++c.coverage_checked;
    c.coverage_matched += nhs_valid && on_register(ctx.practice, p.nhs);
  }
}

// The activity date is always present; it is valid when it is not after the run date.
Validity activity_date_validity(Day activity, const RuleContext& ctx) {
  return valid_if(ctx.options.as_of == kNoDay || activity <= ctx.options.as_of);
}
// A record is submitted after the activity it describes (for a spell, after the discharge).
Validity subdate_validity(Day subdate, Day after, const RuleContext& ctx) {
  return valid_if(subdate >= after && (ctx.options.as_of == kNoDay || subdate <= ctx.options.as_of));
}

}  // namespace

std::unique_ptr<MeasureState> DqmiMeasure::new_state() const { return std::make_unique<DqmiState>(); }

// The item indexes below are those of the dataset's list in data_quality_items()
// (recon/engine/data_quality.cpp).
void DqmiMeasure::add(MeasureState& state, const ApcRow& row, const RuleContext& ctx) const {
  DataQualityCounts& c = table_of(state).counts()[{row.procode, Dataset::kApc}];
  const Reference& ref = ctx.ref;
  const Blanked blanked{row.blanked};
  ++c.records;
  count_blanked(c, row.blanked);
  note_patient(c, row.patient, blanked, row.admidate, ctx);
  note(c.items[4], row.admidate != kNoDay, activity_date_validity(row.admidate, ctx));
  note(c.items[5], row.disdate != kNoDay,
       valid_if(row.disdate >= row.admidate &&
                (ctx.options.as_of == kNoDay || row.disdate <= ctx.options.as_of)),
       blanked(apc::DISDATE));
  note(c.items[6], row.subdate != kNoDay,
       subdate_validity(row.subdate, row.disdate != kNoDay ? row.disdate : row.admidate, ctx),
       blanked(apc::SUBDATE));
  note(c.items[7], !row.admimeth.empty(), valid_if(valid_admimeth(row.admimeth)), blanked(apc::ADMIMETH));
  // CLASSPAT: 1 ordinary, 2 day case, 3 regular day, 4 regular night, 5 mothers and babies (delivery only).
  note(c.items[8], !row.classpat.empty(),
       valid_if(row.classpat.size() == 1 && small_number(row.classpat) >= 1 &&
                small_number(row.classpat) <= 5),
       blanked(apc::CLASSPAT));
  note(c.items[9], !row.tretspef.empty(), valid_if(all_digits(row.tretspef, 3)), blanked(apc::TRETSPEF));
  note(c.items[10], !row.hrg.empty(),
       ref.has_tariff_apc ? valid_if(ref.tariff_apc.contains(row.hrg)) : Validity::kUnchecked,
       blanked(apc::SUSHRG));
  note(c.items[11], !row.diag[0].empty(),
       ref.has_icd10 ? valid_if(ref.find_icd10(row.diag[0]) != nullptr) : Validity::kUnchecked,
       blanked(apc::DIAG_01));
}

void DqmiMeasure::add(MeasureState& state, const OpRow& row, const RuleContext& ctx) const {
  DataQualityCounts& c = table_of(state).counts()[{row.procode, Dataset::kOp}];
  const Reference& ref = ctx.ref;
  const Blanked blanked{row.blanked};
  ++c.records;
  count_blanked(c, row.blanked);
  note_patient(c, row.patient, blanked, row.apptdate, ctx);
  note(c.items[4], row.apptdate != kNoDay, activity_date_validity(row.apptdate, ctx));
  note(c.items[5], row.subdate != kNoDay, subdate_validity(row.subdate, row.apptdate, ctx),
       blanked(op::SUBDATE));
  // ATTENDED: 5/6 attended, 7 late not seen, 2/3 did not attend or cancelled by the patient, 4 cancelled by
  // the provider, 0 not yet known.
  note(c.items[6], !row.attended.empty(),
       valid_if(row.attended.size() == 1 && is_digit(row.attended[0]) &&
                one_of(small_number(row.attended), {0, 2, 3, 4, 5, 6, 7})),
       blanked(op::ATTENDED));
  // FIRSTATT: 1 first, 2 follow-up, 3 first and 4 follow-up non face to face, 5 RTT clock-stop admin event.
  note(c.items[7], !row.firstatt.empty(),
       valid_if(row.firstatt.size() == 1 && small_number(row.firstatt) >= 1 &&
                small_number(row.firstatt) <= 5),
       blanked(op::FIRSTATT));
  note(c.items[8], !row.refsourc.empty(), valid_if(all_digits(row.refsourc, 2)),  // format only
       blanked(op::REFSOURC));
  note(c.items[9], !row.tretspef.empty(),
       ref.has_tariff_op ? valid_if(ref.tariff_op.contains(row.tretspef))
                         : valid_if(all_digits(row.tretspef, 3)),
       blanked(op::TRETSPEF));
}

void DqmiMeasure::add(MeasureState& state, const AeRow& row, const RuleContext& ctx) const {
  DataQualityCounts& c = table_of(state).counts()[{row.procode, Dataset::kAe}];
  const Reference& ref = ctx.ref;
  const Blanked blanked{row.blanked};
  ++c.records;
  count_blanked(c, row.blanked);
  note_patient(c, row.patient, blanked, row.arrivaldate, ctx);
  note(c.items[4], row.arrivaldate != kNoDay, activity_date_validity(row.arrivaldate, ctx));
  note(c.items[5], row.subdate != kNoDay, subdate_validity(row.subdate, row.arrivaldate, ctx),
       blanked(ae::SUBDATE));
  // AEATTENDCAT: 1 first, 2 planned follow-up, 3 unplanned follow-up.
  note(c.items[6], !row.attendcat.empty(),
       valid_if(row.attendcat.size() <= 2 && small_number(row.attendcat) >= 1 &&
                small_number(row.attendcat) <= 3),
       blanked(ae::AEATTENDCAT));
  // AEATTENDDISP: 01-07 and 10-14 (admitted, discharged with or without follow-up, referred, transferred,
  // died, left before or refusing treatment, other), written with two digits.
  const std::uint8_t disp = small_number(row.attenddisp);
  note(c.items[7], !row.attenddisp.empty(),
       valid_if(all_digits(row.attenddisp, 2) && ((disp >= 1 && disp <= 7) || (disp >= 10 && disp <= 14))),
       blanked(ae::AEATTENDDISP));
  note(c.items[8], !row.hrg.empty(),
       ref.has_tariff_ae ? valid_if(ref.tariff_ae.contains(row.hrg)) : Validity::kUnchecked,
       blanked(ae::SUSHRG));
}

void DqmiMeasure::merge(MeasureState& into, const MeasureState& from) const {
  table_of(into).merge(static_cast<const DqmiState&>(from).table);
}

void DqmiMeasure::finish(MeasureState& run, RunResult& result) const {
  result.data_quality = std::move(table_of(run));
}

}  // namespace recon
