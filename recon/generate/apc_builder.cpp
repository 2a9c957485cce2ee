#include "recon/generate/apc_builder.hpp"

#include <algorithm>

#include "recon/generate/anomaly_planner.hpp"

namespace recon::generate {

namespace {

// Skewed towards the short end, as lengths of stay are.
int draw_los(Rng& rng, int lo, int hi) {
  if (hi <= lo) return lo;
  const auto range = static_cast<std::uint64_t>(hi - lo);
  return lo + static_cast<int>(rng.below(range + 1) * rng.below(range + 1) / range);
}

struct CaseNeeds {
  bool elective = false;
  bool emergency = false;
  bool no_neoplasm = false;   // primary outside C00-D48 (the national readmission rule excludes cancer)
  bool no_maternity = false;  // maternity stays are never joined as split spells
  int min_los = 0;            // ordinary admission of at least this many days (3: something is nested
                              // inside it; 1: a duplicate of it must not start the day it ends)
  bool cc_base = false;       // at least 3 CC splits and a primary that scores nothing
};

bool case_fits(const ClinicalCase& c, const HrgCatalogue& hrgs, const CaseNeeds& needs) {
  if (needs.elective && c.type != CaseType::daycase && c.type != CaseType::elective) return false;
  if (needs.emergency && c.type != CaseType::emergency) return false;
  if (needs.min_los > 0 && (c.type == CaseType::daycase || c.los_max < needs.min_los)) return false;
  if (needs.cc_base && (hrgs.root(c.root).splits < 3 || !c.zero_score_primary)) return false;
  if (needs.no_neoplasm && c.neoplasm) return false;
  if (needs.no_maternity && c.type == CaseType::maternity) return false;
  return true;
}

class CasePicker {
 public:
  explicit CasePicker(const PatientContext& ctx) : hrgs_(ctx.g.hrgs) {
    const Patient& p = *ctx.patient;
    const int first_age = std::max(0, ctx.age_on(ctx.window_first));
    const int last_age = std::max(0, ctx.age_on(ctx.window_last));
    const int mid_age = std::max(0, ctx.age_on(ctx.window_first + (ctx.window_last - ctx.window_first) / 2));
    collect(p, first_age, last_age);
    if (candidates_.empty()) collect(p, mid_age, mid_age);
    if (candidates_.empty()) collect(p, -1, -1);  // any age: codes are still checked when the spell is coded
  }

  // A case meeting `needs`, weighted; -1 if none does.
  int pick(Rng& rng, const CaseNeeds& needs) {
    const bool plain = !needs.elective && !needs.emergency && needs.min_los == 0 && !needs.cc_base &&
                       !needs.no_neoplasm && !needs.no_maternity;
    if (!plain) {
      weights_.clear();
      for (std::size_t i = 0; i < candidates_.size(); ++i) {
        weights_.push_back(case_fits(hrgs_.clinical_case(candidates_[i]), hrgs_, needs) ? base_weights_[i]
                                                                                        : 0);
      }
    }
    const std::vector<std::uint32_t>& weights = plain ? base_weights_ : weights_;
    std::uint64_t total = 0;
    for (auto w : weights) total += w;
    if (total == 0) return -1;
    return candidates_[rng.weighted(std::span<const std::uint32_t>(weights))];
  }

