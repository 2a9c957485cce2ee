#pragma once
// A challenge's FINGERPRINT (docs/history.md): what the challenge history (--history) knows a challenge by
// from one run to the next. CHALLENGE_ID cannot be that: it is the challenge's position in this run's list,
// so next month's CH00000001 is another challenge. The fingerprint is the XXH3-128 of the facts the
// challenge states:
//   RULE, DATASET, PROCODE3, GPPRAC, RECORD_ID, NHSNUMBER, ACTIVITY_DATE, CHARGED, CHALLENGED, EVIDENCE
// (each as challenges.csv writes it, before any CSV quoting; EVIDENCE without an `as_of=` item, the run date
// that "in the future" checks quote), so a record resubmitted unchanged keeps it, and
// a record corrected in what the rule judged gets a new one (or is not challenged at all). Left out:
// CHALLENGE_ID (a position), SEVERITY (a contract setting, not a fact of the record) and REASON (the
// evidence in words: a new wording must not make every challenge new). Two challenges of one run that state
// exactly the same facts share a fingerprint, and one answer answers both.
#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/challenge.hpp"

namespace recon {

struct Fingerprint {
  std::uint64_t high = 0, low = 0;
  auto operator<=>(const Fingerprint&) const = default;
};

Fingerprint challenge_fingerprint(const Challenge& c);
// 32 lowercase hex digits, high half first.
void append_fingerprint(std::string& out, Fingerprint f);
std::string fingerprint_text(Fingerprint f);
// The text above (either case) back; nullopt for anything else.
std::optional<Fingerprint> parse_fingerprint(std::string_view text);
// 16 bytes, high half first, each half most significant byte first: so that comparing the bytes (as SQLite
// compares BLOBs, with memcmp) orders fingerprints as operator<=> does. The history stores them so.
using FingerprintBytes = std::array<unsigned char, 16>;
FingerprintBytes fingerprint_bytes(Fingerprint f);
// The 16 bytes above back; nullopt for any other length.
std::optional<Fingerprint> fingerprint_from_bytes(std::string_view bytes);

}  // namespace recon
