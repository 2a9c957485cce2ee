#pragma once
// An invoice line's POD column: the dataset it bills. Providers' SLAM files name the point of delivery
// rather than the dataset; the codes recon knows, and why excess bed days are not among them, are listed in
// docs/invoice.md.
#include <optional>
#include <string>

#include "core/code.hpp"
#include "core/dataset.hpp"

namespace recon {

struct PodReading {
  std::optional<Dataset> dataset;  // empty: not a POD recon can match; `why` says so
  std::string why;
};

// `pod` is upper case (as Code reads it).
PodReading dataset_of_pod(Code pod);

// The POD codes read as each dataset, for docs and `recon layouts`: "APC, EL, ELIP, ...".
std::string pod_codes_of(Dataset dataset);

}  // namespace recon
