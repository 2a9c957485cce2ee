#pragma once
// The challenge history's schema (docs/history.md), versioned with PRAGMA user_version: a file is created at
// the current version, upgraded from an older one inside the transaction that first writes to it (so a run
// that fails leaves it as it was), and refused, with a message saying so, when it is newer than this recon.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "recon/history/sqlite_db.hpp"

namespace recon::history {

// 1: runs, their inputs, challenges and statuses; 2: the providers' answers (recon responses import); 3: the
// fingerprints as 16-byte BLOBs, run_challenges without its challenge_id text (its position says it).
inline constexpr std::int64_t kSchemaVersion = 3;
// How long a run or an import waits for another one's write lock before giving up.
inline constexpr int kBusyWaitMs = 10 * 60 * 1000;

// The SQL that takes a file from version `from` - 1 to `from` (1 creates the first tables).
const char* migration_to(std::int64_t version);

// Throws FatalError naming the file unless its version is one this recon reads (0, a file with no tables
// yet, up to kSchemaVersion).
void refuse_newer(Database& db);
// Inside a write transaction: the migrations from the file's version up to `target` (kSchemaVersion but in
// tests), then user_version set. Returns the version the file had.
std::int64_t migrate(Database& db, std::int64_t target = kSchemaVersion);

// An existing history opened for reading and writing, after refuse_newer. nullptr when `path` does not
// exist. Throws FatalError when it is not a file SQLite can open.
std::unique_ptr<Database> open_existing(const std::filesystem::path& path);
// Opens the history, creating it 0600 when it does not exist (two runs creating it at once: one creates,
// both open it).
std::unique_ptr<Database> open_or_create(const std::filesystem::path& path);
// Before any input is read: an existing history must open and not be newer; a new one's folder must exist
// and be writable. Returns a warning (e.g. the file is readable by others) or "". Throws FatalError.
std::string check_history_path(const std::filesystem::path& path);

}  // namespace recon::history
