#pragma once
// The history keeps each fingerprint as a 16-byte BLOB (schema version 3: half the bytes of the 32 hex digits
// versions 1 and 2 kept, in every table and key), in challenge_fingerprint.hpp's byte order, so that SQLite
// orders them as recon does. Bound and read back here only. A file is upgraded only by a write, so a run
// reads an older file as it is: `version` is the file's schema version.
#include <cstdint>
#include <optional>
#include <string>

#include "parsers/fatal_error.hpp"
#include "recon/history/history_schema.hpp"
#include "recon/history/sqlite_db.hpp"
#include "recon/writers/challenge_fingerprint.hpp"

namespace recon::history {

inline constexpr std::int64_t kFingerprintBytesSince = 3;

inline Statement& bind_fingerprint(Statement& s, int index, Fingerprint f,
                                   std::int64_t version = kSchemaVersion) {
  if (version < kFingerprintBytesSince) return s.bind(index, fingerprint_text(f));
  const FingerprintBytes bytes = fingerprint_bytes(f);
  return s.bind(index, bytes.data(), bytes.size());  // copied by SQLite: `bytes` goes now
}

// Throws FatalError naming the file for a value that is not a fingerprint.
inline Fingerprint fingerprint_column(const Database& db, const Statement& s, int column,
                                      std::int64_t version = kSchemaVersion) {
  const std::optional<Fingerprint> f = version < kFingerprintBytesSince
                                           ? parse_fingerprint(s.text_view(column))
                                           : fingerprint_from_bytes(s.blob(column));
  if (!f) throw FatalError("history " + db.path() + ": a fingerprint that is not one: a damaged file");
  return *f;
}

}  // namespace recon::history