 private:
  void collect(const Patient& p, int lo_age, int hi_age) {
    const auto cases = hrgs_.cases();
    for (std::size_t i = 0; i < cases.size(); ++i) {
      const ClinicalCase& c = cases[i];
      if (lo_age >= 0 && (lo_age < c.min_age || hi_age > c.max_age)) continue;
      if (c.sex != 0 && c.sex != p.sex_letter()) continue;
      if (c.condition >= 0 && !p.has(static_cast<Register>(c.condition))) continue;
      if (lo_age < 0 && c.condition >= 0) continue;
      candidates_.push_back(static_cast<std::uint16_t>(i));
      // Patients on a disease register are admitted for that disease more often than its base weight says.
      base_weights_.push_back(c.weight * (c.condition >= 0 ? 3U : 1U));
    }
  }
  const HrgCatalogue& hrgs_;
  std::vector<std::uint16_t> candidates_;
  std::vector<std::uint32_t> base_weights_;
  std::vector<std::uint32_t> weights_;
};

void set_stay(ApcRecord& rec, const ClinicalCase& c, Rng& rng, int min_los) {
  switch (c.type) {
    case CaseType::daycase:
      rec.daycase = true;
      rec.los = 0;
      break;
    case CaseType::elective:
      rec.daycase = min_los == 0 && rng.permille(c.daycase_permille);
      rec.los = rec.daycase ? 0 : draw_los(rng, std::max<int>(1, c.los_min), std::max<int>(1, c.los_max));
      break;
    case CaseType::emergency:
      rec.daycase = false;
      rec.los = draw_los(rng, c.los_min, c.los_max);
      if (rng.permille(30)) rec.los += static_cast<int>(rng.between(5, 25));  // the long-stay tail
      break;
    case CaseType::maternity:
      rec.daycase = false;
      rec.los = draw_los(rng, c.los_min, c.los_max);
      break;
  }
  if (min_los > 0) {
    rec.daycase = false;
    rec.los = std::max(rec.los, min_los);
  }
}

// The stay a spell needs because of what the next spell relates to it.
int next_min_los(const std::vector<ApcRecord>& spells, std::size_t j) {
  if (j + 1 >= spells.size()) return 0;
  if (spells[j + 1].kind == Anomaly::overlap) return 3;
  if (spells[j + 1].kind == Anomaly::duplicate || spells[j + 1].kind == Anomaly::split_spell) return 1;
  return 0;
}

std::uint8_t elective_method(Rng& rng) {
  constexpr std::uint8_t kCodes[] = {11, 12, 13};
  constexpr std::uint16_t kWeights[] = {60, 25, 15};
  return kCodes[rng.weighted(std::span<const std::uint16_t>(kWeights))];
}

std::uint8_t emergency_method(Rng& rng) {
  constexpr std::uint8_t kCodes[] = {21, 22, 23, 24, 28};
  constexpr std::uint16_t kWeights[] = {60, 15, 4, 8, 13};
  return kCodes[rng.weighted(std::span<const std::uint16_t>(kWeights))];
}

// True if an emergency admission at `provider` on `admit` would read as a readmission within 30 days of
// an earlier elective spell there (something only planted records may look like).
bool looks_like_readmission(const PatientContext& ctx, std::size_t j, std::uint16_t provider, Day admit) {
  for (std::size_t k = 0; k < j; ++k) {
    const ApcRecord& e = ctx.apc[k];
    if (e.provider != provider || !is_elective_method(e.admimeth)) continue;
    const Day gap = admit - e.disch;
    if (gap >= 0 && gap <= 30) return true;
  }
  return false;
}

template <std::size_t N>
void add_unique(CodeList<N>& list, CodeId id) {
  if (!list.contains(id)) list.push(id);
}

// Appends (or, when the list is full, puts in the last place) a planted code.
void plant_code(CodeList<20>& diag, CodeId id) {
  if (diag.contains(id)) return;
  if (diag.full()) {
    diag.ids[diag.size - 1] = id;
  } else {
    diag.push(id);
  }
}

// The primary diagnosis: one of the case's diagnoses that fits the patient's age and sex (tried from a
// random start), or the patient's own code for the disease the case treats.
CodeId choose_primary(PatientContext& ctx, const ClinicalCase& c, int age) {
  const CodeCatalogue& codes = ctx.g.codes;
  const Patient& p = *ctx.patient;
  CodeId primary = codes.icd_id("R509");
  if (c.primaries.empty()) {
    const auto& condition = codes.condition(static_cast<Register>(c.condition));
    primary = condition.codes[p.condition_code[c.condition]];
  } else {
    const std::size_t start = ctx.rng.below(c.primaries.size());
    for (std::size_t k = 0; k < c.primaries.size(); ++k) {
      const CodeId id = c.primaries[(start + k) % c.primaries.size()];
      if (codes.icd(id).allowed_for(age, p.sex_letter())) {
        primary = id;
        break;
      }
    }
  }
  return primary;
}

// Adds secondary diagnoses after the primary. Secondaries never share a cc_scores entry (nor with the
// primary), so every way of summing the CC score agrees; codes the patient's age or sex rules out, and
// codes already listed, are skipped.
class SecondaryDiagnoses {
 public:
  SecondaryDiagnoses(const CodeCatalogue& codes, CodeList<20>& diag, int age, char sex)
      : codes_(codes), diag_(diag), age_(age), sex_(sex) {
    mark(diag_.ids[0]);  // the primary
  }

