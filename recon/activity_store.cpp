#include "recon/activity_store.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <xxhash.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <type_traits>

#include "parsers/fatal_error.hpp"
#include "recon/fault_injection.hpp"
#include "recon/private_files.hpp"

namespace recon {

static_assert(std::is_trivially_copyable_v<Activity>, "Activity is spilled to disk as raw bytes");

namespace {
struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

// A spill file is a sequence of segments: [uint64 rows][uint64 id bytes][rows][ids].
struct SegmentHeader {
  std::uint64_t rows = 0, id_bytes = 0;
};
}  // namespace

std::size_t ActivityStore::partition_of(NhsNumber nhs) {
  return static_cast<std::size_t>(XXH3_64bits(&nhs, sizeof nhs) % kPartitions);
}

ActivityStore::ActivityStore(std::uint64_t memory_budget_bytes, std::filesystem::path spill_dir)
    : budget_(memory_budget_bytes), spill_dir_(std::move(spill_dir)) {}

ActivityStore::~ActivityStore() {
  if (spill_dir_created_) {
    std::error_code ec;
    std::filesystem::remove_all(spill_dir_, ec);
  }
}

std::filesystem::path ActivityStore::spill_path(std::size_t i) const {
  return spill_dir_ / ("partition-" + std::to_string(i) + ".bin");
}

void ActivityStore::add(Activity a, std::string_view id) {
  Held& p = partitions_[partition_of(a.nhs)];
  a.id = StrRef{static_cast<std::uint32_t>(p.ids.size()), static_cast<std::uint32_t>(id.size())};
  const std::size_t ids_capacity = p.ids.capacity();
  p.ids.append(id);
  held_bytes_ += p.ids.capacity() - ids_capacity;
  if (p.rows % kBlockRows == 0) {
    p.blocks.push_back(std::make_unique_for_overwrite<Activity[]>(kBlockRows));
    held_bytes_ += kBlockRows * sizeof(Activity);
  }
  p.blocks.back()[p.rows % kBlockRows] = a;
  ++p.rows;
  ++records_;
  if (held_bytes_ + (others_held_ ? others_held_() : 0) > budget_) spill();
}

namespace {
// Appends a partition's held rows to `out` (ids offsets shifted by `id_base`).
void append_rows(const std::vector<std::unique_ptr<Activity[]>>& blocks, std::size_t rows, std::uint32_t id_base,
                 std::vector<Activity>& out, std::size_t block_rows) {
  out.reserve(out.size() + rows);
  for (std::size_t r = 0; r < rows; ++r) {
    Activity a = blocks[r / block_rows][r % block_rows];
    a.id.offset += id_base;
    out.push_back(a);
  }
}

// Spill files are raw NHS numbers: a 0700 directory of 0600 files, each created fresh (never written through
// a name that was already there). The directory is created once: a later spill that finds it gone (the
// signal clean-up removed it) fails instead of recreating it behind the remover.
File open_spill_file(const std::string& path, bool first_segment) {
  const int fd =
      first_segment ? create_private_file(path) : ::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (fd < 0) return nullptr;
  File f(::fdopen(fd, "ab"));
  if (!f) ::close(fd);
  return f;
}
}  // namespace

void ActivityStore::spill() {
  if (!spill_dir_created_) {
    create_private_dir(spill_dir_);
    spill_dir_created_ = true;
  }
  for (std::size_t i = 0; i < kPartitions; ++i) {
    Held& p = partitions_[i];
    if (p.rows == 0) continue;
    const std::string path = spill_path(i).string();
    File f = open_spill_file(path, !has_spill_[i]);
    SegmentHeader h{p.rows, p.ids.size()};
    bool ok = f && std::fwrite(&h, sizeof h, 1, f.get()) == 1;
    for (std::size_t b = 0; ok && b < p.blocks.size(); ++b) {
      const std::size_t n = std::min(kBlockRows, p.rows - b * kBlockRows);
      ok = std::fwrite(p.blocks[b].get(), sizeof(Activity), n, f.get()) == n;
    }
    ok = ok && std::fwrite(p.ids.data(), 1, p.ids.size(), f.get()) == p.ids.size();
    if (!ok || std::fflush(f.get()) != 0)
      throw FatalError("cannot write spill file " + path + ": " + std::strerror(errno) +
                       " (free disk space, or raise --memory-mb)");
    spilled_records_ += p.rows;
    has_spill_[i] = true;
    p = Held{};  // release the memory, not just the size
  }
  held_bytes_ = 0;
  ++spills_;
  fault_point("spill");
}

ActivityPartition ActivityStore::take(std::size_t i) {
  ActivityPartition out;
  if (has_spill_[i]) {
    const std::string path = spill_path(i).string();
    File f(std::fopen(path.c_str(), "rb"));
    if (!f) throw FatalError("cannot read spill file " + path + ": " + std::strerror(errno));
    SegmentHeader h;
    while (std::fread(&h, sizeof h, 1, f.get()) == 1) {
      const std::size_t first = out.rows.size();
      const auto id_base = static_cast<std::uint32_t>(out.ids.size());
      out.rows.resize(first + h.rows);
      out.ids.resize(id_base + h.id_bytes);
      if (std::fread(out.rows.data() + first, sizeof(Activity), h.rows, f.get()) != h.rows ||
          std::fread(out.ids.data() + id_base, 1, h.id_bytes, f.get()) != h.id_bytes)
        throw FatalError("spill file " + path + " is truncated");
      for (std::size_t r = first; r < out.rows.size(); ++r) out.rows[r].id.offset += id_base;
    }
    f.reset();
    std::filesystem::remove(path);
  }
  Held& mem = partitions_[i];
  // What add() counted for this partition: its blocks, and its ids' growth beyond an empty string's.
  held_bytes_ -=
      mem.blocks.size() * kBlockRows * sizeof(Activity) + (mem.ids.capacity() - std::string().capacity());
  append_rows(mem.blocks, mem.rows, static_cast<std::uint32_t>(out.ids.size()), out.rows, kBlockRows);
  out.ids += mem.ids;
  mem = Held{};
  return out;
}

}  // namespace recon
