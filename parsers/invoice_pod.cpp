#include "parsers/invoice_pod.hpp"

#include <array>
#include <string_view>

namespace recon {
namespace {

struct Pod {
  std::string_view code;
  Dataset dataset;
};

// The dataset names themselves, then the usual SLAM / contract-monitoring points of delivery.
constexpr std::array<Pod, 25> kPods{{
    {"APC", Dataset::kApc},     {"EL", Dataset::kApc},      {"ELIP", Dataset::kApc},
    {"DC", Dataset::kApc},      {"DAYCASE", Dataset::kApc}, {"NEL", Dataset::kApc},
    {"NELNE", Dataset::kApc},   {"NELST", Dataset::kApc},   {"NELSD", Dataset::kApc},
    {"RDA", Dataset::kApc},     {"RNA", Dataset::kApc},     {"OP", Dataset::kOp},
    {"OPFA", Dataset::kOp},     {"OPFU", Dataset::kOp},     {"OPFASPCL", Dataset::kOp},
    {"OPFAMPCL", Dataset::kOp}, {"OPPROC", Dataset::kOp},   {"OPNFA", Dataset::kOp},
    {"OPNFU", Dataset::kOp},    {"AE", Dataset::kAe},       {"A&E", Dataset::kAe},
    {"AANDE", Dataset::kAe},    {"ED", Dataset::kAe},       {"EMERG", Dataset::kAe},
    {"UTC", Dataset::kAe},
}};

// Excess bed days billed as lines of their own: recon prices a spell with its excess bed days (core/pricing),
// so such a line could only be matched to a spell already billed.
constexpr std::array<std::string_view, 5> kExcessBedDays{"ELXBD", "NELXBD", "XBD", "EBD", "NELEBD"};

}  // namespace

PodReading dataset_of_pod(Code pod) {
  const std::string code = pod.str();
  const std::string_view text = code;
  for (const Pod& p : kPods)
    if (p.code == text) return {p.dataset, {}};
  for (std::string_view x : kExcessBedDays)
    if (x == text)
      return {std::nullopt,
              "POD '" + std::string(text) +
                  "' bills excess bed days on a line of their own: recon prices a spell with its "
                  "excess bed days, so they belong on the spell's line"};
  return {std::nullopt, "POD '" + std::string(text) +
                            "' is neither a dataset (APC, OP, AE) nor a point of delivery recon knows "
                            "(docs/invoice.md)"};
}

std::string pod_codes_of(Dataset dataset) {
  std::string out;
  for (const Pod& p : kPods)
    if (p.dataset == dataset) out += (out.empty() ? "" : ", ") + std::string(p.code);
  return out;
}

}  // namespace recon