  void add(CodeId id) {
    if (diag_.full() || diag_.contains(id)) return;
    const int entry = codes_.score_entry(id);
    if (entry >= 0 && ((used_entries_ >> entry) & 1ULL)) return;
    if (!codes_.icd(id).allowed_for(age_, sex_)) return;
    diag_.push(id);
    mark(id);
  }

 private:
  void mark(CodeId id) {
    const int entry = codes_.score_entry(id);
    if (entry >= 0) used_entries_ |= 1ULL << entry;
  }

  const CodeCatalogue& codes_;
  CodeList<20>& diag_;
  int age_;
  char sex_;
  std::uint64_t used_entries_ = 0;  // bit per cc_scores entry already coded
};

// The clean secondaries: the patient's chronic conditions (70% of the time each), the case's own extra
// diagnosis, an infant code, and a few acute comorbidities. A planted unsupported CC split codes only
// secondaries that score nothing.
void code_secondaries(PatientContext& ctx, Anomaly kind, const ClinicalCase& c, int age,
                      SecondaryDiagnoses& secondaries) {
  const CodeCatalogue& codes = ctx.g.codes;
  const Patient& p = *ctx.patient;
  Rng& rng = ctx.rng;
  const bool zero_only = kind == Anomaly::cc_split_unsupported;
  const bool planned = c.type == CaseType::daycase || c.type == CaseType::elective;
  if (!zero_only) {
    for (int reg = 0; reg < kRegisterCount; ++reg) {
      if (!p.has(static_cast<Register>(reg)) || !rng.permille(700)) continue;
      secondaries.add(codes.condition(static_cast<Register>(reg)).codes[p.condition_code[reg]]);
    }
  }
  if (c.extra_diagnosis >= 0) secondaries.add(static_cast<CodeId>(c.extra_diagnosis));
  if (age == 0 && rng.permille(400)) secondaries.add(rng.pick(codes.infant_secondary_codes()));
  const auto pool = codes.secondary_pool();
  const int acute = static_cast<int>(rng.below(3)) + (age >= 65 ? static_cast<int>(rng.below(4)) : 0);
  for (int k = 0; k < acute; ++k) {
    const SecondaryCode& entry = pool[rng.below(pool.size())];
    if (age < entry.min_age || age > entry.max_age) continue;
    if (zero_only && codes.icd(entry.id).cc_score != 0) continue;
    // Planned admissions are not where sepsis or respiratory failure get coded: minor comorbidities only.
    if (planned && codes.icd(entry.id).cc_score > 1) continue;
    secondaries.add(entry.id);
  }
}

// A code with PRIMARY_OK=N that the spell does not already carry (if any such is left).
CodeId not_primary_code(const CodeCatalogue& codes, const CodeList<20>& diag, Rng& rng) {
  const auto options = codes.not_primary_codes();
  CodeId id = options[rng.below(options.size())];
  for (std::size_t k = 0; k < options.size() && diag.contains(id); ++k)
    id = options[(k + 1) % options.size()];
  return id;
}

// Pregnancy codes on men of an age when they would otherwise fit, prostate/penile codes on women: the
// planted code breaks the sex edit and nothing else.
CodeId sex_impossible_code(const CodeCatalogue& codes, const Patient& p, const CodeList<20>& diag, int age,
                           Rng& rng) {
  const auto options = p.sex == '1' ? codes.female_only_codes() : codes.male_only_codes();
  for (int attempt = 0; attempt < 4; ++attempt) {
    const CodeId candidate = rng.pick(options);
    const IcdCode& code = codes.icd(candidate);
    if (age >= code.min_age + 2 && age <= code.max_age - 2 && !diag.contains(candidate)) return candidate;
  }
  return options[0];
}

// The diagnosis a coding anomaly plants: in place of the primary (primary_not_allowed) or as an extra
// secondary (invalid, sex- or age-impossible codes).
void plant_diagnosis_anomaly(PatientContext& ctx, ApcRecord& rec, int age) {
  const CodeCatalogue& codes = ctx.g.codes;
  Rng& rng = ctx.rng;
  CodeId id = 0;
  switch (rec.kind) {
    case Anomaly::primary_not_allowed:
      id = not_primary_code(codes, rec.diag, rng);
      rec.diag.ids[0] = id;
      break;
    case Anomaly::invalid_icd10:
      id = rng.pick(codes.unknown_codes());
      plant_code(rec.diag, id);
      break;
    case Anomaly::sex_impossible_code:
      id = sex_impossible_code(codes, *ctx.patient, rec.diag, age, rng);
      plant_code(rec.diag, id);
      break;
    case Anomaly::age_impossible_code:
      // Perinatal codes on adults; codes for the elderly (R54X senility) on children.
      id = age >= 18 ? rng.pick(codes.perinatal_codes()) : rng.pick(codes.elderly_only_codes());
      plant_code(rec.diag, id);
      break;
    default:
      return;
  }
  rec.planted_code = id;
}

void code_diagnoses(PatientContext& ctx, ApcRecord& rec, const ClinicalCase& c, int age) {
  rec.diag.size = 0;
  rec.diag.push(choose_primary(ctx, c, age));
  SecondaryDiagnoses secondaries(ctx.g.codes, rec.diag, age, ctx.patient->sex_letter());
  code_secondaries(ctx, rec.kind, c, age, secondaries);
  plant_diagnosis_anomaly(ctx, rec, age);
}

void code_procedures(PatientContext& ctx, ApcRecord& rec, const ClinicalCase& c) {
  rec.proc.size = 0;
  if (c.procedures.empty() || !ctx.rng.permille(c.procedure_permille)) return;
  add_unique(rec.proc, ctx.rng.pick(std::span<const CodeId>(c.procedures)));
  if (c.supplementary_procedure >= 0) add_unique(rec.proc, static_cast<CodeId>(c.supplementary_procedure));
  if (c.laterality) add_unique(rec.proc, ctx.g.codes.opcs_id(ctx.rng.below(2) == 0 ? "Z942" : "Z943"));
}

void group_and_price(PatientContext& ctx, ApcRecord& rec) {
  const HrgRoot& root = ctx.g.hrgs.root(rec.root);
  int score = 0;
  for (std::uint8_t i = 1; i < rec.diag.size; ++i) score += ctx.g.codes.icd(rec.diag.ids[i]).cc_score;
  rec.supported_letter = static_cast<std::int8_t>(root.letter_for_score(score));
  rec.claimed_letter = rec.supported_letter;
  if (rec.kind == Anomaly::cc_split_unsupported) {
    rec.claimed_letter = 0;  // claims split A while the secondaries score 0 (the lowest band)
  } else if (rec.kind == Anomaly::none && !rec.referenced && ctx.g.plant() &&
             rec.provider == ctx.g.orgs.upcoding_provider && root.splits >= 2 && rec.supported_letter > 0 &&
             ctx.rng.permille(250)) {
    rec.kind = Anomaly::upcoded;
    rec.claimed_letter =
        static_cast<std::int8_t>(std::max(0, rec.supported_letter - 1 - static_cast<int>(ctx.rng.below(2))));
  }

  rec.price_pence = -1;
  if (rec.kind == Anomaly::hrg_not_in_tariff) {
    rec.unknown_hrg = static_cast<std::int8_t>(ctx.rng.below(ctx.g.hrgs.unknown_apc_hrgs().size()));
    rec.price_pence = ctx.rng.between(500, 4000) * 100;  // the provider still charges for it
    return;
  }
  if (rec.kind == Anomaly::discharge_before_admission) return;
  // PRICE is only stated where the tariff is unambiguous: no excess bed days, no short-stay emergency
  // adjustment. Those spells (and 5% of the rest) leave PRICE empty for recon to price: ~70% carry PRICE.
  const int column = rec.classpat == 2 ? 0 : is_elective_method(rec.admimeth) ? 1 : 2;
  const int los = rec.disch - rec.admit;
  const bool beyond_trim = rec.classpat != 2 && los > (column == 1 ? root.el_trim : root.nel_trim);
  const bool short_stay_emergency = column == 2 && los <= 1 && root.ssem > 0;
  if (!beyond_trim && !short_stay_emergency && ctx.rng.permille(950)) {
    rec.price_pence = root.price_pence(rec.claimed_letter, column);
  }
}

// What a spell's own planted anomaly needs of its clinical case.
CaseNeeds own_needs(Anomaly kind) {
  CaseNeeds own;
  own.elective = kind == Anomaly::no_referral;
  own.emergency = kind == Anomaly::readmission || kind == Anomaly::overlap || kind == Anomaly::invalid_nhs;
  own.cc_base = kind == Anomaly::cc_split_unsupported;
  own.no_neoplasm = kind == Anomaly::readmission;
  return own;
}

// What spell j's case needs for its own anomaly and for the one planted on the next spell, which relates
// to it (a readmission after it, a split spell continuing it, something nested in it or copying it).
CaseNeeds needs_with_next(const CaseNeeds& own, const std::vector<ApcRecord>& spells, std::size_t j) {
  const Anomaly next = j + 1 < spells.size() ? spells[j + 1].kind : Anomaly::none;
  CaseNeeds needs = own;
  needs.elective = needs.elective || next == Anomaly::readmission;
  needs.no_neoplasm = needs.no_neoplasm || next == Anomaly::readmission;
  needs.no_maternity = next == Anomaly::split_spell;
  needs.min_los = next_min_los(spells, j);
  return needs;
}

// Spell j cannot be what the next spell's planted relation needs: the next spell just becomes late.
void give_up_next_plant(std::vector<ApcRecord>& spells, std::size_t j) {
  spells[j + 1].kind = Anomaly::late_submission;
  spells[j + 1].ref = -1;
  spells[j].referenced = false;
}

struct PickedCase {
  int index;        // into the HRG catalogue's cases; -1 if this patient has none at all
  CaseNeeds needs;  // what the case was picked for (its stay must meet needs.min_los)
};

// Spell j's case. When none meets what the next spell needs, that plant is given up; when none meets what
// the spell's own anomaly needs, the spell becomes a late submission instead.
PickedCase pick_case(PatientContext& ctx, CasePicker& picker, std::size_t j) {
  ApcRecord& rec = ctx.apc[j];
  const CaseNeeds own = own_needs(rec.kind);
  CaseNeeds needs = needs_with_next(own, ctx.apc, j);
  int idx = picker.pick(ctx.rng, needs);
  if (idx < 0 && (needs.elective != own.elective || needs.no_neoplasm != own.no_neoplasm ||
                  needs.no_maternity || needs.min_los > 0)) {
    give_up_next_plant(ctx.apc, j);
    needs = own;
    idx = picker.pick(ctx.rng, needs);
  }
  if (idx < 0 && (own.elective || own.emergency || own.cc_base || own.no_neoplasm)) {
    rec.kind = Anomaly::late_submission;
    needs = CaseNeeds{};
  }
  if (idx < 0) idx = picker.pick(ctx.rng, needs);
  if (idx < 0) idx = picker.pick(ctx.rng, CaseNeeds{});
  return {idx, needs};
}

// The second half of a split spell: same provider, an ordinary admission. The continuation of an
// elective stay is re-admitted as "other" (81), never as an emergency.
void continue_previous_stay(ApcRecord& rec, const ApcRecord& prev) {
  rec.provider = prev.provider;
  rec.classpat = 1;
  rec.admimeth = is_elective_method(prev.admimeth) ? 81 : prev.admimeth;
  rec.admisorc = rec.admimeth == 81 ? 51 : prev.admisorc;
}

// ADMIMETH and CLASSPAT from the kind of case.
void set_admission_method(PatientContext& ctx, ApcRecord& rec, const ClinicalCase& c) {
  switch (c.type) {
    case CaseType::daycase:
    case CaseType::elective:
      // A planted unreferred admission is from the waiting list or booked (11/12): planned admissions
      // (13, e.g. the next chemotherapy cycle) do not start from a new referral.
      rec.admimeth = rec.kind == Anomaly::no_referral ? static_cast<std::uint8_t>(11 + ctx.rng.below(2))
                                                      : elective_method(ctx.rng);
      rec.classpat = rec.daycase ? 2 : 1;
      break;
    case CaseType::emergency:
      rec.admimeth = emergency_method(ctx.rng);
      rec.classpat = 1;
      break;
    case CaseType::maternity:
      rec.admimeth = 31;
      rec.classpat = 1;
      break;
  }
}

// The provider of spell j: a readmission returns to the previous spell's provider, an overlapping spell
// goes to another one (when there is another), anything else is the patient's usual choice.
std::uint16_t spell_provider(PatientContext& ctx, std::size_t j) {
  const ApcRecord& rec = ctx.apc[j];
  const auto providers = static_cast<std::uint16_t>(ctx.g.orgs.providers.size());
  if (rec.kind == Anomaly::readmission) return ctx.apc[j - 1].provider;
  if (rec.kind == Anomaly::overlap && providers > 1) {
    return static_cast<std::uint16_t>((ctx.apc[j - 1].provider + 1 + ctx.rng.below(providers - 1U)) %
                                      providers);
  }
  return ctx.choose_provider();
}

// Keeps a clean emergency spell j from reading as a readmission: moves it to another trust (never the one
// the overlapping spell is in), or with no such trust records the admission as "other" (81).
void keep_clear_of_readmission(PatientContext& ctx, std::size_t j) {
  ApcRecord& rec = ctx.apc[j];
  const auto providers = static_cast<std::uint16_t>(ctx.g.orgs.providers.size());
  bool clear = false;
  for (std::uint16_t attempt = 0; attempt < providers && !clear; ++attempt) {
    const bool same_as_nesting =
        rec.kind == Anomaly::overlap && providers > 1 && rec.provider == ctx.apc[j - 1].provider;
    clear = !same_as_nesting && !looks_like_readmission(ctx, j, rec.provider, rec.admit);
    if (!clear) rec.provider = static_cast<std::uint16_t>((rec.provider + 1) % providers);
  }
  if (!clear) rec.admimeth = 81;
}

// How spell j (not a duplicate or the second half of a split spell) is admitted, and where.
void admit_new_spell(PatientContext& ctx, std::size_t j, const ClinicalCase& c, int age) {
  ApcRecord& rec = ctx.apc[j];
  set_admission_method(ctx, rec, c);
  rec.admisorc = is_emergency_method(rec.admimeth) && age >= 75 && ctx.rng.permille(80) ? 54 : 19;
  rec.provider = spell_provider(ctx, j);
  if (is_emergency_method(rec.admimeth) && rec.kind != Anomaly::readmission)
    keep_clear_of_readmission(ctx, j);
}

}  // namespace

void plan_apc_cases(PatientContext& ctx) {
  auto& spells = ctx.apc;
  if (spells.empty()) return;
  CasePicker picker(ctx);
  for (std::size_t j = 0; j < spells.size(); ++j) {
    ApcRecord& rec = spells[j];
    if (rec.kind == Anomaly::duplicate) continue;  // copied from the previous spell when filled
    if (rec.kind == Anomaly::split_spell) {
      // The second half of one stay: same case, an ordinary admission.
      rec.case_index = spells[j - 1].case_index;
      // At least one night, so it never has the same dates as the first half.
      set_stay(rec, ctx.g.hrgs.clinical_case(rec.case_index), ctx.rng, std::max(1, next_min_los(spells, j)));
      continue;
    }
    if (j + 1 < spells.size() && spells[j + 1].kind == Anomaly::readmission &&
        ctx.age_on(ctx.window_first) < 4) {
      // Readmissions of children under 4 are exempt from the national rule: plant something else.
      give_up_next_plant(spells, j);
    }
    const PickedCase picked = pick_case(ctx, picker, j);
    rec.case_index = static_cast<std::uint16_t>(picked.index < 0 ? 0 : picked.index);
    set_stay(rec, ctx.g.hrgs.clinical_case(rec.case_index), ctx.rng, picked.needs.min_los);
  }
}

void apc_timeline_slots(const PatientContext& ctx, std::vector<TimelineSlot>& slots) {
  slots.assign(ctx.apc.size(), TimelineSlot{});
  for (std::size_t j = 0; j < ctx.apc.size(); ++j) {
    const ApcRecord& rec = ctx.apc[j];
    TimelineSlot& slot = slots[j];
    switch (rec.kind) {
      case Anomaly::duplicate:
      case Anomaly::overlap:
      case Anomaly::activity_after_death:
        slot.timed = false;
        break;
      case Anomaly::split_spell:
        slot.length = rec.los;
        slot.gap_fixed = 0;
        break;
      case Anomaly::readmission:
        slot.length = rec.los;
        slot.gap_fixed = static_cast<std::int32_t>(1 + (ctx.index * 7 + j * 13) % 30);
        break;
      case Anomaly::discharge_before_admission:
        slot.length = 0;  // DISDATE is written one day before ADMIDATE
        slot.gap_min = 3;
        break;
      default:
        slot.length = rec.los;
        break;
    }
  }
}

void shorten_apc_stays(PatientContext& ctx) {
  for (std::size_t j = 0; j < ctx.apc.size(); ++j) {
    ApcRecord& rec = ctx.apc[j];
    rec.los = std::min(rec.los, std::max(1, next_min_los(ctx.apc, j)));
    if (rec.los > 0) rec.daycase = false;
  }
}

void assign_apc_dates(PatientContext& ctx, const std::vector<TimelineSlot>& slots) {
  for (std::size_t j = 0; j < ctx.apc.size(); ++j) {
    ApcRecord& rec = ctx.apc[j];
    const TimelineSlot& slot = slots[j];
    if (slot.timed) {
      rec.admit = slot.start;
      rec.disch = rec.kind == Anomaly::discharge_before_admission ? slot.start - 1 : slot.end;
      continue;
    }
    const ApcRecord* prev = j > 0 ? &ctx.apc[j - 1] : nullptr;
    if (rec.kind == Anomaly::duplicate) {
      rec.admit = prev->admit;
      rec.disch = prev->disch;
    } else if (rec.kind == Anomaly::overlap) {
      // Admitted strictly after the other spell's admission and before its discharge; discharged no later.
      rec.admit = prev->admit + static_cast<Day>(ctx.rng.between(1, prev->disch - prev->admit - 1));
      rec.disch = rec.admit + static_cast<Day>(ctx.rng.between(0, prev->disch - rec.admit));
      rec.los = rec.disch - rec.admit;
    } else {  // activity after death
      rec.admit = ctx.dod + static_cast<Day>(ctx.rng.between(1, 15));
      rec.disch = rec.admit + rec.los;
    }
  }
}

void fill_apc(PatientContext& ctx) {
  const HrgCatalogue& hrgs = ctx.g.hrgs;
  for (std::size_t j = 0; j < ctx.apc.size(); ++j) {
    ApcRecord& rec = ctx.apc[j];
    if (rec.kind == Anomaly::duplicate) {
      copy_previous_record(ctx.apc, j);  // same patient, provider, dates, HRG and coding, new SUSSPELLID
      continue;
    }
    const ClinicalCase& c = hrgs.clinical_case(rec.case_index);
    rec.root = c.root;
    rec.tretspef = c.tretspef;
    const int age = std::max(0, ctx.age_on(rec.admit));
    if (rec.kind == Anomaly::split_spell) {
      continue_previous_stay(rec, ctx.apc[j - 1]);
    } else {
      admit_new_spell(ctx, j, c, age);
    }
    // Self-discharge against clinical advice (DISMETH 2), never on the index spell of a planted readmission:
    // the readmission rule excludes a readmission after a self-discharge. (Drawn either way, so that the
    // random stream is the same.)
    const bool self_discharge = ctx.rng.permille(30);
    const bool readmission_follows = j + 1 < ctx.apc.size() && ctx.apc[j + 1].kind == Anomaly::readmission;
    rec.dismeth = self_discharge && !readmission_follows ? 2 : 1;

    code_diagnoses(ctx, rec, c, age);
    code_procedures(ctx, rec, c);
    group_and_price(ctx, rec);

    rec.who = ctx.identity_on(rec.admit);
    apply_demographic_anomaly(ctx, rec, rec.admit, &rec.diag, &rec.proc);
    // The activity month of a spell is its discharge month (spells are reported once they end).
    rec.subdate = submission_date(ctx, rec.kind, std::max(rec.admit, rec.disch), rec.disch);
  }
}

}  // namespace recon::generate
