// `recon generate`: writes a seeded, coherent synthetic data set (activity, practice records, reference
// files and the ground truth of planted anomalies) for samples, tests and benchmarks.
#pragma once

namespace recon {

// argv[0] is "generate". Returns the process exit code: 0 success, 1 I/O failure, 2 bad options.
int generate_command(int argc, const char* const* argv);

}  // namespace recon
