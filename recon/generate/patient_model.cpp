#include "recon/generate/patient_model.hpp"

#include <algorithm>

#include "recon/generate/nhs_number.hpp"
#include "recon/generate/rng.hpp"

namespace recon::generate {

namespace {

struct AgeBand {
  int from, to;
  std::uint32_t weight;
};
// Age at the start of the period of everyone not born during it (roughly the England age pyramid).
constexpr AgeBand kPopulationAges[] = {{1, 4, 5},    {5, 17, 14},  {18, 44, 35},
                                       {45, 64, 26}, {65, 79, 14}, {80, 99, 6}};
constexpr std::uint32_t kAgeWeights[] = {5, 14, 35, 26, 14, 6};

// Relative use of hospital services by age band (0-17, 18-44, 45-64, 65-79, 80+).
constexpr std::uint32_t kApcWeight[] = {2, 3, 5, 9, 12};
constexpr std::uint32_t kOpWeight[] = {3, 4, 6, 9, 10};
constexpr std::uint32_t kAeWeight[] = {5, 4, 4, 5, 8};
constexpr std::uint32_t kDeathPermille[] = {1, 1, 6, 25, 80};

// Splits `total` rows over the patients in proportion to their weights, exactly (the counts sum to total).
template <typename Member>
void distribute(std::vector<Patient>& patients, const std::vector<std::uint32_t>& weights,
                std::uint64_t total, Member member) {
  unsigned __int128 sum = 0;
  for (auto w : weights) sum += w;
  if (sum == 0) return;
  unsigned __int128 prefix = 0;
  std::uint64_t assigned = 0;
  for (std::size_t i = 0; i < patients.size(); ++i) {
    prefix += weights[i];
    const auto upto = static_cast<std::uint64_t>(prefix * total / sum);
    patients[i].*member = static_cast<std::uint32_t>(upto - assigned);
    assigned = upto;
  }
}

// Sex, practice, birth and registration of patient p. Returns the age at the start of the period (0 for
// a baby born during it).
int draw_person(Patient& p, Rng& rng, std::span<const std::uint16_t> practice_weights, Day start, Day end) {
  p.sex = rng.below(2) == 0 ? '1' : '2';
  p.practice = static_cast<std::uint16_t>(rng.weighted(practice_weights));
  // About 2% are babies born during the period (when it is long enough to see them born and treated).
  p.infant = end - start >= 120 && rng.permille(20);
  if (p.infant) {
    p.dob = static_cast<Day>(rng.between(start + 30, end - 60));
    p.regdate = p.dob;  // registered from birth, so everything after birth is covered
    return 0;
  }
  const AgeBand& band = kPopulationAges[rng.weighted(std::span<const std::uint32_t>(kAgeWeights))];
  const int age_at_start = static_cast<int>(rng.between(band.from, band.to));
  p.dob =
      start - static_cast<Day>(age_at_start * 365 + age_at_start / 4) - static_cast<Day>(rng.between(1, 364));
  const Day earliest = std::max(p.dob, start - 30 * 365);
  p.regdate = static_cast<Day>(rng.between(earliest, start - 120));
  return age_at_start;
}

// The patient's code for a condition (index into its codes), respecting sex-specific cancers and giving
// type 1 diabetes to the young; -1 if eight draws found none that fits.
int draw_condition_code(const ChronicCondition& condition, const Patient& p, int age_at_start, Rng& rng) {
  const CodeCatalogue& codes = CodeCatalogue::instance();
  for (int attempt = 0; attempt < 8; ++attempt) {
    const auto chosen = static_cast<std::uint8_t>(rng.below(condition.codes.size()));
    const IcdCode& code = codes.icd(condition.codes[chosen]);
    bool fits = code.sex == 0 || code.sex == p.sex_letter();
    if (condition.reg == Register::DM)
      fits = (age_at_start < 25) == (code.code() == "E109") || rng.permille(100);
    if (fits) return chosen;
  }
  return -1;
}

// The chronic conditions of a patient not born during the period, by the prevalence of their age band.
// Returns how many they have.
int draw_conditions(Patient& p, int age_at_start, Rng& rng) {
  const int band = age_band(age_at_start);
  int count = 0;
  for (const auto& condition : CodeCatalogue::instance().conditions()) {
    if (age_at_start < condition.min_age || !rng.permille(condition.prevalence_permille[band])) continue;
    const int chosen = draw_condition_code(condition, p, age_at_start, rng);
    if (chosen < 0) continue;
    p.conditions |= static_cast<std::uint16_t>(1U << static_cast<int>(condition.reg));
    p.condition_code[static_cast<int>(condition.reg)] = static_cast<std::uint8_t>(chosen);
    ++count;
  }
  return count;
}

// Whether a patient not born during the period moves practice (and to which) and dies during it.
void draw_move_and_death(Patient& p, const Organisations& orgs, int age_at_start, Rng& rng) {
  p.mover = orgs.practices.size() > 1 && rng.permille(50);
  if (p.mover) {
    p.new_practice = static_cast<std::uint16_t>((p.practice + 1 + rng.below(orgs.practices.size() - 1)) %
                                                orgs.practices.size());
  }
  p.dies = rng.permille(kDeathPermille[age_band(age_at_start)]);
}

// How much a patient uses each service, relative to the others (the weights rows are shared out by).
struct UsageWeights {
  std::uint32_t apc, op, ae;
};

UsageWeights draw_usage(const Patient& p, int age_at_start, int condition_count, Rng& rng) {
  const int band = age_band(age_at_start);
  // Heavy users: a quarter of patients use services two to four times as much.
  const std::uint32_t intensity = rng.permille(250) ? static_cast<std::uint32_t>(rng.between(2, 4)) : 1;
  const std::uint32_t extra = static_cast<std::uint32_t>(3 * condition_count) + (p.dies ? 4 : 0);
  const bool childbearing = p.sex == '2' && age_at_start >= 16 && age_at_start <= 44;
  return {(p.infant ? 4 : kApcWeight[band] + extra + (childbearing ? 2 : 0)) * intensity,
          (p.infant ? 3 : kOpWeight[band] + extra) * intensity,
          (p.infant ? 4 : kAeWeight[band] + extra / 2) * intensity};
}

}  // namespace

std::vector<Patient> build_population(const GenerateOptions& options, const Organisations& orgs) {
  const Day start = options.start_date;
  const Day end = options.period_end();
  NhsNumberAllocator numbers(options.seed);
  std::vector<Patient> patients(options.patients);
  std::vector<std::uint32_t> apc_w(options.patients), op_w(options.patients), ae_w(options.patients);
  const std::vector<std::uint16_t> practice_weights(orgs.practice_weight.begin(), orgs.practice_weight.end());

  for (std::uint64_t i = 0; i < options.patients; ++i) {
    Rng rng(options.seed, kStreamPopulation, i);
    Patient& p = patients[i];
    p.nhs_number = numbers.next();
    const int age_at_start = draw_person(p, rng, practice_weights, start, end);
    int condition_count = 0;
    if (!p.infant) {
      condition_count = draw_conditions(p, age_at_start, rng);
      draw_move_and_death(p, orgs, age_at_start, rng);
    }
    const UsageWeights usage = draw_usage(p, age_at_start, condition_count, rng);
    apc_w[i] = usage.apc;
    op_w[i] = usage.op;
    ae_w[i] = usage.ae;
  }
  distribute(patients, apc_w, options.apc_rows, &Patient::apc_count);
  distribute(patients, op_w, options.op_rows, &Patient::op_count);
  distribute(patients, ae_w, options.ae_rows, &Patient::ae_count);
  return patients;
}

}  // namespace recon::generate
