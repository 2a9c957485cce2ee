#pragma once
// Test-only fault injection: lets an end-to-end test kill the real recon binary at an exact point (after the
// Nth staged output file, the Nth file published into --out, the first spill) instead of at a time, so the
// crash-consistency tests are deterministic.
//
//   RECON_TEST_DIE_AT=POINT:N   die the Nth time POINT is reached (points: "staged", "published", "spill",
//                               "history": inside the transaction recording a run, before its commit)
//   RECON_TEST_DIE_WITH=SIG     KILL (default), TERM, INT or HUP
//
// With TERM/INT/HUP the signal goes through the normal clean-up (recon/files/signal_cleanup.hpp) and the
// calling thread waits for the process to end. At "published" use KILL only: a signal's clean-up waits for
// the publication to finish (DeferSignalCleanup), which the waiting thread never would. Unset (every real
// run), reaching a point costs a string compare.
#include <cstdint>

namespace recon {

void fault_point(const char* point);

// The size from which the patient store and the challenge list write a spill on their own threads
// (recon/engine/activity_store.hpp, challenge_spool.hpp):
// `normal`, or RECON_TEST_BACKGROUND_SPILL_BYTES when set, so that the end-to-end tests, whose small
// inputs spill only under a tiny budget, can have every spill written by those threads.
std::uint64_t background_spill_bytes(std::uint64_t normal);

}  // namespace recon
