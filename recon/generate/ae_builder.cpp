#include "recon/generate/ae_builder.hpp"

#include "recon/generate/anomaly_planner.hpp"

namespace recon::generate {

void ae_timeline_slots(const PatientContext& ctx, std::vector<TimelineSlot>& slots) {
  slots.assign(ctx.ae.size(), TimelineSlot{});
  for (std::size_t j = 0; j < ctx.ae.size(); ++j) {
    const Anomaly kind = ctx.ae[j].kind;
    slots[j].timed = !(kind == Anomaly::duplicate || kind == Anomaly::activity_after_death ||
                       kind == Anomaly::activity_before_birth);
  }
}

void assign_ae_dates(PatientContext& ctx, const std::vector<TimelineSlot>& slots) {
  for (std::size_t j = 0; j < ctx.ae.size(); ++j) {
    AeRecord& rec = ctx.ae[j];
    if (slots[j].timed) {
      rec.date = slots[j].start;
    } else if (rec.kind == Anomaly::duplicate) {
      rec.date = ctx.ae[j - 1].date;
    } else if (rec.kind == Anomaly::activity_after_death) {
      rec.date = ctx.dod + static_cast<Day>(ctx.rng.between(1, 15));
    } else {  // activity before birth
      rec.date = ctx.patient->dob - static_cast<Day>(ctx.rng.between(1, 20));
    }
  }
}

void fill_ae(PatientContext& ctx) {
  const HrgCatalogue& hrgs = ctx.g.hrgs;
  std::uint16_t hrg_weights[16];
  const std::size_t hrg_count = hrgs.ae_hrgs().size();
  for (std::size_t i = 0; i < hrg_count; ++i) hrg_weights[i] = hrgs.ae_hrgs()[i].weight;
  // AEATTENDDISP: 01 admitted, 02 GP follow-up, 03 no follow-up, 04 A&E clinic, 05 fracture clinic,
  // 06 other outpatient clinic, 07 transferred, 11 other health care, 12 left before treatment, 13 left
  // refusing.
  constexpr std::uint8_t kDisposals[] = {1, 2, 3, 4, 5, 6, 7, 11, 12, 13};
  constexpr std::uint16_t kDisposalWeights[] = {20, 25, 35, 3, 5, 3, 2, 3, 3, 1};
  constexpr std::uint8_t kCategories[] = {1, 2, 3};
  constexpr std::uint16_t kCategoryWeights[] = {900, 50, 50};

  for (std::size_t j = 0; j < ctx.ae.size(); ++j) {
    AeRecord& rec = ctx.ae[j];
    if (rec.kind == Anomaly::duplicate) {
      copy_previous_record(ctx.ae, j);
      continue;
    }
    rec.provider = ctx.choose_provider();
    rec.category = kCategories[ctx.rng.weighted(std::span<const std::uint16_t>(kCategoryWeights))];
    rec.disposal = kDisposals[ctx.rng.weighted(std::span<const std::uint16_t>(kDisposalWeights))];
    rec.hrg =
        static_cast<std::int8_t>(ctx.rng.weighted(std::span<const std::uint16_t>(hrg_weights, hrg_count)));
    rec.who = ctx.identity_on(rec.date);
    apply_demographic_anomaly(ctx, rec, rec.date, nullptr, nullptr);
    rec.subdate = submission_date(ctx, rec.kind, rec.date, rec.date);
    if (rec.kind == Anomaly::hrg_not_in_tariff) {
      rec.unknown_hrg = static_cast<std::int8_t>(ctx.rng.below(hrgs.unknown_ae_hrgs().size()));
      rec.price_pence = ctx.rng.between(100, 300) * 100;
    } else {
      rec.price_pence =
          ctx.rng.permille(700) ? static_cast<std::int64_t>(hrgs.ae_hrgs()[rec.hrg].price) * 100 : -1;
    }
    // A private patient's attendance charged to the commissioner; not one a duplicate copies next.
    const bool copied_next = j + 1 < ctx.ae.size() && ctx.ae[j + 1].kind == Anomaly::duplicate;
    if (rec.kind == Anomaly::none && hrgs.ae_hrgs()[rec.hrg].price > 0 && !copied_next &&
        private_patient_planted(ctx.g.options.anomaly_rate, rec.date, static_cast<std::uint32_t>(j))) {
      rec.kind = Anomaly::private_patient;
      rec.admincat = 2;
    }
  }
}

}  // namespace recon::generate
